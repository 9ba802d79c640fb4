-- One row per listed organisation located in the district $ags, with the alliances it is a
-- member of, and its org_id (for its profile). Parameters: $ags (a 5-digit AGS).
select
    o.name as organisation,
    o.type,
    string_agg(coalesce(a.short_name, a.name) || ' (' || m.role || ')', ', ' order by a.short_name) as memberships,
    o.org_id
from organisations as o
left join memberships as m on m.org_id = o.org_id
left join alliances as a on a.alliance_id = m.alliance_id
where o.ags = $ags
group by o.org_id, o.name, o.type
order by o.type, o.name, o.org_id
