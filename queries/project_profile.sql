-- One row for the listed project $project_id (no row if the id is unknown): every field, its district's
-- name and its source's title, link and date. Parameters: $project_id (a project_id).
select
    p.*,
    d.name as district,
    s.title as source_title,
    s.url as source_url,
    s.published as source_published
from projects as p
left join districts as d on d.ags = p.ags
left join sources as s on s.source_id = p.source_id
where p.project_id = $project_id
