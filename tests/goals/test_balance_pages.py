"""The balance pages through HTTP: who sees which balance."""

from __future__ import annotations

import pytest

from kette.core.models import MeasureType
from kette.goals.models import Goal, Measure
from kette.goals.services import measures as measure_services
from tests.core.factories import user_with_role

from .factories import make_goal, make_measure, status

BALANCE = "/musterstadt/intern/ziele/bilanz/"
STATE = "/kommunen/ziele/bilanz/"


@pytest.fixture
def two_places(municipality, other_municipality):
    expand = MeasureType.objects.get(code="expand-offers")
    own = make_goal(municipality, "Eltern beteiligen")
    make_measure(own, "Elterncafé", status=status("fully-implemented"))
    make_measure(own, "Elternbriefe", measure_type=expand)
    other = make_goal(other_municipality, "Nachbarziel")
    for task in ("N1", "N2", "N3"):
        make_measure(other, task, status=status("partly-implemented"))
    return municipality, other_municipality


def test_the_goal_tree_links_the_balance(client, coordinator, two_places):
    client.force_login(coordinator)
    assert (
        f'href="{BALANCE}"' in client.get("/musterstadt/intern/ziele/").content.decode()
    )


def test_a_coordinator_sees_the_own_balance_only(client, coordinator, two_places):
    client.force_login(coordinator)
    response = client.get(BALANCE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "1 Ziel · 2 Maßnahmen" in html
    assert "voll umgesetzt" in html and "50 %" in html
    assert "Ausbau präventiver Angebote" in html
    assert 'role="img"' in html and "<caption>" in html
    assert "Nachbar" not in html


def test_a_member_of_another_municipality_gets_403(client, two_places):
    _, other = two_places
    client.force_login(user_with_role(other, "coordinator", username="nachbar"))
    assert client.get(BALANCE).status_code == 403


def test_the_state_balance_is_for_the_state_admin_only(
    client, coordinator, state_admin, two_places
):
    client.force_login(coordinator)
    assert client.get(STATE).status_code == 403

    client.force_login(state_admin)
    response = client.get(STATE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "2 Ziele · 5 Maßnahmen" in html
    assert 'href="/nachbarstadt/intern/ziele/bilanz/"' in html
    assert "3 (100 %)" in html  # Nachbarstadt: all three partly implemented


def test_the_state_balance_asks_an_anonymous_visitor_to_log_in(client, two_places):
    response = client.get(STATE)
    assert response.status_code == 302
    assert "/anmelden/" in response["Location"]


def test_the_balance_shows_a_status_update_at_once(client, coordinator, two_places):
    client.force_login(coordinator)
    assert "1 (50 %)" in client.get(BALANCE).content.decode()  # kept from now on
    measure = Measure.objects.get(task="Elternbriefe")

    measure_services.measure_status_update(
        actor=coordinator, measure=measure, status=status("fully-implemented")
    )

    html = client.get(BALANCE).content.decode()
    assert "2 (100 %)" in html


def test_the_state_balance_shows_writes_at_once(client, state_admin, two_places):
    client.force_login(state_admin)
    assert "2 Ziele · 5 Maßnahmen" in client.get(STATE).content.decode()  # kept
    measure = Measure.objects.get(task="Elternbriefe")

    measure_services.measure_status_update(
        actor=None, measure=measure, status=status("fully-implemented")
    )
    make_measure(Goal.objects.get(title="Nachbarziel"), "N4")

    html = client.get(STATE).content.decode()
    assert "2 Ziele · 6 Maßnahmen" in html
    # Musterstadt: both measures fully implemented now; Nachbarstadt 3 of 4
    # partly (its new measure starts as not implemented).
    assert '<td class="numeric">2 (100 %)</td><td class="numeric">0 (0 %)</td>' in html
    assert '<td class="numeric">0 (0 %)</td><td class="numeric">3 (75 %)</td>' in html
