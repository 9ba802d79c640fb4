-- One row for all filtered projects (filtered_projects): how many, how many with a known amount or
-- runtime, the sums of the known amounts (NULL, never 0, when none is known), the earliest start and latest end,
-- the sources the projects cite, the running projects per calendar year and the amounts per Förderschwerpunkt (with
-- the qualifier of each sum)
-- (all in this row: each separate query would filter a million projects once more; fkb.tables unpacks the lists).
-- Parameters: $alliance_ids, $ags_list, $period_ids (NULL = all), $search (NULL = none).
-- Builds on queries/macros/project_facets.sql, queries/macros/filtered_projects.sql, queries/macros/sum_qualifier.sql.
with p as materialized (
    -- Without a search from the narrow rows of project_facets, filtered by bits (at 1M projects and one alliance
    -- ~20 instead of ~90 ms). A search reads the titles and Träger of projects. DuckDB drops the branch whose
    -- condition on $search is false before it runs the query.
    select f.total_eur, f.esf_eur, f.total_eur_qualifier, f.esf_eur_qualifier, f.start_date, f.end_date, f.source_id, f.priority
    from facet_projects($alliance_ids, $ags_list, $period_ids) as f
    where $search is null
    union all
    select
        f.total_eur, f.esf_eur,
        coalesce(f.total_eur_qualifier, f.amount_qualifier), coalesce(f.esf_eur_qualifier, f.amount_qualifier),
        f.start_date, f.end_date, f.source_id, f.priority
    from filtered_projects($alliance_ids, $ags_list, $period_ids, $search) as f
    where $search is not null
),
spans as (
    -- ISO dates of any precision start with the year, and a million projects share a few hundred spans, and
    -- month- and year-precise dates cover the whole month or year
    select
        cast(left(p.start_date, 4) as integer) as first_year,
        cast(left(p.end_date, 4) as integer) as last_year,
        count(*) as projects
    from p
    where p.start_date is not null and p.end_date is not null
    group by all
),
years as (
    select y.year, sum(s.projects) as running_projects
    from spans as s, unnest(range(s.first_year, s.last_year + 1)) as y(year)
    group by y.year
),
priorities as (
    select
        p.priority,
        count(*) as projects,
        count(p.esf_eur) as projects_with_esf,
        count(p.total_eur) as projects_with_total,
        sum(p.esf_eur) as esf_sum,
        sum(p.total_eur) as total_sum,
        sum_qualifier(p.esf_eur_qualifier, p.esf_eur) as esf_qualifier,
        sum_qualifier(p.total_eur_qualifier, p.total_eur) as total_qualifier
    from p
    group by all
)
select
    count(*) as projects,
    count(p.total_eur) as projects_with_total,
    count(p.esf_eur) as projects_with_esf,
    count(coalesce(p.total_eur, p.esf_eur)) as projects_with_amount,
    sum(p.total_eur) as total_sum,
    sum(p.esf_eur) as esf_sum,
    count(*) filter (where p.start_date is not null and p.end_date is not null) as projects_with_runtime,
    -- As the sources write them (2015, 2019-03 …), ordered by the day they stand for: ISO text of any precision
    -- sorts by its first day, and with '~' after the digits by its last day ("2020~" after "2020-06-30~").
    min(p.start_date) filter (where p.end_date is not null) as first_start,
    rtrim(max(p.end_date || '~') filter (where p.start_date is not null), '~') as last_end,
    coalesce(list(distinct p.source_id order by p.source_id) filter (where p.source_id is not null), []) as source_ids,
    (select coalesce(list(y order by y.year), []) from years as y) as running_by_year,
    (select coalesce(list(pr order by pr.priority nulls last), []) from priorities as pr) as by_priority
from p
