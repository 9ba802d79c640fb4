-- One row per filtered alliance x filtered period: the shown (preferred) single-period budget,
-- NULL when no source gives one; covering_* describe a combined multi-period figure, if any.
-- Parameters: $alliance_ids, $ags_list, $period_ids (lists of ids; NULL = all).
-- Builds on queries/macros/chosen_alliances.sql.
with cells as (
    select a.alliance_id, coalesce(a.short_name, a.name) as short_name, p.period_id, p.label
    from alliances as a
    cross join funding_periods as p
    where a.alliance_id in (select alliance_id from chosen_alliances($alliance_ids, $ags_list))
        and ($period_ids is null or list_contains($period_ids, p.period_id))
),
single as (
    select b.*, count(*) over (partition by b.alliance_id, b.period_id) as n_figures
    from alliance_budgets as b
    where b.end_period_id is null or b.end_period_id = b.period_id
),
combined as (
    select b.alliance_id, p.period_id, b.budget_eur, b.qualifier, b.period_id as from_period,
        b.end_period_id as to_period, b.source_id
    from alliance_budgets as b
    join funding_periods as p on p.period_id between b.period_id and b.end_period_id
    where b.end_period_id is not null and b.end_period_id <> b.period_id and b.preferred
)
select
    c.alliance_id,
    c.short_name,
    c.period_id,
    c.label as period_label,
    s.budget_eur,
    s.qualifier,
    s.basis,
    s.source_id,
    s.note,
    coalesce(s.n_figures, 0) as n_figures,
    k.budget_eur as covering_budget_eur,
    k.qualifier as covering_qualifier,
    k.from_period as covering_from,
    k.to_period as covering_to,
    k.source_id as covering_source_id
from cells as c
left join single as s
    on s.alliance_id = c.alliance_id and s.period_id = c.period_id and s.preferred
left join combined as k
    on k.alliance_id = c.alliance_id and k.period_id = c.period_id
order by c.short_name, c.period_id
