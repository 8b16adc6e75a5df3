"""The start page of the monitoring: indices, indicators and districts."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kette.core.models import District

from .. import selectors
from ..indices import indicator_periods
from ..models import IndexDefinition, Indicator
from .blocks import shown
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
    """The indicators by field of action, each with the city's latest figure
    (a few queries for the whole catalogue)."""
    indicators = list(
        selectors.indicator_list(municipality=scope.municipality, public=scope.public)
    )
    available = indicator_periods(indicators)
    latest = {i.pk: available[i.pk][-1][1] for i in indicators if available[i.pk]}
    results = selectors.figures_of_many(
        wanted=[(i, latest[i.pk]) for i in indicators if i.pk in latest],
        public=scope.public,
        hierarchy=scope.hierarchy,
    )
    groups: dict[str, list[IndicatorSummary]] = {}
    for indicator in indicators:
        city, note = "", _("no data")
        if indicator.pk in results:
            figure = results[indicator.pk].city
            city, note = shown(indicator, figure.shown), figure_note(figure)
        field = indicator.field_of_action
        name = str(field) if field else _("Other indicators")
        groups.setdefault(name, []).append(
            IndicatorSummary(
                indicator=indicator,
                url=scope.url("indicator", indicator_key=indicator.key),
                period=latest.get(indicator.pk, ""),
                city=city,
                note=note,
            )
        )
    return [IndicatorGroup(name, items) for name, items in groups.items()]


def index_summaries(scope: Scope) -> list[IndexSummary]:
    return [
        IndexSummary(d, d.name, scope.url("index", index_key=d.key))
        for d in selectors.index_list(
            municipality=scope.municipality, public=scope.public
        )
    ]


def district_link(scope: Scope, district: District, depth: int = 0) -> DistrictLink:
    return DistrictLink(
        district, scope.url("district", district_code=district.code), depth
    )


def district_links(scope: Scope) -> list[DistrictLink]:
    """The districts as a tree, parents before their children."""
    return [
        district_link(scope, node.district, node.depth)
        for node in scope.hierarchy.tree.ordered()
    ]
