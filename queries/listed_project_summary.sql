-- One row for all filtered projects (see filtered_projects in fkb/db.py): how many, how many with a known amount or
-- runtime, the sums of the known amounts (NULL, never 0, when none is known), the earliest start and latest end,
-- and the sources the projects cite (in this row: a separate query would filter a million projects once more).
-- Parameters: $alliance_ids, $ags_list, $period_ids (NULL = all), $search (NULL = none).
select
    count(*) as projects,
    count(p.total_eur) as projects_with_total,
    count(p.esf_eur) as projects_with_esf,
    count(coalesce(p.total_eur, p.esf_eur)) as projects_with_amount,
    sum(p.total_eur) as total_sum,
    sum(p.esf_eur) as esf_sum,
    count(*) filter (where p.start_date is not null and p.end_date is not null) as projects_with_runtime,
    -- As the sources write them (2015, 2019-03 …), ordered by the day they stand for: ISO text of any precision
    -- sorts by its first day, and with '~' after the digits by its last day ("2020~" after "2020-06-30~").
    min(p.start_date) filter (where p.end_date is not null) as first_start,
    rtrim(max(p.end_date || '~') filter (where p.start_date is not null), '~') as last_end,
    coalesce(list(distinct p.source_id order by p.source_id) filter (where p.source_id is not null), []) as source_ids
from filtered_projects($alliance_ids, $ags_list, $period_ids, $search) as p
