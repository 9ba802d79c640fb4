-- Table macro listed_page_ids(alliance_ids, ags_list, period_ids, search, page_rows, skipped): the ids (project_id)
-- of the page_rows listed projects after skipping `skipped` in the lists' order (largest first, then title and id)
-- among those passing the filters (filtered_projects decides, NULL = no filter), in that order (rank from 1).
-- Without a search, the page's rows are among the projects whose amount is at least the amount at the page's last
-- place (all of them once that place's amount is unknown): found on the narrow, bit-filtered rows of project_facets
-- (queries/macros/project_facets.sql, facet_projects decides as filtered_projects does), so only those few are read
-- from projects and sorted by title (at 1M projects and one alliance ~30 instead of ~90 ms). A search reads titles
-- and Träger of all projects (filtered_projects).
create macro listed_page_ids(alliance_ids, ags_list, period_ids, search, page_rows, skipped) as table
with
keyed as not materialized (  -- read twice: scanning the narrow rows again costs less than keeping them
    select f.project_id, coalesce(f.total_eur, f.esf_eur) as amount
    from facet_projects(alliance_ids, ags_list, period_ids) as f
    where page_rows is not null and search is null
),
page_bound as (
    select k.amount from keyed as k order by k.amount desc nulls last limit 1 offset page_rows + skipped - 1
),
candidates as (
    select p.project_id, p.total_eur, p.esf_eur, p.title
    from projects as p
    where search is null and p.project_id in (
        select k.project_id from keyed as k
        where (select b.amount from page_bound as b) is null or k.amount >= (select b.amount from page_bound as b)
    )
    union all
    select p.project_id, p.total_eur, p.esf_eur, p.title
    from filtered_projects(alliance_ids, ags_list, period_ids, search) as p
    where page_rows is not null and search is not null
)
select c.project_id
from candidates as c
order by coalesce(c.total_eur, c.esf_eur) desc nulls last, c.title, c.project_id
limit page_rows offset skipped;

-- Table macro listed_project_rows(alliance_ids, ags_list, period_ids, search, page_rows, skipped): one row per
-- listed project passing the filters (filtered_projects), with its alliances, district and source, unordered;
-- with page_rows, only the page_rows projects after skipping `skipped` in the lists' order (listed_page_ids).
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
        select i.project_id from listed_page_ids(alliance_ids, ags_list, period_ids, search, page_rows, skipped) as i
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
