"""Login, logout, lockout, password reset and change, and the TOTP second factor."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from kette.core.models import AuditEntry, Role
from kette.core.services.login import PENDING_KEY, PENDING_SECONDS
from tests.core.factories import PASSWORD, user_with_role
from tests.core.totp import code, key_on_page, wrong_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_otp_throttle(settings):
    # django-otp slows down retries after a wrong code; tests try again at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def member(municipality):
    # A provider editor: two-factor login is optional for the role (see
    # test_two_factor_required.py for the roles that need it).
    return user_with_role(
        municipality, Role.PROVIDER_EDITOR, username="erika", email="erika@example.org"
    )


def html(response) -> str:
    return response.content.decode()


def switch_totp_on(client) -> TOTPDevice:
    key = key_on_page(html(client.get("/konto/zwei-faktor/")))
    response = client.post("/konto/zwei-faktor/", {"otp_token": code(key)})
    assert response.status_code == 302
    return TOTPDevice.objects.get(confirmed=True)


def login(client, username="erika", password=PASSWORD, **extra):
    return client.post(
        "/anmelden/", {"username": username, "password": password, **extra}
    )


def logged_in_user(client):
    response = client.get("/konto/")
    return response.context["user"] if response.status_code == 200 else None


def test_login_page_renders_in_german(client, db):
    page = html(client.get("/anmelden/"))
    assert "<h1>Anmelden</h1>" in page
    assert 'name="username"' in page and 'name="password"' in page
    assert 'href="/passwort-vergessen/"' in page


def test_login_and_logout(client, member):
    response = login(client, next="/musterstadt/intern/")
    assert response.status_code == 302
    assert response["Location"] == "/musterstadt/intern/"
    assert logged_in_user(client) == member
    assert client.get("/abmelden/").status_code == 405
    response = client.post("/abmelden/")
    assert response.status_code == 302
    assert logged_in_user(client) is None


def test_login_ignores_redirects_to_other_sites(client, member):
    response = login(client, next="https://evil.example/")
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_wrong_password_shows_an_error(client, member):
    response = login(client, password="falsch")
    assert response.status_code == 200
    assert "Bitte überprüfen Sie Ihre Eingaben" in html(response)
    assert logged_in_user(client) is None


def test_lockout_after_too_many_failed_logins(client, member):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, password="falsch").status_code == 200
    locked = login(client, password="falsch")
    assert locked.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert "Anmeldung vorübergehend gesperrt" in html(locked)
    # Even the right password is refused now.
    assert login(client).status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert logged_in_user(client) is None


def test_password_reset_by_email(client, member, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post("/passwort-vergessen/", {"email": "erika@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/passwort-vergessen/gesendet/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["erika@example.org"]
    assert message.subject == "Ihr neues Passwort für kette"
    assert "Ihr Benutzername ist erika." in message.body
    link = re.search(r"https?://[^/\s]+(/passwort-neu/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert 'name="new_password1"' in html(form_page)
    new = "ein-ganz-neues-Passwort-42"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
    )
    assert done.status_code == 302
    assert done["Location"] == "/passwort-neu/fertig/"
    assert login(client, password=new).status_code == 302


def test_password_reset_for_unknown_address_sends_nothing(client, member, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post("/passwort-vergessen/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change(client, member):
    client.force_login(member)
    new = "noch-ein-neues-Passwort-7"
    response = client.post(
        "/konto/passwort/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new)


def test_account_page_needs_a_login(client, db):
    response = client.get("/konto/")
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/?next=/konto/")


def test_account_page_lists_roles(client, member):
    client.force_login(member)
    page = html(client.get("/konto/"))
    assert "Musterstadt" in page and "Trägerredaktion" in page
    assert 'href="/konto/zwei-faktor/"' in page


def test_totp_setup_shows_key_and_qr_code_and_needs_a_code(client, member):
    client.force_login(member)
    page = html(client.get("/konto/zwei-faktor/"))
    assert "otpauth://totp/kette%3Aerika?secret=" in page
    assert 'role="img"' in page and "<svg" in page and "<path" in page
    key = key_on_page(page)
    assert len(key) == 20
    # Until a code confirms it, the key is only in the session.
    assert not TOTPDevice.objects.exists()
    assert not AuditEntry.objects.exists()
    assert key_on_page(html(client.get("/konto/zwei-faktor/"))) == key
    wrong = client.post("/konto/zwei-faktor/", {"otp_token": wrong_code(key)})
    assert wrong.status_code == 200
    assert "Dieser Code stimmt nicht" in html(wrong)
    assert key_on_page(html(wrong)) == key
    assert not TOTPDevice.objects.exists()
    response = client.post("/konto/zwei-faktor/", {"otp_token": code(key)})
    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=member)
    assert device.confirmed and device.bin_key == key
    entry = AuditEntry.objects.get()
    assert (entry.object_type, entry.action) == ("otp_totp.TOTPDevice", "create")
    assert entry.actor == member
    assert device.key not in str(entry.changes)
    # The session forgets the key; this session counts as verified.
    assert all(key.hex() not in str(v) for v in client.session.values())
    assert client.session["otp_device_id"] == device.persistent_id


def test_setup_rejects_codes_that_are_not_six_digits(client, member):
    client.force_login(member)
    client.get("/konto/zwei-faktor/")
    response = client.post("/konto/zwei-faktor/", {"otp_token": "12ab"})
    assert "Geben Sie die sechs Ziffern ein" in html(response)


def test_two_step_login_after_setup(client, member):
    client.force_login(member)
    device = switch_totp_on(client)
    client.post("/abmelden/")

    response = login(client, next="/musterstadt/intern/")
    assert response.status_code == 302
    assert response["Location"] == "/anmelden/code/"
    # The password alone does not log in.
    assert logged_in_user(client) is None
    page = html(client.get("/anmelden/code/"))
    assert 'autocomplete="one-time-code"' in page
    device.refresh_from_db()
    response = client.post(
        "/anmelden/code/", {"otp_token": code(device, steps_ahead=1)}
    )
    assert response.status_code == 302
    assert response["Location"] == "/musterstadt/intern/"
    assert logged_in_user(client) == member
    assert client.session["otp_device_id"] == device.persistent_id


def test_code_step_without_a_password_goes_back_to_login(client, db):
    response = client.get("/anmelden/code/")
    assert response.status_code == 302
    assert response["Location"] == "/anmelden/"


def test_wrong_codes_count_as_failed_logins(client, member):
    device = TOTPDevice.objects.create(user=member, name="app", confirmed=True)
    login(client)
    right, wrong = code(device), wrong_code(device)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/anmelden/code/", {"otp_token": wrong})
        assert response.status_code == 200
        assert "Dieser Code ist nicht gültig" in html(response)
    locked = client.post("/anmelden/code/", {"otp_token": wrong})
    assert locked.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert "Anmeldung vorübergehend gesperrt" in html(locked)
    response = client.post("/anmelden/code/", {"otp_token": right})
    assert response.status_code == settings.AXES_HTTP_RESPONSE_CODE
    assert logged_in_user(client) is None


def test_turning_totp_off_needs_a_current_code(client, member):
    device = TOTPDevice.objects.create(user=member, name="app", confirmed=True)
    client.force_login(member)
    page = html(client.get("/konto/"))
    assert 'href="/konto/zwei-faktor/ausschalten/"' in page
    wrong = wrong_code(device)
    response = client.post("/konto/zwei-faktor/ausschalten/", {"otp_token": wrong})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=member).exists()
    response = client.post(
        "/konto/zwei-faktor/ausschalten/", {"otp_token": code(device)}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=member).exists()
    assert AuditEntry.objects.filter(
        object_type="otp_totp.TOTPDevice", action="delete", actor=member
    ).exists()


def test_setup_page_redirects_when_totp_is_already_on(client, member):
    TOTPDevice.objects.create(user=member, name="app", confirmed=True)
    client.force_login(member)
    response = client.get("/konto/zwei-faktor/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/"


def test_code_step_expires(client, member):
    device = TOTPDevice.objects.create(user=member, name="app", confirmed=True)
    assert login(client)["Location"] == "/anmelden/code/"
    assert client.get("/anmelden/code/").status_code == 200
    session = client.session
    session[PENDING_KEY]["since"] -= PENDING_SECONDS + 1
    session.save()
    response = client.post("/anmelden/code/", {"otp_token": code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/anmelden/"
    assert PENDING_KEY not in client.session
    assert logged_in_user(client) is None
    assert "Bitte melden Sie sich erneut an" in html(client.get("/anmelden/"))
    # The right code does not help now either: the password is asked again.
    response = client.post("/anmelden/code/", {"otp_token": code(device)})
    assert response["Location"] == "/anmelden/"


def test_code_step_is_still_open_just_before_it_expires(client, member):
    TOTPDevice.objects.create(user=member, name="app", confirmed=True)
    login(client)
    session = client.session
    session[PENDING_KEY]["since"] -= PENDING_SECONDS - 30
    session.save()
    assert client.get("/anmelden/code/").status_code == 200


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_pages_with_secrets_or_login_state_are_never_cached(client, member):
    client.force_login(member)
    assert no_store(client.get("/konto/"))
    assert no_store(client.get("/konto/zwei-faktor/"))
    assert no_store(client.get("/konto/passwort/"))
    switch_totp_on(client)
    assert no_store(client.get("/konto/zwei-faktor/ausschalten/"))
    client.post("/abmelden/")
    login(client)
    response = client.get("/anmelden/code/")
    assert response.status_code == 200 and no_store(response)


def only_password_entry(user, *, secrets: list[str]) -> AuditEntry:
    """The one audit entry there is: a password change of ``user``, no secrets."""
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.object_type) == ("update", "kette_core.User")
    assert entry.object_id == str(user.pk)
    assert entry.changes == {"password": ["(changed)", "(changed)"]}
    recorded = json.dumps(
        [entry.changes, entry.object_repr, entry.actor_name], ensure_ascii=False
    )
    user.refresh_from_db()
    for secret in [*secrets, user.password]:
        assert secret not in recorded
    return entry


def test_password_change_is_audited_without_secrets(client, member):
    client.force_login(member)
    new = "noch-ein-neues-Passwort-7"
    response = client.post(
        "/konto/passwort/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    entry = only_password_entry(member, secrets=[new, PASSWORD])
    assert entry.actor == member
    # Still logged in: the session follows the new password.
    assert logged_in_user(client) == member


def test_password_reset_is_audited_without_secrets(client, member, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post("/passwort-vergessen/", {"email": "erika@example.org"})
    link = re.search(r"https?://[^/\s]+(/passwort-neu/\S+/)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    new = "ein-ganz-neues-Passwort-42"
    client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    entry = only_password_entry(member, secrets=[new, PASSWORD])
    assert entry.actor == member


def test_wrong_old_password_changes_and_records_nothing(client, member):
    client.force_login(member)
    new = "noch-ein-neues-Passwort-7"
    response = client.post(
        "/konto/passwort/",
        {"old_password": "falsch", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 200
    assert not AuditEntry.objects.exists()
    member.refresh_from_db()
    assert member.check_password(PASSWORD)


def test_reset_and_unlock_without_anything_to_undo_record_nothing(member, state_admin):
    from kette.core.services.login import login_unlock
    from kette.core.services.otp import totp_reset

    assert totp_reset(actor=state_admin, user=member) is False
    assert login_unlock(actor=state_admin, user=member) == 0
    assert not AuditEntry.objects.exists()
