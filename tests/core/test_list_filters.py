"""Staff lists filter by validated GET parameters (django-filter): a bookmark
reproduces the list, and a value that is no choice is named at its field in
German while the other filters still apply."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from kette.core import audit
from kette.core.models import Role, Sector
from tests.core.factories import MembershipFactory, OrganisationFactory, user_with_role

pytestmark = pytest.mark.django_db

NO_SUCH_CHOICE = (
    "Diese Auswahl gibt es nicht (mehr); die Liste ist nicht danach gefiltert."
)


def texts(response) -> str:
    assert response.status_code == 200
    return unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def staff_url(name: str, municipality) -> str:
    return reverse(f"core:{name}", kwargs={"municipality": municipality.slug})


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def test_an_unknown_sector_is_named_and_the_name_filter_still_applies(
    coordinator_client, municipality
):
    health = Sector.objects.get(code="health")
    OrganisationFactory(
        municipality=municipality, name="Kinderarzt Sonne", sector=health
    )
    OrganisationFactory(municipality=municipality, name="Sportverein Mond")
    url = staff_url("staff_organisation_list", municipality)

    page = texts(coordinator_client.get(url, {"q": "sonne", "sector": "astrology"}))

    assert NO_SUCH_CHOICE in page
    assert "Kinderarzt Sonne" in page and "Sportverein Mond" not in page
    by_sector = texts(coordinator_client.get(url, {"sector": "health"}))
    assert "Kinderarzt Sonne" in by_sector and "Sportverein Mond" not in by_sector
    assert NO_SUCH_CHOICE not in by_sector


def test_a_search_text_over_100_characters_is_refused_in_german(
    coordinator_client, municipality
):
    OrganisationFactory(municipality=municipality, name="Sportverein Mond")
    url = staff_url("staff_organisation_list", municipality)

    page = texts(coordinator_client.get(url, {"q": "x" * 101}))

    assert "höchstens 100 Zeichen" in page
    assert "Sportverein Mond" in page


def test_the_change_log_filters_by_person_and_names_an_unknown_one(
    coordinator_client, municipality, coordinator
):
    first = OrganisationFactory(municipality=municipality, name="Träger Eins")
    second = OrganisationFactory(municipality=municipality, name="Träger Zwei")
    audit.record_created(actor=None, actor_name="import", instance=first)
    audit.record_created(actor=coordinator, instance=second)
    url = staff_url("staff_audit_list", municipality)

    by_person = texts(coordinator_client.get(url, {"actor": "import"}))
    assert "Träger Eins" in by_person and "Träger Zwei" not in by_person
    by_kind = texts(
        coordinator_client.get(url, {"object_type": "kette_core.Organisation"})
    )
    assert "Träger Eins" in by_kind and "Träger Zwei" in by_kind

    unknown = texts(
        coordinator_client.get(url, {"actor": "niemand", "object_type": "x.Y"})
    )
    assert unknown.count(NO_SUCH_CHOICE) == 2
    assert "Träger Eins" in unknown and "Träger Zwei" in unknown


def test_the_members_list_filters_by_role_and_keeps_the_other_roles_listed(
    coordinator_client, municipality, other_municipality
):
    planner = user_with_role(municipality, Role.PLANNER, last_name="Planmann")
    MembershipFactory(user=planner, municipality=municipality, role=Role.NETWORK_LEAD)
    MembershipFactory(
        user=planner, municipality=other_municipality, role=Role.COORDINATOR
    )
    user_with_role(municipality, Role.NETWORK_LEAD, last_name="Netzfrau")
    url = staff_url("staff_membership_list", municipality)

    planners = texts(coordinator_client.get(url, {"role": "planner"}))
    assert "Planmann" in planners and "Netzfrau" not in planners
    assert "Netzwerkleitung" in planners  # the planner's other role here
    by_name = texts(coordinator_client.get(url, {"q": "netzf"}))
    assert "Netzfrau" in by_name and "Planmann" not in by_name
    nobody = texts(coordinator_client.get(url, {"q": "zzz"}))
    assert "Niemand passt zu diesem Filter." in nobody

    unknown = texts(coordinator_client.get(url, {"role": "admin", "q": "plan"}))
    assert NO_SUCH_CHOICE in unknown
    assert "Planmann" in unknown and "Netzfrau" not in unknown
