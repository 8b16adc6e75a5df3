"""A ranking: one horizontal bar per district, in the order given.

Bars take the colour of the district's class where there are classes; the
district a page is about is outlined and marked with an arrow, so it is
found without relying on colour. Items with a rank interval (staff see the
5th–95th percentile of the ranks under random weights) get a second panel
right of the bars: a line from the lowest to the highest rank of the
interval, a dot at the district's rank, on an axis of ranks.

The markup is ``kette_monitoring/charts/ranking.svg.html``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .base import Chart, decimals_for, fmt, nice_ticks, num, render, shorten
from .palettes import NEUTRAL_BAR

WIDTH = 760
LABEL_WIDTH = 230
VALUE_ROOM = 70
ROW = 20
#: The panel of rank intervals: its width, and the room for its legend above
PANEL = 240
LEGEND = 30


@dataclass(frozen=True)
class RankItem:
    code: str
    name: str
    value: float | None
    text: str  # the value as shown
    colour: str = ""
    current: bool = False
    rank: float | None = None  # x.5 for an average rank of a tie
    low: int | None = None  # the rank interval, where there is one
    high: int | None = None


@dataclass(frozen=True)
class Tick:
    x: str
    label: str
    strong: bool = False  # the zero line


@dataclass(frozen=True)
class Bar:
    x: str
    y: str
    width: str
    colour: str


@dataclass(frozen=True)
class Whisker:
    """A rank interval: a line from ``x1`` to ``x2`` with end caps, and the
    rank as a dot at ``dot``."""

    x1: str
    x2: str
    y: str
    cap_top: str
    cap_bottom: str
    dot: str
    tooltip: str


@dataclass(frozen=True)
class RankRow:
    label: str  # the name as shown, "▶ " before the current district
    y: str  # the baseline of the row's texts
    current: bool
    text: str  # the value as shown (or "no figure")
    text_x: str
    tooltip: str
    bar: Bar | None = None  # None: no figure
    whisker: Whisker | None = None


@dataclass(frozen=True)
class Panel:
    """The rank axis right of the bars, with its legend above."""

    left: str
    right: str
    ticks: list[Tick]
    sample: Whisker  # the legend's sample interval, above the bars
    legend_x: str
    legend_y: str
    caption: str
    caption_x: str
    caption_y: str


@dataclass(frozen=True)
class RankingChart(Chart):
    label_x: str = ""
    top: str = ""
    bottom: str = ""
    tick_y: str = ""
    ticks: list[Tick] = field(default_factory=list)
    rows: list[RankRow] = field(default_factory=list)
    panel: Panel | None = None


def rank_text(rank: float) -> str:
    """A rank as shown: 3, or 2,5 for an average rank of a tie."""
    return fmt(rank, 0 if float(rank).is_integer() else 1)


def _rank_ticks(count: int) -> list[float]:
    """1, the last rank, and round ranks between that keep apart from both."""
    room = max(count / 4, 1)
    between = [t for t in nice_ticks(0, count, 4) if 1 + room <= t <= count - room]
    return sorted({1, *between, count})


def _panel(
    items: Sequence[RankItem], left: float, top: float, bottom: float
) -> tuple[Panel, dict[int, Whisker]]:
    """The rank axis and each interval's whisker, keyed by item position."""
    count = max([len(items), *(i.high for i in items if i.high is not None)], default=1)
    right = left + PANEL - 60

    def x_of(rank: float) -> float:
        return left + (rank - 1) / max(count - 1, 1) * (right - left)

    def whisker(low: float, high: float, rank: float, y: float, tip: str) -> Whisker:
        return Whisker(
            num(x_of(low)),
            num(x_of(high)),
            num(y),
            num(y - 5),
            num(y + 5),
            num(x_of(rank)),
            tip,
        )

    whiskers = {}
    for at, item in enumerate(items):
        if item.low is None or item.high is None or item.rank is None:
            continue
        tip = _("%(name)s: rank %(rank)s, rank interval %(low)s–%(high)s") % {
            "name": item.name,
            "rank": rank_text(item.rank),
            "low": item.low,
            "high": item.high,
        }
        whiskers[at] = whisker(item.low, item.high, item.rank, top + at * ROW + 10, tip)
    legend_y = top - LEGEND + 8
    panel = Panel(
        left=num(left),
        right=num(right),
        ticks=[Tick(num(x_of(t)), fmt(t, 0)) for t in _rank_ticks(count)],
        sample=Whisker(
            num(LABEL_WIDTH),
            num(LABEL_WIDTH + 30),
            num(legend_y),
            num(legend_y - 5),
            num(legend_y + 5),
            num(LABEL_WIDTH + 15),
            "",
        ),
        legend_x=num(LABEL_WIDTH + 40),
        legend_y=num(legend_y + 4.5),
        caption=_("Rank"),
        caption_x=num((left + right) / 2),
        caption_y=num(bottom + 32),
    )
    return panel, whiskers


def ranking_chart(
    *,
    ident: str,
    items: Sequence[RankItem],
    title: str,
    description: str,
) -> SafeString:
    """The ranking as SVG; a panel of rank intervals where items have them
    (``description`` should then say what they are)."""
    values = [i.value for i in items if i.value is not None and math.isfinite(i.value)]
    low = min([0.0, *values])
    high = max([0.0, *values])
    ticks = nice_ticks(low, high, 5)
    low, high = min(ticks[0], low), max(ticks[-1], high)
    left, right = LABEL_WIDTH, WIDTH - VALUE_ROOM
    scale = (right - left) / ((high - low) or 1)
    intervals = any(i.low is not None for i in items)
    top = 10 + (LEGEND if intervals else 0)
    bottom = top + len(items) * ROW

    def x_of(value: float) -> float:
        return left + (value - low) * scale

    panel, whiskers = (
        _panel(items, WIDTH + 30, top, bottom) if intervals else (None, {})
    )
    zero = x_of(0.0)
    rows = []
    for at, item in enumerate(items):
        y = top + at * ROW
        row = {
            "label": ("▶ " if item.current else "") + shorten(item.name, 32),
            "y": num(y + 14),
            "current": item.current,
            "whisker": whiskers.get(at),
        }
        if item.value is None or not math.isfinite(item.value):
            rows.append(
                RankRow(text=_("no figure"), text_x=num(zero + 4), tooltip="", **row)
            )
            continue
        end = x_of(item.value)
        bar = Bar(
            x=num(min(zero, end)),
            y=num(y + 3),
            width=num(max(abs(end - zero), 1)),
            colour=item.colour or NEUTRAL_BAR,
        )
        rows.append(
            RankRow(
                text=item.text,
                text_x=num(max(zero, end) + 4),
                tooltip=f"{item.name}: {item.text}",
                bar=bar,
                **row,
            )
        )
    decimals = decimals_for(ticks)
    chart = RankingChart(
        ident=ident,
        width=num(WIDTH + (PANEL if intervals else 0)),
        height=num(bottom + 30 + (16 if intervals else 0)),
        title=title,
        desc=description,
        label_x=num(LABEL_WIDTH - 8),
        top=num(top),
        bottom=num(bottom),
        tick_y=num(bottom + 16),
        ticks=[Tick(num(x_of(t)), fmt(t, decimals), t == 0) for t in ticks],
        rows=rows,
        panel=panel,
    )
    return render("ranking", chart)
