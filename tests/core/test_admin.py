"""The Django admin: state admins only (by rule), every save and delete audited."""

from __future__ import annotations

import json
import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kette.core.models import (
    AgeBand,
    AuditEntry,
    District,
    DistrictPopulation,
    Membership,
    Organisation,
    Role,
    Sector,
)
from kette.core.services.accounts import api_token_create
from tests.core.factories import (
    PASSWORD,
    DistrictFactory,
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
    square,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def test_state_admin_uses_the_admin_without_staff_or_superuser_flags(
    client, state_admin
):
    assert not state_admin.is_staff and not state_admin.is_superuser
    client.force_login(state_admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/admin/kette_core/organisation/" in page
    assert "/admin/kette_core/sector/" in page
    for model in ("organisation", "membership", "auditentry", "municipality", "user"):
        url = reverse(f"admin:kette_core_{model}_changelist")
        assert client.get(url).status_code == 200, model


def test_django_staff_flag_without_the_state_admin_rule_gets_no_access(client, db):
    # Superusers count as state admins (kette.core.roles); is_staff opens nothing.
    boss = UserFactory(is_superuser=False, is_staff=True)
    client.force_login(boss)
    assert client.get("/admin/").status_code == 403
    assert client.get("/admin/kette_core/organisation/").status_code == 403
    # And the header offers no admin link.
    assert 'href="/admin/"' not in client.get("/anmelden/").content.decode()


def test_coordinator_gets_no_access(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/").status_code == 403
    assert client.get("/admin/login/").status_code == 403


def test_anonymous_visitors_are_sent_to_the_kette_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/?next=/admin/")


def test_inactive_state_admin_gets_no_access(client, state_admin):
    client.force_login(state_admin)
    state_admin.is_active = False
    state_admin.save()
    assert client.get("/admin/").status_code in (302, 403)


def test_state_admin_sees_the_admin_link(client, state_admin):
    client.force_login(state_admin)
    assert 'href="/admin/"' in client.get("/konto/").content.decode()


def organisation_form(municipality, **overrides) -> dict:
    data = {
        "municipality": municipality.pk,
        "name": "Landesweiter Träger",
        "legal_form": "ev",
        "sector": Sector.objects.get(code="health").pk,
        "description": "",
        "street": "",
        "postal_code": "",
        "city": "",
        "email": "",
        "phone": "",
        "website": "",
        "statewide_key": "",
    }
    data.update(overrides)
    return data


def test_admin_create_change_and_delete_are_audited(client, state_admin, municipality):
    client.force_login(state_admin)
    add = reverse("admin:kette_core_organisation_add")
    response = client.post(add, organisation_form(municipality))
    assert response.status_code == 302, response.content.decode()[:2000]
    organisation = Organisation.objects.get(name="Landesweiter Träger")
    created = AuditEntry.objects.get(action="create", object_id=str(organisation.pk))
    assert created.actor == state_admin and created.municipality == municipality

    change = reverse("admin:kette_core_organisation_change", args=[organisation.pk])
    response = client.post(change, organisation_form(municipality, city="Musterstadt"))
    assert response.status_code == 302
    updated = AuditEntry.objects.get(action="update", object_id=str(organisation.pk))
    assert updated.changes == {"city": ["", "Musterstadt"]}

    delete = reverse("admin:kette_core_organisation_delete", args=[organisation.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    deleted = AuditEntry.objects.get(action="delete", object_id=str(organisation.pk))
    assert deleted.changes["name"] == ["Landesweiter Träger", None]


def test_bulk_delete_is_audited_per_object(client, state_admin, municipality):
    first, second = OrganisationFactory.create_batch(2, municipality=municipality)
    client.force_login(state_admin)
    response = client.post(
        reverse("admin:kette_core_organisation_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [first.pk, second.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    deleted = set(
        AuditEntry.objects.filter(action="delete").values_list("object_id", flat=True)
    )
    assert deleted == {str(first.pk), str(second.pk)}


def test_membership_changes_record_the_organisations(
    client, state_admin, municipality, organisation
):
    editor = user_with_role(municipality, Role.PROVIDER_EDITOR)
    membership = Membership.objects.get(user=editor)
    client.force_login(state_admin)
    url = reverse("admin:kette_core_membership_change", args=[membership.pk])
    page = client.get(url).content.decode()
    assert "selectfilter" in page  # filter_horizontal for the organisations
    response = client.post(
        url,
        {
            "user": editor.pk,
            "municipality": municipality.pk,
            "role": Role.PROVIDER_EDITOR,
            "organisations": [organisation.pk],
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="update", object_type="kette_core.Membership")
    assert entry.changes == {"organisations": [[], [organisation.pk]]}


def test_membership_with_a_foreign_organisation_is_rejected(
    client, state_admin, municipality, other_municipality
):
    foreign = OrganisationFactory(municipality=other_municipality)
    editor = UserFactory()
    client.force_login(state_admin)
    response = client.post(
        reverse("admin:kette_core_membership_add"),
        {
            "user": editor.pk,
            "municipality": municipality.pk,
            "role": Role.PROVIDER_EDITOR,
            "organisations": [foreign.pk],
        },
    )
    assert response.status_code == 200
    # The service's message, on the field it names.
    errors = response.context["adminform"].form.errors
    assert errors["organisations"] == [
        "Die Träger müssen zu derselben Kommune gehören."
    ]
    assert not Membership.objects.filter(user=editor).exists()
    assert not AuditEntry.objects.exists()


def test_audit_trail_is_read_only_in_the_admin(client, state_admin, municipality):
    entry = AuditEntry.objects.create(
        actor_name="x",
        municipality=municipality,
        action="create",
        object_type="kette_core.Organisation",
        object_id="1",
        object_repr="A",
        changes={},
    )
    client.force_login(state_admin)
    assert client.get(reverse("admin:kette_core_auditentry_add")).status_code == 403
    change = reverse("admin:kette_core_auditentry_change", args=[entry.pk])
    assert client.get(change).status_code == 200  # view only
    client.post(change, {"actor_name": "manipuliert"})
    entry.refresh_from_db()
    assert entry.actor_name == "x"
    delete = reverse("admin:kette_core_auditentry_delete", args=[entry.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_state_admin_edits_vocabularies(client, state_admin):
    sector = Sector.objects.get(code="sport")
    client.force_login(state_admin)
    url = reverse("admin:kette_core_sector_change", args=[sector.pk])
    response = client.post(
        url,
        {
            "code": "sport",
            "label_de": "Sport und Bewegung",
            "label_en": "Sport and exercise",
            "description_de": "",
            "description_en": "",
            "position": sector.position,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    sector.refresh_from_db()
    assert sector.label_de == "Sport und Bewegung"
    entry = AuditEntry.objects.get(object_type="kette_core.Sector", action="update")
    assert entry.changes["label_de"] == ["Sport", "Sport und Bewegung"]
    assert entry.municipality is None


# --- models that are not the admin's -----------------------------------------


def test_third_party_models_are_not_in_the_admin(client, state_admin):
    for model in (Group, TOTPDevice, AccessAttempt):
        assert not admin.site.is_registered(model), model
    device = TOTPDevice.objects.create(user=state_admin, name="app", confirmed=False)
    client.force_login(state_admin)
    for path in (
        "/admin/auth/group/",
        "/admin/otp_totp/totpdevice/",
        f"/admin/otp_totp/totpdevice/{device.pk}/config/",
        "/admin/axes/accessattempt/",
    ):
        assert client.get(path).status_code == 404, path


# --- the second factor of the state admins themselves ------------------------


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_admin_needs_the_second_factor_once_it_is_set_up(client, state_admin):
    device = TOTPDevice.objects.create(user=state_admin, name="app", confirmed=True)
    client.force_login(state_admin)  # logged in, but without the code
    assert client.get("/admin/").status_code == 403
    assert client.get("/admin/kette_core/user/").status_code == 403
    client.post("/abmelden/")
    response = client.post(
        "/anmelden/", {"username": "land", "password": PASSWORD, "next": "/admin/"}
    )
    assert response["Location"] == "/anmelden/code/"
    response = client.post("/anmelden/code/", {"otp_token": current_code(device)})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/kette_core/user/").status_code == 200


# --- users: passwords, second factor, lockouts --------------------------------


def test_admin_password_change_is_audited_without_secrets(
    client, state_admin, coordinator
):
    client.force_login(state_admin)
    new = "ein-Passwort-vom-Land-9"
    response = client.post(
        reverse("admin:auth_user_password_change", args=[coordinator.pk]),
        {"password1": new, "password2": new, "usable_password": "true"},
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password(new)
    entry = AuditEntry.objects.get()
    assert entry.actor == state_admin
    assert (entry.object_type, entry.object_id) == (
        "kette_core.User",
        str(coordinator.pk),
    )
    assert entry.changes == {"password": ["(changed)", "(changed)"]}
    recorded = json.dumps([entry.changes, entry.object_repr])
    assert new not in recorded and coordinator.password not in recorded


def test_admin_turns_off_someones_second_factor_audited(
    client, state_admin, coordinator
):
    TOTPDevice.objects.create(user=coordinator, name="app", confirmed=True)
    client.force_login(state_admin)
    page = client.get(
        reverse("admin:kette_core_user_change", args=[coordinator.pk])
    ).content.decode()
    assert 'alt="True"' in page  # two-factor login: on
    response = client.post(
        reverse("admin:kette_core_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [coordinator.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_type) == ("delete", "otp_totp.TOTPDevice")
    assert entry.actor == state_admin
    assert entry.changes == {"user": [coordinator.pk, None], "confirmed": [True, None]}
    # The coordinator logs in with the password alone now.
    other = Client()
    response = other.post(
        "/anmelden/", {"username": "koordination", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] != "/anmelden/code/"


def test_admin_lifts_a_lockout_audited(client, state_admin, coordinator):
    visitor = Client()
    credentials = {"username": "koordination", "password": "falsch"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        visitor.post("/anmelden/", credentials)
    right = {"username": "koordination", "password": PASSWORD}
    locked = visitor.post("/anmelden/", right)
    assert locked.status_code == settings.AXES_HTTP_RESPONSE_CODE

    client.force_login(state_admin)
    response = client.post(
        reverse("admin:kette_core_user_changelist"),
        {"action": "unlock_login", "_selected_action": [coordinator.pk]},
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="koordination").exists()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_id) == ("update", str(coordinator.pk))
    assert entry.actor == state_admin
    assert entry.changes == {"failed_login_records": [1, 0]}
    assert visitor.post("/anmelden/", right).status_code == 302


# --- API tokens ---------------------------------------------------------------


def test_api_tokens_stay_with_their_user_and_are_made_on_the_command_line(
    client, state_admin, coordinator
):
    token, _raw = api_token_create(actor=None, user=coordinator, name="GIS")
    AuditEntry.objects.all().delete()
    client.force_login(state_admin)
    assert client.get(reverse("admin:kette_core_apitoken_add")).status_code == 403
    changelist = client.get(reverse("admin:kette_core_apitoken_changelist"))
    assert "kette create_api_token" in changelist.content.decode()
    response = client.post(
        reverse("admin:kette_core_apitoken_change", args=[token.pk]),
        {"user": state_admin.pk, "name": "GIS-Export", "expires_at_0": ""},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.user == coordinator and token.name == "GIS-Export"
    assert AuditEntry.objects.get().changes == {"name": ["GIS", "GIS-Export"]}


# --- municipal records stay in their municipality -----------------------------


def test_an_organisation_cannot_move_to_another_municipality(
    client, state_admin, municipality, other_municipality, organisation
):
    client.force_login(state_admin)
    url = reverse("admin:kette_core_organisation_change", args=[organisation.pk])
    data = organisation_form(other_municipality, name=organisation.name, city="Z")
    assert client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.municipality == municipality and organisation.city == "Z"


def test_membership_role_change_goes_through_the_service(
    client, state_admin, municipality, other_municipality, organisation
):
    editor = user_with_role(
        municipality, Role.PROVIDER_EDITOR, organisations=[organisation]
    )
    membership = Membership.objects.get(user=editor)
    client.force_login(state_admin)
    url = reverse("admin:kette_core_membership_change", args=[membership.pk])
    data = {
        "user": state_admin.pk,
        "municipality": other_municipality.pk,
        "role": Role.COORDINATOR,
        "organisations": [organisation.pk],
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["organisations"] == [
        "Nur die Trägerredaktion wird an Träger gebunden."
    ]
    assert not AuditEntry.objects.exists()
    response = client.post(url, {**data, "organisations": []})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.user == editor and membership.municipality == municipality
    assert membership.role == Role.COORDINATOR
    assert not membership.organisations.exists()
    entry = AuditEntry.objects.get()
    assert entry.changes == {
        "organisations": [[organisation.pk], []],
        "role": [Role.PROVIDER_EDITOR, Role.COORDINATOR],
    }


def test_membership_delete_is_a_revoke(client, state_admin, coordinator):
    membership = Membership.objects.get(user=coordinator)
    client.force_login(state_admin)
    delete = reverse("admin:kette_core_membership_delete", args=[membership.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.get().action == "delete"


# --- districts ----------------------------------------------------------------


def district_form(district: District, **overrides) -> dict:
    data = {
        "parent": district.parent_id or "",
        "code": district.code,
        "name": district.name,
        "level_name": district.level_name,
        "geometry": json.dumps(district.geometry),
    }
    return data | overrides


def test_district_admin_moves_through_the_service(
    client, state_admin, municipality, other_municipality
):
    top = DistrictFactory(municipality=municipality, code="01")
    child = DistrictFactory(municipality=municipality, code="0101", parent=top, level=1)
    other_top = DistrictFactory(municipality=municipality, code="02")
    client.force_login(state_admin)
    url = reverse("admin:kette_core_district_change", args=[top.pk])
    page = client.get(url).content.decode()
    assert 'name="level"' not in page and 'name="municipality"' not in page

    for parent in (top, child):
        response = client.post(url, district_form(top, parent=parent.pk))
        assert response.status_code == 200
        assert "parent" in response.context["adminform"].form.errors
    foreign = DistrictFactory(municipality=other_municipality, code="99")
    response = client.post(url, district_form(top, parent=foreign.pk))
    assert "parent" in response.context["adminform"].form.errors
    assert not AuditEntry.objects.exists()

    data = district_form(
        top, parent=other_top.pk, level=0, municipality=other_municipality.pk
    )
    assert client.post(url, data).status_code == 302
    top.refresh_from_db()
    child.refresh_from_db()
    assert (top.parent, top.level, top.municipality) == (other_top, 1, municipality)
    assert child.level == 2
    assert AuditEntry.objects.count() == 2  # the district and the one below


def test_district_admin_keeps_the_bounding_box_with_the_geometry(
    client, state_admin, municipality
):
    client.force_login(state_admin)
    response = client.post(
        reverse("admin:kette_core_district_add"),
        {
            "municipality": municipality.pk,
            "parent": "",
            "code": "07",
            "name": "Nord",
            "level_name": "Stadtbezirk",
            "geometry": json.dumps(square(7.0, 51.0, size=0.5)),
        },
    )
    assert response.status_code == 302
    district = District.objects.get(code="07")
    assert (district.level, district.min_lon, district.max_lat) == (0, 7.0, 51.5)
    assert AuditEntry.objects.get().action == "create"
    url = reverse("admin:kette_core_district_change", args=[district.pk])
    data = district_form(district, geometry=json.dumps(square(8.0, 52.0)))
    assert client.post(url, data).status_code == 302
    district.refresh_from_db()
    assert (district.min_lon, district.min_lat) == (8.0, 52.0)
    assert "(WGS 84)" in client.get(url).content.decode()


def test_population_figures_stay_with_their_district(
    client, state_admin, municipality, other_municipality
):
    district = DistrictFactory(municipality=municipality)
    foreign = DistrictFactory(municipality=other_municipality)
    band = AgeBand.objects.get(code="3-6")
    row = DistrictPopulation.objects.create(
        district=district, year=2024, age_band=band, count=10
    )
    client.force_login(state_admin)
    url = reverse("admin:kette_core_districtpopulation_change", args=[row.pk])
    data = {"district": foreign.pk, "year": 2024, "age_band": band.pk, "count": 12}
    assert client.post(url, data).status_code == 302
    row.refresh_from_db()
    assert (row.district, row.count) == (district, 12)


# --- deleting records with everything that hangs on them ----------------------


def test_deleting_a_district_records_its_population_figures(
    client, state_admin, municipality
):
    district = DistrictFactory(municipality=municipality)
    for code in ("0-3", "3-6"):
        DistrictPopulation.objects.create(
            district=district,
            year=2024,
            age_band=AgeBand.objects.get(code=code),
            count=5,
        )
    client.force_login(state_admin)
    delete = reverse("admin:kette_core_district_delete", args=[district.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    entry = AuditEntry.objects.get(action="delete")
    assert entry.object_type == "kette_core.District"
    assert entry.changes["cascade"] == {"kette_core.DistrictPopulation": 2}
    assert entry.changes["code"] == [district.code, None]


def test_deleting_a_municipality_records_what_went_with_it(client, state_admin):
    town = MunicipalityFactory(slug="weg", name="Wegstadt")
    district = DistrictFactory(municipality=town)
    DistrictPopulation.objects.create(
        district=district, year=2024, age_band=AgeBand.objects.get(code="3-6"), count=5
    )
    OrganisationFactory.create_batch(2, municipality=town)
    user_with_role(town, Role.COORDINATOR)
    client.force_login(state_admin)
    delete = reverse("admin:kette_core_municipality_delete", args=[town.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    entry = AuditEntry.objects.get(action="delete")
    assert entry.object_repr == "Wegstadt"
    assert entry.changes["cascade"] == {
        "kette_core.District": 1,
        "kette_core.DistrictPopulation": 1,
        "kette_core.Membership": 1,
        "kette_core.Organisation": 2,
    }


def test_deleting_a_vocabulary_entry_without_dependants_records_no_cascade(
    client, state_admin
):
    sector = Sector.objects.create(code="neu", label_de="Neu", label_en="New")
    client.force_login(state_admin)
    delete = reverse("admin:kette_core_sector_delete", args=[sector.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert "cascade" not in AuditEntry.objects.get(action="delete").changes


def test_add_and_change_pages_open(client, state_admin, coordinator, organisation):
    district = DistrictFactory(municipality=organisation.municipality)
    membership = Membership.objects.get(user=coordinator)
    client.force_login(state_admin)
    for model in ("organisation", "membership", "district", "user", "municipality"):
        assert client.get(reverse(f"admin:kette_core_{model}_add")).status_code == 200
    for model, obj in (
        ("organisation", organisation),
        ("membership", membership),
        ("district", district),
        ("user", coordinator),
        ("municipality", organisation.municipality),
    ):
        url = reverse(f"admin:kette_core_{model}_change", args=[obj.pk])
        assert client.get(url).status_code == 200, model
    page = client.get(
        reverse("admin:kette_core_organisation_change", args=[organisation.pk])
    ).content.decode()
    assert 'name="municipality"' not in page and 'name="name"' in page
