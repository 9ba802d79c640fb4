-- One row per Förderschwerpunkt (NULL = not stated by any source) among the filtered projects:
-- how many projects, how many with a known amount, and the sums of the known amounts.
-- Parameters: $alliance_ids, $ags_list, $period_ids (NULL = all), $search (NULL = none).
select
    p.priority,
    count(*) as projects,
    count(p.esf_eur) as projects_with_esf,
    count(p.total_eur) as projects_with_total,
    sum(p.esf_eur) as esf_sum,
    sum(p.total_eur) as total_sum
from filtered_projects($alliance_ids, $ags_list, $period_ids, $search) as p
group by all
order by p.priority nulls last
