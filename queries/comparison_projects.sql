-- One row per chosen alliance x funding period (all periods): the listed projects of the alliance whose
-- runtime overlaps the period, and all its listed projects (any runtime, also unknown) in listed_projects, and the sources they cite.
-- A project counts for an alliance as in queries/macros/filtered_projects.sql: a source links them (also via a
-- sub-network), or no source links it and it lies in the alliance's area (role Gebiet). Projects of unknown
-- runtime count to no period. Counts are real counts of the list (0 = none listed), never estimates.
-- Parameters: $alliance_ids (list of recognised alliance ids; NULL = all).
-- Builds on queries/macros/chosen_alliances.sql, queries/macros/dates.sql.
with chosen as (
    select a.alliance_id, coalesce(a.short_name, a.name) as short_name
    from alliances as a
    where a.alliance_id in (select alliance_id from chosen_alliances($alliance_ids, null))
),
belongs as (
    select distinct coalesce(a.parent_alliance_id, a.alliance_id) as alliance_id, pa.project_id
    from project_alliances as pa
    join alliances as a on a.alliance_id = pa.alliance_id
    where coalesce(a.parent_alliance_id, a.alliance_id) in (select alliance_id from chosen)
    union
    select ad.alliance_id, p.project_id
    from alliance_districts as ad
    join projects as p on p.ags = ad.ags
    where ad.role = 'Gebiet' and p.alliance_link = 'nicht belegt'
        and ad.alliance_id in (select alliance_id from chosen)
),
listed as (
    select b.alliance_id, p.start_date, p.end_date, p.source_id
    from belongs as b
    join projects as p on p.project_id = b.project_id
),
periods as (
    select fp.period_id, strftime(date_lo(fp.start_date), '%Y-%m-%d') as lo, strftime(date_hi(fp.end_date), '%Y-%m-%d') as hi
    from funding_periods as fp
),
running as (
    select l.alliance_id, fp.period_id, count(*) as projects
    from listed as l
    join periods as fp on l.start_date <= fp.hi and l.end_date || '~' >= fp.lo
    group by all
),
totals as (
    select l.alliance_id, count(*) as listed_projects, count(l.start_date) filter (where l.end_date is not null)
        as with_runtime,
        coalesce(list(distinct l.source_id order by l.source_id) filter (where l.source_id is not null), []) as source_ids
    from listed as l
    group by all
)
select
    c.alliance_id,
    c.short_name,
    fp.period_id,
    coalesce(r.projects, 0) as projects,
    coalesce(t.listed_projects, 0) as listed_projects,
    coalesce(t.with_runtime, 0) as with_runtime,
    coalesce(t.source_ids, []) as source_ids
from chosen as c
cross join periods as fp
left join running as r on r.alliance_id = c.alliance_id and r.period_id = fp.period_id
left join totals as t on t.alliance_id = c.alliance_id
order by c.short_name, c.alliance_id, fp.period_id
