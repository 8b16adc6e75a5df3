"""Named permission rules of networks and working bodies.

Objects: the municipality, or a body (or something of a body: a meeting,
an action item). Coordinators and the state coordination office keep the
registry; a network lead keeps the bodies they lead (lead or secretariat
member, or the body's lead person); members of a body read its internal
minutes and its members' contact data; every member of the municipality
reads the registry. Role × object tests: tests/networks/test_rules.py.
"""

from __future__ import annotations

from typing import Any

import rules

from kette.core import roles
from kette.core.models import Role
from kette.core.rules import is_coordinator, is_member, is_planner, is_state_admin

from .selectors.people import body_of, leads_body, persons_of_user, sits_in_body


@rules.predicate
def is_body_lead(user: Any, obj: Any) -> bool:
    """A network lead of the municipality who leads this body."""
    body = body_of(obj)
    return (
        body is not None
        and roles.has_role(user, body.municipality, Role.NETWORK_LEAD)
        and leads_body(user, body)
    )


@rules.predicate
def is_body_member(user: Any, obj: Any) -> bool:
    """A current member of this body, signed in with a role in its municipality."""
    body = body_of(obj)
    return (
        body is not None
        and roles.has_role(user, body.municipality)
        and sits_in_body(user, body)
    )


@rules.predicate
def is_responsible_for_action(user: Any, item: Any) -> bool:
    """The action item's responsible person, signed in with a role there."""
    person_id = getattr(item, "responsible_person_id", None)
    return (
        person_id is not None
        and roles.has_role(user, item.municipality)
        and person_id in persons_of_user(user, item.municipality_id)
    )


staff = is_state_admin | is_coordinator

# The registry (object: the municipality or a body).
rules.add_perm("networks.view_registry", is_state_admin | is_member)
rules.add_perm("networks.manage_registry", staff)
rules.add_perm("networks.change_body", staff | is_body_lead)
# Internal minutes, meetings and members' contact data (object: a body).
rules.add_perm("networks.view_body_internals", staff | is_body_lead | is_body_member)
# An action item's status (object: the action item): who keeps the body, and
# the person who took the task on.
rules.add_perm(
    "networks.update_action_item", staff | is_body_lead | is_responsible_for_action
)
# Overlap, load and graph (object: the municipality).
rules.add_perm("networks.view_analysis", staff | is_planner)
# Checkliste Netzwerkmanagement (object: the municipality or an assessment);
# the item list is state-wide (no object).
rules.add_perm("networks.assess_checklist", staff)
rules.add_perm("networks.manage_checklist_items", is_state_admin)
