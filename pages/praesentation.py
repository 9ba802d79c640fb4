"""Präsentation: one chart per slide for the projector; slide and filters come from the address."""

import streamlit as st

from fkb.ui.filters import current_filters
from fkb.ui.navigation import require_entrypoint
from fkb.ui.slides import projector_style, show_slide, slide_controls

require_entrypoint()

projector_style()
slide = st.container()
number = slide_controls()  # below the slide on screen, but first to run: it decides the slide
with slide:
    show_slide(number, current_filters())
