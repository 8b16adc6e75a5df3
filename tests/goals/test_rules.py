"""Role × object matrix of the goal rules (goals/rules.py), in and out of town."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from kette.core.models import Membership, Role
from tests.core.factories import UserFactory, user_with_role

from .factories import make_goal, make_measure

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "no_role",
    "responsible",
    Role.PROVIDER_EDITOR,
    Role.NETWORK_LEAD,
    Role.PLANNER,
    Role.COORDINATOR,
    "state_admin",
]
STAFF = {Role.COORDINATOR, "state_admin"}
MEMBERS = STAFF | {"responsible", Role.PROVIDER_EDITOR, Role.NETWORK_LEAD, Role.PLANNER}

# rule → {object: roles allowed}; "own measure" has the "responsible" user as
# its responsible person, "other measure" someone else.
MATRIX = {
    "goals.view_goals": {"municipality": MEMBERS, "goal": MEMBERS},
    "goals.manage_goals": {"municipality": STAFF, "goal": STAFF, "own measure": STAFF},
    # quality-cycle self-assessments: coordinators assess, members read
    "goals.assess_quality": {"municipality": STAFF},
    # review rounds: open, follow up, close, report (people answer by link)
    "goals.manage_reviews": {"municipality": STAFF},
    "goals.update_measure_status": {
        "own measure": STAFF | {"responsible"},
        "other measure": STAFF,
    },
}
CASES = [(rule, kind) for rule, objects in sorted(MATRIX.items()) for kind in objects]


def make_user(role: str, municipality):
    if role == "anonymous":
        return AnonymousUser()
    if role == "no_role":
        return UserFactory()
    if role == "state_admin":
        return UserFactory(is_state_admin=True)
    if role == "responsible":
        return user_with_role(municipality, Role.PROVIDER_EDITOR)
    return user_with_role(municipality, role)


def world(municipality, role):
    user = make_user(role, municipality)
    person = (
        user if role == "responsible" else user_with_role(municipality, Role.PLANNER)
    )
    other = user_with_role(municipality, Role.NETWORK_LEAD)
    goal = make_goal(municipality)
    objects = {
        "municipality": municipality,
        "goal": goal,
        "own measure": make_measure(goal, responsible_person=person),
        "other measure": make_measure(goal, responsible_person=other),
    }
    return user, objects


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("rule", "kind"), CASES)
def test_rule_matrix_in_the_users_municipality(municipality, rule, kind, role):
    user, objects = world(municipality, role)
    assert user.has_perm(rule, objects[kind]) == (role in MATRIX[rule][kind])


@pytest.mark.parametrize("role", ["responsible", Role.PLANNER, Role.COORDINATOR])
@pytest.mark.parametrize(("rule", "kind"), CASES)
def test_roles_in_another_municipality_grant_nothing(
    municipality, other_municipality, rule, kind, role
):
    _user, objects = world(municipality, role)
    # The same kind of user, but of the neighbouring town; for "responsible"
    # the responsible person of the measure is the Musterstadt user.
    outsider = make_user(role, other_municipality)
    assert not outsider.has_perm(rule, objects[kind])


def test_a_responsible_person_who_lost_their_role_no_longer_updates(municipality):
    user, objects = world(municipality, "responsible")
    assert user.has_perm("goals.update_measure_status", objects["own measure"])
    Membership.objects.filter(user=user).delete()
    user = type(user).objects.get(pk=user.pk)  # a fresh request: no cached roles
    assert not user.has_perm("goals.update_measure_status", objects["own measure"])


@pytest.mark.parametrize("role", ROLES)
def test_only_state_admins_see_the_quality_cycle_across_municipalities(
    municipality, role
):
    user = make_user(role, municipality)
    assert user.has_perm("goals.view_state_quality") == (role == "state_admin")
