-- One row per filtered project whose start and end are both known, with the first and last day
-- they cover (month- or year-precise dates widen to the whole month or year).
-- Parameters: $alliance_ids, $ags_list, $period_ids (NULL = all), $search (NULL = none).
select
    p.project_id,
    p.title,
    coalesce(lab.alliances, 'ohne belegte Bündniszuordnung') as alliances,
    p.start_date,
    p.end_date,
    date_lo(p.start_date) as start_day,
    date_hi(p.end_date) as end_day,
    p.source_id
from filtered_projects($alliance_ids, $ags_list, $period_ids, $search) as f
join projects as p on p.project_id = f.project_id
left join project_alliance_labels() as lab on lab.project_id = p.project_id
where p.start_date is not null and p.end_date is not null
order by start_day, p.title, p.project_id
