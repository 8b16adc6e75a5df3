"""The browsable API documentation: served by kette itself, no CDN, no inline script."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

URL = "/api/v1/docs/"


@pytest.fixture
def page(client) -> str:
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def test_the_page_loads_swagger_ui_from_kettes_own_static_files(page):
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)

    assert any(source.endswith("swagger-ui-bundle.js") for source in sources)
    assert any(source.endswith("swagger-ui.css") for source in sources)
    for source in sources:
        assert source.startswith("/"), source
        assert not source.startswith("//"), source
        path = source.split("?")[0].removeprefix("/static/")
        assert finders.find(path), source


def test_the_page_references_nothing_outside_the_site(page):
    assert not re.search(r'(?:src|href|url)="(?:https?:)?//', page)


def test_the_page_has_no_inline_script(page):
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)

    assert scripts
    for attributes, body in scripts:
        assert "src=" in attributes
        assert not body.strip()


def test_the_page_points_swagger_ui_at_the_openapi_document(client, page):
    schema_url = re.search(r'data-schema-url="([^"]+)"', page).group(1)

    response = client.get(schema_url.replace("&amp;", "&"))

    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_the_start_script_sends_nothing_to_the_public_validator():
    script = finders.find("kette/api-docs.js")

    with open(script, encoding="utf-8") as file:
        assert "validatorUrl: null" in file.read()


def test_every_page_links_to_the_api_documentation(client, municipality):
    page = client.get("/", follow=True).content.decode()

    assert f'href="{URL}"' in page


def test_the_page_answers_only_reads(client):
    assert client.post(URL).status_code == 405
