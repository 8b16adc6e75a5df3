"""A person's own API tokens on the account page: create (shown once), list, revoke."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from rest_framework.test import APIClient

from kette.core.models import ApiToken, AuditEntry, Role
from kette.core.services.accounts import api_token_create, password_set
from tests.core.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

ACCOUNT = "/konto/"
NEW = "/konto/api-token/neu/"
ORGANISATIONS = "/api/v1/municipalities/musterstadt/organisations/"


@pytest.fixture
def editor(municipality, organisation):
    # A role that may log in without a second factor.
    return user_with_role(
        municipality, Role.PROVIDER_EDITOR, organisations=[organisation]
    )


def revoke_url(token: ApiToken) -> str:
    return f"/konto/api-token/{token.pk}/widerrufen/"


def raw_token_on(page: str) -> str:
    return re.search(r'<code class="secret" id="api-token">(kt_[^<]+)</code>', page)[1]


def test_a_person_creates_a_token_and_sees_it_once(client_for, editor):
    client = client_for(editor)

    response = client.post(NEW, {"name": "GIS", "scope": "read", "valid_days": "30"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    raw = raw_token_on(response.content.decode())
    token = ApiToken.objects.get()
    assert (token.user, token.name, token.scope) == (editor, "GIS", "read")
    assert token.expires_at is not None
    assert raw not in client.get(ACCOUNT).content.decode()
    entry = AuditEntry.objects.get(object_type="kette_core.ApiToken")
    assert entry.actor == editor
    assert raw not in str(entry.changes)
    assert token.key_hash not in str(entry.changes)


def test_a_token_from_the_page_works_in_its_scope(client_for, editor, english):
    client = client_for(editor)
    page = client.post(NEW, {"name": "Lesen", "scope": "read", "valid_days": "0"})
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_token_on(page.content.decode())}")

    assert ApiToken.objects.get().expires_at is None
    assert api.get(ORGANISATIONS).status_code == 200
    assert api.post(ORGANISATIONS, {"name": "x"}, format="json").status_code == 403


def test_the_form_names_what_is_missing(client_for, editor):
    response = client_for(editor).post(NEW, {"name": "", "scope": "admin"})

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_name_error"' in page
    assert 'id="id_scope_error"' in page
    assert not ApiToken.objects.exists()


def test_the_account_page_lists_the_persons_own_tokens_only(client_for, editor):
    api_token_create(actor=None, user=editor, name="Mein Export")
    api_token_create(actor=None, user=UserFactory(), name="Fremder Export")

    page = client_for(editor).get(ACCOUNT).content.decode()

    assert "Mein Export" in page
    assert "Fremder Export" not in page
    assert NEW in page


def test_the_account_page_says_when_a_token_died_with_the_password(
    client_for, editor, english
):
    api_token_create(actor=None, user=editor, name="Alt")
    password_set(actor=editor, user=editor, raw_password="ein ganz neues Kennwort")

    page = client_for(editor).get(ACCOUNT + "?lang=en").content.decode()

    assert "your password has changed" in page


def test_a_person_revokes_their_own_token(client_for, editor):
    token, raw = api_token_create(actor=None, user=editor, name="weg")

    response = client_for(editor).post(revoke_url(token))

    assert response.status_code == 302
    assert response["Location"] == ACCOUNT
    assert not ApiToken.objects.exists()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get(ORGANISATIONS).status_code == 401
    entry = AuditEntry.objects.get(object_type="kette_core.ApiToken", action="delete")
    assert entry.actor == editor


def test_nobody_revokes_someone_elses_token(client_for, editor):
    token, _raw = api_token_create(actor=None, user=UserFactory(), name="fremd")

    assert client_for(editor).post(revoke_url(token)).status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_revoking_needs_a_post(client_for, editor):
    token, _raw = api_token_create(actor=None, user=editor, name="bleibt")

    assert client_for(editor).get(revoke_url(token)).status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_revoking_needs_the_csrf_token(editor):
    token, _raw = api_token_create(actor=None, user=editor, name="bleibt")
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(editor)

    assert guarded.post(revoke_url(token)).status_code == 403
    assert ApiToken.objects.filter(pk=token.pk).exists()


@pytest.mark.parametrize("url", [NEW, "/konto/api-token/1/widerrufen/"])
def test_the_token_pages_need_a_login(client, db, url):
    response = client.post(url)

    assert response.status_code == 302
    assert "/anmelden/" in response["Location"]
    assert not ApiToken.objects.exists()
