-- Table macros partner_shares(organisation) and partner_organisations(organisation, page_rows, skipped): the
-- listed organisations that share an alliance with the organisation `organisation` (an org_id), by the one rule
-- both use.
--
-- partner_shares: one row (org_id, alliance_id, alliance) per other listed organisation and alliance (or
-- sub-network) of which both are members; alliance is its short name, else its name.
create macro partner_shares(organisation) as table
select other.org_id, other.alliance_id, coalesce(a.short_name, a.name) as alliance
from memberships as own
join memberships as other on other.alliance_id = own.alliance_id and other.org_id <> own.org_id
join organisations as o on o.org_id = other.org_id
join alliances as a on a.alliance_id = other.alliance_id
where own.org_id = organisation;

-- partner_organisations: one row per organisation of partner_shares with the shared alliances as a label and their
-- number, unordered; with page_rows, only the page_rows organisations after skipping `skipped` in the list's order
-- (most shared first, then by name); page_rows NULL = all. The labels are made for the chosen ones only: for all
-- 37 534 partners of an organisation at 1M projects they cost ~110 ms, counting them ~7 ms. One definition for
-- the whole list (queries/organisation_partners.sql), its pages (organisation_partners_page.sql) and their number
-- (organisation_partner_summary.sql).
create macro partner_organisations(organisation, page_rows, skipped) as table
with shares as materialized (
    select * from partner_shares(organisation)
),
chosen as (
    select o.org_id, o.name as organisation, o.type, c.shared_alliances
    from (select s.org_id, count(distinct s.alliance_id) as shared_alliances from shares as s group by s.org_id) as c
    join organisations as o on o.org_id = c.org_id
    order by c.shared_alliances desc, o.name, o.org_id
    limit page_rows offset skipped
)
select
    ch.org_id,
    ch.organisation,
    ch.type,
    ch.shared_alliances,
    string_agg(distinct s.alliance, ', ' order by s.alliance) as alliances
from chosen as ch
join shares as s on s.org_id = ch.org_id
group by all;
