"""Reads of the registry's exchange: the bodies and memberships a download
(and the API) lists, whose members' contact data a user may see, and what an
import matches its rows against."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from kette.core import roles
from kette.core.models import Municipality, Organisation

from ..models import Body, BodyMember, Person
from .people import current_members, persons_of_user


def exchange_bodies(*, municipality: Municipality) -> QuerySet[Body]:
    """Every body of the municipality with what its row shows, by name."""
    return (
        Body.objects.for_municipality(municipality)
        .select_related("body_type", "parent", "lead_person", "lead_organisation")
        .prefetch_related(
            "districts", "fields_of_action", "age_bands", "life_phases", "topics"
        )
        .order_by("name", "id")
    )


def exchange_members(
    *, municipality: Municipality, body: Body | None = None
) -> QuerySet[BodyMember]:
    """Every membership (past ones too) of the municipality's bodies, by body."""
    members = BodyMember.objects.filter(body__municipality=municipality)
    if body is not None:
        members = members.filter(body=body)
    return members.select_related("body", "person", "organisation").order_by(
        "body__name", "body_id", "person__last_name", "person__first_name", "id"
    )


def bodies_with_contacts(user: Any, municipality: Municipality) -> set[int] | None:
    """Ids of the bodies whose members' contact data the user sees
    (``networks.view_body_internals``); None: all of them (staff).

    The same facts as the rule, for all bodies in two queries instead of
    one check per body.
    """
    if user.has_perm("networks.manage_registry", municipality):
        return None
    if not roles.has_role(user, municipality):
        return set()
    persons = persons_of_user(user, municipality.pk)
    if not persons:
        return set()
    led = Body.objects.for_municipality(municipality).filter(lead_person__in=persons)
    member_of = BodyMember.objects.filter(
        current_members(), body__municipality=municipality, person__in=persons
    )
    return set(led.values_list("pk", flat=True)) | set(
        member_of.values_list("body_id", flat=True)
    )


def import_people(*, municipality: Municipality) -> list[Person]:
    """The municipality's people an import may name (not the erased)."""
    return list(
        Person.objects.for_municipality(municipality).filter(erased_at__isnull=True)
    )


def import_organisations(*, municipality: Municipality) -> list[Organisation]:
    return list(Organisation.objects.for_municipality(municipality))


def import_memberships(*, municipality: Municipality) -> list[BodyMember]:
    return list(BodyMember.objects.filter(body__municipality=municipality))


def body_get(*, municipality: Municipality, pk: int) -> Body:
    """One body of the municipality (DoesNotExist when not here)."""
    return exchange_bodies(municipality=municipality).get(pk=pk)


def member_get(*, municipality: Municipality, pk: int) -> BodyMember:
    """One membership of a body of the municipality."""
    return exchange_members(municipality=municipality).get(pk=pk)


def bodies_filtered(
    *, municipality: Municipality, query: str = "", status: str = ""
) -> QuerySet[Body]:
    bodies = exchange_bodies(municipality=municipality)
    if query:
        bodies = bodies.filter(
            Q(name__icontains=query) | Q(short_name__icontains=query)
        )
    if status:
        bodies = bodies.filter(status=status)
    return bodies


def person_get(*, municipality: Municipality, pk: int) -> Person:
    """One person of the municipality a membership or lead may name (not erased)."""
    return (
        Person.objects.for_municipality(municipality)
        .filter(erased_at__isnull=True)
        .get(pk=pk)
    )


def body_choices(*, municipality: Municipality) -> QuerySet[Body]:
    return Body.objects.for_municipality(municipality)
