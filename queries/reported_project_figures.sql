-- One row per reported cumulative figure (projects, volume, ESF, funding) of the filtered alliances and their
-- sub-networks: per alliance and metric the counted figure first (counted, the count rule of
-- queries/macros/counted_figures.sql), then the other figures ("weitere Angabe"), newest first.
-- Parameters: $alliance_ids, $ags_list (NULL = all).
-- Builds on queries/macros/chosen_alliances.sql, queries/macros/counted_figures.sql.
select
    coalesce(a.short_name, a.name) as short_name,
    coalesce(parent.short_name, parent.name) as parent_short_name,
    m.metric,
    m.value,
    m.qualifier,
    m.since,
    m.as_of,
    m.later_than,
    m.counted,
    m.note,
    m.source_id,
    s.title as source_title
from counted_figures() as m
join alliances as a on a.alliance_id = m.alliance_id
left join alliances as parent on parent.alliance_id = a.parent_alliance_id
left join sources as s on s.source_id = m.source_id
where m.metric in ('projects_cumulative', 'volume_eur_cumulative', 'esf_eur_cumulative', 'funding_eur_cumulative')
    and coalesce(a.parent_alliance_id, a.alliance_id)
        in (select alliance_id from chosen_alliances($alliance_ids, $ags_list))
order by short_name, m.metric, m.counted desc, m.as_of desc nulls last, m.value desc, m.source_id
