"""Oberhausen's second goal workshop (seed 000), built through the services.

Eight goal perspectives; twelve participants with five dots each give them
16, 14, 12, 9, 4, 3, 1 and 1 points.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from kette.core.models import Municipality
from kette.goals.models import Perspective, Workshop, WorkshopParticipant
from kette.goals.services import workshops as services

# In the order the project group prepared them (seed 000, section 3).
PERSPECTIVES = [
    "Zwischen allen Kooperierenden gibt es ein abgestimmtes, einheitliches "
    "Präventionsverständnis",
    "Für Familien gibt es bedarfsgerechte, aktuelle und leicht zugängliche "
    "Informationsangebote",
    "Präventionsangebote werden zielgerichtet, passgenau und abgestimmt "
    "angeboten und sind in ihrem Ergebnis wirkungsvoll",
    "Es gibt ein effektives und effizientes Netzwerkmanagement",
    "Eltern werden als Erziehungspartner verstanden und beteiligt",
    "Die Aufgaben von Mitarbeitenden sind klar definiert",
    "Der Fachkräftemangel wird als Thema wahrgenommen und Konzepte zur "
    "Bekämpfung werden berücksichtigt",
    "Das Übergangsmanagement ist verbessert",
]
# Points per perspective as in seed 000, section 4.
POINTS = {
    PERSPECTIVES[0]: 16,
    PERSPECTIVES[3]: 14,
    PERSPECTIVES[2]: 12,
    PERSPECTIVES[4]: 9,
    PERSPECTIVES[1]: 4,
    PERSPECTIVES[7]: 3,
    PERSPECTIVES[6]: 1,
    PERSPECTIVES[5]: 1,
}
DOTS = 5


def seed_workshop(
    municipality: Municipality, actor=None, *, dots: int = DOTS
) -> tuple[Workshop, list[Perspective], list[WorkshopParticipant]]:
    """The workshop with its perspectives and twelve participants, vote open."""
    workshop = services.workshop_create(
        actor=actor,
        municipality=municipality,
        data={
            "title": "Zielkonkretisierung, Workshop 2",
            "date": dt.date(2012, 8, 27),
            "place": "Bürgerzentrum Alte Heid",
            "facilitator": "Koordinierungsstelle",
            "dots_per_participant": dots,
            "allow_stacking": True,
        },
    )
    perspectives = [
        services.perspective_create(
            actor=actor, workshop=workshop, data={"title": title}
        )
        for title in PERSPECTIVES
    ]
    participants = [
        services.participant_add(
            actor=actor, workshop=workshop, data={"name": f"Teilnehmende {n}"}
        )
        for n in range(1, 13)
    ]
    services.workshop_set_voting(actor=actor, workshop=workshop, state="open")
    return workshop, perspectives, participants


def seed_ballots(
    perspectives: list[Perspective], participants: list[WorkshopParticipant]
) -> None:
    """Cast ballots of five dots each that add up to the seed's points."""
    by_title = {p.title: p for p in perspectives}
    dots = [by_title[title].pk for title, n in POINTS.items() for _ in range(n)]
    for index, participant in enumerate(participants):
        chunk = dots[index * DOTS : (index + 1) * DOTS]
        services.ballot_cast(participant=participant, dots=dict(Counter(chunk)))
