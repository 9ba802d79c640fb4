-- Scalar macros naming how a value came about (the contract's marker columns "<column>_origin", see
-- data/README.md "Herkunftsspalten"), as the project tables show and download them. The labels are
-- fkb.contract.schema_columns.ORIGIN_LABELS (tests/test_origin_marks.py checks both).
--
-- origin_label(origin): the German label of one origin value; NULL for NULL (the source states the value).
create macro origin_label(origin) as case origin
    when 'abgeleitet' then 'abgeleitet'
    when 'erschlossen' then 'erschlossen'
    when 'geplant' then 'geplant'
    when 'beschreibend' then 'Beschreibung, kein Titel der Quelle'
end;

-- project_origins(t, s, b, e): "Titel: …; Träger: …; Beginn: …; Ende: …" for the marked values of a project
-- (title_origin, sponsor_origin, start_date_origin, end_date_origin); NULL when none is marked.
create macro project_origins(t, s, b, e) as nullif(
    concat_ws(
        '; ',
        'Titel: ' || origin_label(t),
        'Träger: ' || origin_label(s),
        'Beginn: ' || origin_label(b),
        'Ende: ' || origin_label(e)
    ),
    ''
);
