-- The count rule (data/README.md, "Welche kumulierte Angabe zählt"): of an alliance's reported cumulative
-- figures of one metric (…_cumulative) the highest value counts, because a cumulative figure cannot fall and the
-- higher one is therefore the later state, dated or not. Among equal values a dated figure before an undated
-- one, then the newer, then the source id. Every other figure of the metric is a "weitere Angabe".
--
-- Table macro counted_figures(): one row per alliance_metrics row of a cumulative metric, with
-- counted (true for the one figure per alliance and metric that counts) and later_than (for a counted undated
-- figure: the newest date of a smaller figure of the same metric, the day it is known to be later than; else NULL).
create macro counted_figures() as table
select
    r.* exclude (rank),
    r.rank = 1 as counted,
    case when r.rank = 1 and r.as_of is null then (
        select max(o.as_of) from alliance_metrics as o
        where o.alliance_id = r.alliance_id and o.metric = r.metric and o.value < r.value
    ) end as later_than
from (
    select m.*, row_number() over (
        partition by m.alliance_id, m.metric order by m.value desc, m.as_of desc nulls last, m.source_id
    ) as rank
    from alliance_metrics as m
    where m.metric like '%\_cumulative' escape '\'
) as r;

-- Table macro counted_metric(metric_name): the one counted figure per alliance of the metric (see above).
-- Parameter metric_name: the metric's name (text), one of the …_cumulative metrics.
create macro counted_metric(metric_name) as table
select * exclude (counted) from counted_figures() where metric = metric_name and counted;
