"""Factories for the networks registry and minutes; they write through the
services, so validation and the audit trail are as in real use."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kette.core.models import BodyType, Municipality, Organisation
from kette.networks.models import Body, BodyMember, Person
from kette.networks.services import registry


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
