"""The 500 page: rendered without a request, so it cannot know who is signed
in; it offers no login, and it says truthfully what became of the change."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import path

from kette import urls as kette_urls


def fails(request):
    raise RuntimeError("a defect")


urlpatterns = [path("kaputt/", fails), *kette_urls.urlpatterns]


@pytest.mark.django_db
@pytest.mark.urls("tests.core.test_error_pages")
def test_the_500_page_offers_a_signed_in_user_no_login(coordinator):
    client = Client(raise_request_exception=False)
    client.force_login(coordinator)
    response = client.get("/kaputt/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Etwas ist schiefgegangen" in page
    assert "Anmelden" not in page and "Abmelden" not in page
    assert "halb gespeichert" not in page
    assert "ganz oder gar nicht gespeichert, nie zum Teil" in page
    assert "Prüfen Sie bitte, ob Ihre letzte Änderung da ist" in page
    assert 'href="/">Zur Startseite</a>' in page
