-- One row per alliance (or sub-network) the project $project_id is listed under, with the alliance a
-- sub-network belongs to. Parameters: $project_id (a project_id).
select
    a.alliance_id,
    coalesce(a.short_name, a.name) as short_name,
    a.name,
    a.parent_alliance_id,
    coalesce(parent.short_name, parent.name) as parent_short_name,
    a.coordinator
from project_alliances as pa
join alliances as a on a.alliance_id = pa.alliance_id
left join alliances as parent on parent.alliance_id = a.parent_alliance_id
where pa.project_id = $project_id
order by short_name, a.alliance_id
