-- One row per chosen district x organisation type: the distinct organisations seated in the district
-- (organisations.ags) that are members of an alliance or sub-network (memberships.csv); type NULL (not given)
-- counts as its own row. A district without such an organisation has no row.
-- Parameters: $ags_list (list of AGS of data/districts.csv; NULL = all districts).
select
    d.ags,
    any_value(d.name) as name,
    o.type,
    count(distinct o.org_id) as organisations,
    string_agg(distinct m.source_id, ',' order by m.source_id) as source_ids
from organisations as o
join districts as d on d.ags = o.ags
join memberships as m on m.org_id = o.org_id
where $ags_list is null or list_contains($ags_list, d.ags)
group by all
order by name, d.ags, organisations desc, o.type nulls last
