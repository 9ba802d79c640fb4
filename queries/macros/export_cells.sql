-- Scalar macros of the whole-list downloads (fkb.list_exports, fkb.list_xlsx): each returns one cell's text
-- exactly as the Python writers of fkb.exports write it. Parameters: t a text, x a number, p a date's parts,
-- v an ISO date text or an amount, q an amount's source text. Blanks are Python's str.strip() blanks, the
-- qualifiers fkb.schema.QUALIFIERS and the empty texts fkb.exports.EMPTY_TEXTS (tests/test_list_exports.py
-- checks both against the constants).
--
-- fkb_blank(t): NULL for NULL and for an empty text after Python's strip(): blanks around nothing, 'unbekannt'
-- or '–'; else t.
create macro fkb_blank(t) as case
    when t is null
        or regexp_full_match(
            t,
            '[ \t\n\r\x0b\x0c\x1c-\x1f\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]*(?:unbekannt|–)?[ \t\n\r\x0b\x0c\x1c-\x1f\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]*'
        )
        then null
    else t
end;

-- fkb_neutral(t): fkb_blank(t) with "'" before a text that starts with a formula character, or does once
-- Python's strip() took its blanks (tab and CR are blanks themselves, so they count only as the very first
-- character).
create macro fkb_neutral(t) as case
    when fkb_blank(t) is null then null
    when regexp_matches(
        t,
        '^(?:[\t\r]|[ \t\n\r\x0b\x0c\x1c-\x1f\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]*[=+\-@])'
    ) then '''' || t
    else t
end;

-- fkb_csv_field(t): t as a CSV field, quoted as Python's csv.QUOTE_MINIMAL quotes with ';' ('' for NULL).
create macro fkb_csv_field(t) as case
    when t is null then ''
    when contains(t, ';') or contains(t, '"') or contains(t, chr(10)) or contains(t, chr(13))
        then '"' || replace(t, '"', '""') || '"'
    else t
end;

-- fkb_csv_number(x): a number's CSV text with a decimal comma ('' for NULL and NaN). Whole numbers to 1e38 with
-- every digit; larger ones (no amount or count is) only to ~17 digits.
create macro fkb_csv_number(x) as case
    when x is null or isnan(x::double) then ''
    when x::double = trunc(x::double) and abs(x::double) < 1e38 then cast(cast(x as hugeint) as varchar)
    when x::double = trunc(x::double) then printf('%.0f', x::double)
    else replace(printf('%.15g', x::double), '.', ',')
end;

-- fkb_german_day(p): the parts [year, month, day] of an ISO date as German text: TT.MM.JJJJ, MM/JJJJ or JJJJ.
create macro fkb_german_day(p) as case len(p)
    when 3 then p[3] || '.' || p[2] || '.' || p[1]
    when 2 then p[2] || '/' || p[1]
    else p[1]
end;

-- fkb_csv_day(v): an ISO date text (of a day, month or year) as a German CSV field ('' for NULL and '').
-- A full day (the usual case) is written directly: digits need neither neutralising nor quoting.
create macro fkb_csv_day(v) as case
    when v is null then ''
    when regexp_full_match(v, '[0-9]{4}-[0-9]{2}-[0-9]{2}') then substr(v, 9, 2) || '.' || substr(v, 6, 2) || '.' || left(v, 4)
    when v = '' then ''
    else fkb_csv_field(fkb_neutral(fkb_german_day(string_split(left(v, 10), '-'))))
end;

-- fkb_qualifier(v, q): the qualifier ("ca.", "rund", "fast", "mehr als", "bis zu") the source text q starts with, for
-- a known amount v; else NULL.
create macro fkb_qualifier(v, q) as case
    when v is null then null
    when starts_with(q || ' ', 'ca. ') then 'ca.'
    when starts_with(q || ' ', 'rund ') then 'rund'
    when starts_with(q || ' ', 'fast ') then 'fast'
    when starts_with(q || ' ', 'mehr als ') then 'mehr als'
    when starts_with(q || ' ', 'bis zu ') then 'bis zu'
end;
