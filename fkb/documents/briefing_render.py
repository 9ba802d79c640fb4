"""Turning briefings into files: chart images (fkb.documents.figure_images), an editable PPTX and an A4 PDF."""

from __future__ import annotations

import io
from pathlib import Path

import plotly.graph_objects as go
import reportlab
from pptx import Presentation
from pptx.util import Cm, Pt
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from fkb.documents.briefing_content import Briefing, Slide
from fkb.documents.figure_images import IMAGE_TIMEOUT_S, ImageError, images

IMAGE_WIDTH = 1200
DEFAULT_HEIGHT = 600  # of a figure without a height of its own
_FONT_DIR = Path(reportlab.__file__).parent / "fonts"  # Bitstream Vera ships with reportlab: €, umlauts, „“


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
            slide.shapes.add_picture(_image_stream(picture), Cm(1.2), Cm(top), height=Cm(height))
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
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(_FONT_DIR / "Vera.ttf")))  # TrueType: embedded in the PDF
        pdfmetrics.registerFont(TTFont("VeraBd", str(_FONT_DIR / "VeraBd.ttf")))
    return "Vera", "VeraBd"


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}".strip()
            if pdfmetrics.stringWidth(candidate, font, size) <= width:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Return text shortened with … so that it fits the width."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _draw_text(pdf: canvas.Canvas, text: str, x: float, y: float, width: float, font: str, size: float) -> float:
    for line in _wrap(text, font, size, width):
        pdf.setFont(font, size)
        pdf.drawString(x, y, line)
        y -= size * 1.3
    return y


def write_pdf(briefing: Briefing, images: list[bytes]) -> bytes:
    """Return the briefing as an A4 landscape PDF with embedded fonts, one page per slide."""
    regular, bold = _fonts()
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=landscape(A4), initialFontName=regular, initialFontSize=10)
    pdf.setTitle(f"Bündnis-Steckbrief: {briefing.title}")
    pdf.setAuthor("Fachkräftebündnisse-Dashboard")
    width, height = landscape(A4)
    margin = 36
    _draw_text(pdf, "Bündnis-Steckbrief", margin, height - 120, width - 2 * margin, regular, 18)
    _draw_text(pdf, briefing.title, margin, height - 160, width - 2 * margin, bold, 28)
    _draw_text(
        pdf,
        f"{briefing.subtitle}\nFilter: {briefing.filters}\nDatenstand: {briefing.datenstand}",
        margin,
        height - 230,
        width - 2 * margin,
        regular,
        13,
    )
    pdf.showPage()
    pictures = iter(images)
    for content in briefing.slides:
        _pdf_page(
            pdf,
            briefing,
            content,
            next(pictures) if content.figure is not None else None,
            (regular, bold),
            (width, height, margin),
        )
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _pdf_page(
    pdf: canvas.Canvas,
    briefing: Briefing,
    content: Slide,
    picture: bytes | None,
    fonts: tuple[str, str],
    size: tuple[float, float, float],
) -> None:
    regular, bold = fonts
    width, height, margin = size
    y = _draw_text(pdf, content.title, margin, height - margin - 14, width - 2 * margin, bold, 20) - 6
    if picture is not None:
        image = ImageReader(io.BytesIO(picture))
        w, h = image.getSize()
        box_h = 390 if content.table is None else 230
        scale = min((width - 2 * margin) / w, box_h / h)
        pdf.drawImage(image, margin, y - h * scale, w * scale, h * scale)
        y -= h * scale + 12
    if content.lines:
        y = (
            _draw_text(
                pdf, "\n".join(content.lines), margin, y, width - 2 * margin, regular, 12 if len(content.lines) < 10 else 9
            )
            - 4
        )
    if content.table is not None and len(content.table):
        y -= 10
        for number, row in enumerate([list(content.table.columns), *content.table.astype(str).values.tolist()]):
            x = margin
            for cell, share in zip(row, (0.42, 0.26, 0.14, 0.18)):
                font = bold if number == 0 else regular
                pdf.setFont(font, 8)
                pdf.drawString(x, y, _fit(cell, font, 8, (width - 2 * margin) * share - 6))
                x += (width - 2 * margin) * share
            y -= 12
    if content.summary:
        _draw_text(pdf, "Kurz gesagt: " + content.summary, margin, 62, width - 2 * margin, regular, 9)
    footer = briefing.footer(content) + (f" · {content.note}" if content.note else "")
    _draw_text(pdf, footer, margin, 30, width - 2 * margin, regular, 7)
