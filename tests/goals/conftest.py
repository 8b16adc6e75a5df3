"""Fixtures of the goals tests: a goal with measures in Musterstadt, and
Musterstadt as ``kette demo`` builds it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

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
def musterstadt(settings, tmp_path):
    """Musterstadt after ``kette demo`` (data files in a scratch folder)."""
    settings.DATA_DIR = tmp_path
    call_command("demo", stdout=StringIO())
    return Municipality.objects.get(slug="musterstadt")
