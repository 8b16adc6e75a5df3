"""The charts of the balance page as data for SVG templates.

A breakdown (status, measure type, field of action, ...) is a horizontal bar
per row, its length the share, the share and the count written beside it.
The status over time is one bar per quarter, split into the three statuses.
The markup is in ``kette_goals/charts/*.svg.html`` inside the monitoring's
chart frame (title, description, ``role="img"``); a data table follows every
chart on the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from kette.monitoring.charts.base import Chart, chart_id, num, shorten, text_width

from .selectors.balance import Breakdown, QuarterStatus

WIDTH = 760
LABEL_WIDTH = 280
BAR_WIDTH = 380
ROW = 22
#: The longest label that fits left of the bars (text_width's estimate)
LABEL_CHARS = int((LABEL_WIDTH - 16) / text_width("x"))
TOP = 8
#: Status colours: dark enough against white (3:1) and apart from each other
STATUS_COLOURS = {
    "fully-implemented": "#004488",
    "partly-implemented": "#5b8fc7",
    "not-implemented": "#bb5566",
}
BAR_COLOUR = "#3b528b"


@dataclass(frozen=True)
class BarRow:
    label: str
    y: str  # the baseline of the row's texts
    bar_y: str
    width: str
    text: str
    text_x: str


@dataclass(frozen=True)
class BarChart(Chart):
    label_x: str = ""
    bar_x: str = ""
    colour: str = BAR_COLOUR
    rows: list[BarRow] = field(default_factory=list)


@dataclass(frozen=True)
class Segment:
    x: str
    width: str
    colour: str
    tooltip: str


@dataclass(frozen=True)
class StackRow:
    label: str
    y: str
    bar_y: str
    segments: list[Segment]


@dataclass(frozen=True)
class LegendItem:
    x: str
    text_x: str
    colour: str
    label: str


@dataclass(frozen=True)
class StackChart(Chart):
    label_x: str = ""
    legend_y: str = ""
    legend: list[LegendItem] = field(default_factory=list)
    rows: list[StackRow] = field(default_factory=list)


def share_text(percent: int, count: int) -> str:
    return _("%(percent)s %% (%(count)s)") % {"percent": percent, "count": count}


def bar_chart(breakdown: Breakdown, title: str, scope: str) -> BarChart:
    """One bar per row of ``breakdown``, the longest bar at 100 %."""
    rows = []
    for number, share in enumerate(breakdown.shares):
        top = TOP + number * ROW
        width = BAR_WIDTH * share.exact / 100
        rows.append(
            BarRow(
                label=shorten(share.label, LABEL_CHARS),
                y=num(top + 14),
                bar_y=num(top + 2),
                width=num(width),
                text=share_text(share.percent, share.count),
                text_x=num(LABEL_WIDTH + width + 6),
            )
        )
    return BarChart(
        ident=chart_id("balance", scope, breakdown.code),
        width=str(WIDTH),
        height=num(TOP * 2 + ROW * max(len(rows), 1)),
        title=title,
        desc=_("Share of the %(count)s measures per row; the table below lists them.")
        % {"count": breakdown.total},
        label_x=num(LABEL_WIDTH - 8),
        bar_x=num(LABEL_WIDTH),
        rows=rows,
    )


def status_chart(quarters: list[QuarterStatus], scope: str) -> StackChart | None:
    """One bar per quarter, split into the statuses by their share."""
    if not quarters:
        return None
    legend_y = TOP + 12
    legend = []
    x = LABEL_WIDTH
    for share in quarters[0].shares:
        legend.append(
            LegendItem(
                x=num(x),
                text_x=num(x + 18),
                colour=STATUS_COLOURS.get(share.code, BAR_COLOUR),
                label=share.label,
            )
        )
        x += 18 + text_width(share.label) + 20
    rows = []
    for number, quarter in enumerate(quarters):
        top = TOP + 24 + number * ROW
        left = float(LABEL_WIDTH)
        segments = []
        for share in quarter.shares:
            width = BAR_WIDTH * share.exact / 100
            segments.append(
                Segment(
                    x=num(left),
                    width=num(width),
                    colour=STATUS_COLOURS.get(share.code, BAR_COLOUR),
                    tooltip=f"{share.label}: {share_text(share.percent, share.count)}",
                )
            )
            left += width
        rows.append(
            StackRow(
                label=quarter.label,
                y=num(top + 14),
                bar_y=num(top + 2),
                segments=segments,
            )
        )
    return StackChart(
        ident=chart_id("balance", scope, "over-time"),
        width=str(WIDTH),
        height=num(TOP * 2 + 24 + ROW * len(rows)),
        title=_("Status of the measures at the end of each quarter"),
        desc=_("One bar per quarter, split by status; the table below lists them."),
        label_x=num(LABEL_WIDTH - 8),
        legend_y=num(legend_y),
        legend=legend,
        rows=rows,
    )
