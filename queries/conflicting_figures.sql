-- One row per figure that a source gives but the dashboard does not show, because another source
-- gives a different figure for the same thing; shown_* is the figure shown instead.
-- Parameters: none.
select
    'Budget ' || coalesce(a.short_name, a.name) || ', ' || b.period_id
        || coalesce(' bis ' || b.end_period_id, '') as subject,
    b.budget_eur as other_eur,
    b.qualifier as other_qualifier,
    b.source_id as other_source_id,
    b.note,
    shown.budget_eur as shown_eur,
    shown.qualifier as shown_qualifier,
    shown.source_id as shown_source_id
from alliance_budgets as b
join alliances as a on a.alliance_id = b.alliance_id
left join alliance_budgets as shown
    on shown.alliance_id = b.alliance_id and shown.period_id = b.period_id and shown.preferred
        and coalesce(shown.end_period_id, shown.period_id) = shown.period_id
where not b.preferred
union all
select
    'Projekt ' || p.title || ' (' || v.field || ')',
    v.value_eur,
    v.qualifier,
    v.source_id,
    v.note,
    case v.field when 'total_eur' then p.total_eur when 'esf_eur' then p.esf_eur
        when 'land_eur' then p.land_eur end,
    case v.field when 'total_eur' then coalesce(p.total_eur_qualifier, p.amount_qualifier)
        when 'esf_eur' then coalesce(p.esf_eur_qualifier, p.amount_qualifier)
        when 'land_eur' then coalesce(p.land_eur_qualifier, p.amount_qualifier) end,
    p.source_id
from project_amount_variants as v
join projects as p on p.project_id = v.project_id
order by subject, other_eur, other_source_id
