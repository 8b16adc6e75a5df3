"""A goal workshop of Musterstadt as in Oberhausen's second workshop (seed 000).

Ideas per target group, eight goal perspectives, twelve participants (three
of them demo logins) who gave 16, 14, 12, 9, 4, 3, 1 and 1 points; the vote
is closed, the four best perspectives are chosen and the other four are in
the backlog (Themenspeicher) with the workshop's reason. A second run writes
nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils.translation import gettext as _

from kette.core.demo import DemoContext, register
from kette.core.demo.places import MUSTERSTADT
from kette.core.models import TargetGroup

from ..models import (
    Idea,
    Perspective,
    PerspectiveDecision,
    Vote,
    VotingState,
    Workshop,
    WorkshopParticipant,
)

DOTS = 5
# In UTC, as the database gives it back: a second run then compares equal.
VOTED_AT = dt.datetime(2025, 3, 27, 10, tzinfo=dt.UTC)
REASON = (
    "Im Workshop weniger Punkte; wird im Themenspeicher gesammelt und zu einem "
    "späteren Zeitpunkt bearbeitet."
)
# (title, points, ideas as (target group code or None, text)), in the order
# the project group prepared them.
PERSPECTIVES = [
    (
        "Zwischen allen Kooperierenden gibt es ein abgestimmtes, einheitliches "
        "Präventionsverständnis",
        16,
        [(None, "Einheitliche Zielperspektiven mit Stadt und Gesellschaft")],
    ),
    (
        "Für Familien gibt es bedarfsgerechte, aktuelle und leicht zugängliche "
        "Informationsangebote",
        4,
        [
            ("parents", "Infobroschüre mehrsprachig und über das Jobcenter verteilen"),
            ("young-parents", "Infotelefon für junge Eltern (nicht beim Jugendamt)"),
            ("expectant-parents", "Aufsuchender Besuchsdienst bis zur Kita"),
        ],
    ),
    (
        "Präventionsangebote werden zielgerichtet, passgenau und abgestimmt "
        "angeboten und sind in ihrem Ergebnis wirkungsvoll",
        12,
        [
            (None, "Abgestimmter Einsatz von Geld und Personal"),
            (None, "Jährliche Schwerpunktsetzung mit Nachhaltigkeitssicherung"),
            ("low-income-families", "Sozialarbeit in Familienzentren stärken"),
        ],
    ),
    (
        "Es gibt ein effektives und effizientes Netzwerkmanagement",
        14,
        [
            (None, "Doppelstrukturen aufbrechen, Angebote transparent machen"),
            ("parents", "Sozialraumorientierte Transparenz: Was gibt es im Quartier?"),
        ],
    ),
    (
        "Eltern werden als Erziehungspartner verstanden und beteiligt",
        9,
        [
            ("parents", "Erziehungspartnerschaft leben"),
            (
                "children",
                "Strukturen der Beteiligung von Eltern und Kindern entwickeln",
            ),
        ],
    ),
    (
        "Die Aufgaben von Mitarbeitenden sind klar definiert",
        1,
        [(None, "Klare Aufgabendefinition und Arbeitsentlastung")],
    ),
    (
        "Der Fachkräftemangel wird als Thema wahrgenommen und Konzepte zur "
        "Bekämpfung werden berücksichtigt",
        1,
        [(None, "Konzept gegen den Fachkräftemangel (Erzieherinnen, Hebammen)")],
    ),
    (
        "Das Übergangsmanagement ist verbessert",
        3,
        [("children", "Übergang Kita – Grundschule optimieren")],
    ),
]
CHOSEN = 4
# (name, demo login): three of the demo's logins and nine guests.
PARTICIPANTS = [
    ("", "koordination"),
    ("", "planung"),
    ("", "netzwerk"),
    ("Frau Acar, Familienzentrum", ""),
    ("Herr Becker, Jugendamt", ""),
    ("Frau Dąbrowska, Gesundheitsamt", ""),
    ("Herr Engel, Grundschule", ""),
    ("Frau Fischer, Kita", ""),
    ("Herr Günther, Jobcenter", ""),
    ("Frau Hoffmann, Hebammenverband", ""),
    ("Herr Ivanov, Migrationsdienst", ""),
    ("Frau Jansen, Schulsozialarbeit", ""),
]


@register(order=120)
def build(context: DemoContext) -> None:
    municipality = context.municipalities[MUSTERSTADT.slug]
    workshop = context.upsert(
        Workshop,
        lookup={"municipality": municipality, "title": "Zielworkshop Präventionskette"},
        values={
            "date": dt.date(2025, 3, 27),
            "place": "Bürgerzentrum Mitte",
            "facilitator": "Koordinierungsstelle Präventionskette",
            "notes": "Priorisierung der Zielperspektiven durch Punktevergabe.",
            "dots_per_participant": DOTS,
            "allow_stacking": True,
            "voting": VotingState.CLOSED,
        },
    )
    groups = {group.code: group for group in TargetGroup.objects.all()}
    perspectives = []
    for position, (title, _points, ideas) in enumerate(PERSPECTIVES, 1):
        perspective = context.upsert(
            Perspective,
            lookup={"workshop": workshop, "title": title},
            values={"position": position},
        )
        perspectives.append(perspective)
        for number, (code, text) in enumerate(ideas, 1):
            context.upsert(
                Idea,
                lookup={"workshop": workshop, "text": text},
                values={
                    "target_group": groups.get(code) if code else None,
                    "perspective": perspective,
                    "position": position * 10 + number,
                },
            )
    participants = [
        context.upsert(
            WorkshopParticipant,
            lookup={"workshop": workshop, "name": name, "user": user},
            values={"voted_at": VOTED_AT},
        )
        for name, user in _people(context)
    ]
    _votes(context, perspectives, participants)
    ranked = sorted(
        zip(perspectives, PERSPECTIVES, strict=True), key=lambda item: -item[1][1]
    )
    for rank, (perspective, _planned) in enumerate(ranked, 1):
        chosen = rank <= CHOSEN
        context.upsert(
            Perspective,
            lookup={"pk": perspective.pk},
            values={
                "decision": PerspectiveDecision.CHOSEN
                if chosen
                else PerspectiveDecision.BACKLOG,
                "backlog_reason": "" if chosen else REASON,
                "decided_on": workshop.date,
            },
        )
    context.say(
        _(
            "%(workshop)s: %(participants)d participants, %(perspectives)d goal perspectives"
        )
        % {
            "workshop": workshop,
            "participants": len(participants),
            "perspectives": len(perspectives),
        }
    )


def _people(context: DemoContext) -> list[tuple[str, object]]:
    return [
        (name, context.users[username] if username else None)
        for name, username in PARTICIPANTS
    ]


def _votes(
    context: DemoContext,
    perspectives: list[Perspective],
    participants: list[WorkshopParticipant],
) -> None:
    """Ballots of five dots each that add up to the planned points."""
    dots = [
        perspective.pk
        for perspective, (_title, points, _ideas) in sorted(
            zip(perspectives, PERSPECTIVES, strict=True), key=lambda item: -item[1][1]
        )
        for _point in range(points)
    ]
    for index, participant in enumerate(participants):
        for pk, count in Counter(dots[index * DOTS : (index + 1) * DOTS]).items():
            context.upsert(
                Vote,
                lookup={"participant": participant, "perspective_id": pk},
                values={"dots": count},
            )
