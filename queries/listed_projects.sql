-- One row per listed project passing the filters, largest
-- first. Parameters: $alliance_ids, $ags_list, $period_ids (NULL = all), $search (NULL = none).
-- Amounts stay NULL where unknown.
-- Builds on queries/macros/listed_project_rows.sql.
select p.*
from listed_project_rows($alliance_ids, $ags_list, $period_ids, $search, null, 0) as p
order by coalesce(p.total_eur, p.esf_eur) desc nulls last, p.title, p.project_id
