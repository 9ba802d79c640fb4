"""Shared fixtures: the tiny hand-made data set, the bundled data, the real server and Chromium.

The helpers behind them (and the ones tests call themselves) are in tests/helpers.py.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser

from fkb.store import loading
from helpers import chromium, running_app

# Tests never read or write a developer's published data: every test run gets its own folder.
os.environ["DASHBOARD_PUBLISHED_DIR"] = tempfile.mkdtemp(prefix="fkb-published-test-")
os.environ.pop("DASHBOARD_PUBLISH_TOKEN", None)

TESTS = Path(__file__).resolve().parent
TINY = TESTS / "data"
SHARED = loading.ROOT.parent / "shared"
THE_EIGHT = (
    "ems-achse",
    "jadebay",
    "nordwest",
    "elbe-weser",
    "nordostniedersachsen",
    "leine-weser",
    "suedostniedersachsen",
    "suedniedersachsen",
)
# The plotly charts each page draws at least (AppTest and browser tests share it).
CHARTS_PER_PAGE = {
    "uebersicht": 1,
    "budgets": 2,
    "projekte": 2,  # on the bundled data no source names a Förderschwerpunkt: that view is a sentence (tests/test_thin_data.py)
    "partnernetzwerk": 1,
    "regionen": 1,
    "vergleich": 0,  # opens with a prompt until two alliances are chosen
    "suche": 0,
    "quellen": 0,
    "daten_laden": 0,
    "steckbrief": 0,
    "praesentation": 0,
}
NO_FILTER = {"alliance_ids": None, "ags_list": None, "period_ids": None}


@pytest.fixture(scope="session")
def tiny():
    """The tiny data set of tests/data loaded into DuckDB."""
    con = loading.load_database(TINY)
    yield con
    con.close()


@pytest.fixture(scope="session")
def bundled():
    """The bundled data of data/ loaded into DuckDB."""
    con = loading.load_database(loading.BUNDLED_DATA_DIR)
    yield con
    con.close()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The app as scripts/start.sh starts it, on the bundled data, once per test module: its address."""
    with running_app() as app:
        yield app.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium, once per test module."""
    with chromium() as launched:
        yield launched


def rows(frame, *columns):
    """Return the chosen columns of a result as a list of tuples, missing values as None."""
    subset = frame[list(columns)].astype(object)
    return [tuple(None if pd.isna(v) else v for v in row) for row in subset.itertuples(index=False)]
