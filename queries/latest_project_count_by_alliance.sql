-- One row per filtered recognised alliance: its newest reported project count (dated before
-- undated); projects is NULL where no source gives a count. Parameters: $alliance_ids, $ags_list (NULL = all).
-- Builds on queries/macros/chosen_alliances.sql, queries/macros/newest_metric.sql.
select
    a.alliance_id,
    coalesce(a.short_name, a.name) as short_name,
    n.value as projects,
    n.qualifier,
    n.since,
    n.as_of,
    n.source_id
from alliances as a
left join newest_metric('projects_cumulative') as n on n.alliance_id = a.alliance_id
where a.alliance_id in (select alliance_id from chosen_alliances($alliance_ids, $ags_list))
order by n.value desc nulls last, short_name, a.alliance_id
