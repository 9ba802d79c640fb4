-- One row per filtered project whose start and end are both known, with the first and last day
-- they cover (month- or year-precise dates widen to the whole month or year).
-- Parameters: $alliance_ids, $ags_list, $period_ids (NULL = all), $search (NULL = none).
-- Builds on queries/macros/dates.sql, queries/macros/filtered_projects.sql.
with runtimes as (
    select p.project_id, p.title, p.title_origin, p.start_date, p.end_date, p.start_date_origin, p.end_date_origin, p.source_id
    from filtered_projects($alliance_ids, $ags_list, $period_ids, $search) as p
    where p.start_date is not null and p.end_date is not null
),
-- Labels only for these projects: aggregating every project's alliances costs more than a small selection.
labels as (
    select
        pa.project_id,
        string_agg(coalesce(a.short_name, a.name), ', ' order by a.short_name) as alliances
    from project_alliances as pa
    join alliances as a on a.alliance_id = pa.alliance_id
    where pa.project_id in (select r.project_id from runtimes as r)
    group by pa.project_id
)
select
    r.project_id,
    r.title,
    coalesce(lab.alliances, 'ohne belegte Bündniszuordnung') as alliances,
    r.start_date,
    r.end_date,
    r.title_origin,
    r.start_date_origin,
    r.end_date_origin,
    date_lo(r.start_date) as start_day,
    date_hi(r.end_date) as end_day,
    r.source_id
from runtimes as r
left join labels as lab on lab.project_id = r.project_id
order by start_day, r.title, r.project_id
