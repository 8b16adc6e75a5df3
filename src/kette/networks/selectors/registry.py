"""Reads of the registry pages: bodies, people, the public list and a
person's data (GDPR Art. 15).

Lists are annotated (current members, last meeting) rather than counted per
row, so a page of bodies costs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from kette.core.models import Municipality
from kette.goals.models import Goal, Measure

from ..models import (
    ActionItem,
    Body,
    BodyMember,
    BodyStatus,
    Meeting,
    Person,
    Topic,
)
from .people import current_members

PUBLIC_STATUSES = (BodyStatus.ACTIVE, BodyStatus.DORMANT)


def _current_member_count() -> Subquery:
    counted = (
        BodyMember.objects.filter(current_members(), body=OuterRef("pk"))
        .order_by()
        .values("body")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _last_meeting() -> Subquery:
    return Subquery(
        Meeting.objects.filter(body=OuterRef("pk"), starts_at__lte=timezone.now())
        .order_by("-starts_at")
        .values("starts_at")[:1]
    )


def body_list(*, municipality: Municipality) -> QuerySet[Body]:
    """The municipality's bodies with type, parent, lead, current member count
    (``member_count``) and the start of the last meeting held (``last_meeting``)."""
    return (
        Body.objects.filter(municipality=municipality)
        .select_related("body_type", "parent", "lead_person", "lead_organisation")
        .prefetch_related("districts")
        .annotate(member_count=_current_member_count(), last_meeting=_last_meeting())
        .order_by("name", "pk")
    )


@dataclass
class BodyNode:
    body: Body
    children: list[BodyNode] = field(default_factory=list)


def body_tree(*, municipality: Municipality) -> list[BodyNode]:
    """Bodies nested under the networks they are part of (one query)."""
    bodies = list(
        Body.objects.filter(municipality=municipality).select_related("body_type")
    )
    nodes = {body.pk: BodyNode(body) for body in bodies}
    roots = []
    for body in bodies:
        parent = nodes.get(body.parent_id)
        (parent.children if parent else roots).append(nodes[body.pk])
    return roots


def body_get(*, municipality: Municipality, pk: int) -> Body:
    return Body.objects.select_related(
        "body_type", "parent", "lead_person", "lead_organisation", "municipality"
    ).get(municipality=municipality, pk=pk)


@dataclass(frozen=True)
class BodyDetail:
    body: Body
    current: list[BodyMember]
    former: list[BodyMember]
    children: list[Body]
    meeting_count: int
    last_meeting: Any


def body_detail(*, body: Body) -> BodyDetail:
    """Everything the body page shows: tags, members now and before, children."""
    members = list(
        body.members.select_related("person", "organisation").order_by(
            "role", "person__last_name", "organisation__name", "pk"
        )
    )
    today = timezone.localdate()
    current = [m for m in members if m.is_current(today)]
    former = [m for m in members if not m.is_current(today)]
    meetings = body.meetings.filter(starts_at__lte=timezone.now())
    return BodyDetail(
        body=body,
        current=current,
        former=sorted(former, key=lambda m: m.left_on or today, reverse=True),
        children=list(body.children.select_related("body_type")),
        meeting_count=body.meetings.count(),
        last_meeting=meetings.aggregate(last=Max("starts_at"))["last"],
    )


def member_get(*, body: Body, pk: int) -> BodyMember:
    return BodyMember.objects.select_related("person", "organisation", "body").get(
        body=body, pk=pk
    )


def person_choices(*, municipality: Municipality) -> QuerySet[Person]:
    """People a member can be picked from (erased people are no choice)."""
    return Person.objects.filter(
        municipality=municipality, erased_at__isnull=True
    ).select_related("organisation")


def body_choices(
    *, municipality: Municipality, exclude: Body | None = None
) -> QuerySet[Body]:
    bodies = Body.objects.filter(municipality=municipality)
    return bodies.exclude(pk=exclude.pk) if exclude is not None else bodies


def topic_names(*, municipality: Municipality) -> list[str]:
    return list(
        Topic.objects.filter(municipality=municipality).values_list("name", flat=True)
    )


def goal_choices(*, municipality: Municipality) -> QuerySet[Goal]:
    return Goal.objects.filter(municipality=municipality).order_by("title")


def measure_choices(*, municipality: Municipality) -> QuerySet[Measure]:
    return Measure.objects.filter(municipality=municipality).select_related("goal")


def person_list(*, municipality: Municipality) -> QuerySet[Person]:
    """The municipality's people with their number of current memberships."""
    today = timezone.localdate()
    current = (
        Q(memberships__joined_on__isnull=True) | Q(memberships__joined_on__lte=today)
    ) & (Q(memberships__left_on__isnull=True) | Q(memberships__left_on__gt=today))
    return (
        Person.objects.filter(municipality=municipality)
        .select_related("organisation")
        .annotate(body_count=Count("memberships", filter=current))
        .order_by("last_name", "first_name", "pk")
    )


