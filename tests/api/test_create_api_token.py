from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from kette.core.models import ApiToken
from kette.core.models.people import hash_token

pytestmark = pytest.mark.django_db


def create(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_prints_the_raw_token_once_and_stores_its_hash(coordinator):
    out, err = create("koordination", "--name", "GIS export")

    raw = out.strip()
    token = ApiToken.objects.get()
    assert raw.startswith("kt_")
    assert token.user == coordinator
    assert token.name == "GIS export"
    assert token.key_hash == hash_token(raw)
    assert token.expires_at is None
    assert token.scope == ApiToken.Scope.READ
    assert raw not in err
    assert "GIS export" in err


def test_the_printed_token_authenticates_against_the_api(coordinator):
    out, _err = create("koordination", "--name", "script", "--scope", "full")

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {out.strip()}")
    response = client.post(
        "/api/v1/municipalities/musterstadt/organisations/",
        {"name": "Per Skript", "sector": "sport"},
        format="json",
    )

    assert response.status_code == 201


def test_days_sets_the_expiry(coordinator):
    create("koordination", "--name", "short", "--days", "7")

    expires = ApiToken.objects.get().expires_at
    expected = timezone.now() + dt.timedelta(days=7)
    assert abs((expires - expected).total_seconds()) < 3600


def test_each_call_makes_a_new_token(coordinator):
    first, _ = create("koordination", "--name", "a")
    second, _ = create("koordination", "--name", "b")

    assert first != second
    assert ApiToken.objects.count() == 2


def test_an_unknown_user_is_an_error(db):
    with pytest.raises(CommandError, match="nobody"):
        create("nobody", "--name", "x")
    assert not ApiToken.objects.exists()


def test_an_inactive_user_gets_no_token(coordinator):
    coordinator.is_active = False
    coordinator.save()

    with pytest.raises(CommandError):
        create("koordination", "--name", "x")
    assert not ApiToken.objects.exists()


def test_days_below_one_are_refused(coordinator):
    with pytest.raises(CommandError):
        create("koordination", "--name", "x", "--days", "0")
    assert not ApiToken.objects.exists()


def test_the_name_is_required(coordinator):
    with pytest.raises(CommandError):
        create("koordination")


def test_a_token_is_read_only_unless_full_is_asked_for(coordinator):
    read, _ = create("koordination", "--name", "read")
    full, err = create("koordination", "--name", "full", "--scope", "full")

    assert ApiToken.objects.get(name="read").scope == ApiToken.Scope.READ
    assert ApiToken.objects.get(name="full").scope == ApiToken.Scope.FULL
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {read.strip()}")
    url = "/api/v1/municipalities/musterstadt/organisations/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"name": "x", "sector": "sport"}).status_code == 403


def test_an_unknown_scope_is_refused(coordinator):
    with pytest.raises(CommandError, match="scope"):
        create("koordination", "--name", "x", "--scope", "admin")
    assert not ApiToken.objects.exists()
