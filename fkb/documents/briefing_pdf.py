"""The Steckbrief as a tagged PDF (BITV 2.0, PDF/UA-style): semantic HTML printed by headless Chromium.

reportlab, which drew the PDF before, cannot tag. Chromium's printer writes a tagged PDF from HTML: the
document language (lang="de" -> /Lang de), a structure tree in reading order (the DOM order) with H1/H2
headings, P, Table/TR/TH/TD and Figure elements whose /Alt is the image's alt text (the chart's
one-sentence summary), plus an outline from the headings. The fonts are reportlab's Bitstream Vera (€,
umlauts, „“), embedded as TrueType. Everything is read from a temporary folder: no request leaves the machine.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from fkb.documents.briefing_content import Briefing, Slide

FONT_DIR = Path(reportlab.__file__).parent / "fonts"  # Bitstream Vera ships with reportlab
PRINT_TIMEOUT_S = 60.0
VERY_LONG = 25  # lines from which a list (the sources of all Niedersachsen) is set small in two columns
TABLE_SHARES = (42, 26, 14, 18)
TEXT_WIDTH_PT = (
    841.89 - 2 * 36 - 12
)  # A4 landscape less the margins of 12.7 mm and a little air  # per cent of the width: Projekt, Bündnis, Betrag, Laufzeit
_BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
    "--generate-pdf-document-outline",
)

STYLE = """
@font-face { font-family: "Vera"; src: url("Vera.ttf"); }
@font-face { font-family: "Vera"; font-weight: bold; src: url("VeraBd.ttf"); }
@page { size: A4 landscape; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; font-family: "Vera"; color: #000; }
.page { width: 297mm; height: 209mm; padding: 12.7mm; overflow: hidden; break-after: page;
        display: flex; flex-direction: column; }
.page:last-child { break-after: auto; }
.cover { padding-top: 35mm; }
.kicker { font-size: 18pt; margin: 0 0 14pt; }
h1 { margin: 0 0 18pt; }
.cover p { font-size: 13pt; margin: 0 0 4pt; }
h2 { font-size: 20pt; margin: 0 0 8pt; }

figure { margin: 0 0 10pt; }
img { display: block; max-width: 100%; max-height: 390pt; }
.with-table img { max-height: 230pt; }
.lines { min-height: 0; overflow: hidden; }  /* a list too long for its page never pushes the footer off it */
.lines p { margin: 0; font-size: 12pt; line-height: 1.3; }
.lines.long p { font-size: 9pt; }
.lines.very-long { columns: 2; column-gap: 14pt; }
.lines.very-long p { font-size: 7pt; line-height: 1.25; break-inside: avoid; }
.lines .gap { margin-top: 9pt; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; font-size: 8pt; margin-top: 8pt; }
th, td { text-align: left; vertical-align: top; padding: 1pt 6pt 1pt 0; }
th { font-weight: bold; }
.bottom { margin-top: auto; flex-shrink: 0; }
.summary { font-size: 9pt; margin: 8pt 0 6pt; }
footer p { font-size: 7pt; margin: 0; }
"""


def fonts() -> tuple[str, str]:
    """Return the names of the PDF's fonts (Bitstream Vera, regular and bold) registered with reportlab, whose
    metrics and glyph tables say how wide a text is and which characters the PDF can show."""
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(FONT_DIR / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("VeraBd", str(FONT_DIR / "VeraBd.ttf")))
    return "Vera", "VeraBd"


def title_size(title: str, largest: float = 28, smallest: float = 20) -> float:
    """Return the title's font size in pt: the largest up to 28 pt at which it fits one line (at least 20 pt).
    Chromium drops the space where a heading in an embedded font wraps from the PDF's bookmark ("inNiedersachsen")."""
    width = pdfmetrics.stringWidth(title, fonts()[1], largest)
    return round(max(smallest, min(largest, largest * TEXT_WIDTH_PT / width)) if width else largest, 1)


class PrintError(Exception):
    """Chromium could not print the PDF; the message is German."""


def briefing_html(briefing: Briefing, image_names: list[str | None]) -> str:
    """Return the briefing as one HTML document, a section per PDF page; image_names[i] is the file of slide i's chart."""
    e = html.escape
    cover = (
        '<section class="page cover">'
        '<p class="kicker">Bündnis-Steckbrief</p>'
        f'<h1 style="font-size:{title_size(briefing.title)}pt">{e(briefing.title)}</h1>'
        f"<p>{e(briefing.subtitle)}</p><p>Filter: {e(briefing.filters)}</p><p>Datenstand: {e(briefing.datenstand)}</p>"
        "</section>"
    )
    pages = [_slide_html(briefing, slide, image) for slide, image in zip(briefing.slides, image_names)]
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        f"<title>{e('Bündnis-Steckbrief: ' + briefing.title)}</title>"
        f"<style>{STYLE}</style></head><body>{cover}{''.join(pages)}</body></html>"
    )


