-- One row per chosen district x funding period (all periods): the listed projects located in the district (projects.ags)
-- whose runtime overlaps the period, the known total volume and known ESF of those (NULL when none of them names
-- one: unknown, never 0; a project running in two periods counts in both), the district's totals over all its listed
-- projects (also those of unknown runtime), its population with date and source, and the derived figures per
-- 100 000 inhabitants, per period and over all listed projects (listed_*_per_100k); NULL when the population or the
-- amount is unknown.
-- Projects of unknown runtime count to no period. Counts are real counts of the list (0 = none listed).
-- Parameters: $ags_list (list of AGS of data/districts.csv; NULL = all districts).
-- Builds on queries/macros/dates.sql.
with chosen as (
    select d.ags, d.name, d.population, d.population_as_of, d.source_id, coalesce(s.title, d.source_id) as population_source
    from districts as d
    left join sources as s on s.source_id = d.source_id
    where $ags_list is null or list_contains($ags_list, d.ags)
),
located as (
    select p.ags, p.start_date, p.end_date, p.total_eur, p.esf_eur, p.source_id
    from projects as p
    where p.ags in (select ags from chosen)
),
running as (
    select l.ags, fp.period_id, count(*) as projects, sum(l.total_eur) as volume_eur, sum(l.esf_eur) as esf_eur
    from located as l
    join period_bounds() as fp on l.start_date <= fp.hi and l.end_date || '~' >= fp.lo
    group by all
),
totals as (
    select
        l.ags,
        count(*) as listed_projects,
        count(l.start_date) filter (where l.end_date is not null) as with_runtime,
        sum(l.total_eur) as listed_volume_eur,
        count(l.total_eur) as with_volume,
        sum(l.esf_eur) as listed_esf_eur,
        count(l.esf_eur) as with_esf,
        coalesce(list(distinct l.source_id order by l.source_id) filter (where l.source_id is not null), []) as source_ids
    from located as l
    group by all
)
select
    c.ags,
    c.name,
    fp.period_id,
    coalesce(r.projects, 0) as projects,
    r.volume_eur,
    r.esf_eur,
    coalesce(t.listed_projects, 0) as listed_projects,
    coalesce(t.with_runtime, 0) as with_runtime,
    t.listed_volume_eur,
    coalesce(t.with_volume, 0) as with_volume,
    t.listed_esf_eur,
    coalesce(t.with_esf, 0) as with_esf,
    coalesce(t.source_ids, []) as source_ids,
    c.population,
    c.population_as_of,
    c.source_id as population_source_id,
    c.population_source,
    coalesce(r.projects, 0) * 100000.0 / nullif(c.population, 0) as projects_per_100k,
    r.volume_eur * 100000.0 / nullif(c.population, 0) as volume_per_100k,
    r.esf_eur * 100000.0 / nullif(c.population, 0) as esf_per_100k,
    coalesce(t.listed_projects, 0) * 100000.0 / nullif(c.population, 0) as listed_per_100k,
    t.listed_volume_eur * 100000.0 / nullif(c.population, 0) as listed_volume_per_100k,
    t.listed_esf_eur * 100000.0 / nullif(c.population, 0) as listed_esf_per_100k
from chosen as c
cross join period_bounds() as fp
left join running as r on r.ags = c.ags and r.period_id = fp.period_id
left join totals as t on t.ags = c.ags
order by c.name, c.ags, fp.period_id
