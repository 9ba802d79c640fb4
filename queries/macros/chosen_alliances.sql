-- Table macro chosen_alliances(alliance_ids, ags_list): one row (alliance_id) per recognised alliance (no
-- sub-network) passing the Bündnis and Landkreis filters; a NULL list means "no filter". Used by most queries.
create macro chosen_alliances(alliance_ids, ags_list) as table
select a.alliance_id
from alliances as a
where a.parent_alliance_id is null
    and (alliance_ids is null or list_contains(alliance_ids, a.alliance_id))
    and (ags_list is null or exists (
        select 1 from alliance_districts as ad
        where ad.alliance_id = a.alliance_id and list_contains(ags_list, ad.ags)
    ));
