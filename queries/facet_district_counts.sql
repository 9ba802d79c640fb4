-- One row per district (ags, projects): how many listed projects the Landkreis filter would leave with just this
-- district chosen, under the other filters (the count beside the filter's option). Counted as filtered_projects
-- counts: projects in the district, linked by a source to a chosen alliance (also via a sub-network) that reaches
-- the district, or unlinked and in a chosen alliance's area there.
-- Counted on project_facets (one narrow row per project, queries/macros/project_facets.sql), whose reach holds
-- the bits of the alliances a project counts for that reach its district.
-- Parameters: $alliance_ids, $period_ids (NULL = no filter).
-- Builds on queries/macros/project_facets.sql and queries/macros/chosen_alliances.sql.
with chosen as (select alliance_mask($alliance_ids, null) as alliances, period_mask($period_ids) as periods),
passing as (
    select f.ags, count(*) as n
    from project_facets as f, chosen as c
    where f.reach & c.alliances <> 0 and ($period_ids is null or f.periods & c.periods <> 0)
    group by f.ags
)
select d.ags, coalesce(p.n, 0) as projects
from districts as d
left join passing as p on p.ags = d.ags
order by d.ags
