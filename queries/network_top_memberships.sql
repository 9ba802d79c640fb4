-- One row per membership of the $limit organisations the network graph shows: those in the most filtered alliances and sub-networks, then in the most of all, then by name and org_id.
-- Parameters: $alliance_ids, $ags_list (NULL = all), $limit (how many organisations; NULL = all).
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
    o.org_id,
    o.name as organisation,
    o.type,
    m.role,
    m.since,
    sp.n_alliances,
    m.source_id
from memberships as m
join in_filter as f on f.alliance_id = m.alliance_id
join shown as s on s.org_id = m.org_id
join organisations as o on o.org_id = m.org_id
join spread as sp on sp.org_id = m.org_id
order by f.alliance, f.alliance_id, o.name, o.org_id, m.role
