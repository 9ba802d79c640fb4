-- One row per amount a source names for the project $project_id: the amounts of the project list (shown,
-- with the project's source) and the differing amounts of other sources (project_amount_variants, not shown),
-- per field (total_eur, esf_eur, land_eur). Unknown amounts have no row. Parameters: $project_id.
with listed as (
    select p.*
    from projects as p
    where p.project_id = $project_id
),
amounts as (
    -- an amount's own qualifier (total_eur_qualifier …) replaces the row's amount_qualifier for that amount
    select 'total_eur' as field, total_eur as value_eur, coalesce(total_eur_qualifier, amount_qualifier) as qualifier,
        source_id, true as shown, null::varchar as note
    from listed where total_eur is not null
    union all
    select 'esf_eur', esf_eur, coalesce(esf_eur_qualifier, amount_qualifier), source_id, true, null
    from listed where esf_eur is not null
    union all
    select 'land_eur', land_eur, coalesce(land_eur_qualifier, amount_qualifier), source_id, true, null
    from listed where land_eur is not null
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
