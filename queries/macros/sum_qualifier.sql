-- Aggregate macro sum_qualifier(q, v): the qualifier of sum(v), where q is each summed amount's qualifier
-- ('rund', 'ca.', …; NULL = exact): the amounts' one qualifier when they share it, 'ca.' when they differ, NULL
-- when every summed amount is exact. Rows whose amount v is NULL are not summed and do not count. One rule for
-- every sum of known amounts shown (key figures, budget sums, amounts per Förderschwerpunkt, the district map).
create macro sum_qualifier(q, v) as
    case
        when count(distinct q) filter (where v is not null) = 1 then max(q) filter (where v is not null)
        when count(q) filter (where v is not null) > 0 then 'ca.'
    end;
