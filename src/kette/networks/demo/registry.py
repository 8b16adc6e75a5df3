"""Musterstadt's registry: contact people of the demo organisations, the
bodies of bodies_data.py with their members, and two demo logins as people
(the coordinator leads the steering group, the network lead three bodies).
A second run writes nothing."""

from __future__ import annotations

import datetime as dt
from random import Random

from django.utils.translation import gettext as _

from kette.core.demo import DemoContext, register
from kette.core.demo.places import MUSTERSTADT
from kette.core.demo.providers import MUSTERSTADT_PROVIDERS
from kette.core.models import BodyType, District, Municipality, Organisation
from kette.goals.models import Goal

from ..models import Body, BodyMember, MemberRole, Person, Topic
from .bodies_data import (
    BODIES,
    FIRST_NAMES,
    FUNCTIONS,
    KOORDINATION,
    LAST_NAMES,
    BodySpec,
)

# After the goals (grids 130, quality 140): bodies link to goals.
ORDER = 150
#: Bodies the demo network lead (login "netzwerk") leads.
LED_BY_NETWORK_LEAD = (
    "Netzwerk Frühe Hilfen Musterstadt",
    "Arbeitskreis Sprachförderung",
    "Stadtteilkonferenz West",
)
#: Goals a body works on: words of the goal's title per body.
GOAL_WORDS = {
    "Lenkungsgruppe Präventionskette": ("",),
    "Arbeitskreis Sprachförderung": ("Sprach",),
    "Netzwerk Frühe Hilfen Musterstadt": ("Eltern", "Frühe", "Geburt"),
    "Arbeitskreis Übergang Schule–Beruf": ("Beruf", "Ausbildung"),
    "Arbeitskreis Übergang Kita–Grundschule": ("Übergang", "Schul"),
}
_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ı": "i", "ş": "s"})


def _email(first: str, last: str, organisation: Organisation) -> str:
    domain = organisation.email.partition("@")[2] or "musterstadt.example"
    return f"{first}.{last}".lower().translate(_ASCII) + f"@{domain}"


def _people(context: DemoContext, town: Municipality) -> dict[int, Person]:
    """One contact person per organisation (the coordination office's are the
    two demo logins), keyed by the organisation's id."""
    people: dict[int, Person] = {}
    organisations = Organisation.objects.for_municipality(town).select_related("sector")
    for number, organisation in enumerate(organisations.order_by("name")):
        if organisation.name == KOORDINATION:
            user = context.users.get("koordination")
            first, last = (
                (user.first_name, user.last_name) if user else ("Sabine", "Brandt")
            )
        else:
            user = None
            first = FIRST_NAMES[number % len(FIRST_NAMES)]
            last = LAST_NAMES[
                (7 * number + number // len(LAST_NAMES)) % len(LAST_NAMES)
            ]
        people[organisation.pk] = context.upsert(
            Person,
            lookup={
                "municipality": town,
                "organisation": organisation,
                "last_name": last,
            },
            values={
                "first_name": first,
                "function": FUNCTIONS.get(organisation.sector.code, ""),
                "email": _email(first, last, organisation),
                "phone": organisation.phone,
                "user": user,
            },
        )
    return people


def _network_lead(context: DemoContext, town: Municipality) -> Person | None:
    user = context.users.get("netzwerk")
    if user is None:
        return None
    office = (
        Organisation.objects.for_municipality(town).filter(name=KOORDINATION).first()
    )
    return context.upsert(
        Person,
        lookup={"municipality": town, "user": user},
        values={
            "first_name": user.first_name,
            "last_name": user.last_name,
            "organisation": office,
            "function": "Netzwerkkoordination",
            "email": user.email,
        },
    )


def _members_of(
    spec: BodySpec,
    organisations: dict[str, Organisation],
    areas: dict[str, str],
    rng: Random,
) -> list[Organisation]:
    def fits(name: str) -> bool:
        organisation = organisations[name]
        in_area = not spec.areas or any(
            areas.get(name, "").startswith(a) for a in spec.areas
        )
        return organisation.sector.code in spec.sectors and in_area

    chosen = [name for name in (spec.lead, *spec.extra) if name in organisations]
    candidates = sorted(
        name for name in organisations if fits(name) and name not in chosen
    )
    rng.shuffle(candidates)
    chosen += candidates[: max(spec.size - len(chosen), 0)]
    return [organisations[name] for name in chosen]


def _set_many(body: Body, name: str, objects: list) -> None:
    manager = getattr(body, name)
    if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in objects}:
        manager.set(objects)


