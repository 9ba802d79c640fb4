-- One row per listed project on one page of the filtered list:
-- Parameters: $alliance_ids, $ags_list, $period_ids (NULL = all), $search (NULL = none); $limit rows
-- after skipping $offset. Same columns and order as listed_projects (largest first); unknown amounts stay NULL.
-- Builds on queries/macros/listed_project_rows.sql.
select p.*
from listed_project_rows($alliance_ids, $ags_list, $period_ids, $search, $limit, $offset) as p
order by coalesce(p.total_eur, p.esf_eur) desc nulls last, p.title, p.project_id
