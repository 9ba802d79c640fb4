-- One row per listed project passing the filters (see filtered_projects in fkb/db.py), largest
-- first. Parameters: $alliance_ids, $ags_list, $period_ids (NULL = all), $search (NULL = none).
-- Amounts stay NULL where unknown.
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
from filtered_projects($alliance_ids, $ags_list, $period_ids, $search) as p
left join project_alliance_labels() as lab on lab.project_id = p.project_id
left join districts as d on d.ags = p.ags
left join sources as s on s.source_id = p.source_id
order by coalesce(p.total_eur, p.esf_eur) desc nulls last, p.title, p.project_id
