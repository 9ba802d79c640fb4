"""Property-based tests: any valid set in any supported dialect reads back exactly; any bytes give a report."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bench.writer import write_table
from conftest import TINY
from fkb.check import exit_code, render_report
from fkb.contract.source_table import SourceTable, read_canonical
from fkb.intake.canonical_set import canonical_csv
from fkb.intake.dialect import decode
from fkb.intake.upload_check import ingest

# Supported dialects: German Excel (";" or tab with decimal comma) and the international one ("," with
# decimal point), each in UTF-8, UTF-8 with BOM or Windows-1252, with or without Excel's sep= line.
DIALECTS = [(";", True), ("\t", True), (",", False)]
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252"]
TEXT = (
    st.text(
        alphabet=string.ascii_letters + string.digits + " äöüÄÖÜß€„“–-.,;:!?'\"()&/=+@%\n<>",
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
AMOUNT = st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
DATE = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.dates().map(lambda d: d.isoformat()[:4]),
).filter(lambda d: d is None or "1000" <= d[:4] <= "9999")


def _amount(value) -> str:
    if value is None:
        return ""
    text = format(value, "f").rstrip("0").rstrip(".") if "." in format(value, "f") else format(value, "f")
    return text or "0"


@st.composite
def project_rows(draw) -> list[list[str]]:
    """Projects that are valid against tests/data: ids unique, references existing, start before end."""
    count = draw(st.integers(min_value=1, max_value=8))
    rows = []
    for number in range(count):
        start, end = draw(DATE), draw(DATE)
        if start and end and start > end[: len(start)]:
            start, end = end, start
        if start and end and start > end[: len(start)]:
            end = None
        rows.append(
            [
                f"p{number}",
                draw(TEXT),
                draw(st.one_of(st.just(""), TEXT)),
                _amount(draw(AMOUNT)),
                _amount(draw(AMOUNT)),
                _amount(draw(AMOUNT)),
                draw(st.sampled_from(["", "ca.", "rund", "mehr als", "bis zu"])),
                start or "",
                end or "",
                draw(st.sampled_from(["", "1", "2", "3"])),
                draw(st.sampled_from(["03101", "03102", "03151", "03241"])),
                draw(st.sampled_from(["belegt", "nicht belegt"])),
                draw(st.sampled_from(["s1", "s2", "s3"])),
                draw(st.one_of(st.just(""), TEXT)),
            ]
        )
    return rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=project_rows(),
    dialect=st.sampled_from(DIALECTS),
    encoding=st.sampled_from(ENCODINGS),
    sep_line=st.booleans(),
    euro=st.booleans(),
    labels=st.booleans(),
)
# Found by this test in CI: Windows-1252 bytes that are valid UTF-8 ("Ä–" is C4 96, UTF-8 for "Ė").
@example(
    rows=[["p0", "Ä–", "", "", "", "", "", "", "", "", "03101", "belegt", "s1", ""]],
    dialect=(";", True),
    encoding="cp1252",
    sep_line=False,
    euro=False,
    labels=False,
)
def test_any_valid_table_in_any_supported_dialect_reads_back_exactly(rows, dialect, encoding, sep_line, euro, labels):
    header = read_canonical(TINY / "projects.csv").header
    table = SourceTable("projects", "projects.csv", header, rows, list(range(2, len(rows) + 2)))
    delimiter, decimal_comma = dialect
    try:
        data = write_table(table, encoding, delimiter, decimal_comma, sep_line, euro_sign=euro and decimal_comma, labels=labels)
    except UnicodeEncodeError:
        data = write_table(table, "utf-8", delimiter, decimal_comma, sep_line, euro_sign=euro and decimal_comma, labels=labels)
    # the link tables of tests/data name projects not in this set: upload empty ones beside it
    links = [
        ("project_alliances.csv", b"project_id,alliance_id\n"),
        ("project_amount_variants.csv", b"project_id,field,value_eur,qualifier,source_id,note\n"),
    ]
    result = ingest([("Projekte.csv", data), *links], TINY)
    assert result.report.ok, [p.describe() for p in result.report.errors]
    expected = canonical_csv(SourceTable("projects", "projects.csv", header, rows, []))
    assert canonical_csv(result.tables["projects"]) == expected


def test_windows_1252_that_happens_to_be_utf8_is_read_as_windows_1252_but_other_scripts_stay_utf8():
    for text in ("Ä–", "Ö„Ü“ ß€", "Ärger–Öl"):  # each pair of bytes also valid UTF-8
        assert decode(text.encode("cp1252")) == (text, "cp1252")
    for text in ("Münster, Straße – „Köln“ €", "Łódź, Gdańsk, Wrocław", "Doğan Şahin, İzmir", "Brno, Plzeň, Žilina", "日本"):
        assert decode(text.encode("utf-8")) == (text, "utf-8")
    # German UTF-8 beside a rare letter: the umlauts' bytes are no German Windows-1252, so UTF-8 it stays.
    assert decode("Müller Ė".encode()) == ("Müller Ė", "utf-8")


@settings(max_examples=300, deadline=None)
@given(
    data=st.binary(max_size=3000),
    suffix=st.sampled_from([".csv", ".xlsx", ".txt", ".tsv", ".csv.gz", ".pdf", ""]),
    stem=st.sampled_from(["projects", "Budgets", "Quellen", "unbekannt"]),
)
def test_any_bytes_give_a_report_never_a_crash(data, suffix, stem):
    result = ingest([(stem + suffix, data)], TINY)
    report = render_report(result)
    assert report.startswith("Prüfbericht") and "Ergebnis:" in report
    assert exit_code(result) in (0, 1, 2)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=400), delimiter=st.sampled_from([";", ",", "\t"]))
def test_any_text_as_projects_csv_gives_a_report(text, delimiter):
    data = ("title" + delimiter + "esf_eur\n" + text).encode("utf-8", errors="surrogatepass")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        data = data.decode("utf-8", errors="replace").encode("utf-8")
    result = ingest([("projects.csv", data)], TINY)
    assert exit_code(result) in (1, 2)  # required columns are missing, so never usable


PARTIAL_DATE = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.isoformat()[:7]),
    st.dates().map(lambda d: d.isoformat()[:4]),
).filter(lambda d: "1000" <= d[:4] <= "9999")


@settings(max_examples=300, deadline=None)
@given(start=PARTIAL_DATE, end=PARTIAL_DATE, period_start=PARTIAL_DATE, period_end=PARTIAL_DATE)
def test_runtime_overlap_on_iso_text_equals_overlap_on_dates(tiny, start, end, period_start, period_end):
    """filtered_projects compares ISO texts instead of parsing dates per project; both must agree."""
    by_dates, by_text = tiny.execute(
        "select date_lo($s) <= date_hi($pe) and date_hi($e) >= date_lo($ps), "
        "$s <= strftime(date_hi($pe), '%Y-%m-%d') and $e || '~' >= strftime(date_lo($ps), '%Y-%m-%d')",
        {"s": start, "e": end, "ps": period_start, "pe": period_end},
    ).fetchone()
    assert by_dates == by_text
