-- One row per membership on one page of alliance_members (same columns and order, by alliance, then organisation).
-- Parameters: $alliance_ids; $limit rows after skipping $offset.
-- Builds on queries/macros/alliance_member_rows.sql, queries/macros/network_organisations.sql.
select m.*
from alliance_member_rows($alliance_ids, $limit, $offset) as m
order by m.alliance, m.alliance_id, m.organisation, m.org_id, m.role
