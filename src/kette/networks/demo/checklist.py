"""Musterstadt's Checkliste Netzwerkmanagement: the network management
assessed in 2025 and 2026 (better in most items, with next steps), and the
Frühe Hilfen network assessed once. A second run writes nothing."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from kette.core.demo import DemoContext, register
from kette.core.demo.places import MUSTERSTADT

from ..models import Body, ChecklistAnswer, ChecklistAssessment, ChecklistItem, Person
from .meetings import ORDER as MEETINGS_ORDER

ORDER = MEETINGS_ORDER + 1
# Per item code: rating 2025, rating 2026, next step 2026 ("" for none).
RATINGS = {
    "overview-current": ("no", "yes", ""),
    "unified-terms": ("partly", "yes", ""),
    "overlaps-known": ("no", "partly", "Überschneidungen der Gremien im Westen in der Lenkungsgruppe besprechen."),
    "goals-written": ("partly", "partly", "Ziele der Arbeitskreise schriftlich festhalten."),
    "goals-aligned": ("no", "partly", ""),
    "mandate": ("yes", "yes", ""),
    "network-of-networks": ("partly", "yes", ""),
    "roles-clear": ("partly", "partly", "Geschäftsführungen aller Gremien benennen."),
    "resources": ("no", "no", "Stundenanteil der Netzwerkkoordination im Haushalt absichern."),
    "sectors-present": ("partly", "partly", "Jobcenter und Kinderärzte für die Stadtteilkonferenzen gewinnen."),
    "districts-present": ("partly", "yes", ""),
    "families-involved": ("no", "partly", ""),
    "meetings-prepared": ("partly", "yes", ""),
    "unified-minutes": ("no", "yes", ""),
    "follow-up": ("no", "yes", ""),
    "results-reported": ("partly", "partly", ""),
    "public-contacts": ("no", "partly", "Öffentliche Netzwerke mit Ansprechpersonen im Wegweiser zeigen."),
    "work-reviewed": ("no", "partly", ""),
    "next-steps-followed": ("no", "partly", ""),
    "members-asked": ("n_a", "no", "Mitgliederbefragung mit dem Online-Tool vorbereiten."),
}  # fmt: skip
ROUNDS = ((None, dt.date(2025, 2, 12), 0), (None, dt.date(2026, 2, 11), 1))


@register(order=ORDER)
def build(context: DemoContext) -> None:
    town = context.municipalities[MUSTERSTADT.slug]
    items = {item.code: item for item in ChecklistItem.objects.all()}
    coordinator = context.users.get("koordination")
    responsible = Person.objects.for_municipality(town).filter(user=coordinator).first()
    fruehe_hilfen = (
        Body.objects.for_municipality(town)
        .filter(name__startswith="Netzwerk Frühe")
        .first()
    )
    rounds = (
        [*ROUNDS, (fruehe_hilfen, dt.date(2026, 5, 6), 1)] if fruehe_hilfen else ROUNDS
    )
    for body, on, column in rounds:
        assessment = context.upsert(
            ChecklistAssessment,
            lookup={"municipality": town, "body": body, "assessed_on": on},
            values={
                "assessed_by": coordinator,
                "note": "Gemeinsam mit der Lenkungsgruppe eingeschätzt.",
            },
        )
        for code, ratings in RATINGS.items():
            if code not in items:
                continue
            step = ratings[2] if column == 1 else ""
            context.upsert(
                ChecklistAnswer,
                lookup={"assessment": assessment, "item": items[code]},
                values={
                    "rating": ratings[column],
                    "next_step": step,
                    "next_step_due": dt.date(on.year, 12, 31) if step else None,
                    "next_step_person": responsible if step else None,
                },
            )
    context.say(
        _("%(municipality)s: %(count)d checklist assessments of the network management")
        % {"municipality": town, "count": len(rounds)}
    )
