"""Where a chart's names go: beside their point, or set apart with a line, where they cover nothing.

Plotly places every label where it is told and never moves one out of another's way. This module
picks, name by name, a side of its point (`place`, a plotly `textposition`) or a spot further out
(`place_apart`, for an annotation with a line to its point), from box sizes estimated from the text
length, so that the names of neighbouring points do not print over each other or over markers.
"""

from __future__ import annotations

from typing import NamedTuple

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


def _size(label: Label) -> tuple[float, float]:
    lines = label.text.split("<br>")
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


def _outside(box: Box, bounds: Box | None) -> float:
    """Return the area of the box beyond the bounds (the plot clips it)."""
    return 0.0 if bounds is None else (box.right - box.left) * (box.top - box.bottom) - box.overlap(bounds)


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
        boxes = {side: label_box(label, side) for side in order}
        covered = {side: sum(b.overlap(t) for t in taken) + 2 * _outside(b, bounds) for side, b in boxes.items()}
        side = min(order, key=lambda s: (covered[s], order.index(s)))
        sides.append(side)
        taken.append(label_box(label, side))
    return sides


# Where a name may stand when it is set apart from its point with a thin line: the eight directions,
# in order of preference, each further out by STEP_PX per try.
DIRECTIONS = ((0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1))
STEP_PX, STEPS = 16, 6


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
        cover = [sum(spot_box(label, s).overlap(t) for t in taken) + 2 * _outside(spot_box(label, s), bounds) for s in candidates]
        best = min(range(len(candidates)), key=lambda n: (cover[n], n))
        spots.append(candidates[best])
        taken.append(spot_box(label, candidates[best]))
    return spots
