"""Role matrix: each role can do exactly what DESIGN.md says, in its own municipality."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from kette.core.models import Role
from tests.core.factories import OrganisationFactory, UserFactory, user_with_role

ROLES = [
    "anonymous",
    "no_role",
    Role.PROVIDER_EDITOR,
    Role.NETWORK_LEAD,
    Role.PLANNER,
    Role.COORDINATOR,
    "state_admin",
]
MEMBERS = {Role.PROVIDER_EDITOR, Role.NETWORK_LEAD, Role.PLANNER, Role.COORDINATOR}

# permission → (object kind, roles allowed in their own municipality)
MATRIX = {
    "core.access_admin": (None, {"state_admin"}),
    "core.change_vocabulary": (None, {"state_admin"}),
    "core.manage_municipalities": (None, {"state_admin"}),
    "core.view_staff_area": ("municipality", MEMBERS | {"state_admin"}),
    "core.view_population": ("municipality", MEMBERS | {"state_admin"}),
    "core.view_memberships": ("municipality", {Role.COORDINATOR, "state_admin"}),
    "core.manage_memberships": ("municipality", {Role.COORDINATOR, "state_admin"}),
    "core.view_audit_trail": ("municipality", {Role.COORDINATOR, "state_admin"}),
    "core.manage_districts": (
        "municipality",
        {Role.PLANNER, Role.COORDINATOR, "state_admin"},
    ),
    "core.add_organisation": ("municipality", {Role.COORDINATOR, "state_admin"}),
    "core.change_organisation": (
        "bound_organisation",
        {Role.PROVIDER_EDITOR, Role.COORDINATOR, "state_admin"},
    ),
    "core.delete_organisation": (
        "bound_organisation",
        {Role.COORDINATOR, "state_admin"},
    ),
}


@pytest.fixture
def bound_organisation(municipality):
    return OrganisationFactory(municipality=municipality, name="Eigener Träger")


def make_user(role, municipality, bound_organisation):
    if role == "anonymous":
        return AnonymousUser()
    if role == "no_role":
        return UserFactory()
    if role == "state_admin":
        return UserFactory(is_state_admin=True)
    organisations = [bound_organisation] if role == Role.PROVIDER_EDITOR else None
    return user_with_role(municipality, role, organisations=organisations)


def target(kind, municipality, bound_organisation):
    return {
        None: None,
        "municipality": municipality,
        "bound_organisation": bound_organisation,
    }[kind]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", sorted(MATRIX))
def test_role_has_exactly_the_permissions_of_the_design(
    role, permission, municipality, bound_organisation
):
    kind, allowed = MATRIX[permission]
    user = make_user(role, municipality, bound_organisation)
    obj = target(kind, municipality, bound_organisation)
    assert user.has_perm(permission, obj) is (role in allowed)


@pytest.mark.parametrize("role", sorted(MEMBERS))
@pytest.mark.parametrize(
    "permission", sorted(p for p, (kind, _) in MATRIX.items() if kind)
)
def test_roles_grant_nothing_in_another_municipality(
    role, permission, municipality, other_municipality, bound_organisation
):
    user = make_user(role, municipality, bound_organisation)
    foreign_organisation = OrganisationFactory(municipality=other_municipality)
    kind, _ = MATRIX[permission]
    obj = other_municipality if kind == "municipality" else foreign_organisation
    assert not user.has_perm(permission, obj)


def test_provider_editor_cannot_edit_an_unbound_organisation_of_their_city(
    municipality, bound_organisation
):
    editor = make_user(Role.PROVIDER_EDITOR, municipality, bound_organisation)
    unbound = OrganisationFactory(municipality=municipality, name="Fremder Träger")
    assert editor.has_perm("core.change_organisation", bound_organisation)
    assert not editor.has_perm("core.change_organisation", unbound)


def test_inactive_state_admin_has_no_rights(municipality):
    user = UserFactory(is_state_admin=True, is_active=False)
    assert not user.has_perm("core.access_admin")
    assert not user.has_perm("core.view_staff_area", municipality)


def test_django_staff_flag_alone_does_not_open_the_admin(municipality):
    # Admin access is the state-admin rule, not Django's is_staff.
    user = UserFactory(is_superuser=False, is_staff=True)
    assert not user.has_perm("core.access_admin")
    assert not user.has_perm("core.view_staff_area", municipality)


@pytest.mark.parametrize("role", sorted(MEMBERS))
def test_a_deactivated_member_loses_every_right(role, municipality, bound_organisation):
    user = make_user(role, municipality, bound_organisation)
    user.is_active = False
    user.save()
    for permission, (kind, _) in MATRIX.items():
        assert not user.has_perm(
            permission, target(kind, municipality, bound_organisation)
        )
