"""Factories for core models; every app's tests build on these."""

from __future__ import annotations

import factory

from kette.core.models import (
    District,
    Membership,
    Municipality,
    Organisation,
    Role,
    Sector,
    User,
)
from kette.core.models.municipality import MunicipalityKind, State

PASSWORD = "correct-horse-battery"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Teststadt {n}")
    slug = factory.Sequence(lambda n: f"teststadt-{n}")
    ags = factory.Sequence(lambda n: f"05{n:06d}")
    kind = MunicipalityKind.INDEPENDENT_CITY
    state = State.NORDRHEIN_WESTFALEN


def square(x: float, y: float, size: float = 0.01) -> dict:
    """A GeoJSON polygon: a square with its south-west corner at (x, y)."""
    return {
        "type": "Polygon",
        "coordinates": [
            [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
        ],
    }


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    code = factory.Sequence(lambda n: f"D{n:03d}")
    name = factory.Sequence(lambda n: f"Bezirk {n}")
    level = 0
    geometry = factory.Sequence(lambda n: square(6.8 + 0.01 * n, 51.4))
    min_lon = factory.LazyAttribute(lambda d: d.geometry["coordinates"][0][0][0])
    min_lat = factory.LazyAttribute(lambda d: d.geometry["coordinates"][0][0][1])
    max_lon = factory.LazyAttribute(lambda d: d.geometry["coordinates"][0][2][0])
    max_lat = factory.LazyAttribute(lambda d: d.geometry["coordinates"][0][2][1])


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Träger {n} e.V.")
    legal_form = "ev"
    sector = factory.LazyFunction(lambda: Sector.objects.get(code="youth-welfare"))
    street = "Hauptstraße 1"
    postal_code = "46045"
    city = "Teststadt"
    email = factory.Sequence(lambda n: f"info{n}@traeger.example")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Erika"
    last_name = "Mustermann"

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.COORDINATOR

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.add(*extracted)


def user_with_role(municipality: Municipality, role: str, **kwargs) -> User:
    """A user holding ``role`` in ``municipality``; provider editors get organisations."""
    organisations = kwargs.pop("organisations", None)
    user = UserFactory(**kwargs)
    MembershipFactory(
        user=user, municipality=municipality, role=role, organisations=organisations
    )
    return user
