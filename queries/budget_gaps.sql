-- One row per alliance x period (recognised alliances only) with no shown single-period budget;
-- covered_by names a combined multi-period figure that includes the period, if one exists.
-- Parameters: none (the gaps of the whole data set).
select
    coalesce(a.short_name, a.name) as short_name,
    p.period_id,
    (select string_agg(k.period_id || ' bis ' || k.end_period_id, ', ')
        from alliance_budgets as k
        where k.alliance_id = a.alliance_id and k.end_period_id is not null
            and k.end_period_id <> k.period_id
            and p.period_id between k.period_id and k.end_period_id) as covered_by
from alliances as a
cross join funding_periods as p
where a.parent_alliance_id is null
    and not exists (
        select 1 from alliance_budgets as b
        where b.alliance_id = a.alliance_id and b.period_id = p.period_id and b.preferred
            and (b.end_period_id is null or b.end_period_id = b.period_id))
order by short_name, p.period_id
