-- One row per other listed organisation that is a member of an alliance (or sub-network) the organisation
-- $org_id is a member of: the shared alliances as a label and their number, most shared first.
-- Parameters: $org_id (an org_id).
-- Builds on queries/macros/partner_organisations.sql.
select p.*
from partner_organisations($org_id, null, 0) as p
order by p.shared_alliances desc, p.organisation, p.org_id
