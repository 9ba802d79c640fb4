"""The Markdown of bench.service's results and its verdicts against issue 15's targets."""

from __future__ import annotations

HALL_P95_S = 5.0
COLD_BROWSER_MB = 2.5
MEMORY_BACK = 1.15  # within 15 % of the warm size
NO_GROWTH = 1.05  # the fifth burst's after-size at most 5 % above the first's
HOSTILE_S, HOSTILE_MB = 30.0, 1024.0
BYSTANDER = 2.0


def _de(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}".replace(",", "X").replace(".", ",").replace("X", ".")


def _yes(ok: bool | None) -> str:
    return "–" if ok is None else ("ja" if ok else "**NEIN**")


def targets(results: dict) -> list[tuple[str, str, str, bool | None]]:
    """Return (target, limit, measured, met) for every target bench.service measured."""
    rows: list[tuple[str, str, str, bool | None]] = []
    for hall in results.get("hall", []):
        bursts = hall["bursts"]
        worst = max((b["first_chart_p95_s"] or float("inf")) for b in bursts)
        failed = sum(b["without_chart"] for b in bursts)
        rows.append(
            (
                f"{hall['sessions']} auf einmal, erste Grafik p95 ({hall['data']}, schlechteste von {len(bursts)} Wellen)",
                f"≤ {_de(HALL_P95_S, 0)} s",
                f"{_de(worst)} s" + (f", {failed} ohne Grafik" if failed else ""),
                worst <= HALL_P95_S and not failed,
            )
        )
        back = bursts[-1]["after_mb"] / hall["baseline_mb"]
        rows.append(
            (
                f"Speicher nach den Sitzungen ({hall['data']})",
                "≤ 115 % des warmen Stands",
                f"{_de(100 * back, 0)} % ({_de(bursts[-1]['after_mb'], 0)} von {_de(hall['baseline_mb'], 0)} MB)",
                back <= MEMORY_BACK,
            )
        )
        growth = bursts[-1]["after_mb"] / bursts[0]["after_mb"]
        rows.append(
            (
                f"kein Wachsen über {len(bursts)} Wellen ({hall['data']})",
                "5. Welle ≤ 105 % der 1.",
                f"{_de(100 * growth, 1)} %",
                growth <= NO_GROWTH,
            )
        )
    if "browser" in results:
        mb = results["browser"]["bytes"] / 1e6
        rows.append(
            (
                "Browser mit leerem Cache, Übersicht über den Proxy",
                f"≤ {_de(COLD_BROWSER_MB, 1)} MB",
                f"{_de(mb)} MB",
                mb <= COLD_BROWSER_MB,
            )
        )
    for key, what in (
        ("upload", "während eines Uploads (1.048.576-Zeilen-Arbeitsmappe)"),
        ("clear_cache", "während clear_cache alle 2 s"),
    ):
        if key in results:
            part = results[key]
            ratio = part["during"]["p95_ms"] / part["alone"]["p95_ms"]
            rows.append(
                (
                    f"andere Sitzung {what}, p95",
                    "≤ 2× allein",
                    f"{_de(ratio)}× ({_de(part['during']['p95_ms'], 0)} / {_de(part['alone']['p95_ms'], 0)} ms)",
                    ratio <= BYSTANDER,
                )
            )
    for row in results.get("hostile", []):
        if "error" in row or row.get("timeout"):
            rows.append((f"feindliche Datei {row.get('name')}", "≤ 30 s, ≤ 1 GB", "Fehler/Zeitlimit", False))
            continue
        ok = row["seconds"] <= HOSTILE_S and row["peak_mb"] <= HOSTILE_MB
        rows.append(
            (
                f"feindliche Datei {row['name']} ({_de(row['bytes'] / 1e6, 1)} MB)",
                "≤ 30 s, ≤ 1 GB",
                f"{_de(row['seconds'], 1)} s, {_de(row['peak_mb'], 0)} MB",
                ok,
            )
        )
    if "exports" in results:  # bench.exports.measure_exports, in one process with the export
        e = results["exports"]
        ratio = e["csv_ratio_to_copy"]
        rows.append(
            (
                "„CSV für Excel“ der ganzen Projektliste gegen DuckDBs bloßes COPY",
                "≤ 3×",
                f"{_de(ratio)}× ({_de(min(e['csv']['seconds']), 1)} / {_de(min(e['bare_copy_s']), 1)} s)",
                ratio <= 3,
            )
        )
        xlsx = min(e["xlsx"]["seconds"])
        rows.append(
            ("XLSX der ganzen Projektliste", "≤ 60 s", f"{_de(xlsx, 1)} s ({_de(e['xlsx']['bytes'] / 1e6, 0)} MB)", xlsx <= 60)
        )
    if "export_bystander" in results:  # a real session's click in Chromium, another session's reruns over the protocol
        b = results["export_bystander"]
        for kind in ("csv", "xlsx"):
            if kind in b:
                ratio = b[kind]["during"]["p95_ms"] / b["alone"]["p95_ms"]
                rows.append(
                    (
                        f"andere Sitzung während des Downloads als {kind.upper()} ({_de(b[kind]['seconds'], 1)} s), p95",
                        "≤ 2× allein",
                        f"{_de(ratio)}× ({_de(b[kind]['during']['p95_ms'], 0)} / {_de(b['alone']['p95_ms'], 0)} ms)",
                        ratio <= BYSTANDER,
                    )
                )
    return rows


