"""The comparison page's parts (/vergleich): what is compared (alliances or districts), the choice of 2–4 of them
bound to the link (?buendnisse=id,id or ?kreise=ags,ags), the cards over the charts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from fkb.contract.formatting import fmt_count, fmt_date, fmt_eur_short, fmt_int, fmt_number
from fkb.ui.filters import Filters, removable_filters
from fkb.ui.markdown_text import md_escape
from fkb.ui.url_values import Kind, rerun_if_rewritten, settle

MOST = 4
ALLIANCES, DISTRICTS = "buendnisse", "kreise"  # the URL keys of the two kinds of comparison
KINDS = {ALLIANCES: "Bündnisse", DISTRICTS: "Landkreise und kreisfreie Städte"}
KIND_KEY = "vergleich_art"
WIDGET_KEYS = {ALLIANCES: "vergleich_auswahl", DISTRICTS: "vergleich_kreise"}
# How the notice of a hand-typed link names what it did not find (fkb.ui.url_values).
NOTICE_WORDS = {
    ALLIANCES: Kind("kein Bündnis dieser Daten", "Bündnissen", "der Vergleich von ", "noch kein Vergleich"),
    DISTRICTS: Kind("kein Gebiet dieser Daten", "Gebieten", "der Vergleich von ", "noch kein Vergleich"),
}


def comparison_kind(filters: Filters) -> str:
    """Render the switch between comparing alliances and districts: districts for a link with ?kreise=…, or without
    a choice in the link when the sidebar filters 2–4 districts and not 2–4 alliances. Return the URL key of the kind
    chosen; the other kind's choice leaves the link."""
    if KIND_KEY not in st.session_state:
        linked = DISTRICTS in st.query_params and ALLIANCES not in st.query_params
        sidebar = 2 <= len(filters.ags_list) <= MOST and not 2 <= len(filters.alliance_ids) <= MOST
        unlinked = DISTRICTS not in st.query_params and ALLIANCES not in st.query_params
        st.session_state[KIND_KEY] = DISTRICTS if linked or (unlinked and sidebar) else ALLIANCES
    kind = st.segmented_control("Vergleichen", list(KINDS), format_func=KINDS.get, key=KIND_KEY, required=True)
    st.query_params.pop(DISTRICTS if kind == ALLIANCES else ALLIANCES, None)
    return kind


def choose(kind: str, names: dict[str, str], sidebar: tuple[str, ...], spellings: dict[str, tuple[str, ...]]) -> list[str]:
    """Render the choice of 2–4 alliances or districts; on the first run the link's choice (also typed by hand, in
    any of `spellings`: the link is rewritten as ids), else the sidebar's 2–4. Return the chosen ids, written back
    into the link."""
    key = WIDGET_KEYS[kind]
    if key not in st.session_state:
        linked = list(settle(kind, spellings, {i: i for i in names}, NOTICE_WORDS[kind], joined=",", labels=names))
        rerun_if_rewritten()  # a hand-typed ?kreise=Göttingen,03241 is written as AGS, an unknown one named
        chosen_there = [i for i in sidebar if i in names]
        st.session_state[key] = (linked or (chosen_there if 2 <= len(chosen_there) <= MOST else []))[:MOST]
    what = "Bündnisse" if kind == ALLIANCES else "Gebiete"
    chosen = st.multiselect(
        f"{what} vergleichen",
        list(names),
        format_func=names.get,
        key=key,
        max_selections=MOST,
        placeholder=f"Zwei bis vier {what} wählen …",
        help="Höchstens vier, damit die Linien lesbar bleiben. Die Filter der Seitenleiste wirken hier nicht.",
    )
    if chosen:
        st.query_params[kind] = ",".join(chosen)
    else:
        st.query_params.pop(kind, None)
    return chosen


def sidebar_filters_note(filters: Filters) -> None:
    """Show the sidebar's active filters, each removable in one click (a click on a line or bar sets one), and say
    that they do not narrow the comparison."""
    if filters.active:
        st.caption(
            f"Filter der Seitenleiste: {md_escape(filters.describe())}. Sie wirken auf den anderen Seiten, nicht im "
            "Vergleich; ein Klick auf eine Linie oder einen Balken setzt sie."
        )
        removable_filters(filters)


def alliance_cards(names: dict[str, str], chosen: list[str], frames) -> None:
    """Render one card per compared alliance: area population, listed projects, members."""
    budgets, projects, members = frames["comparison_budgets"], frames["comparison_projects"], frames["comparison_members"]
    for column, (alliance_id, rows) in zip(st.columns(len(chosen)), budgets.groupby("alliance_id", sort=False)):
        listed = projects[projects.alliance_id == alliance_id].listed_projects
        column.container(border=True).markdown(
            f"**{md_escape(names[alliance_id])}**  \n{fmt_int(rows.population.iloc[0])} Einwohner im Gebiet  \n"
            f"{fmt_count(listed.iloc[0] if len(listed) else 0, 'gelistetes Projekt', 'gelistete Projekte')}  \n"
            f"{fmt_count(members[members.alliance_id == alliance_id].organisations.sum(), 'Mitglied', 'Mitglieder')}"
        )


def _amount(total: object, known: int, listed: int, per: object, what: str) -> str:
    if pd.isna(total):
        return f"{what}: unbekannt"
    derived = "" if pd.isna(per) else f", {fmt_eur_short(per, None)} je 100.000 Einw."
    return f"{what}: {fmt_eur_short(total, None)} ({fmt_int(known)} von {fmt_int(listed)} Projekten{derived})"


def district_card_text(row: pd.Series, members: int) -> str:
    """Return a compared district's card as Markdown: population with its date, listed projects, known volume and
    ESF (absolute and per 100 000 inhabitants, derived), members seated there."""
    population = (
        "Einwohner unbekannt"
        if pd.isna(row.population)
        else f"{fmt_int(row.population)} Einwohner (Stand {fmt_date(row.population_as_of)})"
    )
    per = "" if pd.isna(row.listed_per_100k) else f" ({fmt_number(row.listed_per_100k, 1)} je 100.000 Einw.)"
    return "  \n".join(
        [
            f"**{md_escape(row['name'])}**",
            population,
            fmt_count(row.listed_projects, "gelistetes Projekt", "gelistete Projekte") + per,
            _amount(row.listed_volume_eur, row.with_volume, row.listed_projects, row.listed_volume_per_100k, "Volumen"),
            _amount(row.listed_esf_eur, row.with_esf, row.listed_projects, row.listed_esf_per_100k, "ESF"),
            fmt_count(members, "Mitglied", "Mitglieder") + " mit Sitz hier",  # member organisations; short for 4 cards
        ]
    )


def district_cards(chosen: list[str], frames) -> None:
    """Render one card per compared district (its figures over all listed projects; per 100 000 derived)."""
    periods, members = frames["comparison_district_periods"], frames["comparison_district_members"]
    first = periods.drop_duplicates("ags")
    for column, row in zip(st.columns(len(chosen)), first.itertuples(index=False)):
        count = int(members[members.ags == row.ags].organisations.sum())
        column.container(border=True).markdown(district_card_text(pd.Series(row._asdict()), count))
