-- One row per listed project on one page of the filtered list (see filtered_projects in fkb/db.py):
-- Parameters: $alliance_ids, $ags_list, $period_ids (NULL = all), $search (NULL = none); $limit rows
-- after skipping $offset. Same columns and order as listed_projects (largest first); unknown amounts stay NULL.
with page as (
    -- The page's ids are chosen on the sort key alone and their rows fetched after: sorting whole rows of
    -- a million projects cost ~30 ms more.
    select pr.*
    from projects as pr
    where pr.project_id in (
        select p.project_id
        from filtered_projects($alliance_ids, $ags_list, $period_ids, $search) as p
        order by coalesce(p.total_eur, p.esf_eur) desc nulls last, p.title, p.project_id
        limit $limit offset $offset
    )
),
-- Labels only for the rows of this page: aggregating every project's alliances would cost more than the page.
labels as (
    select
        pa.project_id,
        string_agg(coalesce(a.short_name, a.name), ', ' order by a.short_name) as alliances
    from project_alliances as pa
    join alliances as a on a.alliance_id = pa.alliance_id
    where pa.project_id in (select pg.project_id from page as pg)
    group by pa.project_id
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
    p.start_date,
    p.end_date,
    p.priority,
    p.note,
    p.source_id,
    s.title as source_title,
    s.url as source_url
from page as p
left join labels as lab on lab.project_id = p.project_id
left join districts as d on d.ags = p.ags
left join sources as s on s.source_id = p.source_id
order by coalesce(p.total_eur, p.esf_eur) desc nulls last, p.title, p.project_id
