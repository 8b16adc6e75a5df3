"""The start page of the monitoring: indices, indicators and districts."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kette.core.models import District

from .. import selectors
from ..models import IndexDefinition, Indicator
from .blocks import shown
from .index import index_name
from .scope import Scope, figure_note


@dataclass
class IndicatorSummary:
    indicator: Indicator
    url: str
    period: str
    city: str  # the city's latest figure as shown
    note: str


@dataclass
class IndicatorGroup:
    name: str
    indicators: list[IndicatorSummary]


@dataclass
class IndexSummary:
    definition: IndexDefinition
    name: str
    url: str


@dataclass
class DistrictLink:
    district: District
    url: str
    depth: int


def indicator_groups(scope: Scope) -> list[IndicatorGroup]:
    groups: dict[str, list[IndicatorSummary]] = {}
    indicators = selectors.indicator_list(
        municipality=scope.municipality, public=scope.public
    )
    for indicator in indicators:
        periods = selectors.period_list(indicator=indicator)
        city, note = "", _("no data")
        if periods:
            figure = selectors.figures(
                indicator=indicator,
                period=periods[-1],
                public=scope.public,
                hierarchy=scope.hierarchy,
            ).city
            city, note = shown(indicator, figure.shown), figure_note(figure)
        field = indicator.field_of_action
        name = str(field) if field else _("Other indicators")
        groups.setdefault(name, []).append(
            IndicatorSummary(
                indicator=indicator,
                url=scope.url("indicator", indicator_key=indicator.key),
                period=periods[-1] if periods else "",
                city=city,
                note=note,
            )
        )
    return [IndicatorGroup(name, items) for name, items in groups.items()]


def index_summaries(scope: Scope) -> list[IndexSummary]:
    return [
        IndexSummary(d, index_name(d), scope.url("index", index_key=d.key))
        for d in selectors.index_list(
            municipality=scope.municipality, public=scope.public
        )
    ]


def district_links(scope: Scope) -> list[DistrictLink]:
    """The districts as a tree, parents before their children."""
    hierarchy = scope.hierarchy
    out: list[DistrictLink] = []

    def walk(key: int, depth: int) -> None:
        for child in sorted(
            hierarchy.children.get(key, []), key=lambda pk: hierarchy.districts[pk].code
        ):
            district = hierarchy.districts[child]
            out.append(
                DistrictLink(
                    district, scope.url("district", district_code=district.code), depth
                )
            )
            walk(child, depth + 1)

    walk(0, 0)
    return out
