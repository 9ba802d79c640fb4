-- Table macro project_alliance_labels(project_ids): one row (project_id, alliances) per project linked to an
-- alliance, the alliances it runs through as one label ("Leine-Weser, Nordwest"). Parameter project_ids: a list
-- of project ids to label, NULL = every project. A short list (a page) is labelled alone: aggregating every
-- project's alliances costs more than the page. Each case is a branch DuckDB decides before it runs the query.
create macro project_alliance_labels(project_ids) as table
select pa.project_id, string_agg(coalesce(a.short_name, a.name), ', ' order by a.short_name) as alliances
from project_alliances as pa
join alliances as a on a.alliance_id = pa.alliance_id
where project_ids is null
group by pa.project_id
union all
select pa.project_id, string_agg(coalesce(a.short_name, a.name), ', ' order by a.short_name) as alliances
from project_alliances as pa
join alliances as a on a.alliance_id = pa.alliance_id
where project_ids is not null and pa.project_id in (select unnest(project_ids))
group by pa.project_id;
