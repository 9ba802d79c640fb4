-- One row per recognised alliance and reported figure (project count, volume, partner count)
-- for which no source gives a value. Parameters: none.
with wanted(metric, label) as (
    values ('projects_cumulative', 'Projektzahl (kumuliert)'),
        ('volume_eur_cumulative', 'Projektvolumen (kumuliert)'),
        ('partners_count', 'Zahl der Partner')
)
select
    coalesce(a.short_name, a.name) as short_name,
    w.label
from alliances as a
cross join wanted as w
where a.parent_alliance_id is null
    and not exists (
        select 1 from alliance_metrics as m
        where m.alliance_id = a.alliance_id and m.metric = w.metric)
order by short_name, w.label
