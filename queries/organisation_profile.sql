-- One row for the listed organisation $org_id (no row if the id is unknown): its name, type and district.
-- Parameters: $org_id (an org_id).
select
    o.org_id,
    o.name,
    o.type,
    o.ags,
    d.name as district
from organisations as o
left join districts as d on d.ags = o.ags
where o.org_id = $org_id
