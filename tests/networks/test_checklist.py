"""Checkliste Netzwerkmanagement: the seeded items, assessing through the
pages (start, answer, result per theme, changes and next steps, course over
time, copy of the latest), who may do what, and another municipality sees
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kette.core.models import AuditEntry, Role
from kette.networks.models import ChecklistAnswer, ChecklistAssessment, ChecklistItem
from kette.networks.services import checklist as services
from tests.conftest import login
from tests.core.factories import user_with_role

from .factories import make_body, make_person

pytestmark = pytest.mark.django_db


def url(name, municipality, *args):
    return reverse(f"networks:{name}", args=[municipality.slug, *args])


def answers_post(ratings: dict[str, str], **extra_by_code) -> dict[str, str]:
    """Form data for every active item: ``ratings`` by item code (others unrated)."""
    data = {}
    for item in ChecklistItem.objects.filter(is_active=True):
        prefix = f"i{item.pk}-"
        data[prefix + "rating"] = ratings.get(item.code, "")
        for name in ("comment", "next_step", "next_step_due", "next_step_person"):
            data[prefix + name] = extra_by_code.get(item.code, {}).get(name, "")
    return data


def test_the_seeded_checklist_has_seven_themes_with_items():
    items = ChecklistItem.objects.select_related("theme")
    assert len({item.theme.code for item in items}) == 7
    assert items.count() >= 20
    assert items.get(code="follow-up").theme.code == "working"


def test_a_coordinator_assesses_and_sees_the_result_per_theme(
    client, municipality, coordinator
):
    person = make_person(municipality, "Becker")
    login(client, coordinator)
    response = client.post(
        url("checklist_create", municipality),
        {"body": "", "assessed_on": "2025-03-01", "note": "mit der Steuerungsgruppe"},
    )
    assessment = ChecklistAssessment.objects.get()
    assert assessment.body is None and assessment.assessed_by == coordinator
    assert response.url == url("checklist_answers", municipality, assessment.pk)
    page = client.get(response.url)
    assert "Überblick über Netzwerke und Akteure" in page.content.decode()

    response = client.post(
        url("checklist_answers", municipality, assessment.pk),
        answers_post(
            {
                "overview-current": "yes",
                "unified-terms": "partly",
                "overlaps-known": "no",
                "follow-up": "n_a",
            },
            **{
                "overlaps-known": {
                    "next_step": "Überschneidungsanalyse vorstellen",
                    "next_step_due": "2025-06-30",
                    "next_step_person": str(person.pk),
                }
            },
        ),
    )
    assert response.status_code == 302
    assert ChecklistAnswer.objects.filter(assessment=assessment).count() == 4
    result = client.get(response.url).content.decode()
    # yes 1 + partly ½ of three rated items: 50 % of the first theme is in place.
    assert "50 %" in result
    assert "Überschneidungsanalyse vorstellen" in result and "Becker" in result
    assert "erste Einschätzung dieses Gegenstands" in result
    assert (
        AuditEntry.objects.filter(
            object_type="kette_networks.ChecklistAnswer",
            actor=coordinator,
            municipality=municipality,
        ).count()
        == 4
    )


def test_a_repeated_assessment_copies_the_latest_and_lists_the_changes(
    client, municipality, coordinator
):
    body = make_body(municipality, "Stadtteilkonferenz Nord")
    first = services.assessment_create(
        actor=None,
        municipality=municipality,
        body=body,
        assessed_on=dt.date(2024, 1, 10),
    )
    items = {item.code: item for item in ChecklistItem.objects.all()}
    services.answers_save(
        actor=None,
        assessment=first,
        entries={items["goals-written"].pk: {"rating": "no", "comment": "fehlt"}},
    )
    login(client, coordinator)
    client.post(
        url("checklist_create", municipality),
        {"body": str(body.pk), "assessed_on": "2025-01-10", "copy_latest": "on"},
    )
    second = ChecklistAssessment.objects.exclude(pk=first.pk).get()
    assert second.answers.get().rating == "no"
    client.post(
        url("checklist_answers", municipality, second.pk),
        answers_post({"goals-written": "yes"}),
    )
    result = client.get(
        url("checklist_result", municipality, second.pk)
    ).content.decode()
    assert "Jedes Netzwerk hat schriftlich festgehaltene Ziele." in result
    assert "nein" in result and "ja" in result
    course = client.get(url("checklist_list", municipality) + f"?body={body.pk}")
    rows = course.context["course"]
    goals_column = [theme.code for theme in course.context["themes"]].index("goals")
    assert [shares[goals_column] for _assessment, shares in rows] == [0, 100]


def test_a_comment_without_a_rating_is_refused_and_nothing_is_saved(
    client, municipality, coordinator
):
    assessment = services.assessment_create(
        actor=None,
        municipality=municipality,
        body=None,
        assessed_on=dt.date(2025, 1, 1),
    )
    login(client, coordinator)
    response = client.post(
        url("checklist_answers", municipality, assessment.pk),
        answers_post({"mandate": "yes"}, resources={"comment": "zu wenig Stunden"}),
    )
    assert response.status_code == 200
    assert "bevor" in response.content.decode()
    assert not ChecklistAnswer.objects.exists()


@pytest.mark.parametrize(
    ("role", "reads", "assesses"),
    [
        (Role.COORDINATOR, True, True),
        (Role.PLANNER, True, False),
        (Role.NETWORK_LEAD, False, False),
        (Role.PROVIDER_EDITOR, False, False),
    ],
)
def test_who_reads_and_who_assesses(client, municipality, role, reads, assesses):
    assessment = services.assessment_create(
        actor=None,
        municipality=municipality,
        body=None,
        assessed_on=dt.date(2025, 1, 1),
    )
    login(client, user_with_role(municipality, role))
    assert client.get(url("checklist_list", municipality)).status_code == (
        200 if reads else 403
    )
    assert client.get(
        url("checklist_result", municipality, assessment.pk)
    ).status_code == (200 if reads else 403)
    response = client.post(url("checklist_delete", municipality, assessment.pk))
    assert ChecklistAssessment.objects.filter(pk=assessment.pk).exists() is not assesses
    assert response.status_code == (302 if assesses else 403)


def test_another_municipality_sees_and_changes_nothing(
    client, municipality, other_municipality
):
    assessment = services.assessment_create(
        actor=None,
        municipality=municipality,
        body=None,
        assessed_on=dt.date(2025, 1, 1),
    )
    login(client, user_with_role(other_municipality, Role.COORDINATOR))
    for name in ("checklist_result", "checklist_answers", "checklist_delete"):
        assert client.get(url(name, municipality, assessment.pk)).status_code == 403
        # Under its own municipality's address the id is unknown.
        assert (
            client.get(url(name, other_municipality, assessment.pk)).status_code == 404
        )
    body = make_body(municipality)
    client.post(
        url("checklist_create", other_municipality),
        {"body": str(body.pk), "assessed_on": "2025-01-01"},
    )
    assert not ChecklistAssessment.objects.filter(
        municipality=other_municipality
    ).exists()
