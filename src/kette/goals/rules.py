"""Named permission rules of goals and measures.

Objects: the municipality, a goal or a measure. Coordinators (and the state
coordination office) keep the vision, the goals and the measures; every
member of the municipality reads them; the person responsible for a measure
updates its status. Role × object tests: tests/goals/test_rules.py.
"""

from __future__ import annotations

from typing import Any

import rules

from kette.core import roles
from kette.core.rules import is_coordinator, is_member, is_state_admin

from .models import Measure


@rules.predicate
def is_responsible_for_measure(user: Any, measure: Any) -> bool:
    """The measure's responsible person, while they have a role there."""
    return (
        isinstance(measure, Measure)
        and measure.responsible_person_id is not None
        and measure.responsible_person_id == getattr(user, "pk", None)
        and roles.has_role(user, measure.municipality)
    )


staff = is_state_admin | is_coordinator

rules.add_perm("goals.view_goals", is_state_admin | is_member)
rules.add_perm("goals.manage_goals", staff)
# The balance across all municipalities (no object).
rules.add_perm("goals.view_state_balance", is_state_admin)
rules.add_perm("goals.update_measure_status", staff | is_responsible_for_measure)
# Goal workshops, their participants, ideas, perspectives, vote and backlog
# (object: the municipality or a workshop). Participants vote through their
# personal link, not through a rule.
rules.add_perm("goals.manage_workshops", staff)
# Quality-cycle self-assessments (object: the municipality or an assessment):
# coordinators and state admins assess; every member reads them
# (goals.view_goals). The state's overview across municipalities: no object.
rules.add_perm("goals.assess_quality", staff)
rules.add_perm("goals.view_state_quality", is_state_admin)
# Review rounds (object: the municipality or a round): coordinators and state
# admins open, follow up and close them and read the report. The people asked
# answer through their personal link (or signed in), not through a rule.
rules.add_perm("goals.manage_reviews", staff)
