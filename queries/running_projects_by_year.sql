-- One row per calendar year in which at least one filtered project of known start and end runs, with how many do
-- (month- or year-precise dates cover the whole month or year). Parameters: $alliance_ids, $ags_list,
-- $period_ids (NULL = all), $search (NULL = none).
with spans as (
    -- ISO dates of any precision start with the year, and a million projects share a few hundred spans
    select
        cast(left(p.start_date, 4) as integer) as first_year,
        cast(left(p.end_date, 4) as integer) as last_year,
        count(*) as projects
    from filtered_projects($alliance_ids, $ags_list, $period_ids, $search) as p
    where p.start_date is not null and p.end_date is not null
    group by all
)
select
    y.year,
    sum(s.projects) as running_projects
from spans as s, unnest(range(s.first_year, s.last_year + 1)) as y(year)
group by y.year
order by y.year
