"""Reading the monitoring: indicators, periods, figures and time series.

``public=True`` means the figures leave the staff area: only published
indicators and indices, and disclosure control applied (``disclosure``).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet
from django.http import Http404

from kette.core.models import Municipality

from .disclosure import protect_linked
from .figures import OBSERVATION_FIELDS, FigureSet, Hierarchy, aggregate
from .models import (
    IndexDefinition,
    Indicator,
    MonitoringSettings,
    Observation,
    period_start,
)


def indicator_list(*, municipality: Municipality, public: bool) -> QuerySet[Indicator]:
    indicators = Indicator.objects.for_municipality(municipality).select_related(
        "age_band", "life_phase", "field_of_action"
    )
    return indicators.filter(is_published=True) if public else indicators


def indicator_get(*, municipality: Municipality, key: str, public: bool) -> Indicator:
    found = indicator_list(municipality=municipality, public=public).filter(key=key)
    indicator = found.first()
    if indicator is None:
        raise Http404("no such indicator")
    return indicator


def index_list(
    *, municipality: Municipality, public: bool
) -> QuerySet[IndexDefinition]:
    indices = IndexDefinition.objects.for_municipality(municipality).filter(
        versions__isnull=False
    )
    if public:
        indices = indices.filter(is_published=True)
    return indices.distinct()


def index_get(*, municipality: Municipality, key: str, public: bool) -> IndexDefinition:
    found = index_list(municipality=municipality, public=public).filter(key=key).first()
    if found is None:
        raise Http404("no such index")
    return found


def period_list(*, indicator: Indicator) -> list[str]:
    """The indicator's periods, oldest first."""
    rows = (
        Observation.objects.filter(indicator=indicator)
        .values_list("period", "period_start")
        .distinct()
    )
    return [period for period, _start in sorted(set(rows), key=lambda r: r[1])]


def threshold_of(municipality: Municipality) -> int:
    return MonitoringSettings.of(municipality).disclosure_threshold


Key = tuple[int, str]  # indicator pk, period


def _linked(indicators: list[Indicator]) -> list[Indicator]:
    """The other indicators counted from the same records as ``indicators``:
    their figures are withheld together (``disclosure.protect_linked``)."""
    sources = {i.record_source for i in indicators if i.record_source}
    if not sources:
        return []
    known = {i.pk for i in indicators}
    partners = Indicator.objects.filter(
        municipality_id=indicators[0].municipality_id, record_source__in=sources
    )
    return [i for i in partners if i.pk not in known]


def _load(
    indicators: list[Indicator], periods: set[str] | None, hierarchy: Hierarchy
) -> dict[Key, FigureSet]:
    """The FigureSets of ``indicators`` in ``periods`` (all if None) with
    observations, in one query."""
    rows = Observation.objects.filter(indicator_id__in=[i.pk for i in indicators])
    if periods is not None:
        rows = rows.filter(period__in=periods)
    grouped: dict[Key, list] = defaultdict(list)
    for row in rows.values_list(
        "indicator_id", "period", *OBSERVATION_FIELDS, named=True
    ):
        grouped[(row.indicator_id, row.period)].append(row)
    by_pk = {i.pk: i for i in indicators}
    return {
        (pk, period): aggregate(
            indicator=by_pk[pk], period=period, hierarchy=hierarchy, observations=found
        )
        for (pk, period), found in grouped.items()
    }


def _protect_all(sets: dict[Key, FigureSet], threshold: int) -> None:
    """Disclosure control on every period, linked indicators together."""
    groups: dict[tuple, list[FigureSet]] = defaultdict(list)
    for (pk, period), found in sets.items():
        groups[(found.indicator.record_source or pk, period)].append(found)
    for group in groups.values():
        protect_linked(group, threshold)


def _sets(
    indicators: list[Indicator],
    periods: set[str] | None,
    *,
    public: bool,
    hierarchy: Hierarchy,
) -> dict[Key, FigureSet]:
    """The FigureSets of ``indicators`` in ``periods`` (all if None) that have
    observations, protected when ``public`` (together with the linked
    indicators' figures, which are read for it)."""
    partners = _linked(indicators) if public else []
    found = _load([*indicators, *partners], periods, hierarchy)
    if public:
        _protect_all(found, threshold_of(indicators[0].municipality))
    return found


def _empty(indicator: Indicator, period: str, hierarchy: Hierarchy) -> FigureSet:
    return aggregate(
        indicator=indicator, period=period, hierarchy=hierarchy, observations=[]
    )


def figures(
    *,
    indicator: Indicator,
    period: str,
    public: bool,
    hierarchy: Hierarchy | None = None,
) -> FigureSet:
    """Every district's and the city's figure, protected when ``public``."""
    hierarchy = hierarchy or Hierarchy.of(indicator.municipality)
    found = _sets([indicator], {period}, public=public, hierarchy=hierarchy)
    return found.get((indicator.pk, period)) or _empty(indicator, period, hierarchy)


def figures_of_many(
    *,
    wanted: list[tuple[Indicator, str]],
    public: bool,
    hierarchy: Hierarchy,
) -> dict[int, FigureSet]:
    """``figures`` for several (indicator, period) pairs in one query, keyed by
    indicator pk (one period per indicator)."""
    if not wanted:
        return {}
    found = _sets(
        [indicator for indicator, _period in wanted],
        {period for _indicator, period in wanted},
        public=public,
        hierarchy=hierarchy,
    )
    return {
        indicator.pk: found.get((indicator.pk, period))
        or _empty(indicator, period, hierarchy)
        for indicator, period in wanted
    }


def figure_history(
    *, indicator: Indicator, public: bool, hierarchy: Hierarchy | None = None
) -> dict[str, FigureSet]:
    """The FigureSet of every period of the indicator (one query), oldest first."""
    hierarchy = hierarchy or Hierarchy.of(indicator.municipality)
    found = _sets([indicator], None, public=public, hierarchy=hierarchy)
    periods = [period for pk, period in found if pk == indicator.pk]
    return {
        period: found[(indicator.pk, period)]
        for period in sorted(periods, key=period_start)
    }


def all_periods(*, municipality: Municipality, public: bool) -> list[str]:
    observations = Observation.objects.for_municipality(municipality)
    if public:
        observations = observations.filter(indicator__is_published=True)
    rows = observations.values_list("period", "period_start").distinct()
    return [p for p, _s in sorted(set(rows), key=lambda r: r[1])]
