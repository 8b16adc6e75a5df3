"""Shared fixtures: two municipalities so every test can check tenant isolation."""

from __future__ import annotations

import pytest
from django.test import Client

from kette.core.models import Role
from tests.core.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
    user_with_role,
)


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(slug="musterstadt", name="Musterstadt", ags="05999000")


@pytest.fixture
def other_municipality(db):
    return MunicipalityFactory(slug="nachbarstadt", name="Nachbarstadt", ags="05999001")


@pytest.fixture
def organisation(municipality):
    return OrganisationFactory(municipality=municipality)


@pytest.fixture
def coordinator(municipality):
    return user_with_role(municipality, Role.COORDINATOR, username="koordination")


@pytest.fixture
def state_admin(db):
    return UserFactory(username="land", is_state_admin=True)


def login(client: Client, user) -> Client:
    client.force_login(user)
    return client


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client logged in as ``user``."""

    def make(user) -> Client:
        return login(client, user)

    return make


@pytest.fixture
def english():
    """Run the test in English, for asserting on messages in their source wording."""
    from django.utils import translation

    with translation.override("en"):
        yield
