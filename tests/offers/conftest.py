"""Fixtures shared by the offers tests."""

from __future__ import annotations

import pytest

from kette.core.models import Role
from tests.core.factories import DistrictFactory, square, user_with_role


@pytest.fixture
def editor(municipality, organisation):
    return user_with_role(
        municipality, Role.PROVIDER_EDITOR, organisations=[organisation]
    )


@pytest.fixture
def district(municipality):
    return DistrictFactory(
        municipality=municipality, code="01", geometry=square(6.80, 51.40)
    )
