"""Daten laden: upload own CSV/Excel files, see the check and the changes, explore them, publish them."""

import logging

import streamlit as st

from fkb.check import reading_lines
from fkb.contract.check_report import ERROR
from fkb.contract.formatting import fmt_int
from fkb.intake.check_process import CheckFailed, waiting_text
from fkb.intake.upload_reading import MAX_LABEL
from fkb.store.data import uses_uploaded_data
from fkb.store.publish import publish
from fkb.store.publish_key import publish_token
from fkb.ui.markdown_text import md_escape
from fkb.ui.navigation import require_entrypoint
from fkb.ui.publish_forms import publish_form
from fkb.ui.session_upload import (
    check_uploads,
    leave_session_data,
    set_files,
    show_changes,
    show_problems,
    split_problems,
    use_in_session,
)

require_entrypoint()

st.title("Daten laden")
st.caption(
    f"Eigene Tabellen prüfen, ansehen und veröffentlichen: CSV aus Excel (UTF-8 oder Windows-1252, Trennzeichen ; , oder "
    f"Tabulator, Dezimalkomma, Datum TT.MM.JJJJ) oder Excel-Arbeitsmappen (.xlsx), je Datei höchstens {MAX_LABEL}. "
    "Dateiname oder Blattname sagt die Tabelle (z. B. Projekte.csv, Budgets). Fehlende Tabellen kommen aus den aktuellen Daten. "
    "Dateien werden nur gelesen: keine Formeln ausgewertet, keine Archive entpackt."
)
uploads = st.file_uploader("Dateien hierher ziehen", accept_multiple_files=True, key="upload_files")
if not uploads:
    st.info(
        "Noch keine Datei gewählt. Die Spalten und ihre Bedeutung stehen unter „Quellen & Datenstand › Datenbeschreibung“.",
        icon=":material/upload_file:",
    )
    if uses_uploaded_data():
        st.button("Zurück zu den veröffentlichten Daten", on_click=leave_session_data)
    st.stop()

with st.spinner(waiting_text()):
    try:
        result = check_uploads([(f.name, f.getvalue()) for f in uploads])
    except CheckFailed as failure:  # memory or time limit of the check worker: German, logged there
        st.error(md_escape(failure), icon=":material/error:")
        st.stop()
    except Exception:  # the promise: a German message, never a traceback or an exception name (Hypothesis finds none)
        logging.getLogger(__name__).exception("checking an upload failed")
        st.error("Die Dateien konnten nicht geprüft werden. Bitte als CSV oder .xlsx neu speichern.")
        st.stop()
report = result.report
mine, inherited = split_problems(result)
errors = report.total(ERROR)
warnings = report.count_of([p for p in mine if p.severity != ERROR])
if errors:
    st.error(
        f"Nicht verwendbar: {fmt_int(errors)} Fehler, {fmt_int(warnings)} Warnung(en). Fehler in den Dateien beheben und erneut hochladen.",
        icon=":material/error:",
    )
else:
    st.success(
        f"Verwendbar: keine Fehler, {fmt_int(warnings)} Warnung(en) in den hochgeladenen Dateien.", icon=":material/check_circle:"
    )

st.subheader("So wurden die Dateien gelesen")
st.markdown("\n".join(f"- {md_escape(line)}" for line in reading_lines(result)))
show_problems(mine, inherited, report)
if result.files:
    show_changes(result)
if errors:
    st.stop()

st.subheader("Ansehen")
st.caption(
    "Nur in dieser Browsersitzung: alle Seiten zeigen dann die hochgeladenen Daten; andere Sitzungen sehen weiter die "
    "veröffentlichten. Neu laden oder Schließen des Tabs beendet die Ansicht – der Browser fragt vorher nach."
)
if st.button("In dieser Sitzung ansehen", type="primary"):
    use_in_session(result)
    st.switch_page("pages/budgets.py")

if publish_token():
    st.subheader("Veröffentlichen")
    st.caption(
        "Macht den geprüften Stand für alle neuen Sitzungen sichtbar. Frühere Stände bleiben erhalten und sind unter "
        "„Quellen & Datenstand › Versionen“ mit einem Klick wiederherstellbar."
    )

    def publish_checked(who: str) -> str:
        manifest = publish(set_files(result), who)
        leave_session_data()
        return f"Veröffentlicht als Version {md_escape(manifest['version'])}."

    publish_form(publish_checked)
