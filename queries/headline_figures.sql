-- One row: the headline numbers for the filtered alliances ($alliance_ids, $ags_list; NULL = all);
-- listed_projects honours $period_ids like the project list. Counts only rows that exist;
-- reported_projects adds each alliance's counted cumulative count (queries/macros/counted_figures.sql; dates differ).
-- Builds on queries/macros/chosen_alliances.sql, queries/macros/filtered_projects.sql, queries/macros/counted_figures.sql.
with chosen as (
    select alliance_id from chosen_alliances($alliance_ids, $ags_list)
),
with_networks as (
    select a.alliance_id from alliances as a
    where a.alliance_id in (select alliance_id from chosen)
        or a.parent_alliance_id in (select alliance_id from chosen)
),
newest_count as (
    select n.alliance_id, n.value as projects, n.qualifier is not null as approximate
    from counted_metric('projects_cumulative') as n
    where n.alliance_id in (select alliance_id from chosen)
)
select
    (select count(*) from chosen) as alliances,
    (select count(distinct ad.ags) from alliance_districts as ad
        where ad.role = 'Gebiet' and ad.alliance_id in (select alliance_id from chosen)
            and ($ags_list is null or list_contains($ags_list, ad.ags))) as districts,
    (select count(distinct m.org_id) from memberships as m
        where m.alliance_id in (select alliance_id from with_networks)) as listed_organisations,
    (select count(*) from filtered_projects($alliance_ids, $ags_list, $period_ids, null)) as listed_projects,
    (select sum(projects) from newest_count) as reported_projects,
    (select count(*) from newest_count) as reporting_alliances,
    (select coalesce(bool_or(approximate), false) from newest_count) as reported_projects_approximate
