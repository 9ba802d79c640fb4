-- One row per recognised alliance in $alliance_ids (NULL = all eight): name, coordinator, first
-- recognition and its districts (Gebiet) as text. Parameters: $alliance_ids (list of ids or NULL).
select
    a.alliance_id,
    a.name,
    coalesce(a.short_name, a.name) as short_name,
    a.coordinator,
    a.recognised_on,
    a.source_id,
    string_agg(d.name, ', ' order by d.name) as districts,
    count(d.ags) as district_count
from alliances as a
left join alliance_districts as ad on ad.alliance_id = a.alliance_id and ad.role = 'Gebiet'
left join districts as d on d.ags = ad.ags
where a.parent_alliance_id is null
    and ($alliance_ids is null or list_contains($alliance_ids, a.alliance_id))
group by all
order by short_name
