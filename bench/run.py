"""The benchmark: python -m bench.run [--scales 1000 100000 1000000] [--out bench/RESULTS.md]

For each scale it generates the data once (bench/data/, not in git), then measures in separate
processes (so memory and cold caches are the process's own): the app's load against DuckDB's bare
load, every page's queries with four filter combinations against a plain-pandas baseline, each
checked against the generator's ground truth. Results go to a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
REPEAT = 3


def measure_app(folder: Path) -> dict:
    """Child process: app load, bare load, page queries; checks against ground truth."""
    import pandas as pd

    from bench.engine import FILTERS, PAGE_QUERIES, app_load, app_page_queries, bare_load_seconds, summary, timed
    from fkb import db

    floor = bare_load_seconds(folder)
    load, con = app_load(folder)
    pages = {}
    for page in PAGE_QUERIES:
        times = []
        for params in FILTERS.values():
            times += timed(lambda p=page, f=params: app_page_queries(con, p, f), REPEAT)[0]
        pages[page] = summary(times)
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    listed = db.run_query(con, "listed_projects", alliance_ids=None, ags_list=None, period_ids=None, search=None)
    priorities = db.run_query(con, "project_amounts_by_priority", alliance_ids=None, ags_list=None, period_ids=None, search=None)
    esf = {
        ("leer" if pd.isna(p) else str(int(p))): round(float(0 if pd.isna(s) else s), 2)
        for p, s in zip(priorities.priority, priorities.esf_sum)
    }
    checks = {
        "projects": len(listed) == truth["projects"],
        "total_eur": round(float(listed.total_eur.sum()), 2) == truth["total_eur"],
        "esf_per_priority": esf == {k: v["esf_eur"] or 0 for k, v in truth["esf_per_priority"].items()},
    }
    return {
        "floor_s": floor,
        "load_s": load,
        "pages": pages,
        "checks": checks,
        "query_total_s": sum(v["median_ms"] * v["n"] for v in pages.values()) / 1000,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure_pandas(folder: Path) -> dict:
    """Child process: the plain-pandas baseline doing the same aggregations; checks against ground truth."""
    from bench.engine import FILTERS, PAGE_QUERIES, pandas_page, pandas_tables, summary, timed

    load_times, tables = timed(lambda: pandas_tables(folder))
    pages = {}
    for page in PAGE_QUERIES:
        times = []
        for params in FILTERS.values():
            times += timed(lambda p=page, f=params: pandas_page(tables, p, f), REPEAT)[0]
        pages[page] = summary(times)
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    result = pandas_page(tables, "projekte", FILTERS["ohne Filter"])
    per_alliance = result["projects_per_alliance"]
    checks = {
        "projects_per_alliance": all(
            int(per_alliance.loc[a, "projects"]) == v["projects"]
            for a, v in truth["projects_per_alliance"].items()
            if a in per_alliance.index
        )
    }
    return {
        "load_s": load_times[0],
        "pages": pages,
        "checks": checks,
        "query_total_s": sum(v["median_ms"] * v["n"] for v in pages.values()) / 1000,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _child(kind: str, folder: Path) -> dict:
    code = f"import json, sys; from pathlib import Path; from bench.run import measure_{kind}; print(json.dumps(measure_{kind}(Path(sys.argv[1]))))"
    done = subprocess.run([sys.executable, "-c", code, str(folder)], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) // 1024 // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    import duckdb
    import pandas

    return (
        f"{os.cpu_count()} Kerne ({cpu}), {memory} GiB RAM, Python {platform.python_version()}, "
        f"DuckDB {duckdb.__version__}, pandas {pandas.__version__}"
    )


def _markdown(rows: list[tuple[int, dict, dict]]) -> str:
    lines = [
        "# Benchmark",
        "",
        f"Maschine: {_machine()}",
        "",
        "Befehl: `.venv/bin/python -m bench.run --scales " + " ".join(str(n) for n, _, _ in rows) + "`",
        "",
        "| Projekte | App-Laden (s) | DuckDB allein (s) | Faktor | Seitenabfragen App gesamt (s) | pandas: Laden + Abfragen (s) | "
        "App schneller um | Spitzenspeicher App (MB) | pandas (MB) | Ergebnisse = Grundwahrheit |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for n, app, base in rows:
        app_total = app["load_s"] + app["query_total_s"]
        base_total = base["load_s"] + base["query_total_s"]
        ok = all(app["checks"].values()) and all(base["checks"].values())
        lines.append(
            f"| {n:,} | {app['load_s']:.2f} | {app['floor_s']:.2f} | {app['load_s'] / app['floor_s']:.2f}× | "
            f"{app['query_total_s']:.2f} | {base_total:.2f} | {base_total / app_total:.1f}× | {app['maxrss_mb']:.0f} | "
            f"{base['maxrss_mb']:.0f} | {'ja' if ok else 'NEIN'} |".replace(",", ".")
        )
    lines += [
        "",
        "Seitenabfragen je Seite (Median / p95 in ms, vier Filterkombinationen × 3 Wiederholungen):",
        "",
        "| Projekte | Seite | App Median | App p95 | pandas Median | pandas p95 |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for n, app, base in rows:
        for page, stats in app["pages"].items():
            other = base["pages"][page]
            lines.append(
                f"| {n:,} | {page} | {stats['median_ms']:.1f} | {stats['p95_ms']:.1f} | {other['median_ms']:.1f} | "
                f"{other['p95_ms']:.1f} |".replace(",", ".")
            )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark for the given scales and write the Markdown results."""
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--scales", type=int, nargs="+", default=[1000, 100_000, 1_000_000])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args(argv)
    from fkb.generate import generate

    rows = []
    for n in args.scales:
        folder = DATA / str(n)
        if not (folder / "ground_truth.json").exists():
            generate(n, folder)
        rows.append((n, _child("app", folder), _child("pandas", folder)))
        print(f"{n} Projekte gemessen", flush=True)
    args.out.write_text(_markdown(rows), encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
