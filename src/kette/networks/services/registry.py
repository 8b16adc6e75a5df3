"""Writes of the registry: people, bodies and their members.

Every function runs in one transaction, validates with ``full_clean`` and
records what a person changed in the audit trail (kette.core.audit).
Many-to-many tags are passed as iterables of terms and replaced as a whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.exceptions import KetteError
from kette.core.models import AuditEntry, Municipality
from kette.core.models.audit import AuditAction

from ..models import Body, BodyMember, Person, Topic

PERSON_FIELDS = (
    "first_name",
    "last_name",
    "function",
    "organisation",
    "email",
    "phone",
    "user",
)
#: What erasure blanks, also in the audit trail's recorded values.
PERSONAL_FIELDS = {"first_name", "last_name", "function", "email", "phone", "user"}
BODY_FIELDS = (
    "name",
    "short_name",
    "body_type",
    "parent",
    "description",
    "city_wide",
    "founded_on",
    "meeting_rhythm",
    "lead_person",
    "lead_organisation",
    "status",
    "is_public",
    "contact_email",
    "contact_phone",
)
BODY_TAGS = (
    "districts",
    "fields_of_action",
    "age_bands",
    "life_phases",
    "goals",
    "measures",
)
MEMBER_FIELDS = ("person", "organisation", "role", "joined_on", "left_on", "note")


def _assign(
    instance: models.Model, fields: Iterable[str], values: dict[str, Any]
) -> None:
    unknown = set(values) - set(fields)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(instance, name, value)


# --- people -----------------------------------------------------------------


@transaction.atomic
def person_create(*, actor: Any, municipality: Municipality, **values: Any) -> Person:
    person = Person(municipality=municipality)
    _assign(person, PERSON_FIELDS, values)
    person.full_clean()
    person.save()
    audit.record_created(actor=actor, instance=person)
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, **values: Any) -> Person:
    if person.is_erased:
        raise KetteError(_("This person's data was erased; it cannot be edited."))
    before = audit.snapshot(person)
    _assign(person, PERSON_FIELDS, values)
    person.full_clean()
    person.save()
    audit.record_updated(actor=actor, instance=person, before=before)
    return person


@transaction.atomic
def person_erase(*, actor: Any, person: Person) -> Person:
    """GDPR Art. 17: blank the personal data, keep the row for the minutes.

    Memberships, minutes and action items still point at the row, which now
    reads "former member"; the audit trail keeps that it was erased, not
    what was erased.
    """
    if person.is_erased:
        return person
    person.first_name = ""
    person.last_name = ""
    person.function = ""
    person.email = ""
    person.phone = ""
    person.user = None
    person.erased_at = timezone.now()
    person.save()
    _erase_from_trail(person)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=person,
        changes={"erased": [False, True]},
    )
    return person


def _erase_from_trail(person: Person) -> None:
    """Art. 17 reaches the audit trail: the entries of the person and of
    their memberships keep what was done, not the personal values or name."""
    names = {(Person._meta.label, str(person.pk)): str(person)}
    for member in person.memberships.select_related("person", "organisation"):
        names[(BodyMember._meta.label, str(member.pk))] = str(member)[:250]
    entries = AuditEntry.objects.filter(
        object_type__in=[Person._meta.label, BodyMember._meta.label],
        object_id__in=[object_id for _label, object_id in names],
    )
    for entry in entries:
        key = (entry.object_type, entry.object_id)
        if key not in names:
            continue
        changes = entry.changes or {}
        for name in PERSONAL_FIELDS & changes.keys():
            value = changes[name]
            changes[name] = [None] * len(value) if isinstance(value, list) else None
        entry.object_repr = names[key]
        entry.changes = changes
        entry.save(update_fields=["object_repr", "changes"])


# --- bodies -----------------------------------------------------------------


def topics_ensure(municipality: Municipality, names: Iterable[str]) -> list[Topic]:
    """The municipality's topics of these names, made when new."""
    topics = []
    for name in dict.fromkeys(name.strip() for name in names if name and name.strip()):
        topic, _created = Topic.objects.get_or_create(
            municipality=municipality, name=name
        )
        topics.append(topic)
    return topics


def _set_tags(body: Body, tags: dict[str, Any], topics: Iterable[str] | None) -> None:
    for name, terms in tags.items():
        if name not in BODY_TAGS:
            raise TypeError(f"unknown tag: {name}")
        getattr(body, name).set(list(terms))
    if topics is not None:
        body.topics.set(topics_ensure(body.municipality, topics))


def _split(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    tags = {name: values.pop(name) for name in list(values) if name in BODY_TAGS}
    return values, tags


@transaction.atomic
def body_create(
    *,
    actor: Any,
    municipality: Municipality,
    topics: Iterable[str] | None = None,
    **values: Any,
) -> Body:
    fields, tags = _split(dict(values))
    body = Body(municipality=municipality)
    _assign(body, BODY_FIELDS, fields)
    body.full_clean()
    body.save()
    _set_tags(body, tags, topics)
    audit.record_created(actor=actor, instance=body)
    return body


@transaction.atomic
def body_update(
    *, actor: Any, body: Body, topics: Iterable[str] | None = None, **values: Any
) -> Body:
    fields, tags = _split(dict(values))
    before = audit.snapshot(body)
    _assign(body, BODY_FIELDS, fields)
    body.full_clean()
    body.save()
    _set_tags(body, tags, topics)
    audit.record_updated(actor=actor, instance=body, before=before)
    return body


@transaction.atomic
def body_delete(*, actor: Any, body: Body) -> None:
    if body.children.exists():
        raise KetteError(
            _("Other bodies are part of this one; move or delete them first.")
        )
    before = audit.snapshot(body)
    counts = {
        "members": body.members.count(),
        "meetings": body.meetings.count(),
    }
    audit.record_deleted(
        actor=actor, instance=body, before=before, extra={"cascaded": [counts, None]}
    )
    body.delete()


# --- members ----------------------------------------------------------------


@transaction.atomic
def member_add(
    *,
    actor: Any,
    body: Body,
    new_person: dict[str, Any] | None = None,
    **values: Any,
) -> BodyMember:
    """Add a member; ``new_person`` (person fields) makes the person first,
    in the same transaction, for a member entered by name only."""
    if new_person is not None:
        values["person"] = person_create(
            actor=actor, municipality=body.municipality, **new_person
        )
    member = BodyMember(body=body)
    _assign(member, MEMBER_FIELDS, values)
    if member.person_id and member.organisation_id is None:
        member.organisation = member.person.organisation
    member.full_clean()
    member.save()
    audit.record_created(actor=actor, instance=member)
    return member


@transaction.atomic
def member_update(*, actor: Any, member: BodyMember, **values: Any) -> BodyMember:
    before = audit.snapshot(member)
    _assign(member, MEMBER_FIELDS, values)
    member.full_clean()
    member.save()
    audit.record_updated(actor=actor, instance=member, before=before)
    return member


def member_leave(
    *, actor: Any, member: BodyMember, left_on: dt.date | None = None
) -> BodyMember:
    """End a membership; the row stays so membership over time is kept."""
    return member_update(
        actor=actor, member=member, left_on=left_on or timezone.localdate()
    )


@transaction.atomic
def member_delete(*, actor: Any, member: BodyMember) -> None:
    """Remove a membership entered by mistake (leaving is ``member_leave``)."""
    audit.record_deleted(actor=actor, instance=member, before=audit.snapshot(member))
    member.delete()
