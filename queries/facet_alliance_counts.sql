-- One row per recognised alliance (alliance_id, projects): how many listed projects the Bündnis filter would
-- leave with just this alliance chosen, under the other filters (the count beside the filter's option). Counted
-- as filtered_projects counts: linked by a source (also via a sub-network), or unlinked and in the alliance's
-- area; with a Landkreis filter only projects in those districts, and no row for an alliance not reaching them.
-- Counted on project_facets (one narrow row per project, queries/macros/project_facets.sql): the projects passing
-- the other filters are grouped by their alliances' bits first, a few dozen groups to spread over the alliances.
-- Parameters: $ags_list, $period_ids (NULL = no filter).
-- Builds on queries/macros/project_facets.sql and queries/macros/chosen_alliances.sql.
with reaching as (
    select b.alliance_id, b.bit from alliance_bits() as b
    where b.alliance_id in (select alliance_id from chosen_alliances(null, $ags_list))
),
chosen as (select period_mask($period_ids) as mask),
passing as (
    select f.counted, count(*) as n
    from project_facets as f, chosen as c
    where f.counted <> 0
        and ($ags_list is null or list_contains($ags_list, f.ags))
        and ($period_ids is null or f.periods & c.mask <> 0)
    group by f.counted
)
select r.alliance_id, coalesce(sum(p.n), 0)::bigint as projects
from reaching as r
left join passing as p on (p.counted >> r.bit) & 1 = 1
group by r.alliance_id
order by r.alliance_id
