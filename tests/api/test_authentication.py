"""Session and bearer-token authentication of the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from kette.core.models import ApiToken, AuditEntry, Organisation
from kette.core.models.people import hash_token
from kette.core.services.accounts import password_set

pytestmark = pytest.mark.django_db

LIST = "/api/v1/municipalities/musterstadt/organisations/"
NEW = {"name": "Stadtteilbüro Süd", "sector": "administration"}


def with_header(value: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=value)
    return client


def test_a_valid_token_acts_as_its_user(coordinator, make_token):
    raw = make_token(coordinator)

    response = with_header(f"Bearer {raw}").post(LIST, NEW, format="json")

    assert response.status_code == 201, response.content
    entry = AuditEntry.objects.get(object_type="kette_core.Organisation")
    assert entry.actor == coordinator


def test_the_token_keyword_is_accepted_too(coordinator, make_token):
    raw = make_token(coordinator)

    response = with_header(f"Token {raw}").post(LIST, NEW, format="json")

    assert response.status_code == 201


def test_a_token_write_needs_no_csrf_token(coordinator, make_token):
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(coordinator)}")

    assert client.post(LIST, NEW, format="json").status_code == 201


def test_a_session_write_needs_the_csrf_token(coordinator):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(coordinator)

    response = client.post(LIST, NEW, format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]
    assert not Organisation.objects.filter(name=NEW["name"]).exists()


def test_a_session_write_works_for_a_logged_in_user(api_as, coordinator):
    assert api_as(coordinator).post(LIST, NEW, format="json").status_code == 201


@pytest.mark.parametrize(
    "header",
    [
        "Bearer kt_this-token-does-not-exist",
        "Bearer",
        "Bearer two parts",
    ],
)
def test_a_wrong_token_is_401_even_on_public_endpoints(municipality, header):
    response = with_header(header).get(LIST)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert set(response.json()) == {"message", "errors"}


def test_an_expired_token_is_401(coordinator, make_token):
    raw = make_token(coordinator, days=1)
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))

    response = with_header(f"Bearer {raw}").post(LIST, NEW, format="json")

    assert response.status_code == 401
    assert not Organisation.objects.filter(name=NEW["name"]).exists()


def test_a_token_within_its_days_works(coordinator, make_token):
    raw = make_token(coordinator, days=30)

    assert (
        with_header(f"Bearer {raw}").post(LIST, NEW, format="json").status_code == 201
    )


def test_the_token_of_an_inactive_user_is_401(coordinator, make_token):
    raw = make_token(coordinator)
    coordinator.is_active = False
    coordinator.save()

    response = with_header(f"Bearer {raw}").post(LIST, NEW, format="json")

    assert response.status_code == 401
    assert not Organisation.objects.filter(name=NEW["name"]).exists()


def test_without_credentials_a_write_is_401_with_the_bearer_challenge(municipality):
    response = APIClient().post(LIST, NEW, format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_the_database_holds_only_the_hash_of_a_token(coordinator, make_token):
    raw = make_token(coordinator)

    token = ApiToken.objects.get()
    stored = [str(value) for value in ApiToken.objects.values().get().values()]
    assert raw not in stored
    assert not any(raw in value for value in stored)
    assert token.key_hash == hash_token(raw)
    assert token.prefix == raw[:8]
    logged = [str(entry.changes) for entry in AuditEntry.objects.all()]
    assert not any(raw in text for text in logged)


def test_using_a_token_records_when_it_was_last_used(
    municipality, coordinator, make_token
):
    raw = make_token(coordinator)
    assert ApiToken.objects.get().last_used_at is None

    with_header(f"Bearer {raw}").get(LIST)

    assert ApiToken.objects.get().last_used_at is not None


def test_a_read_only_token_reads(coordinator, make_token):
    raw = make_token(coordinator, scope=ApiToken.Scope.READ)

    assert with_header(f"Bearer {raw}").get(LIST).status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_read_only_token_may_not_write(coordinator, organisation, make_token, method):
    raw = make_token(coordinator, scope=ApiToken.Scope.READ)
    url = LIST if method == "post" else f"{LIST}{organisation.pk}/"

    response = getattr(with_header(f"Bearer {raw}"), method)(
        url + "?lang=en", NEW, format="json"
    )

    assert response.status_code == 403
    assert "may only read" in response.json()["message"]
    assert response.json()["errors"] == {}
    assert Organisation.objects.get(pk=organisation.pk).name == organisation.name
    assert not Organisation.objects.filter(name=NEW["name"]).exists()
    assert not AuditEntry.objects.filter(object_type="kette_core.Organisation").exists()


def test_a_token_stops_working_when_the_password_changes(coordinator, make_token):
    raw = make_token(coordinator)
    password_set(actor=coordinator, user=coordinator, raw_password="ein neues Kennwort")

    response = with_header(f"Bearer {raw}").get(LIST)

    assert response.status_code == 401
    assert response.json()["message"]


def test_a_token_stops_working_when_the_password_is_set_any_other_way(
    coordinator, make_token
):
    raw = make_token(coordinator)
    coordinator.set_password("im Admin gesetzt")
    coordinator.save()

    assert with_header(f"Bearer {raw}").get(LIST).status_code == 401


def test_a_token_issued_after_the_change_works(coordinator, make_token):
    password_set(actor=coordinator, user=coordinator, raw_password="ein neues Kennwort")
    raw = make_token(coordinator)

    assert with_header(f"Bearer {raw}").get(LIST).status_code == 200


def test_the_audit_trail_holds_no_hash_of_the_token_or_password(
    coordinator, make_token
):
    make_token(coordinator)

    token = ApiToken.objects.get()
    logged = [str(entry.changes) for entry in AuditEntry.objects.all()]
    assert logged
    assert not any(token.key_hash in text for text in logged)
    assert not any(token.password_fingerprint in text for text in logged)
    assert any("full" in text for text in logged)
