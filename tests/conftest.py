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
from tests.shared_data import demo_for_the_module

#: Run first among their kind (lower rank first), so that no long test starts
#: last and keeps one xdist worker busy while the other has nothing left to do.
FIRST = ("tests/test_benches.py", "tests/test_crawl.py")


def _shares_module_data(item: pytest.Item) -> bool:
    """Does the test use data built once per module (``tests/shared_data.py``)?"""
    info = getattr(item, "_fixtureinfo", None)
    return info is not None and any(
        defs[-1].scope == "module" and "django_db_blocker" in defs[-1].argnames
        for defs in info.name2fixturedefs.values()
    )


def _rank(item: pytest.Item) -> int:
    path = item.nodeid.split("::")[0]
    if path in FIRST:
        return FIRST.index(path)
    return len(FIRST) if _shares_module_data(item) else len(FIRST) + 1


def _phase(item: pytest.Item) -> int:
    """pytest-django's order (database tests, then transactional ones, then the
    rest), except that the long tests without database (benchmarks) go first.
    Transactional tests stay after the others: they leave the database empty."""
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    if "live_server" in fixtures or "transactional_db" in fixtures:
        return 2
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return 2
    if marker is not None or "db" in fixtures:
        return 1
    return 0 if item.nodeid.split("::")[0] in FIRST else 3


def pytest_itemcollected(item: pytest.Item) -> None:
    """The tests of a module that shares one demo build run on one xdist
    worker (``--dist loadgroup`` in scripts/test.sh): one build, not two."""
    if "_shared_demo" in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests first within their kind (whole modules keep their
    order). In a module with data shared by its tests, the tests that do not
    use it run before it is built: they must not see it."""
    ranks: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::")[0]
        ranks[module] = min(ranks.get(module, len(FIRST) + 1), _rank(item))
    items.sort(
        key=lambda item: (
            _phase(item),
            ranks[item.nodeid.split("::")[0]],
            item.nodeid.split("::")[0],
            _shares_module_data(item),
        )
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


@pytest.fixture(scope="module")
def _shared_demo(request, django_db_setup, django_db_blocker, tmp_path_factory):
    # In English where the module's tests run in English (the demo's data
    # follows the language, and a second run must find the same).
    marks = getattr(request.module, "pytestmark", [])
    english = any(
        mark.name == "usefixtures" and "english" in mark.args
        for mark in (marks if isinstance(marks, list) else [marks])
    )
    yield from demo_for_the_module(
        django_db_blocker, tmp_path_factory.mktemp("demo"), "en" if english else None
    )


@pytest.fixture
def shared_demo(db, _shared_demo) -> str:
    """``kette demo`` built once for the test module (see tests/shared_data.py),
    its data files in a scratch ``DATA_DIR``; returns the demo's output. What a
    test changes is rolled back after it, as usual."""
    return _shared_demo


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
