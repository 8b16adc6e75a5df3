"""A small, hand-countable set of bodies for the analysis tests.

Current members (people sit for the organisation in brackets):

- "AK Kita" (city-wide, topics Sprache, Kita): Anna, Ben, Cem [Jugendhilfe
  e.V.], Dora [Gesundheit gGmbH], Emil [none]
- "AG Frühe Hilfen" (city-wide, topics Sprache, Eltern): Anna, Ben
  [Jugendhilfe e.V.], Cem [Gesundheit gGmbH], Finn [Schule am Park]
- "Stadtteilkonferenz Nord" (district Nord): Anna [Jugendhilfe e.V.], Gül
  [Schule am Park]; Ben and Cem left it a year ago
- "Alte Runde" (dissolved): Anna, Ben, Cem, Dora

People: AK Kita {A,B,C,D,E}, AG Frühe Hilfen {A,B,C,F}: 3 shared, Jaccard
3/6, overlap 3/4. Organisations: AK Kita {J,G}, AG {J,G,S}: 2 shared,
Jaccard 2/3, overlap 1. AK Kita × Nord: people {A}: Jaccard 1/6, overlap
1/2; organisations {J}: 1/3 and 1/2. AG × Nord: people 1/5 and 1/2;
organisations {J,S}: 2/3 and 1.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from kette.core.models import District, Sector
from kette.networks.models import Body, BodyStatus, Person
from tests.core.factories import DistrictFactory, OrganisationFactory, square
from tests.networks.factories import make_body, make_member, make_person


@dataclass
class City:
    kita: Body
    fruehe_hilfen: Body
    nord: Body
    dissolved: Body
    people: dict[str, Person]
    district: District


def build_city(municipality) -> City:
    today = timezone.localdate()
    youth = Sector.objects.get(code="youth-welfare")
    others = list(Sector.objects.exclude(pk=youth.pk).order_by("position")[:2])
    jugend = OrganisationFactory(
        municipality=municipality, name="Jugendhilfe e.V.", sector=youth
    )
    gesundheit = OrganisationFactory(
        municipality=municipality, name="Gesundheit gGmbH", sector=others[0]
    )
    schule = OrganisationFactory(
        municipality=municipality, name="Schule am Park", sector=others[1]
    )
    district = DistrictFactory(
        municipality=municipality, code="02", name="Nord", geometry=square(7, 51, 0.02)
    )
    people = {
        name: make_person(municipality, name, first_name="")
        for name in ("Anna", "Ben", "Cem", "Dora", "Emil", "Finn", "Gül")
    }
    kita = make_body(municipality, "AK Kita", topics=["Sprache", "Kita"])
    fruehe = make_body(municipality, "AG Frühe Hilfen", topics=["Sprache", "Eltern"])
    nord = make_body(municipality, "Stadtteilkonferenz Nord", city_wide=False)
    nord.districts.set([district])
    dissolved = make_body(municipality, "Alte Runde", status=BodyStatus.DISSOLVED)
    sits = {
        kita: [("Anna", jugend), ("Ben", jugend), ("Cem", jugend)]
        + [("Dora", gesundheit), ("Emil", None)],
        fruehe: [("Anna", jugend), ("Ben", jugend), ("Cem", gesundheit)]
        + [("Finn", schule)],
        nord: [("Anna", jugend), ("Gül", schule)],
        dissolved: [("Anna", None), ("Ben", None), ("Cem", None), ("Dora", None)],
    }
    for body, members in sits.items():
        for name, organisation in members:
            make_member(body, person=people[name], organisation=organisation)
    for name in ("Ben", "Cem"):
        make_member(
            nord,
            person=people[name],
            organisation=jugend,
            joined_on=today - dt.timedelta(days=800),
            left_on=today - dt.timedelta(days=365),
        )
    return City(kita, fruehe, nord, dissolved, people, district)
