"""Shared fixtures: two municipalities so every test can check tenant isolation."""

from __future__ import annotations

import pytest
from django.test import Client
from django.test.client import ClientMixin
from django_otp import DEVICE_ID_SESSION_KEY

from kette.core.models import Role
from kette.offers.search.terms import terms_changed
from tests.core.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
    give_second_factor_if_required,
    user_with_role,
)


@pytest.fixture(autouse=True)
def _fresh_search_terms():
    """The vocabularies a search holds in memory are read again in each test
    (a rolled-back test sends no signal that its terms are gone)."""
    terms_changed()


@pytest.fixture(scope="session", autouse=True)
def _force_login_with_second_factor():
    """``client.force_login(user)`` stands for a completed login: for a user
    whose role requires two-factor login that includes the code. The user gets
    an app if the role requires one and has none, and the session counts as
    verified with it (as after the code step). Tests of the login itself use
    the login pages."""
    plain = ClientMixin.force_login

    def force_login(self, user, backend=None):
        plain(self, user, backend)
        device = give_second_factor_if_required(user)
        if device is not None:
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ClientMixin, "force_login", force_login)
        yield


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


def login_without_code(client: Client, user) -> Client:
    """A session of ``user`` that has not been through the code step."""
    client.force_login(user)
    session = client.session
    session.pop(DEVICE_ID_SESSION_KEY, None)
    session.save()
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
