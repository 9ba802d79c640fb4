"""Issue 18, "Corrected data": the values checked against the stored sources, and the marker columns that
say a value is derived, inferred, planned or a description (data/README.md, "Herkunftsspalten")."""

from __future__ import annotations

import csv
import io
import shutil

import duckdb
import pandas as pd
import pytest

from fkb.contract.formatting import with_origin
from fkb.contract.schema import ORIGINS, TABLES_BY_NAME
from fkb.contract.schema_columns import ORIGIN_LABELS
from fkb.contract.validate import validate_folder
from fkb.figures.display_tables import membership_table, project_table
from fkb.figures.profile_tables import membership_rows, project_fields
from fkb.store import loading, sql_files


def _one(con, sql: str, *params):
    return con.execute(sql, list(params)).fetchone()


def test_each_budget_qualifier_is_the_shown_sources_own_word(bundled):
    # einbeck-business says "680.000 Euro"; Stadtradio's "rund 680.000 Euro" is named in the note only
    assert _one(
        bundled,
        "select qualifier, source_id, note like '%stadtradio-e115538%' from alliance_budgets "
        "where alliance_id = 'suedniedersachsen' and period_id = '2021-2024'",
    ) == (None, "einbeck-business-2021", True)


def test_the_projects_carry_the_qualifiers_their_sources_use_amount_by_amount(bundled):
    found = {
        r[0]: r[1:]
        for r in bundled.execute(
            "select project_id, amount_qualifier, total_eur, total_eur_qualifier, esf_eur, esf_eur_qualifier, "
            "land_eur, land_eur_qualifier from projects "
            "where project_id in ('welcome-centre-goettingen', 'ausbildungsnetzwerk-pflege', 'fame')"
        ).fetchall()
    }
    assert found["welcome-centre-goettingen"] == ("rund", None, None, 350000.0, None, None, None)
    # NDR: "fast 260.000 Euro" ESF and exactly 86.000 € Land
    assert found["ausbildungsnetzwerk-pflege"] == (None, None, None, 260000.0, "fast", 86000.0, None)
    assert found["fame"] == ("rund", None, None, 110000.0, None, None, None)


def test_a_project_in_two_districts_has_no_single_district(bundled):
    ags, note = _one(bundled, "select ags, note from projects where project_id = 'welcome-centre-goettingen'")
    assert ags is None and "Landkreisen Göttingen und Northeim" in note


def test_derived_inferred_planned_and_descriptive_values_are_marked(bundled):
    assert bundled.execute(
        "select period_id, end_date, end_date_origin from funding_periods where end_date_origin is not null order by 1"
    ).fetchall() == [("2021-2024", "2024-08-31", "abgeleitet"), ("2024-2027", "2027-08-31", "abgeleitet")]
    marked = bundled.execute(
        "select project_id, title_origin, sponsor_origin, start_date_origin, end_date_origin from projects "
        "where coalesce(title_origin, sponsor_origin, start_date_origin, end_date_origin) is not null order by 1"
    ).fetchall()
    assert marked == [
        ("nordwest-netzwerkmanagement-2016", None, "erschlossen", None, None),
        ("onlinevertrieb-einzelhandel-weserbergland", "beschreibend", None, None, None),
        ("welcome-center-der-region", None, None, "geplant", None),
    ]
    assert bundled.execute("select alliance_id, org_id from memberships where origin = 'erschlossen' order by 1").fetchall() == [
        ("leine-weser", "aa-hildesheim"),
        ("nordwest", "lk-cloppenburg"),
    ]


def test_no_organisation_bears_a_name_no_source_gives(bundled):
    assert _one(bundled, "select count(*) from organisations where name = 'Handwerkskammer Hannover'") == (0,)
    name, ags = _one(
        bundled,
        "select o.name, o.ags from memberships m join organisations o using (org_id) "
        "where m.alliance_id = 'fachkraefteallianz-hannover' and o.type = 'Kammer' and o.name like 'Handwerkskammer%'",
    )
    assert name.startswith("Handwerkskammer (") and "Region nicht genannt" in name and ags is None


