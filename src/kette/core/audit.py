"""Recording writes in the audit trail.

Services call these functions explicitly (no signals), right after the write
and inside the same transaction, so a rolled-back write leaves no entry.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db import models
from django.utils import timezone

from . import fastsql
from .models import AuditEntry
from .models.audit import AuditAction
from .models.municipality import municipality_of

Snapshot = dict[str, Any]
# Never recorded: hashes of passwords and tokens are secrets too.
SECRET_FIELDS = {"password", "key_hash"}
# Recorded as a short summary: a district outline can be megabytes of GeoJSON.
GEOMETRY_FIELDS = {"geometry"}


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return sorted((_json_value(item) for item in value), key=str)
    return value


def _geometry_summary(geometry: Any) -> str | None:
    """The geometry type with a fingerprint, enough to see that it changed."""
    if not geometry:
        return None
    digest = hashlib.sha256(
        json.dumps(geometry, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()[:12]
    return f"{geometry.get('type', '?')} #{digest}"


def snapshot(instance: models.Model) -> Snapshot:
    """The instance's field values (many-to-many as sorted ids), JSON-ready."""
    values: Snapshot = {}
    for field in instance._meta.concrete_fields:
        if field.name in SECRET_FIELDS or (
            not field.editable and not field.is_relation
        ):
            continue
        value = field.value_from_object(instance)
        if field.name in GEOMETRY_FIELDS:
            values[field.name] = _geometry_summary(value)
        else:
            values[field.name] = _json_value(value)
    if instance.pk is not None:
        for field in instance._meta.many_to_many:
            # UUID keys (offers) as text, like every other recorded value.
            values[field.name] = [
                _json_value(pk)
                for pk in sorted(
                    getattr(instance, field.name).values_list("pk", flat=True)
                )
            ]
    return values


def diff(before: Snapshot, after: Snapshot) -> dict[str, list[Any]]:
    keys = before.keys() | after.keys()
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(keys)
        if before.get(key) != after.get(key)
    }


def _entry(
    *, actor: Any, action: str, instance: models.Model, changes: dict, actor_name: str
) -> AuditEntry:
    person = _person(actor)
    return AuditEntry(
        **_values(
            actor_id=person.pk if person else None,
            actor_name=_actor_name(person, actor_name),
            action=action,
            instance=instance,
            changes=changes,
        )
    )


def _values(
    *,
    actor_id: Any,
    actor_name: str,
    action: str,
    instance: models.Model,
    changes: dict,
) -> dict[str, Any]:
    """An entry's values by attribute name, in the order of ``ROW_FIELDS``
    (after ``at``): ``_entry`` makes one entry of them, ``record_many`` a row."""
    municipality = municipality_of(instance)
    return {
        "actor_id": actor_id,
        "actor_name": actor_name,
        "municipality_id": municipality.pk if municipality is not None else None,
        "action": action,
        "object_type": instance._meta.label,
        "object_id": str(instance.pk),
        "object_repr": str(instance)[:250],
        "changes": changes,
    }


def _person(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


#: The name entries without a person or a name of their own are recorded
#: under, e.g. a command writing through services (``acting_as``).
_ACTING_AS: contextvars.ContextVar[str] = contextvars.ContextVar(
    "audit_acting_as", default=""
)


@contextlib.contextmanager
def acting_as(name: str) -> Iterator[None]:
    """Record the writes inside under ``name`` where no person acts, e.g.
    ``"import_goals (command line)"`` for a command calling the services."""
    token = _ACTING_AS.set(name)
    try:
        yield
    finally:
        _ACTING_AS.reset(token)


def acting_name(actor_name: str = "") -> str:
    """``actor_name``, else the name set by ``acting_as`` (may be empty)."""
    return actor_name or _ACTING_AS.get()


def _actor_name(person: Any, actor_name: str) -> str:
    if person:
        return person.get_username()[:150]
    return (acting_name(actor_name) or "system")[:150]


#: The columns ``record_many`` writes: ``at``, then those of ``_values``.
ROW_FIELDS = [
    "at",
    "actor",
    "actor_name",
    "municipality",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
]


def _created(values: Snapshot) -> dict[str, list[Any]]:
    return {key: [None, value] for key, value in values.items()}


def _deleted(before: Snapshot) -> dict[str, list[Any]]:
    return {key: [value, None] for key, value in before.items()}


def record_created(*, actor: Any, instance: models.Model, actor_name: str = "") -> None:
    record_many(actor=actor, actor_name=actor_name, created=[instance])


def record_updated(
    *, actor: Any, instance: models.Model, before: Snapshot, actor_name: str = ""
) -> None:
    record_many(actor=actor, actor_name=actor_name, updated=[(instance, before)])


def record_deleted(
    *,
    actor: Any,
    instance: models.Model,
    before: Snapshot,
    actor_name: str = "",
    extra: dict[str, Any] | None = None,
) -> None:
    """Record a deletion; ``extra`` adds context such as cascaded row counts."""
    changes = _deleted(before) | (extra or {})
    _entry(
        actor=actor,
        action=AuditAction.DELETE,
        instance=instance,
        changes=changes,
        actor_name=actor_name,
    ).save()


def record(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    changes: dict[str, Any],
    actor_name: str = "",
) -> None:
    """Record changes computed by the caller, e.g. of an object with parts."""
    if changes or action != AuditAction.UPDATE:
        _entry(
            actor=actor,
            action=action,
            instance=instance,
            changes=changes,
            actor_name=actor_name,
        ).save()


def record_many(
    *,
    actor: Any,
    actor_name: str = "",
    created: Iterable[models.Model] = (),
    updated: Iterable[tuple[models.Model, Snapshot]] = (),
    snapshot_of: Callable[[models.Model], Snapshot] | None = None,
) -> None:
    """One entry per created object and per object that really changed.

    ``snapshot_of`` replaces ``snapshot`` for the objects' current state, e.g.
    when a bulk writer already holds what it wrote (an offer's content) and
    reading it back per object would cost queries.
    """
    current = snapshot_of or snapshot
    person = _person(actor)
    who = {
        "actor_id": person.pk if person else None,
        "actor_name": _actor_name(person, actor_name),
    }
    now = timezone.now()
    table = fastsql.Table(AuditEntry, ROW_FIELDS)

    def row(action: str, obj: models.Model, changes: dict) -> tuple:
        # A row, not an entry: an import writes 100,000 entries, and a model
        # instance per entry (and bulk_create's per-value preparation) cost
        # as much again as the rows themselves.
        values = _values(**who, action=action, instance=obj, changes=changes)
        return table.row([now, *values.values()])

    rows = [row(AuditAction.CREATE, obj, _created(current(obj))) for obj in created]
    for obj, before in updated:
        if changes := diff(before, current(obj)):
            rows.append(row(AuditAction.UPDATE, obj, changes))
    if rows:
        fastsql.insert(table, rows)
