"""A ranking: one horizontal bar per district, in the order given.

Bars take the colour of the district's class where there are classes; the
district a page is about is outlined and marked with an arrow, so it is
found without relying on colour.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .base import decimals_for, fmt, nice_ticks, num, shorten, svg_open
from .palettes import NEUTRAL_BAR

WIDTH = 760
LABEL_WIDTH = 230
VALUE_ROOM = 70
ROW = 20


@dataclass(frozen=True)
class RankItem:
    code: str
    name: str
    value: float | None
    text: str  # the value as shown
    colour: str = ""
    current: bool = False


def ranking_chart(
    *,
    ident: str,
    items: Sequence[RankItem],
    title: str,
    description: str,
) -> SafeString:
    values = [i.value for i in items if i.value is not None and math.isfinite(i.value)]
    low = min([0.0, *values])
    high = max([0.0, *values])
    ticks = nice_ticks(low, high, 5)
    low, high = min(ticks[0], low), max(ticks[-1], high)
    left, right = LABEL_WIDTH, WIDTH - VALUE_ROOM
    scale = (right - left) / ((high - low) or 1)
    top = 10
    height = top + len(items) * ROW + 30

    def x_of(value: float) -> float:
        return left + (value - low) * scale

    out = [
        svg_open(
            ident=ident,
            width=WIDTH,
            height=height,
            title=title,
            desc=description,
            css="chart--ranking",
        )
    ]
    decimals = decimals_for(ticks)
    bottom = top + len(items) * ROW
    for tick in ticks:
        x = x_of(tick)
        out.append(
            f'<line x1="{num(x)}" y1="{top}" x2="{num(x)}" y2="{bottom}" '
            f'stroke="{"#4b5563" if tick == 0 else "#d3d9e0"}"/>'
            f'<text x="{num(x)}" y="{bottom + 16}" text-anchor="middle">'
            f"{escape(fmt(tick, decimals))}</text>"
        )
    zero = x_of(0.0)
    for row, item in enumerate(items):
        y = top + row * ROW
        weight = ' font-weight="700"' if item.current else ""
        name = ("▶ " if item.current else "") + shorten(item.name, 32)
        out.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{num(y + 14)}" text-anchor="end"{weight}>'
            f"{escape(name)}</text>"
        )
        if item.value is None or not math.isfinite(item.value):
            out.append(
                f'<text x="{num(zero + 4)}" y="{num(y + 14)}" fill="#4b5563">'
                f"{escape(_('no figure'))}</text>"
            )
            continue
        end = x_of(item.value)
        bar_left, width = min(zero, end), max(abs(end - zero), 1)
        stroke = ' stroke="#000000" stroke-width="2"' if item.current else ""
        out.append(
            f'<rect x="{num(bar_left)}" y="{num(y + 3)}" width="{num(width)}" '
            f'height="{ROW - 6}" fill="{escape(item.colour or NEUTRAL_BAR)}"{stroke}>'
            f"<title>{escape(item.name)}: {escape(item.text)}</title></rect>"
            f'<text x="{num(max(zero, end) + 4)}" y="{num(y + 14)}"{weight}>'
            f"{escape(item.text)}</text>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
