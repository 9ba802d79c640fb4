-- One row per sourced budget figure (shown or not) of the filtered alliances and periods.
-- Parameters: $alliance_ids, $ags_list, $period_ids (NULL = all).
-- Builds on queries/macros/chosen_alliances.sql.
select
    coalesce(a.short_name, a.name) as short_name,
    b.period_id,
    b.end_period_id,
    b.budget_eur,
    b.qualifier,
    b.basis,
    b.preferred,
    b.note,
    b.source_id,
    s.title as source_title,
    s.url as source_url
from alliance_budgets as b
join alliances as a on a.alliance_id = b.alliance_id
left join sources as s on s.source_id = b.source_id
where b.alliance_id in (select alliance_id from chosen_alliances($alliance_ids, $ags_list))
    and ($period_ids is null or exists (
        select 1 from funding_periods as p
        where list_contains($period_ids, p.period_id)
            and p.period_id between b.period_id and coalesce(b.end_period_id, b.period_id)
    ))
order by short_name, b.period_id, b.end_period_id nulls first, b.preferred desc, b.budget_eur, b.source_id
