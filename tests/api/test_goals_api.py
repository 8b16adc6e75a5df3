"""Goals and the balance in the API: who reads and writes what, what bad
input answers, what the audit trail records, and figures equal the pages'."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from kette.core.models import AgeBand, ApiToken, AuditEntry, FieldOfAction, Role
from kette.goals.models import Goal
from kette.goals.selectors.balance import goal_balance
from tests.core.factories import user_with_role
from tests.goals.factories import make_goal, make_measure, status

pytestmark = pytest.mark.django_db

GOALS = "/api/v1/municipalities/{slug}/goals/"
STATE_BALANCE = "/api/v1/goals/balance/"
NEW_GOAL = {
    "title": "Übergänge gelingen",
    "description": "Jedes Kind kommt gut in der Schule an.",
    "measurement_criteria": "Anteil der Kinder mit Übergangsgespräch",
    "fields_of_action": ["early-education", "school-education"],
    "age_bands": ["3-6"],
}


def goal_url(goal: Goal, slug: str = "musterstadt") -> str:
    return f"{GOALS.format(slug=slug)}{goal.pk}/"


@pytest.fixture
def goal(municipality):
    goal = make_goal(municipality, "Eltern sind Erziehungspartner")
    goal.fields_of_action.set(FieldOfAction.objects.filter(code="health"))
    return goal


@pytest.fixture
def other_goal(other_municipality):
    return make_goal(other_municipality, "Ziel der Nachbarstadt")


def with_token(user, make_token, scope=ApiToken.Scope.FULL) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(user, scope=scope)}")
    return client


READERS = [
    ("coordinator", 200),
    ("state_admin", 200),
    ("planner", 200),
    ("network_lead", 200),
    ("provider_editor", 200),
    ("no_role", 404),
    ("anonymous", 401),
]


@pytest.mark.parametrize(("who", "code"), READERS)
def test_who_reads_the_goals(api_as, people, goal, who, code):
    client = api_as(people[who])

    listed = client.get(GOALS.format(slug="musterstadt"))
    shown = client.get(goal_url(goal))

    assert (listed.status_code, shown.status_code) == (code, code)
    if code == 200:
        assert [item["id"] for item in listed.json()["results"]] == [goal.pk]
        assert shown.json()["title"] == "Eltern sind Erziehungspartner"
    else:
        assert set(listed.json()) == {"message", "errors"}
        assert "Eltern" not in shown.content.decode()


def test_another_municipalitys_token_sees_nothing(other_municipality, goal, make_token):
    stranger = user_with_role(other_municipality, Role.COORDINATOR)
    client = with_token(stranger, make_token)

    responses = [
        client.get(GOALS.format(slug="musterstadt")),
        client.get(goal_url(goal)),
        client.get(f"{GOALS.format(slug='musterstadt')}balance/"),
        client.patch(goal_url(goal), {"title": "Gekapert"}, format="json"),
        client.delete(goal_url(goal)),
    ]

    assert [r.status_code for r in responses] == [404] * 5
    assert all(set(r.json()) == {"message", "errors"} for r in responses)
    goal.refresh_from_db()
    assert goal.title == "Eltern sind Erziehungspartner"


def test_a_goal_of_another_municipality_is_not_found_here(
    api_as, coordinator, other_goal
):
    client = api_as(coordinator)

    shown = client.get(goal_url(other_goal))
    # Not 405 for a method the move action lacks: the goal is looked up first.
    move = client.get(f"{goal_url(other_goal)}move/")

    assert (shown.status_code, move.status_code) == (404, 404)
    assert set(shown.json()) == {"message", "errors"}


def test_a_goal_shows_its_grid_children_and_measures(
    api_as, coordinator, municipality, goal
):
    child = make_goal(municipality, "Elternbildung ausbauen", parent=goal)
    make_measure(child, "Elternkurse anbieten", measure_type=None)
    make_measure(goal, "Netzwerk gründen")

    data = api_as(coordinator).get(goal_url(goal)).json()
    child_data = api_as(coordinator).get(goal_url(child)).json()

    assert data["code"] == "1"
    assert data["level"] == {"position": 1, "name": "Leitziel"}
    assert data["parent"] is None
    assert data["children"] == [child.pk]
    assert data["fields_of_action"] == [{"code": "health", "label": "Gesundheit"}]
    assert data["status"] == "active"
    assert [m["task"] for m in data["measures"]] == ["Netzwerk gründen"]
    assert data["measures"][0]["code"] == "1.1"
    assert data["measures"][0]["status"]["code"] == "not-implemented"
    assert child_data["code"] == "1.1"
    assert child_data["parent"] == goal.pk
    assert child_data["level"]["position"] == 2
    assert child_data["measures"][0]["code"] == "1.1.1"


def test_goals_are_listed_in_reading_order_and_filtered(
    api_as, coordinator, municipality, goal
):
    second = make_goal(municipality, "Bildung für alle")
    child = make_goal(municipality, "Sprachförderung", parent=goal)
    client = api_as(coordinator)
    url = GOALS.format(slug="musterstadt")

    codes = [item["code"] for item in client.get(url).json()["results"]]
    top = [item["id"] for item in client.get(url, {"level": 1}).json()["results"]]
    below = client.get(url, {"parent": goal.pk}).json()["results"]

    assert codes == ["1", "1.1", "2"]
    assert top == [goal.pk, second.pk]
    assert [item["id"] for item in below] == [child.pk]


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("coordinator", 201),
        ("state_admin", 201),
        ("planner", 403),
        ("provider_editor", 403),
        ("no_role", 404),
        ("anonymous", 401),
    ],
)
def test_who_may_add_a_goal(api_as, people, who, code):
    response = api_as(people[who]).post(
        GOALS.format(slug="musterstadt"), NEW_GOAL, format="json"
    )

    assert response.status_code == code, response.content
    assert Goal.objects.filter(title=NEW_GOAL["title"]).exists() == (code == 201)
    if code != 201:
        assert set(response.json()) == {"message", "errors"}


def test_adding_a_goal_writes_it_through_the_service_and_the_audit_trail(
    api_as, coordinator, goal
):
    response = api_as(coordinator).post(
        GOALS.format(slug="musterstadt"),
        {**NEW_GOAL, "parent": goal.pk},
        format="json",
    )

    data = response.json()
    created = Goal.objects.get(pk=data["id"])
    assert response.status_code == 201
    assert response["Location"].endswith(f"/goals/{created.pk}/")
    assert (data["code"], data["level"]["position"]) == ("1.1", 2)
    assert {t["code"] for t in data["fields_of_action"]} == {
        "early-education",
        "school-education",
    }
    assert list(created.age_bands.all()) == [AgeBand.objects.get(code="3-6")]
    entry = AuditEntry.objects.get(object_type="kette_goals.Goal", object_id=created.pk)
    assert (entry.action, entry.actor) == ("create", coordinator)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": ""}, "title"),
        ({"description": "ohne Titel"}, "title"),
        ({**NEW_GOAL, "fields_of_action": ["astrology"]}, "fields_of_action"),
        ({**NEW_GOAL, "status": "forgotten"}, "status"),
        ({**NEW_GOAL, "parent": "eins"}, "parent"),
        ({**NEW_GOAL, "title": "x" * 301}, "title"),
    ],
)
def test_bad_goal_input_names_the_field_and_writes_nothing(
    api_as, coordinator, body, field
):
    response = api_as(coordinator).post(
        GOALS.format(slug="musterstadt"), body, format="json"
    )

    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert response.json()["message"]
    assert not Goal.objects.exists()


def test_a_parent_of_another_municipality_is_refused(api_as, coordinator, other_goal):
    response = api_as(coordinator).post(
        GOALS.format(slug="musterstadt"),
        {**NEW_GOAL, "parent": other_goal.pk},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["parent"]


def test_a_goal_below_the_deepest_level_is_refused_by_the_service(
    api_as, coordinator, municipality, goal
):
    middle = make_goal(municipality, "Mitte", parent=goal)
    deepest = make_goal(municipality, "Unten", parent=middle)

    response = api_as(coordinator).post(
        GOALS.format(slug="musterstadt"),
        {"title": "Noch tiefer", "parent": deepest.pk},
        format="json",
    )

    assert response.status_code == 400
    assert "parent" in response.json()["errors"]


def test_changing_a_goal_is_audited_with_old_and_new(api_as, coordinator, goal):
    response = api_as(coordinator).patch(
        goal_url(goal), {"title": "Eltern als Partner", "status": "achieved"}, "json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["status_label"] == "erreicht"
    goal.refresh_from_db()
    assert (goal.title, goal.status) == ("Eltern als Partner", "achieved")
    # Tags not sent are kept.
    assert [f.code for f in goal.fields_of_action.all()] == ["health"]
    entry = AuditEntry.objects.filter(object_id=goal.pk, action="update").get()
    assert entry.actor == coordinator
    assert entry.changes["title"] == [
        "Eltern sind Erziehungspartner",
        "Eltern als Partner",
    ]


def test_put_needs_the_title_and_replaces_tags_sent(api_as, coordinator, goal):
    client = api_as(coordinator)

    missing = client.put(goal_url(goal), {"fields_of_action": []}, format="json")
    replaced = client.put(
        goal_url(goal), {"title": goal.title, "fields_of_action": []}, format="json"
    )

    assert missing.status_code == 400
    assert "title" in missing.json()["errors"]
    assert replaced.status_code == 200
    assert replaced.json()["fields_of_action"] == []


def test_a_goal_keeps_its_parent_when_changed(api_as, coordinator, municipality, goal):
    other = make_goal(municipality, "Anderes Ziel")

    moved = api_as(coordinator).patch(
        goal_url(goal), {"parent": other.pk}, format="json"
    )
    same = api_as(coordinator).patch(goal_url(goal), {"parent": None}, format="json")

    assert moved.status_code == 400
    assert "parent" in moved.json()["errors"]
    assert same.status_code == 200


def test_a_coordinator_moves_a_goal_with_its_sub_goals(
    api_as, coordinator, municipality, goal
):
    second = make_goal(municipality, "Bildung für alle")
    child = make_goal(municipality, "Sprachförderung", parent=second)
    move = f"{goal_url(second)}move/"

    below = api_as(coordinator).post(move, {"parent": goal.pk}, format="json")
    child.refresh_from_db()
    child_level = child.level.position
    first = api_as(coordinator).post(move, {"parent": None, "number": 1}, format="json")

    assert below.status_code == 200, below.content
    assert (below.json()["code"], below.json()["level"]["position"]) == ("1.1", 2)
    assert child_level == 3
    assert first.json()["code"] == "1"
    goal.refresh_from_db()
    assert goal.number == 2
    assert AuditEntry.objects.filter(
        object_id=second.pk, action="update", actor=coordinator
    ).exists()


def test_a_goal_cannot_move_below_itself(api_as, coordinator, municipality, goal):
    child = make_goal(municipality, "Unterziel", parent=goal)

    response = api_as(coordinator).post(
        f"{goal_url(goal)}move/", {"parent": child.pk}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["parent"]
    goal.refresh_from_db()
    assert goal.parent_id is None


@pytest.mark.parametrize(
    ("who", "code"),
    [("planner", 403), ("provider_editor", 403), ("anonymous", 401)],
)
def test_members_cannot_change_or_delete_goals(api_as, people, goal, who, code):
    client = api_as(people[who])

    changed = client.patch(goal_url(goal), {"title": "Anders"}, format="json")
    moved = client.post(f"{goal_url(goal)}move/", {"number": 2}, format="json")
    deleted = client.delete(goal_url(goal))

    assert [changed.status_code, moved.status_code, deleted.status_code] == [code] * 3
    assert Goal.objects.filter(pk=goal.pk, title=goal.title).exists()


def test_a_read_only_token_cannot_write(coordinator, goal, make_token):
    client = with_token(coordinator, make_token, scope=ApiToken.Scope.READ)

    assert client.get(goal_url(goal)).status_code == 200
    response = client.post(GOALS.format(slug="musterstadt"), NEW_GOAL, format="json")
    assert response.status_code == 403
    assert not Goal.objects.filter(title=NEW_GOAL["title"]).exists()


def test_deleting_a_goal_deletes_its_measures_with_audit(api_as, coordinator, goal):
    measure = make_measure(goal)

    response = api_as(coordinator).delete(goal_url(goal))

    assert response.status_code == 204
    assert not Goal.objects.filter(pk=goal.pk).exists()
    deleted = AuditEntry.objects.filter(action="delete", actor=coordinator)
    assert {(e.object_type, e.object_id) for e in deleted} == {
        ("kette_goals.Goal", str(goal.pk)),
        ("kette_goals.Measure", str(measure.pk)),
    }


def test_a_goal_with_sub_goals_is_kept(api_as, coordinator, municipality, goal):
    make_goal(municipality, "Unterziel", parent=goal)

    response = api_as(coordinator).delete(goal_url(goal))

    assert response.status_code == 400
    assert (
        "sub-goals" in response.json()["message"]
        or "Unterziele" in (response.json()["message"])
    )
    assert Goal.objects.filter(pk=goal.pk).exists()


# --- balance -----------------------------------------------------------------------


@pytest.fixture
def balance_data(municipality, other_municipality, goal):
    second = make_goal(municipality, "Bildung", age_bands=AgeBand.objects.all()[:1])
    for code in ("fully-implemented", "fully-implemented", "partly-implemented"):
        make_measure(goal, status=status(code), measure_type=None)
    make_measure(second, "Netzwerk", status=status("not-implemented"))
    make_measure(make_goal(other_municipality), status=status("fully-implemented"))


def test_the_balance_equals_the_selectors_figures(
    api_as, coordinator, municipality, balance_data
):
    response = api_as(coordinator).get(f"{GOALS.format(slug='musterstadt')}balance/")

    data = response.json()
    expected = goal_balance(scope=municipality)
    assert response.status_code == 200
    assert (data["goals"], data["measures"]) == (2, 4)
    for name in ("by_status", "by_type", "by_field", "by_age_band", "by_life_phase"):
        breakdown = getattr(expected, name)
        assert data[name]["total"] == breakdown.total
        assert data[name]["adds_up"] == breakdown.adds_up
        assert [
            (s["code"], s["count"], s["percent"]) for s in data[name]["shares"]
        ] == [(s.code, s.count, s.percent) for s in breakdown.shares]
    by_status = {s["code"]: s["percent"] for s in data["by_status"]["shares"]}
    assert by_status == {
        "not-implemented": 25,
        "partly-implemented": 25,
        "fully-implemented": 50,
    }
    assert [q["label"] for q in data["over_time"]] == [
        q.label for q in expected.over_time
    ]
    assert "municipalities" not in data


@pytest.mark.parametrize(
    ("who", "code"),
    [("state_admin", 200), ("coordinator", 403), ("no_role", 403), ("anonymous", 401)],
)
def test_only_the_state_admin_reads_the_state_balance(
    api_as, people, balance_data, who, code
):
    response = api_as(people[who]).get(STATE_BALANCE)

    assert response.status_code == code
    if code != 200:
        assert set(response.json()) == {"message", "errors"}
        return
    data = response.json()
    expected = goal_balance(scope=None, per_municipality=True)
    assert (data["goals"], data["measures"]) == (expected.goals, expected.measures)
    assert [
        (row["slug"], row["goals"], row["measures"], row["fully"]["percent"])
        for row in data["municipalities"]
    ] == [
        ("musterstadt", 2, 4, 50),
        ("nachbarstadt", 1, 1, 100),
    ]


def test_the_balance_is_in_english_when_asked(api_as, coordinator, balance_data):
    response = api_as(coordinator).get(
        f"{GOALS.format(slug='musterstadt')}balance/", {"lang": "en"}
    )

    labels = {s["code"]: s["label"] for s in response.json()["by_status"]["shares"]}
    assert labels["fully-implemented"] == "fully implemented"


# --- OpenAPI and cost --------------------------------------------------------------


def test_the_openapi_document_describes_goals_measures_and_the_balance(api):
    document = api.get("/api/v1/openapi.json").json()
    paths, schemas = document["paths"], document["components"]["schemas"]
    base = "/api/v1/municipalities/{municipality}/"

    measure = paths[base + "measures/{measure_id}/"]
    status_changes = paths[base + "measures/{measure_id}/status-changes/"]
    assert set(paths[base + "goals/"]) >= {"get", "post"}
    assert set(paths[base + "goals/{goal_id}/"]) >= {"get", "put", "patch", "delete"}
    assert set(measure) >= {"get", "put", "patch", "delete"}
    assert set(status_changes) >= {"get", "post"}
    assert {"401", "404"} <= set(paths[base + "goals/"]["get"]["responses"])
    assert {"400", "401", "403", "404"} <= set(status_changes["post"]["responses"])
    assert {"401", "403"} <= set(paths["/api/v1/goals/balance/"]["get"]["responses"])
    assert {"Goal", "Measure", "StatusChange", "Balance", "StateBalance"} <= set(
        schemas
    )
    assert "PaginatedGoalList" in schemas
    assert set(schemas["GoalStatusEnum"]["enum"]) == {"active", "achieved", "archived"}


def test_listing_goals_and_measures_costs_the_same_whatever_their_number(
    api_as, coordinator, municipality, goal
):
    client = api_as(coordinator)
    make_measure(goal)

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = [
        GOALS.format(slug="musterstadt"),
        "/api/v1/municipalities/musterstadt/measures/",
    ]
    few = [queries(url) for url in urls]
    for number in range(4):
        sub_goal = make_goal(municipality, f"Unterziel {number}", parent=goal)
        make_measure(sub_goal, responsible_person=coordinator)
        make_measure(sub_goal)

    assert [queries(url) for url in urls] == few
