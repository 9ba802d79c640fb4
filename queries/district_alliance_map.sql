-- One row per district (all 45): the recognised alliance whose area it is (role Gebiet), the
-- alliances it is only a partner of, and whether it passes the filters ($alliance_ids, $ags_list).
-- Builds on queries/macros/chosen_alliances.sql.
with area as (
    select ad.ags, a.alliance_id, coalesce(a.short_name, a.name) as short_name, ad.source_id
    from alliance_districts as ad
    join alliances as a on a.alliance_id = ad.alliance_id
    where ad.role = 'Gebiet' and a.parent_alliance_id is null
),
partner as (
    select ad.ags, string_agg(coalesce(a.short_name, a.name), ', ' order by a.short_name) as partner_of
    from alliance_districts as ad
    join alliances as a on a.alliance_id = ad.alliance_id
    where ad.role = 'Partner'
    group by ad.ags
)
select
    d.ags,
    d.name,
    d.kind,
    d.population,
    d.population_as_of,
    area.alliance_id,
    area.short_name,
    area.source_id,
    partner.partner_of,
    (area.alliance_id in (select alliance_id from chosen_alliances($alliance_ids, $ags_list))
        and ($ags_list is null or list_contains($ags_list, d.ags))) as selected
from districts as d
left join area on area.ags = d.ags
left join partner on partner.ags = d.ags
order by d.ags
