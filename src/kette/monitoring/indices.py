"""Computing a saved index for a municipality's districts from its observations.

The engine (``engine.compute``) works on a districts × indicators matrix;
this module builds that matrix from the database (values aggregated up the
hierarchy, see ``figures``), runs the engine and labels the result.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kette.core.models import District, DistrictPopulation

from . import selectors
from .engine import Definition, DefinitionError, compute, parse
from .figures import Hierarchy
from .models import (
    IndexDefinition,
    IndexVersion,
    Indicator,
    Observation,
    Periodicity,
    period_start,
)


class IndexDataError(ValueError):
    """The index cannot be computed with the data there is."""


@dataclass
class Gap:
    """A sub-index with fewer indicators with values in a period than the
    definition's coverage rule asks for."""

    key: str
    name: str
    present: int  # indicators with values
    needed: int  # indicators with values the rule asks for
    total: int
    missing: list[str]  # the names of the indicators without values

    def __str__(self) -> str:
        return _(
            "%(subindex)s: %(present)d of %(total)d indicators have values, "
            "%(needed)d are needed; missing: %(missing)s"
        ) % {
            "subindex": self.name,
            "present": self.present,
            "total": self.total,
            "needed": self.needed,
            "missing": ", ".join(self.missing),
        }


class IncompletePeriod(IndexDataError):
    """The period lacks values the coverage rule asks for (``gaps`` says which)."""

    def __init__(self, period: str, gaps: list[Gap]) -> None:
        super().__init__(
            _("The period %(period)s is not complete. %(gaps)s.")
            % {"period": period, "gaps": "; ".join(str(gap) for gap in gaps)}
        )
        self.period = period
        self.gaps = gaps


@dataclass
class IndexRow:
    district: District
    values: list[float | None]  # raw indicator values, in definition order
    normalised: list[float | None]
    subindices: list[float | None]
    index: float | None
    rank: int | float  # 1 = first; 0 = no index; x.5 for average ties
    classes: dict[str, int]  # classification key → class number (−1: none)
    code: str


@dataclass
class IndexTable:
    definition: IndexDefinition
    version: IndexVersion
    engine: Definition
    period: str
    level: int
    indicators: list[Indicator]
    rows: list[IndexRow]
    periods: list[str]  # the period used of each indicator ("" = none)
    #: sub-indices short of the coverage rule (only when computed anyway)
    gaps: list[Gap] = field(default_factory=list)

    @property
    def subindex_names(self) -> list[str]:
        return _names(self.engine)

    def ranked_rows(self) -> list[IndexRow]:
        """The rows by rank, 1 (most need) first; districts without an index last."""
        return sorted(self.rows, key=lambda r: (r.rank == 0, r.rank, r.district.code))

    def class_label(self, key: str, number: int) -> str:
        rule = next(c for c in self.engine.classifications if c.key == key)
        return rule.labels[number] if number >= 0 else ""

    def class_colour(self, key: str, number: int) -> str:
        rule = next(c for c in self.engine.classifications if c.key == key)
        return rule.colours[number] if number >= 0 else ""


