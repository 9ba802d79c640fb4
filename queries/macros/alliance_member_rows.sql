-- Table macro alliance_member_rows(alliance_ids, page_rows, skipped): one row (alliance_id, alliance, org_id,
-- organisation, type, role, source_id) per membership of a listed organisation in the alliances `alliance_ids`
-- or their sub-networks (network_alliances, all Landkreise); alliance is the short name, else the name. With
-- page_rows, only the page_rows memberships after skipping `skipped` in the list's order (by alliance, then
-- organisation name, org_id and role); page_rows NULL = all. The same memberships and order as
-- network_top_memberships with no limit, without ranking every organisation of the data: one definition for the
-- Bündnisprofil's whole member list (queries/alliance_members.sql), its pages (alliance_members_page.sql) and
-- their number (alliance_member_summary.sql).
create macro alliance_member_rows(alliance_ids, page_rows, skipped) as table
select f.alliance_id, f.alliance, o.org_id, o.name as organisation, o.type, m.role, m.source_id
from memberships as m
join network_alliances(alliance_ids, null) as f on f.alliance_id = m.alliance_id
join organisations as o on o.org_id = m.org_id
order by f.alliance, f.alliance_id, o.name, o.org_id, m.role
limit page_rows offset skipped;
