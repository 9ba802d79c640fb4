-- One row per table of the data contract with its row count; newest_source is the newest
-- publication date among all sources (NULL if none is dated). Parameters: none.
with counts(table_name, rows) as (
    select 'sources', count(*) from sources
    union all select 'funding_periods', count(*) from funding_periods
    union all select 'alliances', count(*) from alliances
    union all select 'districts', count(*) from districts
    union all select 'alliance_districts', count(*) from alliance_districts
    union all select 'alliance_budgets', count(*) from alliance_budgets
    union all select 'alliance_metrics', count(*) from alliance_metrics
    union all select 'projects', count(*) from projects
    union all select 'project_alliances', count(*) from project_alliances
    union all select 'project_amount_variants', count(*) from project_amount_variants
    union all select 'organisations', count(*) from organisations
    union all select 'memberships', count(*) from memberships
)
select
    c.table_name,
    c.rows,
    (select max(s.published) from sources as s) as newest_source
from counts as c
