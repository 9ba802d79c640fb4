-- One row per membership of the organisation $org_id: the alliance (or sub-network and the alliance it
-- belongs to), role, since, source and origin (empty = listed by the source, 'erschlossen' = inferred). Parameters: $org_id (an org_id).
select
    m.alliance_id,
    coalesce(a.short_name, a.name) as alliance,
    a.name as alliance_name,
    a.parent_alliance_id,
    coalesce(parent.short_name, parent.name) as parent_alliance,
    m.role,
    m.since,
    m.source_id,
    m.origin
from memberships as m
join alliances as a on a.alliance_id = m.alliance_id
left join alliances as parent on parent.alliance_id = a.parent_alliance_id
where m.org_id = $org_id
order by alliance, m.alliance_id, m.role
