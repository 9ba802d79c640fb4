"""Vergleich: 2–4 alliances (?buendnisse=id,id) or 2–4 districts (?kreise=ags,ags) side by side on shared axes;
the choice lives in the link."""

import streamlit as st

from fkb.store.data import queries, query
from fkb.ui.comparison import ALLIANCES, alliance_cards, choose, comparison_kind, district_cards, sidebar_filters_note
from fkb.ui.components import page_header, show_section
from fkb.ui.filters import Filters, current_filters
from fkb.ui.navigation import require_entrypoint
from fkb.ui.url_values import alliance_spellings, district_link_spellings
from fkb.views import PAGES

require_entrypoint()

page_header(
    "Vergleich",
    Filters(),  # the sidebar's filters do not narrow a comparison: it always shows all four periods
    "Zwei bis vier Bündnisse – oder zwei bis vier Landkreise und kreisfreie Städte – nebeneinander auf gemeinsamen "
    "Achsen, über die Förderperioden. Die Auswahl steht im Link und lässt sich teilen.",
)
filters = current_filters()
sidebar_filters_note(filters)
kind = comparison_kind(filters)
if kind == ALLIANCES:
    options = query("alliance_options")
    names = dict(zip(options.alliance_id, options.short_name))
    chosen = choose(kind, names, filters.alliance_ids, alliance_spellings(options))
    page, parameter, what = PAGES["vergleich"], "alliance_ids", "Bündnisse"
else:
    options = query("district_options")
    names = dict(zip(options.ags, options["name"]))
    chosen = choose(kind, names, filters.ags_list, district_link_spellings(options))
    page, parameter, what = PAGES["vergleich_kreise"], "ags_list", "Gebiete"
if len(chosen) < 2:
    st.info(
        f"Oben zwei bis vier {what} wählen, um sie nebeneinander zu sehen. Sind in der Seitenleiste zwei bis vier "
        f"{what} gefiltert, übernimmt der Vergleich sie beim Öffnen.",
        icon=":material/touch_app:",
    )
    st.stop()

calls = page.calls({parameter: chosen})
frames = dict(zip((name for name, _ in calls), queries(*calls)))
if kind == ALLIANCES:
    alliance_cards(names, chosen, frames)
else:
    district_cards(chosen, frames)
    st.caption(
        "Projekte zählen zum Gebiet, in dem sie laufen (Ort laut Projektliste); Beträge sind die Summe der bekannten, "
        "unbekannte werden nicht geschätzt. „Je 100.000 Einwohner“ ist abgeleitet, siehe die Notiz unter den Grafiken."
    )
for section in page.sections:
    show_section(section, frames)
