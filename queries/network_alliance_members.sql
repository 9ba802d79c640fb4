-- One row per filtered alliance or sub-network with members: how many organisations it has, how many of them the graph shows (ranked as in network_top_memberships) and how many it leaves out.
-- Parameters: $alliance_ids, $ags_list (NULL = all), $limit (how many organisations the graph shows; NULL = all).
-- Builds on queries/macros/network_organisations.sql.
with in_filter as (
    select * from network_alliances($alliance_ids, $ags_list)
),
shown as (
    select org_id from network_shown_organisations($alliance_ids, $ags_list, $limit)
)
select
    f.alliance_id,
    f.alliance,
    f.parent_alliance_id,
    count(distinct m.org_id) as members,
    count(distinct s.org_id) as members_shown,
    count(distinct m.org_id) - count(distinct s.org_id) as members_not_shown,
    coalesce(array_agg(distinct m.source_id order by m.source_id) filter (where m.source_id is not null), []) as source_ids
from memberships as m
join in_filter as f on f.alliance_id = m.alliance_id
left join shown as s on s.org_id = m.org_id
group by f.alliance_id, f.alliance, f.parent_alliance_id
order by f.alliance, f.alliance_id
