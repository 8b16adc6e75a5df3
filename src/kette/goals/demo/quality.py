"""Musterstadt's quality cycle: two completed self-assessments a year apart,
with the ratings that changed between them (most went up after the vision
was adopted and the goal workshop held; the coordination fell back while
the post was vacant), and the prevention standards of the demo measures
(taken over from their goal). A second run writes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kette.core.demo import DemoContext, register
from kette.core.demo.places import MUSTERSTADT
from kette.core.models import StationStandard

from ..models import AssessmentState, Measure, QualityAssessment, StandardRating

PARTICIPANTS = (
    "Lenkungsgruppe Präventionskette: Jugendamt, Gesundheitsamt, Schulamt, "
    "Jobcenter, Koordinierungsstelle"
)
# (title, date): the first and the second round.
ROUNDS = [
    ("Selbstbewertung Qualitätskreislauf 2024", dt.date(2024, 3, 14)),
    ("Selbstbewertung Qualitätskreislauf 2025", dt.date(2025, 3, 13)),
]
# Per station standard: (rating 2024, rating 2025, evidence 2025, next steps 2025)
RATINGS = {
    "s1-1": (2, 3, "Oberbürgermeisterin leitet die Lenkungsgruppe.", ""),
    "s1-2": (1, 2, "Jobcenter und Sozialamt in der Lenkungsgruppe.", ""),
    "s1-3": (2, 3, "Leitbild in drei Beteiligungswerkstätten erarbeitet.", ""),
    "s1-4": (1, 4, "Ratsbeschluss zum Präventionsleitbild vom 15.05.2025.", ""),
    "s2-1": (
        1,
        3,
        "Zielworkshop am 27.03.2025, vier Ziele mit Meilensteinen.",
        "Ziele der zweiten Ebene mit den Fachämtern ausarbeiten.",
    ),
    "s2-2": (0, 1, "", "Kennzahlen je Ziel festlegen (Input, Output, Outcome)."),
    "s2-3": (1, 2, "Entwurf des Aktionsplans liegt vor.", "Beschluss im Herbst."),
    "s3-1": (2, 3, "Lenkungs- und Projektgruppe tagen vierteljährlich.", ""),
    "s3-2": (
        3,
        2,
        "Stelle der Netzwerkkoordination war sechs Monate unbesetzt.",
        "Stelle dauerhaft und unbefristet besetzen.",
    ),
    "s4-1": (1, 2, "Datenkonzept mit der Statistikstelle abgestimmt.", ""),
    "s4-2": (1, 2, "Präventionsmonitoring mit zwölf Indikatoren je Stadtteil.", ""),
    "s4-3": (0, 1, "", "Schuleingangsdaten kleinräumig auswerten."),
    "s5-1": (0, 1, "", "Jugendhilfe- und Schulentwicklungsplanung verknüpfen."),
    "s5-2": (1, 2, "Teilhabeindex als Kernindikatorenset.", ""),
    "s6-1": (0, 1, "", "Mittelverteilung nach Teilhabeindex prüfen."),
    "s6-2": (1, 1, "", ""),
    "s6-3": (1, 2, "Qualitätszirkel der Träger seit Herbst 2024.", ""),
    "s6-4": (0, 0, "", "Controlling der Fördermittel mit den Trägern abstimmen."),
}
# After the goals and measures (grids, order 130).
ORDER = 140


@register(order=ORDER)
def build(context: DemoContext) -> None:
    municipality = context.municipalities[MUSTERSTADT.slug]
    standards = {s.code: s for s in StationStandard.objects.all()}
    previous = None
    for number, (title, on) in enumerate(ROUNDS):
        assessment = context.upsert(
            QualityAssessment,
            lookup={"municipality": municipality, "title": title},
            values={
                "date": on,
                "participants": PARTICIPANTS,
                "state": AssessmentState.COMPLETED,
                "completed_on": on,
                "based_on": previous,
            },
        )
        for code, (first, second, evidence, steps) in RATINGS.items():
            later = number == len(ROUNDS) - 1
            context.upsert(
                StandardRating,
                lookup={"assessment": assessment, "standard": standards[code]},
                values={
                    "municipality": municipality,
                    "rating": second if later else first,
                    "evidence": evidence if later else "",
                    "next_steps": steps if later else "",
                },
            )
        previous = assessment
    tagged = _tag_measures(municipality)
    context.say(
        _("%(municipality)s: %(count)d quality-cycle self-assessments")
        % {"municipality": municipality, "count": len(ROUNDS)}
    )
    if tagged:
        context.say(
            ngettext(
                "%(count)d measure tagged with prevention standards",
                "%(count)d measures tagged with prevention standards",
                tagged,
            )
            % {"count": tagged}
        )


def _tag_measures(municipality) -> int:
    """Give the demo measures without prevention standards those of their
    goal (once: a measure that has some keeps them)."""
    tagged = 0
    for measure in (
        Measure.objects.for_municipality(municipality)
        .filter(prevention_standards__isnull=True)
        .select_related("goal")
    ):
        standards = list(measure.goal.prevention_standards.all())
        if standards:
            measure.prevention_standards.set(standards)
            tagged += 1
    return tagged
