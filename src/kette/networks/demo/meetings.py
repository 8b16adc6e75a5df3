"""Musterstadt's meetings of 2026 with unified minutes: agenda, discussion,
agreements and action items; earlier open items come back on the next agenda
(Wiedervorlage), some are overdue, one became a goal measure; the latest
minutes of a body are still a draft, and a few bodies meet again in early
2027. A second run writes nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from kette.core.demo import DemoContext, register
from kette.core.demo.places import MUSTERSTADT
from kette.goals.models import Measure

from ..models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Body,
    BodyMember,
    Meeting,
    Minutes,
    MinutesEntry,
    MinutesState,
)
from .registry import ORDER as REGISTRY_ORDER

ORDER = REGISTRY_ORDER + 1
#: Bodies with minutes in the demo, and whether they meet again in 2027.
MEETING_BODIES = (
    ("Lenkungsgruppe Präventionskette", True),
    ("Netzwerk Frühe Hilfen Musterstadt", True),
    ("Arbeitskreis Sprachförderung", True),
    ("Stadtteilkonferenz West", True),
    ("Runder Tisch Hafenviertel", False),
    ("Stadtteilkonferenz Nord", True),
    ("Stadtteilkonferenz Innenstadt", False),
    ("Stadtteilkonferenz Süd-Ost", False),
    ("AG 78 Kindertagesbetreuung", False),
    ("AG 78 Hilfen zur Erziehung", False),
    ("Arbeitskreis Übergang Kita–Grundschule", True),
    ("Arbeitskreis Übergang Schule–Beruf", False),
    ("Arbeitskreis Kinderarmut und Teilhabe", False),
    ("Qualitätszirkel Kita-Leitungen", False),
)
#: Meeting days of 2026 (month, day); each body meets at its own hour.
DAYS_2026 = ((3, 10), (6, 16), (10, 13))
DAY_2027 = (1, 26)
TASKS = (
    "Übersicht der Angebote für {topic} aktualisieren und an alle Mitglieder senden",
    "Termin mit der Schulsozialarbeit zu {topic} vereinbaren",
    "Flyer zu {topic} in Türkisch, Arabisch und Ukrainisch übersetzen lassen",
    "Bedarfe der Einrichtungen zu {topic} abfragen und zusammenstellen",
    "Bericht zu {topic} für den Jugendhilfeausschuss entwerfen",
    "Fachtag {topic} vorbereiten: Raum, Referentin, Einladung",
)


def _at(day: dt.date, hour: int) -> dt.datetime:
    # In UTC, as the database gives it back: a second run then finds the same
    # values and writes nothing.
    local = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    return local.astimezone(dt.UTC)


def _agenda(
    context: DemoContext, meeting: Meeting, titles: list[tuple[str, ActionItem | None]]
) -> list[AgendaItem]:
    return [
        context.upsert(
            AgendaItem,
            lookup={"meeting": meeting, "position": position},
            values={"title": title[:300], "follow_up_of": follow_up},
        )
        for position, (title, follow_up) in enumerate(titles, 1)
    ]


def _meeting(
    context: DemoContext, body: Body, when: dt.datetime, open_items: list[ActionItem]
):
    members = list(
        BodyMember.objects.filter(body=body, left_on__isnull=True).select_related(
            "person"
        )
    )
    meeting = context.upsert(
        Meeting,
        lookup={"body": body, "starts_at": when},
        values={
            "municipality": body.municipality,
            "ends_at": when + dt.timedelta(hours=2),
            "place": "Rathaus Musterstadt, Sitzungsraum 2"
            if body.city_wide
            else "Stadtteilzentrum, Gemeinschaftsraum",
        },
    )
    if set(meeting.invited.values_list("pk", flat=True)) != {m.pk for m in members}:
        meeting.invited.set(members)
    topic = body.topics.order_by("name").first()
    topic_name = topic.name if topic else body.short_name
    titles = [("Begrüßung und Protokoll der letzten Sitzung", None)]
    titles += [(f"Wiedervorlage: {item.task}", item) for item in open_items]
    titles += [
        (f"{topic_name}: " + "Stand und nächste Schritte", None),
        ("Berichte aus den Einrichtungen", None),
        ("Verschiedenes", None),
    ]
    return meeting, members, topic_name, _agenda(context, meeting, titles)


def _topic_item(agenda: list[AgendaItem]) -> AgendaItem:
    """The item on the body's topic: the first after the welcome and the
    follow-ups."""
    return next(item for item in agenda[1:] if item.follow_up_of_id is None)


def _minutes(
    context, meeting, agenda, members, topic_name, approved: bool, number: int
):
    attended = [member for i, member in enumerate(members) if (i + number) % 4 != 0]
    if set(meeting.attended.values_list("pk", flat=True)) != {m.pk for m in attended}:
        meeting.attended.set(attended)
    minutes = context.upsert(
        Minutes,
        lookup={"meeting": meeting, "version": 1},
        values={
            "state": MinutesState.APPROVED if approved else MinutesState.DRAFT,
            "summary": f"{len(attended)} Mitglieder haben teilgenommen.",
            "approved_at": meeting.starts_at + dt.timedelta(days=14)
            if approved
            else None,
        },
    )
    for item in agenda:
        context.upsert(
            MinutesEntry,
            lookup={"minutes": minutes, "agenda_item": item},
            values={
                "discussion": f"Die Mitglieder besprechen: {item.title}.",
                "agreements": "Das Gremium vereinbart die folgenden nächsten Schritte."
                if item == _topic_item(agenda)
                else "",
            },
        )
    return minutes


def _responsible(meeting, people: list, number: int):
    """Who takes a task on: the body's lead person takes every second one
    (so the demo network lead has tasks of her own), members the others."""
    lead = meeting.body.lead_person
    if number % 2 and lead is not None and lead in people:
        return lead
    return people[number % len(people)] if people else None


def _actions(context, meeting, agenda, members, topic_name, number, today):
    people = [member.person for member in members if member.person_id]
    topic_item = next(
        item for item in agenda if item.follow_up_of_id is None and item.position > 1
    )
    items = []
    for offset in range(2):
        task = TASKS[(number * 2 + offset) % len(TASKS)].format(topic=topic_name)
        due = meeting.starts_at.date() + dt.timedelta(weeks=6 + 4 * offset)
        # Items of the first meetings are done; of later ones one stays open,
        # so some are overdue and come back on the next agenda.
        done = offset == 0 and due < today
        items.append(
            context.upsert(
                ActionItem,
                lookup={"meeting": meeting, "task": task},
                values={
                    "municipality": meeting.municipality,
                    "body": meeting.body,
                    "agenda_item": topic_item,
                    "responsible_person": _responsible(
                        meeting, people, number + offset
                    ),
                    "due": due,
                    "status": ActionStatus.DONE if done else ActionStatus.OPEN,
                    "done_on": due - dt.timedelta(days=3) if done else None,
                },
            )
        )
    return items


@register(order=ORDER)
def build(context: DemoContext) -> None:
    town = context.municipalities[MUSTERSTADT.slug]
    today = timezone.localdate()
    meetings = actions = 0
    for number, (name, meets_again) in enumerate(MEETING_BODIES):
        body = Body.objects.for_municipality(town).filter(name=name).first()
        if body is None:
            continue
        hour = 9 + number % 6
        open_items: list[ActionItem] = []
        days = [dt.date(2026, month, day) for month, day in DAYS_2026]
        for index, day in enumerate(days):
            meeting, members, topic, agenda = _meeting(
                context, body, _at(day, hour), open_items
            )
            _minutes(
                context, meeting, agenda, members, topic, index < len(days) - 1, number
            )
            made = _actions(
                context, meeting, agenda, members, topic, number + index, today
            )
            open_items = [i for i in open_items + made if i.status == ActionStatus.OPEN]
            meetings += 1
            actions += len(made)
        if meets_again:
            _meeting(context, body, _at(dt.date(2027, *DAY_2027), hour), open_items)
            meetings += 1
    _one_became_a_measure(context, town)
    context.say(
        _(
            "%(municipality)s: %(meetings)d meetings with minutes, %(actions)d action items"
        )
        % {"municipality": town, "meetings": meetings, "actions": actions}
    )


def _one_became_a_measure(context: DemoContext, town) -> None:
    item = (
        ActionItem.objects.for_municipality(town)
        .filter(body__name=MEETING_BODIES[0][0])
        .order_by("meeting__starts_at", "pk")
        .first()
    )
    measure = Measure.objects.for_municipality(town).order_by("pk").first()
    if item is not None and measure is not None:
        context.upsert(ActionItem, lookup={"pk": item.pk}, values={"measure": measure})
