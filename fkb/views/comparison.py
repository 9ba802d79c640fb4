"""The comparison views: 2–4 alliances side by side on shared axes – budget and budget per inhabitant across the
funding periods, listed projects per period, member organisations by type. Run with $alliance_ids = the chosen
alliances (the page /vergleich passes its own choice; a slide or the Steckbrief may pass the filters').

And 2–4 districts (DISTRICT_COMPARISON): listed projects, known volume and known ESF per period, per 100 000
inhabitants (derived), member organisations seated there by type. Run with $ags_list = the chosen districts."""

from __future__ import annotations

from dataclasses import replace

from fkb.contract.formatting import fmt_date
from fkb.figures import comparison_charts, district_comparison, summaries
from fkb.views.section import Frames, Section


def _ids(column) -> list[object]:
    """Return the source ids of a comma-separated text column."""
    return [s for cell in column.dropna() for s in str(cell).split(",")]


def _budget_sources(f: Frames) -> list[object]:
    b = f["comparison_budgets"]
    return [*b.source_id, *b.covering_source_id]


def _combined_note(f: Frames) -> str:
    b = f["comparison_budgets"]
    names = list(dict.fromkeys(b[b.budget_eur.isna() & b.covering_budget_eur.notna()].short_name))
    if not names:
        return ""
    return f" Für {', '.join(names)} nennt eine Quelle nur einen Sammelbetrag über mehrere Perioden; er wird nicht aufgeteilt."


def population_note(f: Frames) -> str:
    """Say that the figure per inhabitant is derived, and from which population figure (date and source)."""
    b = f["comparison_budgets"]
    first, last = b.population_from.dropna(), b.population_as_of.dropna()
    if last.empty:
        return "Abgeleitet: für keines der gewählten Gebiete ist eine Einwohnerzahl bekannt."
    stand = fmt_date(last.max()) if first.min() == last.max() else f"{fmt_date(first.min())} bis {fmt_date(last.max())}"
    sources = "; ".join(dict.fromkeys(b.population_sources.dropna()))
    return (
        "Abgeleitet: bekanntes Budget der Periode geteilt durch die Einwohner des Bündnisgebiets (nur Kreise, die "
        f"zum Gebiet gehören; Kreise, in denen ein Bündnis nur Partner ist, zählen nicht). Einwohner Stand {stand}, "
        f"Quelle: {sources}. Unbekannte Budgets bleiben Lücken." + _combined_note(f)
    )


COMPARISON_BUDGETS = Section(
    key="vergleich_budget",
    title="Budget je Förderperiode im Vergleich",
    queries=("comparison_budgets",),
    build=lambda f, title: comparison_charts.period_lines(f["comparison_budgets"], "budget_eur", title),
    summary=lambda f: summaries.comparison_budgets(f["comparison_budgets"]),
    sources=_budget_sources,
    empty=lambda f: f["comparison_budgets"].empty,
    note=lambda f: (
        "Lücken in einer Linie: keine Quelle nennt ein Budget für diese Periode – nie als 0 gezeichnet." + _combined_note(f)
    ),
    table=lambda f: comparison_charts.budget_table(f["comparison_budgets"]),
    numbers=lambda f: {
        "Budget": f["comparison_budgets"].budget_eur,
        "€ je Einwohner (abgeleitet)": f["comparison_budgets"].budget_per_inhabitant,
    },
    click="buendnis",  # a click on a line selects its alliance
)

COMPARISON_PER_INHABITANT = Section(
    key="vergleich_je_einwohner",
    title="Budget je Einwohner und Förderperiode (abgeleitet)",
    queries=("comparison_budgets",),
    build=lambda f, title: comparison_charts.period_lines(f["comparison_budgets"], "budget_per_inhabitant", title),
    summary=lambda f: summaries.comparison_per_inhabitant(f["comparison_budgets"]),
    sources=lambda f: [*_budget_sources(f), *_ids(f["comparison_budgets"].population_source_ids)],
    empty=lambda f: f["comparison_budgets"].empty,
    note=population_note,
    table=lambda f: comparison_charts.budget_table(f["comparison_budgets"]),
    numbers=lambda f: {
        "Budget": f["comparison_budgets"].budget_eur,
        "€ je Einwohner (abgeleitet)": f["comparison_budgets"].budget_per_inhabitant,
    },
    click="buendnis",  # a click on a line selects its alliance
)

COMPARISON_PROJECTS = Section(
    key="vergleich_projekte",
    title="Gelistete Projekte je Förderperiode",
    queries=("comparison_projects",),
    build=lambda f, title: comparison_charts.period_lines(f["comparison_projects"], "projects", title),
    summary=lambda f: summaries.comparison_projects(f["comparison_projects"]),
    sources=lambda f: [s for ids in f["comparison_projects"].source_ids for s in ids],
    empty=lambda f: f["comparison_projects"].empty,
    note=lambda f: (
        "Projekte der Projektliste, deren Laufzeit die Periode berührt (ein Projekt kann in zwei Perioden "
        "laufen); Projekte ohne bekannte Laufzeit zählen zu keiner Periode, stehen aber unter „gelistet insgesamt“."
    ),
    table=lambda f: comparison_charts.project_table(f["comparison_projects"]),
    click="buendnis",
)

