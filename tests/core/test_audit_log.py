"""The change log page reads every kind of value audit entries hold."""

from __future__ import annotations

import re
from html import unescape
from io import StringIO

import pytest
from django.core.management import call_command

from kette.core.models import (
    AuditEntry,
    FieldOfAction,
    Municipality,
    Role,
    Sector,
)
from kette.core.services.accounts import membership_grant
from tests.core.factories import UserFactory, user_with_role
from tests.monitoring.factories import IndicatorFactory, two_level_city

from .test_views_staff import staff_url

pytestmark = pytest.mark.django_db


def texts(response) -> str:
    """The page as text, for asserting on what people read."""
    assert response.status_code == 200, response.content.decode()[:3000]
    return unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def log_entry(municipality, changes: dict, object_type: str) -> AuditEntry:
    return AuditEntry.objects.create(
        actor_name="jemand",
        municipality=municipality,
        action="update",
        object_type=object_type,
        object_id="1",
        object_repr="Etwas",
        changes=changes,
    )


def test_every_kind_of_recorded_value_is_shown_readably(
    client, coordinator, municipality
):
    sector = Sector.objects.order_by("pk").first()
    health = FieldOfAction.objects.get(code="health")
    entry = log_entry(
        municipality,
        {
            # a related id and the id of an object deleted since
            "sector": [987654, sector.pk],
            # a choice code
            "legal_form": ["ev", "ggmbh"],
            # a number, None and a boolean
            "description": [None, 42],
            "email": [True, False],
            # nested content: lists of dicts and dicts in dicts
            "street": [[{"name": "Ort", "inner": {"a": 1}}], {"x": [1, None]}],
            # a field the model does not have
            "observations imported": [None, 12],
        },
        object_type="kette_core.Organisation",
    )
    # Vocabulary codes (an offer's content), a code no longer known, an id
    offer = log_entry(
        municipality,
        {
            "fields_of_action": [["health", "gone-code"], [health.pk, 999]],
            "last_verified": ["2026-06-20", None],  # a date as ISO text
        },
        object_type="kette_offers.Offer",
    )
    log_entry(municipality, ["not", "a", "dict"], object_type="kette_gone.Model")
    client.force_login(coordinator)

    for page in (
        texts(client.get(staff_url("staff_audit_list", municipality))),
        texts(
            client.get(staff_url("staff_audit_detail", municipality, entry_id=entry.pk))
        ),
    ):
        assert sector.label in page
        assert "#987654 (nicht mehr vorhanden)" in page
        assert "gemeinnützige GmbH (gGmbH)" in page
        assert "42" in page and "ja" in page and "nein" in page
        assert "Name: Ort" in page and "1" in page
        assert "Observations imported" in page and "12" in page
    page = texts(
        client.get(staff_url("staff_audit_detail", municipality, entry_id=offer.pk))
    )
    assert page.count(health.label) == 2
    assert "gone-code" in page and "#999 (nicht mehr vorhanden)" in page
    assert "20. Juni 2026" in page and "2026-06-20" not in page


def test_every_page_of_the_log_opens_after_the_demo(client):
    call_command("demo", "-v", "0", stdout=StringIO())
    municipality = Municipality.objects.get(slug="musterstadt")
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    client.force_login(coordinator)
    url = staff_url("staff_audit_list", municipality)
    entries = AuditEntry.objects.filter(municipality=municipality)
    pages = -(-entries.count() // 25)
    assert pages > 7

    for number in range(1, pages + 1):
        page = texts(client.get(url, {"page": number}))
        assert "Field 'id'" not in page
    # One detail page of each kind of object, nested content included.
    for object_type in set(entries.values_list("object_type", flat=True)):
        entry = entries.filter(object_type=object_type).order_by("pk").first()
        texts(
            client.get(staff_url("staff_audit_detail", municipality, entry_id=entry.pk))
        )
    # Vocabulary codes and places are shown with their names.
    offer = entries.filter(object_type="kette_offers.Offer", action="create").first()
    detail = texts(
        client.get(staff_url("staff_audit_detail", municipality, entry_id=offer.pk))
    )
    for code in offer.changes["life_phases"][1]:
        assert code not in detail.split()
    place = offer.changes["locations"][1][0]
    assert place["street"] in detail


def test_memberships_and_data_imports_are_labelled_in_german(
    client, coordinator, municipality, tmp_path
):
    two_level_city(municipality)
    IndicatorFactory(municipality=municipality, key="armut")
    membership_grant(
        actor=coordinator,
        user=UserFactory(),
        municipality=municipality,
        role=Role.PLANNER,
    )
    data = tmp_path / "daten.csv"
    data.write_text(
        "district,period,indicator,value,numerator,denominator\n"
        "B1-1,2024,armut,25,25,100\n"
    )
    call_command(
        "import_indicators",
        str(data),
        "--municipality",
        municipality.slug,
        stdout=StringIO(),
    )
    client.force_login(coordinator)

    def labels(object_type: str) -> str:
        entry = AuditEntry.objects.filter(object_type=object_type).latest("pk")
        return texts(
            client.get(staff_url("staff_audit_detail", municipality, entry_id=entry.pk))
        )

    membership = labels("kette_core.Membership")
    assert "Person" in membership.split() and "Kommune" in membership.split()
    assert "User" not in membership.split()
    assert "Municipality" not in membership.split()
    imported = labels("kette_monitoring.Indicator")
    assert "Importierte Werte" in imported and "Datei" in imported
    assert "imported" not in imported and "File" not in imported.split()
