"""Writes of organisations (Träger)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .. import audit
from ..models import Municipality, Organisation, Sector


@transaction.atomic
def organisation_create(
    *, actor: Any, municipality: Municipality, sector: Sector, name: str, **fields: Any
) -> Organisation:
    organisation = Organisation(
        municipality=municipality, sector=sector, name=name, **fields
    )
    organisation.full_clean()
    organisation.save()
    audit.record_created(actor=actor, instance=organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: Any, organisation: Organisation, **fields: Any
) -> Organisation:
    before = audit.snapshot(organisation)
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    audit.record_updated(actor=actor, instance=organisation, before=before)
    return organisation


@transaction.atomic
def organisation_delete(*, actor: Any, organisation: Organisation) -> None:
    before = audit.snapshot(organisation)
    audit.record_deleted(actor=actor, instance=organisation, before=before)
    organisation.delete()
