-- Macro search_documents(): the searchable documents, one row per project, organisation, alliance and source
-- with the text the search looks in (queries/search_results.sql reads the same columns for phrases). Returns kind ('projekt', 'organisation', 'buendnis', 'quelle'), id, text.
create macro search_documents() as table
    select 'projekt' as kind, project_id as id, concat_ws(' ', title, sponsor, note) as text from projects
    union all
    select 'organisation', org_id, concat_ws(' ', name, type) from organisations
    union all
    select 'buendnis', alliance_id, concat_ws(' ', name, short_name, coordinator) from alliances
    union all
    select 'quelle', source_id, concat_ws(' ', title, publisher, kind) from sources;

-- Macro search_folded(text): the text as the folded words a phrase is matched against, between spaces:
-- 'Führung der Straße!' -> ' fuehrung der strasse '. One regexp_replace over the text: half the CPU of extracting
-- the words as a list and joining them (a phrase checks tens of thousands of candidates' texts at 1M projects).
create macro search_folded(text) as
    ' ' || trim(regexp_replace(
        replace(replace(replace(replace(lower(text), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), '[^\pL\pN]+', ' ', 'g'
    )) || ' ';
