-- Table macros projects_passing(alliance_ids, ags_list, search) and filtered_projects(alliance_ids, ags_list,
-- period_ids, search): whole rows of projects passing the dashboard's filters; every NULL parameter means "no filter".
--
-- projects_passing: the listed projects passing the Bündnis, Landkreis and search filters, whole rows (joining
-- ids back to projects cost more than the filter). Without an alliance or district filter every project counts;
-- otherwise a project counts for an alliance when a source links them (also via a sub-network), or when no source
-- links it and it lies in the alliance's area. Each filter has its own branch under a condition on its parameter
-- alone, which DuckDB decides before it runs the query: an unused filter's joins are dropped instead of probed once
-- per project (at 1M projects, counting all of them 30 → 11 ms). Linked projects and projects only in the area are
-- separate branches too (a semi join instead of an OR over two lookups per project; one alliance 106 → 70 ms); the
-- area branch leaves out linked ones, so none counts twice.
create macro projects_passing(alliance_ids, ags_list, search) as table
with chosen as (select alliance_id from chosen_alliances(alliance_ids, ags_list)),
linked as (
    select pa.project_id from project_alliances as pa
    where pa.alliance_id in (
        select a.alliance_id from alliances as a
        where coalesce(a.parent_alliance_id, a.alliance_id) in (select alliance_id from chosen)
    )
),
area as (
    select ad.ags from alliance_districts as ad
    where ad.role = 'Gebiet' and ad.alliance_id in (select alliance_id from chosen)
)
select p.* from projects as p
where alliance_ids is null and ags_list is null
    and (search is null or p.title ilike '%' || search || '%' or p.sponsor ilike '%' || search || '%')
union all
select p.* from projects as p semi join linked as l on l.project_id = p.project_id
where (alliance_ids is not null or ags_list is not null)
    and (ags_list is null or list_contains(ags_list, p.ags))
    and (search is null or p.title ilike '%' || search || '%' or p.sponsor ilike '%' || search || '%')
union all
select p.* from projects as p anti join linked as l on l.project_id = p.project_id
where (alliance_ids is not null or ags_list is not null)
    and p.alliance_link = 'nicht belegt' and p.ags in (select ags from area)
    and (ags_list is null or list_contains(ags_list, p.ags))
    and (search is null or p.title ilike '%' || search || '%' or p.sponsor ilike '%' || search || '%');

-- filtered_projects: projects_passing and, with period_ids, only projects whose runtime overlaps one of the
-- periods, so projects of unknown runtime drop out of a period filter. Runtime overlap compares the ISO texts:
-- for a full date d, date_lo(s) <= d exactly when s <= d, and date_hi(e) >= d exactly when e || '~' >= d ('~'
-- sorts after every digit and '-'), so no date is parsed per project. projects_passing is written out once per
-- branch rather than shared, so DuckDB reads only the columns a query uses instead of keeping whole rows of a
-- million projects for two readers.
create macro filtered_projects(alliance_ids, ags_list, period_ids, search) as table
select * from projects_passing(alliance_ids, ags_list, search)
where period_ids is null
union all
select f.* from projects_passing(alliance_ids, ags_list, search) as f
semi join (
    select strftime(date_lo(fp.start_date), '%Y-%m-%d') as lo, strftime(date_hi(fp.end_date), '%Y-%m-%d') as hi
    from funding_periods as fp
    where list_contains(period_ids, fp.period_id)
) as fp on f.start_date <= fp.hi and f.end_date || '~' >= fp.lo
where period_ids is not null;
