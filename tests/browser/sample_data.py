"""A small city for the browser tests, and a value for every URL keyword.

The keyword names follow the project's convention (municipality,
organisation_id, district_code, membership_id, vocabulary, entry_id,
offer_id, synonym_id, token_id, indicator_key, index_key); a new
keyword name needs a value here, or the page survey says which route lacks it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from kette.core import audit
from kette.core.models import (
    AgeBand,
    AuditEntry,
    District,
    DistrictPopulation,
    Membership,
    Role,
    Sector,
    StationStandard,
    User,
)
from kette.core.services.accounts import api_token_create
from kette.goals.services import indicators as indicator_services
from kette.goals.services import quality as quality_services
from kette.goals.services import reviews as review_services
from kette.goals.services import workshops as workshop_services
from kette.monitoring.services.indices import index_publish, index_save
from kette.networks.models import ChecklistItem
from kette.networks.services import checklist as checklist_services
from kette.networks.services import minutes as minutes_services
from kette.offers.models import SearchSynonym
from tests.core.factories import (
    DistrictFactory,
    MunicipalityFactory,
    OrganisationFactory,
    square,
    user_with_role,
)
from tests.goals.factories import make_goal, make_measure
from tests.monitoring.factories import IndicatorFactory, ObservationFactory, index_spec
from tests.networks.factories import (
    make_action_item,
    make_body,
    make_meeting,
    make_member,
    make_person,
)
from tests.offers.factories import OfferFactory, OfferLocationFactory

# Stadtbezirke (level 0) with their Stadtteile (level 1), on a 2 x 2 km grid.
DISTRICTS = {
    ("01", "Altstadt"): [("01-1", "Markt"), ("01-2", "Schlossviertel")],
    ("02", "Nord"): [("02-1", "Hafen"), ("02-2", "Gartenstadt")],
    ("03", "Süd"): [("03-1", "Bahnhofsviertel")],
}
SIZE = 0.02


@dataclass(frozen=True)
class SampleCity:
    values: dict[str, object]
    coordinator: User


def build_sample_city() -> SampleCity:
    """Musterstadt with districts, population, organisations and a coordinator,
    and Nachbarstadt, so that the start page lists municipalities."""
    city = MunicipalityFactory(slug="musterstadt", name="Musterstadt", ags="05999000")
    MunicipalityFactory(slug="nachbarstadt", name="Nachbarstadt", ags="05999001")
    age_bands = list(AgeBand.objects.all())
    for row, ((code, name), children) in enumerate(DISTRICTS.items()):
        x, y = 7.0, 51.0 + row * SIZE
        parent = DistrictFactory(
            municipality=city,
            code=code,
            name=name,
            level=0,
            level_name="Stadtbezirk",
            geometry=square(x, y, SIZE),
        )
        for column, (child_code, child_name) in enumerate(children):
            child = DistrictFactory(
                municipality=city,
                parent=parent,
                code=child_code,
                name=child_name,
                level=1,
                level_name="Stadtteil",
                geometry=square(x + column * SIZE / 2, y, SIZE / 2),
            )
            DistrictPopulation.objects.bulk_create(
                DistrictPopulation(
                    district=child, year=2024, age_band=band, count=100 + 37 * i
                )
                for i, band in enumerate(age_bands)
            )
    sectors = list(Sector.objects.all()[:4])
    organisations = [
        OrganisationFactory(municipality=city, name=name, sector=sector)
        for name, sector in zip(
            (
                "Familienzentrum Regenbogen e.V.",
                "Gesundheitsamt Musterstadt",
                "Grundschule am Park",
                "Sportverein Musterstadt 1905 e.V.",
            ),
            sectors,
            strict=False,
        )
    ]
    coordinator = user_with_role(city, Role.COORDINATOR, username="koordination")
    offer = OfferFactory(
        municipality=city,
        organisation=organisations[0],
        title="Krabbelgruppe im Familienzentrum",
    )
    OfferLocationFactory(offer=offer, latitude=51.005, longitude=7.005)
    synonym = SearchSynonym.objects.create(
        municipality=city, term="Kindergarten", alternatives="Kita, Kindertagesstätte"
    )
    audit.record_created(actor=coordinator, instance=organisations[0])
    monitoring = sample_monitoring(city)
    return SampleCity(
        values={
            "municipality": city.slug,
            "organisation_id": organisations[0].pk,
            "district_code": "01-1",
            "membership_id": Membership.objects.get(user=coordinator).pk,
            "vocabulary": "age-bands",
            "entry_id": AuditEntry.objects.get(
                municipality=city, object_type="kette_core.Organisation"
            ).pk,
            "offer_id": offer.pk,
            "synonym_id": synonym.pk,
            # One of the coordinator's API tokens (its list is on the account page).
            "token_id": api_token_create(
                actor=coordinator, user=coordinator, name="GIS-Export"
            )[0].pk,
            # Django's password reset link: a wrong token shows its own page.
            "uidb64": urlsafe_base64_encode(force_bytes(coordinator.pk)),
            "token": "expired-link",
            # A calendar feed of measure deadlines (its token above is refused).
            "kind": "alle",
            **monitoring,
            **sample_goals(city, coordinator),
            **sample_quality(city, coordinator),
            **sample_checklist(city, coordinator),
            **sample_minutes(city, coordinator),
        },
        coordinator=coordinator,
    )


def sample_monitoring(city) -> dict[str, str]:
    """Two published indicators over two years with one small count, and a
    published index over them: every monitoring chart has something to draw."""
    leaves = list(District.objects.filter(municipality=city, level=1).order_by("code"))
    keys = ("kinderarmut", "vorsorge")
    for number, key in enumerate(keys):
        indicator = IndicatorFactory(
            municipality=city,
            key=key,
            name_de=("Kinderarmut", "Teilnahme an der U8/U9")[number],
            polarity=("higher_is_worse", "higher_is_better")[number],
        )
        for period in ("2023", "2024"):
            for at, leaf in enumerate(leaves):
                ObservationFactory(
                    indicator=indicator,
                    district=leaf,
                    period=period,
                    numerator=3 if at == 0 else 20 + 13 * at + 7 * number,
                    denominator=150,
                )
    definition = index_save(
        municipality=city, spec=index_spec(*keys), actor=None
    ).definition
    index_publish(definition=definition, actor=None, published=True)
    return {"indicator_key": keys[0], "index_key": definition.key}


def sample_goals(city, coordinator) -> dict[str, int]:
    """A goal with a measure, and a workshop with a participant, an idea and a
    perspective: every goals page has an object to open."""
    goal = make_goal(city, "Eltern werden beteiligt", actor=coordinator)
    measure = make_measure(goal, "Elterncafés einrichten", actor=coordinator)
    workshop = workshop_services.workshop_create(
        actor=coordinator,
        municipality=city,
        data={"title": "Zielworkshop", "date": "2025-03-27"},
    )
    participant = workshop_services.participant_add(
        actor=coordinator, workshop=workshop, data={"name": "Frau Beispiel"}
    )
    idea = workshop_services.idea_create(
        actor=coordinator, workshop=workshop, data={"text": "Mehr Elternarbeit"}
    )
    perspective = workshop_services.perspective_create(
        actor=coordinator, workshop=workshop, data={"title": "Eltern beteiligen"}
    )
    indicator = indicator_services.indicator_create(
        actor=coordinator,
        municipality=city,
        goal=goal,
        level="output",
        name="Eltern in Elterncafés",
        unit="Eltern",
        baseline_value=40.0,
        baseline_period="2023",
    )
    for period, target in (("2024", 50), ("2025", 60)):
        indicator_services.target_set(
            actor=coordinator, indicator=indicator, period=period, value=target
        )
    indicator_services.actual_record(
        actor=coordinator, indicator=indicator, period="2024", value=52
    )
    return {
        "goal_id": goal.pk,
        "measure_id": measure.pk,
        "goal_indicator_id": indicator.pk,
        "workshop_id": workshop.pk,
        "participant_id": participant.pk,
        "idea_id": idea.pk,
        "perspective_id": perspective.pk,
        **sample_review(city, coordinator, goal),
    }


def sample_review(city, coordinator, goal) -> dict[str, int]:
    """An open review round asking the coordinator, responsible for a measure
    (``round_id``; ``request_id`` is theirs, its page answers POST only)."""
    make_measure(
        goal,
        "Elternbriefe verschicken",
        actor=coordinator,
        responsible_person=coordinator,
    )
    review_round = review_services.review_round_open(
        actor=coordinator,
        municipality=city,
        title="Quartalsreview Q1/2025",
        site_url="http://testserver/",
        goals=[goal],
    )
    return {
        "round_id": review_round.pk,
        "request_id": review_round.requests.get(user=coordinator).pk,
    }


def sample_quality(city, coordinator) -> dict[str, int]:
    """A completed quality-cycle self-assessment and a draft after it (the
    draft's station forms and result open; ``number`` is a station)."""
    for title, on in (
        ("Selbstbewertung 2024", "2024-03-01"),
        ("Runde 2025", "2025-03-01"),
    ):
        assessment = quality_services.assessment_create(
            actor=coordinator,
            municipality=city,
            data={"title": title, "date": on, "participants": "Lenkungsgruppe"},
            copy_latest=True,
        )
        if assessment.based_on is None:
            quality_services.ratings_save(
                actor=coordinator,
                assessment=assessment,
                entries={
                    standard.pk: {"rating": standard.position % 5, "evidence": "Beleg"}
                    for standard in StationStandard.objects.all()
                },
            )
            quality_services.assessment_complete(
                actor=coordinator, assessment=assessment
            )
    return {"assessment_id": assessment.pk, "number": 1}


def sample_checklist(city, coordinator) -> dict[str, int]:
    """Two checklist assessments of the network management, the later one
    rated differently (its result lists changes and a next step)."""
    items = list(ChecklistItem.objects.filter(is_active=True))
    for year, rating in ((2024, "partly"), (2025, "yes")):
        assessment = checklist_services.assessment_create(
            actor=coordinator,
            municipality=city,
            body=None,
            assessed_on=dt.date(year, 2, 1),
        )
        checklist_services.answers_save(
            actor=coordinator,
            assessment=assessment,
            entries={
                item.pk: {"rating": rating, "next_step": "Im Arbeitskreis besprechen"}
                for item in items[:5]
            },
        )
    return {"checklist_id": assessment.pk}


def sample_minutes(city, coordinator) -> dict[str, int]:
    """A body with two meetings: the earlier one's minutes approved with an
    open action item, which is on the later one's agenda (Wiedervorlage);
    the later one's minutes are a draft with an action item of their own."""
    # Public, so that its public page is surveyed too (the registry).
    body = make_body(
        city,
        "Stadtteilkonferenz Altstadt",
        is_public=True,
        topics=["Sprache"],
        contact_email="stadtteilkonferenz@example.org",
    )
    lead = make_member(
        body, person=make_person(city, "Schneider", email="s@example.org"), role="lead"
    )
    earlier = make_meeting(
        body,
        starts_at=dt.datetime(2025, 3, 4, 15, tzinfo=dt.UTC),
        agenda=["Bericht aus den Kitas"],
    )
    make_action_item(earlier, "Elternbrief übersetzen lassen", due=dt.date(2025, 4, 1))
    minutes_services.minutes_approve(
        actor=coordinator, minutes=minutes_services.minutes_latest(earlier)
    )
    later = make_meeting(
        body,
        starts_at=dt.datetime(2025, 6, 3, 15, tzinfo=dt.UTC),
        agenda=["Sprachförderung"],
    )
    item = later.agenda.get(title="Sprachförderung")
    action = make_action_item(later, "Fortbildung planen", agenda_item=item)
    minutes_services.minutes_save(
        actor=coordinator,
        minutes=minutes_services.minutes_latest(later),
        summary="Acht Teilnehmende.",
        entries={
            item.pk: {"discussion": "Bedarf in Nord.", "agreements": "Fortbildung"}
        },
    )
    return {
        "body_id": body.pk,
        "member_id": lead.pk,
        "person_id": lead.person_id,
        "meeting_id": later.pk,
        "item_id": item.pk,
        "action_id": action.pk,
    }
