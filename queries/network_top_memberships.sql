-- One row per membership of the $limit organisations the network graph shows: those in the most filtered alliances and sub-networks, then in the most of all, then by name and org_id.
-- Parameters: $alliance_ids, $ags_list (NULL = all), $limit (how many organisations; NULL = all).
-- Builds on queries/macros/network_organisations.sql, queries/macros/origin_marks.sql (origin: its German label).
with in_filter as (
    select * from network_alliances($alliance_ids, $ags_list)
),
shown as (
    select * from network_shown_organisations($alliance_ids, $ags_list, $limit)
)
select
    f.alliance_id,
    f.alliance,
    f.parent_alliance_id,
    o.org_id,
    o.name as organisation,
    o.type,
    m.role,
    origin_label(m.origin) as origin,
    m.since,
    s.n_alliances,
    m.source_id
from memberships as m
join in_filter as f on f.alliance_id = m.alliance_id
join shown as s on s.org_id = m.org_id
join organisations as o on o.org_id = m.org_id
order by f.alliance, f.alliance_id, o.name, o.org_id, m.role
