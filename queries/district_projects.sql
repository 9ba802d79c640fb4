-- One row per listed project located in the district $ags, with the alliances it runs through
-- Parameters: $ags (a 5-digit AGS).
-- Builds on queries/macros/district_project_rows.sql.
select p.*
from district_project_rows($ags, null, 0) as p
order by p.title, p.project_id
