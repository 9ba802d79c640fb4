-- One row per filtered recognised alliance: its counted project count (the count rule of
-- queries/macros/counted_figures.sql: the highest cumulative figure, dated or not); projects is NULL where no
-- source gives a count; later_than dates an undated count. Parameters: $alliance_ids, $ags_list (NULL = all).
-- Builds on queries/macros/chosen_alliances.sql, queries/macros/counted_figures.sql.
select
    a.alliance_id,
    coalesce(a.short_name, a.name) as short_name,
    n.value as projects,
    n.qualifier,
    n.since,
    n.as_of,
    n.later_than,
    n.source_id,
    s.title as source_title
from alliances as a
left join counted_metric('projects_cumulative') as n on n.alliance_id = a.alliance_id
left join sources as s on s.source_id = n.source_id
where a.alliance_id in (select alliance_id from chosen_alliances($alliance_ids, $ags_list))
order by n.value desc nulls last, short_name, a.alliance_id