def person_get(*, municipality: Municipality, pk: int) -> Person:
    return Person.objects.select_related("organisation", "user").get(
        municipality=municipality, pk=pk
    )


def person_memberships(*, person: Person) -> list[BodyMember]:
    """The person's memberships over time, newest first."""
    return list(
        person.memberships.select_related("body", "organisation").order_by(
            "-joined_on", "-pk"
        )
    )


def public_body_list(*, municipality: Municipality) -> QuerySet[Body]:
    """Bodies the municipality shows publicly: marked public, not dissolved."""
    return (
        Body.objects.filter(
            municipality=municipality, is_public=True, status__in=PUBLIC_STATUSES
        )
        .select_related("body_type")
        .prefetch_related(
            "districts",
            "topics",
            "fields_of_action",
            Prefetch("age_bands"),
        )
    )


def public_body_get(*, municipality: Municipality, pk: int) -> Body:
    return public_body_list(municipality=municipality).get(pk=pk)


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _name(obj: Any) -> str | None:
    return str(obj) if obj is not None else None


def person_data(*, person: Person) -> dict[str, Any]:
    """Everything kette holds about a person (GDPR Art. 15), as JSON values."""
    memberships = person_memberships(person=person)
    attended = Meeting.objects.filter(attended__person=person).select_related("body")
    invited = Meeting.objects.filter(invited__person=person).select_related("body")
    actions = ActionItem.objects.filter(responsible_person=person).select_related(
        "body", "meeting"
    )
    return {
        "person": {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "function": person.function,
            "organisation": _name(person.organisation),
            "email": person.email,
            "phone": person.phone,
            "user_account": person.user.get_username() if person.user else None,
            "erased_at": _date(person.erased_at),
            "created_at": _date(person.created_at),
            "updated_at": _date(person.updated_at),
        },
        "municipality": person.municipality.name,
        "leads": [body.name for body in person.led_bodies.order_by("name")],
        "memberships": [
            {
                "body": member.body.name,
                "organisation": _name(member.organisation),
                "role": member.get_role_display(),
                "joined_on": _date(member.joined_on),
                "left_on": _date(member.left_on),
                "note": member.note,
            }
            for member in memberships
        ],
        "meetings_invited": [_meeting(meeting) for meeting in invited.distinct()],
        "meetings_attended": [_meeting(meeting) for meeting in attended.distinct()],
        "action_items": [
            {
                "body": item.body.name,
                "meeting": _meeting(item.meeting),
                "task": item.task,
                "due": _date(item.due),
                "status": item.get_status_display(),
                "done_on": _date(item.done_on),
                "comment": item.status_note,
            }
            for item in actions
        ],
    }


def _meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        "body": meeting.body.name,
        "title": meeting.title,
        "starts_at": _date(meeting.starts_at),
    }
