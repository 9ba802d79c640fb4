-- One row per membership in the alliances $alliance_ids or their sub-networks, of a listed organisation: the
-- Bündnisprofil's whole member list, by alliance, then organisation. Parameters: $alliance_ids.
-- Builds on queries/macros/alliance_member_rows.sql, queries/macros/network_organisations.sql.
select m.*
from alliance_member_rows($alliance_ids, null, 0) as m
order by m.alliance, m.alliance_id, m.organisation, m.org_id, m.role
