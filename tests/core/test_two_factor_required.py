"""Two-factor login required for state admins and coordinators (by setting):
set up after the password, before the login; no way around it, not in the
admin either; optional for everyone else."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from kette.core.models import AuditEntry, Role
from kette.core.services.accounts import membership_grant
from kette.core.services.otp import totp_reset
from tests.conftest import login_without_code
from tests.core.factories import PASSWORD, UserFactory, user_with_role
from tests.core.totp import code, key_on_page, wrong_code

pytestmark = pytest.mark.django_db

STAFF = "/musterstadt/intern/"


@pytest.fixture(autouse=True)
def _no_otp_throttle(settings):
    # django-otp slows down retries after a wrong code; tests try again at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def new_coordinator(municipality):
    """A coordinator who has not set up an app yet."""
    return user_with_role(
        municipality, Role.COORDINATOR, username="neu", second_factor=False
    )


@pytest.fixture
def new_state_admin(db):
    return UserFactory(username="neuland", is_state_admin=True, second_factor=False)


def html(response) -> str:
    return response.content.decode()


def password_login(client: Client, username: str, next_url: str = STAFF):
    return client.post(
        "/anmelden/", {"username": username, "password": PASSWORD, "next": next_url}
    )


def signed_in(client: Client) -> bool:
    return client.get("/konto/").status_code == 200


def enrol_at_login(client: Client, path: str = "/anmelden/einrichten/"):
    """Read the key off the setup page and confirm it with the app's code."""
    key = key_on_page(html(client.get(path)))
    return key, client.post(path, {"otp_token": code(key)})


def test_coordinator_with_a_password_only_is_not_logged_in_but_sent_to_set_up(
    client, new_coordinator
):
    response = password_login(client, "neu")
    assert response.status_code == 302
    assert response["Location"] == "/anmelden/einrichten/"
    assert not signed_in(client)
    staff = client.get(STAFF)
    assert staff.status_code == 302 and staff["Location"].startswith("/anmelden/")
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    # The code step does not let anyone past without an app either.
    assert client.get("/anmelden/code/")["Location"] == "/anmelden/einrichten/"
    assert not TOTPDevice.objects.filter(user=new_coordinator).exists()


def test_forced_enrolment_shows_the_app_key_and_logs_in_after_a_right_code(
    client, new_coordinator
):
    password_login(client, "neu")
    page = client.get("/anmelden/einrichten/")
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    text = html(page)
    assert "Ihre Rolle erfordert die Zwei-Faktor-Anmeldung" in text
    assert 'role="img"' in text and "<svg" in text
    assert "otpauth://totp/kette%3Aneu?secret=" in text
    key = key_on_page(text)
    wrong = client.post("/anmelden/einrichten/", {"otp_token": wrong_code(key)})
    assert wrong.status_code == 200 and "Dieser Code stimmt nicht" in html(wrong)
    assert not signed_in(client)
    assert not TOTPDevice.objects.exists()

    response = client.post("/anmelden/einrichten/", {"otp_token": code(key)})
    assert response.status_code == 302 and response["Location"] == STAFF
    assert client.get(STAFF).status_code == 200
    device = TOTPDevice.objects.get(user=new_coordinator, confirmed=True)
    assert device.bin_key == key
    assert client.session["otp_device_id"] == device.persistent_id


def test_enrolment_is_audited_without_the_secret(client, new_coordinator):
    password_login(client, "neu")
    enrol_at_login(client)
    entry = AuditEntry.objects.get()
    assert (entry.object_type, entry.action) == ("otp_totp.TOTPDevice", "create")
    assert entry.actor == new_coordinator
    assert entry.changes["user"] == [None, new_coordinator.pk]
    device = TOTPDevice.objects.get(user=new_coordinator)
    assert device.key not in str(entry.changes)


def test_after_enrolment_the_coordinator_logs_in_with_password_and_code(
    client, new_coordinator
):
    password_login(client, "neu")
    enrol_at_login(client)
    client.post("/abmelden/")
    response = password_login(client, "neu")
    assert response["Location"] == "/anmelden/code/"
    assert not signed_in(client)
    device = TOTPDevice.objects.get(user=new_coordinator)
    response = client.post(
        "/anmelden/code/", {"otp_token": code(device, steps_ahead=1)}
    )
    assert response["Location"] == STAFF
    assert client.get(STAFF).status_code == 200


