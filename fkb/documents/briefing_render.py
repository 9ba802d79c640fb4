"""Turning briefings into files: chart images (fkb.documents.figure_images), an editable PPTX and a tagged A4 PDF
(fkb.documents.briefing_pdf)."""

from __future__ import annotations

import io

import plotly.graph_objects as go
from pptx import Presentation
from pptx.util import Cm, Pt

from fkb.documents.briefing_content import Briefing
from fkb.documents.briefing_pdf import PrintError, fonts, write_tagged_pdf
from fkb.documents.figure_images import IMAGE_TIMEOUT_S, ImageError, images

IMAGE_WIDTH = 1200
DEFAULT_HEIGHT = 600  # of a figure without a height of its own


class BriefingError(Exception):
    """A briefing that could not be made; the message is German."""


def render_images(figures: list[go.Figure], timeout_s: float = IMAGE_TIMEOUT_S) -> list[bytes]:
    """Return PNGs of all figures, made in one headless Chromium (fkb.documents.figure_images); BriefingError after timeout_s in total."""
    try:
        return images(figures, "png", IMAGE_WIDTH, DEFAULT_HEIGHT, scale=2, timeout_s=timeout_s)
    except ImageError as error:
        if error.reason in ("busy", "timeout"):
            raise BriefingError(
                f"Die Grafiken wurden nicht innerhalb von {timeout_s:.0f} s fertig. Bitte erneut versuchen."
            ) from None
        raise BriefingError(
            f"Die Grafiken konnten nicht erzeugt werden ({type(error.cause).__name__}: {error.cause}). "
            "Ist Chromium installiert (apt-get install chromium)?"
        ) from None


def figures_of(briefings: list[Briefing]) -> list[go.Figure]:
    """Return every chart of the briefings in slide order (the order render_images returns them in)."""
    return [slide.figure for b in briefings for slide in b.slides if slide.figure is not None]


def _image_stream(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


# --- PPTX -------------------------------------------------------------------------------------------------


def _text(slide, text: str, left: float, top: float, width: float, height: float, size: int, bold: bool = False) -> None:
    box = slide.shapes.add_textbox(Cm(left), Cm(top), Cm(width), Cm(height))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold


def write_pptx(briefing: Briefing, images: list[bytes]) -> bytes:
    """Return the briefing as an editable 16:9 PPTX: title, one slide per topic, footer with source and Datenstand."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Cm(33.867), Cm(19.05)
    blank = deck.slide_layouts[6]
    title = deck.slides.add_slide(blank)
    _text(title, "Bündnis-Steckbrief", 2, 3, 30, 1.5, 20)
    _text(title, briefing.title, 2, 4.8, 30, 3, 36, bold=True)
    _text(title, briefing.subtitle, 2, 9, 30, 1.5, 18)
    _text(title, f"Filter: {briefing.filters}\nDatenstand: {briefing.datenstand}", 2, 12, 30, 2, 14)
    pictures = iter(images)
    for content in briefing.slides:
        slide = deck.slides.add_slide(blank)
        _text(slide, content.title, 1.2, 0.6, 31, 1.6, 28, bold=True)
        top = 2.4
        if content.figure is not None:
            picture = next(pictures)
            height = 11.5 if content.table is None else 7.5
            shape = slide.shapes.add_picture(_image_stream(picture), Cm(1.2), Cm(top), height=Cm(height))
            # Alternative text (PowerPoint: "Alternativtext"): the chart's one-sentence summary, not "image.png".
            shape._element.nvPicPr.cNvPr.set("descr", content.alt_text or content.title)
            top += height + 0.3
        if content.lines:
            line_height = 0.75 if len(content.lines) < 10 else 0.55
            _text(
                slide,
                "\n".join(content.lines),
                1.2,
                top,
                31,
                line_height * len(content.lines),
                16 if len(content.lines) < 10 else 11,
            )
            top += line_height * len(content.lines) + 0.4
        if content.table is not None and len(content.table):
            _pptx_table(slide, content.table, top)
        if content.summary:
            _text(slide, content.summary, 1.2, 15.6, 31.4, 1.6, 12)
        _text(slide, briefing.footer(content) + (f" · {content.note}" if content.note else ""), 1.2, 17.6, 31.4, 1.2, 9)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _pptx_table(slide, table, top: float) -> None:
    rows, cols = len(table) + 1, len(table.columns)
    shape = slide.shapes.add_table(rows, cols, Cm(1.2), Cm(top), Cm(31.4), Cm(0.6 * rows))
    for c, name in enumerate(table.columns):
        shape.table.cell(0, c).text = str(name)
        for r, value in enumerate(table[name], start=1):
            shape.table.cell(r, c).text = str(value)
    for row in shape.table.rows:
        for cell in row.cells:
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = Pt(10)


# --- PDF --------------------------------------------------------------------------------------------------


def _fonts() -> tuple[str, str]:
    """Return the names of the PDF's fonts registered with reportlab (fkb.documents.briefing_pdf.fonts)."""
    return fonts()


def write_pdf(briefing: Briefing, images: list[bytes]) -> bytes:
    """Return the briefing as a tagged A4 landscape PDF with embedded fonts, one page per slide (fkb.documents.briefing_pdf)."""
    try:
        return write_tagged_pdf(briefing, images)
    except PrintError as error:
        raise BriefingError(str(error)) from None
