"""Where a chart's names go: beside their point, or set apart with a line, where they cover nothing.

Plotly places every label where it is told and never moves one out of another's way. This module
picks, name by name, a side of its point (`place`, a plotly `textposition`) or a spot further out
(`place_apart`, for an annotation with a line to its point), from box sizes estimated from the text
length, so that the names of neighbouring points do not print over each other or over markers.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

# Average glyph width and line height of plotly's default sans-serif, as a share of the font size
# (measured in Chromium: 0.45-0.57 for the network's names).
GLYPH_WIDTH = 0.56
LINE_HEIGHT = 1.25
GAP_PX = 3  # plotly's padding between a marker and its label
MARGIN_PX = 3  # kept free around a label: the estimate is not exact, and touching names read as one
# The sides tried, in order of preference: a label over or under its point reads best.
SIDES = ("top center", "bottom center", "middle right", "middle left", "top right", "top left", "bottom right", "bottom left")


class Box(NamedTuple):
    left: float
    right: float
    bottom: float
    top: float

    def overlap(self, other: Box) -> float:
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.top, other.top) - max(self.bottom, other.bottom)
        return width * height if width > 0 and height > 0 else 0.0


class Label(NamedTuple):
    x: float  # the point, in pixels
    y: float
    text: str
    font_px: float
    marker_px: float


def marker_box(x: float, y: float, marker_px: float) -> Box:
    half = marker_px / 2
    return Box(x - half, x + half, y - half, y + half)


# An entity (escaped data text: &lt;) is drawn as one character.
_ENTITY = re.compile(r"&(#\d+|#x[\da-fA-F]+|[a-z]+);")


def _size(label: Label) -> tuple[float, float]:
    lines = _ENTITY.sub("x", label.text).split("<br>")
    return max(len(line) for line in lines) * label.font_px * GLYPH_WIDTH, len(lines) * label.font_px * LINE_HEIGHT


def label_box(label: Label, side: str) -> Box:
    """Return the box the label takes on this side of its point (y grows upwards)."""
    width, height = _size(label)
    vertical, horizontal = side.split()
    reach = label.marker_px / 2 + GAP_PX
    x = {"center": label.x, "right": label.x + reach + width / 2, "left": label.x - reach - width / 2}[horizontal]
    # Measured in Chromium: a corner label keeps the same distance across and up (or down) as a side one.
    y = {"top": label.y + reach + height / 2, "bottom": label.y - reach - height / 2, "middle": label.y}[vertical]
    half_width, half_height = width / 2 + MARGIN_PX, height / 2 + MARGIN_PX
    return Box(x - half_width, x + half_width, y - half_height, y + half_height)


def outward(x: float, y: float) -> tuple[str, ...]:
    """Return the sides in order of preference for a label that should point away from the origin."""
    vertical, horizontal = ("top", "bottom") if y >= 0 else ("bottom", "top")
    across = ("right", "left") if x >= 0 else ("left", "right")
    return (f"{vertical} center", f"middle {across[0]}", f"{vertical} {across[0]}", f"{vertical} {across[1]}",
            f"middle {across[1]}", f"{horizontal} center")  # fmt: skip


def _shared(boxes: np.ndarray, others: list[Box]) -> np.ndarray:
    """Return, per box (rows: left, right, bottom, top), the area it shares with all the others together."""
    if not others:
        return np.zeros(len(boxes))
    other = np.array(others, dtype=float)
    width = np.minimum(boxes[:, None, 1], other[:, 1]) - np.maximum(boxes[:, None, 0], other[:, 0])
    height = np.minimum(boxes[:, None, 3], other[:, 3]) - np.maximum(boxes[:, None, 2], other[:, 2])
    return (np.clip(width, 0, None) * np.clip(height, 0, None)).sum(axis=1)


def _cover(candidates: list[Box], taken: list[Box], bounds: Box | None) -> np.ndarray:
    """Return, per candidate box, the area it shares with the taken ones plus twice its area beyond the
    bounds (the plot cuts that off). In numpy: a graph's names try ~50 spots against ~150 boxes each."""
    boxes = np.array(candidates, dtype=float)
    cover = _shared(boxes, taken)
    if bounds is not None:
        cover += 2 * ((boxes[:, 1] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 2]) - _shared(boxes, [bounds]))
    return cover


def place(
    labels: list[Label], taken: list[Box], preferences: list[tuple[str, ...]] | None = None, bounds: Box | None = None
) -> list[str]:
    """Return a side for each label, in order: the first of its preferred sides (default SIDES) covering
    nothing already placed or in `taken` (markers, fixed labels) and staying inside `bounds`, else the
    side that covers least (a cut-off part counts double)."""
    taken = list(taken)
    sides = []
    for n, label in enumerate(labels):
        order = preferences[n] if preferences else SIDES
        sides.append(order[_pick([label_box(label, side) for side in order], taken, bounds)])
    return sides


def _pick(boxes: list[Box], taken: list[Box], bounds: Box | None) -> int:
    """Return the index of the box covering least (the first of equal ones: the preferred) and take it."""
    best = int(np.argmin(_cover(boxes, taken, bounds)))
    taken.append(boxes[best])
    return best


# Where a name may stand when it is set apart from its point with a thin line: the eight directions,
# in order of preference, each further out by STEP_PX per try.
DIRECTIONS = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))
STEP_PX, STEPS = 16, 14  # up to 224 px out: in a dense graph at 1024 px the free room lies outside the circle


class Spot(NamedTuple):
    dx: float  # the name's centre, in pixels from its point (y up)
    dy: float
    apart: bool  # further out than beside the point: drawn with a line to it


def spot_box(label: Label, spot: Spot) -> Box:
    width, height = _size(label)
    x, y = label.x + spot.dx, label.y + spot.dy
    return Box(x - width / 2 - MARGIN_PX, x + width / 2 + MARGIN_PX, y - height / 2 - MARGIN_PX, y + height / 2 + MARGIN_PX)


def _spots(label: Label) -> list[Spot]:
    width, height = _size(label)
    reach = label.marker_px / 2 + GAP_PX
    return [
        Spot(ux * (reach + step * STEP_PX + width / 2), uy * (reach + step * STEP_PX + height / 2), step > 0)
        for step in range(STEPS)
        for ux, uy in DIRECTIONS
    ]


def place_apart(labels: list[Label], taken: list[Box], bounds: Box | None = None) -> list[Spot]:
    """Return a spot for each label, in order: the nearest (beside its point first, then further out)
    covering nothing already placed or in `taken` and inside `bounds`, else the one covering least."""
    taken = list(taken)
    spots = []
    for label in labels:
        candidates = _spots(label)
        spots.append(candidates[_pick([spot_box(label, spot) for spot in candidates], taken, bounds)])
    return spots