def test_state_admin_reaches_the_admin_only_after_setting_up_the_app(
    client, new_state_admin
):
    response = password_login(client, "neuland", next_url="/admin/")
    assert response["Location"] == "/anmelden/einrichten/"
    assert client.get("/admin/").status_code == 302
    _key, response = enrol_at_login(client)
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_state_admin_without_the_code_in_this_session_gets_no_admin(
    client, state_admin
):
    login_without_code(client, state_admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/anmelden/code/"
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_provider_editor_still_logs_in_with_the_password_alone(
    client, municipality, organisation
):
    user_with_role(
        municipality,
        Role.PROVIDER_EDITOR,
        username="traeger",
        organisations=[organisation],
    )
    response = password_login(client, "traeger")
    assert response.status_code == 302 and response["Location"] == STAFF
    assert client.get(STAFF).status_code == 200
    assert not TOTPDevice.objects.exists()


def test_the_roles_come_from_the_setting(client, municipality, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["planner"]
    user_with_role(municipality, Role.PLANNER, username="planung", second_factor=False)
    user_with_role(municipality, Role.COORDINATOR, username="koordination")
    assert password_login(client, "planung")["Location"] == "/anmelden/einrichten/"
    assert password_login(Client(), "koordination")["Location"] == STAFF
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    assert password_login(Client(), "planung")["Location"] == STAFF


def test_an_unknown_role_in_the_setting_stops_the_system_check(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["coordinator", "koordinator"]
    with pytest.raises(SystemCheckError, match="kette.E021"):
        call_command("check")


def test_a_session_that_gains_the_role_is_sent_to_set_up_the_app(client, municipality):
    editor = user_with_role(municipality, Role.PROVIDER_EDITOR, username="traeger")
    client.force_login(editor)
    membership_grant(
        actor=None,
        actor_name="test",
        user=editor,
        municipality=municipality,
        role=Role.COORDINATOR,
    )
    response = client.get(STAFF + "traeger/")
    assert response.status_code == 302
    assert (
        response["Location"]
        == "/konto/zwei-faktor/?next=%2Fmusterstadt%2Fintern%2Ftraeger%2F"
    )
    for path in ("/konto/", "/musterstadt/", "/admin/"):
        assert client.get(path)["Location"].startswith("/konto/zwei-faktor/"), path
    api = client.get("/api/v1/organisations/")
    assert api.status_code == 403 and "message" in api.json()
    # Still open: the setup page (with no way around) and the language switch.
    page = html(client.get(response["Location"]))
    assert '<a href="/konto/">Abbrechen</a>' not in page
    language = client.post("/i18n/setlang/", {"language": "de", "next": "/"})
    assert language["Location"] == "/"
    _key, done = enrol_at_login(client, response["Location"])
    assert done["Location"] == STAFF + "traeger/"
    assert client.get(STAFF + "traeger/").status_code == 200


def test_a_reset_app_sends_the_open_session_to_set_up_a_new_one(
    client, coordinator, state_admin
):
    client.force_login(coordinator)
    assert client.get(STAFF).status_code == 200
    assert totp_reset(actor=state_admin, user=coordinator)
    response = client.get(STAFF)
    assert response["Location"].startswith("/konto/zwei-faktor/")
    assert client.post("/abmelden/")["Location"] == "/"
    assert not signed_in(client)


def test_a_required_second_factor_cannot_be_turned_off(client, coordinator):
    device = TOTPDevice.objects.get(user=coordinator)
    client.force_login(coordinator)
    assert 'href="/konto/zwei-faktor/ausschalten/"' not in html(client.get("/konto/"))
    response = client.post(
        "/konto/zwei-faktor/ausschalten/", {"otp_token": code(device)}
    )
    assert response.status_code == 302 and response["Location"] == "/konto/"
    assert TOTPDevice.objects.filter(user=coordinator).exists()


def test_a_password_only_session_of_a_role_with_an_app_must_give_the_code(
    client, municipality
):
    """A provider editor logs in with the password alone (allowed), becomes a
    coordinator and sets up the app in another browser: the first session has
    never given a code and must not reach the staff area, the admin or the API."""
    editor = user_with_role(municipality, Role.PROVIDER_EDITOR, username="traeger")
    assert password_login(client, "traeger")["Location"] == STAFF
    membership_grant(
        actor=None,
        actor_name="test",
        user=editor,
        municipality=municipality,
        role=Role.COORDINATOR,
    )
    other = Client()
    assert password_login(other, "traeger")["Location"] == "/anmelden/einrichten/"
    key, done = enrol_at_login(other)
    assert done["Location"] == STAFF

    api = client.get("/api/v1/organisations/")
    assert api.status_code == 403 and "message" in api.json()
    assert "no-store" in api["Cache-Control"]
    response = client.get(STAFF + "traeger/")
    assert response.status_code == 302
    assert response["Location"] == "/anmelden/code/"
    assert "no-store" in response["Cache-Control"]
    assert not signed_in(client)
    # The code (the next one: the last was used by the other browser) logs in
    # again and leads to the page asked for.
    finish = client.post("/anmelden/code/", {"otp_token": code(key, steps_ahead=1)})
    assert finish["Location"] == STAFF + "traeger/"
    assert client.get(STAFF + "traeger/").status_code == 200
