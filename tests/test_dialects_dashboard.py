"""The same data exported from German Excel in each encoding and separator gives identical dashboards."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pandas as pd
import pytest

from bench.writer import write_table
from fkb.contract.schema import TABLES
from fkb.contract.search_syntax import parse
from fkb.contract.source_table import read_canonical
from fkb.intake.canonical_set import write_set
from fkb.intake.upload_check import ingest
from fkb.store import loading, sql_files
from fkb.store.search_index import ensure_search_index, search_params

GERMAN_NAMES = {"alliance_budgets": "Budgets", "projects": "Projekte", "organisations": "Organisationen", "sources": "Quellen"}
PARAMS = {
    "alliance_ids": None,
    "ags_list": None,
    "period_ids": None,
    "search": None,
    "ags": "03159",
    "source_ids": ["seed-000"],
    "limit": 50,
    "offset": 0,
    "org_id": "ihk-hannover",  # the profiles' parameters (a bundled organisation and project)
    "project_id": "welcome-centre-goettingen",
    "per_kind": 5,
}


def _dashboard_figures(folder: Path) -> dict[str, pd.DataFrame]:
    con = loading.load_database(folder)
    try:
        ensure_search_index(con)  # the search's term table (built at the first search)
        params = {**PARAMS, **asdict(search_params(parse('Fachkräfte "Welcome Centre" -Göttingen OR Hannover')))}
        return {
            p.stem: sql_files.run_query(con, p.stem, **{k: params[k] for k in sql_files.query_params(p.stem)})
            for p in sorted(sql_files.QUERY_DIR.glob("*.sql"))
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def bundled_figures() -> dict[str, pd.DataFrame]:
    return _dashboard_figures(loading.BUNDLED_DATA_DIR)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_german_excel_export_in_any_encoding_and_separator_gives_the_same_dashboard(
    encoding: str, delimiter: str, bundled_figures, tmp_path: Path
):
    decimal_comma = delimiter != ","  # German Excel: decimal comma with ";" or tab; "," files use the decimal point
    files = []
    for table in TABLES:
        source = read_canonical(loading.BUNDLED_DATA_DIR / f"{table.name}.csv")
        data = write_table(
            source, encoding, delimiter, decimal_comma, sep_line=delimiter == ";", euro_sign=decimal_comma, labels=True
        )
        files.append((GERMAN_NAMES.get(table.name, table.name) + (".txt" if delimiter == "\t" else ".csv"), data))
    result = ingest(files, Path("/nicht/vorhanden"))
    assert result.report.errors == []
    assert result.basis_tables == []
    write_set(result, Path("/nicht/vorhanden"), tmp_path)
    figures = _dashboard_figures(tmp_path)
    for name, expected in bundled_figures.items():
        pd.testing.assert_frame_equal(figures[name], expected, obj=name)
