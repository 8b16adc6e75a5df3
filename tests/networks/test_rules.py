"""Role × object matrix of the networks rules (networks/rules.py), in and out
of town: a network lead edits only the bodies they lead, members read their
body's internals, another municipality sees nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from kette.core.models import Role
from tests.core.factories import UserFactory, user_with_role

from .factories import make_body, make_member, make_person

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "no_role",
    "member",  # a provider editor who sits in the body
    "lead",  # a network lead who leads the body
    "other_lead",  # a network lead of another body
    Role.PROVIDER_EDITOR,
    Role.PLANNER,
    Role.COORDINATOR,
    "state_admin",
]
STAFF = {Role.COORDINATOR, "state_admin"}
MEMBERS = STAFF | {"member", "lead", "other_lead", Role.PROVIDER_EDITOR, Role.PLANNER}

# rule → {object: roles allowed}
MATRIX = {
    "networks.view_registry": {"municipality": MEMBERS, "body": MEMBERS},
    "networks.manage_registry": {"municipality": STAFF, "body": STAFF},
    "networks.change_body": {"body": STAFF | {"lead"}},
    "networks.view_body_internals": {"body": STAFF | {"lead", "member"}},
    "networks.view_analysis": {"municipality": STAFF | {Role.PLANNER}},
}
CASES = [(rule, kind) for rule, objects in sorted(MATRIX.items()) for kind in objects]


def make_user(role: str, municipality, body, other_body):
    if role == "anonymous":
        return AnonymousUser()
    if role == "no_role":
        return UserFactory()
    if role == "state_admin":
        return UserFactory(is_state_admin=True)
    if role in ("member", "lead", "other_lead"):
        kind = Role.PROVIDER_EDITOR if role == "member" else Role.NETWORK_LEAD
        user = user_with_role(municipality, kind)
        person = make_person(municipality, user.last_name, user=user)
        target = other_body if role == "other_lead" else body
        make_member(
            target,
            person=person,
            role="member" if role == "member" else "lead",
            joined_on=dt.date(2020, 1, 1),
        )
        return user
    return user_with_role(municipality, role)


@pytest.mark.parametrize(("rule", "kind"), CASES)
@pytest.mark.parametrize("role", ROLES)
def test_rule_matrix(rule, kind, role, municipality, other_municipality):
    body = make_body(municipality, "AG Sprache")
    other_body = make_body(municipality, "AG Sport")
    user = make_user(role, municipality, body, other_body)
    obj = municipality if kind == "municipality" else body
    assert user.has_perm(rule, obj) is (role in MATRIX[rule][kind])
    # The same user is nobody in another municipality (state admins aside).
    foreign = make_body(other_municipality, "Fremd")
    foreign_obj = other_municipality if kind == "municipality" else foreign
    expected = role == "state_admin" and "state_admin" in MATRIX[rule][kind]
    assert user.has_perm(rule, foreign_obj) is expected


def test_a_former_lead_no_longer_edits(municipality):
    body = make_body(municipality)
    user = user_with_role(municipality, Role.NETWORK_LEAD)
    person = make_person(municipality, user=user)
    make_member(
        body,
        person=person,
        role="lead",
        joined_on=dt.date(2020, 1, 1),
        left_on=dt.date(2021, 1, 1),
    )
    assert not user.has_perm("networks.change_body", body)
    assert not user.has_perm("networks.view_body_internals", body)


def test_a_network_lead_edits_their_body_over_http_but_not_another(
    municipality, client_for
):
    body = make_body(municipality, "AG Sprache")
    other = make_body(municipality, "AG Sport")
    user = user_with_role(municipality, Role.NETWORK_LEAD, second_factor=False)
    make_member(body, person=make_person(municipality, user=user), role="lead")
    client = client_for(user)
    slug = municipality.slug
    for name in ("body_update", "member_add"):
        page = client.get(reverse(f"networks:{name}", args=[slug, body.pk]))
        assert page.status_code == 200, name
    for name in ("body_update", "member_add"):
        page = client.get(reverse(f"networks:{name}", args=[slug, other.pk]))
        assert page.status_code == 403, name
    # Creating, deleting and the people pages are the coordinators'.
    assert client.get(reverse("networks:body_create", args=[slug])).status_code == 403
    delete = reverse("networks:body_delete", args=[slug, body.pk])
    assert client.post(delete).status_code == 403
    assert client.get(reverse("networks:person_list", args=[slug])).status_code == 403


def test_another_municipality_neither_reads_nor_writes(
    municipality, other_municipality, client_for
):
    body = make_body(municipality, "AG Sprache", is_public=True)
    member = make_member(body)
    stranger = user_with_role(other_municipality, Role.COORDINATOR)
    client = client_for(stranger)
    slug = municipality.slug
    for name, args in (
        ("body_list", []),
        ("body_tree", []),
        ("body_detail", [body.pk]),
        ("body_update", [body.pk]),
        ("body_create", []),
        ("member_add", [body.pk]),
        ("member_update", [body.pk, member.pk]),
        ("person_list", []),
        ("person_detail", [member.person_id]),
        ("person_export", [member.person_id]),
        ("person_erase", [member.person_id]),
    ):
        url = reverse(f"networks:{name}", args=[slug, *args])
        assert client.get(url).status_code == 403, name
        assert client.post(url).status_code in (403, 405), name
    # Its own municipality's address with a foreign id is a 404.
    own = other_municipality.slug
    for name, args in (
        ("body_detail", [body.pk]),
        ("body_update", [body.pk]),
        ("member_update", [body.pk, member.pk]),
        ("person_detail", [member.person_id]),
        ("person_export", [member.person_id]),
    ):
        url = reverse(f"networks:{name}", args=[own, *args])
        assert client.get(url).status_code == 404, name
    body.refresh_from_db()
    assert body.name == "AG Sprache"


def test_anonymous_visitors_are_sent_to_the_login(municipality, client):
    page = client.get(reverse("networks:body_list", args=[municipality.slug]))
    assert page.status_code == 302
    assert "anmelden" in page["Location"]
