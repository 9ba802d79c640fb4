-- One row per listed project located in the district $ags on one page of district_projects, with the alliances it
-- runs through. Parameters: $ags (a 5-digit AGS); $limit rows after skipping $offset. Same columns and order as district_projects.
with page as (
    select p.*
    from projects as p
    where p.ags = $ags
    order by p.title, p.project_id
    limit $limit offset $offset
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
    p.start_date,
    p.end_date,
    p.source_id
from page as p
left join project_alliances as pa on pa.project_id = p.project_id
left join alliances as a on a.alliance_id = pa.alliance_id
group by all
order by p.title, p.project_id
