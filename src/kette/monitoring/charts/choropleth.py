"""A choropleth map: districts filled by class, with a legend of the classes.

Classes differ in colour (viridis or the index's own colours) and in a fill
pattern; districts without a figure (suppressed or missing) are hatched
white. Each district carries a tooltip with its name, figure and class.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .base import class_fill, num, pattern_defs, svg_open
from .classes import ClassBand
from .geometry import MapFrame

ROW = 22


@dataclass(frozen=True)
class MapValue:
    """What the map shows for one district."""

    number: int | None  # class number, None without a figure
    text: str  # the figure as shown in the tooltip


def legend_summary(bands: Sequence[ClassBand], missing: int) -> str:
    parts = [
        ngettext(
            "%(label)s: %(count)d district",
            "%(label)s: %(count)d districts",
            band.count,
        )
        % {"label": band.label, "count": band.count}
        for band in bands
    ]
    if missing:
        parts.append(
            ngettext(
                "no figure: %(count)d district",
                "no figure: %(count)d districts",
                missing,
            )
            % {"count": missing}
        )
    return "; ".join(parts)


def choropleth(
    *,
    ident: str,
    frame: MapFrame,
    bands: Sequence[ClassBand],
    values: Mapping[str, MapValue],
    title: str,
    description: str,
    legend_title: str,
    highlight: str = "",
) -> SafeString:
    """The map as SVG markup. ``values`` is keyed by district code; a district
    without an entry, or with ``number`` None, has no figure."""
    missing = sum(
        1
        for area in frame.areas
        if values.get(area.code) is None or values[area.code].number is None
    )
    legend_rows = len(bands) + (1 if missing else 0)
    height = frame.height + 34 + legend_rows * ROW
    desc = f"{description} {legend_summary(bands, missing)}".strip()
    out = [
        svg_open(
            ident=ident,
            width=frame.width,
            height=height,
            title=title,
            desc=desc,
            css="chart--map",
        ),
        pattern_defs(ident, [band.colour for band in bands]),
        '<g class="chart__areas" stroke="#ffffff" stroke-width="1" '
        'stroke-linejoin="round">',
    ]
    labels = {band.number: band.label for band in bands}
    for area in frame.areas:
        value = values.get(area.code)
        number = value.number if value is not None else None
        tip = f"{area.name} ({area.code}): "
        tip += value.text if value is not None and value.text else _("no figure")
        if number is not None and number in labels:
            tip += f" – {labels[number]}"
        out.append(
            f'<path d="{area.path}" fill="{class_fill(ident, number)}" '
            f'fill-rule="evenodd" data-code="{escape(area.code)}" '
            f'data-class="{"" if number is None else number}">'
            f"<title>{escape(tip)}</title></path>"
        )
    out.append("</g>")
    for area in frame.areas:
        if area.code == highlight:
            out.append(
                f'<path class="chart__highlight" d="{area.path}" fill="none" '
                'stroke="#000000" stroke-width="3" stroke-linejoin="round"/>'
            )
    y = frame.height + 20
    out.append(
        f'<text x="6" y="{num(y)}" font-weight="700">{escape(legend_title)}</text>'
    )
    entries = [(band.number, band.label, band.count) for band in bands]
    if missing:
        entries.append((None, _("no figure (suppressed or missing)"), missing))
    for row, (number, label, count) in enumerate(entries):
        top = y + 8 + row * ROW
        out.append(
            f'<rect x="6" y="{num(top)}" width="26" height="16" '
            f'fill="{class_fill(ident, number)}" stroke="#1b1f24" stroke-width="1"/>'
            f'<text x="40" y="{num(top + 12.5)}">{escape(label)} '
            f'<tspan fill="#4b5563">({count})</tspan></text>'
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped
