"""Security headers: a Content-Security-Policy without inline script or style, a
Permissions-Policy, and ``Cache-Control: private, no-store`` on everything
personal (staff area, accounts, admin, answers to a session or a token) while
public pages keep their caching."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kette.core.models import Role
from kette.core.services.accounts import api_token_create
from tests.core.factories import DistrictFactory, user_with_role

pytestmark = pytest.mark.django_db


def no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def staff_url_names() -> list[str]:
    """Every named staff URL (``…/intern/…``) that takes only the municipality."""

    def walk(patterns, prefix: str, namespace: str):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}{pattern.namespace}:"
                yield from walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                if "intern/" in route and route.count("<") == 1:
                    yield namespace + pattern.name

    return sorted(set(walk(get_resolver().url_patterns, "", "")))


def test_the_walk_finds_the_staff_pages_of_every_app():
    names = staff_url_names()
    assert len(names) >= 10
    assert {name.split(":")[0] for name in names} >= {"core", "monitoring"}


@pytest.mark.parametrize("signed_in", [True, False], ids=["coordinator", "anonymous"])
def test_every_staff_url_is_private_and_never_stored(
    client, municipality, coordinator, signed_in
):
    if signed_in:
        client.force_login(coordinator)
    for name in staff_url_names():
        url = reverse(name, kwargs={"municipality": municipality.slug})
        response = client.get(url)
        assert response.status_code < 500, url
        assert no_store(response), (url, response.get("Cache-Control"))


def test_account_and_admin_pages_are_never_stored(client, state_admin):
    assert no_store(client.get("/anmelden/"))
    assert no_store(client.get("/admin/"))
    client.force_login(state_admin)
    assert no_store(client.get("/konto/"))
    assert no_store(client.get("/admin/"))


def test_a_public_page_seen_anonymously_keeps_its_caching(client, municipality):
    for url in ("/musterstadt/", "/musterstadt/angebote/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" not in response.get("Cache-Control", ""), url


def test_a_public_page_seen_signed_in_is_private(client, municipality, coordinator):
    # The header names the person: no shared cache may keep it.
    client.force_login(coordinator)
    assert no_store(client.get("/musterstadt/"))


def test_api_answers_are_private_for_a_session_or_a_token(
    client, municipality, coordinator
):
    url = "/api/v1/municipalities/musterstadt/organisations/"
    anonymous = client.get(url)
    assert anonymous.status_code == 200
    assert "no-store" not in anonymous.get("Cache-Control", "")

    _token, raw = api_token_create(actor=None, user=coordinator, name="test")
    with_token = Client().get(url, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert with_token.status_code == 200 and no_store(with_token)
    # A wrong token is not cached either.
    assert no_store(Client().get(url, HTTP_AUTHORIZATION="Bearer wrong"))

    client.force_login(coordinator)
    assert no_store(client.get(url))


def csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def test_html_pages_carry_a_strict_content_security_policy(
    client, municipality, coordinator
):
    pages = [client.get("/musterstadt/"), client.get("/anmelden/")]
    # Error pages too.
    pages.append(client.get("/gibt-es-nicht/"))
    client.force_login(coordinator)
    pages.append(client.get("/musterstadt/intern/"))
    for response in pages:
        policy = csp(response)
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]


def test_browser_features_are_switched_off(client, municipality):
    policy = client.get("/musterstadt/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_pages_with_colours_and_indents_need_no_inline_style(client, municipality):
    parent = DistrictFactory(municipality=municipality, code="01", name="Nord")
    DistrictFactory(municipality=municipality, code="0101", parent=parent, level=1)
    coordinator = user_with_role(municipality, Role.COORDINATOR)
    pages = [client.get("/musterstadt/")]
    client.force_login(coordinator)
    pages.append(client.get("/musterstadt/intern/bezirke/"))
    for response in pages:
        assert response.status_code == 200
        assert "style=" not in response.content.decode()
    assert 'class="indent indent--1"' in pages[1].content.decode()


def test_no_template_or_html_code_writes_an_inline_style_or_script():
    # The policy forbids both: they would silently do nothing in the browser.
    import re
    from pathlib import Path

    import kette

    root = Path(kette.__file__).parent
    inline_style = re.compile(r"""\sstyle=["'{]""")
    inline_script = re.compile(r"<script(?![^>]*\b(src|type=\"application/ld\+json\"))")
    found = []
    for path in [*root.rglob("*.html"), *root.rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        if inline_style.search(text) or inline_script.search(text):
            found.append(str(path.relative_to(root)))
    assert found == []


def test_the_admin_carries_the_content_security_policy(client, state_admin):
    client.force_login(state_admin)
    for url in ("/admin/", "/admin/kette_core/user/", "/admin/kette_core/user/add/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert csp(response)["script-src"] == ["'self'"], url
        scripts = re.findall(r"<script\b[^>]*>", response.content.decode())
        assert scripts and all(" src=" in tag for tag in scripts), url
