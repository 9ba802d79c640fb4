-- One row per filtered period: programme budget and the sum of the alliance budgets that are
-- known for it (shown single-period figures only; combined figures are never split).
-- Parameters: $alliance_ids, $ags_list, $period_ids (NULL = all). known_sum is NULL when no cell is known;
-- known_qualifier is the qualifier of the sum: the known cells' one qualifier ('rund'), 'ca.' if they differ.
-- Builds on queries/macros/chosen_alliances.sql, queries/macros/sum_qualifier.sql.
with chosen as (
    select alliance_id from chosen_alliances($alliance_ids, $ags_list)
),
known as (
    select b.period_id, sum(b.budget_eur) as known_sum, count(*) as known_cells,
        count(b.qualifier) as approximate_cells,
        sum_qualifier(b.qualifier, b.budget_eur) as known_qualifier
    from alliance_budgets as b
    where b.preferred and (b.end_period_id is null or b.end_period_id = b.period_id)
        and b.alliance_id in (select alliance_id from chosen)
    group by b.period_id
)
select
    p.period_id,
    p.label,
    p.fund,
    p.programme_budget_eur,
    p.programme_budget_qualifier,
    p.programme_budget_basis,
    p.source_id as programme_source_id,
    k.known_sum,
    k.known_qualifier,
    coalesce(k.known_cells, 0) as known_cells,
    coalesce(k.approximate_cells, 0) as approximate_cells,
    (select count(*) from chosen) as total_cells
from funding_periods as p
left join known as k on k.period_id = p.period_id
where $period_ids is null or list_contains($period_ids, p.period_id)
order by p.period_id
