"""Fixtures of the API tests: a JSON client, users per role, tokens."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from kette.core.models import ApiToken, Role
from kette.core.services.accounts import api_token_create
from tests.core.factories import OrganisationFactory, UserFactory, user_with_role


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def api_as(api):
    """``api_as(user)``: the API client with a session of ``user`` (None: anonymous)."""

    def make(user) -> APIClient:
        if user is not None:
            api.force_login(user)
        return api

    return make


@pytest.fixture
def bound_organisation(municipality):
    return OrganisationFactory(municipality=municipality, name="Familienzentrum e.V.")


@pytest.fixture
def people(municipality, bound_organisation, state_admin):
    """One user per role in ``municipality``, the state admin and nobody."""
    return {
        "coordinator": user_with_role(municipality, Role.COORDINATOR),
        "planner": user_with_role(municipality, Role.PLANNER),
        "network_lead": user_with_role(municipality, Role.NETWORK_LEAD),
        "provider_editor": user_with_role(
            municipality, Role.PROVIDER_EDITOR, organisations=[bound_organisation]
        ),
        "state_admin": state_admin,
        "no_role": UserFactory(),
        "anonymous": None,
    }


@pytest.fixture
def make_token():
    """``make_token(user, days=None, scope="full")``: the raw value of a new token."""

    def make(user, days: int | None = None, scope: str = ApiToken.Scope.FULL) -> str:
        _token, raw = api_token_create(
            actor=None, user=user, name="test", scope=scope, valid_days=days
        )
        return raw

    return make
