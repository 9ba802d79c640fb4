-- One row per organisation of the filtered network that belongs to more than one alliance or sub-network (of all), most alliances first, at most $limit rows.
-- Parameters: $alliance_ids, $ags_list (NULL = all), $limit (how many organisations; NULL = all).
-- Builds on queries/macros/network_organisations.sql.
with in_filter as (
    select n.alliance_id, n.alliance from network_alliances($alliance_ids, $ags_list) as n
),
spread as (
    select pr.org_id, count(*) as n_alliances
    from (select distinct m.org_id, m.alliance_id from memberships as m) as pr
    group by pr.org_id
    having count(*) > 1
)
select
    o.org_id,
    o.name as organisation,
    o.type,
    sp.n_alliances,
    string_agg(distinct f.alliance, ', ' order by f.alliance) as alliances
from memberships as m
join in_filter as f on f.alliance_id = m.alliance_id
join spread as sp on sp.org_id = m.org_id
join organisations as o on o.org_id = m.org_id
group by o.org_id, o.name, o.type, sp.n_alliances
order by sp.n_alliances desc, o.name, o.org_id
limit $limit
