"""Structure of queries/*.sql: a header that names the result and the parameters, and every file in use."""

import re
from pathlib import Path

import pytest

from fkb.store import loading, sql_files

QUERY_FILES = sorted(sql_files.QUERY_DIR.glob("*.sql"))
CODE = "\n".join(
    p.read_text(encoding="utf-8")
    for p in [loading.ROOT / "dashboard.py", *loading.ROOT.glob("pages/*.py"), *loading.ROOT.glob("fkb/*.py")]
)


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_file_starts_with_a_header_saying_what_one_row_is(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("-- One row") and lines[1].startswith("--"), "two-line header: one row is …; parameters"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_header_names_every_parameter_it_uses(path: Path):
    text = path.read_text(encoding="utf-8")
    header = "\n".join(line for line in text.splitlines() if line.startswith("--"))
    body_params = set(re.findall(r"\$([a-z_]+)", "\n".join(line for line in text.splitlines() if not line.startswith("--"))))
    header_params = set(re.findall(r"\$([a-z_]+)", header))
    assert body_params == header_params or (not body_params and "none" in header.lower())


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_query_is_a_single_read_only_select(path: Path):
    body = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("--")).lower()
    assert re.match(r"\s*(with|select)\b", body)
    assert not re.search(r"\b(insert|update|delete|create|drop|attach|copy|pragma|set)\b\s", body.replace("set)", ""))
    assert ";" not in body.strip().rstrip(";")


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_every_query_file_is_called_somewhere(path: Path):
    assert f'"{path.stem}"' in CODE, f"{path.stem}.sql is not used by any page or module"


def test_every_query_called_in_code_exists():
    called = set(re.findall(r'query\(\s*"([a-z0-9_]+)"', CODE))
    assert called <= {p.stem for p in QUERY_FILES}


def test_query_names_outside_the_folder_are_refused():
    with pytest.raises(KeyError):
        sql_files.query_text("../data/sources")
