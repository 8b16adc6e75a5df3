"""The 18 model municipalities of "Kein Kind zurücklassen!" for the state's
balance (seeds 003 and 004): 74 goals and 275 measures whose status and type
counts reproduce the seed's balance (63 % fully, 20 % partly, 17 % not
implemented; 37/19/16/16/5/4/4 % by type), each measure with a status history
from 2013 to 2016.

The counts are fixed; which goal and measure gets which is drawn from the
demo's seed. Goals, measures and their histories are written in bulk (a few
hundred rows) and recorded in the audit trail like every demo write. A
municipality that already has goals is left as it is, so a second run writes
nothing.
"""

from __future__ import annotations

import datetime as dt
from random import Random

from django.utils.translation import gettext as _

from kette.core.demo import DemoContext, register
from kette.core.models import (
    AgeBand,
    FieldOfAction,
    LifePhase,
    MeasureStatus,
    MeasureType,
    Municipality,
)
from kette.core.models.municipality import MunicipalityKind

from ..models import Goal, GoalLevel, Measure, MeasureStatusChange
from ..services.balance import refresh_balance_counts
from .grids import LEVELS

CITY = MunicipalityKind.INDEPENDENT_CITY
TOWN = MunicipalityKind.DISTRICT_TOWN
KREIS = MunicipalityKind.DISTRICT
#: Seed 003's list: (slug, name, kind), all in North Rhine-Westphalia.
MODEL_MUNICIPALITIES = (
    ("arnsberg", "Arnsberg", TOWN),
    ("bielefeld", "Bielefeld", CITY),
    ("dormagen", "Dormagen", TOWN),
    ("dortmund", "Dortmund", CITY),
    ("duisburg", "Duisburg", CITY),
    ("duesseldorf", "Düsseldorf", CITY),
    ("gelsenkirchen", "Gelsenkirchen", CITY),
    ("gladbeck", "Gladbeck", TOWN),
    ("hamm", "Hamm", CITY),
    ("moers", "Moers", TOWN),
    ("moenchengladbach", "Mönchengladbach", CITY),
    ("muenster", "Münster", CITY),
    ("oberhausen", "Oberhausen", CITY),
    ("witten", "Witten", TOWN),
    ("wuppertal", "Wuppertal", CITY),
    ("kreis-dueren", "Kreis Düren", KREIS),
    ("kreis-unna", "Kreis Unna", KREIS),
    ("kreis-warendorf", "Kreis Warendorf", KREIS),
)
NRW = "05"
GOALS, MEASURES = 74, 275
#: Whole counts out of 275 that round to the seed's percents.
STATUS_COUNTS = {
    "fully-implemented": 173,  # 62.9 %
    "partly-implemented": 55,  # 20.0 %
    "not-implemented": 47,  # 17.1 %
}
TYPE_COUNTS = {
    "expand-offers": 103,  # 37.5 %
    "networking": 53,  # 19.3 %
    "analyse-offers": 43,  # 15.6 %
    "prevention-concepts": 43,  # 15.6 %
    "training": 13,  # 4.7 %
    "steering-bodies": 10,  # 3.6 %
    "measurement-criteria": 10,  # 3.6 %
}
# Goals of the kind the model municipalities set themselves: title, fields of
# action, age band, life phase.
THEMES = (
    (
        "Frühe Hilfen für alle Familien mit Neugeborenen erreichbar machen",
        ("health", "youth-welfare"),
        "0-3",
        "pregnancy-birth",
    ),
    (
        "Willkommensbesuche für alle Neugeborenen anbieten",
        ("youth-welfare",),
        "0-3",
        "pregnancy-birth",
    ),
    (
        "Sprachförderung in den Kindertageseinrichtungen stärken",
        ("early-education",),
        "3-6",
        "kita",
    ),
    (
        "Familienzentren in allen Sozialräumen ausbauen",
        ("early-education", "youth-welfare"),
        "3-6",
        "kita",
    ),
    (
        "Den Übergang von der Kita in die Grundschule gemeinsam gestalten",
        ("early-education", "school-education"),
        "3-6",
        "kita",
    ),
    (
        "Eltern als Erziehungspartner beteiligen",
        ("school-education", "youth-welfare"),
        "6-10",
        "school",
    ),
    (
        "Bewegung und gesunde Ernährung in Grundschulen fördern",
        ("health", "sport"),
        "6-10",
        "school",
    ),
    (
        "Den Übergang in die weiterführende Schule begleiten",
        ("school-education",),
        "10-14",
        "school",
    ),
    (
        "Schulabsentismus früh erkennen und gegensteuern",
        ("school-education", "youth-welfare"),
        "10-14",
        "school",
    ),
    (
        "Kulturelle Bildung für alle Kinder zugänglich machen",
        ("culture",),
        "6-10",
        "school",
    ),
    (
        "Den Übergang von der Schule in den Beruf begleiten",
        ("vocational-transition",),
        "14-18",
        "youth",
    ),
    (
        "Jugendliche ohne Abschluss in Ausbildung bringen",
        ("vocational-transition", "social-security"),
        "18-27",
        "youth",
    ),
    (
        "Leistungen für Bildung und Teilhabe bekannter machen",
        ("social-security",),
        "6-10",
        "school",
    ),
    (
        "Offene Jugendarbeit in benachteiligten Quartieren stärken",
        ("youth-welfare", "sport"),
        "14-18",
        "youth",
    ),
)
TASKS = {
    "expand-offers": (
        "Elterncafés in Kitas und Familienzentren einrichten",
        "Sprechstunden der Familienhebammen in Stadtteilen anbieten",
        "Hausaufgabenhilfe an Grundschulen ausweiten",
        "Ferienangebote für Kinder aus Familien mit Bildung und Teilhabe schaffen",
        "Lotsendienst in der Geburtsklinik einführen",
    ),
    "networking": (
        "Netzwerk Frühe Hilfen mit Kinderärzten und Hebammen verstetigen",
        "Runden Tisch Übergang Kita – Grundschule einrichten",
        "Kooperationsvereinbarung zwischen Jugendamt und Schulen schließen",
    ),
    "analyse-offers": (
        "Angebote für Familien im Sozialraum erfassen",
        "Bedarf an Sprachförderung mit den Schuleingangsuntersuchungen auswerten",
        "Lücken in der Angebotslandschaft mit den Trägern bewerten",
    ),
    "prevention-concepts": (
        "Präventionskonzept für den Sozialraum erarbeiten",
        "Leitlinien für den Übergang in die weiterführende Schule beschließen",
        "Gesamtkonzept Frühe Hilfen fortschreiben",
    ),
    "training": (
        "Fachkräfte in der Gesprächsführung mit Eltern fortbilden",
        "Gemeinsame Fortbildung für Erzieherinnen und Lehrkräfte anbieten",
    ),
    "steering-bodies": (
        "Lenkungsgruppe der Präventionskette einrichten",
        "Steuerungsrunde der Dezernate einberufen",
    ),
    "measurement-criteria": (
        "Kennzahlen zur Teilnahme an den Angeboten festlegen",
        "Indikatoren für das kommunale Monitoring abstimmen",
    ),
}
NOT, PARTLY, FULLY = "not-implemented", "partly-implemented", "fully-implemented"


