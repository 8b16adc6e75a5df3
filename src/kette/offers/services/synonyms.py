"""Editing a municipality's search synonyms, audited.

The services take the model's editable fields as a plain dict, so fields the
search engine adds to ``SearchSynonym`` later pass through unchanged.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.models import Municipality

from ..models import SearchSynonym

PROTECTED_FIELDS = {"id", "municipality", "created_at", "updated_at"}


def synonym_editable_fields() -> list[str]:
    """The fields a person may set: every editable field but the tenant."""
    return [
        field.name
        for field in SearchSynonym._meta.concrete_fields
        if field.editable and field.name not in PROTECTED_FIELDS
    ]


def _normalise(data: dict[str, Any]) -> dict[str, Any]:
    values = {k: v for k, v in data.items() if k in synonym_editable_fields()}
    if isinstance(values.get("term"), str):
        values["term"] = " ".join(values["term"].split())
    if isinstance(values.get("alternatives"), str):
        parts = [" ".join(p.split()) for p in values["alternatives"].split(",")]
        values["alternatives"] = ", ".join(dict.fromkeys(p for p in parts if p))
    return values


def _validate(synonym: SearchSynonym) -> None:
    synonym.full_clean(exclude=["municipality"], validate_unique=False)
    clash = (
        SearchSynonym.objects.for_municipality(synonym.municipality)
        .filter(term__iexact=synonym.term)
        .exclude(pk=synonym.pk)
    )
    if clash.exists():
        raise ValidationError(
            {"term": _("This word already has an entry; edit that one instead.")}
        )


@transaction.atomic
def synonym_create(
    *, actor: Any, municipality: Municipality, data: dict[str, Any]
) -> SearchSynonym:
    """A new synonym of ``municipality``; ``data`` holds editable fields."""
    synonym = SearchSynonym(municipality=municipality, **_normalise(data))
    _validate(synonym)
    synonym.save()
    audit.record_created(actor=actor, instance=synonym)
    return synonym


@transaction.atomic
def synonym_update(
    *, actor: Any, synonym: SearchSynonym, data: dict[str, Any]
) -> SearchSynonym:
    before = audit.snapshot(synonym)
    for name, value in _normalise(data).items():
        setattr(synonym, name, value)
    _validate(synonym)
    synonym.save()
    audit.record_updated(actor=actor, instance=synonym, before=before)
    return synonym


@transaction.atomic
def synonym_delete(*, actor: Any, synonym: SearchSynonym) -> None:
    before = audit.snapshot(synonym)
    audit.record_deleted(actor=actor, instance=synonym, before=before)
    synonym.delete()
