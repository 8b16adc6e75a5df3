"""Recording writes in the audit trail.

Services call these functions explicitly (no signals), right after the write
and inside the same transaction, so a rolled-back write leaves no entry.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Callable, Iterable
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
    person = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry(
        actor=person,
        actor_name=(person.get_username() if person else actor_name or "system")[:150],
        municipality=municipality_of(instance),
        action=action,
        object_type=instance._meta.label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:250],
        changes=changes,
    )


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
    entries = [
        _entry(
            actor=actor,
            action=AuditAction.CREATE,
            instance=obj,
            changes=_created(current(obj)),
            actor_name=actor_name,
        )
        for obj in created
    ]
    for obj, before in updated:
        if changes := diff(before, current(obj)):
            entries.append(
                _entry(
                    actor=actor,
                    action=AuditAction.UPDATE,
                    instance=obj,
                    changes=changes,
                    actor_name=actor_name,
                )
            )
    if not entries:
        return
    # Straight to the driver: an import of 100,000 offers writes as many
    # entries, and bulk_create's per-value preparation doubled that time.
    now = timezone.now()
    table = fastsql.Table(AuditEntry)
    for entry in entries:
        entry.at = now
    fastsql.insert(table, (table.row_of(entry) for entry in entries))