def test_the_recognition_notice_of_suedostniedersachsen_has_its_whole_address_and_title(bundled):
    title, url = _one(bundled, "select title, url from sources where source_id = 'afdr-2015-565'")
    assert title == "EU-Fördergelder für die Region: Fachkräftebündnis SüdOstNiedersachsen bewilligt"
    assert not url.endswith("%255D=565") and url.endswith("cHash=547eb2b9b0be0397558410a350fc7306")


def test_the_new_sourced_facts_each_have_their_source_row(bundled):
    heidekreis = _one(
        bundled,
        "select p.start_date, p.ags, p.source_id, pa.alliance_id from projects p "
        "join project_alliances pa using (project_id) where p.project_id = 'welcomecenter-heidekreis'",
    )
    assert heidekreis == ("2018-11", "03358", "welcome-heidekreis-ziele", "nordostniedersachsen")
    # a row's numbers and dates are its own source's: the Abendblatt's runtime and total stand in the note, named
    note = _one(bundled, "select note from projects where project_id = 'ausbildungsnetzwerk-pflege'")[0]
    assert "hamburger-abendblatt-228266865" in note and "Oktober 2019" in note and "455.000 Euro" in note
    assert "hamburger-abendblatt-227799255" in note and "Fachkräfteallianz Nordostniedersachsen" in note
    cited = {r[0] for r in bundled.execute("select source_id from sources").fetchall()}
    assert {
        "hamburger-abendblatt-228266865",
        "hamburger-abendblatt-227799255",
        "welcome-heidekreis-ziele",
        "extra-verlag-welcome-heidekreis",
        "celler-presse-2021-09-03",
        "stadtradio-e115538",
    } <= cited
    note = _one(
        bundled, "select note from alliance_budgets where alliance_id = 'nordostniedersachsen' and period_id = '2021-2024'"
    )
    assert "celler-presse-2021-09-03" in note[0] and "ab Frühjahr 2022" in note[0]


# --- the marker columns in the contract ---------------------------------------------------------------------


def test_every_marker_column_is_optional_and_takes_only_the_origin_vocabulary():
    markers = [(t.name, c) for t in TABLES_BY_NAME.values() for c in t.columns if c.name.endswith("origin")]
    assert {(t, c.name) for t, c in markers} >= {
        ("funding_periods", "end_date_origin"),
        ("projects", "title_origin"),
        ("projects", "sponsor_origin"),
        ("projects", "start_date_origin"),
        ("projects", "end_date_origin"),
        ("memberships", "origin"),
    }
    assert all(not c.required and c.choices == ORIGINS for _, c in markers)
    assert set(ORIGIN_LABELS) == set(ORIGINS)


def _rewrite(path, change) -> None:
    text = path.read_text(encoding="utf-8")
    records = list(csv.reader(io.StringIO(text)))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(change(records))
    path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.fixture
