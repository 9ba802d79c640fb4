"""Suche: projects, organisations, alliances and sources by words, phrases, exclusions and OR; the query in the link."""

import streamlit as st

from fkb.contract.formatting import fmt_int
from fkb.contract.search_syntax import parse
from fkb.store.data import search, search_ready
from fkb.ui.components import page_header
from fkb.ui.filters import current_filters
from fkb.ui.navigation import require_entrypoint
from fkb.ui.search_results import KINDS, kind_counts, result_line

require_entrypoint()

PER_KIND = 50  # rows listed per kind; the count says how many match in all

page_header(
    "Suche",
    current_filters(),
    "Projekte, Organisationen, Bündnisse und Quellen nach Wörtern durchsuchen. Die Filter wirken auf dieser Seite nicht.",
)
text = st.text_input(
    "Suchbegriffe",
    key="q",
    bind="query-params",
    placeholder='z. B. Pflegekräfte "Welcome Center" -Göttingen',
    max_chars=300,
)
with st.expander("Was die Suche versteht"):
    st.markdown(
        "- Alle Wörter müssen vorkommen (UND), Groß- und Kleinschreibung egal; Umlaute dürfen umschrieben sein "
        "(*Fuehrung* findet *Führung*, *strasse* findet *Straße*).\n"
        "- Wortformen werden zusammengeführt: *Pflegekräfte* findet auch *Pflegekraft*.\n"
        '- `"genau diese Wörter"` in Anführungszeichen: die Wörter direkt hintereinander.\n'
        "- `-wort` schließt aus: *Welcome -Göttingen*.\n"
        "- `OR` (oder `ODER`) zwischen zwei Begriffen: einer genügt, z. B. *Wolfsburg OR Göttingen*."
    )

parsed = parse(text)
if not text.strip():
    st.info("Suchbegriffe eingeben, um Projekte, Organisationen, Bündnisse und Quellen zu finden.", icon=":material/search:")
    st.stop()
if parsed.empty:
    st.info("Bitte mindestens ein Wort angeben, das vorkommen soll – Ausschlüsse allein finden nichts.", icon=":material/info:")
    st.stop()

with st.spinner("Suche läuft …" if search_ready() else "Suchindex wird aufgebaut – die erste Suche dauert etwas länger …"):
    results = search(parsed, PER_KIND)
counts = kind_counts(results)
total = sum(counts.values())
st.caption(
    "Treffer: " + " · ".join(f"{title} {fmt_int(counts[kind])}" for kind, title, _ in KINDS)
    if total
    else "Keine Treffer. Weniger Wörter, eine andere Wortform oder OR versuchen."
)
for kind, title, _ in KINDS:
    if not counts[kind]:
        continue
    rows = results[results.kind == kind]
    st.subheader(f"{title} ({fmt_int(counts[kind])})")
    st.markdown("\n".join(result_line(row) for row in rows.itertuples()))
    if counts[kind] > len(rows):
        st.caption(
            f"{fmt_int(len(rows))} von {fmt_int(counts[kind])} gezeigt – die Suche genauer fassen, um die übrigen zu sehen."
        )
