"""Fixed markup dashboard.py puts on every page: the German page language for screen readers and CSS that keeps
metrics readable at a projector's width. No data in it."""

from __future__ import annotations

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
LANGUAGE_HTML = (
    f"<style>.st-key-{LANGUAGE_KEY}{{display:none}}{METRIC_CSS}</style><script>"
    # Streamlit's frontend may set lang again after this script ran (seen as 'en' on slow first
    # loads): keep it German whenever anything changes it.
    f"(() => {{ const root = document.documentElement; const keep = () => {{ if (root.lang !== '{LANGUAGE}') root.lang = '{LANGUAGE}'; }};"
    " keep(); if (!window.fkbKeepsLang) { window.fkbKeepsLang = true;"
    " new MutationObserver(keep).observe(root, { attributes: true, attributeFilter: ['lang'] }); } })();</script>"
)
