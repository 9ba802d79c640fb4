-- One row per source, newest first, with how many data rows cite it.
-- Parameters: none.
-- Each table's rows are counted per source first and the few counts summed after: at a million
-- projects that is half the time of joining every citing row to its source (~28 instead of ~57 ms).
with citations as (
    select source_id, count(*) as n from funding_periods group by source_id
    union all select source_id, count(*) from alliances group by source_id
    union all select source_id, count(*) from districts group by source_id
    union all select source_id, count(*) from alliance_districts group by source_id
    union all select source_id, count(*) from alliance_budgets group by source_id
    union all select source_id, count(*) from alliance_metrics group by source_id
    union all select source_id, count(*) from projects group by source_id
    union all select source_id, count(*) from project_amount_variants group by source_id
    union all select source_id, count(*) from memberships group by source_id
),
cited as (
    select source_id, cast(sum(n) as bigint) as n from citations where source_id is not null group by source_id
)
select
    s.source_id,
    s.title,
    s.publisher,
    s.url,
    s.published,
    s.kind,
    coalesce(c.n, 0) as cited_rows
from sources as s
left join cited as c on c.source_id = s.source_id
order by s.published desc nulls last, s.title, s.source_id
