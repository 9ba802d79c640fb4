"""The start command's options (fkb.start_options, scripts/start.sh) and what start and test install (scripts/setup.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fkb import serve
from fkb.start_options import StartError, streamlit_options

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        ([], {}, ["--server.address=127.0.0.1"]),  # this computer only, unless asked
        (["--port", "8611"], {}, ["--server.address=127.0.0.1", "--server.port=8611"]),
        (["--port=8611"], {}, ["--server.address=127.0.0.1", "--server.port=8611"]),
        (["-p", "8611"], {}, ["--server.address=127.0.0.1", "--server.port=8611"]),
        (["--server.port", "8611"], {}, ["--server.address=127.0.0.1", "--server.port=8611"]),  # Streamlit's own form
        (
            ["--server.port=8611", "--server.headless", "true"],
            {},
            ["--server.address=127.0.0.1", "--server.port=8611", "--server.headless=true"],
        ),
        (["--im-netz", "--port", "8611"], {}, ["--server.address=0.0.0.0", "--server.port=8611"]),
        ([], {"DASHBOARD_IM_NETZ": "1"}, ["--server.address=0.0.0.0"]),
        ([], {"DASHBOARD_IM_NETZ": "0"}, ["--server.address=127.0.0.1"]),
        (
            ["--server.address=127.0.0.1", "--server.port=41001"],
            {},
            ["--server.address=127.0.0.1", "--server.port=41001"],
        ),  # fkb.proxy's app processes
        (["--address", "192.168.1.5"], {}, ["--server.address=192.168.1.5"]),
        (["--nur-zeigen"], {}, ["--server.address=127.0.0.1"]),
    ],
)
def test_start_options_become_streamlit_options_on_this_computer_unless_asked(argv, env, expected):
    assert streamlit_options(argv, env) == expected


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--", "--server.port", "8611"], "„--server.port 8611“ würde ignoriert"),  # Streamlit hands it to the script
        (["--port", "8611", "--"], "Alles nach „--“ erreicht den Server nicht"),
        (["8611"], "Unbekannte Angabe „8611“"),
        (["--port"], "„--port“ braucht einen Wert"),
        (["--port", "acht"], "Der Port muss eine Zahl sein"),
        (["--port", "8611", "--server.port", "8612"], "zweimal angegeben (8611 und 8612)"),
        (["--im-netz", "--server.address=127.0.0.1"], "Widersprüchlich: --im-netz"),
        (["--verbose"], "Unbekannte Angabe „--verbose“"),
    ],
)
def test_a_start_option_that_would_be_ignored_is_refused_in_german_with_the_form_that_works(argv, says):
    with pytest.raises(StartError) as refused:
        streamlit_options(argv, {})
    assert says in str(refused.value)
    assert "bash scripts/start.sh --port 8611" in str(refused.value)


def test_the_start_command_refuses_the_ignored_form_and_prints_a_dry_run(capsys):
    assert serve.main(["--", "--server.port", "8611"]) == 2
    assert "erreicht den Server nicht" in capsys.readouterr().err
    assert serve.main(["--port", "8611", "--nur-zeigen"]) == 0
    assert capsys.readouterr().out.split() == [
        "streamlit",
        "run",
        str(serve.SCRIPT),
        "--server.fileWatcherType=none",
        "--logger.hideWelcomeMessage=true",
        "--server.address=127.0.0.1",
        "--server.port=8611",
    ]


def _stub(path: Path, log: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'#!/bin/sh\necho "$(basename "$0") $*" >> {log}\n')
    path.chmod(0o755)


@pytest.fixture
def checkout(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the scripts beside the real package, with pip, apt-get, sudo and npm replaced by stubs that log their calls."""
    log = tmp_path / "calls.log"
    log.touch()
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "scripts", root / "scripts")
    (root / "fkb").symlink_to(ROOT / "fkb")
    _stub(root / ".venv" / "bin" / "python", log)
    for tool in ("apt-get", "sudo", "npm"):
        _stub(tmp_path / "bin" / tool, log)
    return root, log


def _run(root: Path, script: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{root.parent / 'bin'}:{os.environ['PATH']}"}
    env.pop("DASHBOARD_IM_NETZ", None)
    return subprocess.run(["bash", str(root / "scripts" / script), *args], env=env, capture_output=True, text=True, timeout=60)


def test_start_sh_takes_the_port_as_people_type_it_and_installs_only_what_running_needs(checkout):
    root, log = checkout
    (root / "scripts" / "setup.sh").write_text(f'echo "setup.sh $*" >> {log}\n')
    done = _run(root, "start.sh", "--port", "8611")
    assert done.returncode == 0, done.stderr
    assert log.read_text().splitlines() == ["setup.sh --with-chromium", "python -m fkb.serve --port 8611"]


def test_start_sh_refuses_the_ignored_form_before_installing_anything(checkout):
    root, log = checkout
    (root / "scripts" / "setup.sh").write_text(f'echo "setup.sh $*" >> {log}\n')
    done = _run(root, "start.sh", "--", "--server.port", "8611")
    assert done.returncode == 2
    assert "Alles nach „--“ erreicht den Server nicht" in done.stderr and "bash scripts/start.sh --port 8611" in done.stderr
    assert log.read_text() == ""


def test_start_sh_dry_run_shows_the_command_and_starts_nothing(checkout):
    root, log = checkout
    done = _run(root, "start.sh", "--im-netz", "--port=8611", "--nur-zeigen")
    assert done.returncode == 0, done.stderr
    assert "--server.address=0.0.0.0 --server.port=8611" in done.stdout
    assert log.read_text() == ""


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="setup.sh would install Chromium")
def test_setup_installs_the_test_tools_only_when_asked(checkout):
    root, log = checkout
    assert _run(root, "setup.sh", "--with-chromium").returncode == 0
    assert log.read_text().splitlines() == ["python -m pip install -q --disable-pip-version-check -r requirements.txt"]
    log.write_text("")
    assert _run(root, "setup.sh", "--with-browser").returncode == 0  # what scripts/test.sh asks for
    calls = log.read_text().splitlines()
    assert calls[-1] == "python -m pip install -q --disable-pip-version-check -r requirements-dev.txt"
    assert any(call.startswith("npm install") and "axe-core@" in call for call in calls)


def test_requirements_for_running_hold_no_test_tools():
    running = (ROOT / "requirements.txt").read_text().lower()
    assert not any(tool in running for tool in ("pytest", "ruff", "playwright", "hypothesis"))
    assert (ROOT / "requirements-dev.txt").read_text().startswith("-r requirements.txt")
    assert sys.version_info >= (3, 11)
