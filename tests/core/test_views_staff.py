"""The staff area under /<municipality>/intern/: access per role, CRUD, lists."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kette.core.models import (
    AgeBand,
    AuditEntry,
    DistrictPopulation,
    Organisation,
    Role,
    Sector,
)
from tests.core.factories import (
    DistrictFactory,
    OrganisationFactory,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def people(municipality, other_municipality, organisation, state_admin):
    return {
        "coordinator": user_with_role(municipality, Role.COORDINATOR),
        "planner": user_with_role(municipality, Role.PLANNER),
        "network_lead": user_with_role(municipality, Role.NETWORK_LEAD),
        "provider_editor": user_with_role(
            municipality, Role.PROVIDER_EDITOR, organisations=[organisation]
        ),
        "state_admin": state_admin,
        "outsider": user_with_role(other_municipality, Role.COORDINATOR),
        "nobody": UserFactory(),
    }


def staff_url(name: str, municipality, **kwargs) -> str:
    return reverse(f"core:{name}", kwargs={"municipality": municipality.slug, **kwargs})


EVERY_MEMBER = {
    "coordinator",
    "planner",
    "network_lead",
    "provider_editor",
    "state_admin",
}
COORDINATION = {"coordinator", "state_admin"}
MATRIX = {
    "staff_dashboard": EVERY_MEMBER,
    "staff_organisation_list": EVERY_MEMBER,
    "staff_organisation_create": COORDINATION,
    "staff_organisation_update": COORDINATION | {"provider_editor"},
    "staff_organisation_delete": COORDINATION,
    "staff_district_list": EVERY_MEMBER,
    "staff_audit_list": COORDINATION,
    "staff_audit_detail": COORDINATION,
    "staff_membership_list": COORDINATION,
}
WHO = ["coordinator", "planner", "network_lead", "provider_editor", "state_admin"]
WHO += ["outsider", "nobody"]


def url_for(name: str, municipality, organisation) -> str:
    if "organisation_update" in name or "organisation_delete" in name:
        return staff_url(name, municipality, organisation_id=organisation.pk)
    if name == "staff_audit_detail":
        entry = AuditEntry.objects.create(
            actor_name="x",
            municipality=municipality,
            action="create",
            object_type="kette_core.Organisation",
            object_id=str(organisation.pk),
            object_repr=organisation.name,
            changes={"name": [None, organisation.name]},
        )
        return staff_url(name, municipality, entry_id=entry.pk)
    return staff_url(name, municipality)


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_staff_pages_per_role(client, people, municipality, organisation, name, who):
    client.force_login(people[who])
    response = client.get(url_for(name, municipality, organisation))
    expected = 200 if who in MATRIX[name] else 403
    assert response.status_code == expected, (name, who, response.status_code)
    if expected == 403:
        assert "Zugriff verweigert" in html(response)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_anonymous_visitors_are_sent_to_the_login(
    client, municipality, organisation, name
):
    url = url_for(name, municipality, organisation)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/?next=")


def test_dashboard_tells_a_coordinator_what_they_can_do(
    client, coordinator, municipality
):
    client.force_login(coordinator)
    page = html(client.get(staff_url("staff_dashboard", municipality)))
    for link in ("intern/traeger/", "intern/bezirke/", "intern/mitglieder/"):
        assert link in page
    assert "intern/protokoll/" in page
    assert "intern/traeger/neu/" in page
    # A new municipality's next step is named on the page that says so.
    assert "intern/bezirke/import/" in page


def test_dashboard_for_a_planner_hides_coordination_links(client, people, municipality):
    client.force_login(people["planner"])
    page = html(client.get(staff_url("staff_dashboard", municipality)))
    assert "intern/protokoll/" not in page
    assert "intern/mitglieder/" not in page
    assert "intern/traeger/neu/" not in page


def form_data(**overrides) -> dict:
    data = {
        "name": "Familienzentrum Am Park e.V.",
        "legal_form": "ev",
        "sector": str(Sector.objects.get(code="health").pk),
        "description": "Beratung für Familien",
        "street": "Parkweg 3",
        "postal_code": "46045",
        "city": "Musterstadt",
        "email": "info@park.example",
        "phone": "0208 123",
        "website": "https://park.example",
        "statewide_key": "",
    }
    data.update(overrides)
    return data


def test_coordinator_creates_an_organisation_with_an_audit_entry(
    client, coordinator, municipality
):
    client.force_login(coordinator)
    response = client.post(
        staff_url("staff_organisation_create", municipality), form_data()
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(name="Familienzentrum Am Park e.V.")
    assert organisation.municipality == municipality
    entry = AuditEntry.objects.get(object_id=str(organisation.pk), action="create")
    assert entry.actor == coordinator and entry.municipality == municipality
    assert entry.changes["name"] == [None, "Familienzentrum Am Park e.V."]
    followed = html(client.get(response["Location"]))
    assert "Familienzentrum Am Park e.V. wurde angelegt." in followed


def test_form_errors_keep_the_entered_values(client, coordinator, municipality):
    client.force_login(coordinator)
    data = form_data(name="", email="keine-adresse", street="Lindenallee 9")
    response = client.post(staff_url("staff_organisation_create", municipality), data)
    assert response.status_code == 200
    page = html(response)
    assert 'value="Lindenallee 9"' in page
    assert 'value="keine-adresse"' in page
    assert "Bitte überprüfen Sie Ihre Eingaben" in page
    # Errors are tied to their fields for screen readers.
    assert 'id="id_name_error"' in page
    assert 'aria-describedby="id_name_error"' in page
    assert 'aria-invalid="true"' in page
    assert not Organisation.objects.filter(street="Lindenallee 9").exists()


def test_duplicate_names_are_rejected_by_the_service_on_the_form(
    client, coordinator, municipality, organisation
):
    client.force_login(coordinator)
    data = form_data(name=organisation.name)
    response = client.post(staff_url("staff_organisation_create", municipality), data)
    assert response.status_code == 200
    assert "Bitte überprüfen Sie Ihre Eingaben" in html(response)
    assert Organisation.objects.filter(name=organisation.name).count() == 1


def test_coordinator_edits_an_organisation_and_the_change_is_audited(
    client, coordinator, municipality, organisation
):
    client.force_login(coordinator)
    url = staff_url(
        "staff_organisation_update", municipality, organisation_id=organisation.pk
    )
    assert organisation.name in html(client.get(url))
    old_name = organisation.name
    response = client.post(url, form_data(name="Neuer Name e.V."))
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Neuer Name e.V."
    entry = AuditEntry.objects.get(object_id=str(organisation.pk), action="update")
    assert entry.changes["name"] == [old_name, "Neuer Name e.V."]


def test_delete_asks_first_then_deletes_with_an_audit_entry(
    client, coordinator, municipality, organisation
):
    client.force_login(coordinator)
    url = staff_url(
        "staff_organisation_delete", municipality, organisation_id=organisation.pk
    )
    page = html(client.get(url))
    assert "Ja, löschen" in page
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    entry = AuditEntry.objects.get(object_id=str(organisation.pk), action="delete")
    assert entry.changes["name"] == [organisation.name, None]


def test_provider_editor_sees_and_edits_only_their_organisations(
    client, people, municipality, organisation
):
    foreign = OrganisationFactory(municipality=municipality, name="Fremder Träger")
    client.force_login(people["provider_editor"])
    page = html(client.get(staff_url("staff_organisation_list", municipality)))
    assert organisation.name in page
    assert "Fremder Träger" not in page
    assert "Löschen" not in page
    own = staff_url(
        "staff_organisation_update", municipality, organisation_id=organisation.pk
    )
    other = staff_url(
        "staff_organisation_update", municipality, organisation_id=foreign.pk
    )
    assert client.post(own, form_data(name="Mein Träger e.V.")).status_code == 302
    assert client.post(other, form_data(name="Gekapert")).status_code == 403
    foreign.refresh_from_db()
    assert foreign.name == "Fremder Träger"


def test_a_planner_sees_every_organisation_but_cannot_edit(
    client, people, municipality, organisation
):
    OrganisationFactory(municipality=municipality, name="Zweiter Träger")
    client.force_login(people["planner"])
    page = html(client.get(staff_url("staff_organisation_list", municipality)))
    assert organisation.name in page and "Zweiter Träger" in page
    assert "bearbeiten/" not in page


def test_organisation_list_searches_filters_and_paginates(
    client, coordinator, municipality
):
    health = Sector.objects.get(code="health")
    OrganisationFactory(
        municipality=municipality, name="Kinderarztpraxis Sonne", sector=health
    )
    OrganisationFactory.create_batch(30, municipality=municipality)
    client.force_login(coordinator)
    url = staff_url("staff_organisation_list", municipality)
    page = html(client.get(url, {"q": "arztpraxis"}))
    assert "Kinderarztpraxis Sonne" in page and "1 Träger" in page
    page = html(client.get(url, {"sector": "health"}))
    assert "Kinderarztpraxis Sonne" in page and "Träger 1 e.V." not in page
    first = html(client.get(url))
    assert "Seite 1 von 2" in first
    second = html(client.get(url, {"page": 2}))
    assert "Seite 2 von 2" in second


def test_district_table_shows_the_latest_population_by_age_band(
    client, people, municipality
):
    top = DistrictFactory(municipality=municipality, code="01", name="Mitte")
    below = DistrictFactory(
        municipality=municipality, code="0101", name="Altstadt", parent=top, level=1
    )
    band = AgeBand.objects.get(code="3-6")
    DistrictPopulation.objects.create(
        district=below, year=2023, age_band=band, count=11
    )
    DistrictPopulation.objects.create(
        district=below, year=2024, age_band=band, count=4321
    )
    client.force_login(people["planner"])
    page = html(client.get(staff_url("staff_district_list", municipality)))
    assert "2024" in page and "4321" in page and "11<" not in page
    assert page.index("Mitte") < page.index("Altstadt")
    assert band.label_de in page


def test_audit_trail_filters_by_kind_and_person(
    client, coordinator, municipality, organisation
):
    client.force_login(coordinator)
    client.post(
        staff_url(
            "staff_organisation_update", municipality, organisation_id=organisation.pk
        ),
        form_data(name="Umbenannt e.V."),
    )
    AuditEntry.objects.create(
        actor_name="jemand",
        municipality=municipality,
        action="create",
        object_type="kette_core.District",
        object_id="9",
        object_repr="Bezirk Neun",
        changes={},
    )
    url = staff_url("staff_audit_list", municipality)
    page = html(client.get(url))
    assert "Umbenannt e.V." in page and "Bezirk Neun" in page
    assert organisation.name in page  # old value of the name change
    page = html(client.get(url, {"actor": "jemand"}))
    assert "Bezirk Neun" in page and "Umbenannt e.V." not in page
    page = html(client.get(url, {"object_type": "kette_core.Organisation"}))
    assert "Bezirk Neun" not in page and "Umbenannt e.V." in page


def test_audit_detail_shows_old_and_new_values(
    client, coordinator, municipality, organisation
):
    client.force_login(coordinator)
    client.post(
        staff_url(
            "staff_organisation_update", municipality, organisation_id=organisation.pk
        ),
        form_data(name="Neu e.V.", legal_form="ggmbh"),
    )
    entry = AuditEntry.objects.get(action="update")
    page = html(
        client.get(staff_url("staff_audit_detail", municipality, entry_id=entry.pk))
    )
    assert "Neu e.V." in page
    # Choice codes are shown with their labels.
    assert "gemeinnützige GmbH (gGmbH)" in page
    assert (
        client.post(
            staff_url("staff_audit_detail", municipality, entry_id=entry.pk)
        ).status_code
        == 405
    )


def test_members_page_lists_roles_and_bound_organisations(
    client, people, municipality, organisation
):
    client.force_login(people["coordinator"])
    page = html(client.get(staff_url("staff_membership_list", municipality)))
    editor = people["provider_editor"]
    assert editor.username in page
    assert "Trägerredaktion" in page
    assert organisation.name in page
    assert people["outsider"].username not in page
