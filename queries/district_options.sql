-- One row per district (Landkreis, kreisfreie Stadt, Region), by name, for the Landkreis filter.
-- Parameters: none.
select
    d.ags,
    d.name,
    d.kind
from districts as d
order by d.name
