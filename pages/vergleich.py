"""Vergleich: 2–4 alliances side by side on shared axes; the choice lives in the link (?buendnisse=id,id)."""

import streamlit as st

from fkb.contract.formatting import fmt_count, fmt_int
from fkb.store.data import queries, query
from fkb.ui.components import page_header, show_section
from fkb.ui.filters import Filters, current_filters
from fkb.ui.markdown_text import md_escape
from fkb.ui.navigation import require_entrypoint
from fkb.ui.url_values import Kind, alliance_spellings, rerun_if_rewritten, settle
from fkb.views import PAGES

require_entrypoint()

URL_KEY, WIDGET_KEY, MOST = "buendnisse", "vergleich_auswahl", 4
KIND = Kind("kein Bündnis dieser Daten", "Bündnissen", "der Vergleich von ", "noch kein Vergleich")
page_header(
    "Vergleich",
    Filters(),  # the sidebar's filters do not narrow a comparison: it always shows all four periods
    "Zwei bis vier Bündnisse nebeneinander auf gemeinsamen Achsen: Budget, Budget je Einwohner, gelistete Projekte "
    "je Förderperiode und Mitglieder nach Art. Die Auswahl steht im Link und lässt sich teilen.",
)
alliances = query("alliance_options")
names = dict(zip(alliances.alliance_id, alliances.short_name))
if WIDGET_KEY not in st.session_state:  # first run on this page: the link's choice, else the sidebar's 2–4 alliances
    linked = list(settle(URL_KEY, alliance_spellings(alliances), {a: a for a in names}, KIND, joined=",", labels=names))
    rerun_if_rewritten()  # a hand-typed ?buendnisse=Leine-Weser,nordwest is written as ids, an unknown one named
    sidebar = [a for a in current_filters().alliance_ids if a in names]
    st.session_state[WIDGET_KEY] = (linked or (sidebar if 2 <= len(sidebar) <= MOST else []))[:MOST]
chosen = st.multiselect(
    "Bündnisse vergleichen",
    list(names),
    format_func=names.get,
    key=WIDGET_KEY,
    max_selections=MOST,
    placeholder="Zwei bis vier Bündnisse wählen …",
    help="Höchstens vier, damit die Linien lesbar bleiben. Die Filter der Seitenleiste wirken hier nicht.",
)
if chosen:
    st.query_params[URL_KEY] = ",".join(chosen)
else:
    st.query_params.pop(URL_KEY, None)
if len(chosen) < 2:
    st.info(
        "Oben zwei bis vier Bündnisse wählen, um sie nebeneinander zu sehen. Sind in der Seitenleiste zwei bis vier "
        "Bündnisse gefiltert, übernimmt der Vergleich sie beim Öffnen.",
        icon=":material/touch_app:",
    )
    st.stop()

page = PAGES["vergleich"]
calls = page.calls({"alliance_ids": chosen})
frames = dict(zip((name for name, _ in calls), queries(*calls)))
budgets, projects, members = frames["comparison_budgets"], frames["comparison_projects"], frames["comparison_members"]
for column, (alliance_id, rows) in zip(st.columns(len(chosen)), budgets.groupby("alliance_id", sort=False)):
    listed = projects[projects.alliance_id == alliance_id].listed_projects
    column.container(border=True).markdown(
        f"**{md_escape(names[alliance_id])}**  \n{fmt_int(rows.population.iloc[0])} Einwohner im Gebiet  \n"
        f"{fmt_count(listed.iloc[0] if len(listed) else 0, 'gelistetes Projekt', 'gelistete Projekte')}  \n"
        f"{fmt_count(members[members.alliance_id == alliance_id].organisations.sum(), 'Mitglied', 'Mitglieder')}"
    )
for section in page.sections:
    show_section(section, frames)
