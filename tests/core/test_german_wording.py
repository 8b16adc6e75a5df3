"""The German UI addresses people as "Sie", including the texts that come
from Django REST framework and django-otp (their catalogues say "du")."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import trans_real

from kette.core.models import Role
from tests.core.factories import user_with_role

INFORMAL = re.compile(
    r"(^|[.!?:;]\s+)(Gib|Wähle|Klicke|Lade|Stelle sicher|Nutze|Benutze|Prüfe|Hast)\b"
    r"|\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|bist)\b"
)


def informal_german_texts() -> list[str]:
    """Every German text the running site would show that says "du"."""
    german = trans_real.translation("de")
    found = []
    for catalogue in german._catalog._catalogs:
        for msgid in catalogue:
            if isinstance(msgid, tuple) or not msgid:
                continue  # plural forms: checked through their singular
            text = german.gettext(msgid)
            if INFORMAL.search(text):
                found.append(f"{msgid!r} → {text!r}")
    return sorted(set(found))


def test_no_german_text_says_du():
    assert informal_german_texts() == []


@pytest.mark.django_db
def test_an_api_validation_message_says_sie(client, municipality):
    client.force_login(user_with_role(municipality, Role.COORDINATOR))
    response = client.post(
        "/api/v1/municipalities/musterstadt/organisations/",
        {"name": "Familienzentrum", "email": "keine-adresse"},
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["email"] == ["Geben Sie eine gültige E-Mail-Adresse ein."]


def test_django_rest_framework_messages_are_formal():
    with translation.override("de"):
        from rest_framework.fields import CharField

        text = str(CharField.default_error_messages["max_length"])
    assert text == "Dieses Feld darf höchstens {max_length} Zeichen lang sein."
