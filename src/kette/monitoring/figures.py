"""An indicator's figures for every district of the hierarchy in one period.

Observations are stored where the data came in, usually the finest level.
A district without its own observation gets one from its children: for rates
the summed numerators over the summed denominators, for counts the sum;
never an average of rates. An aggregate needs every child: a district with a
missing or source-suppressed part has no value (a partial sum would pass for
the whole district). Values of kind "value" (means, scores) cannot be added
up and are only shown where they were delivered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from kette.core.districts import DistrictTree, district_tree
from kette.core.models import District, Municipality

from .models import Indicator, IndicatorKind, ObservationStatus

CITY = 0  # the key of the whole municipality in a FigureSet
#: What aggregation reads of an observation: plain rows are far cheaper than
#: model instances on pages that aggregate thousands of them.
OBSERVATION_FIELDS = ("district_id", "value", "numerator", "denominator", "status")
#: An Observation, or a ``values_list(*OBSERVATION_FIELDS, named=True)`` row.
ObservationLike = Any


@dataclass
class Figure:
    """One district's (or the city's) figure; ``suppressed`` set by disclosure."""

    key: int  # district pk, CITY for the whole municipality
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    status: str = ObservationStatus.MISSING
    aggregated: bool = False
    suppressed: str = ""  # "", "primary", "secondary" or "source"

    @property
    def shown(self) -> float | None:
        """The value as it may be shown (None where suppressed or missing)."""
        return None if self.suppressed else self.value

    @property
    def shown_numerator(self) -> float | None:
        """A withheld figure says nothing: nor its numerator, nor its denominator."""
        return None if self.suppressed else self.numerator

    @property
    def shown_denominator(self) -> float | None:
        return None if self.suppressed else self.denominator


@dataclass
class FigureSet:
    """All districts' figures of one indicator and period, plus the city."""

    indicator: Indicator
    period: str
    figures: dict[int, Figure]
    parents: dict[int, int]  # district pk → parent pk (CITY for top level)
    children: dict[int, list[int]] = field(default_factory=dict)

    def of(self, key: int) -> Figure:
        return self.figures[key]

    @property
    def city(self) -> Figure:
        return self.figures[CITY]


@dataclass(frozen=True)
class Hierarchy:
    """A municipality's districts, ready for aggregation (one query): parents
    and parts by primary key, with the city (``CITY``) above the top level;
    ``tree`` for the walks (core.districts)."""

    districts: dict[int, District]
    parents: dict[int, int]
    children: dict[int, list[int]]

    @classmethod
    def of(cls, municipality: Municipality) -> Hierarchy:
        tree = district_tree(municipality=municipality)
        children = {CITY: [d.pk for d in tree.children()]}
        parents = {}
        for pk in tree.districts:
            children[pk] = [d.pk for d in tree.children(pk)]
            parents.update(dict.fromkeys(children[pk], pk))
        parents.update(dict.fromkeys(children[CITY], CITY))
        return cls(districts=tree.districts, parents=parents, children=children)

    @cached_property
    def version(self) -> int:
        """Changes with the tree's shape: what aggregation depends on."""
        return hash(tuple(sorted((k, tuple(v)) for k, v in self.children.items())))

    @cached_property
    def tree(self) -> DistrictTree:
        return DistrictTree(self.districts.values())

    def at_level(self, level: int) -> list[District]:
        return [d for d in self.districts.values() if d.level == level]

    @property
    def levels(self) -> list[int]:
        return sorted({d.level for d in self.districts.values()})


def _from_observation(key: int, observation: ObservationLike) -> Figure:
    figure = Figure(
        key=key,
        value=observation.value,
        numerator=observation.numerator,
        denominator=observation.denominator,
        status=observation.status,
    )
    if observation.status == ObservationStatus.SUPPRESSED:
        figure.suppressed = "source"
        figure.value = None
    return figure


def _sum(parts: list[Figure], indicator: Indicator, key: int) -> Figure:
    """The figure of an area from the figures of all its parts."""
    missing = Figure(key=key, aggregated=True)
    if not parts or any(p.value is None and p.suppressed != "source" for p in parts):
        return missing
    if indicator.kind == IndicatorKind.RATE:
        if any(p.numerator is None or p.denominator is None for p in parts):
            return missing
        numerator = sum(p.numerator for p in parts)
        denominator = sum(p.denominator for p in parts)
        value = numerator / denominator * indicator.scale if denominator else None
    elif indicator.kind == IndicatorKind.COUNT:
        if any(p.suppressed == "source" for p in parts):
            return missing
        numerator = denominator = None
        value = sum(p.value for p in parts)
    else:
        return missing
    provisional = any(p.status == ObservationStatus.PROVISIONAL for p in parts)
    return Figure(
        key=key,
        value=value,
        numerator=numerator,
        denominator=denominator,
        status=ObservationStatus.PROVISIONAL
        if provisional
        else ObservationStatus.FINAL,
        aggregated=True,
    )


def aggregate(
    *,
    indicator: Indicator,
    period: str,
    hierarchy: Hierarchy,
    observations: Iterable[ObservationLike],
) -> FigureSet:
    """Every district's figure and the city's, bottom-up (see the module doc)."""
    own = {o.district_id: o for o in observations}
    figures: dict[int, Figure] = {}

    def figure_of(key: int) -> Figure:
        if key in figures:
            return figures[key]
        observation = own.get(key) if key != CITY else None
        if observation is not None:
            result = _from_observation(key, observation)
        else:
            parts = [figure_of(child) for child in hierarchy.children.get(key, [])]
            result = _sum(parts, indicator, key)
        figures[key] = result
        return result

    figure_of(CITY)
    for key in hierarchy.districts:
        figure_of(key)
    return FigureSet(
        indicator=indicator,
        period=period,
        figures=figures,
        parents=hierarchy.parents,
        children=hierarchy.children,
    )
