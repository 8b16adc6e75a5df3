"""Keeping the balance counts (``BalanceCount``) up to date.

Every write that changes a count (goals, their tags, measures, their status
and history; imports and the demo) calls ``refresh_balance_counts`` for its
municipality before its transaction commits: that municipality is counted
again (kette.goals.selectors.balance_counts, a few ms) and its rows
rewritten, in the same transaction, so the counts commit or roll back with
the write. Deleting a municipality deletes its rows (cascade).
``rebuild_balance_counts`` counts every municipality afresh (migration 0008;
``kette rebuild_balance_counts`` after rows were written around the
services, e.g. by bulk loads).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps as django_apps
from django.apps.registry import Apps
from django.db import connection, transaction

from kette.core.models import Municipality

from ..models import BalanceCount
from ..selectors.balance_counts import Counts, count_by_municipality

#: The first key of the advisory locks (the second: the municipality)
LOCK_SPACE = 1_224_112
_deferred = threading.local()


def _place(municipality: Municipality | int) -> int:
    return municipality if isinstance(municipality, int) else municipality.pk


def _lock(place: int) -> None:
    """Hold the municipality's counts until the transaction ends, so that two
    writes in one municipality at the same time count one after the other:
    the second counts once the first has committed, and sees its rows.
    PostgreSQL: a transaction-level advisory lock (taken last, so it waits
    for nothing while held); SQLite writes one transaction at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_SPACE, place])


def _keep(counts: dict[int, Counts], places: Iterable[int], model: Any) -> None:
    model.objects.bulk_create(
        (
            model(municipality_id=place, kind=kind, term=term, quarter=quarter, n=n)
            for place in places
            for kind, term, quarter, n in counts.get(place, Counts()).rows()
        ),
        batch_size=1000,
    )


@transaction.atomic
def refresh_balance_counts(municipality: Municipality | int) -> None:
    """Count the municipality again and keep the result (see the module doc).
    Call it as the last step of a write (it locks, see ``_lock``)."""
    place = _place(municipality)
    places = getattr(_deferred, "places", None)
    if places is not None:
        places.add(place)
        return
    _lock(place)
    BalanceCount.objects.filter(municipality_id=place).delete()
    _keep(count_by_municipality([place]), [place], BalanceCount)


@contextmanager
def balance_counts_deferred() -> Iterator[None]:
    """Inside: writes note their municipality; each noted one is counted
    once on leaving (for imports and the demo, which write many rows of one
    municipality in one transaction). Leave it inside that transaction;
    nothing is counted when it is left by an error or the transaction is
    to be rolled back."""
    if getattr(_deferred, "places", None) is not None:  # nested: the outer counts
        yield
        return
    _deferred.places = set()
    try:
        yield
        places = sorted(_deferred.places)
    finally:
        _deferred.places = None
    if transaction.get_rollback():  # e.g. an import's dry run: nothing to keep
        return
    for place in places:
        refresh_balance_counts(place)


def rebuild_balance_counts(*, registry: Apps = django_apps) -> int:
    """Count every municipality afresh and keep the counts; the number of
    municipalities with goals. ``registry``: a migration's models."""
    model = registry.get_model("kette_goals", "BalanceCount")
    with transaction.atomic():
        counts = count_by_municipality(registry=registry)
        model.objects.all().delete()
        _keep(counts, sorted(counts), model)
    return len(counts)
