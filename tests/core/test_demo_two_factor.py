"""`kette demo`: the logins whose role requires two-factor login work for a
new user: their authenticator key is printed, `kette demo_code` gives the code."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from kette.core.demo.people import demo_password, demo_totp_key
from kette.core.models import AuditEntry
from kette.core.services.otp import totp_secret_base32

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_logins_that_need_a_second_factor_get_a_printed_key():
    output = run("demo", "-v", "0")
    assert "These logins also need a code (two-factor login)" in output
    assert "demo_code USERNAME" in output
    for username in ("koordination", "land", "kleinhausen"):
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        assert device.key == demo_totp_key(username)
        assert totp_secret_base32(device) in output
    for username in ("planung", "netzwerk", "traeger"):
        assert not TOTPDevice.objects.filter(user__username=username).exists()
    assert demo_totp_key("land", secret="one") != demo_totp_key("land", secret="two")


def test_a_new_user_logs_in_as_coordinator_with_the_printed_code(shared_demo):
    client = Client()
    response = client.post(
        "/anmelden/",
        {"username": "koordination", "password": demo_password("koordination")},
    )
    assert response["Location"] == "/anmelden/code/"
    code = run("demo_code", "koordination").strip()
    assert len(code) == 6 and code.isdigit()
    response = client.post("/anmelden/code/", {"otp_token": code})
    assert response.status_code == 302
    assert client.get("/musterstadt/intern/").status_code == 200


def test_demo_code_answers_only_for_demo_logins(shared_demo):
    with pytest.raises(CommandError, match="traeger is not a demo login"):
        run("demo_code", "traeger")
    TOTPDevice.objects.filter(user__username="land").update(key="00" * 20)
    with pytest.raises(CommandError, match="land is not a demo login"):
        run("demo_code", "land")


def test_the_keys_are_set_once_and_audited_as_demo(shared_demo):
    entries = AuditEntry.objects.filter(object_type="otp_totp.TOTPDevice")
    assert entries.count() == 3
    assert {entry.actor_name for entry in entries} == {"demo"}
    assert all(entry.actor is None for entry in entries)
    total = AuditEntry.objects.count()
    run("demo", "-v", "0")
    assert AuditEntry.objects.count() == total
