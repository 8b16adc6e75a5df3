"""Named permission rules of core; views, API and admin all ask these.

Rules on municipal data take the municipality (or an object belonging to one)
as their object. Role × municipality tests: tests/core/test_rules.py.
"""

from __future__ import annotations

from typing import Any

import rules

from . import roles
from .models import Organisation, Role
from .models.municipality import municipality_of


@rules.predicate
def is_state_admin(user: Any) -> bool:
    return roles.is_state_admin(user)


def _role_predicate(name: str, *role_names: str) -> rules.Predicate:
    def check(user: Any, obj: Any = None) -> bool:
        return roles.has_role(user, municipality_of(obj), *role_names)

    return rules.predicate(check, name=name)


is_member = _role_predicate("is_member")
is_coordinator = _role_predicate("is_coordinator", Role.COORDINATOR)
is_planner = _role_predicate("is_planner", Role.PLANNER)


@rules.predicate
def edits_this_organisation(user: Any, organisation: Any) -> bool:
    return isinstance(organisation, Organisation) and roles.edits_organisation(
        user, organisation
    )


# Django admin: the state coordination office only.
rules.add_perm("core.access_admin", is_state_admin)
rules.add_perm("core.change_vocabulary", is_state_admin)
rules.add_perm("core.manage_municipalities", is_state_admin)

# The staff area of a municipality (object: municipality).
rules.add_perm("core.view_staff_area", is_state_admin | is_member)
rules.add_perm("core.view_memberships", is_state_admin | is_coordinator)
rules.add_perm("core.manage_memberships", is_state_admin | is_coordinator)
rules.add_perm("core.view_audit_trail", is_state_admin | is_coordinator)

# Districts (object: municipality).
rules.add_perm("core.manage_districts", is_state_admin | is_coordinator | is_planner)
rules.add_perm("core.view_population", is_state_admin | is_member)

# Organisations (object: municipality for add, the organisation otherwise).
rules.add_perm("core.add_organisation", is_state_admin | is_coordinator)
rules.add_perm(
    "core.change_organisation",
    is_state_admin | is_coordinator | edits_this_organisation,
)
rules.add_perm("core.delete_organisation", is_state_admin | is_coordinator)
