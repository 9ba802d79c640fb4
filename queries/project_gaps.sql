-- One row per kind of gap in the listed projects, with how many projects have it.
-- Parameters: none.
select 'ohne Betrag (weder Gesamt-, ESF- noch Landesmittel)' as gap,
    count(*) filter (where total_eur is null and esf_eur is null and land_eur is null) as projects
from projects
union all select 'ohne bekannten Beginn oder ohne bekanntes Ende',
    count(*) filter (where start_date is null or end_date is null) from projects
union all select 'ohne Landkreis', count(*) filter (where ags is null) from projects
union all select 'ohne Förderschwerpunkt', count(*) filter (where priority is null) from projects
union all select 'Bündniszuordnung nicht belegt', count(*) filter (where alliance_link = 'nicht belegt') from projects
