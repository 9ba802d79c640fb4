-- One row per project the organisation $org_id carries (its name in the Träger text) on one page of
-- organisation_projects: Parameters: $org_id (an org_id); $limit rows after skipping $offset.
-- Same columns and order as organisation_projects (largest first); unknown amounts stay NULL.
-- Builds on queries/macros/carried_projects.sql.
select p.*
from carried_project_rows($org_id, $limit, $offset) as p
order by coalesce(p.total_eur, p.esf_eur) desc nulls last, p.title, p.project_id