def _number(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def populations(districts: list[District], period_year: int) -> np.ndarray:
    """Residents per district in the latest year up to the period's (NaN: none)."""
    rows = (
        DistrictPopulation.objects.filter(district__in=districts, year__lte=period_year)
        .values("district_id", "year")
        .annotate(total=Sum("count"))
    )
    latest: dict[int, tuple[int, float]] = {}
    for row in rows:
        known = latest.get(row["district_id"])
        if known is None or row["year"] > known[0]:
            latest[row["district_id"]] = (row["year"], float(row["total"]))
    return np.array([latest.get(d.pk, (0, np.nan))[1] for d in districts])


def indicator_periods(indicators: list[Indicator]) -> dict[int, list[tuple]]:
    """Per indicator its periods as (start, period), oldest first (one query)."""
    rows = (
        Observation.objects.filter(indicator__in=indicators)
        .values_list("indicator_id", "period_start", "period")
        .distinct()
    )
    found: dict[int, set[tuple]] = {i.pk: set() for i in indicators}
    for indicator_id, start, period in rows:
        found[indicator_id].add((start, period))
    return {pk: sorted(periods) for pk, periods in found.items()}


def resolve_period(indicator: Indicator, periods: list[tuple], wanted: str) -> str:
    """Which of the indicator's periods stands for the index period ``wanted``.

    The period itself if the indicator has it; otherwise the newest one that
    begins in the same calendar year (a school year 2024/25 or a key date in
    2024 stand for 2024); for irregular surveys (noise maps, climate
    analyses) the newest one up to that year. "" if there is none.
    """
    if any(period == wanted for _start, period in periods):
        return wanted
    year = period_start(wanted).year
    if indicator.periodicity == Periodicity.IRREGULAR:
        earlier = [p for start, p in periods if start.year <= year]
    else:
        earlier = [p for start, p in periods if start.year == year]
    return earlier[-1] if earlier else ""


def _names(engine: Definition) -> list[str]:
    english = (get_language() or "de").startswith("en")
    return [
        (group.name.get("en") if english else None) or group.name.get("de") or group.key
        for group in engine.groups
    ]


def coverage_gaps(
    engine: Definition, names: dict[str, str], present: set[str]
) -> list[Gap]:
    """The sub-indices of ``engine`` short of its coverage rule when the
    indicators with the keys in ``present`` have values (``names``: indicator
    key → name)."""
    gaps = []
    for group, group_name in zip(engine.groups, _names(engine), strict=True):
        keys = [rule.key for rule in group.indicators]
        have = sum(1 for key in keys if key in present)
        # a small tolerance: 2/3 of 3 indicators is 2, not 2.0000000001
        needed = math.ceil(engine.coverage * len(keys) - 1e-9)
        if have < needed:
            gaps.append(
                Gap(
                    key=group.key,
                    name=group_name,
                    present=have,
                    needed=needed,
                    total=len(keys),
                    missing=[names.get(k, k) for k in keys if k not in present],
                )
            )
    return gaps


def period_coverage(
    definition: IndexDefinition, years: list[str] | None = None
) -> dict[str, list[Gap]]:
    """Every year of ``index_periods`` (or of ``years``) with the sub-indices
    short of the coverage rule in it (an empty list: the year is complete)."""
    version = definition.current_version()
    if version is None:
        return {}
    engine = parse(version.spec, strict=False)
    indicators = list(
        Indicator.objects.for_municipality(definition.municipality_id).filter(
            key__in=engine.indicator_keys
        )
    )
    names = {i.key: i.name for i in indicators}
    available = indicator_periods(indicators)
    if years is None:
        years = sorted(
            {str(start.year) for dates in available.values() for start, _p in dates}
        )
    return {
        year: coverage_gaps(
            engine,
            names,
            {i.key for i in indicators if resolve_period(i, available[i.pk], year)},
        )
        for year in years
    }


def complete_periods(definition: IndexDefinition) -> list[str]:
    """The years of ``index_periods`` in which the index is complete."""
    return [year for year, gaps in period_coverage(definition).items() if not gaps]


def incomplete_note(period: str, instead: str = "") -> str:
    """Why the index is not shown in public for ``period`` (and what is instead)."""
    values = {"period": period, "shown": instead}
    if instead:
        return (
            _(
                "The figures for %(period)s are not complete yet and are not "
                "published; shown instead: %(shown)s."
            )
            % values
        )
    return (
        _("The figures for %(period)s are not complete yet and are not published.")
        % values
    )


def index_periods(definition: IndexDefinition) -> list[str]:
    """The calendar years in which the index's indicators have observations."""
    version = definition.current_version()
    if version is None:
        return []
    keys = parse(version.spec, strict=False).indicator_keys
    starts = (
        Observation.objects.filter(
            indicator__municipality_id=definition.municipality_id,
            indicator__key__in=keys,
        )
        .values_list("period_start", flat=True)
        .distinct()
    )
    return sorted({str(start.year) for start in starts})


def _rank(value: float) -> int | float:
    """A whole rank as an int; an average rank of a tie (2.5) stays a float."""
    return int(value) if float(value).is_integer() else float(value)


def compute_table(
    *,
    definition: IndexDefinition,
    period: str,
    level: int | None = None,
    version: IndexVersion | None = None,
    hierarchy: Hierarchy | None = None,
    public: bool = False,
    allow_incomplete: bool = False,
) -> IndexTable:
    """The index, sub-indices, normalised indicators, ranks and classes of
    every district of ``level`` (default: the finest) in ``period``.

    ``public``: computed from the figures as they may leave the staff area
    (disclosure control applied, a withheld figure counts as missing and goes
    through the index's missing-value rule). An index computed from the full
    data would let anyone work a withheld small count back out of the other
    districts' published values and scores.

    A period short of the definition's coverage rule raises
    ``IncompletePeriod`` unless ``allow_incomplete`` (then ``gaps`` of the
    table says what is missing)."""
    version = version or definition.current_version()
    if version is None:
        raise IndexDataError(_("The index has no saved definition yet."))
    engine = parse(version.spec, strict=False)
    municipality = definition.municipality
    hierarchy = hierarchy or Hierarchy.of(municipality)
    if not hierarchy.districts:
        raise IndexDataError(_("The municipality has no districts."))
    level = hierarchy.levels[-1] if level is None else level
    districts = hierarchy.at_level(level)
    if not districts:
        raise IndexDataError(
            _("There are no districts on level %(level)d.") % {"level": level}
        )
    by_key = {
        i.key: i
        for i in Indicator.objects.for_municipality(municipality).filter(
            key__in=engine.indicator_keys
        )
    }
    missing = [key for key in engine.indicator_keys if key not in by_key]
    if missing:
        raise IndexDataError(
            _("Indicators of the index are not in the catalogue: %(keys)s")
            % {"keys": ", ".join(missing)}
        )
    indicators = [by_key[key] for key in engine.indicator_keys]
    matrix = np.full((len(districts), len(indicators)), np.nan)
    available = indicator_periods(indicators)
    used = [resolve_period(i, available[i.pk], period) for i in indicators]
    gaps = coverage_gaps(
        engine,
        {i.key: i.name for i in indicators},
        {i.key for i, own in zip(indicators, used, strict=True) if own},
    )
    if gaps and not allow_incomplete:
        raise IncompletePeriod(period, gaps)
    # one read, linked indicators withheld together, as on the pages
    found = selectors.figures_of_many(
        wanted=[(i, own) for i, own in zip(indicators, used, strict=True) if own],
        public=public,
        hierarchy=hierarchy,
    )
    for column, (indicator, own) in enumerate(zip(indicators, used, strict=True)):
        if not own:
            continue
        figures = found[indicator.pk]
        for row, district in enumerate(districts):
            value = figures.of(district.pk).shown
            if value is not None:
                matrix[row, column] = value
    weighted = any(
        rule.normalisation.weighted for g in engine.groups for rule in g.indicators
    )
    population = None
    if weighted:
        population = populations(districts, period_start(period).year)
    try:
        result = compute(engine, matrix, population)
    except DefinitionError as error:
        raise IndexDataError(
            _("The index cannot be computed: %(problem)s")
            % {"problem": ": ".join(filter(None, (error.path, error.text(_))))}
        ) from error
    rows = [
        IndexRow(
            district=district,
            values=[_number(v) for v in matrix[at]],
            normalised=[_number(v) for v in result.normalised[at]],
            subindices=[_number(v) for v in result.subindices[at]],
            index=_number(result.index[at]),
            rank=_rank(result.rank[at]),
            classes={key: int(numbers[at]) for key, numbers in result.classes.items()},
            code=result.codes[at],
        )
        for at, district in enumerate(districts)
    ]
    return IndexTable(
        definition=definition,
        version=version,
        engine=engine,
        period=period,
        level=level,
        indicators=indicators,
        rows=rows,
        periods=used,
        gaps=gaps,
    )
