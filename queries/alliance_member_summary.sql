-- One row for the memberships of alliance_members: how many there are and the sources they cite.
-- Parameters: $alliance_ids.
-- Builds on queries/macros/alliance_member_rows.sql, queries/macros/network_organisations.sql.
select
    count(*) as memberships,
    coalesce(list(distinct m.source_id order by m.source_id) filter (where m.source_id is not null), []) as source_ids
from alliance_member_rows($alliance_ids, null, 0) as m
