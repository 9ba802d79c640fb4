-- One row per source, newest first, with how many data rows cite it.
-- Parameters: none.
with citations as (
    select source_id from funding_periods
    union all select source_id from alliances
    union all select source_id from districts
    union all select source_id from alliance_districts
    union all select source_id from alliance_budgets
    union all select source_id from alliance_metrics
    union all select source_id from projects
    union all select source_id from project_amount_variants
    union all select source_id from memberships
)
select
    s.source_id,
    s.title,
    s.publisher,
    s.url,
    s.published,
    s.kind,
    count(c.source_id) as cited_rows
from sources as s
left join citations as c on c.source_id = s.source_id
group by all
order by s.published desc nulls last, s.title, s.source_id
