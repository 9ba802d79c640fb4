-- One row per filtered alliance or sub-network with members: how many organisations it has, how many of them the graph shows (ranked as in network_top_memberships) and how many it leaves out.
-- Parameters: $alliance_ids, $ags_list (NULL = all), $limit (how many organisations the graph shows; NULL = all).
with in_filter as (
    select a.alliance_id, coalesce(a.short_name, a.name) as alliance, a.parent_alliance_id
    from alliances as a
    where coalesce(a.parent_alliance_id, a.alliance_id)
        in (select alliance_id from chosen_alliances($alliance_ids, $ags_list))
),
pairs as (
    select distinct m.org_id, m.alliance_id from memberships as m
),
spread as (
    select
        pr.org_id,
        count(*) as n_alliances,
        count(*) filter (where pr.alliance_id in (select alliance_id from in_filter)) as n_in_filter
    from pairs as pr
    group by pr.org_id
),
shown as (
    select sp.org_id
    from spread as sp
    join organisations as o on o.org_id = sp.org_id
    where sp.n_in_filter > 0
    order by sp.n_in_filter desc, sp.n_alliances desc, o.name, sp.org_id
    limit $limit
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
