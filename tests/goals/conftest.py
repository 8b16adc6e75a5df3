"""Fixtures of the goals tests: a goal with measures in Musterstadt, and
Musterstadt as ``kette demo`` builds it."""

from __future__ import annotations

import pytest

from kette.core.models import Municipality, Role
from tests.core.factories import user_with_role

from .factories import make_goal, make_measure


@pytest.fixture
def responsible(municipality):
    """A provider editor of Musterstadt responsible for one measure."""
    return user_with_role(municipality, Role.PROVIDER_EDITOR, username="verantwortlich")


@pytest.fixture
def goal(municipality):
    return make_goal(municipality, description="Eltern werden beteiligt.")


@pytest.fixture
def measure(goal, responsible):
    return make_measure(goal, responsible_person=responsible)


@pytest.fixture
def musterstadt(shared_demo):
    """Musterstadt after ``kette demo`` (built once per module, data files in a
    scratch folder)."""
    return Municipality.objects.get(slug="musterstadt")
