"""Reads of the quality cycle: self-assessments, their result against the
previous one, the prevention-standards summary and the state's overview.

A station's mean is the mean rating of its rated standards (a standard
without a rating does not count). The state's mean per station is the mean
of the municipalities' means, from each municipality's latest completed
assessment: every municipality weighs the same.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from statistics import fmean

from django.db.models import Count, Q, QuerySet

from kette.core.models import (
    MeasureStatus,
    Municipality,
    PreventionStandard,
    QualityStation,
    StationStandard,
)
from kette.offers.models import Offer, OfferStatus

from ..models import (
    AssessmentState,
    Measure,
    QualityAssessment,
    Rating,
    StandardRating,
)


def stations() -> list[QualityStation]:
    """The active stations with their active standards (``station.active``)."""
    result = list(QualityStation.objects.filter(is_active=True).order_by("number"))
    standards = defaultdict(list)
    for standard in StationStandard.objects.filter(is_active=True).order_by(
        "station__number", "position"
    ):
        standards[standard.station_id].append(standard)
    for station in result:
        station.active = standards[station.pk]
    return result


def assessment_list(*, municipality: Municipality) -> QuerySet[QualityAssessment]:
    """Newest first, with ``rated`` and ``standard_count``."""
    return (
        QualityAssessment.objects.for_municipality(municipality)
        .annotate(
            rated=Count("ratings", filter=Q(ratings__rating__isnull=False)),
            standard_count=Count("ratings"),
        )
        .order_by("-date", "-id")
    )


def assessment_get(*, municipality: Municipality, pk: int) -> QualityAssessment:
    return QualityAssessment.objects.for_municipality(municipality).get(pk=pk)


def latest_completed(
    *, municipality: Municipality, before: QualityAssessment | None = None
) -> QualityAssessment | None:
    """The latest completed assessment (dated before ``before``, if given)."""
    found = QualityAssessment.objects.for_municipality(municipality).filter(
        state=AssessmentState.COMPLETED
    )
    if before is not None:
        found = found.filter(
            Q(date__lt=before.date) | Q(date=before.date, pk__lt=before.pk)
        )
    return found.order_by("-date", "-id").first()


def assessment_ratings(assessment: QualityAssessment) -> list[StandardRating]:
    return list(
        assessment.ratings.select_related("standard", "responsible_person").order_by(
            "standard__station__number", "standard__position"
        )
    )


def station_ratings(
    assessment: QualityAssessment, station: QualityStation
) -> list[StandardRating]:
    return [
        rating
        for rating in assessment_ratings(assessment)
        if rating.standard.station_id == station.pk
    ]


def station_means(ratings: list[StandardRating]) -> dict[int, float | None]:
    """Mean rating per station id over its rated standards."""
    values: dict[int, list[int]] = defaultdict(list)
    for rating in ratings:
        if rating.rating is not None:
            values[rating.standard.station_id].append(rating.rating)
    return {station: fmean(found) for station, found in values.items()}


@dataclass(frozen=True)
class StationMean:
    station: QualityStation
    current: float | None
    previous: float | None


@dataclass(frozen=True)
class Change:
    """One standard: the previous rating, the current one and its notes."""

    standard: StationStandard
    previous: int | None
    current: StandardRating

    @property
    def previous_label(self) -> str:
        return "" if self.previous is None else Rating(self.previous).label

    @property
    def direction(self) -> str:
        """``up``, ``down``, ``same``, ``new`` (no previous) or ``open``."""
        now = self.current.rating
        if now is None:
            return "open"
        if self.previous is None:
            return "new"
        if now == self.previous:
            return "same"
        return "up" if now > self.previous else "down"


@dataclass(frozen=True)
class StationChanges:
    station: QualityStation
    changes: list[Change]


@dataclass(frozen=True)
class QualityResult:
    assessment: QualityAssessment
    previous: QualityAssessment | None
    means: list[StationMean]
    stations: list[StationChanges]


def quality_result(assessment: QualityAssessment) -> QualityResult:
    """``assessment`` against the latest completed one before it."""
    previous = latest_completed(municipality=assessment.municipality, before=assessment)
    current_ratings = assessment_ratings(assessment)
    previous_ratings = assessment_ratings(previous) if previous else []
    current_means = station_means(current_ratings)
    previous_means = station_means(previous_ratings)
    before = {rating.standard_id: rating.rating for rating in previous_ratings}
    by_station: dict[int, list[Change]] = defaultdict(list)
    for rating in current_ratings:
        by_station[rating.standard.station_id].append(
            Change(rating.standard, before.get(rating.standard_id), rating)
        )
    all_stations = stations()
    return QualityResult(
        assessment=assessment,
        previous=previous,
        means=[
            StationMean(
                station,
                current_means.get(station.pk),
                previous_means.get(station.pk) if previous else None,
            )
            for station in all_stations
        ],
        stations=[
            StationChanges(station, by_station[station.pk])
            for station in all_stations
            if by_station[station.pk]
        ],
    )


# The prevention standards of measures and offers -------------------------


@dataclass(frozen=True)
class StandardUse:
    standard: PreventionStandard
    measures_by_status: list[int]  # in the order of ``StandardSummary.statuses``
    measures: int
    offers: int


@dataclass(frozen=True)
class StandardSummary:
    statuses: list[MeasureStatus]
    rows: list[StandardUse]


def prevention_standard_summary(*, municipality: Municipality) -> StandardSummary:
    """Per prevention standard: the measures tagged with it by status, and
    the published offers tagged with it."""
    statuses = list(MeasureStatus.objects.order_by("position", "code"))
    counts: dict[tuple[int, int], int] = {}
    for row in (
        Measure.objects.for_municipality(municipality)
        .filter(prevention_standards__isnull=False)
        .values("prevention_standards", "status")
        .annotate(count=Count("id"))
    ):
        counts[(row["prevention_standards"], row["status"])] = row["count"]
    offers = dict(
        Offer.objects.for_municipality(municipality)
        .filter(status=OfferStatus.PUBLISHED, prevention_standards__isnull=False)
        .values_list("prevention_standards")
        .annotate(count=Count("id"))
    )
    rows = []
    for standard in PreventionStandard.objects.order_by("position", "code"):
        by_status = [counts.get((standard.pk, status.pk), 0) for status in statuses]
        rows.append(
            StandardUse(standard, by_status, sum(by_status), offers.get(standard.pk, 0))
        )
    return StandardSummary(statuses, rows)


def prevention_standard_find(code: str) -> PreventionStandard | None:
    return PreventionStandard.objects.filter(code=code).first()


def standard_measures(
    *, municipality: Municipality, standard: PreventionStandard
) -> QuerySet[Measure]:
    return (
        Measure.objects.for_municipality(municipality)
        .filter(prevention_standards=standard)
        .select_related("goal", "status")
        .order_by("goal__number", "goal_id", "number")
    )


def standard_offers(
    *, municipality: Municipality, standard: PreventionStandard
) -> QuerySet[Offer]:
    return (
        Offer.objects.for_municipality(municipality)
        .filter(status=OfferStatus.PUBLISHED, prevention_standards=standard)
        .order_by("title")
    )


# The state's overview ---------------------------------------------------


@dataclass(frozen=True)
class MunicipalityQuality:
    name: str
    slug: str
    assessment: QualityAssessment
    means: list[float | None]  # in the order of ``StateQuality.stations``


@dataclass(frozen=True)
class StateQuality:
    stations: list[QualityStation]
    means: list[float | None]
    assessed: int
    municipalities: list[MunicipalityQuality]

    @property
    def station_means(self) -> list[tuple[QualityStation, float | None]]:
        return list(zip(self.stations, self.means, strict=True))


def state_quality() -> StateQuality:
    """The latest completed assessment of every municipality, and the mean of
    their station means."""
    latest: dict[int, QualityAssessment] = {}
    for assessment in (
        QualityAssessment.objects.filter(state=AssessmentState.COMPLETED)
        .select_related("municipality")
        .order_by("municipality_id", "-date", "-id")
    ):
        latest.setdefault(assessment.municipality_id, assessment)
    per_assessment: dict[int, dict[int, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for assessment_id, station_id, rating in StandardRating.objects.filter(
        assessment_id__in=[a.pk for a in latest.values()], rating__isnull=False
    ).values_list("assessment_id", "standard__station_id", "rating"):
        per_assessment[assessment_id][station_id].append(rating)
    all_stations = stations()
    rows = []
    for assessment in sorted(latest.values(), key=lambda a: a.municipality.name):
        found = per_assessment[assessment.pk]
        rows.append(
            MunicipalityQuality(
                name=assessment.municipality.name,
                slug=assessment.municipality.slug,
                assessment=assessment,
                means=[
                    fmean(found[station.pk]) if found[station.pk] else None
                    for station in all_stations
                ],
            )
        )
    means = []
    for index in range(len(all_stations)):
        values = [row.means[index] for row in rows if row.means[index] is not None]
        means.append(fmean(values) if values else None)
    return StateQuality(all_stations, means, len(rows), rows)
