-- One row per chosen alliance x funding period (all periods): the shown (preferred) single-period budget
-- (NULL = unknown, also where only a combined multi-period figure exists: it is never split; covering_budget_eur
-- names it), the population of the alliance's area (districts with role Gebiet only, partner districts do not
-- count; NULL when any of them has no population; its dates, source ids and titles) and the derived budget per inhabitant.
-- Parameters: $alliance_ids (list of recognised alliance ids; NULL = all).
-- Builds on queries/macros/chosen_alliances.sql.
with chosen as (
    select a.alliance_id, coalesce(a.short_name, a.name) as short_name
    from alliances as a
    where a.alliance_id in (select alliance_id from chosen_alliances($alliance_ids, null))
),
area as (
    select
        ad.alliance_id,
        count(*) as districts,
        case when count(d.population) = count(*) then sum(d.population) end as population,
        min(d.population_as_of) as population_from,
        max(d.population_as_of) as population_as_of,
        string_agg(distinct d.source_id, ',' order by d.source_id) as population_source_ids,
        string_agg(distinct coalesce(s.title, d.source_id), ' · ' order by coalesce(s.title, d.source_id)) as population_sources
    from alliance_districts as ad
    join districts as d on d.ags = ad.ags
    left join sources as s on s.source_id = d.source_id
    where ad.role = 'Gebiet'
    group by ad.alliance_id
),
single as (
    select b.alliance_id, b.period_id, b.budget_eur, b.qualifier, b.source_id
    from alliance_budgets as b
    where b.preferred and (b.end_period_id is null or b.end_period_id = b.period_id)
),
combined as (
    select b.alliance_id, p.period_id, b.budget_eur, b.qualifier, b.source_id
    from alliance_budgets as b
    join funding_periods as p on p.period_id between b.period_id and b.end_period_id
    where b.preferred and b.end_period_id is not null and b.end_period_id <> b.period_id
)
select
    c.alliance_id,
    c.short_name,
    p.period_id,
    s.budget_eur,
    s.qualifier,
    s.source_id,
    k.budget_eur as covering_budget_eur,
    k.source_id as covering_source_id,
    coalesce(ar.districts, 0) as districts,
    ar.population,
    ar.population_from,
    ar.population_as_of,
    ar.population_source_ids,
    ar.population_sources,
    s.budget_eur / nullif(ar.population, 0) as budget_per_inhabitant
from chosen as c
cross join funding_periods as p
left join single as s on s.alliance_id = c.alliance_id and s.period_id = p.period_id
left join combined as k on k.alliance_id = c.alliance_id and k.period_id = p.period_id
left join area as ar on ar.alliance_id = c.alliance_id
order by c.short_name, c.alliance_id, p.period_id
