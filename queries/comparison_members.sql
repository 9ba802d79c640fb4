-- One row per chosen alliance x organisation type of its members: the distinct member organisations of the
-- alliance and its sub-networks (memberships.csv) of that type; type NULL (not given) counts as its own row.
-- Parameters: $alliance_ids (list of recognised alliance ids; NULL = all).
-- Builds on queries/macros/chosen_alliances.sql.
select
    coalesce(a.parent_alliance_id, a.alliance_id) as alliance_id,
    any_value(coalesce(top.short_name, top.name)) as short_name,
    o.type,
    count(distinct o.org_id) as organisations,
    string_agg(distinct m.source_id, ',' order by m.source_id) as source_ids
from memberships as m
join alliances as a on a.alliance_id = m.alliance_id
join alliances as top on top.alliance_id = coalesce(a.parent_alliance_id, a.alliance_id)
join organisations as o on o.org_id = m.org_id
where coalesce(a.parent_alliance_id, a.alliance_id) in (select alliance_id from chosen_alliances($alliance_ids, null))
group by all
order by short_name, alliance_id, organisations desc, o.type nulls last
