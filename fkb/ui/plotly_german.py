"""The charts' toolbar and notices in German: a plotly.js locale given with each chart (config "locales").

Streamlit's bundled plotly.js registers no locale but English, so config {"locale": "de"} alone left the
toolbar saying "Download plot as a PNG", "Zoom", "Autoscale". plotly.js reads a locale given in the
chart's config as well; it travels with the chart from this server, no locale bundle from a CDN. The keys
are plotly.js's own English texts (as in Streamlit 1.67's bundle); a key plotly.js no longer uses only goes unused.
"""

from __future__ import annotations

DICTIONARY = {
    # toolbar buttons (their tooltips)
    "Download plot as a PNG": "Grafik als PNG herunterladen",
    "Download plot": "Grafik herunterladen",
    "Download plot as JSON": "Grafik als JSON herunterladen",
    "Zoom": "Ausschnitt vergrößern",
    "Pan": "Verschieben",
    "Box Select": "Rechteck auswählen",
    "Lasso Select": "Lasso-Auswahl",
    "Zoom in": "Vergrößern",
    "Zoom out": "Verkleinern",
    "Autoscale": "Automatisch skalieren",
    "Reset axes": "Achsen zurücksetzen",
    "Reset view": "Ansicht zurücksetzen",
    "Reset views": "Ansichten zurücksetzen",
    "Reset": "Zurücksetzen",
    "Toggle Spike Lines": "Hilfslinien ein-/ausblenden",
    "Show closest data on hover": "Nächsten Datenpunkt beim Überfahren zeigen",
    "Compare data on hover": "Daten beim Überfahren vergleichen",
    "Toggle show closest data on hover": "Nächsten Datenpunkt beim Überfahren ein-/ausschalten",
    "Orbital rotation": "Umlaufdrehung",
    "Turntable rotation": "Drehtellerdrehung",
    "Reset camera to default": "Kamera auf Standard zurücksetzen",
    "Reset camera to last save": "Kamera auf zuletzt gespeichert zurücksetzen",
    "Draw line": "Linie zeichnen",
    "Draw open freeform": "Offene Freiform zeichnen",
    "Draw closed freeform": "Geschlossene Freiform zeichnen",
    "Draw circle": "Kreis zeichnen",
    "Draw rectangle": "Rechteck zeichnen",
    "Erase active shape": "Aktive Form löschen",
    "Produced with Plotly.js": "Erstellt mit Plotly.js",
    "Share chart...": "Grafik teilen …",
    # notices while downloading and hints on the chart
    "Preparing image - this may take a few seconds": "Bild wird erstellt – das kann einige Sekunden dauern",
    "Image download succeeded": "Bild heruntergeladen",
    "JSON download succeeded": "JSON heruntergeladen",
    "Sorry, there was a problem downloading your image!": "Das Bild konnte leider nicht heruntergeladen werden.",
    "Sorry, there was a problem downloading your JSON file!": "Die JSON-Datei konnte leider nicht heruntergeladen werden.",
    "Double-click to zoom back out": "Doppelklick zeigt wieder alles",
    "Double-click on legend to isolate one trace": "Doppelklick in der Legende zeigt nur diese Reihe",
    "trace": "Reihe",
    "lat:": "Breite:",
    "lon:": "Länge:",
    "source:": "Quelle:",
    "target:": "Ziel:",
    "incoming flow count:": "Zahl eingehender Flüsse:",
    "outgoing flow count:": "Zahl ausgehender Flüsse:",
    "concentration:": "Konzentration:",
    "kde:": "Dichte:",
}

LOCALES = {"de": {"dictionary": DICTIONARY}}  # plotly.js config "locales"; number formats stay the figures' own
