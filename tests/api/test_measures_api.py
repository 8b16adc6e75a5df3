"""Measures and their status history in the API: filters, writes per role,
bad input naming the field, status updates by the responsible person only
(besides coordinators), and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kette.core.models import AuditEntry, MeasureType, Role
from kette.goals.models import Measure, MeasureStatusChange
from tests.core.factories import OrganisationFactory, user_with_role
from tests.goals.factories import make_goal, make_measure, status
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db

MEASURES = "/api/v1/municipalities/{slug}/measures/"


def measure_url(measure: Measure, slug: str = "musterstadt") -> str:
    return f"{MEASURES.format(slug=slug)}{measure.pk}/"


def history_url(measure: Measure) -> str:
    return f"{measure_url(measure)}status-changes/"


@pytest.fixture
def responsible(people):
    """The provider editor of Musterstadt, responsible for ``measure``."""
    return people["provider_editor"]


@pytest.fixture
def goal(municipality):
    return make_goal(municipality, "Eltern sind Erziehungspartner")


@pytest.fixture
def measure(goal, responsible):
    return make_measure(
        goal,
        "Elterncafés in allen Kitas",
        responsible_person=responsible,
        measure_type=MeasureType.objects.get(code="expand-offers"),
        due=dt.date(2025, 6, 30),
        on=dt.date(2024, 1, 15),
    )


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("coordinator", 200),
        ("state_admin", 200),
        ("planner", 200),
        ("provider_editor", 200),
        ("no_role", 404),
        ("anonymous", 401),
    ],
)
def test_who_reads_measures_and_their_history(api_as, people, measure, who, code):
    client = api_as(people[who])

    responses = [
        client.get(MEASURES.format(slug="musterstadt")),
        client.get(measure_url(measure)),
        client.get(history_url(measure)),
    ]

    assert [r.status_code for r in responses] == [code] * 3
    if code == 200:
        data = responses[1].json()
        assert data["code"] == "1.1"
        assert data["responsible_person"]["id"] == people["provider_editor"].pk
        assert data["measure_type"]["code"] == "expand-offers"
        assert data["status_changes_url"].endswith(history_url(measure))


def test_measures_are_filtered(api_as, coordinator, municipality, goal, measure):
    second_goal = make_goal(municipality, "Bildung")
    late = make_measure(second_goal, "Später", due=dt.date(2026, 1, 31))
    done = make_measure(goal, "Erledigt", status=status("fully-implemented"))
    client = api_as(coordinator)

    def ids(**params) -> list[int]:
        response = client.get(MEASURES.format(slug="musterstadt"), params)
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["results"]]

    assert ids() == [measure.pk, done.pk, late.pk]
    assert ids(goal=second_goal.pk) == [late.pk]
    assert ids(status="fully-implemented") == [done.pk]
    assert ids(measure_type="expand-offers") == [measure.pk]
    assert ids(responsible_person=measure.responsible_person_id) == [measure.pk]
    assert ids(due_before="2025-06-30") == [measure.pk]
    assert ids(due_after="2025-07-01") == [late.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "vergessen"}, "status"),
        ({"measure_type": "magic"}, "measure_type"),
        ({"due_before": "morgen"}, "due_before"),
        ({"goal": "eins"}, "goal"),
        ({"responsible_person": 2**70}, "responsible_person"),
    ],
)
def test_bad_filters_name_the_parameter(api_as, coordinator, measure, params, field):
    response = api_as(coordinator).get(MEASURES.format(slug="musterstadt"), params)

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_a_goal_of_another_municipality_is_no_filter(
    api_as, coordinator, other_municipality, measure
):
    foreign = make_goal(other_municipality)

    response = api_as(coordinator).get(
        MEASURES.format(slug="musterstadt"), {"goal": foreign.pk}
    )

    assert response.status_code == 400
    assert "goal" in response.json()["errors"]


def test_a_coordinator_adds_a_measure_with_partners_and_offers(
    api_as, coordinator, municipality, goal, responsible
):
    partner = OrganisationFactory(municipality=municipality, name="Kita Sonnenschein")
    offer = OfferFactory(municipality=municipality)

    response = api_as(coordinator).post(
        MEASURES.format(slug="musterstadt"),
        {
            "goal": goal.pk,
            "task": "Elternabende zweisprachig anbieten",
            "measure_type": "training",
            "status": "partly-implemented",
            "status_date": "2024-03-01",
            "responsible_person": responsible.pk,
            "cooperation_partners": [partner.pk],
            "offers": [str(offer.pk)],
            "prevention_standards": ["participation"],
            "start": "2024-01-01",
            "due": "2024-12-31",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    data = response.json()
    measure = Measure.objects.get(pk=data["id"])
    assert response["Location"].endswith(measure_url(measure))
    assert (data["code"], data["status"]["code"]) == ("1.1", "partly-implemented")
    assert data["cooperation_partners"] == [
        {"id": partner.pk, "name": "Kita Sonnenschein"}
    ]
    assert [o["id"] for o in data["offers"]] == [str(offer.pk)]
    assert measure.status_changes.get().on == dt.date(2024, 3, 1)
    entry = AuditEntry.objects.get(
        object_type="kette_goals.Measure", object_id=measure.pk, action="create"
    )
    assert entry.actor == coordinator


@pytest.mark.parametrize(
    ("who", "code"),
    [("planner", 403), ("provider_editor", 403), ("no_role", 404), ("anonymous", 401)],
)
def test_members_cannot_add_change_or_delete_measures(
    api_as, people, goal, measure, who, code
):
    client = api_as(people[who])

    added = client.post(
        MEASURES.format(slug="musterstadt"),
        {"goal": goal.pk, "task": "Neu"},
        format="json",
    )
    changed = client.patch(measure_url(measure), {"task": "Anders"}, format="json")
    deleted = client.delete(measure_url(measure))

    assert [added.status_code, changed.status_code, deleted.status_code] == [code] * 3
    assert list(Measure.objects.values_list("task", flat=True)) == [measure.task]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"task": "Ohne Ziel"}, "goal"),
        ({"goal": 0, "task": "x"}, "goal"),
        ({"task": ""}, "task"),
        ({"task": "x", "measure_type": "magic"}, "measure_type"),
        ({"task": "x", "status": "irgendwie"}, "status"),
        ({"task": "x", "responsible_person": 999999}, "responsible_person"),
        ({"task": "x", "cooperation_partners": [999999]}, "cooperation_partners"),
        ({"task": "x", "cooperation_partners": [2**70]}, "cooperation_partners"),
        ({"task": "x", "start": "2024-05-01", "due": "2024-04-01"}, "due"),
        ({"task": "x", "recurrence": "hourly"}, "recurrence"),
        ({"task": "x", "recurrence_until": "2025-01-01"}, "recurrence_until"),
    ],
)
def test_bad_measure_input_names_the_field_and_writes_nothing(
    api_as, coordinator, goal, body, field
):
    body = {"goal": goal.pk, **body} if "goal" not in body and field != "goal" else body

    response = api_as(coordinator).post(
        MEASURES.format(slug="musterstadt"), body, format="json"
    )

    assert response.status_code == 400, response.content
    assert field in response.json()["errors"], response.json()
    assert not Measure.objects.exists()


def test_organisations_and_people_of_another_municipality_are_refused(
    api_as, coordinator, other_municipality, goal
):
    foreign = OrganisationFactory(municipality=other_municipality)
    stranger = user_with_role(other_municipality, Role.COORDINATOR)

    response = api_as(coordinator).post(
        MEASURES.format(slug="musterstadt"),
        {
            "goal": goal.pk,
            "task": "x",
            "responsible_organisation": foreign.pk,
            "responsible_person": stranger.pk,
        },
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {
        "responsible_organisation",
        "responsible_person",
    }


def test_changing_a_measure_is_audited_and_keeps_its_status(
    api_as, coordinator, measure
):
    response = api_as(coordinator).patch(
        measure_url(measure), {"task": "Elterncafés in zehn Kitas"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["responsible_person"] is not None
    entry = AuditEntry.objects.get(object_id=measure.pk, action="update")
    assert entry.actor == coordinator
    assert entry.changes["task"][1] == "Elterncafés in zehn Kitas"


def test_the_status_and_goal_do_not_change_with_the_measure(
    api_as, coordinator, municipality, measure
):
    other_goal = make_goal(municipality, "Anderes Ziel")
    client = api_as(coordinator)

    by_status = client.patch(
        measure_url(measure), {"status": "fully-implemented"}, format="json"
    )
    by_goal = client.patch(measure_url(measure), {"goal": other_goal.pk}, "json")

    assert by_status.status_code == by_goal.status_code == 400
    assert "status" in by_status.json()["errors"]
    assert "goal" in by_goal.json()["errors"]
    measure.refresh_from_db()
    assert (measure.status.code, measure.goal_id) == (
        "not-implemented",
        measure.goal.pk,
    )


def test_deleting_a_measure_closes_up_the_numbers(api_as, coordinator, goal, measure):
    second = make_measure(goal, "Zweite")

    response = api_as(coordinator).delete(measure_url(measure))

    assert response.status_code == 204
    second.refresh_from_db()
    assert second.number == 1
    assert AuditEntry.objects.filter(
        object_id=measure.pk, action="delete", actor=coordinator
    ).exists()


def test_a_coordinator_renumbers_a_measure(api_as, coordinator, goal, measure):
    second = make_measure(goal, "Zweite")

    response = api_as(coordinator).post(
        f"{measure_url(second)}move/", {"number": 1}, format="json"
    )
    refused = api_as(coordinator).post(
        f"{measure_url(second)}move/", {"number": 0}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["code"] == "1.1"
    measure.refresh_from_db()
    assert measure.number == 2
    assert refused.status_code == 400
    assert "number" in refused.json()["errors"]


def test_the_responsible_person_cannot_renumber_a_measure(api_as, responsible, measure):
    response = api_as(responsible).post(
        f"{measure_url(measure)}move/", {"number": 1}, format="json"
    )

    assert response.status_code == 403


# --- status updates ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("provider_editor", 201),  # the responsible person
        ("coordinator", 201),
        ("state_admin", 201),
        ("planner", 403),
        ("network_lead", 403),
        ("no_role", 404),
        ("anonymous", 401),
    ],
)
def test_who_records_a_measures_status(api_as, people, measure, who, code):
    response = api_as(people[who]).post(
        history_url(measure),
        {"status": "partly-implemented", "comment": "Drei von fünf Kitas"},
        format="json",
    )

    assert response.status_code == code, response.content
    measure.refresh_from_db()
    assert (measure.status.code == "partly-implemented") == (code == 201)
    if code == 201:
        data = response.json()
        assert data["new_status"]["code"] == "partly-implemented"
        assert data["old_status"]["code"] == "not-implemented"
        assert data["comment"] == "Drei von fünf Kitas"
        assert data["date"] == timezone.localdate().isoformat()
    else:
        assert set(response.json()) == {"message", "errors"}


def test_a_status_update_is_in_the_history_and_the_audit_trail(
    api_as, responsible, measure
):
    client = api_as(responsible)

    client.post(
        history_url(measure),
        {"status": "fully-implemented", "date": "2024-05-02", "comment": "Fertig"},
        format="json",
    )
    history = client.get(history_url(measure)).json()["results"]

    assert [(h["date"], h["new_status"]["code"]) for h in history] == [
        ("2024-05-02", "fully-implemented"),
        ("2024-01-15", "not-implemented"),
    ]
    change = MeasureStatusChange.objects.get(measure=measure, comment="Fertig")
    assert change.actor == responsible
    entries = AuditEntry.objects.filter(actor=responsible)
    assert {(e.object_type, e.action) for e in entries} == {
        ("kette_goals.Measure", "update"),
        ("kette_goals.MeasureStatusChange", "create"),
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "fully-implemented", "date": "2999-01-01"}, "date"),
        ({"status": "fully-implemented", "date": "gestern"}, "date"),
        ({"status": "gut"}, "status"),
        ({"comment": "ohne Status"}, "status"),
    ],
)
def test_a_bad_status_update_names_the_field(api_as, responsible, measure, body, field):
    response = api_as(responsible).post(history_url(measure), body, format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert measure.status_changes.count() == 1


def test_a_status_before_the_current_ones_date_is_refused(api_as, coordinator, measure):
    earlier = measure.status_changed_on - dt.timedelta(days=1)

    response = api_as(coordinator).post(
        history_url(measure),
        {"status": "fully-implemented", "date": earlier.isoformat()},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["date"]
