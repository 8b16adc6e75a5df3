"""Factories for core models; every app's tests build on these."""

from __future__ import annotations

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

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
from kette.core.services.otp import totp_device_confirmed, totp_required

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

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        # second_factor=False: a user who has not set up an app yet.
        if create and extracted is not False:
            give_second_factor_if_required(self)


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

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        if create and extracted is not False:
            give_second_factor_if_required(self.user)


def give_second_factor_if_required(user: User) -> TOTPDevice | None:
    """A confirmed authenticator app for a user whose role requires one (state
    admins and coordinators by default), as if the user had set it up; the
    user's device if there is one. Factories and ``force_login`` call it."""
    device = totp_device_confirmed(user=user)
    if device is None and totp_required(user=user):
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator", confirmed=True
        )
    # totp_required caches the user's roles on the object: forget them, the
    # test may grant more.
    vars(user).pop("_kette_roles", None)
    return device


def user_with_role(municipality: Municipality, role: str, **kwargs) -> User:
    """A user holding ``role`` in ``municipality``; provider editors get organisations.

    ``second_factor=False``: no authenticator app even if the role requires one.
    """
    organisations = kwargs.pop("organisations", None)
    second_factor = kwargs.pop("second_factor", None)
    user = UserFactory(second_factor=second_factor, **kwargs)
    MembershipFactory(
        user=user,
        municipality=municipality,
        role=role,
        organisations=organisations,
        second_factor=second_factor,
    )
    return user
