"""Reading the monitoring: indicators, periods, figures and time series.

``public=True`` means the figures leave the staff area: only published
indicators and indices, and disclosure control applied (``disclosure``).
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet
from django.http import Http404

from kette.core.models import Municipality

from .disclosure import protect
from .figures import (
    OBSERVATION_FIELDS,
    FigureSet,
    Hierarchy,
    aggregate,
    figure_set,
)
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


def figures(
    *,
    indicator: Indicator,
    period: str,
    public: bool,
    hierarchy: Hierarchy | None = None,
) -> FigureSet:
    """Every district's and the city's figure, protected when ``public``."""
    result = figure_set(indicator=indicator, period=period, hierarchy=hierarchy)
    if public:
        protect(result, threshold_of(indicator.municipality))
    return result


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
    periods = {indicator.pk: period for indicator, period in wanted}
    rows = Observation.objects.filter(
        indicator_id__in=periods, period__in=set(periods.values())
    ).values_list("indicator_id", "period", *OBSERVATION_FIELDS, named=True)
    grouped: dict[int, list] = defaultdict(list)
    for row in rows:
        if periods[row.indicator_id] == row.period:
            grouped[row.indicator_id].append(row)
    threshold = threshold_of(wanted[0][0].municipality) if public else 0
    result = {}
    for indicator, period in wanted:
        found = aggregate(
            indicator=indicator,
            period=period,
            hierarchy=hierarchy,
            observations=grouped[indicator.pk],
        )
        result[indicator.pk] = protect(found, threshold) if public else found
    return result


def figure_history(
    *, indicator: Indicator, public: bool, hierarchy: Hierarchy | None = None
) -> dict[str, FigureSet]:
    """The FigureSet of every period of the indicator (one query), oldest first."""
    hierarchy = hierarchy or Hierarchy.of(indicator.municipality)
    by_period: dict[str, list[Observation]] = defaultdict(list)
    rows = Observation.objects.filter(indicator=indicator).values_list(
        "period", *OBSERVATION_FIELDS, named=True
    )
    for observation in rows:
        by_period[observation.period].append(observation)
    threshold = threshold_of(indicator.municipality) if public else 0
    history = {}
    for period in sorted(by_period, key=period_start):
        result = aggregate(
            indicator=indicator,
            period=period,
            hierarchy=hierarchy,
            observations=by_period[period],
        )
        history[period] = protect(result, threshold) if public else result
    return history


def all_periods(*, municipality: Municipality, public: bool) -> list[str]:
    observations = Observation.objects.for_municipality(municipality)
    if public:
        observations = observations.filter(indicator__is_published=True)
    rows = observations.values_list("period", "period_start").distinct()
    return [p for p, _s in sorted(set(rows), key=lambda r: r[1])]
