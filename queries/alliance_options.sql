-- One row per recognised alliance (the eight, no sub-networks), for the Bündnis filter.
-- Parameters: none.
select
    a.alliance_id,
    coalesce(a.short_name, a.name) as short_name,
    a.name
from alliances as a
where a.parent_alliance_id is null
order by short_name
