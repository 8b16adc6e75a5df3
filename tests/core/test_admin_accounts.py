"""The Django admin on accounts: second factor, passwords, lockouts, tokens, memberships."""

from __future__ import annotations

import json
import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kette.core.models import (
    AuditEntry,
    Membership,
    Role,
)
from kette.core.services.accounts import api_token_create
from tests.conftest import login_without_code
from tests.core.factories import (
    PASSWORD,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_admin_needs_the_second_factor_once_it_is_set_up(client, state_admin, settings):
    # Even where the role does not require it, an app once set up is needed.
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    device = TOTPDevice.objects.get(user=state_admin, confirmed=True)
    login_without_code(client, state_admin)
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
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
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
    # The coordinator's role requires an app: after the password, a new one is set up.
    other = Client()
    response = other.post(
        "/anmelden/", {"username": "koordination", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/anmelden/einrichten/"


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
    assert "Kontoseite" in changelist.content.decode()
    response = client.post(
        reverse("admin:kette_core_apitoken_change", args=[token.pk]),
        {"user": state_admin.pk, "name": "GIS-Export", "expires_at_0": ""},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.user == coordinator and token.name == "GIS-Export"
    assert AuditEntry.objects.get().changes == {"name": ["GIS", "GIS-Export"]}


# --- municipal records stay in their municipality -----------------------------


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