def _body(context: DemoContext, town: Municipality, spec: BodySpec, **values) -> Body:
    founded = dt.date(spec.founded, 1 + spec.founded % 12, 1)
    body = context.upsert(
        Body,
        lookup={"municipality": town, "name": spec.name},
        values={
            "short_name": spec.short_name,
            "body_type": BodyType.objects.get(code=spec.body_type),
            "city_wide": not spec.areas,
            "founded_on": founded,
            "meeting_rhythm": spec.rhythm,
            "status": spec.status,
            "is_public": spec.public,
            **values,
        },
    )
    districts = [
        district
        for district in District.objects.for_municipality(town).filter(
            children__isnull=True
        )
        if any(district.code.startswith(area) for area in spec.areas)
    ]
    _set_many(body, "districts", districts)
    topics = [
        context.upsert(Topic, lookup={"municipality": town, "name": name}, values={})
        for name in spec.topics
    ]
    _set_many(body, "topics", topics)
    words = GOAL_WORDS.get(spec.name, ())
    goals = Goal.objects.for_municipality(town)
    linked = [
        goal
        for goal in (goals.filter(parent__isnull=True) if words == ("",) else goals)
        if any(word in goal.title for word in words)
    ]
    _set_many(body, "goals", linked[:4])
    return body


@register(order=ORDER)
def build(context: DemoContext) -> None:
    town = context.municipalities[MUSTERSTADT.slug]
    organisations = {
        o.name: o
        for o in Organisation.objects.for_municipality(town).select_related("sector")
    }
    areas = {provider.name: provider.area for provider in MUSTERSTADT_PROVIDERS}
    people = _people(context, town)
    lead_person = _network_lead(context, town)
    rng = context.random_for("networks-registry")
    bodies: dict[str, Body] = {}
    memberships = 0
    for spec in BODIES:
        lead = organisations.get(spec.lead)
        led_by_lead = lead_person is not None and spec.name in LED_BY_NETWORK_LEAD
        body = _body(
            context,
            town,
            spec,
            parent=bodies.get(spec.parent),
            lead_organisation=lead,
            lead_person=lead_person
            if led_by_lead
            else people.get(lead.pk if lead else 0),
            description="Themen: " + ", ".join(spec.topics) + ".",
            contact_email=lead.email if lead else "",
            contact_phone=lead.phone if lead else "",
        )
        bodies[spec.name] = body
        joined = body.founded_on or dt.date(2015, 1, 1)
        for number, organisation in enumerate(
            _members_of(spec, organisations, areas, rng)
        ):
            role = (
                MemberRole.LEAD
                if organisation == lead and not led_by_lead
                else MemberRole.MEMBER
            )
            # Every seventh member left last year: membership over time.
            left = dt.date(2025, 6, 30) if number % 7 == 6 else None
            context.upsert(
                BodyMember,
                lookup={
                    "body": body,
                    "person": people[organisation.pk],
                    "organisation": organisation,
                },
                values={
                    "role": role,
                    "joined_on": joined + dt.timedelta(days=30 * (number % 5)),
                    "left_on": left,
                },
            )
            memberships += 1
        if led_by_lead:
            context.upsert(
                BodyMember,
                lookup={
                    "body": body,
                    "person": lead_person,
                    "organisation": lead_person.organisation,
                },
                values={"role": MemberRole.LEAD, "joined_on": joined},
            )
            memberships += 1
    context.say(
        _(
            "%(municipality)s: %(bodies)d networks and working bodies, %(members)d memberships"
        )
        % {"municipality": town, "bodies": len(bodies), "members": memberships}
    )
