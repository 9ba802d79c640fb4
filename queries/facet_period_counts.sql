-- One row per recognition period (period_id, projects): how many listed projects the Förderperiode filter would
-- leave with just this period chosen, under the other filters (the count beside the filter's option). A project
-- counts in every period its runtime overlaps, as in filtered_projects; unknown runtime counts in none.
-- Counted on project_facets (one narrow row per project, queries/macros/project_facets.sql): the projects passing
-- the other filters are grouped by their periods' bits first, a handful of groups to spread over the periods.
-- Parameters: $alliance_ids, $ags_list (NULL = no filter).
-- Builds on queries/macros/project_facets.sql and queries/macros/chosen_alliances.sql.
with chosen as (select alliance_mask($alliance_ids, $ags_list) as mask),
passing as (
    select f.periods, count(*) as n
    from project_facets as f, chosen as c
    where ($alliance_ids is null and $ags_list is null)
        or (f.counted & c.mask <> 0 and ($ags_list is null or list_contains($ags_list, f.ags)))
    group by f.periods
)
select b.period_id, coalesce(sum(p.n), 0)::bigint as projects
from period_bits() as b
left join passing as p on (p.periods >> b.bit) & 1 = 1
group by b.period_id
order by b.period_id
