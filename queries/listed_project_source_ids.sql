-- One row per source cited by at least one filtered project (see filtered_projects in fkb/db.py).
-- Parameters: $alliance_ids, $ags_list, $period_ids (NULL = all), $search (NULL = none).
select distinct p.source_id
from filtered_projects($alliance_ids, $ags_list, $period_ids, $search) as f
join projects as p on p.project_id = f.project_id
where p.source_id is not null
order by p.source_id
