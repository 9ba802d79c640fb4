-- Table macro district_project_rows(district_ags, page_rows, skipped): one row per listed project located in
-- the district district_ags (a 5-digit AGS), with the alliances it runs through, unordered; the page_rows
-- projects after skipping `skipped` by title and project_id (page_rows NULL = all). One definition for the
-- whole list (queries/district_projects.sql) and its pages (district_projects_page.sql).
create macro district_project_rows(district_ags, page_rows, skipped) as table
with chosen as (
    select p.*
    from projects as p
    where p.ags = district_ags
    order by p.title, p.project_id
    limit page_rows offset skipped
)
select
    p.project_id,
    p.title,
    p.sponsor,
    string_agg(coalesce(a.short_name, a.name), ', ' order by a.short_name) as alliances,
    p.alliance_link,
    p.total_eur,
    p.esf_eur,
    p.amount_qualifier,
    coalesce(p.total_eur_qualifier, p.amount_qualifier) as total_eur_qualifier,
    coalesce(p.esf_eur_qualifier, p.amount_qualifier) as esf_eur_qualifier,
    p.start_date,
    p.end_date,
    project_origins(p.title_origin, p.sponsor_origin, p.start_date_origin, p.end_date_origin) as origins,
    p.source_id
from chosen as p
left join project_alliances as pa on pa.project_id = p.project_id
left join alliances as a on a.alliance_id = pa.alliance_id
group by all;
