-- One row per alliance or sub-network the district $ags belongs to (as Gebiet or Partner).
-- profile_alliance_id: the alliance whose profile covers it (a sub-network's alliance). Parameters: $ags (a 5-digit AGS).
select
    coalesce(a.short_name, a.name) as short_name,
    a.name,
    ad.role,
    a.coordinator,
    coalesce(parent.short_name, parent.name) as parent_short_name,
    ad.source_id,
    coalesce(a.parent_alliance_id, a.alliance_id) as profile_alliance_id
from alliance_districts as ad
join alliances as a on a.alliance_id = ad.alliance_id
left join alliances as parent on parent.alliance_id = a.parent_alliance_id
where ad.ags = $ags
order by a.parent_alliance_id nulls first, ad.role, short_name, a.alliance_id
