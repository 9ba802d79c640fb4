-- Table macro partner_organisations(organisation): one row per other listed organisation that is a member of an
-- alliance (or sub-network) the organisation `organisation` (an org_id) is a member of: the shared alliances as a
-- label and their number, unordered. One definition for the whole list (queries/organisation_partners.sql), its
-- pages (organisation_partners_page.sql) and their number (organisation_partner_summary.sql).
create macro partner_organisations(organisation) as table
select
    o.org_id,
    o.name as organisation,
    o.type,
    count(distinct other.alliance_id) as shared_alliances,
    string_agg(distinct coalesce(a.short_name, a.name), ', ' order by coalesce(a.short_name, a.name)) as alliances
from memberships as own
join memberships as other on other.alliance_id = own.alliance_id and other.org_id <> own.org_id
join organisations as o on o.org_id = other.org_id
join alliances as a on a.alliance_id = other.alliance_id
where own.org_id = organisation
group by o.org_id, o.name, o.type;
