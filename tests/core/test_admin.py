"""The Django admin: state admins only (by rule), every save and delete audited."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from kette.core.models import (
    AuditEntry,
    Membership,
    Municipality,
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


def test_an_organisation_cannot_move_to_another_municipality(
    client, state_admin, municipality, other_municipality, organisation
):
    client.force_login(state_admin)
    url = reverse("admin:kette_core_organisation_change", args=[organisation.pk])
    data = organisation_form(other_municipality, name=organisation.name, city="Z")
    assert client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.municipality == municipality and organisation.city == "Z"


def test_state_admin_adds_two_municipalities_without_an_ags(client, state_admin):
    client.force_login(state_admin)
    url = reverse("admin:kette_core_municipality_add")
    for slug in ("ohne-eins", "ohne-zwei"):
        response = client.post(
            url,
            {
                "slug": slug,
                "name": slug.title(),
                "ags": "",
                "kind": "kreisangehoerige_gemeinde",
                "state": "05",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    stored = Municipality.objects.filter(slug__startswith="ohne-")
    assert list(stored.values_list("ags", flat=True)) == [None, None]