def _day(rng: Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _history(rng: Random, adopted: dt.date, status: str) -> list[tuple[dt.date, str]]:
    """From not implemented (when the goals were adopted in 2013) to the
    measure's status, by the end of 2016 at the latest."""
    history = [(adopted, NOT)]
    if status == NOT:
        return history
    partly = _day(rng, dt.date(2013, 10, 1), dt.date(2015, 6, 30))
    if status == PARTLY or rng.random() < 0.6:
        history.append((partly, PARTLY))
    if status == FULLY:
        start = max(history[-1][0], dt.date(2014, 4, 1)) + dt.timedelta(days=1)
        history.append((_day(rng, start, dt.date(2016, 12, 31)), FULLY))
    return history


def _shuffled(rng: Random, counts: dict[str, int]) -> list[str]:
    codes = [code for code, count in counts.items() for _n in range(count)]
    rng.shuffle(codes)
    return codes


@register(order=140)
def build(context: DemoContext) -> None:
    rng = context.random_for("model-municipalities")
    places = [
        context.upsert(
            Municipality,
            lookup={"slug": slug},
            values={"name": name, "kind": kind, "state": NRW},
        )
        for slug, name, kind in MODEL_MUNICIPALITIES
    ]
    context.municipalities.update({place.slug: place for place in places})
    # 74 goals over 18: the first two have five, the others four; 275
    # measures over 74 goals: three or four each.
    goal_counts = [5, 5] + [4] * (len(places) - 2)
    measure_counts = [4] * (MEASURES - 3 * GOALS) + [3] * (4 * GOALS - MEASURES)
    rng.shuffle(measure_counts)
    statuses = _shuffled(rng, STATUS_COUNTS)
    types = _shuffled(rng, TYPE_COUNTS)
    started = set(
        Goal.objects.filter(municipality__in=places).values_list(
            "municipality", flat=True
        )
    )
    terms = _terms()
    for place, goals in zip(places, goal_counts, strict=True):
        planned = [measure_counts.pop() for _n in range(goals)]
        codes = [(statuses.pop(), types.pop()) for _n in range(sum(planned))]
        if place.pk not in started:
            _build_one(context, rng, place, planned, codes, terms)
    context.say(
        _(
            "Model municipalities: %(count)d, with %(goals)d goals and %(measures)d "
            "measures"
        )
        % {"count": len(places), "goals": GOALS, "measures": MEASURES}
    )


def _terms() -> dict[str, dict]:
    return {
        name: {term.code: term for term in model.objects.all()}
        for name, model in (
            ("status", MeasureStatus),
            ("type", MeasureType),
            ("field", FieldOfAction),
            ("age_band", AgeBand),
            ("life_phase", LifePhase),
        )
    }


def _build_one(
    context: DemoContext,
    rng: Random,
    place: Municipality,
    planned: list[int],
    codes: list[tuple[str, str]],
    terms: dict[str, dict],
) -> None:
    """One municipality's goals, measures and status histories, in bulk."""
    levels = GoalLevel.objects.bulk_create(
        GoalLevel(municipality=place, position=position, name=name)
        for position, name in enumerate(LEVELS, 1)
    )
    themes = rng.sample(THEMES, len(planned))
    adopted = _day(rng, dt.date(2013, 2, 1), dt.date(2013, 6, 28))
    goals = Goal.objects.bulk_create(
        Goal(municipality=place, level=levels[0], number=number, title=theme[0])
        for number, theme in enumerate(themes, 1)
    )
    for goal, (_title, fields, band, phase) in zip(goals, themes, strict=True):
        goal.fields_of_action.set([terms["field"][code] for code in fields])
        goal.age_bands.set([terms["age_band"][band]])
        goal.life_phases.set([terms["life_phase"][phase]])
    measures, histories = [], []
    pending = iter(codes)
    for goal, count in zip(goals, planned, strict=True):
        for number in range(1, count + 1):
            status, kind = next(pending)
            history = _history(rng, adopted, status)
            histories.append(history)
            measures.append(
                Measure(
                    municipality=place,
                    goal=goal,
                    number=number,
                    task=rng.choice(TASKS[kind]),
                    measure_type=terms["type"][kind],
                    status=terms["status"][status],
                    status_changed_on=history[-1][0],
                    start=adopted,
                    due=dt.date(2016, 12, 31),
                )
            )
    measures = Measure.objects.bulk_create(measures)
    changes = []
    for measure, history in zip(measures, histories, strict=True):
        previous = None
        for on, code in history:
            changes.append(
                MeasureStatusChange(
                    municipality=place,
                    measure=measure,
                    on=on,
                    old_status=previous,
                    new_status=terms["status"][code],
                    actor_name="demo",
                )
            )
            previous = terms["status"][code]
    changes = MeasureStatusChange.objects.bulk_create(changes)
    for instance in (*levels, *goals, *measures, *changes):
        context.record_created(instance)
    refresh_balance_counts(place)  # written in bulk
