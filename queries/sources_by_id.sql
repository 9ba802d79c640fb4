-- One row per source whose id is in $source_ids, newest first.
-- Parameters: $source_ids (a list of source ids; NULL = every source).
select
    s.source_id,
    s.title,
    s.publisher,
    s.url,
    s.published
from sources as s
where $source_ids is null or list_contains($source_ids, s.source_id)
order by s.published desc nulls last, s.title, s.source_id
