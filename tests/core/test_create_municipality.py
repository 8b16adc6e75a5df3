"""Adding a municipality: ``kette create_municipality`` and the state admin's page."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kette.core.models import AuditEntry, Municipality, Role
from tests.core.factories import MunicipalityFactory, user_with_role

pytestmark = pytest.mark.django_db


def create(*args: str) -> str:
    out = StringIO()
    call_command("create_municipality", *args, stdout=out)
    return out.getvalue()


def test_the_command_creates_an_audited_municipality_and_names_the_next_steps():
    out = create(
        "Mülheim an der Ruhr", "--kind", "kreisfreie_stadt", "--ags", "05117000"
    )
    created = Municipality.objects.get()
    assert (created.name, created.slug, created.ags, created.state) == (
        "Mülheim an der Ruhr",
        "muelheim-an-der-ruhr",
        "05117000",
        "05",
    )
    assert "/muelheim-an-der-ruhr/" in out
    assert "kette import_districts" in out
    assert "kette import_hsds" in out
    entry = AuditEntry.objects.get(object_type="kette_core.Municipality")
    assert entry.action == "create"
    assert entry.municipality == created
    assert entry.actor_name == "create_municipality (command line)"


def test_the_command_takes_a_state_by_name_and_needs_no_key():
    create(
        "Kleinstadt",
        "--kind",
        "kreisangehoerige_gemeinde",
        "--slug",
        "klein",
        "--state",
        "Hessen",
    )
    create("Dorf", "--kind", "kreisangehoerige_gemeinde", "--state", "06")
    assert sorted(Municipality.objects.values_list("slug", "state", "ags")) == [
        ("dorf", "06", None),
        ("klein", "06", None),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ags", "0511"], "8"),
        (["--ags", "06111000", "--state", "05"], "05"),
        (["--state", "Atlantis"], "Atlantis"),
        ([], "--state"),
        (["--state", "05", "--slug", "anmelden"], "slug"),
    ],
)
def test_the_command_refuses_bad_input_and_writes_nothing(args, message):
    with pytest.raises(CommandError) as error:
        create("Neustadt", "--kind", "kreisfreie_stadt", *args)
    assert message in str(error.value)
    assert not Municipality.objects.exists()
    assert not AuditEntry.objects.exists()


def test_the_command_refuses_a_slug_in_use():
    MunicipalityFactory(slug="neustadt")
    with pytest.raises(CommandError, match="slug"):
        create("Neustadt", "--kind", "kreisfreie_stadt", "--state", "05")
    assert Municipality.objects.count() == 1


def test_a_state_admin_adds_a_municipality_on_a_page(client, state_admin):
    client.force_login(state_admin)
    form = client.get("/kommunen/neu/")
    assert form.status_code == 200
    response = client.post(
        "/kommunen/neu/",
        {"name": "Bottrop", "slug": "", "ags": "05512000", "kind": "kreisfreie_stadt"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/bottrop/intern/"
    created = Municipality.objects.get(slug="bottrop")
    assert created.state == "05"
    entry = AuditEntry.objects.get(object_type="kette_core.Municipality")
    assert entry.actor == state_admin
    MunicipalityFactory(slug="other")
    listing = client.get("/")
    assert "Bottrop" in listing.content.decode()


def test_the_page_shows_what_is_wrong_by_field(client, state_admin):
    MunicipalityFactory(slug="bottrop")
    client.force_login(state_admin)
    response = client.post(
        "/kommunen/neu/",
        {
            "name": "Bottrop",
            "slug": "bottrop",
            "ags": "123",
            "kind": "kreisfreie_stadt",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) >= {"slug", "ags"}
    assert Municipality.objects.count() == 1


def test_only_state_admins_add_municipalities(client, municipality):
    assert client.get("/kommunen/neu/")["Location"].startswith("/anmelden/")
    client.force_login(user_with_role(municipality, Role.COORDINATOR))
    response = client.post(
        "/kommunen/neu/", {"name": "X", "state": "05", "kind": "kreisfreie_stadt"}
    )
    assert response.status_code == 403
    assert Municipality.objects.count() == 1


def test_the_staff_dashboard_links_the_page_for_state_admins_only(
    client, municipality, state_admin, coordinator
):
    client.force_login(state_admin)
    assert "/kommunen/neu/" in client.get("/musterstadt/intern/").content.decode()
    client.force_login(coordinator)
    assert "/kommunen/neu/" not in client.get("/musterstadt/intern/").content.decode()


def test_the_start_page_of_a_municipality_without_a_key_shows_no_key(client):
    create("Kleinhausen", "--kind", "kreisangehoerige_gemeinde", "--state", "05")

    page = client.get("/kleinhausen/").content.decode()

    assert "Kleinhausen" in page
    assert "None" not in page
    assert "(AGS)" not in page
