"""Who someone is in the networks: their person rows, the bodies they lead
or sit in. The permission rules are made of these."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from ..models import Body, BodyMember, MemberRole, Person

LEADING_ROLES = (MemberRole.LEAD, MemberRole.SECRETARIAT)


def body_of(obj: Any) -> Body | None:
    """The body an object belongs to (a body, meeting, action item, member...)."""
    if isinstance(obj, Body):
        return obj
    body = getattr(obj, "body", None)
    if isinstance(body, Body):
        return body
    meeting = getattr(obj, "meeting", None)
    return getattr(meeting, "body", None) if meeting is not None else None


def current_members() -> Q:
    """Memberships that hold today (joined, not yet left)."""
    today = timezone.localdate()
    return (Q(joined_on__isnull=True) | Q(joined_on__lte=today)) & (
        Q(left_on__isnull=True) | Q(left_on__gt=today)
    )


def persons_of_user(user: Any, municipality_id: int) -> list[int]:
    """Ids of the user's person rows in the municipality (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cache = user.__dict__.setdefault("_kette_network_persons", {})
    if municipality_id not in cache:
        cache[municipality_id] = list(
            Person.objects.filter(
                user=user, municipality_id=municipality_id, erased_at__isnull=True
            ).values_list("pk", flat=True)
        )
    return cache[municipality_id]


def leads_body(user: Any, body: Body) -> bool:
    persons = persons_of_user(user, body.municipality_id)
    if not persons:
        return False
    if body.lead_person_id in persons:
        return True
    return BodyMember.objects.filter(
        current_members(), body=body, person__in=persons, role__in=LEADING_ROLES
    ).exists()


def sits_in_body(user: Any, body: Body) -> bool:
    persons = persons_of_user(user, body.municipality_id)
    return bool(persons) and (
        body.lead_person_id in persons
        or BodyMember.objects.filter(
            current_members(), body=body, person__in=persons
        ).exists()
    )


def bodies_led_by(user: Any, municipality_id: int) -> list[int]:
    """Ids of the bodies the user leads in the municipality."""
    persons = persons_of_user(user, municipality_id)
    if not persons:
        return []
    return list(
        Body.objects.filter(municipality_id=municipality_id)
        .filter(
            Q(lead_person__in=persons)
            | Q(
                members__in=BodyMember.objects.filter(
                    current_members(), person__in=persons, role__in=LEADING_ROLES
                )
            )
        )
        .values_list("pk", flat=True)
        .distinct()
    )