def _slide_html(briefing: Briefing, slide: Slide, image: str | None) -> str:
    e = html.escape
    table = slide.table if slide.table is not None and len(slide.table) else None
    parts = [f"<h2>{e(slide.title)}</h2>"]
    if image is not None:
        # The chart's one-sentence summary is its alternative text (the PDF's /Alt of the Figure).
        parts.append(f'<figure><img src="{e(image)}" alt="{e(slide.alt_text or slide.title)}"></figure>')
    if slide.lines:
        lines, gap = [], False
        for line in slide.lines:
            if not line:
                gap = True
                continue
            lines.append(f"<p{' class=gap' if gap else ''}>{e(line)}</p>")
            gap = False
        size = " long" if len(slide.lines) >= 10 else ""
        size += " very-long" if len(slide.lines) >= VERY_LONG else ""
        parts.append(f'<div class="lines{size}">{"".join(lines)}</div>')
    if table is not None:
        columns = "".join(f'<col style="width:{share}%">' for share in TABLE_SHARES[: len(table.columns)])
        head = "".join(f'<th scope="col">{e(str(name))}</th>' for name in table.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{e(str(value))}</td>" for value in row) + "</tr>" for row in table.astype(str).values.tolist()
        )
        parts.append(f"<table><colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    bottom = f'<p class="summary">Kurz gesagt: {e(slide.summary)}</p>' if slide.summary else ""
    footer = briefing.footer(slide) + (f" · {slide.note}" if slide.note else "")
    parts.append(f'<div class="bottom">{bottom}<footer><p>{e(footer)}</p></footer></div>')
    return f'<section class="page{" with-table" if table is not None else ""}">{"".join(parts)}</section>'


def chromium_path() -> str:
    """Return the Chromium to print with: $CHROMIUM_PATH, else the first of chromium, google-chrome … on PATH."""
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    for name in _BROWSERS:
        if found := shutil.which(name):
            return found
    raise PrintError("Chromium wurde nicht gefunden (apt-get install chromium).")


def write_tagged_pdf(briefing: Briefing, images: list[bytes], timeout_s: float = PRINT_TIMEOUT_S) -> bytes:
    """Return the briefing as a tagged A4 landscape PDF, one page per slide, printed by headless Chromium;
    images are the PNGs of the slides' charts in slide order. PrintError when Chromium fails or takes over timeout_s."""
    with tempfile.TemporaryDirectory(prefix="fkb-steckbrief-") as folder:
        root = Path(folder)
        for font in ("Vera.ttf", "VeraBd.ttf"):
            shutil.copyfile(FONT_DIR / font, root / font)
        pictures, names = iter(images), []
        for number, slide in enumerate(briefing.slides):
            if slide.figure is None:
                names.append(None)
                continue
            names.append(f"grafik-{number}.png")
            (root / names[-1]).write_bytes(next(pictures))
        (root / "steckbrief.html").write_text(briefing_html(briefing, names), encoding="utf-8")
        out = root / "steckbrief.pdf"
        command = [
            chromium_path(),
            *_FLAGS,
            f"--user-data-dir={root / 'profile'}",
            f"--print-to-pdf={out}",
            (root / "steckbrief.html").as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout_s, cwd=root)
        except subprocess.TimeoutExpired:
            raise PrintError(f"Das PDF wurde nicht innerhalb von {timeout_s:.0f} s fertig. Bitte erneut versuchen.") from None
        except OSError as error:
            raise PrintError(f"Chromium konnte nicht gestartet werden ({error}).") from None
        if not out.exists() or not out.stat().st_size:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["keine Ausgabe"]
            raise PrintError(f"Chromium hat kein PDF geschrieben (Exit-Code {done.returncode}: {tail[0]}).")
        return out.read_bytes()
