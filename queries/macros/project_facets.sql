-- Macros of the table project_facets, built once per loaded database (fkb.store.facets) and kept in its Parquet
-- snapshot: one narrow row per listed project with the filters' facts as bit masks, so the counts beside the
-- filters' options (queries/facet_*_counts.sql) and the comparison's project counts group a million small rows
-- instead of joining projects to their alliances and the periods per option.
--
-- alliance_bits(): one row (alliance_id, bit) per recognised alliance (no sub-network), bit 0, 1, … in the order
-- of alliance_id. period_bits(): one row (period_id, bit, lo, hi) per funding period, in the order of period_id,
-- with the first and last day it covers as ISO text (lo, hi), compared with runtimes as in filtered_projects.
-- A bigint holds 63 bits: more alliances or periods stop the build with an error instead of counting wrong.
create macro alliance_bits() as table
select alliance_id, cast(row_number() over (order by alliance_id) - 1 as integer) as bit
from alliances
where parent_alliance_id is null;

create macro period_bits() as table
select period_id, cast(row_number() over (order by period_id) - 1 as integer) as bit,
    strftime(date_lo(start_date), '%Y-%m-%d') as lo, strftime(date_hi(end_date), '%Y-%m-%d') as hi
from funding_periods;

-- alliance_mask(alliance_ids, ags_list): the bits of chosen_alliances(alliance_ids, ags_list) (0 = none).
-- period_mask(period_ids): the bits of the chosen periods.
create macro alliance_mask(alliance_ids, ags_list) as (
    select coalesce(bit_or(cast(1 as bigint) << b.bit), 0) from alliance_bits() as b
    where b.alliance_id in (select alliance_id from chosen_alliances(alliance_ids, ags_list))
);

create macro period_mask(period_ids) as (
    select coalesce(bit_or(cast(1 as bigint) << b.bit), 0) from period_bits() as b where list_contains(period_ids, b.period_id)
);

-- project_facet_rows(): the rows of project_facets, one per project: ags; counted, the bits of the alliances it
-- counts for as in filtered_projects (a source links them, also via a sub-network, or no source links it and it
-- lies in the alliance's area); reach, those of them that reach its district (any role in alliance_districts);
-- periods, the bits of the periods its runtime overlaps (none for an unknown runtime); runtime_known (start and
-- end known) and source_id, for the comparison's totals; project_id and the columns the filtered list's summary
-- reads (amounts with the qualifier each shows, runtime, Förderschwerpunkt), so listed_project_summary and a list
-- page's choice of rows filter these narrow rows by bits instead of joining a million projects to their alliances.
create macro project_facet_rows() as table
with checked as (
    select (select count(*) from alliance_bits()) as alliances, (select count(*) from funding_periods) as periods
),
pairs as (
    select pa.project_id, coalesce(a.parent_alliance_id, a.alliance_id) as alliance_id
    from project_alliances as pa
    join alliances as a on a.alliance_id = pa.alliance_id
    union
    select p.project_id, ad.alliance_id
    from projects as p
    join alliance_districts as ad on ad.ags = p.ags and ad.role = 'Gebiet'
    where p.alliance_link = 'nicht belegt'
),
reach as (select distinct alliance_id, ags from alliance_districts),
masks as (
    select x.project_id,
        bit_or(cast(1 as bigint) << b.bit) as counted,
        bit_or(case when r.alliance_id is not null then cast(1 as bigint) << b.bit else 0 end) as reach
    from pairs as x
    join alliance_bits() as b on b.alliance_id = x.alliance_id
    join projects as p on p.project_id = x.project_id
    left join reach as r on r.alliance_id = x.alliance_id and r.ags = p.ags
    group by x.project_id
),
runtimes as (
    select r.start_date, r.end_date, bit_or(cast(1 as bigint) << b.bit) as periods
    from (select distinct start_date, end_date from projects where start_date is not null and end_date is not null) as r
    join period_bits() as b on r.start_date <= b.hi and r.end_date || '~' >= b.lo
    group by r.start_date, r.end_date
)
select p.ags,
    coalesce(m.counted, 0) as counted,
    coalesce(m.reach, 0) as reach,
    coalesce(t.periods, 0) as periods,
    p.start_date is not null and p.end_date is not null as runtime_known,
    p.source_id,
    p.project_id,
    p.total_eur,
    p.esf_eur,
    coalesce(p.total_eur_qualifier, p.amount_qualifier) as total_eur_qualifier,
    coalesce(p.esf_eur_qualifier, p.amount_qualifier) as esf_eur_qualifier,
    p.start_date,
    p.end_date,
    p.priority
from projects as p
left join masks as m on m.project_id = p.project_id
left join runtimes as t on t.start_date = p.start_date and t.end_date = p.end_date
cross join checked as c
where case when c.alliances > 63 or c.periods > 63 then error('more than 63 alliances or funding periods') else true end;

-- facet_projects(alliance_ids, ags_list, period_ids, facets := 'project_facets'): the rows of the table `facets` whose projects pass the dashboard's
-- Bündnis, Landkreis and Förderperiode filters (NULL = no filter), deciding exactly as filtered_projects without a
-- search does (tests/test_prebuilt_tables.py compares both): an alliance's bit among the counted ones, the district
-- among the chosen, a chosen period's bit among the runtime's (an unknown runtime has none). The table is named by a
-- parameter because it is made after the macros (fkb.store.facets): a name in the body would have to exist now.
create macro facet_projects(alliance_ids, ags_list, period_ids, facets := 'project_facets') as table
select f.* from query_table(facets) as f
where ((alliance_ids is null and ags_list is null) or f.counted & alliance_mask(alliance_ids, ags_list) <> 0)
    and (ags_list is null or list_contains(ags_list, f.ags))
    and (period_ids is null or f.periods & period_mask(period_ids) <> 0);
