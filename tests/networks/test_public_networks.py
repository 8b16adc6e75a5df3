"""The public list of networks: only public bodies that are not dissolved,
with type, scope, topics and the body's own contact; never members."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from kette.networks.models import BodyStatus
from tests.core.factories import DistrictFactory

from .factories import make_body, make_member, make_person

pytestmark = pytest.mark.django_db


def test_only_public_active_or_dormant_bodies_are_listed(
    municipality, other_municipality, client
):
    district = DistrictFactory(municipality=municipality, name="Nord")
    shown = make_body(
        municipality,
        "Präventionsnetzwerk Nord",
        is_public=True,
        city_wide=False,
        districts=[district],
        topics=["Sprache"],
        contact_email="netzwerk-nord@example.org",
    )
    dormant = make_body(
        municipality, "AG Übergänge", is_public=True, status=BodyStatus.DORMANT
    )
    make_body(municipality, "Steuerungsgruppe intern")
    make_body(municipality, "AG Aufgelöst", is_public=True, status=BodyStatus.DISSOLVED)
    make_body(other_municipality, "Fremdes Netzwerk", is_public=True)
    page = client.get(reverse("networks:public_list", args=[municipality.slug]))
    assert page.status_code == 200
    assert [body.name for body in page.context["bodies"]] == [
        dormant.name,
        shown.name,
    ]
    html = page.content.decode()
    assert "Nord" in html and "Sprache" in html
    assert "Steuerungsgruppe intern" not in html
    assert "Fremdes Netzwerk" not in html


def test_the_public_page_shows_the_bodys_contact_never_its_members(
    municipality, client
):
    body = make_body(
        municipality,
        "Präventionsnetzwerk",
        is_public=True,
        contact_email="netzwerk@example.org",
        contact_phone="0521 123",
    )
    member = make_person(municipality, "Geheim", email="privat@example.org")
    make_member(body, person=member)
    page = client.get(
        reverse("networks:public_detail", args=[municipality.slug, body.pk])
    )
    html = page.content.decode()
    assert "netzwerk@example.org" in html and "0521 123" in html
    assert "Geheim" not in html and "privat@example.org" not in html


def test_internal_dissolved_and_foreign_bodies_are_not_found(
    municipality, other_municipality, client
):
    internal = make_body(municipality, "Intern")
    dissolved = make_body(
        municipality, "Alt", is_public=True, status=BodyStatus.DISSOLVED
    )
    foreign = make_body(other_municipality, "Fremd", is_public=True)
    for body in (internal, dissolved, foreign):
        url = reverse("networks:public_detail", args=[municipality.slug, body.pk])
        assert client.get(url).status_code == 404, body.name


def test_the_municipalitys_pages_link_the_public_list(municipality, client):
    page = client.get(reverse("core:municipality", args=[municipality.slug]))
    assert reverse("networks:public_list", args=[municipality.slug]) in (
        page.content.decode()
    )


def test_public_pages_leave_out_empty_tag_rows(
    municipality, coordinator, client, client_for
):
    """A citizen sees no rows of dashes for what a body has not filled in;
    the staff page still shows them (so the gap can be filled)."""
    body = make_body(municipality, "AG Leer", is_public=True, topics=["Sprache"])
    labels = [
        f"<dt>{gettext(label)}</dt>"
        for label in ("Fields of action", "Age bands", "Life phases")
    ]
    for name, args in [
        ("networks:public_list", [municipality.slug]),
        ("networks:public_detail", [municipality.slug, body.pk]),
    ]:
        html = client.get(reverse(name, args=args)).content.decode()
        assert "Sprache" in html
        assert not [label for label in labels if label in html]
    staff = client_for(coordinator).get(
        reverse("networks:body_detail", args=[municipality.slug, body.pk])
    )
    assert all(label in staff.content.decode() for label in labels)
