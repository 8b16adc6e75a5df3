"""The API reads request bodies within the limits: a body over
DATA_UPLOAD_MAX_MEMORY_SIZE answers 413, one nested too deep 400, both with
the API's JSON error envelope (never Django's HTML page or a 500)."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings

from kette.core.models import AuditEntry, Role
from kette.offers.models import Offer
from tests.core.factories import user_with_role
from tests.core.upload_files import deep_json

pytestmark = pytest.mark.django_db

OFFERS = "/api/v1/municipalities/musterstadt/offers/"


def test_the_api_refuses_a_body_nested_50000_deep_with_a_json_message(
    api, municipality
):
    api.force_login(user_with_role(municipality, Role.COORDINATOR))
    response = api.post(OFFERS, data=deep_json(), content_type="application/json")
    assert response.status_code == 400
    assert "tiefer als 64 Ebenen verschachtelt (Zeile 1)" in response.json()["message"]
    assert not Offer.objects.exists() and not AuditEntry.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100 * 1024)
def test_the_api_refuses_a_body_over_the_limit_with_a_json_message(api, municipality):
    api.force_login(user_with_role(municipality, Role.COORDINATOR))
    body = json.dumps({"title": "x" * 200_000})
    response = api.post(OFFERS, data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["message"] == (
        "Der Inhalt der Anfrage ist größer als 0,1 MB; senden Sie weniger auf einmal."
    )
    assert not Offer.objects.exists()
