-- One row per partner organisation of $org_id on one page of organisation_partners (same columns and order,
-- most shared first). Parameters: $org_id (an org_id); $limit rows after skipping $offset.
-- Builds on queries/macros/partner_organisations.sql.
select p.*
from partner_organisations($org_id, $limit, $offset) as p
order by p.shared_alliances desc, p.organisation, p.org_id
