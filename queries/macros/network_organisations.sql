-- Table macros network_alliances(alliance_ids, ags_list) and network_shown_organisations(alliance_ids, ags_list,
-- shown): which alliances and organisations the network shows; NULL lists mean "no filter".
--
-- network_alliances: one row (alliance_id, alliance, parent_alliance_id) per alliance or sub-network whose
-- alliance passes the Bündnis and Landkreis filters (chosen_alliances).
create macro network_alliances(alliance_ids, ags_list) as table
select a.alliance_id, coalesce(a.short_name, a.name) as alliance, a.parent_alliance_id
from alliances as a
where coalesce(a.parent_alliance_id, a.alliance_id)
    in (select alliance_id from chosen_alliances(alliance_ids, ags_list));

-- network_shown_organisations: one row (org_id, n_alliances) per organisation the network graph shows, at most
-- `shown` (NULL = all): those in the most filtered alliances and sub-networks, then in the most of all
-- (n_alliances), then by name and org_id.
create macro network_shown_organisations(alliance_ids, ags_list, shown) as table
with in_filter as (
    select alliance_id from network_alliances(alliance_ids, ags_list)
),
pairs as (
    select distinct m.org_id, m.alliance_id from memberships as m
),
spread as (
    select
        pr.org_id,
        count(*) as n_alliances,
        count(*) filter (where pr.alliance_id in (select alliance_id from in_filter)) as n_in_filter
    from pairs as pr
    group by pr.org_id
)
select sp.org_id, sp.n_alliances
from spread as sp
join organisations as o on o.org_id = sp.org_id
where sp.n_in_filter > 0
order by sp.n_in_filter desc, sp.n_alliances desc, o.name, sp.org_id
limit shown;
