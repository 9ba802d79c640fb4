-- One row per recognised alliance (alliance_id, projects): how many listed projects the Bündnis filter would
-- leave with just this alliance chosen, under the other filters (the count beside the filter's option). Counted
-- as filtered_projects counts: linked by a source (also via a sub-network), or unlinked and in the alliance's
-- area; with a Landkreis filter only projects in those districts, and 0 for an alliance not reaching them.
-- Parameters: $ags_list, $period_ids (NULL = no filter).
-- Builds on queries/macros/chosen_alliances.sql and queries/macros/filtered_projects.sql.
with reaching as (select alliance_id from chosen_alliances(null, $ags_list)),
passing as (
    select f.project_id, f.ags, f.alliance_link from filtered_projects(null, null, $period_ids, null) as f
    where $ags_list is null or list_contains($ags_list, f.ags)
),
linked as (
    select p.project_id, coalesce(a.parent_alliance_id, a.alliance_id) as alliance_id
    from passing as p
    join project_alliances as pa on pa.project_id = p.project_id
    join alliances as a on a.alliance_id = pa.alliance_id
),
area as (
    select p.project_id, ad.alliance_id
    from passing as p
    join alliance_districts as ad on ad.ags = p.ags and ad.role = 'Gebiet'
    where p.alliance_link = 'nicht belegt'
),
counted as (select project_id, alliance_id from linked union select project_id, alliance_id from area)
select r.alliance_id, count(c.project_id) as projects
from reaching as r
left join counted as c on c.alliance_id = r.alliance_id
group by r.alliance_id
order by r.alliance_id
