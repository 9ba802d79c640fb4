-- One row per recognition period (period_id, projects): how many listed projects the Förderperiode filter would
-- leave with just this period chosen, under the other filters (the count beside the filter's option). A project
-- counts in every period its runtime overlaps, as in filtered_projects; unknown runtime counts in none.
-- Projects are counted per runtime first: a million projects have some 130 000 runtimes to compare with the periods.
-- Parameters: $alliance_ids, $ags_list (NULL = no filter).
-- Builds on queries/macros/dates.sql and queries/macros/filtered_projects.sql.
with runtimes as (
    select f.start_date, f.end_date, count(*) as n
    from projects_passing($alliance_ids, $ags_list, null) as f
    where f.start_date is not null
    group by f.start_date, f.end_date
),
periods as (
    select fp.period_id, strftime(date_lo(fp.start_date), '%Y-%m-%d') as lo, strftime(date_hi(fp.end_date), '%Y-%m-%d') as hi
    from funding_periods as fp
)
select p.period_id, coalesce(sum(r.n), 0)::bigint as projects
from periods as p
left join runtimes as r on r.start_date <= p.hi and r.end_date || '~' >= p.lo
group by p.period_id
order by p.period_id
