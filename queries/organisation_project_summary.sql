-- One row for the projects the organisation $org_id carries (its name in the Träger text, as
-- organisation_projects lists them): how many there are and the sources they cite.
-- Parameters: $org_id (an org_id).
-- Builds on queries/macros/carried_projects.sql.
select
    count(*) as projects,
    coalesce(list(distinct p.source_id order by p.source_id) filter (where p.source_id is not null), []) as source_ids
from carried_projects($org_id) as p
