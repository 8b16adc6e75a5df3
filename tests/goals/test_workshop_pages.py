"""Goal workshop pages: the coordinator's pages, voting through the personal
link (no account, no JavaScript: a plain form), the signed-in ballot, the
result, the decisions, the backlog and the printable documentation."""

from __future__ import annotations

import io
import logging
import re

import pytest
from django.test import Client
from django.urls import reverse

from kette.core.logfilters import RedactSecretPaths
from kette.core.models import AuditEntry, Role, TargetGroup
from kette.goals.models import Goal, Idea, Perspective, Vote, Workshop
from kette.goals.selectors import workshops as selectors
from kette.goals.services import workshops as services
from tests.conftest import login
from tests.core.factories import user_with_role

from .workshop_data import PERSPECTIVES, seed_ballots, seed_workshop

pytestmark = pytest.mark.django_db


def url(name: str, workshop: Workshop, *args) -> str:
    return reverse(
        f"goals:{name}", args=[workshop.municipality.slug, workshop.pk, *args]
    )


def vote_url(participant) -> str:
    return reverse("goals:workshop_vote", args=[selectors.ballot_token(participant)])


@pytest.fixture
def workshop_open(municipality, coordinator):
    return seed_workshop(municipality, coordinator)


def test_a_coordinator_plans_a_workshop_with_participants_ideas_and_perspectives(
    client, municipality, coordinator
):
    login(client, coordinator)
    response = client.post(
        reverse("goals:workshop_create", args=[municipality.slug]),
        {
            "title": "Workshop 1",
            "date": "2012-07-09",
            "place": "die kurbel",
            "facilitator": "Koordinierungsstelle",
            "dots_per_participant": "5",
            "allow_stacking": "on",
        },
    )
    workshop = Workshop.objects.get(title="Workshop 1")
    assert response.status_code == 302
    assert response["Location"] == url("workshop_detail", workshop)
    member = user_with_role(municipality, Role.PLANNER, first_name="Paula")
    client.post(url("participant_add", workshop), {"name": "Frau Beispiel"})
    client.post(url("participant_add", workshop), {"user": member.pk})
    client.post(url("perspective_create", workshop), {"title": "Netzwerkmanagement"})
    perspective = Perspective.objects.get(workshop=workshop)
    parents = TargetGroup.objects.get(code="parents")
    response = client.post(
        url("idea_create", workshop),
        {
            "text": "Infotelefon für junge Eltern",
            "target_group": parents.pk,
            "perspective": perspective.pk,
        },
    )
    assert response.status_code == 302
    client.post(url("idea_create", workshop), {"text": "Ehrlichkeit"})
    page = client.get(url("workshop_detail", workshop)).content.decode()
    assert "Frau Beispiel" in page and "Paula" in page
    assert "Infotelefon für junge Eltern" in page
    assert parents.label_de in page
    assert "Alle Zielgruppen" in page
    assert Idea.objects.filter(workshop=workshop, target_group=None).count() == 1
    created = AuditEntry.objects.filter(
        municipality=municipality, actor=coordinator, action="create"
    ).values_list("object_type", flat=True)
    assert {
        "kette_goals.Workshop",
        "kette_goals.WorkshopParticipant",
        "kette_goals.Perspective",
        "kette_goals.Idea",
    } <= set(created)


def test_a_participant_needs_a_name_or_an_account(client, workshop_open, coordinator):
    workshop, _perspectives, participants = workshop_open
    login(client, coordinator)
    response = client.post(url("participant_add", workshop), {"name": " "})
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert workshop.participants.count() == len(participants)


@pytest.mark.parametrize(
    "role", [Role.PLANNER, Role.PROVIDER_EDITOR, Role.NETWORK_LEAD]
)
def test_only_coordinators_manage_workshops(client, municipality, workshop_open, role):
    workshop, _perspectives, _participants = workshop_open
    login(client, user_with_role(municipality, role))
    for address in (
        reverse("goals:workshop_list", args=[municipality.slug]),
        url("workshop_detail", workshop),
        url("workshop_result", workshop),
        url("workshop_links", workshop),
        url("workshop_document", workshop),
    ):
        assert client.get(address).status_code == 403, address
    assert (
        client.post(url("workshop_voting", workshop), {"state": "closed"}).status_code
        == 403
    )
    workshop.refresh_from_db()
    assert workshop.voting == "open"


def test_a_participant_votes_through_the_personal_link_without_an_account(
    client, workshop_open
):
    workshop, perspectives, participants = workshop_open
    address = vote_url(participants[0])
    page = client.get(address)
    assert page.status_code == 200
    html = page.content.decode()
    for perspective in perspectives:
        assert f'name="perspective_{perspective.pk}"' in html
    assert "<script" not in html.split("<main", 1)[1]
    response = client.post(
        address,
        {
            f"perspective_{perspectives[0].pk}": "3",
            f"perspective_{perspectives[3].pk}": "2",
        },
    )
    assert response.status_code == 302
    assert selectors.ballot_of(participants[0]) == {
        perspectives[0].pk: 3,
        perspectives[3].pk: 2,
    }
    again = client.get(address).content.decode()
    assert re.search(rf'name="perspective_{perspectives[0].pk}"[^>]*value="3"', again)


