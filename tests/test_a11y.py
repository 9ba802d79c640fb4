"""Contrast of the colours we choose for text (WCAG 2.1 AA: at least 4.5:1), computed, not eyeballed."""

from __future__ import annotations

import tomllib

import pytest

from fkb.figures.colour_contrast import blend, contrast_ratio, readable_text_colour, rgb
from fkb.figures.style import UNKNOWN_FILL
from fkb.store import loading
from helpers import budget_cell_labels

AA_TEXT = 4.5
# Surfaces of Streamlit's light theme that text sits on (documented defaults in streamlit/config.py):
# the page, the sidebar and the fill of input fields.
WHITE, SIDEBAR, INPUT_FILL = "#FFFFFF", "#F8F8F7", "#F1F0EE"
CAPTION_OPACITY = 0.6  # Streamlit draws captions, help and placeholder text in textColor at 60 %
THEME = tomllib.loads((loading.ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]


def test_contrast_ratio_matches_the_wcag_reference_values():
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the well-known AA grey
    assert contrast_ratio("rgb(119, 119, 119)", "#FFF") == pytest.approx(4.48, abs=0.01)


def test_blend_gives_the_colour_seen_through_opacity():
    assert blend("#2f2d2b", WHITE, CAPTION_OPACITY) == "#828180"  # what axe measured for Streamlit's default captions
    assert rgb(blend("#000000", WHITE, 0.5)) == (128, 128, 128)


@pytest.mark.parametrize("surface", [WHITE, SIDEBAR, INPUT_FILL])
def test_theme_text_and_captions_are_readable_on_every_light_surface(surface: str):
    text = THEME["textColor"]
    assert contrast_ratio(text, surface) >= AA_TEXT
    assert contrast_ratio(blend(text, surface, CAPTION_OPACITY), surface) >= AA_TEXT


def test_the_primary_colour_carries_white_button_text_and_reads_as_text_on_white():
    assert contrast_ratio("#FFFFFF", THEME["primaryColor"]) >= AA_TEXT
    assert contrast_ratio(THEME["primaryColor"], WHITE) >= AA_TEXT


def test_chart_text_colours_we_set_are_readable_on_their_backgrounds():
    chart_text = "#1F1F1F"  # the plotly template's font colour (fkb/figures/style.py), on white paper
    assert contrast_ratio(chart_text, WHITE) >= AA_TEXT
    assert contrast_ratio("#444444", UNKNOWN_FILL) >= AA_TEXT  # "unbekannt" in grey budget cells
    assert contrast_ratio("#444444", WHITE) >= AA_TEXT  # "Programmbudget unbekannt" annotation


def test_every_known_budget_cell_has_a_label_colour_of_at_least_4_5_to_1_available():
    labels = budget_cell_labels()
    assert labels  # no cell, no check: an empty grid must not pass
    for label, cell, _ in labels:
        best = readable_text_colour(cell)
        assert contrast_ratio(best, cell) >= AA_TEXT, (label, cell, best)


def test_budget_grid_labels_as_drawn_reach_4_5_to_1():
    labels = budget_cell_labels()
    assert labels  # no cell, no check: an empty grid must not pass
    failing = [(label, cell, round(contrast_ratio(colour, cell), 2)) for label, cell, colour in labels]
    failing = [f for f in failing if f[2] < AA_TEXT]
    assert not failing, failing
