"""Figures as images: the one path from a plotly figure to SVG or PNG bytes, for downloads and the Steckbrief.

Every image is drawn by kaleido in a headless Chromium, a job (one SVG download, or all charts of the
Steckbriefe made at once) in one browser. One time limit bounds a job from its start to its last image,
waiting for a free drawing slot included: BRIEFING_TIMEOUT_S seconds (default 60; the name is older than
this module, when only the Steckbrief had a limit). Past it the job ends with ImageError, and its Chromium
is closed, rather than leaving a visitor waiting.
"""

from __future__ import annotations

import asyncio
import html
import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import plotly.graph_objects as go

IMAGE_TIMEOUT_S = float(os.environ.get("BRIEFING_TIMEOUT_S", "60"))
_DRAWING = threading.BoundedSemaphore(2)  # each job starts a Chromium; two at a time is plenty
_LOG = logging.getLogger(__name__)
SVG_WIDTH, SVG_DEFAULT_HEIGHT = 1000, 500  # plotly's default height, as pio.to_image drew SVGs before


class ImageError(Exception):
    """Images that were not drawn: no drawing slot free in time ('busy'), over the time limit ('timeout'), or 'failed'."""

    def __init__(self, reason: Literal["busy", "timeout", "failed"], timeout_s: float, cause: BaseException | None = None):
        super().__init__(f"{reason} after up to {timeout_s:.0f} s" + (f": {type(cause).__name__}: {cause}" if cause else ""))
        self.reason, self.timeout_s, self.cause = reason, timeout_s, cause


async def _draw(figures: list[go.Figure], opts: dict, default_height: int, timeout_s: float) -> list[bytes]:
    import kaleido  # here, not at the top: 60 ms off the import of every page that offers a download

    async with kaleido.Kaleido(n=1, timeout=timeout_s, mathjax=False) as browser:
        return [await browser.calc_fig(fig, opts={**opts, "height": int(fig.layout.height or default_height)}) for fig in figures]


def images(
    figures: list[go.Figure],
    image_format: Literal["svg", "png"],
    width: int,
    default_height: int,
    scale: float = 1,
    timeout_s: float = IMAGE_TIMEOUT_S,
) -> list[bytes]:
    """Return the figures as images drawn in one headless Chromium (height: the figure's, else default_height);
    ImageError when that fails or the whole job takes longer than timeout_s."""
    if not figures:
        return []
    deadline = time.monotonic() + timeout_s
    if not _DRAWING.acquire(timeout=timeout_s):
        raise ImageError("busy", timeout_s)
    opts = {"format": image_format, "width": width, "scale": scale}
    # Its own thread and event loop: asyncio.run fails on a thread that runs a loop already, and a Chromium
    # that hangs past the limit is left to that thread instead of holding the caller.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fkb-images")
    try:
        left = max(deadline - time.monotonic(), 0.001)
        job = asyncio.wait_for(_draw(figures, opts, default_height, left), timeout=left)
        return pool.submit(asyncio.run, job).result(timeout=left + 5)
    except TimeoutError:  # asyncio's and concurrent.futures' are both this one since Python 3.11
        raise ImageError("timeout", timeout_s) from None
    except Exception as error:  # kaleido/choreographer raise their own types when Chromium is missing or crashes
        _LOG.exception("Drawing %d image(s) as %s failed", len(figures), image_format)
        raise ImageError("failed", timeout_s, error) from None
    finally:
        pool.shutdown(wait=False)
        _DRAWING.release()


def svg_bytes(fig: go.Figure, timeout_s: float = IMAGE_TIMEOUT_S) -> bytes:
    """Return the figure as SVG (1000 px wide); a German error image if drawing fails or takes too long."""
    try:
        return images([fig], "svg", SVG_WIDTH, SVG_DEFAULT_HEIGHT, timeout_s=timeout_s)[0]
    except ImageError as error:
        if error.reason == "busy":
            return error_svg("Der Server erzeugt gerade andere Bilder. Bitte gleich noch einmal versuchen.")
        if error.reason == "timeout":
            return error_svg(f"Zeitüberschreitung nach {timeout_s:.0f} Sekunden. Bitte erneut versuchen.")
        return error_svg(f"Der Bildexport auf dem Server ist fehlgeschlagen ({type(error.cause).__name__}).")


def error_svg(reason: str) -> bytes:
    """Return a small SVG image that says in German why the chart could not be exported."""
    lines = ["SVG konnte nicht erzeugt werden.", reason, "Die Grafik als PNG: Kamerasymbol oben rechts in der Grafik."]
    texts = "".join(
        f'<text x="20" y="{40 + 30 * i}" font-family="Arial, sans-serif" font-size="{18 if i == 0 else 15}" '
        f'fill="{"#B00020" if i == 0 else "#333333"}">{html.escape(line)}</text>'
        for i, line in enumerate(lines)
    )
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="900" height="140"><rect width="100%" height="100%" fill="white"/>{texts}</svg>'
    return svg.encode("utf-8")