def test_too_many_dots_are_refused_with_a_message_and_nothing_counted(
    client, workshop_open
):
    _workshop, perspectives, participants = workshop_open
    response = client.post(
        vote_url(participants[0]),
        {
            f"perspective_{perspectives[0].pk}": "4",
            f"perspective_{perspectives[1].pk}": "4",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "8" in html and "5" in html
    assert not Vote.objects.exists()


def test_a_link_with_a_wrong_signature_finds_nothing(client, workshop_open):
    _workshop, _perspectives, participants = workshop_open
    token = selectors.ballot_token(participants[0])
    assert client.get(f"/abstimmung/{token[:-3]}abc/").status_code == 404
    assert client.get(f"/abstimmung/{participants[0].ballot_key}/").status_code == 404


def test_a_closed_vote_shows_no_form_and_counts_nothing(
    client, workshop_open, coordinator
):
    workshop, perspectives, participants = workshop_open
    login(client, coordinator)
    client.post(url("workshop_voting", workshop), {"state": "closed"})
    client.logout()
    address = vote_url(participants[0])
    assert 'name="perspective_' not in client.get(address).content.decode()
    # Sent from a page opened before the close: the person is told it did not count.
    page = client.post(address, {f"perspective_{perspectives[0].pk}": "1"})
    assert "Die Abstimmung ist nicht geöffnet." in page.content.decode()
    assert not Vote.objects.exists()


def test_a_participant_with_an_account_votes_signed_in(
    client, municipality, workshop_open, coordinator
):
    workshop, perspectives, _participants = workshop_open
    planner = user_with_role(municipality, Role.PLANNER)
    services.participant_add(
        actor=coordinator, workshop=workshop, data={"user": planner}
    )
    address = url("workshop_vote_signed_in", workshop)
    assert client.get(address).status_code == 302  # to the login
    login(client, planner)
    response = client.post(address, {f"perspective_{perspectives[2].pk}": "5"})
    assert response.status_code == 302
    participant = workshop.participants.get(user=planner)
    assert selectors.ballot_of(participant) == {perspectives[2].pk: 5}
    entry = AuditEntry.objects.get(
        object_type="kette_goals.WorkshopParticipant",
        object_id=str(participant.pk),
        changes__has_key="dots",
    )
    assert entry.actor == planner


def test_a_member_not_on_the_list_cannot_vote_signed_in(
    client, municipality, workshop_open
):
    workshop, perspectives, _participants = workshop_open
    login(client, user_with_role(municipality, Role.PLANNER))
    address = url("workshop_vote_signed_in", workshop)
    assert client.get(address).status_code == 404
    assert (
        client.post(address, {f"perspective_{perspectives[0].pk}": "1"}).status_code
        == 404
    )
    assert not Vote.objects.exists()


def test_the_result_page_ranks_the_seeds_perspectives_and_states_the_tie(
    client, workshop_open, coordinator
):
    workshop, perspectives, participants = workshop_open
    seed_ballots(perspectives, participants)
    login(client, coordinator)
    html = client.get(url("workshop_result", workshop)).content.decode()
    positions = [html.index(title) for title in PERSPECTIVES]
    order = [PERSPECTIVES[i] for i in (0, 3, 2, 4, 1, 7)]
    assert [html.index(title) for title in order] == sorted(
        html.index(title) for title in order
    )
    assert all(position > 0 for position in positions)
    for points in ("16 Punkte", "14 Punkte", "12 Punkte", "9 Punkte", "1 Punkt"):
        assert points in html
    assert "gleichauf" in html.lower() or "tied" in html.lower()


def test_the_cut_and_a_single_decision_through_the_pages(
    client, workshop_open, coordinator
):
    workshop, perspectives, participants = workshop_open
    seed_ballots(perspectives, participants)
    login(client, coordinator)
    response = client.post(
        url("workshop_cut", workshop), {"keep": "4", "reason": "Später bearbeiten"}
    )
    assert response.status_code == 302
    assert workshop.perspectives.filter(decision="backlog").count() == 4
    decide = url("perspective_decide", workshop, perspectives[1].pk)
    refused = client.post(decide, {"decision": "backlog", "reason": ""})
    assert refused.status_code == 200
    assert 'class="error-summary"' in refused.content.decode()
    client.post(decide, {"decision": "chosen", "reason": ""})
    perspectives[1].refresh_from_db()
    assert (perspectives[1].decision, perspectives[1].backlog_reason) == ("chosen", "")


def test_a_backlog_item_is_taken_up_as_a_goal(client, workshop_open, coordinator):
    workshop, perspectives, participants = workshop_open
    seed_ballots(perspectives, participants)
    services.workshop_apply_cut(
        actor=coordinator, workshop=workshop, keep=4, reason="Später bearbeiten"
    )
    login(client, coordinator)
    backlog = reverse("goals:backlog_list", args=[workshop.municipality.slug])
    html = client.get(backlog).content.decode()
    assert PERSPECTIVES[7] in html and "Später bearbeiten" in html
    assert PERSPECTIVES[0] not in html
    take_up = reverse(
        "goals:backlog_take_up", args=[workshop.municipality.slug, perspectives[7].pk]
    )
    assert client.post(take_up).status_code == 302
    goal = Goal.objects.get(title=PERSPECTIVES[7])
    perspectives[7].refresh_from_db()
    assert perspectives[7].goal == goal and perspectives[7].taken_up_on
    goal_page = reverse("goals:goal_detail", args=[workshop.municipality.slug, goal.pk])
    assert goal_page in client.get(backlog).content.decode()
    # A chosen perspective is no backlog item.
    chosen = reverse(
        "goals:backlog_take_up", args=[workshop.municipality.slug, perspectives[0].pk]
    )
    assert client.post(chosen).status_code == 404


def test_the_documentation_holds_everything_for_printing(
    client, workshop_open, coordinator
):
    workshop, perspectives, participants = workshop_open
    services.idea_create(
        actor=coordinator,
        workshop=workshop,
        data={
            "text": "Infotelefon für junge Eltern",
            "target_group": TargetGroup.objects.get(code="young-parents"),
            "perspective": perspectives[1],
        },
    )
    seed_ballots(perspectives, participants)
    services.workshop_apply_cut(
        actor=coordinator, workshop=workshop, keep=4, reason="Später bearbeiten"
    )
    login(client, coordinator)
    html = client.get(url("workshop_document", workshop)).content.decode()
    for text in (
        "Bürgerzentrum Alte Heid",
        "Koordinierungsstelle",
        "Teilnehmende 12",
        "Junge Eltern",
        "Infotelefon für junge Eltern",
        PERSPECTIVES[5],
        "16 Punkte",
        "Später bearbeiten",
        "kette_goals/workshop.css",
    ):
        assert text in html, text


def test_the_links_page_lists_one_working_link_per_participant(
    client, workshop_open, coordinator
):
    workshop, _perspectives, participants = workshop_open
    login(client, coordinator)
    html = client.get(url("workshop_links", workshop)).content.decode()
    for participant in participants:
        assert vote_url(participant) in html
    old = vote_url(participants[0])
    client.post(url("participant_renew_link", workshop, participants[0].pk))
    client.logout()
    assert client.get(old).status_code == 404
    participants[0].refresh_from_db()
    assert client.get(vote_url(participants[0])).status_code == 200


def test_the_change_log_shows_a_ballot_readably(client, workshop_open, coordinator):
    _workshop, perspectives, participants = workshop_open
    services.ballot_cast(participant=participants[0], dots={perspectives[3].pk: 2})
    entry = AuditEntry.objects.get(
        object_type="kette_goals.WorkshopParticipant", changes__has_key="dots"
    )
    login(client, coordinator)
    html = client.get(
        reverse("core:staff_audit_detail", args=[entry.municipality.slug, entry.pk])
    ).content.decode()
    assert "Punkte" in html
    assert f"{PERSPECTIVES[3]}: 2" in html
    assert "Teilnehmende 1" in html


def test_a_coordinator_on_the_list_finds_their_own_ballot_on_the_workshop_page(
    client, workshop_open, coordinator
):
    workshop, _perspectives, _participants = workshop_open
    login(client, coordinator)
    own = url("workshop_vote_signed_in", workshop)
    assert own not in client.get(url("workshop_detail", workshop)).content.decode()
    services.participant_add(
        actor=coordinator, workshop=workshop, data={"user": coordinator}
    )
    assert own in client.get(url("workshop_detail", workshop)).content.decode()
    assert client.get(own).status_code == 200


def test_the_state_admin_manages_workshops_a_coordinator_elsewhere_does_not(
    client, municipality, other_municipality, workshop_open, state_admin
):
    workshop, _perspectives, _participants = workshop_open
    login(client, state_admin)
    assert client.get(url("workshop_result", workshop)).status_code == 200
    login(client, user_with_role(other_municipality, Role.COORDINATOR))
    assert client.get(url("workshop_result", workshop)).status_code == 403
    elsewhere = reverse(
        "goals:workshop_result", args=[other_municipality.slug, workshop.pk]
    )
    assert client.get(elsewhere).status_code == 404


def test_a_refused_request_to_a_voting_link_is_logged_without_its_key(workshop_open):
    """Django logs the path of a refused request (here: no CSRF token)."""
    _workshop, perspectives, participants = workshop_open
    key = participants[0].ballot_key
    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RedactSecretPaths) for f in handler.filters)
    )
    lines = io.StringIO()
    stream = handler.setStream(lines)
    try:
        response = Client(enforce_csrf_checks=True).post(
            vote_url(participants[0]), {f"perspective_{perspectives[0].pk}": "1"}
        )
    finally:
        handler.setStream(stream)
    assert response.status_code == 403
    assert "/abstimmung/" in lines.getvalue()
    assert key not in lines.getvalue()
