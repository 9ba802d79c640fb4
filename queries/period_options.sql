-- One row per recognition period, oldest first, for the Förderperiode filter.
-- Parameters: none.
select
    p.period_id,
    p.label
from funding_periods as p
order by p.period_id
