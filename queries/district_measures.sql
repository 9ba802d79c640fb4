-- One row per district (all 45) with the measures its map can show: listed projects located there, their known
-- total volume and known ESF (NULL when no project there names one: unknown, not 0), listed member organisations
-- seated there, the population with its date and source, and the district's alliance (role Gebiet) with that
-- alliance's known budget per period and the population of its area (partner districts do not count to an area).
-- Parameters: $alliance_ids, $period_ids (NULL = all) pick the projects (filtered_projects) and memberships;
-- $ags_list only marks the districts as selected, so that a chosen district is outlined among all 45.
-- area_population is NULL when a district of the area has no population. Budgets: preferred single-period
-- figures of the filtered periods (combined figures are never split); budget_per_period is their mean over the
-- periods with a known figure, budget_periods how many those are.
-- Each amount's qualifier (volume_qualifier, esf_qualifier, budget_qualifier) is that of its sum (sum_qualifier).
-- Builds on queries/macros/filtered_projects.sql, queries/macros/chosen_alliances.sql, queries/macros/sum_qualifier.sql.
with projects_here as (
    select p.ags, count(*) as projects, sum(p.total_eur) as volume_eur, sum(p.esf_eur) as esf_eur,
        -- an amount's own qualifier (total_eur_qualifier …) replaces the row's amount_qualifier
        sum_qualifier(coalesce(p.total_eur_qualifier, p.amount_qualifier), p.total_eur) as volume_qualifier,
        sum_qualifier(coalesce(p.esf_eur_qualifier, p.amount_qualifier), p.esf_eur) as esf_qualifier
    from filtered_projects($alliance_ids, null, $period_ids, null) as p
    where p.ags is not null
    group by p.ags
),
members_here as (
    select o.ags, count(distinct o.org_id) as members
    from organisations as o
    join memberships as m on m.org_id = o.org_id
    join alliances as a on a.alliance_id = m.alliance_id
    where o.ags is not null
        and ($alliance_ids is null or list_contains($alliance_ids, coalesce(a.parent_alliance_id, a.alliance_id)))
    group by o.ags
),
area as (
    select ad.ags, a.alliance_id, coalesce(a.short_name, a.name) as short_name, ad.source_id
    from alliance_districts as ad
    join alliances as a on a.alliance_id = ad.alliance_id
    where ad.role = 'Gebiet' and a.parent_alliance_id is null
),
area_population as (
    select area.alliance_id,
        case when count(*) = count(nullif(d.population, 0)) then sum(d.population) end as area_population
    from area
    join districts as d on d.ags = area.ags
    group by area.alliance_id
),
budget as (
    select b.alliance_id, sum(b.budget_eur) / count(*) as budget_per_period, count(*) as budget_periods,
        sum_qualifier(b.qualifier, b.budget_eur) as budget_qualifier,
        list(distinct b.source_id order by b.source_id) as budget_source_ids
    from alliance_budgets as b
    where b.preferred and (b.end_period_id is null or b.end_period_id = b.period_id)
        and ($period_ids is null or list_contains($period_ids, b.period_id))
    group by b.alliance_id
)
select
    d.ags, d.name, d.kind, d.population, d.population_as_of, d.source_id as population_source_id,
    coalesce(ph.projects, 0) as projects,
    ph.volume_eur,
    ph.esf_eur,
    ph.volume_qualifier,
    ph.esf_qualifier,
    coalesce(mh.members, 0) as members,
    area.alliance_id,
    area.short_name,
    area.source_id,
    ap.area_population,
    bu.budget_per_period,
    bu.budget_qualifier,
    coalesce(bu.budget_periods, 0) as budget_periods,
    coalesce(bu.budget_source_ids, []) as budget_source_ids,
    (area.alliance_id in (select alliance_id from chosen_alliances($alliance_ids, $ags_list))
        and ($ags_list is null or list_contains($ags_list, d.ags))) as selected
from districts as d
left join projects_here as ph on ph.ags = d.ags
left join members_here as mh on mh.ags = d.ags
left join area on area.ags = d.ags
left join area_population as ap on ap.alliance_id = area.alliance_id
left join budget as bu on bu.alliance_id = area.alliance_id
order by d.ags
