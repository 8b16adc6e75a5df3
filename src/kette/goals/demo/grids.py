"""Musterstadt's vision and SMART grids: the four goals of Oberhausen's refined
grids (seed 001) with their numbered tasks, under one guiding goal.

Responsibility and cooperation keep the seed's wording; where a demo login or
organisation fits, it is named too. Every measure has a dated status history
from its adoption to today's state. A second run writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.utils.translation import gettext as _

from kette.core.demo import DemoContext, register
from kette.core.demo.places import MUSTERSTADT
from kette.core.models import (
    FieldOfAction,
    MeasureStatus,
    MeasureType,
    Municipality,
    Organisation,
    PreventionStandard,
)

from ..models import (
    Goal,
    GoalLevel,
    Measure,
    MeasureStatusChange,
    Recurrence,
    Vision,
)
from ..services.balance import refresh_balance_counts

ADOPTED = dt.date(2025, 5, 15)
LEVELS = ("Leitziel", "Strategisches Ziel", "Operatives Ziel")
VISION = (
    "Kein Kind zurücklassen: Alle Kinder und Jugendlichen in Musterstadt wachsen "
    "gesund auf, lernen erfolgreich und finden ihren Weg in Ausbildung und Beruf. "
    "Dafür stimmen Verwaltung, freie Träger, Schulen, Kitas und Gesundheitswesen "
    "ihre Angebote von der Schwangerschaft bis zum Berufseinstieg aufeinander ab."
)
GUIDING_GOAL = "Musterstadt baut eine lückenlose Präventionskette auf"
# A measure's history: (date, status code, comment); it starts not implemented.
NOT, PARTLY, FULLY = "not-implemented", "partly-implemented", "fully-implemented"


class DemoMeasure(NamedTuple):
    task: str
    type: str
    responsible: str = ""  # a demo login
    responsibility: str = ""
    partners: tuple[str, ...] = ()  # demo organisations
    cooperation: str = ""
    schedule: str = ""
    due: dt.date | None = None
    recurrence: str = Recurrence.NONE
    history: tuple[tuple[dt.date, str, str], ...] = ()


class DemoGoal(NamedTuple):
    title: str
    description: str
    criteria: str
    fields: tuple[str, ...]
    standards: tuple[str, ...]
    measures: tuple[DemoMeasure, ...]


JUGENDAMT = "Jugendamt der Stadt Musterstadt"
STATISTIK = "Stadt Musterstadt – Statistik und Stadtforschung"
SCHULE = "Stadt Musterstadt – Fachbereich Schule und Bildung"

GOALS = (
    DemoGoal(
        "Eltern werden als Erziehungsverantwortliche verstanden und "
        "partnerschaftlich beteiligt",
        "Eltern sind Erziehungspartner und werden gleichberechtigt beteiligt. Sie "
        "werden als Experten ihrer eigenen Lebenswelt wertgeschätzt. Die "
        "Kommunikation erfolgt auf Augenhöhe. Die jeweiligen Rechte und Pflichten "
        "der Partnerschaft sind allen Beteiligten transparent.",
        "Durchführung von Elternbefragungen\n"
        "Dokumentation des aktuellen Standes der Qualität der Partnerschaft und "
        "zur Weiterentwicklung",
        ("early-education", "school-education", "youth-welfare"),
        ("participation", "strengthen-parents"),
        (
            DemoMeasure(
                "Angebot und Durchführung entsprechender Fortbildungsangebote, z. B. "
                "motivierende Elterngespräche führen, Sprechtage neu ausrichten, "
                "Elternseminare",
                "training",
                responsibility="Kinderpädagogischer Dienst / Schulamt / Jugendamt / "
                "RAA / Büro für Chancengleichheit",
                partners=(JUGENDAMT,),
                cooperation="Externe Beratungsdienste / Untere Schulaufsicht",
                schedule="2025, 2026",
                history=(
                    (dt.date(2025, 9, 30), PARTLY, "Zwei Fortbildungsreihen laufen."),
                    (dt.date(2026, 3, 31), FULLY, "Alle Reihen durchgeführt."),
                ),
            ),
            DemoMeasure(
                "Elternbefragung",
                "analyse-offers",
                responsible="planung",
                schedule="jährlich im Herbst",
                recurrence=Recurrence.YEARLY,
                history=(
                    (dt.date(2025, 12, 15), PARTLY, "Erste Befragung ausgewertet."),
                ),
            ),
            DemoMeasure(
                "Aktivierung von Eltern durch den jeweiligen Standort mit angepassten "
                "Methoden, z. B. Elterncafé, Elternstammtisch, Projekttage, "
                "Rucksackprojekte, aufsuchende Tätigkeiten",
                "expand-offers",
                responsible="traeger",
                responsibility="Kindertageseinrichtungen, Schulen",
                cooperation="Begleitende Partner (RAA, Jugendamt, Gesundheitsamt), "
                "Elternbeirat",
                history=((dt.date(2025, 11, 1), PARTLY, "Elterncafés in vier Kitas."),),
            ),
            DemoMeasure(
                "Optimierung geeigneter Instrumentarien zur Darstellung und Übernahme "
                "der Rechte und Pflichten der beteiligten Partner",
                "prevention-concepts",
                responsibility="Kindertageseinrichtungen, Schulen",
            ),
            DemoMeasure(
                "Angebot einer unabhängigen Website für Eltern von Eltern",
                "expand-offers",
                cooperation="KIM, Elternräte, Familienbildung",
                partners=("Evangelische Familienbildungsstätte Musterstadt",),
            ),
        ),
    ),
    DemoGoal(
        "Es gibt ein effektives und effizientes Netzwerkmanagement Prävention in "
        "Musterstadt",
        "Netzwerkstrukturen und Strukturen der Jugendhilfe- und Sozialplanung sind "
        "transparent, effizient und effektiv. Doppelstrukturen werden vermieden.",
        "Multiplikatoren haben eine klar definierte Aufgaben- und Rollenklärung.\n"
        "Inhalte und Absprachen der Arbeitsgremien sind breit kommuniziert und "
        "bekannt.\n"
        "Vereinheitlichte Protokollform (Verantwortliche, Termine, Vereinbarungen, "
        "Wiedervorlage)",
        ("youth-welfare",),
        ("multi-professional",),
        (
            DemoMeasure(
                "Übersicht der Netzwerke und deren Akteure erstellen",
                "networking",
                responsible="netzwerk",
                responsibility="Moderation: Büro für Chancengleichheit; "
                "Entscheidungen: Lenkungskreis Chancengleichheit",
                cooperation="Externe Begleitung durch Consens",
                schedule="1. Halbjahr 2025",
                due=dt.date(2025, 6, 30),
                history=((dt.date(2025, 7, 10), FULLY, "Übersicht veröffentlicht."),),
            ),
            DemoMeasure(
                "Die Aktualisierung der Netzwerke erfolgt stadtweit und "
                "sozialraumbezogen",
                "networking",
                responsible="netzwerk",
                cooperation="Externe Begleitung durch Consens",
                recurrence=Recurrence.QUARTERLY,
                history=((dt.date(2025, 10, 1), PARTLY, "Zwei Stadtbezirke fertig."),),
            ),
            DemoMeasure(
                "Einheitliche Begriffsdefinitionen für Arbeitsgremien finden "
                "(Projektgruppe, Arbeitsgruppe, Lenkungsgruppe) und breit "
                "kommunizieren",
                "steering-bodies",
                responsible="koordination",
                schedule="Umsetzung in 2025",
                due=dt.date(2025, 12, 31),
                history=((dt.date(2025, 12, 1), FULLY, ""),),
            ),
            DemoMeasure(
                "Vereinheitlichung von Protokollen und Geschäftsführung der Netzwerke",
                "networking",
                responsible="netzwerk",
                schedule="Umsetzung in 2025",
            ),
        ),
    ),
    DemoGoal(
        "Präventionsangebote werden zielgerichtet, passgenau und abgestimmt "
        "angeboten und sind in ihrem Ergebnis wirkungsvoll",
        "Für die unterschiedlichen Präventionsmaßnahmen gibt es differenzierte "
        "Evaluationsinstrumente, die ein Gesamtkonzept bilden. Die Angebote richten "
        "sich nach den tatsächlichen Bedarfen; dazu ist ein Monitoringsystem "
        "etabliert.",
        "Sozialräumliche Verteilung von Angeboten in Bezug auf Familien und Kinder "
        "im Sozialraum\n"
        "Einzelmaßnahmen werden im Hinblick auf ihre Wirkung evaluiert.",
        ("youth-welfare", "health"),
        ("unequal-unequally",),
        (
            DemoMeasure(
                "Berichte zusammenführen, Indikatoren für ein Präventionsmonitoring "
                "auswählen, Abstimmung mit dem Bereich Statistik",
                "measurement-criteria",
                responsible="planung",
                responsibility="Projektgruppe / Gruppe der Fachplanenden",
                partners=(STATISTIK,),
                schedule="Prüfung und Vorschlag bis Mitte 2025",
                due=dt.date(2025, 6, 30),
                history=(
                    (dt.date(2025, 6, 20), PARTLY, "Indikatoren ausgewählt."),
                    (dt.date(2025, 11, 30), FULLY, "Monitoring veröffentlicht."),
                ),
            ),
            DemoMeasure(
                "Erfassung der Angebote sortiert nach Altersgruppen (-9 Monate bis 3, "
                "3–6, 6–10, 10–14, 14–18 Jahre)",
                "analyse-offers",
                responsible="koordination",
                responsibility="Projektgruppe",
                cooperation="ISA",
                history=(
                    (dt.date(2025, 9, 1), FULLY, "Bestandserhebung abgeschlossen."),
                ),
            ),
            DemoMeasure(
                "Anforderungen an ein Evaluationskonzept zur Wirkungsmessung "
                "formulieren und Instrumente entwickeln",
                "prevention-concepts",
                responsibility="Jugendamt mit dem Büro für Chancengleichheit",
                partners=(JUGENDAMT,),
                cooperation="AG 78 Plenum, ISA",
                schedule="Anforderungen bis zum 1. Quartal, Instrumente Ende 2025",
            ),
            DemoMeasure(
                "Veröffentlichung der Präventionsangebote mit Suchfunktion auf der "
                "Homepage der Stadt und als gedruckte Broschüre",
                "expand-offers",
                responsible="koordination",
                cooperation="Pressestelle / virtuelles Rathaus, KIM – Kinder im "
                "Mittelpunkt",
                schedule="ab Sommer 2025 fortlaufend",
                history=((dt.date(2025, 8, 15), FULLY, "Wegweiser ist online."),),
            ),
        ),
    ),
    DemoGoal(
        "Zwischen allen Kooperierenden gibt es ein abgestimmtes, einheitliches "
        "Präventionsverständnis",
        "Ein fachübergreifendes Präventionsverständnis wird in allen Arbeits- und "
        "politischen Gremien beraten und abgestimmt, mit dem Ziel, ein gemeinsames "
        "Verständnis von Prävention zwischen allen Kooperierenden herzustellen.",
        "Offene Frage: Wie lässt sich prüfen, ob die Inhalte bei Fachkräften "
        "angekommen sind?",
        ("youth-welfare", "school-education", "health"),
        ("multi-professional", "smooth-transitions"),
        (
            DemoMeasure(
                "Aktuelle Literatur sichten und ein konkretes Präventionsverständnis "
                "zusammenstellen",
                "prevention-concepts",
                responsible="koordination",
                responsibility="Projektgruppe „Kein Kind zurücklassen“",
                due=dt.date(2025, 6, 30),
                history=((dt.date(2025, 6, 25), FULLY, ""),),
            ),
            DemoMeasure(
                "Vorstellung und Beratung in allen Arbeitsgremien",
                "networking",
                responsibility="Verfahren: Projektgruppe; Inhalt: Kommune, freie "
                "Träger",
                partners=(SCHULE, JUGENDAMT),
                cooperation="Alle AGs nach § 78, Gesundheitskonferenz, Präventiver "
                "Rat, Verwaltungsvorstand",
                schedule="Sommer 2025",
                history=((dt.date(2025, 9, 15), PARTLY, "Fünf von acht Gremien."),),
            ),
            DemoMeasure(
                "Beschlussvorlage zum Präventionsverständnis erstellen",
                "steering-bodies",
                responsible="koordination",
                cooperation="Ausschüsse, Bezirksvertretungen, Rat",
                schedule="bis September 2025",
                due=dt.date(2025, 9, 30),
            ),
        ),
    ),
)


def _terms(model, codes: tuple[str, ...]) -> list:
    return list(model.objects.filter(code__in=codes))


@register(order=130)
def build(context: DemoContext) -> None:
    municipality = context.municipalities[MUSTERSTADT.slug]
    context.upsert(
        Vision,
        lookup={"municipality": municipality, "adopted_on": ADOPTED},
        values={"text": VISION},
    )
    levels = [
        context.upsert(
            GoalLevel,
            lookup={"municipality": municipality, "position": position},
            values={"name": name},
        )
        for position, name in enumerate(LEVELS, 1)
    ]
    guiding = _goal(
        context,
        municipality,
        lookup={"parent": None, "number": 1},
        values={"level": levels[0], "title": GUIDING_GOAL},
        tags={},
    )
    statuses = {status.code: status for status in MeasureStatus.objects.all()}
    measures = 0
    for number, planned in enumerate(GOALS, 1):
        goal = _goal(
            context,
            municipality,
            lookup={"parent": guiding, "number": number},
            values={
                "level": levels[1],
                "title": planned.title,
                "description": planned.description,
                "measurement_criteria": planned.criteria,
            },
            tags={
                "fields_of_action": _terms(FieldOfAction, planned.fields),
                "prevention_standards": _terms(PreventionStandard, planned.standards),
            },
        )
        for position, measure in enumerate(planned.measures, 1):
            _measure(context, goal, position, measure, statuses)
            measures += 1
    context.say(
        _("%(municipality)s: %(goals)d goals, %(measures)d measures")
        % {"municipality": municipality, "goals": len(GOALS) + 1, "measures": measures}
    )
    refresh_balance_counts(municipality)  # written around the services


def _goal(
    context: DemoContext,
    municipality: Municipality,
    *,
    lookup: dict,
    values: dict,
    tags: dict,
) -> Goal:
    lookup = {"municipality": municipality, **lookup}
    new = not Goal.objects.filter(**lookup).exists()
    goal = context.upsert(Goal, lookup=lookup, values=values)
    if new:  # tags are set once; the audit entry of the new goal lists them
        for name, terms in tags.items():
            getattr(goal, name).set(terms)
    return goal


def _measure(
    context: DemoContext,
    goal: Goal,
    number: int,
    planned: DemoMeasure,
    statuses: dict[str, MeasureStatus],
) -> None:
    history = ((ADOPTED, NOT, ""), *planned.history)
    last_on, last_code, _comment = history[-1]
    lookup = {"municipality": goal.municipality, "goal": goal, "number": number}
    new = not Measure.objects.filter(**lookup).exists()
    measure = context.upsert(
        Measure,
        lookup=lookup,
        values={
            "task": planned.task,
            "measure_type": MeasureType.objects.get(code=planned.type),
            "responsible_person": context.users.get(planned.responsible),
            "responsibility_note": planned.responsibility,
            "cooperation_note": planned.cooperation,
            "start": ADOPTED,
            "due": planned.due,
            "recurrence": planned.recurrence,
            "schedule_note": planned.schedule,
            "status": statuses[last_code],
            "status_changed_on": last_on,
        },
    )
    if new:
        measure.cooperation_partners.set(
            Organisation.objects.for_municipality(goal.municipality).filter(
                name__in=planned.partners
            )
        )
    previous = None
    for on, code, comment in history:
        context.upsert(
            MeasureStatusChange,
            lookup={"municipality": goal.municipality, "measure": measure, "on": on},
            values={
                "old_status": previous,
                "new_status": statuses[code],
                "comment": comment,
                "actor_name": "demo",
            },
        )
        previous = statuses[code]
