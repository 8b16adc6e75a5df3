"""Data built once for all tests of a module instead of once per test.

A module-scoped fixture builds its data inside a transaction that stays open
until the module's last test has run and is then rolled back. Each test's own
transaction (pytest-django's ``db``) nests in it as a savepoint, so whatever a
test writes is gone before the next test starts, exactly as with data built
per test. For tests that read the data or whose writes roll back with them;
not for transactional tests (``live_server``, ``transaction=True``), which
need committed data.

    @pytest.fixture(scope="module")
    def _world(django_db_setup, django_db_blocker):
        yield from kept_for_the_module(django_db_blocker, build_world)

    @pytest.fixture
    def world(db, _world):
        return _world

``tests/conftest.py`` moves the tests that use such a fixture to the front of
the run and keeps each module's tests on one xdist worker (see there).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from io import StringIO
from typing import TypeVar

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

T = TypeVar("T")


def kept_for_the_module(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """Yield ``build()``'s result, built in a transaction rolled back at the end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            value = build()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    try:
        yield value
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def demo_for_the_module(
    django_db_blocker, data_dir, language: str | None = None
) -> Iterator[str]:
    """``kette demo`` (data files in ``data_dir``, run in ``language`` or the
    default one) kept for a module; yields its output. ``DATA_DIR`` stays
    ``data_dir`` while the module's tests run."""

    def build() -> str:
        out = StringIO()
        with translation.override(language or settings.LANGUAGE_CODE):
            call_command("demo", stdout=out, stderr=StringIO())
        return out.getvalue()

    with override_settings(DATA_DIR=data_dir):
        yield from kept_for_the_module(django_db_blocker, build)
