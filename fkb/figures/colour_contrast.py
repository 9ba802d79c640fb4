"""WCAG 2.1 contrast of the colours the charts choose: luminance, contrast ratio, blending, readable text colour.

Pure module (no Streamlit), like the chart builders.
"""

from __future__ import annotations

import re

_RGB = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)")


def rgb(colour: str) -> tuple[int, int, int]:
    """Return the (r, g, b) of '#RRGGBB', '#RGB' or 'rgb(r, g, b)'."""
    match = _RGB.match(colour.strip())
    if match:
        return tuple(int(v) for v in match.groups())  # type: ignore[return-value]
    digits = colour.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def relative_luminance(colour: str) -> float:
    """Return the WCAG 2.1 relative luminance of a colour (0 = black, 1 = white)."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """Return the WCAG 2.1 contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(colour: str, background: str, opacity: float) -> str:
    """Return the colour seen when `colour` at this opacity lies on `background`, as '#RRGGBB'."""
    mixed = (round(opacity * c + (1 - opacity) * b) for c, b in zip(rgb(colour), rgb(background)))
    return "#" + "".join(f"{v:02X}" for v in mixed)


def readable_text_colour(background: str, dark: str = "#000000", light: str = "#FFFFFF") -> str:
    """Return whichever of the dark or light text colour has the higher contrast on the background."""
    return dark if contrast_ratio(dark, background) >= contrast_ratio(light, background) else light
