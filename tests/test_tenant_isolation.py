"""A user of municipality A can neither read nor write municipality B's data.

The URL list is walked from the resolver, so every new URL under
``/<municipality>/`` or ``/api/v1/municipalities/<municipality>/`` is covered
without touching this file, as long as its keyword names are known below.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kette.core import audit
from kette.core.models import (
    AgeBand,
    AuditEntry,
    District,
    DistrictPopulation,
    Membership,
    Organisation,
    Role,
)
from kette.goals.models import (
    Goal,
    GoalIndicator,
    GoalLevel,
    Measure,
    MeasureStatusChange,
    Perspective,
    QualityAssessment,
    ReviewMail,
    ReviewRound,
    Vision,
    Vote,
    Workshop,
)
from kette.goals.services import indicators as indicator_services
from kette.goals.services import quality as quality_services
from kette.goals.services import reviews as review_services
from kette.goals.services import workshops as workshop_services
from kette.goals.services.goals import vision_create
from kette.monitoring.services.indices import index_publish, index_save
from kette.networks.models import (
    Body,
    BodyMember,
    ChecklistAnswer,
    ChecklistAssessment,
    ChecklistItem,
    Meeting,
    Person,
)
from kette.networks.services import checklist as checklist_services
from kette.networks.services.meetings import meeting_share_renew
from kette.offers.models import Offer, OfferRevision, OfferStatus, SearchSynonym
from tests.core.factories import (
    DistrictFactory,
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
    user_with_role,
)
from tests.goals.factories import make_goal, make_measure
from tests.monitoring.factories import IndicatorFactory, ObservationFactory
from tests.networks.factories import (
    make_action_item,
    make_body,
    make_meeting,
    make_member,
    make_person,
)
from tests.offers.factories import OfferFactory
from tests.shared_data import kept_for_the_module

SKIPPED_NAMESPACES = {"admin"}
CANARIES = ("geheim-b-person", "Geheimer Vorgang B", "987654", "Geheimer Entwurf B")


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: tuple[str, ...]


def _walk(patterns, namespace: str = "") -> list[Route]:
    routes = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            parent = (
                tuple(entry.pattern.converters)
                if hasattr(entry.pattern, "converters")
                else ()
            )
            for route in _walk(entry.url_patterns, inner):
                routes.append(
                    Route(route.name, tuple(dict.fromkeys(parent + route.kwargs)))
                )
        elif isinstance(entry, URLPattern):
            assert entry.name, f"every URL needs a name: {entry.pattern}"
            kwargs = (
                tuple(entry.pattern.converters)
                if hasattr(entry.pattern, "converters")
                else ()
            )
            kwargs += tuple(entry.pattern.regex.groupindex)
            routes.append(
                Route(f"{namespace}{entry.name}", tuple(dict.fromkeys(kwargs)))
            )
    return routes


def tenant_routes() -> list[Route]:
    return sorted(
        {r for r in _walk(get_resolver().url_patterns) if "municipality" in r.kwargs},
        key=lambda r: r.name,
    )


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    """Built once for the module's ~2,700 tests; each test's writes roll back."""
    yield from kept_for_the_module(django_db_blocker, build_world)


@pytest.fixture
def world(db, _world):
    return _world


def build_world() -> dict:
    """Municipality A with its users; municipality B with data that must stay private."""
    city_a = MunicipalityFactory(slug="stadt-a", name="Stadt A", ags="05111000")
    city_b = MunicipalityFactory(slug="stadt-b", name="Stadt B", ags="05112000")
    org_a = OrganisationFactory(municipality=city_a, name="Träger A")
    org_b = OrganisationFactory(municipality=city_b, name="Träger B")
    district_a = DistrictFactory(municipality=city_a, code="A01")
    district_b = DistrictFactory(municipality=city_b, code="B01")
    DistrictPopulation.objects.create(
        district=district_b, year=2024, age_band=AgeBand.objects.first(), count=987654
    )
    OfferFactory(municipality=city_b, organisation=org_b, title="Offen B")
    draft_b = OfferFactory(
        municipality=city_b,
        organisation=org_b,
        title="Geheimer Entwurf B",
        status=OfferStatus.DRAFT,
    )
    synonym_b = SearchSynonym.objects.create(
        municipality=city_b, term="Geheimwort", alternatives="Geheimer Entwurf B"
    )
    # A published indicator and index of B with one key for every URL keyword
    # naming them; its small count is withheld from everyone but B's planners.
    indicator_b = IndicatorFactory(municipality=city_b, key="b-monitoring")
    ObservationFactory(
        indicator=indicator_b, district=district_b, numerator=3, denominator=10
    )
    index_b = index_save(
        municipality=city_b,
        spec={
            "format": "kette-index/1",
            "key": "b-monitoring",
            "subindices": [{"key": "all", "indicators": [{"key": "b-monitoring"}]}],
        },
        actor=None,
    ).definition
    index_publish(definition=index_b, actor=None, published=True)
    secret_user = UserFactory(username="geheim-b-person")
    membership_b = Membership.objects.create(
        user=secret_user, municipality=city_b, role=Role.PLANNER
    )
    organisation_b_entry = AuditEntry.objects.create(
        actor_name="someone",
        municipality=city_b,
        action="update",
        object_type="kette_core.Organisation",
        object_id=str(org_b.pk),
        object_repr="Geheimer Vorgang B",
        changes={},
    )
    # A goal workshop of B with a participant, an idea and a perspective, the
    # vote open: nobody of A may see, vote in or change it.
    workshop_b = workshop_services.workshop_create(
        actor=None,
        municipality=city_b,
        data={"title": "Geheimer Vorgang B", "date": "2024-05-01"},
    )
    perspective_b = workshop_services.perspective_create(
        actor=None, workshop=workshop_b, data={"title": "Geheimer Vorgang B"}
    )
    idea_b = workshop_services.idea_create(
        actor=None, workshop=workshop_b, data={"text": "Geheimer Vorgang B"}
    )
    participant_b = workshop_services.participant_add(
        actor=None, workshop=workshop_b, data={"user": secret_user}
    )
    workshop_services.workshop_set_voting(actor=None, workshop=workshop_b, state="open")
    workshop_services.perspective_decide(
        actor=None, perspective=perspective_b, decision="backlog", reason="später"
    )
    # A goal of B with a measure and a vision: A neither reads nor changes them.
    goal_b = make_goal(city_b, "Geheimer Vorgang B")
    measure_b = make_measure(
        goal_b, "Geheimer Vorgang B", responsible_person=secret_user
    )
    indicator_b = indicator_services.indicator_create(
        actor=None,
        municipality=city_b,
        goal=goal_b,
        level="outcome",
        name="Geheimer Vorgang B",
    )
    indicator_services.target_set(
        actor=None, indicator=indicator_b, period="2025", value=1
    )
    vision_create(
        actor=None,
        municipality=city_b,
        text="Geheimer Vorgang B",
        adopted_on=dt.date(2024, 1, 1),
    )
    # A draft quality-cycle self-assessment of B with a rated standard: A
    # neither reads, rates, completes nor deletes it.
    assessment_b = quality_services.assessment_create(
        actor=None,
        municipality=city_b,
        data={"title": "Geheimer Vorgang B", "date": dt.date(2024, 3, 1)},
    )
    quality_services.ratings_save(
        actor=None,
        assessment=assessment_b,
        entries={
            assessment_b.ratings.first().standard_id: {
                "rating": 2,
                "evidence": "Geheimer Vorgang B",
            }
        },
    )
    # An open review round of B asking its responsible person (one e-mail):
    # A neither reads, follows up, closes nor answers it.
    review_b = review_services.review_round_open(
        actor=None,
        municipality=city_b,
        title="Geheimer Vorgang B",
        site_url="http://testserver/",
    )
    # A meeting of a body of B with an agenda, draft minutes and an action
    # item, shared by a read-only link: A neither reads nor writes any of it.
    body_b = make_body(city_b, "Geheimer Vorgang B")
    meeting_b = make_meeting(body_b, title="Geheimer Vorgang B", agenda=["Geheim"])
    action_b = make_action_item(meeting_b, "Geheimer Vorgang B")
    meeting_share_renew(actor=None, meeting=meeting_b)
    # A member of that body with contact data: A neither reads, edits,
    # exports nor erases the person or the membership.
    person_b = make_person(
        city_b, "Geheimer Vorgang B", email="geheim-b-person@example.org"
    )
    member_b = make_member(body_b, person=person_b)
    # A checklist assessment of B's network management with an answer.
    checklist_b = checklist_services.assessment_create(
        actor=None, municipality=city_b, body=None, assessed_on=dt.date(2025, 1, 1)
    )
    checklist_services.answers_save(
        actor=None,
        assessment=checklist_b,
        entries={
            ChecklistItem.objects.first().pk: {
                "rating": "no",
                "next_step": "Geheimer Vorgang B",
            }
        },
    )
    users = {
        "coordinator": user_with_role(city_a, Role.COORDINATOR),
        "planner": user_with_role(city_a, Role.PLANNER),
        "provider_editor": user_with_role(
            city_a, Role.PROVIDER_EDITOR, organisations=[org_a]
        ),
    }
    return {
        "a": {
            "municipality": city_a.slug,
            "organisation_id": org_a.pk,
            "district_code": district_a.code,
            "membership_id": Membership.objects.filter(municipality=city_a).first().pk,
            "entry_id": AuditEntry.objects.create(
                actor_name="x",
                municipality=city_a,
                action="create",
                object_type="kette_core.Organisation",
                object_id=str(org_a.pk),
                object_repr="A",
                changes={},
            ).pk,
        },
        "b": {
            "municipality": city_b.slug,
            "organisation_id": org_b.pk,
            "district_code": district_b.code,
            "membership_id": membership_b.pk,
            "entry_id": organisation_b_entry.pk,
            "offer_id": draft_b.pk,
            "synonym_id": synonym_b.pk,
            "key": "b-monitoring",
            "indicator_key": "b-monitoring",
            "index_key": "b-monitoring",
            "workshop_id": workshop_b.pk,
            "participant_id": participant_b.pk,
            "idea_id": idea_b.pk,
            "perspective_id": perspective_b.pk,
            "goal_id": goal_b.pk,
            "measure_id": measure_b.pk,
            "assessment_id": assessment_b.pk,
            "number": 1,
            "goal_indicator_id": indicator_b.pk,
            "round_id": review_b.pk,
            "request_id": review_b.requests.get().pk,
            "body_id": body_b.pk,
            "meeting_id": meeting_b.pk,
            "item_id": meeting_b.agenda.get().pk,
            "action_id": action_b.pk,
            "member_id": member_b.pk,
            "person_id": person_b.pk,
            "checklist_id": checklist_b.pk,
        },
        "users": users,
        "city_b": city_b,
    }


def b_state(city_b) -> dict:
    """Everything of B a write could change."""
    return {
        "organisations": [
            audit.snapshot(o) for o in Organisation.objects.filter(municipality=city_b)
        ],
        "memberships": sorted(
            Membership.objects.filter(municipality=city_b).values_list("pk", "role")
        ),
        "districts": sorted(
            District.objects.filter(municipality=city_b).values_list("code", "name")
        ),
        "audit": AuditEntry.objects.filter(municipality=city_b).count(),
        "offers": sorted(
            (str(o.pk), o.title, o.status, o.updated_at.isoformat())
            for o in Offer.objects.filter(municipality=city_b)
        ),
        "revisions": OfferRevision.objects.filter(offer__municipality=city_b).count(),
        "synonyms": sorted(
            SearchSynonym.objects.filter(municipality=city_b).values_list(
                "term", "alternatives"
            )
        ),
        "workshops": [
            audit.snapshot(w) for w in Workshop.objects.filter(municipality=city_b)
        ],
        "perspectives": [
            audit.snapshot(p)
            for p in Perspective.objects.filter(workshop__municipality=city_b)
        ],
        "workshop_parts": [
            sorted(workshop.participants.values_list("pk", "ballot_key", "voted_at"))
            + sorted(workshop.ideas.values_list("pk", "text", "perspective_id"))
            for workshop in Workshop.objects.filter(municipality=city_b)
        ],
        "goals": sorted(
            Goal.objects.filter(municipality=city_b).values_list(
                "pk", "parent_id", "number", "title", "level_id", "status"
            )
        ),
        "goal_levels": sorted(
            GoalLevel.objects.filter(municipality=city_b).values_list(
                "position", "name"
            )
        ),
        "measures": sorted(
            Measure.objects.filter(municipality=city_b).values_list(
                "pk", "number", "task", "status_id", "responsible_person_id"
            )
        ),
        "status_changes": MeasureStatusChange.objects.filter(
            municipality=city_b
        ).count(),
        "visions": Vision.objects.filter(municipality=city_b).count(),
        "quality": [
            (
                audit.snapshot(assessment),
                sorted(assessment.ratings.values_list("standard_id", "rating")),
            )
            for assessment in QualityAssessment.objects.filter(municipality=city_b)
        ],
        "goal_indicators": [
            (audit.snapshot(i), sorted(i.targets.values_list("period", "value")))
            for i in GoalIndicator.objects.filter(municipality=city_b)
        ],
        "reviews": [
            (
                audit.snapshot(review_round),
                sorted(review_round.requests.values_list("pk", "key", "answered_at")),
                ReviewMail.objects.filter(request__review_round=review_round).count(),
            )
            for review_round in ReviewRound.objects.filter(municipality=city_b)
        ],
        "meetings": [
            (
                audit.snapshot(meeting),
                sorted(meeting.agenda.values_list("pk", "position", "title")),
                sorted(meeting.minutes.values_list("pk", "state", "summary")),
                sorted(
                    meeting.action_items.values_list("pk", "task", "status", "measure")
                ),
            )
            for meeting in Meeting.objects.filter(municipality=city_b)
        ],
        "votes": Vote.objects.filter(
            participant__workshop__municipality=city_b
        ).count(),
        "bodies": [
            (audit.snapshot(b), sorted(b.topics.values_list("name", flat=True)))
            for b in Body.objects.filter(municipality=city_b)
        ],
        "body_members": sorted(
            BodyMember.objects.filter(body__municipality=city_b).values_list(
                "pk", "person_id", "organisation_id", "role", "joined_on", "left_on"
            )
        ),
        "network_people": [
            audit.snapshot(p) for p in Person.objects.filter(municipality=city_b)
        ],
        "checklist": sorted(
            ChecklistAnswer.objects.filter(assessment__municipality=city_b).values_list(
                "assessment_id", "item_id", "rating", "next_step"
            )
        ),
        "checklist_assessments": [
            audit.snapshot(a)
            for a in ChecklistAssessment.objects.filter(municipality=city_b)
        ],
    }


def build_url(route: Route, values: dict) -> str:
    unknown = [k for k in route.kwargs if k not in values]
    assert not unknown, (
        f"URL {route.name} takes {unknown}: add a value of municipality B for it "
        "to the `world` fixture in tests/test_tenant_isolation.py"
    )
    return reverse(route.name, kwargs={k: values[k] for k in route.kwargs})


def mixed_values(world) -> dict:
    """A's slug with B's object keys: the object must not be found under A."""
    values = dict(world["b"])
    values["municipality"] = world["a"]["municipality"]
    return values


def body(response) -> str:
    content = getattr(response, "content", b"")
    return content.decode("utf-8", "replace")


def test_the_url_walk_finds_staff_pages_and_api_endpoints():
    names = {r.name for r in tenant_routes()}
    assert any(name.startswith("api:") for name in names), names
    assert any("staff" in name for name in names), names


ROUTES = [pytest.param(r, id=r.name) for r in tenant_routes()]
# Routes that name an object of B besides the municipality itself.
OBJECT_ROUTES = [
    pytest.param(r, id=r.name)
    for r in tenant_routes()
    if set(r.kwargs) - {"municipality"}
]
USERS = ["coordinator", "planner", "provider_editor"]
WRITE_METHODS = ["post", "put", "patch", "delete"]


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("route", ROUTES)
def test_reading_b_shows_no_more_than_the_public_sees(client, world, route, who):
    # "?include=population" asks for the one field the API hides from the public.
    for query in ("", "?include=population"):
        url = build_url(route, world["b"]) + query
        client.logout()
        anonymous = client.get(url)
        client.force_login(world["users"][who])
        response = client.get(url)
        if anonymous.status_code != 200:
            assert response.status_code in (403, 404), (url, response.status_code)
        for canary in CANARIES:
            if canary not in body(anonymous):
                assert canary not in body(response), (url, canary)
        if anonymous.status_code == 200 and "json" in anonymous.get("Content-Type", ""):
            assert json.loads(response.content) == json.loads(anonymous.content), url


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("route", OBJECT_ROUTES)
def test_b_objects_are_not_found_under_a(client, world, route, who):
    client.force_login(world["users"][who])
    url = build_url(route, mixed_values(world))
    response = client.get(url)
    assert response.status_code in (403, 404), (url, response.status_code)


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("method", WRITE_METHODS)
@pytest.mark.parametrize("route", ROUTES)
def test_users_of_a_cannot_write_b(client, world, route, method, who):
    client.force_login(world["users"][who])
    before = b_state(world["city_b"])
    payload = {"name": "Übernommen von A", "sector": "health", "confirm": "1"}
    value_sets = [world["b"]]
    if set(route.kwargs) - {"municipality"}:
        # Under A's own slug only B's object keys make it an attack.
        value_sets.append(mixed_values(world))
    for values in value_sets:
        url = build_url(route, values)
        if method == "post":
            response = client.post(url, payload)
        else:
            response = getattr(client, method)(
                url, json.dumps(payload), content_type="application/json"
            )
        assert response.status_code in (403, 404, 405), (
            method,
            url,
            response.status_code,
        )
    assert b_state(world["city_b"]) == before


def test_the_canaries_are_visible_to_b_itself(client, world):
    """Without this, a canary that never appears anywhere would prove nothing."""
    client.force_login(user_with_role(world["city_b"], Role.COORDINATOR))
    seen = ""
    for route in tenant_routes():
        for query in ("", "?include=population"):
            seen += body(client.get(build_url(route, world["b"]) + query))
    for canary in CANARIES:
        assert canary in seen, canary
