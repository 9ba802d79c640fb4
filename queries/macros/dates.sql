-- Macros date_lo(s) and date_hi(s): the first and the last day a reduced-precision ISO date covers.
-- Parameter s: an ISO date text of a year (YYYY), a month (YYYY-MM) or a day (YYYY-MM-DD); returns a date.
create macro date_lo(s) as cast(case length(s) when 4 then s || '-01-01' when 7 then s || '-01' else s end as date);

create macro date_hi(s) as case length(s)
    when 4 then cast(s || '-12-31' as date)
    when 7 then last_day(cast(s || '-01' as date))
    else cast(s as date)
end;

-- Table macro period_bounds(): each funding period with the first and the last day it covers as ISO text (lo, hi),
-- to compare with a project's reduced-precision dates: it runs in the period when start_date <= hi and
-- end_date || '~' >= lo (an unknown date never overlaps).
create macro period_bounds() as table
select fp.period_id, strftime(date_lo(fp.start_date), '%Y-%m-%d') as lo, strftime(date_hi(fp.end_date), '%Y-%m-%d') as hi
from funding_periods as fp;
