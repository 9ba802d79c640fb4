-- One row for the partner organisations of $org_id (organisation_partners): how many there are.
-- Parameters: $org_id (an org_id).
-- Builds on queries/macros/partner_organisations.sql.
select count(distinct s.org_id) as organisations
from partner_shares($org_id) as s
