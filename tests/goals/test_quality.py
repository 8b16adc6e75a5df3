"""Quality-cycle self-assessments: copy from the latest, completion, the
station means and the change table, the prevention-standards summary, the
state's overview, and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from kette.core.models import (
    AuditEntry,
    Membership,
    PreventionStandard,
    QualityStation,
    Role,
    StationStandard,
)
from kette.goals.models import AssessmentState, StandardRating
from kette.goals.selectors import quality as selectors
from kette.goals.services import quality as services
from kette.offers.models import OfferStatus
from tests.core.factories import user_with_role
from tests.offers.factories import OfferFactory

from .factories import make_goal, make_measure, status

pytestmark = pytest.mark.django_db


def start(municipality, actor=None, *, on=dt.date(2024, 3, 1), copy=False, **data):
    return services.assessment_create(
        actor=actor,
        municipality=municipality,
        data={"title": f"Selbstbewertung {on.year}", "date": on, **data},
        copy_latest=copy,
    )


def rate(assessment, ratings: dict[str, int | None], actor=None, **extra):
    """``ratings`` by standard code (s1-1 …), written through the service."""
    standards = {s.code: s.pk for s in StationStandard.objects.all()}
    return services.ratings_save(
        actor=actor,
        assessment=assessment,
        entries={
            standards[code]: {"rating": value, **extra}
            for code, value in ratings.items()
        },
    )


def rate_all(assessment, value: int, actor=None, **overrides: int):
    ratings = {s.code: value for s in StationStandard.objects.all()}
    ratings.update({code.replace("_", "-"): v for code, v in overrides.items()})
    rate(assessment, ratings, actor)


def completed(municipality, on, value, **overrides):
    assessment = start(municipality, on=on)
    rate_all(assessment, value, **overrides)
    return services.assessment_complete(actor=None, assessment=assessment, on=on)


def test_the_shipped_vocabulary_has_the_six_stations_and_their_eighteen_standards(db):
    counts = [station.standards.count() for station in QualityStation.objects.all()]
    assert counts == [4, 3, 2, 3, 2, 4]
    assert PreventionStandard.objects.count() == 7


def test_a_new_assessment_has_one_unrated_row_per_standard(municipality, coordinator):
    assessment = start(municipality, coordinator, participants="Steuerungsgruppe")
    assert assessment.state == AssessmentState.DRAFT
    assert assessment.ratings.count() == 18
    assert not assessment.ratings.filter(rating__isnull=False).exists()


def test_a_new_assessment_can_start_as_a_copy_of_the_latest_completed_one(
    municipality, coordinator
):
    first = start(municipality, on=dt.date(2023, 3, 1))
    rate_all(first, 2)
    rate(
        first,
        {"s1-1": 3},
        evidence="Ratsbeschluss 2022",
        next_steps="Leitbild fortschreiben",
        responsible_person=coordinator,
        due=dt.date(2024, 6, 30),
    )
    services.assessment_complete(actor=None, assessment=first)
    start(municipality, on=dt.date(2023, 9, 1))  # a draft is no source
    rate_all(selectors.assessment_list(municipality=municipality)[0], 0)

    copy = start(municipality, on=dt.date(2024, 3, 1), copy=True)

    assert copy.based_on == first
    row = copy.ratings.get(standard__code="s1-1")
    assert (row.rating, row.evidence, row.next_steps) == (
        3,
        "Ratsbeschluss 2022",
        "Leitbild fortschreiben",
    )
    assert (row.responsible_person, row.due) == (coordinator, dt.date(2024, 6, 30))
    assert copy.ratings.get(standard__code="s6-4").rating == 2
    assert copy.state == AssessmentState.DRAFT


def test_without_copy_the_new_assessment_starts_empty(municipality):
    completed(municipality, dt.date(2023, 3, 1), 2)
    fresh = start(municipality, on=dt.date(2024, 3, 1))
    assert fresh.based_on is None
    assert not fresh.ratings.filter(rating__isnull=False).exists()


def test_completing_needs_every_standard_rated(municipality):
    assessment = start(municipality)
    rate(assessment, {"s1-1": 2, "s1-2": 3})
    with pytest.raises(
        ValidationError, match="16 Standards haben noch keine Bewertung"
    ):
        services.assessment_complete(actor=None, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.DRAFT


def test_a_completed_assessment_is_read_only(municipality):
    assessment = completed(municipality, dt.date(2024, 3, 1), 2)
    assert assessment.completed_on == dt.date(2024, 3, 1)
    with pytest.raises(ValidationError, match="kann nicht mehr geändert werden"):
        rate(assessment, {"s1-1": 4})
    with pytest.raises(ValidationError, match="kann nicht mehr geändert werden"):
        services.assessment_update(
            actor=None, assessment=assessment, data={"title": "Anders"}
        )
    with pytest.raises(ValidationError, match="kann nicht mehr geändert werden"):
        services.assessment_delete(actor=None, assessment=assessment)
    assert assessment.ratings.get(standard__code="s1-1").rating == 2


def test_a_rating_outside_the_scale_is_refused(municipality):
    assessment = start(municipality)
    with pytest.raises(ValidationError):
        rate(assessment, {"s1-1": 5})
    assert assessment.ratings.get(standard__code="s1-1").rating is None


def test_the_responsible_person_must_have_a_role_in_the_municipality(
    municipality, other_municipality
):
    stranger = user_with_role(other_municipality, Role.COORDINATOR)
    assessment = start(municipality)
    with pytest.raises(ValidationError, match="hat keine Rolle in dieser Kommune"):
        rate(assessment, {"s1-1": 1}, responsible_person=stranger)


def test_a_responsible_person_taken_over_may_stay_after_losing_their_role(
    municipality,
):
    person = user_with_role(municipality, Role.PLANNER)
    first = start(municipality, on=dt.date(2023, 3, 1))
    rate_all(first, 2)
    rate(first, {"s1-1": 2}, responsible_person=person)
    services.assessment_complete(actor=None, assessment=first)
    Membership.objects.filter(user=person).delete()
    copy = start(municipality, copy=True)
    rate(copy, {"s1-1": 3}, responsible_person=person)
    row = copy.ratings.get(standard__code="s1-1")
    assert (row.rating, row.responsible_person) == (3, person)


def test_station_means_and_the_change_table_compare_with_the_previous_one(
    municipality,
):
    # Station 1 (4 standards): 1, 1, 2, 2 -> 1.5; later 3, 1, 2, 4 -> 2.5.
    completed(municipality, dt.date(2023, 3, 1), 2, s1_1=1, s1_2=1, s6_1=4)
    later = start(municipality, on=dt.date(2024, 3, 1))
    rate_all(later, 2, s1_1=3, s1_4=4, s6_1=0)
    rate(later, {"s3-2": None})  # station 3: one of two standards not rated

    result = selectors.quality_result(later)

    means = {
        mean.station.number: (mean.current, mean.previous) for mean in result.means
    }
    assert means[1] == (2.75, 1.5)
    assert means[3] == (2.0, 2.0)
    assert means[6] == (1.5, 2.5)
    changes = {
        change.standard.code: change
        for block in result.stations
        for change in block.changes
    }
    assert (changes["s1-1"].previous, changes["s1-1"].current.rating) == (1, 3)
    assert changes["s1-1"].direction == "up"
    assert changes["s6-1"].direction == "down"
    assert changes["s2-1"].direction == "same"
    assert changes["s3-2"].direction == "open"
    assert changes["s1-1"].previous_label == "1 – geplant"
    assert result.previous.date == dt.date(2023, 3, 1)


def test_the_first_assessment_has_no_previous_one(municipality):
    first = completed(municipality, dt.date(2023, 3, 1), 3)
    result = selectors.quality_result(first)
    assert result.previous is None
    assert {mean.current for mean in result.means} == {3.0}
    assert {mean.previous for mean in result.means} == {None}
    assert {
        change.direction for block in result.stations for change in block.changes
    } == {"new"}


def test_the_summary_counts_measures_by_status_and_published_offers(
    municipality, other_municipality
):
    participation, outreach = (
        PreventionStandard.objects.order_by("position")[0],
        PreventionStandard.objects.order_by("position")[2],
    )
    goal = make_goal(municipality)
    make_measure(goal, "A", prevention_standards=[participation, outreach])
    make_measure(
        goal,
        "B",
        prevention_standards=[participation],
        status=status("fully-implemented"),
    )
    make_measure(goal, "C")
    OfferFactory(municipality=municipality).prevention_standards.set([participation])
    OfferFactory(
        municipality=municipality, status=OfferStatus.DRAFT
    ).prevention_standards.set([participation])
    elsewhere = make_goal(other_municipality)
    make_measure(elsewhere, "D", prevention_standards=[participation])
    OfferFactory(municipality=other_municipality).prevention_standards.set(
        [participation]
    )

    summary = selectors.prevention_standard_summary(municipality=municipality)

    codes = [s.code for s in summary.statuses]
    rows = {row.standard.pk: row for row in summary.rows}
    assert len(summary.rows) == 7
    by_status = dict(zip(codes, rows[participation.pk].measures_by_status, strict=True))
    assert by_status["not-implemented"] == 1
    assert by_status["fully-implemented"] == 1
    assert by_status["partly-implemented"] == 0
    assert (rows[participation.pk].measures, rows[participation.pk].offers) == (2, 1)
    assert (rows[outreach.pk].measures, rows[outreach.pk].offers) == (1, 0)


def test_the_state_overview_takes_each_municipalitys_latest_completed_one(
    municipality, other_municipality
):
    completed(municipality, dt.date(2023, 3, 1), 1)
    completed(municipality, dt.date(2024, 3, 1), 3, s1_1=1)  # station 1: 2.5
    draft = start(municipality, on=dt.date(2025, 3, 1))
    rate_all(draft, 0)
    completed(other_municipality, dt.date(2024, 5, 1), 2)

    overview = selectors.state_quality()

    assert overview.assessed == 2
    assert [row.name for row in overview.municipalities] == [
        "Musterstadt",
        "Nachbarstadt",
    ]
    assert overview.municipalities[0].means[:2] == [2.5, 3.0]
    assert overview.means[0] == pytest.approx(2.25)
    assert overview.means[1] == pytest.approx(2.5)


def test_every_write_is_in_the_audit_trail(municipality, coordinator):
    assessment = start(municipality, coordinator)
    rate(assessment, {"s1-1": 2, "s1-2": 3}, coordinator)
    rate(assessment, {"s1-1": 2}, coordinator)  # unchanged: no entry
    services.assessment_update(
        actor=coordinator, assessment=assessment, data={"title": "Neu"}
    )
    entries = AuditEntry.objects.filter(actor=coordinator)
    assert entries.filter(object_type="kette_goals.QualityAssessment").count() == 2
    rated = entries.filter(object_type="kette_goals.StandardRating", action="update")
    assert rated.count() == 2
    assert (
        entries.filter(
            object_type="kette_goals.StandardRating", action="create"
        ).count()
        == StandardRating.objects.filter(assessment=assessment).count()
    )
    services.assessment_delete(actor=coordinator, assessment=assessment)
    assert entries.filter(action="delete").count() == 1
