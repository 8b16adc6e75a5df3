"""Shared pieces of the SVG charts: numbers, the frame, markers.

Every chart is an ``<svg role="img">`` named by its ``<title>`` and described
by its ``<desc>`` (referenced with ``aria-labelledby``); the page puts the
chart's data table and CSV link right after it. Python computes what a chart
shows (coordinates, labels, colours) as plain data; the markup is in the
templates ``kette_monitoring/charts/*.svg.html``, which escape every text.
"""

from __future__ import annotations

import hashlib
import math
import pickle
import re
from dataclasses import dataclass

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import get_language

SAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


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


@dataclass(frozen=True)
class Chart:
    """What every chart template gets: the ``<svg>``'s id, size, name and
    description (``kette_monitoring/charts/chart.svg.html``)."""

    ident: str
    width: str
    height: str
    title: str
    desc: str


def render(template: str, chart: Chart) -> SafeString:
    """``chart`` drawn by ``kette_monitoring/charts/<template>.svg.html``."""
    return drawn(f"kette_monitoring/charts/{template}.svg.html", "chart", chart)


def drawn(template: str, name: str, value: object) -> SafeString:
    """``template`` rendered with ``value`` as ``name``, once per content.

    The markup of a chart or table is a function of its data and the
    language only, and rendering a hundred districts' worth in a template
    costs far more than the page around it: it is kept in the "pages" cache
    under a digest of exactly these (pickled, so that a safe string and a
    plain one with the same text differ). Nothing can go stale: other data
    is another key."""
    parts = pickle.dumps((template, name, get_language(), value))
    key = f"kette:monitoring:drawn:{hashlib.sha256(parts).hexdigest()}"
    store = caches["pages"]
    found = store.get(key)
    if found is None:
        found = render_to_string(template, {name: value})
        store.set(key, found, None)
    return found


def class_fill(ident: str, number: int | None) -> str:
    return f"url(#{ident}-p{number})" if number is not None else f"url(#{ident}-none)"


@dataclass(frozen=True)
class Marker:
    """A series marker: each series has its own shape, not only its own colour.
    ``kind`` says which element draws it (``charts/marker.svg.html``): a
    ``rect`` (x, y, size), a ``circle`` (x, y, size as radius), a filled
    ``path`` or a ``stroke`` path (``d``)."""

    kind: str
    colour: str
    x: str = ""
    y: str = ""
    size: str = ""
    d: str = ""


def marker(shape: str, x: float, y: float, colour: str, size: float = 5) -> Marker:
    s = size
    if shape == "square":
        return Marker("rect", colour, num(x - s), num(y - s), num(2 * s))
    if shape in ("triangle", "triangle-down"):
        sign = 1 if shape == "triangle" else -1
        d = (
            f"M{num(x)},{num(y - sign * s * 1.2)} "
            f"L{num(x + s * 1.1)},{num(y + sign * s * 0.9)} "
            f"L{num(x - s * 1.1)},{num(y + sign * s * 0.9)}Z"
        )
        return Marker("path", colour, d=d)
    if shape == "diamond":
        d = (
            f"M{num(x)},{num(y - s * 1.3)} L{num(x + s * 1.1)},{num(y)} "
            f"L{num(x)},{num(y + s * 1.3)} L{num(x - s * 1.1)},{num(y)}Z"
        )
        return Marker("path", colour, d=d)
    if shape == "cross":
        d = (
            f"M{num(x - s)},{num(y - s)} L{num(x + s)},{num(y + s)} "
            f"M{num(x + s)},{num(y - s)} L{num(x - s)},{num(y + s)}"
        )
        return Marker("stroke", colour, d=d)
    if shape == "star":
        points = []
        for step in range(10):
            radius = s * 1.4 if step % 2 == 0 else s * 0.6
            angle = math.pi / 5 * step - math.pi / 2
            points.append(
                f"{num(x + radius * math.cos(angle))},{num(y + radius * math.sin(angle))}"
            )
        return Marker("path", colour, d=f"M{' L'.join(points)}Z")
    return Marker("circle", colour, num(x), num(y), num(s))


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
