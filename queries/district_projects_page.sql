-- One row per listed project located in the district $ags on one page of district_projects, with the alliances it
-- runs through. Parameters: $ags (a 5-digit AGS); $limit rows after skipping $offset. Same columns and order as district_projects.
-- Builds on queries/macros/district_project_rows.sql.
select p.*
from district_project_rows($ags, $limit, $offset) as p
order by p.title, p.project_id