# The trend of one alliance (its profile, its Steckbrief; all alliances in the Steckbrief of all): the comparison's
# projects per period, run with the filters' alliance. The profile shows no filters: a click selects nothing there.
ALLIANCE_TREND = replace(
    COMPARISON_PROJECTS,
    key="buendnis_trend",
    title="Gelistete Projekte je Förderperiode",
    heading="Projekte je Förderperiode",
    document_title="Gelistete Projekte je Förderperiode",
    click=None,
)

COMPARISON_MEMBERS = Section(
    key="vergleich_mitglieder",
    title="Mitgliedsorganisationen nach Art",
    queries=("comparison_members",),
    build=lambda f, title: comparison_charts.member_bars(f["comparison_members"], title),
    summary=lambda f: summaries.comparison_members(f["comparison_members"]),
    sources=lambda f: _ids(f["comparison_members"].source_ids),
    empty=lambda f: f["comparison_members"].empty,
    note=lambda f: "Jede Organisation zählt einmal je Bündnis, auch wenn sie zusätzlich in einem Teilnetzwerk ist.",
    table=lambda f: comparison_charts.member_table(f["comparison_members"]),
    click="buendnis",
)


def _district_lines(column: str, key: str, title: str, summary, note, thin=lambda f: None) -> Section:
    """Return a view of the compared districts: one line each across the periods (a click sets the Landkreis filter)."""
    return Section(
        key=key,
        title=title,
        queries=("comparison_district_periods",),
        build=lambda f, title: comparison_charts.period_lines(f["comparison_district_periods"], column, title),
        summary=lambda f: summary(f["comparison_district_periods"]),
        sources=_district_sources,
        empty=lambda f: f["comparison_district_periods"].empty,
        thin=thin,
        note=lambda f: note(f["comparison_district_periods"]),
        table=lambda f: district_comparison.period_table(f["comparison_district_periods"]),
        numbers=lambda f: {
            "Bekanntes Volumen": f["comparison_district_periods"].volume_eur,
            "Volumen je 100.000 Einw. (abgeleitet)": f["comparison_district_periods"].volume_per_100k,
            "Bekannte ESF-Mittel": f["comparison_district_periods"].esf_eur,
            "ESF je 100.000 Einw. (abgeleitet)": f["comparison_district_periods"].esf_per_100k,
        },
        click="kreis",  # a click on a line sets the Landkreis filter to its district
    )


def _district_sources(f: Frames) -> list[object]:
    periods = f["comparison_district_periods"]
    return [*(s for ids in periods.source_ids for s in ids), *periods.population_source_id]


DISTRICT_PROJECTS = _district_lines(
    "projects",
    "vergleich_kreise_projekte",
    "Gelistete Projekte je Förderperiode",
    district_comparison.projects_summary,
    lambda p: (
        "Projekte der Projektliste mit Ort im Gebiet, deren Laufzeit die Periode berührt (ein Projekt kann in "
        "zwei Perioden laufen); Projekte ohne bekannte Laufzeit zählen zu keiner Periode."
    ),
)
DISTRICT_PER_100K = _district_lines(
    "projects_per_100k",
    "vergleich_kreise_je_einwohner",
    "Gelistete Projekte je 100.000 Einwohner und Förderperiode (abgeleitet)",
    district_comparison.per_inhabitant_summary,
    district_comparison.population_note,
)
DISTRICT_VOLUME = _district_lines(
    "volume_per_100k",
    "vergleich_kreise_volumen",
    "Bekanntes Gesamtvolumen je 100.000 Einwohner und Förderperiode (abgeleitet)",
    lambda p: district_comparison.amount_summary(p, "volume_eur"),
    district_comparison.amount_note,
    lambda f: district_comparison.amount_thin(f["comparison_district_periods"], "volume_eur"),
)
DISTRICT_ESF = _district_lines(
    "esf_per_100k",
    "vergleich_kreise_esf",
    "Bekannte ESF-Mittel je 100.000 Einwohner und Förderperiode (abgeleitet)",
    lambda p: district_comparison.amount_summary(p, "esf_eur"),
    district_comparison.amount_note,
    lambda f: district_comparison.amount_thin(f["comparison_district_periods"], "esf_eur"),
)
DISTRICT_MEMBERS = Section(
    key="vergleich_kreise_mitglieder",
    title="Mitgliedsorganisationen mit Sitz im Gebiet nach Art",
    queries=("comparison_district_members", "comparison_district_periods"),  # the latter: each district's colour
    build=lambda f, title: comparison_charts.member_bars(
        f["comparison_district_members"], title, comparison_charts.district_colours(f["comparison_district_periods"])
    ),
    summary=lambda f: district_comparison.members_summary(f["comparison_district_members"]),
    sources=lambda f: _ids(f["comparison_district_members"].source_ids),
    empty=lambda f: f["comparison_district_members"].empty,
    note=lambda f: "Organisationen mit Sitz im Gebiet, die Mitglied eines Bündnisses oder Teilnetzwerks sind; jede zählt einmal.",
    table=lambda f: district_comparison.member_table(f["comparison_district_members"]),
    click="kreis",
)
DISTRICT_COMPARISON = (DISTRICT_PROJECTS, DISTRICT_PER_100K, DISTRICT_VOLUME, DISTRICT_ESF, DISTRICT_MEMBERS)
