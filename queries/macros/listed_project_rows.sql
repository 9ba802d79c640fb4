-- Table macro listed_project_rows(alliance_ids, ags_list, period_ids, search, page_rows, skipped): one row per
-- listed project passing the filters (filtered_projects), with its alliances, district and source, unordered;
-- with page_rows, only the page_rows projects after skipping `skipped` in the lists' order (largest first).
-- One definition for the whole list (queries/listed_projects.sql) and its pages (listed_projects_page.sql).
create macro listed_project_rows(alliance_ids, ags_list, period_ids, search, page_rows, skipped) as table
with chosen as (
    select p.* from filtered_projects(alliance_ids, ags_list, period_ids, search) as p
    where page_rows is null
    union all
    -- A page's ids are chosen on the sort key alone and their rows fetched after: sorting whole rows of
    -- a million projects cost ~30 ms more.
    select pr.* from projects as pr
    where page_rows is not null and pr.project_id in (
        select p.project_id
        from filtered_projects(alliance_ids, ags_list, period_ids, search) as p
        order by coalesce(p.total_eur, p.esf_eur) desc nulls last, p.title, p.project_id
        limit page_rows offset skipped
    )
),
labels as (
    select * from project_alliance_labels(null) where page_rows is null
    union all
    select * from project_alliance_labels((select list(c.project_id) from chosen as c)) where page_rows is not null
)
select
    p.project_id,
    p.title,
    p.sponsor,
    lab.alliances,
    p.alliance_link,
    d.name as district,
    p.total_eur,
    p.esf_eur,
    p.land_eur,
    p.amount_qualifier,
    coalesce(p.total_eur_qualifier, p.amount_qualifier) as total_eur_qualifier,
    coalesce(p.esf_eur_qualifier, p.amount_qualifier) as esf_eur_qualifier,
    coalesce(p.land_eur_qualifier, p.amount_qualifier) as land_eur_qualifier,
    p.start_date,
    p.end_date,
    project_origins(p.title_origin, p.sponsor_origin, p.start_date_origin, p.end_date_origin) as origins,
    p.priority,
    p.note,
    p.source_id,
    s.title as source_title,
    s.url as source_url
from chosen as p
left join labels as lab on lab.project_id = p.project_id
left join districts as d on d.ags = p.ags
left join sources as s on s.source_id = p.source_id;