def missed(results: dict) -> bool:
    return any(met is False for *_, met in targets(results))


def markdown(results: dict) -> str:
    lines = [
        "## Dienst für einen Saal (Issue 15)",
        "",
        f"Befehl: `{results.get('_command', 'python -m bench.service')}`. Der Produktionsstart `python -m fkb.proxy` "
        "(zwei App-Prozesse hinter nginx) auf dieser Maschine; die Sitzungen sprechen Streamlits eigenes Protokoll (bench.hall); "
        "Streamlits Sitzungs-TTL für die Messung 10 s (Standard 120 s).",
        "",
        "| Ziel | Grenze | gemessen | erfüllt |",
        "|---|---|---|---|",
        *[f"| {t} | {limit} | {measured} | {_yes(met)} |" for t, limit, measured, met in targets(results)],
        "",
    ]
    for hall in results.get("hall", []):
        lines += [
            f"**{hall['sessions']} auf einmal, {hall['data']}** (warm: {_de(hall['baseline_mb'], 0)} MB in den App-Prozessen)",
            "",
            "| Welle | erste Grafik p50 / p95 / max | Lauf fertig p95 | WebSocket je Sitzung | Speicher Spitze / danach | Fehler |",
            "|---|---|---|---|---|---|",
        ]
        for n, b in enumerate(hall["bursts"], 1):
            lines.append(
                f"| {n} | {_de(b['first_chart_p50_s'])} / {_de(b['first_chart_p95_s'])} / {_de(b['first_chart_max_s'])} s | {_de(b['finished_p95_s'])} s "
                f"| {_de(b['ws_bytes_per_session'] / 1024, 0)} kB | {_de(b['peak_mb'], 0)} / {_de(b['after_mb'], 0)} MB | {len(b['errors'])} |"
            )
        lines.append("")
    if "exports" in results:
        e = results["exports"]
        lines += [
            "Exporte in einem Prozess mit einer Seitenarbeit daneben (bench.exports, Projekte-Abfragen und Tabelle eines Bündnisses "
            f"in einer Schleife): allein p50/p95 {_de(e['bystander_alone']['p50_ms'], 0)} / {_de(e['bystander_alone']['p95_ms'], 0)} ms, "
            f"während CSV {_de(e['csv']['bystander']['p50_ms'], 0)} / {_de(e['csv']['bystander']['p95_ms'], 0)} ms, "
            f"während XLSX {_de(e['xlsx']['bystander']['p50_ms'], 0)} / {_de(e['xlsx']['bystander']['p95_ms'], 0)} ms; "
            f"Speicher während CSV {_de(e['csv']['rss_before_mb'], 0)} → {_de(e['csv']['rss_peak_mb'], 0)} MB, "
            f"während XLSX {_de(e['xlsx']['rss_before_mb'], 0)} → {_de(e['xlsx']['rss_peak_mb'], 0)} MB.",
            "",
        ]
    if "browser" in results:
        b = results["browser"]
        lines += [
            f"Browser mit leerem Cache: {_de(b['bytes'] / 1e6)} MB in {b['requests']} Anfragen; andere Hosts: {', '.join(b['foreign_hosts']) or 'keine'}.",
            "",
        ]
    return "\n".join(lines)
