-- One row: the filtered network's alliances and sub-networks with members, its organisations, memberships and organisations in several alliances (of all), and how many organisations the graph shows.
-- Parameters: $alliance_ids, $ags_list (NULL = all), $limit (how many organisations the graph shows; NULL = all).
-- Builds on queries/macros/network_organisations.sql.
with in_filter as (
    select n.alliance_id from network_alliances($alliance_ids, $ags_list) as n
),
spread as (
    select pr.org_id, count(*) as n_alliances
    from (select distinct m.org_id, m.alliance_id from memberships as m) as pr
    group by pr.org_id
),
filtered as (
    select m.alliance_id, m.org_id, sp.n_alliances
    from memberships as m
    join in_filter as f on f.alliance_id = m.alliance_id
    join spread as sp on sp.org_id = m.org_id
)
select
    count(distinct alliance_id) as alliances,
    count(distinct org_id) as organisations,
    least(count(distinct org_id), coalesce($limit, count(distinct org_id))) as organisations_shown,
    count(distinct org_id) - least(count(distinct org_id), coalesce($limit, count(distinct org_id))) as organisations_not_shown,
    count(*) as memberships,
    count(distinct org_id) filter (where n_alliances > 1) as shared_organisations
from filtered
