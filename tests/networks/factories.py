"""Factories for the networks registry and minutes; they write through the
services, so validation and the audit trail are as in real use."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kette.core.models import BodyType, Municipality, Organisation
from kette.networks.models import ActionItem, Body, BodyMember, Meeting, Person
from kette.networks.services import meetings, minutes, registry


def body_type(code: str = "working-group") -> BodyType:
    """One of the unified body types seeded by core (``BodyType.code``)."""
    return BodyType.objects.get(code=code)


def make_person(
    municipality: Municipality,
    last_name: str = "Yılmaz",
    *,
    actor: Any = None,
    **fields: Any,
) -> Person:
    fields.setdefault("first_name", "Ayşe")
    return registry.person_create(
        actor=actor, municipality=municipality, last_name=last_name, **fields
    )


def make_body(
    municipality: Municipality,
    name: str = "AG Frühe Hilfen",
    *,
    actor: Any = None,
    **fields: Any,
) -> Body:
    fields.setdefault("body_type", body_type())
    return registry.body_create(
        actor=actor, municipality=municipality, name=name, **fields
    )


def make_member(
    body: Body,
    *,
    person: Person | None = None,
    organisation: Organisation | None = None,
    actor: Any = None,
    **fields: Any,
) -> BodyMember:
    if person is None and organisation is None:
        person = make_person(body.municipality)
    fields.setdefault("joined_on", timezone.localdate() - dt.timedelta(days=365))
    return registry.member_add(
        actor=actor, body=body, person=person, organisation=organisation, **fields
    )


def make_meeting(
    body: Body,
    *,
    starts_at: dt.datetime | None = None,
    actor: Any = None,
    **fields: Any,
) -> Meeting:
    """A meeting of ``body`` (default: a week ago, 10:00); invited are the
    body's current members and the open action items of earlier meetings
    are on its agenda, as in real use."""
    if starts_at is None:
        day = timezone.localdate() - dt.timedelta(days=7)
        starts_at = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    fields.setdefault("place", "Rathaus, Raum 101")
    return meetings.meeting_create(
        actor=actor, body=body, starts_at=starts_at, **fields
    )


def make_action_item(
    meeting: Meeting,
    task: str = "Einladung an die Kitas versenden",
    *,
    actor: Any = None,
    status: str | None = None,
    **fields: Any,
) -> ActionItem:
    """An action item agreed in ``meeting`` (its draft minutes are started
    when needed); ``status`` moves it on through the status service."""
    fields.setdefault("due", timezone.localdate() + dt.timedelta(days=14))
    item = minutes.action_item_add(actor=actor, meeting=meeting, task=task, **fields)
    if status is not None:
        item = minutes.action_item_set_status(actor=actor, item=item, status=status)
    return item
