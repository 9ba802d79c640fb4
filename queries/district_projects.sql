-- One row per listed project located in the district $ags, with the alliances it runs through.
-- Parameters: $ags (a 5-digit AGS).
select
    p.project_id,
    p.title,
    p.sponsor,
    string_agg(coalesce(a.short_name, a.name), ', ' order by a.short_name) as alliances,
    p.alliance_link,
    p.total_eur,
    p.esf_eur,
    p.amount_qualifier,
    p.start_date,
    p.end_date,
    p.source_id
from projects as p
left join project_alliances as pa on pa.project_id = p.project_id
left join alliances as a on a.alliance_id = pa.alliance_id
where p.ags = $ags
group by all
order by p.title, p.project_id
