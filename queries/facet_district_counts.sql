-- One row per district (ags, projects): how many listed projects the Landkreis filter would leave with just this
-- district chosen, under the other filters (the count beside the filter's option). Counted as filtered_projects
-- counts: projects in the district, linked by a source to a chosen alliance (also via a sub-network) that reaches
-- the district, or unlinked and in a chosen alliance's area there.
-- Parameters: $alliance_ids, $period_ids (NULL = no filter).
-- Builds on queries/macros/chosen_alliances.sql and queries/macros/filtered_projects.sql.
with reach as (
    select ad.alliance_id, ad.ags, bool_or(ad.role = 'Gebiet') as area
    from alliance_districts as ad
    where ad.alliance_id in (select alliance_id from chosen_alliances($alliance_ids, null))
    group by ad.alliance_id, ad.ags
),
passing as (
    select f.project_id, f.ags, f.alliance_link from filtered_projects(null, null, $period_ids, null) as f
    where f.ags is not null
),
linked as (
    select p.project_id, p.ags
    from passing as p
    join project_alliances as pa on pa.project_id = p.project_id
    join alliances as a on a.alliance_id = pa.alliance_id
    join reach as r on r.alliance_id = coalesce(a.parent_alliance_id, a.alliance_id) and r.ags = p.ags
),
area as (
    select p.project_id, p.ags from passing as p
    where p.alliance_link = 'nicht belegt' and p.ags in (select ags from reach where area)
),
counted as (select project_id, ags from linked union select project_id, ags from area)
select d.ags, count(c.project_id) as projects
from districts as d
left join counted as c on c.ags = d.ags
group by d.ags
order by d.ags
