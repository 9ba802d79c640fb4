-- Table macro newest_metric(metric_name): one row of alliance_metrics per alliance, its newest reported value
-- of the metric: dated figures before undated ones, then the larger value. One rule for the headline and the
-- Projekte page. Parameter metric_name: the metric's name (text).
create macro newest_metric(metric_name) as table
select * exclude (rank) from (
    select m.*, row_number() over (partition by m.alliance_id order by m.as_of desc nulls last, m.value desc) as rank
    from alliance_metrics as m
    where m.metric = metric_name
)
where rank = 1;
