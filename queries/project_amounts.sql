-- One row per amount a source names for the project $project_id: the amounts of the project list (shown,
-- with the project's source) and the differing amounts of other sources (project_amount_variants, not shown),
-- per field (total_eur, esf_eur, land_eur). Unknown amounts have no row. Parameters: $project_id.
with listed as (
    select p.project_id, p.total_eur, p.esf_eur, p.land_eur, p.amount_qualifier, p.source_id
    from projects as p
    where p.project_id = $project_id
),
amounts as (
    select field, value_eur, amount_qualifier as qualifier, source_id, true as shown, null::varchar as note
    from (unpivot listed on total_eur, esf_eur, land_eur into name field value value_eur)
    union all
    select v.field, v.value_eur, v.qualifier, v.source_id, false as shown, v.note
    from project_amount_variants as v
    where v.project_id = $project_id
)
select
    a.field,
    a.value_eur,
    a.qualifier,
    a.shown,
    a.source_id,
    s.title as source_title,
    a.note
from amounts as a
left join sources as s on s.source_id = a.source_id
order by list_position(['total_eur', 'esf_eur', 'land_eur', 'eu_eur'], a.field), a.shown desc, a.source_id
