"""Recording writes in the audit trail.

Services call these functions explicitly (no signals), right after the write
and inside the same transaction, so a rolled-back write leaves no entry.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models

from .models import AuditEntry, Municipality
from .models.audit import AuditAction

Snapshot = dict[str, Any]
SECRET_FIELDS = {"password", "key_hash"}


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return sorted((_json_value(item) for item in value), key=str)
    return value


def snapshot(instance: models.Model) -> Snapshot:
    """The instance's field values (many-to-many as sorted ids), JSON-ready."""
    values: Snapshot = {}
    for field in instance._meta.concrete_fields:
        if not field.editable and not field.is_relation:
            continue
        if field.name in SECRET_FIELDS:
            continue
        values[field.name] = _json_value(field.value_from_object(instance))
    if instance.pk is not None:
        for field in instance._meta.many_to_many:
            values[field.name] = sorted(
                getattr(instance, field.name).values_list("pk", flat=True)
            )
    return values


def diff(before: Snapshot, after: Snapshot) -> dict[str, list[Any]]:
    keys = before.keys() | after.keys()
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(keys)
        if before.get(key) != after.get(key)
    }


def municipality_of(instance: models.Model) -> Municipality | None:
    if isinstance(instance, Municipality):
        return instance
    return getattr(instance, "municipality", None)


def _entry(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    changes: dict,
    actor_name: str = "",
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


def record_created(*, actor: Any, instance: models.Model, actor_name: str = "") -> None:
    changes = {key: [None, value] for key, value in snapshot(instance).items()}
    _entry(
        actor=actor,
        action=AuditAction.CREATE,
        instance=instance,
        changes=changes,
        actor_name=actor_name,
    ).save()


def record_updated(
    *, actor: Any, instance: models.Model, before: Snapshot, actor_name: str = ""
) -> None:
    changes = diff(before, snapshot(instance))
    if changes:
        _entry(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=instance,
            changes=changes,
            actor_name=actor_name,
        ).save()


def record_deleted(
    *, actor: Any, instance: models.Model, before: Snapshot, actor_name: str = ""
) -> None:
    changes = {key: [value, None] for key, value in before.items()}
    _entry(
        actor=actor,
        action=AuditAction.DELETE,
        instance=instance,
        changes=changes,
        actor_name=actor_name,
    ).save()


def record_many(
    *,
    actor: Any,
    actor_name: str,
    created: Iterable[models.Model] = (),
    updated: Iterable[tuple[models.Model, Snapshot]] = (),
) -> None:
    """Bulk entries for imports: one entry per created or changed object."""
    entries = [
        _entry(
            actor=actor,
            action=AuditAction.CREATE,
            instance=obj,
            changes={k: [None, v] for k, v in snapshot(obj).items()},
            actor_name=actor_name,
        )
        for obj in created
    ]
    for obj, before in updated:
        changes = diff(before, snapshot(obj))
        if changes:
            entries.append(
                _entry(
                    actor=actor,
                    action=AuditAction.UPDATE,
                    instance=obj,
                    changes=changes,
                    actor_name=actor_name,
                )
            )
    AuditEntry.objects.bulk_create(entries, batch_size=500)
