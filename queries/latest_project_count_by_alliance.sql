-- One row per filtered recognised alliance: its newest dated reported project count (undated
-- counts only where nothing dated exists); projects is NULL where no source gives a count.
-- Parameters: $alliance_ids, $ags_list (NULL = all).
with ranked as (
    select m.*, row_number() over (
        partition by m.alliance_id order by m.as_of desc nulls last, m.value desc
    ) as rank
    from alliance_metrics as m
    where m.metric = 'projects_cumulative'
)
select
    a.alliance_id,
    coalesce(a.short_name, a.name) as short_name,
    r.value as projects,
    r.qualifier,
    r.since,
    r.as_of,
    r.source_id
from alliances as a
left join ranked as r on r.alliance_id = a.alliance_id and r.rank = 1
where a.alliance_id in (select alliance_id from chosen_alliances($alliance_ids, $ags_list))
order by r.value desc nulls last, short_name
