"""Reads of meetings and their unified minutes: a body's meetings, one
meeting, a version of its minutes laid out per agenda item."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from kette.core.models import Municipality, Organisation
from kette.goals.models import Goal

from ..models import (
    ActionItem,
    AgendaItem,
    Body,
    Meeting,
    Minutes,
    MinutesEntry,
    Person,
)


def body_get(*, municipality: Municipality, pk: int) -> Body:
    return Body.objects.select_related("municipality").get(
        municipality=municipality, pk=pk
    )


def meeting_get(*, municipality: Municipality, pk: int) -> Meeting:
    return Meeting.objects.select_related("body", "municipality").get(
        municipality=municipality, pk=pk
    )


def body_meetings(*, body: Body) -> tuple[list[Meeting], list[Meeting]]:
    """The body's upcoming meetings (soonest first) and past ones (latest first)."""
    now = timezone.now()
    meetings = Meeting.objects.filter(body=body).prefetch_related(
        Prefetch("minutes", queryset=Minutes.objects.order_by("-version"))
    )
    upcoming = list(meetings.filter(starts_at__gte=now).order_by("starts_at", "pk"))
    past = list(meetings.filter(starts_at__lt=now).order_by("-starts_at", "-pk"))
    return upcoming, past


def agenda_of(meeting: Meeting) -> list[AgendaItem]:
    return list(
        meeting.agenda.select_related("follow_up_of__meeting").order_by("position")
    )


def minutes_versions(meeting: Meeting) -> list[Minutes]:
    return list(
        meeting.minutes.select_related("written_by", "approved_by").order_by("-version")
    )


def minutes_version(meeting: Meeting, version: int | None = None) -> Minutes | None:
    """A version of the minutes, or the latest one (its entries with their
    agenda items read in one query)."""
    entries = MinutesEntry.objects.select_related("agenda_item")
    versions = meeting.minutes.order_by("-version").prefetch_related(
        Prefetch("entries", queryset=entries)
    )
    if version is not None:
        versions = versions.filter(version=version)
    return versions.first()


def latest_approved(meeting: Meeting) -> Minutes | None:
    return meeting.minutes.filter(state="approved").order_by("-version").first()


def action_items_of(meeting: Meeting) -> QuerySet[ActionItem]:
    return meeting.action_items.select_related(
        "body",
        "responsible_person",
        "responsible_organisation",
        "measure",
        "agenda_item",
    ).order_by("agenda_item__position", "pk")


@dataclass
class Section:
    """One agenda item in the minutes: what was said, agreed, and who does what."""

    item: AgendaItem
    entry: MinutesEntry | None
    actions: list[ActionItem] = field(default_factory=list)

    @property
    def agreements(self) -> list[str]:
        text = self.entry.agreements if self.entry else ""
        return [line.strip() for line in text.splitlines() if line.strip()]


@dataclass
class MinutesView:
    meeting: Meeting
    minutes: Minutes | None
    sections: list[Section]
    # Action items agreed outside any agenda item.
    other_actions: list[ActionItem]


def minutes_view(meeting: Meeting, minutes: Minutes | None) -> MinutesView:
    """The unified minutes of ``minutes`` (a version of the meeting's, or None
    before they are started). An approved version shows the action items
    agreed up to its approval, each with its status as it is now."""
    entries = {}
    if minutes is not None:
        entries = {entry.agenda_item_id: entry for entry in minutes.entries.all()}
    actions = action_items_of(meeting)
    if minutes is not None and minutes.approved_at is not None:
        actions = actions.filter(created_at__lte=minutes.approved_at)
    by_item: dict[int | None, list[ActionItem]] = {}
    for action in actions:
        by_item.setdefault(action.agenda_item_id, []).append(action)
    sections = [
        Section(item=item, entry=entries.get(item.pk), actions=by_item.pop(item.pk, []))
        for item in agenda_of(meeting)
    ]
    other = [action for actions in by_item.values() for action in actions]
    return MinutesView(
        meeting=meeting, minutes=minutes, sections=sections, other_actions=other
    )


def responsible_choices(
    *, municipality: Municipality
) -> tuple[QuerySet[Person], QuerySet[Organisation]]:
    people = Person.objects.filter(
        municipality=municipality, erased_at__isnull=True
    ).order_by("last_name", "first_name")
    organisations = Organisation.objects.filter(municipality=municipality).order_by(
        "name"
    )
    return people, organisations


def goals_for_measures(*, municipality: Municipality) -> QuerySet[Goal]:
    return Goal.objects.filter(municipality=municipality)
