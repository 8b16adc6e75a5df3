"""Reading the monitoring: indicators, periods, figures and time series.

``public=True`` means the figures leave the staff area: only published
indicators and indices, and disclosure control applied (``disclosure``).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from django.core.cache import caches
from django.db.models import Count, Max, QuerySet
from django.http import Http404

from kette.core.models import Municipality

from .disclosure import protect_linked
from .figures import OBSERVATION_FIELDS, Figure, FigureSet, Hierarchy, aggregate
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


#: A group of figure sets computed together: linked indicators (one record
#: source, or the indicator alone) in one period.
Group = tuple[object, str]
#: A Figure as the cache keeps it (its fields in order: see ``_packed``).
Packed = tuple
#: The per-process cache of computed figures (``_sets``)
CACHE = "default"


def _stamps(indicators: list[Indicator], periods: set[str] | None) -> dict[Key, tuple]:
    """Per (indicator, period) with observations: how many there are and when
    the last of them was written. An import stamps every row it writes, so a
    change to the observations changes this (a deletion changes the count)."""
    rows = Observation.objects.filter(indicator_id__in=[i.pk for i in indicators])
    if periods is not None:
        rows = rows.filter(period__in=periods)
    rows = (
        rows.order_by()
        .values_list("indicator_id", "period")
        .annotate(count=Count("pk"), changed=Max("updated_at"))
    )
    return {(pk, period): (count, changed) for pk, period, count, changed in rows}


def _packed(found: FigureSet) -> tuple[Packed, ...]:
    return tuple(
        (
            f.key,
            f.value,
            f.numerator,
            f.denominator,
            f.status,
            f.aggregated,
            f.suppressed,
        )
        for f in found.figures.values()
    )


def _unpacked(
    packed: tuple[Packed, ...], indicator: Indicator, period: str, hierarchy: Hierarchy
) -> FigureSet:
    """A FigureSet from the cache, with this request's indicator and districts
    (equal in everything the figures depend on: they are in the cache key)."""
    figures = {row[0]: Figure(*row) for row in packed}
    return FigureSet(
        indicator=indicator,
        period=period,
        figures=figures,
        parents=hierarchy.parents,
        children=hierarchy.children,
    )


def _cache_key(
    members: list[Indicator],
    period: str,
    stamps: dict[Key, tuple],
    *,
    public: bool,
    threshold: int,
    hierarchy: Hierarchy,
) -> str:
    """Everything a group's figures depend on: the observations (their
    stamps), what of the indicators aggregation and disclosure control read,
    the district tree, and in public the threshold."""
    parts = (
        members[0].municipality_id,
        period,
        public,
        threshold,
        hierarchy.version,
        tuple(
            (i.pk, i.kind, i.scale, i.minimum_count, i.record_source)
            + stamps[(i.pk, period)]
            for i in members
        ),
    )
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"kette:monitoring:figures:{digest}"


def _sets(
    indicators: list[Indicator],
    periods: set[str] | None,
    *,
    public: bool,
    hierarchy: Hierarchy,
) -> dict[Key, FigureSet]:
    """The FigureSets of ``indicators`` in ``periods`` (all if None) that have
    observations, protected when ``public`` (together with the linked
    indicators' figures, which are read for it).

    Aggregation and disclosure control are the costly part of a page, and the
    same for every visitor until the data change: each group of linked
    indicators in a period is computed once and kept in the cache, under a
    key of everything it is computed from (``_cache_key``), so that an import
    is visible at once; nothing is kept by time."""
    partners = _linked(indicators) if public else []
    by_pk = {i.pk: i for i in [*indicators, *partners]}
    stamps = _stamps(list(by_pk.values()), periods)
    threshold = threshold_of(indicators[0].municipality) if public else 0
    groups: dict[Group, list[Indicator]] = defaultdict(list)
    for pk, period in sorted(stamps):
        indicator = by_pk[pk]
        linked = indicator.record_source if public and indicator.record_source else pk
        groups[(linked, period)].append(indicator)
    keys = {
        group: _cache_key(
            members,
            group[1],
            stamps,
            public=public,
            threshold=threshold,
            hierarchy=hierarchy,
        )
        for group, members in groups.items()
    }
    store = caches[CACHE]
    kept = store.get_many(list(keys.values()))
    found: dict[Key, FigureSet] = {}
    for group, key in keys.items():
        if key in kept:
            for indicator, packed in zip(groups[group], kept[key], strict=True):
                found[(indicator.pk, group[1])] = _unpacked(
                    packed, indicator, group[1], hierarchy
                )
    missing = [group for group, key in keys.items() if key not in kept]
    if missing:
        members = {i.pk: i for group in missing for i in groups[group]}
        loaded = _load(
            list(members.values()), {period for _l, period in missing}, hierarchy
        )
        fresh = {}
        for group in missing:
            wanted = [(i.pk, group[1]) for i in groups[group]]
            sets = [loaded[key] for key in wanted if key in loaded]
            if not sets:
                continue
            if public:
                protect_linked(sets, threshold)
            found.update(((s.indicator.pk, s.period), s) for s in sets)
            if len(sets) == len(wanted):  # else deleted since the stamps: not kept
                fresh[keys[group]] = tuple(_packed(s) for s in sets)
        store.set_many(fresh, timeout=None)
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
