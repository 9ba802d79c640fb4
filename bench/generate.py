"""Seeded synthetic data sets that follow the data contract, from 1 000 to 10 000 000 projects.

python -m bench.generate --projects N --out ORDNER [--seed S] [--dialect excel-de]

The real structure (periods, the eight alliances, the 45 districts, their budgets) is copied from
data/; projects, organisations, memberships and project links are generated in DuckDB from
hash(row, seed), so the same seed gives the same files. Organisations are Zipf-skewed: a few sit in
many alliances and sponsor many projects. ground_truth.json holds the totals that were generated.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from fkb.contract.schema import TABLES_BY_NAME
from fkb.store.loading import BUNDLED_DATA_DIR, Database, connect

COPIED = ("funding_periods", "alliances", "districts", "alliance_districts", "alliance_budgets", "alliance_metrics")
WORDS = (
    "Fachkräfte",
    "Zukunft",
    "Pflege",
    "Ausbildung",
    "Weiterbildung",
    "Willkommen",
    "Integration",
    "Digitalisierung",
    "Gründung",
    "Rückkehr",
    "Mittelstand",
    "Frauen",
    "Übergang",
    "Qualifizierung",
    "Brücken",
    "Chancen",
)
PLACES = (
    "Lüneburg",
    "Göttingen",
    "Osnabrück",
    "Celle",
    "Lingen",
    "Hameln",
    "Wilhelmshaven",
    "Stade",
    "Gifhorn",
    "Nienburg",
    "Verden",
    "Vechta",
    "Uelzen",
    "Goslar",
    "Aurich",
    "Cloppenburg",
)
KINDS = (
    "Bildungswerk",
    "Kreishandwerkerschaft",
    "Wirtschaftsförderung",
    "Verein für Übergänge",
    "Stiftung Zukunft",
    "Jobcenter",
    "Agentur für Arbeit",
    "Hochschule",
    "Unternehmerverband",
    "Gewerkschaftsbüro",
)
ORG_TYPES = (
    "Verband/Verein",
    "Verband/Verein",
    "Wirtschaftsförderung",
    "Verband/Verein",
    "Stiftung",
    "Jobcenter",
    "Agentur für Arbeit",
    "Hochschule",
    "Arbeitgeberverband",
    "Gewerkschaft",
)


def _rand(expr: str, salt: str) -> str:
    """SQL for a deterministic pseudo-random double in [0, 1) from a row expression and the bound $seed."""
    return f"(hash({expr}, $seed, '{salt}') % 1000000007) / 1000000007.0"


def _run(con: Database, sql: str, **values: int) -> None:
    """Execute generator SQL: its text comes from code constants, every number is a bound parameter."""
    con.execute(sql, {k: v for k, v in values.items() if f"${k}" in sql})


def _generate(con: Database, projects: int, seed: int) -> None:
    orgs = max(50, projects // 20)
    sources = max(10, projects // 1000)
    values = {"seed": seed, "orgs": orgs, "sources": sources, "projects": projects}
    con.execute(
        "create table alliance_ids as select alliance_id, row_number() over (order by alliance_id) - 1 as n "
        "from alliances where parent_alliance_id is null"
    )
    con.execute(
        "create table area as select ad.ags, ad.alliance_id, row_number() over (order by ad.ags) - 1 as n "
        "from alliance_districts ad join alliance_ids using (alliance_id) where ad.role = 'Gebiet'"
    )
    words, places, kinds, types = (f"[{', '.join(repr(w) for w in ws)}]" for ws in (WORDS, PLACES, KINDS, ORG_TYPES))
    _run(
        con,
        f"""create table gen_sources as select 'gen-quelle-' || i as source_id, 'Förderliste, Lieferung ' || i as title,
        'NBank (synthetisch)' as publisher, null as url,
        strftime(date '2016-01-01' + cast(floor({_rand("i", "sd")} * 3600) as integer), '%Y-%m-%d') as published,
        'Datensatz' as kind from range($sources) t(i)""",
        **values,
    )
    # Organisations: rank r = i + 1; Zipf: number of alliances ~ 8 / sqrt(r)
    _run(
        con,
        f"""create table organisations as select 'org-' || i as org_id,
        {kinds}[1 + i % 10] || ' ' || {places}[1 + (i // 10) % 16] || ' ' || i as name, {types}[1 + i % 10] as type,
        (select ags from area where n = cast(floor({_rand("i", "oa")} * 45) as integer)) as ags,
        greatest(1, least(8, cast(round(8 / sqrt(i + 1)) as integer))) as spread
        from range($orgs) t(i)""",
        **values,
    )
    _run(
        con,
        f"""create table memberships as select a.alliance_id, o.org_id,
        case when k = 0 and o.spread = 1 and {_rand("o.org_id", "ro")} < 0.05 then 'Koordination' else 'Partner' end as role,
        strftime(date '2015-08-27' + cast(floor({_rand("o.org_id || k", "ms")} * 3000) as integer), '%Y') as since,
        'gen-quelle-' || (hash(o.org_id, $seed) % $sources) as source_id
        from organisations o, range(8) r(k), alliance_ids a
        where k < o.spread and a.n = (hash(o.org_id, $seed, 'start') + k) % 8""",
        **values,
    )
    _run(
        con,
        f"""create table projects as
        with base as (select i, {_rand("i", "a")} as u1, {_rand("i", "b")} as u2, {_rand("i", "c")} as u3,
            {_rand("i", "d")} as u4, {_rand("i", "e")} as u5 from range($projects) t(i))
        select 'p' || i as project_id,
            {words}[1 + i % 16] || ' in ' || {places}[1 + (i // 16) % 16] || ' – Vorhaben ' || i as title,
            'org-' || cast(floor(pow($orgs, u1)) - 1 as bigint) as sponsor_org,
            round(20000 + u2 * u2 * 1980000, 2) as total_eur, u2, u3, u4, u5,
            date '2015-09-01' + cast(floor(u4 * 4300) as integer) as start_day,
            6 + cast(floor(u5 * 31) as integer) as months,
            cast(floor(u3 * 45) as integer) as area_n
        from base""",
        **values,
    )
    _run(
        con,
        """create table projects_out as select p.project_id, p.title, o.name as sponsor, p.total_eur,
        case when p.u3 < 0.9 then round(p.total_eur * 0.5, 2) end as esf_eur,
        case when p.u5 < 0.3 then round(p.total_eur * 0.2, 2) end as land_eur,
        null as amount_qualifier, strftime(p.start_day, '%Y-%m-%d') as start_date,
        strftime(p.start_day + to_months(p.months), '%Y-%m-%d') as end_date,
        case when p.u4 < 0.9 then 1 + cast(floor(p.u2 * 3) as integer) end as priority,
        a.ags, case when p.u5 < 0.95 then 'belegt' else 'nicht belegt' end as alliance_link,
        'gen-quelle-' || (hash(p.project_id, $seed) % $sources) as source_id, null as note, a.alliance_id as area_alliance
        from projects p join area a on a.n = p.area_n join organisations o on o.org_id = p.sponsor_org""",
        **values,
    )
    _run(
        con,
        f"""create table project_alliances as
        select project_id, area_alliance as alliance_id from projects_out where alliance_link = 'belegt'
        union
        select p.project_id, a.alliance_id from projects_out p join alliance_ids a
            on a.n = hash(p.project_id, $seed, 'x') % 8
        where p.alliance_link = 'belegt' and {_rand("p.project_id", "y")} < 0.05""",
        **values,
    )


def _ground_truth(con: Database, projects: int, seed: int) -> dict:
    per_alliance = con.execute("""select pa.alliance_id, count(*), cast(sum(cast(p.total_eur as decimal(18, 2))) as double) from project_alliances pa
        join projects_out p using (project_id) group by all order by 1""").fetchall()
    per_priority = con.execute("""select coalesce(cast(priority as varchar), 'leer'), count(*), cast(sum(cast(esf_eur as decimal(18, 2))) as double)
        from projects_out group by all order by 1""").fetchall()
    return {
        "projects": projects,
        "seed": seed,
        "rows": {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("organisations", "memberships", "project_alliances", "projects_out", "sources")
        },
        # sums as DECIMAL, exact to the cent whatever the summation order
        "total_eur": con.execute("select cast(sum(cast(total_eur as decimal(18, 2))) as double) from projects_out").fetchone()[0],
        "esf_eur": con.execute("select cast(sum(cast(esf_eur as decimal(18, 2))) as double) from projects_out").fetchone()[0],
        "projects_per_alliance": {a: {"projects": n, "total_eur": s} for a, n, s in per_alliance},
        "esf_per_priority": {p: {"projects": n, "esf_eur": s} for p, n, s in per_priority},
        "organisations_in_several_alliances": con.execute(
            "select count(*) from (select org_id from memberships group by 1 having count(distinct alliance_id) > 1)"
        ).fetchone()[0],
    }


def generate(projects: int, out: Path, seed: int = 1, dialect: str = "contract") -> dict:
    """Write a synthetic data set of `projects` projects into `out`; return the ground truth."""
    out.mkdir(parents=True, exist_ok=True)
    con = connect()  # the store's empty in-memory database
    for name in COPIED:
        con.execute(
            f"create table {name} as select * from read_csv(?, header=true, all_varchar=true)",
            [str(BUNDLED_DATA_DIR / f"{name}.csv")],
        )
    con.execute(
        "create table sources as select * from read_csv(?, header=true, all_varchar=true)",
        [str(BUNDLED_DATA_DIR / "sources.csv")],
    )
    _generate(con, projects, seed)
    con.execute("insert into sources select * from gen_sources")
    con.execute("alter table projects_out rename to projects_full")
    con.execute("create view projects_out as select * from projects_full")
    truth = _ground_truth(con, projects, seed)
    outputs = {name: name for name in COPIED} | {
        "sources": "sources",
        "organisations": "organisations",
        "memberships": "memberships",
        "project_alliances": "project_alliances",
    }
    outputs["projects"] = "projects_full"
    for table, relation in outputs.items():
        present = {d[0] for d in con.execute(f"select * from {relation} limit 0").description}
        # optional columns the generator does not make (the marker columns "…_origin") stay out, as in old uploads
        columns = [c.name for c in TABLES_BY_NAME[table].columns if c.required or c.name in present]
        select = ", ".join(_export_expr(table, c, dialect) for c in columns)
        target = out / f"{table}.csv"
        delimiter = ";" if dialect == "excel-de" else ","
        # order by all: parallel generation must still give byte-identical files for the same seed
        con.execute(
            f"copy (select {select} from {relation} order by all) to '{target}' (format csv, header, delimiter '{delimiter}')"
        )
        if dialect == "excel-de":
            _to_windows_1252(target)
    (out / "project_amount_variants.csv").write_text("project_id,field,value_eur,qualifier,source_id,note\n", encoding="utf-8")
    (out / "ground_truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    con.close()
    return truth


def _export_expr(table: str, column: str, dialect: str) -> str:
    kind = TABLES_BY_NAME[table].column(column).kind
    quoted = f'"{column}"'
    if dialect != "excel-de":
        return quoted
    if kind in ("eur", "number"):
        return f"replace(cast({quoted} as varchar), '.', ',') as {quoted}"
    if kind == "date":
        return f"case when length({quoted}) = 10 then strftime(cast({quoted} as date), '%d.%m.%Y') else {quoted} end as {quoted}"
    return quoted


def _to_windows_1252(path: Path) -> None:
    """Re-encode a UTF-8 CSV as German Excel saves it: Windows-1252 with a sep=; first line."""
    temporary = path.with_suffix(".tmp")
    with path.open("r", encoding="utf-8", newline="") as source, temporary.open("w", encoding="cp1252", newline="") as target:
        target.write("sep=;\r\n")
        shutil.copyfileobj(source, target, 1 << 20)
    temporary.replace(path)


def main(argv: list[str] | None = None) -> int:
    """Generate a data set from the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description="Erzeugt synthetische Daten im Datenvertrag.")
    parser.add_argument("--projects", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dialect", choices=("contract", "excel-de"), default="contract")
    args = parser.parse_args(argv)
    started = time.monotonic()
    truth = generate(args.projects, args.out, args.seed, args.dialect)
    print(
        f"{args.projects} Projekte, {truth['rows']['organisations']} Organisationen, {truth['rows']['memberships']} "
        f"Mitgliedschaften in {args.out} ({time.monotonic() - started:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
