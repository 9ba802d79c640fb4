"""Fixed markup dashboard.py puts on every page: the German page language for screen readers, German for
Streamlit's own English texts, and CSS that keeps metrics readable at a projector's width. No data in it."""

from __future__ import annotations

import json

from fkb.intake.upload_reading import MAX_BYTES

LANGUAGE = "de"
# Streamlit's index.html hard-codes <html lang="en"> and offers no option for it (streamlit issue
# #15726), so screen readers would read German text with English pronunciation. This fixed script
# (no data in it) corrects the attribute in the browser; dashboard.py puts it in a container with
# this key, which the style hides so it takes no space.
LANGUAGE_KEY = "fkb_page_language"
# Streamlit cuts a metric's label and value off with "…" where a column is too narrow: at a 1024 px
# projector width the Übersicht showed "mind. …", "5,8 Mi…" and "Gemeldete Proj…". Fixed CSS (no data
# in it): they wrap instead (WCAG 1.4.10, nothing lost at any width), values are set smaller in narrow
# windows, and every label keeps two lines' room, so that the values of a row stay level.
METRIC_CSS = (
    '[data-testid="stMetric"] .stMarkdownEllipsis {white-space: normal; overflow: visible; text-overflow: clip;}'
    '[data-testid="stMetric"] .stMarkdownEllipsis p {white-space: normal;}'
    '[data-testid="stMetricLabel"] {min-height: 2.8em; align-items: flex-start;}'
    '[data-testid="stMetricLabel"] p {overflow-wrap: anywhere;}'
    # a value that wraps wraps in balanced lines ("rund 6 / Mio. €", not "rund 6 Mio. / €")
    '[data-testid="stMetricValue"], [data-testid="stMetricValue"] p {text-wrap: balance;}'
    '@media (max-width: 1279px) {[data-testid="stMetricValue"] {font-size: 1.6rem; line-height: 1.25;}}'
)
# Streamlit 1.67 has no option for the language of its own texts: the skip link, the file uploader's
# button and limit, tooltips and labels of its controls stay English. This fixed script (no data in it)
# puts them into German in the browser, now and whenever Streamlit draws them again: texts only inside
# Streamlit's own controls (CHROME), labels (aria-label, title) where their whole value is one of these.
# The charts' toolbar is German through its plotly locale (fkb.ui.plotly_german); an empty table says so
# in German (fkb.ui.components.display_table) instead of Streamlit's "empty" drawn on its canvas.
# tests/test_browser_office.py lists the English texts that must not appear.
UPLOAD_LIMIT_TEXT = f"höchstens {MAX_BYTES // (1024 * 1024)} MB je Datei"  # the app's limit, not Streamlit's (25 MB)
CHROME_TEXTS = {
    "Skip to main content": "Zum Hauptinhalt springen",
    "Upload": "Hochladen",
    "Browse files": "Dateien auswählen",
    "Drag and drop file here": "Datei hierher ziehen",
    "Drag and drop files here": "Dateien hierher ziehen",
    "Print": "Drucken",
    "Rerun": "Neu ausführen",
    "Clear cache": "Zwischenspeicher leeren",
    "Settings": "Einstellungen",
    "About": "Über",
    "Record a screencast": "Bildschirmaufnahme",
    "Running...": "Läuft …",
    "Stop": "Anhalten",
    "Close": "Schließen",
    "No results": "Keine Treffer",
}
LABELS = {
    "Sidebar": "Seitenleiste",
    "Collapse sidebar": "Seitenleiste einklappen",
    "Expand sidebar": "Seitenleiste ausklappen",
    "App pages": "Seiten",
    "Main menu": "Hauptmenü",
    "Link to heading": "Link zu dieser Überschrift",
    "file upload": "Dateien hochladen",
    "Fullscreen": "Vollbild",
    "Close fullscreen": "Vollbild beenden",
    "Exit fullscreen": "Vollbild beenden",
    "Show/hide columns": "Spalten ein- oder ausblenden",
    "Download as CSV": "Als CSV herunterladen",
    "Search": "Suchen",
    "Open": "Öffnen",
    "Close": "Schließen",
    "Clear all": "Alle entfernen",
    "Delete": "Entfernen",
    "Copy to clipboard": "In die Zwischenablage kopieren",
}
CHROME = (
    '[data-testid="stSkipToContent"], [data-testid="stFileUploader"], [data-testid="stMainMenuPopover"], '
    '[data-testid="stStatusWidget"], [data-testid="stToolbar"], [data-baseweb="popover"]'
)
GERMAN_UI_JS = (
    "(() => { if (window.fkbGerman) return; window.fkbGerman = true;"
    f" const TEXTS = {json.dumps(CHROME_TEXTS, ensure_ascii=False)}, LABELS = {json.dumps(LABELS, ensure_ascii=False)};"
    f" const CHROME = {json.dumps(CHROME)}, NAMES = ['aria-label', 'title', 'data-title', 'placeholder'];"
    f" const LIMIT = {json.dumps(UPLOAD_LIMIT_TEXT, ensure_ascii=False)};"
    " const pattern = v => { let m = /^Help for (.+)$/s.exec(v); if (m) return 'Hilfe zu ' + m[1];"
    "  m = /^(?:Limit )?\\d+ ?MB per file(.*)$/s.exec(v); return m ? LIMIT + m[1] : null; };"
    " const text = n => { const t = n.nodeValue.trim(); if (!t) return; const g = TEXTS[t] ?? pattern(t);"
    "  if (g && g !== t) n.nodeValue = n.nodeValue.replace(t, g); };"
    " const label = e => { for (const a of NAMES) { const v = e.getAttribute(a); if (!v) continue;"
    "  const g = LABELS[v] ?? pattern(v); if (g && g !== v) e.setAttribute(a, g); } };"
    " const texts = root => { const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT); let n;"
    "  while ((n = w.nextNode())) text(n); };"
    " const fix = node => { if (node.nodeType === 3) { if (node.parentElement?.closest(CHROME)) text(node); return; }"
    "  if (node.nodeType !== 1) return; label(node); node.querySelectorAll('[aria-label],[title],[data-title],[placeholder]').forEach(label);"
    "  if (node.closest(CHROME)) texts(node); else node.querySelectorAll(CHROME).forEach(texts); };"
    " fix(document.body);"
    " new MutationObserver(records => { for (const r of records) {"
    "  if (r.type === 'attributes') label(r.target); else if (r.type === 'characterData') fix(r.target);"
    "  else r.addedNodes.forEach(fix); } }).observe(document.body,"
    "  { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: NAMES }); })();"
)
LANGUAGE_HTML = (
    f"<style>.st-key-{LANGUAGE_KEY}{{display:none}}{METRIC_CSS}</style><script>"
    # Streamlit's frontend may set lang again after this script ran (seen as 'en' on slow first
    # loads): keep it German whenever anything changes it.
    f"(() => {{ const root = document.documentElement; const keep = () => {{ if (root.lang !== '{LANGUAGE}') root.lang = '{LANGUAGE}'; }};"
    " keep(); if (!window.fkbKeepsLang) { window.fkbKeepsLang = true;"
    " new MutationObserver(keep).observe(root, { attributes: true, attributeFilter: ['lang'] }); } })();"
    f"{GERMAN_UI_JS}</script>"
)

# While a session shows uploaded, unpublished data, a reload or closing the tab would end it without a word (the
# session, and with it the view, is gone; the page promises "in dieser Sitzung"). dashboard.py puts this fixed script
# (no data in it) in a hidden container with this key while such data is loaded. It installs one beforeunload
# listener, which asks the browser's own "Seite verlassen?" question only while that container is on the page:
# back on the published data the container goes and the listener lets every reload through.
UPLOAD_GUARD_KEY = "fkb_upload_guard"
UPLOAD_GUARD_HTML = (
    f"<style>.st-key-{UPLOAD_GUARD_KEY}{{display:none}}</style><script>"
    "(() => { if (window.fkbGuardsUpload) return; window.fkbGuardsUpload = true;"
    " window.addEventListener('beforeunload', (event) => {"
    f" if (document.querySelector('.st-key-{UPLOAD_GUARD_KEY}')) {{ event.preventDefault(); event.returnValue = ''; }}"
    " }); })();</script>"
)
