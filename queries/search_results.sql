-- One row per document found, at most $per_kind per kind (projects, organisations, alliances, sources),
-- with how many documents of its kind match in all.
-- Parameters (fkb.store.search_index.search_params): the query's terms as parallel lists –
-- $term_alt, $term_stem: each stem with the term it belongs to; $alt_id, $alt_clause, $alt_words, $alt_phrase:
-- each term's clause (-1: excluded), its number of distinct stems and its folded phrase ('' for a single word);
-- $clauses: how many clauses must match; $per_kind: rows shown per kind.
-- A document matches a term when it holds all its stems (search_terms, sorted by stem, one row per stem and
-- document) and, for a phrase, the folded words in this order. A term of several stems (only a phrase has more
-- than one) starts from its rarest stem (search_stems): its documents are few, and the others' rows are only
-- probed against them, not grouped (the phrase "Vorhaben 4711" at 1M projects: a million rows of 'vorhab').
-- Only the candidates of a phrase and the rows shown are joined to their tables, always with the few rows on
-- the hash join's build side. The texts are those of search_documents() (queries/macros/search_text.sql), folded
-- by its search_folded().
with stem_wanted as (
    select unnest($term_alt) as alt, unnest($term_stem) as stem
),
term as (
    select unnest($alt_id) as alt, unnest($alt_clause) as clause, unnest($alt_words) as words, unnest($alt_phrase) as phrase
),
ranked as (
    select w.alt, w.stem, row_number() over (partition by w.alt order by coalesce(s.docs, 0), w.stem) as rank
    from stem_wanted as w
    left join search_stems as s on s.stem = w.stem
),
first_hit as (
    select t.kind, t.doc, r.alt
    from search_terms as t
    join (select alt, stem from ranked where rank = 1) as r on r.stem = t.stem
),
other_hit as (
    select t.doc, r.alt, count(*) as n
    from search_terms as t
    join (select alt, stem from ranked where rank > 1) as r on r.stem = t.stem
    join first_hit as f on f.doc = t.doc and f.alt = r.alt
    group by t.doc, r.alt
),
term_hit as (
    select h.kind, h.doc, term.clause, term.phrase
    from first_hit as h
    join term on term.alt = h.alt
    left join other_hit as o on o.doc = h.doc and o.alt = h.alt
    where term.words <= 1 + coalesce(o.n, 0)
),
candidate as (
    select h.doc, h.clause, h.phrase, d.kind, d.id
    from search_docs as d
    join term_hit as h on h.doc = d.doc
    where h.phrase <> ''
),
candidate_text as (
    select c.doc, c.clause, c.phrase, concat_ws(' ', p.title, p.sponsor, p.note) as text
    from projects as p join candidate as c on c.kind = 'projekt' and c.id = p.project_id
    union all
    select c.doc, c.clause, c.phrase, concat_ws(' ', o.name, o.type)
    from organisations as o join candidate as c on c.kind = 'organisation' and c.id = o.org_id
    union all
    select c.doc, c.clause, c.phrase, concat_ws(' ', a.name, a.short_name, a.coordinator)
    from alliances as a join candidate as c on c.kind = 'buendnis' and c.id = a.alliance_id
    union all
    select c.doc, c.clause, c.phrase, concat_ws(' ', s.title, s.publisher, s.kind)
    from sources as s join candidate as c on c.kind = 'quelle' and c.id = s.source_id
),
matched as (
    select kind, doc, clause from term_hit where phrase = ''
    union all
    select h.kind, h.doc, h.clause
    from candidate_text as c join term_hit as h on h.doc = c.doc and h.clause = c.clause and h.phrase = c.phrase
    where contains(search_folded(c.text), ' ' || c.phrase || ' ')
),
found as (
    -- one aggregation: every clause matched (one bit each, at most 20 clauses: search_syntax.MAX_TERMS), no excluded term
    select kind, doc
    from matched
    group by kind, doc
    having bit_or(case when clause >= 0 then cast(1 as bigint) << clause else 0 end) = (cast(1 as bigint) << $clauses) - 1
        and not bool_or(clause < 0)
),
per_kind as (
    select kind, count(*) as kind_count, min(doc, $per_kind) as first_docs from found group by kind
),
shown as (
    select s.kind_count, d.kind, d.id
    from search_docs as d
    join (select kind_count, unnest(first_docs) as doc from per_kind) as s on s.doc = d.doc
),
labelled as (
    select s.kind, s.id, p.title as label, p.sponsor as detail, null as url, s.kind_count
    from projects as p join shown as s on s.kind = 'projekt' and s.id = p.project_id
    union all
    select s.kind, s.id, o.name, o.type, null, s.kind_count
    from organisations as o join shown as s on s.kind = 'organisation' and s.id = o.org_id
    union all
    select s.kind, s.id, a.name, a.coordinator, null, s.kind_count
    from alliances as a join shown as s on s.kind = 'buendnis' and s.id = a.alliance_id
    union all
    select s.kind, s.id, q.title, q.publisher, q.url, s.kind_count
    from sources as q join shown as s on s.kind = 'quelle' and s.id = q.source_id
)
select kind, id, label, detail, url, kind_count from labelled order by kind, label, id
