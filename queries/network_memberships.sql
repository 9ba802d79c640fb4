-- One row per membership of an organisation in a filtered alliance or one of its sub-networks,
-- with how many alliances/networks (of all, unfiltered) the organisation belongs to.
-- Parameters: $alliance_ids, $ags_list (NULL = all).
-- Builds on queries/macros/chosen_alliances.sql, queries/macros/origin_marks.sql (origin: its German label).
with spread as (
    select m.org_id, count(distinct m.alliance_id) as n_alliances
    from memberships as m
    group by m.org_id
)
select
    a.alliance_id,
    coalesce(a.short_name, a.name) as alliance,
    a.parent_alliance_id,
    o.org_id,
    o.name as organisation,
    o.type,
    m.role,
    m.since,
    sp.n_alliances,
    m.source_id,
    origin_label(m.origin) as origin
from memberships as m
join alliances as a on a.alliance_id = m.alliance_id
join organisations as o on o.org_id = m.org_id
join spread as sp on sp.org_id = m.org_id
where coalesce(a.parent_alliance_id, a.alliance_id)
    in (select alliance_id from chosen_alliances($alliance_ids, $ags_list))
order by alliance, o.name, o.org_id, m.role
