"""The quality-cycle pages: list, start (with copy), station form, result
with radar and change table, completion, the prevention-standards summary,
the state's overview; who may do what, and another municipality sees nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kette.core.models import PreventionStandard, Role, StationStandard
from kette.goals.models import AssessmentState, QualityAssessment
from kette.goals.services import quality as services
from tests.conftest import login
from tests.core.factories import UserFactory, user_with_role

from .factories import make_goal, make_measure

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"goals:{name}", args=args)


def assessment_of(municipality, on=dt.date(2024, 3, 1), value=None, complete=False):
    assessment = services.assessment_create(
        actor=None,
        municipality=municipality,
        data={"title": f"Selbstbewertung {on.year}", "date": on},
    )
    if value is not None:
        services.ratings_save(
            actor=None,
            assessment=assessment,
            entries={s.pk: {"rating": value} for s in StationStandard.objects.all()},
        )
    if complete:
        services.assessment_complete(actor=None, assessment=assessment, on=on)
    return assessment


def station_post(assessment, number, **by_code):
    data = {}
    for rating in assessment.ratings.filter(standard__station__number=number):
        prefix = f"s{rating.standard_id}-"
        data[prefix + "rating"] = by_code.get(rating.standard.code, "")
        data[prefix + "evidence"] = f"Beleg {rating.standard.code}"
        data[prefix + "next_steps"] = ""
        data[prefix + "responsible_person"] = ""
        data[prefix + "due"] = ""
    return data


def test_a_coordinator_starts_rates_and_completes_an_assessment(
    client, municipality, coordinator
):
    login(client, coordinator)
    response = client.post(
        url("quality_create", municipality.slug),
        {"title": "Selbstbewertung 2024", "date": "2024-03-01", "participants": "AG"},
    )
    assessment = QualityAssessment.objects.get(municipality=municipality)
    assert response.status_code == 302
    assert response["Location"] == url(
        "quality_station", municipality.slug, assessment.pk, 1
    )
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Prävention ist „Chef-/Chefinnensache“" in page.content.decode()

    response = client.post(
        url("quality_station", municipality.slug, assessment.pk, 1),
        {**station_post(assessment, 1, **{"s1-1": 3, "s1-2": 2}), "next": "1"},
    )
    assert response["Location"] == url(
        "quality_station", municipality.slug, assessment.pk, 2
    )
    row = assessment.ratings.get(standard__code="s1-1")
    assert (row.rating, row.evidence) == (3, "Beleg s1-1")

    response = client.post(url("quality_complete", municipality.slug, assessment.pk))
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.DRAFT  # 16 standards unrated
    for number in range(1, 7):
        client.post(
            url("quality_station", municipality.slug, assessment.pk, number),
            station_post(
                assessment,
                number,
                **{
                    s.code: 2
                    for s in StationStandard.objects.filter(station__number=number)
                },
            ),
        )
    client.post(url("quality_complete", municipality.slug, assessment.pk))
    assessment.refresh_from_db()
    assert assessment.state == AssessmentState.COMPLETED


def test_a_rating_outside_the_scale_is_shown_at_the_standard(
    client, municipality, coordinator
):
    assessment = assessment_of(municipality)
    login(client, coordinator)
    response = client.post(
        url("quality_station", municipality.slug, assessment.pk, 1),
        station_post(assessment, 1, **{"s1-1": 7}),
    )
    assert response.status_code == 200
    assert "Prävention ist „Chef-/Chefinnensache“, Bewertung" in (
        response.content.decode()
    )
    assert assessment.ratings.get(standard__code="s1-1").rating is None


def test_the_form_offers_the_copy_of_the_latest_completed_assessment(
    client, municipality, coordinator
):
    first = assessment_of(municipality, dt.date(2023, 3, 1), 2, complete=True)
    login(client, coordinator)
    assert (
        "copy_latest"
        in client.get(url("quality_create", municipality.slug)).content.decode()
    )
    client.post(
        url("quality_create", municipality.slug),
        {"title": "Runde 2", "date": "2024-03-01", "copy_latest": "on"},
    )
    copy = QualityAssessment.objects.get(title="Runde 2")
    assert copy.based_on == first
    assert set(copy.ratings.values_list("rating", flat=True)) == {2}


def test_a_completed_assessment_has_no_forms_and_refuses_changes(
    client, municipality, coordinator
):
    assessment = assessment_of(municipality, value=1, complete=True)
    login(client, coordinator)
    result = client.get(url("quality_result", municipality.slug, assessment.pk))
    assert url("quality_station", municipality.slug, assessment.pk, 1) not in (
        result.content.decode()
    )
    for name in ("quality_update",):
        response = client.get(url(name, municipality.slug, assessment.pk))
        assert response["Location"] == url(
            "quality_result", municipality.slug, assessment.pk
        )
    response = client.post(
        url("quality_station", municipality.slug, assessment.pk, 1),
        station_post(assessment, 1, **{"s1-1": 4}),
    )
    assert response.status_code == 302
    assert assessment.ratings.get(standard__code="s1-1").rating == 1


def test_the_result_shows_the_radar_the_means_and_the_changes(
    client, municipality, coordinator
):
    assessment_of(municipality, dt.date(2023, 3, 1), 1, complete=True)
    later = assessment_of(municipality, dt.date(2024, 3, 1), 1)
    services.ratings_save(
        actor=None,
        assessment=later,
        entries={
            StationStandard.objects.get(code="s1-1").pk: {
                "rating": 4,
                "next_steps": "Ratsbeschluss vorbereiten",
            },
            StationStandard.objects.get(code="s2-1").pk: {"rating": 0},
        },
    )
    login(client, coordinator)
    page = client.get(url("quality_result", municipality.slug, later.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart--radar"' in html
    assert "<title id=" in html and "<desc id=" in html
    assert "1,8" in html  # station 1: (4 + 1 + 1 + 1) / 4 = 1.75
    assert "besser" in html and "schlechter" in html
    assert "Ratsbeschluss vorbereiten" in html


def test_members_read_but_do_not_assess(client, municipality):
    assessment = assessment_of(municipality, value=2, complete=True)
    planner = user_with_role(municipality, Role.PLANNER)
    login(client, planner)
    assert client.get(url("quality_list", municipality.slug)).status_code == 200
    assert (
        client.get(url("quality_result", municipality.slug, assessment.pk)).status_code
        == 200
    )
    assert client.get(url("prevention_standards", municipality.slug)).status_code == 200
    assert client.get(url("quality_create", municipality.slug)).status_code == 403
    draft = assessment_of(municipality, dt.date(2025, 1, 1))
    response = client.post(
        url("quality_station", municipality.slug, draft.pk, 1),
        station_post(draft, 1, **{"s1-1": 4}),
    )
    assert response.status_code == 403
    assert (
        client.post(url("quality_delete", municipality.slug, draft.pk)).status_code
        == 403
    )
    assert client.get(url("state_quality")).status_code == 403


def test_another_municipality_sees_nothing(client, municipality, other_municipality):
    assessment = assessment_of(municipality, value=2)
    stranger = user_with_role(other_municipality, Role.COORDINATOR)
    login(client, stranger)
    assert client.get(url("quality_list", municipality.slug)).status_code == 403
    for name in ("quality_result", "quality_update"):
        assert (
            client.get(url(name, other_municipality.slug, assessment.pk)).status_code
            == 404
        )
    response = client.post(
        url("quality_station", other_municipality.slug, assessment.pk, 1),
        station_post(assessment, 1, **{"s1-1": 4}),
    )
    assert response.status_code == 404
    assert (
        client.post(
            url("quality_delete", other_municipality.slug, assessment.pk)
        ).status_code
        == 404
    )
    assert assessment.ratings.get(standard__code="s1-1").rating == 2
    listing = client.get(url("quality_list", other_municipality.slug))
    assert assessment.title not in listing.content.decode()


def test_the_summary_links_a_standard_to_its_measures_and_offers(
    client, municipality, coordinator
):
    participation = PreventionStandard.objects.order_by("position").first()
    measure = make_measure(
        make_goal(municipality),
        "Elternrat gründen",
        prevention_standards=[participation],
    )
    login(client, coordinator)
    page = client.get(url("prevention_standards", municipality.slug))
    assert f"?standard={participation.code}" in page.content.decode()
    chosen = client.get(
        url("prevention_standards", municipality.slug),
        {"standard": participation.code},
    )
    assert "Elternrat gründen" in chosen.content.decode()
    assert url("goal_detail", municipality.slug, measure.goal_id) in (
        chosen.content.decode()
    )
    missing = client.get(
        url("prevention_standards", municipality.slug), {"standard": "nope"}
    )
    assert missing.status_code == 404


def test_the_measure_form_tags_prevention_standards(client, municipality, coordinator):
    goal = make_goal(municipality)
    login(client, coordinator)
    page = client.get(url("measure_create", municipality.slug, goal.pk))
    assert 'name="prevention_standards"' in page.content.decode()


def test_the_state_page_is_for_state_admins(client, municipality, other_municipality):
    assessment_of(municipality, value=3, complete=True)
    assessment_of(other_municipality, value=1, complete=True)
    login(client, UserFactory(is_state_admin=True))
    page = client.get(url("state_quality"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "2 Kommunen" in html
    assert "chart--radar" in html
    assert ">2,0<" in html  # the mean of 3 and 1
    client.logout()
    assert client.get(url("state_quality")).status_code == 302
