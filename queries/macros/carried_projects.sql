-- Table macros carried_projects(organisation) and carried_project_rows(organisation, page_rows, skipped): the
-- listed projects the organisation carries, by the one rule both use.
--
-- carried_projects: whole rows of the projects whose Träger text names the organisation `organisation` (an
-- org_id): its name appears in the sponsor field, case-insensitive (the data has no Träger id); a project without
-- a Träger text is carried by none. The name is matched against the distinct Träger texts first and the projects
-- with a matched text are taken after: a million projects name ~48 000 Träger. At 1M, lower() on every project's
-- text cost ~80 ms, finding the distinct texts ~55 ms and taking the projects with a matched one ~15 ms
-- (matching alone 108 -> 80 ms).
create macro carried_projects(organisation) as table
with named as (
    select s.sponsor
    from (select distinct p.sponsor from projects as p where p.sponsor is not null) as s
    join organisations as o on o.org_id = organisation
    where contains(lower(s.sponsor), lower(o.name))
)
select p.* from projects as p
where p.sponsor in (select n.sponsor from named as n);

-- carried_project_rows: one row per project carried by `organisation` (carried_projects), with its alliances
-- and source, unordered; with page_rows, only the page_rows projects after skipping `skipped` in the list's order
-- (largest first); page_rows NULL = all. One definition for the whole list (queries/organisation_projects.sql)
-- and its pages (organisation_projects_page.sql). Unknown amounts stay NULL.
create macro carried_project_rows(organisation, page_rows, skipped) as table
with chosen as (
    select p.* from carried_projects(organisation) as p
    where page_rows is null
    union all
    -- A page's ids are chosen on the sort key alone and their rows fetched after: carrying whole rows of a
    -- million projects through the match cost ~35 ms more at 1M.
    select pr.* from projects as pr
    where page_rows is not null and pr.project_id in (
        select p.project_id
        from carried_projects(organisation) as p
        order by coalesce(p.total_eur, p.esf_eur) desc nulls last, p.title, p.project_id
        limit page_rows offset skipped
    )
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
from chosen as p
left join project_alliance_labels((select list(c.project_id) from chosen as c)) as lab on lab.project_id = p.project_id;
