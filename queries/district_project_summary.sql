-- One row for the listed projects located in the district $ags: how many there are and the sources they cite.
-- Parameters: $ags (a 5-digit AGS).
select
    count(*) as projects,
    coalesce(list(distinct p.source_id order by p.source_id) filter (where p.source_id is not null), []) as source_ids
from projects as p
where p.ags = $ags
