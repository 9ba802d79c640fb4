-- One row per listed project whose Träger text names the organisation $org_id (its name appears in the
-- sponsor field, case-insensitive; the data has no Träger id), with its alliances and source, largest first;
-- unknown amounts stay NULL. Parameters: $org_id (an org_id).
-- Builds on queries/macros/project_alliance_labels.sql.
with carried as (
    select p.*
    from projects as p
    join organisations as o on o.org_id = $org_id
    where p.sponsor is not null and contains(lower(p.sponsor), lower(o.name))
)
select
    p.project_id,
    p.title,
    p.title_origin,
    lab.alliances,
    p.sponsor,
    p.sponsor_origin,
    p.source_id,
    p.total_eur,
    p.esf_eur,
    p.amount_qualifier,
    p.start_date,
    p.end_date,
    p.start_date_origin,
    p.end_date_origin,
    coalesce(p.total_eur_qualifier, p.amount_qualifier) as total_eur_qualifier,
    coalesce(p.esf_eur_qualifier, p.amount_qualifier) as esf_eur_qualifier
from carried as p
left join project_alliance_labels((select list(c.project_id) from carried as c)) as lab on lab.project_id = p.project_id
order by coalesce(p.total_eur, p.esf_eur) desc nulls last, p.title, p.project_id
