-- One row per listed project whose Träger text names the organisation $org_id (its name appears in the
-- sponsor field, case-insensitive; the data has no Träger id), with its alliances and source, largest first;
-- unknown amounts stay NULL. The whole list, for downloads; the page shows organisation_projects_page.
-- Parameters: $org_id (an org_id).
-- Builds on queries/macros/carried_projects.sql.
select p.*
from carried_project_rows($org_id, null, 0) as p
order by coalesce(p.total_eur, p.esf_eur) desc nulls last, p.title, p.project_id
