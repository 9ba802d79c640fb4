-- One row per chosen alliance x funding period (all periods): the listed projects of the alliance whose
-- runtime overlaps the period, and all its listed projects (any runtime, also unknown) in listed_projects, and the sources they cite.
-- A project counts for an alliance as in queries/macros/filtered_projects.sql: a source links them (also via a
-- sub-network), or no source links it and it lies in the alliance's area (role Gebiet). Projects of unknown
-- runtime count to no period. Counts are real counts of the list (0 = none listed), never estimates.
-- Counted on project_facets (one narrow row per project, queries/macros/project_facets.sql): the chosen
-- alliances' projects are grouped by their alliances', periods' bits and source first, then spread over both.
-- Parameters: $alliance_ids (list of recognised alliance ids; NULL = all).
-- Builds on queries/macros/project_facets.sql and queries/macros/chosen_alliances.sql.
with chosen as (
    select a.alliance_id, coalesce(a.short_name, a.name) as short_name, b.bit
    from alliances as a
    join alliance_bits() as b on b.alliance_id = a.alliance_id
    where a.alliance_id in (select alliance_id from chosen_alliances($alliance_ids, null))
),
wanted as (select coalesce(bit_or(cast(1 as bigint) << bit), 0) as mask from chosen),
grouped as (
    select f.counted & w.mask as counted, f.periods, f.runtime_known, f.source_id, count(*) as n
    from project_facets as f, wanted as w
    where f.counted & w.mask <> 0
    group by all
),
listed as (
    select c.alliance_id, g.periods, g.runtime_known, g.source_id, g.n
    from chosen as c
    join grouped as g on (g.counted >> c.bit) & 1 = 1
),
running as (
    select l.alliance_id, b.period_id, sum(l.n)::bigint as projects
    from listed as l
    join period_bits() as b on (l.periods >> b.bit) & 1 = 1
    group by all
),
totals as (
    select l.alliance_id, sum(l.n)::bigint as listed_projects,
        coalesce(sum(l.n) filter (where l.runtime_known), 0)::bigint as with_runtime,
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
cross join period_bits() as fp
left join running as r on r.alliance_id = c.alliance_id and r.period_id = fp.period_id
left join totals as t on t.alliance_id = c.alliance_id
order by c.short_name, c.alliance_id, fp.period_id
