"""Shared pieces of the SVG charts: numbers, escaping, the frame, patterns, markers.

Every chart is an ``<svg role="img">`` named by its ``<title>`` and described
by its ``<desc>`` (referenced with ``aria-labelledby``); the page puts the
chart's data table and CSV link right after it.
"""

from __future__ import annotations

import math
import re

from django.utils.formats import number_format
from django.utils.html import escape

from .palettes import ink_on, pattern_for

SAFE_ID = re.compile(r"[^A-Za-z0-9_-]")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"


def chart_id(*parts: object) -> str:
    """An XML id from ``parts`` (letters, digits, - and _ only)."""
    text = "-".join(str(part) for part in parts if part not in (None, ""))
    text = SAFE_ID.sub("-", text) or "chart"
    return text if text[0].isalpha() else "c" + text


def fmt(value: float | None, decimals: int = 1) -> str:
    """A number in the active language (12,3 in German); "" for None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if float(value).is_integer() and decimals == 0:
        return number_format(int(value), use_l10n=True)
    return number_format(round(float(value), decimals), decimal_pos=decimals)


def num(value: float) -> str:
    """A coordinate for SVG: short, with a dot."""
    return f"{round(value, 1):g}"


def text_width(text: str, size: float = 13) -> float:
    """A rough width of ``text`` in the chart font (for layout, not precision)."""
    return len(text) * size * 0.56


def shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def svg_open(
    *, ident: str, width: float, height: float, title: str, desc: str, css: str
) -> str:
    """The opening of a chart: role, accessible name and description."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" id="{ident}" '
        f'viewBox="0 0 {num(width)} {num(height)}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" '
        f'preserveAspectRatio="xMinYMin meet" font-family="{FONT}" font-size="13">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(desc)}</desc>'
    )


def pattern_defs(ident: str, colours: list[str]) -> str:
    """One ``<pattern>`` per class colour: the colour, with the class's marks
    drawn in black or white on top (class 0 stays plain)."""
    parts = []
    for number, colour in enumerate(colours):
        ink = ink_on(colour)
        kind = pattern_for(number)
        marks = {
            "none": "",
            "dots": f'<circle cx="4" cy="4" r="1.3" fill="{ink}"/>',
            "diagonal": f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{ink}" stroke-width="1.2"/>',
            "crosshatch": (
                f'<path d="M0,0 l8,8 M8,0 l-8,8" stroke="{ink}" stroke-width="1"/>'
            ),
            "horizontal": f'<path d="M0,4 h8" stroke="{ink}" stroke-width="1.4"/>',
            "backdiagonal": f'<path d="M-2,6 l4,4 M0,0 l8,8 M6,-2 l4,4" stroke="{ink}" stroke-width="1.2"/>',
        }[kind]
        parts.append(
            f'<pattern id="{ident}-p{number}" width="8" height="8" '
            f'patternUnits="userSpaceOnUse"><rect width="8" height="8" '
            f'fill="{escape(colour)}"/>{marks}</pattern>'
        )
    parts.append(
        f'<pattern id="{ident}-none" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#ffffff"/>'
        '<path d="M0,6 l6,-6" stroke="#767676" stroke-width="0.8"/></pattern>'
    )
    return "<defs>" + "".join(parts) + "</defs>"


def class_fill(ident: str, number: int | None) -> str:
    return f"url(#{ident}-p{number})" if number is not None else f"url(#{ident}-none)"


def marker(shape: str, x: float, y: float, colour: str, size: float = 5) -> str:
    """A series marker: each series has its own shape, not only its own colour."""
    s = size
    if shape == "square":
        return (
            f'<rect x="{num(x - s)}" y="{num(y - s)}" width="{num(2 * s)}" '
            f'height="{num(2 * s)}" fill="{colour}"/>'
        )
    if shape in ("triangle", "triangle-down"):
        sign = 1 if shape == "triangle" else -1
        return (
            f'<path d="M{num(x)},{num(y - sign * s * 1.2)} '
            f"L{num(x + s * 1.1)},{num(y + sign * s * 0.9)} "
            f'L{num(x - s * 1.1)},{num(y + sign * s * 0.9)}Z" fill="{colour}"/>'
        )
    if shape == "diamond":
        return (
            f'<path d="M{num(x)},{num(y - s * 1.3)} L{num(x + s * 1.1)},{num(y)} '
            f'L{num(x)},{num(y + s * 1.3)} L{num(x - s * 1.1)},{num(y)}Z" '
            f'fill="{colour}"/>'
        )
    if shape == "cross":
        return (
            f'<path d="M{num(x - s)},{num(y - s)} L{num(x + s)},{num(y + s)} '
            f'M{num(x + s)},{num(y - s)} L{num(x - s)},{num(y + s)}" '
            f'stroke="{colour}" stroke-width="2.5"/>'
        )
    if shape == "star":
        points = []
        for step in range(10):
            radius = s * 1.4 if step % 2 == 0 else s * 0.6
            angle = math.pi / 5 * step - math.pi / 2
            points.append(
                f"{num(x + radius * math.cos(angle))},{num(y + radius * math.sin(angle))}"
            )
        return f'<path d="M{" L".join(points)}Z" fill="{colour}"/>'
    return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(s)}" fill="{colour}"/>'


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round tick values covering ``low`` .. ``high``."""
    if not math.isfinite(low) or not math.isfinite(high):
        return [0.0]
    if high <= low:
        high = low + (abs(low) or 1.0)
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 0.5 and len(ticks) < 50:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


def decimals_for(ticks: list[float]) -> int:
    """How many decimals the tick labels need."""
    for decimals in range(4):
        if all(abs(round(t, decimals) - t) < 1e-9 for t in ticks):
            return decimals
    return 4