def copied(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(loading.BUNDLED_DATA_DIR, folder)
    return folder


def test_an_unknown_origin_is_an_error_naming_file_column_and_value(copied):
    def guess(records):
        header = records[0]
        i = header.index("origin")
        records[1][i] = "vermutet"
        return records

    _rewrite(copied / "memberships.csv", guess)
    errors = validate_folder(copied).errors
    assert [(p.file, p.column, p.value) for p in errors] == [("memberships.csv", "origin", "vermutet")]


def test_files_without_the_marker_columns_still_pass_as_old_uploads_do(copied):
    def without_markers(records):
        keep = [i for i, name in enumerate(records[0]) if not name.endswith("origin") and not name.endswith("eur_qualifier")]
        return [[r[i] for i in keep] for r in records]

    for name in ("funding_periods", "projects", "memberships"):
        _rewrite(copied / f"{name}.csv", without_markers)
    assert validate_folder(copied).errors == []
    con = loading.load_database(copied, snapshot_root=copied.parent / "snapshots")
    try:  # the missing columns load as empty: every value counts as stated by its source
        assert con.execute("select count(*) from memberships where origin is not null").fetchone() == (0,)
        assert con.execute("select count(*) from projects where esf_eur_qualifier is not null").fetchone() == (0,)
    finally:
        con.close()


# --- shown where the value is shown ---------------------------------------------------------------------------


def test_the_profiles_show_the_mark_beside_the_value(bundled):
    planned = sql_files.run_query(bundled, "project_profile", project_id="welcome-center-der-region").iloc[0]
    fields = dict(zip(project_fields(planned).Feld, project_fields(planned).Wert))
    assert fields["Beginn"] == "13.01.2016 (geplant)"
    pflege = sql_files.run_query(bundled, "project_profile", project_id="ausbildungsnetzwerk-pflege").iloc[0]
    fields = dict(zip(project_fields(pflege).Feld, project_fields(pflege).Wert))
    assert (fields["ESF-Mittel"], fields["Landesmittel"]) == ("fast 260.000 €", "86.000 €")
    described = sql_files.run_query(bundled, "project_profile", project_id="onlinevertrieb-einzelhandel-weserbergland").iloc[0]
    title = dict(zip(project_fields(described).Feld, project_fields(described).Wert))["Titel"]
    assert title.endswith("(Beschreibung, kein Titel der Quelle)")
    memberships = membership_rows(sql_files.run_query(bundled, "organisation_memberships", org_id="lk-cloppenburg"))
    assert memberships.Rolle.tolist() == ["Partner (erschlossen)"]


def test_the_tables_and_their_downloads_have_a_herkunft_column(bundled):
    params = {"alliance_ids": None, "ags_list": None, "period_ids": None, "search": None}
    table = project_table(sql_files.run_query(bundled, "listed_projects", **params)).set_index("Projekt")
    assert table.loc["Welcome Center der Region", "Herkunft"] == "Beginn: geplant"
    assert table.loc["Onlinevertrieb im Einzelhandel erleichtern (Weserbergland AG)", "Herkunft"] == (
        "Titel: Beschreibung, kein Titel der Quelle"
    )
    assert table.loc["Ausbildungsnetzwerk Pflege (BBS Winsen)", "ESF"] == "fast 260.000 €"
    assert table.loc["Ausbildungsnetzwerk Pflege (BBS Winsen)", "Land"] == "86.000 €"
    members = membership_table(
        sql_files.run_query(bundled, "network_memberships", alliance_ids=["nordwest"], ags_list=None)
    ).set_index("Organisation")
    assert members.loc["Landkreis Cloppenburg", "Herkunft"] == "erschlossen"


def test_the_sql_labels_are_the_contracts():
    con = duckdb.connect()
    sql_files.create_macros(con, ("origin_marks",))
    for origin, label in ORIGIN_LABELS.items():
        assert con.execute("select origin_label(?)", [origin]).fetchone() == (label,)
        assert with_origin("x", origin) == f"x ({label})"
    assert con.execute("select project_origins(null, null, null, null)").fetchone() == (None,)
    assert con.execute("select project_origins(null, 'erschlossen', 'geplant', null)").fetchone() == (
        "Träger: erschlossen; Beginn: geplant",
    )


def test_the_network_hover_and_the_runtime_hover_name_the_mark(bundled):
    from fkb.figures.network import network_graph
    from fkb.figures.project_charts import project_timeline

    members = sql_files.run_query(bundled, "network_top_memberships", alliance_ids=["nordwest"], ags_list=None, limit=None)
    hovers = [h for trace in network_graph(members, "Netz").data for h in (trace.customdata or ())]
    assert any("Landkreis Cloppenburg" in h and "Nordwest (erschlossen)" in h for h in hovers)
    runtimes = pd.DataFrame(
        {
            "title": ["Alpha"],
            "title_origin": [None],
            "alliances": ["Nordwest"],
            "start_date": ["2016-01-13"],
            "end_date": ["2016-12"],
            "start_date_origin": ["geplant"],
            "end_date_origin": [None],
            "start_day": [pd.Timestamp("2016-01-13")],
            "end_day": [pd.Timestamp("2016-12-31")],
        }
    )
    figure = project_timeline(runtimes, "Laufzeiten")
    assert figure.layout.title.text.startswith("Laufzeiten")
    assert "13.01.2016 (geplant) bis 12/2016" in figure.data[0].customdata[0]
