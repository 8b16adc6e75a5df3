"""Which pages a visitor can open, found from the URL resolver, not listed by hand.

Every named URL outside ``admin/``, ``api/`` and ``i18n/`` gets sample values
for its keyword arguments and is requested with a test client: with an
anonymous one, the pages answering 200 with HTML are the public pages; with a
staff member's, the rest are that member's staff pages. New views are covered
as soon as they are in a urls.py, provided their keyword names have a value in
the sample data (see ``tests/browser/sample_data.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

EXCLUDED_PREFIXES = ("admin/", "api/", "i18n/")


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    kwargs: tuple[str, ...]


@dataclass(frozen=True)
class Page:
    name: str
    path: str


@dataclass
class Survey:
    """What asking every route gave: pages, and why the others are not pages."""

    pages: list[Page] = field(default_factory=list)
    to_login: list[str] = field(default_factory=list)
    not_pages: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def report(self) -> str:
        parts = [
            f"pages: {', '.join(p.path for p in self.pages) or 'none'}",
            f"redirected to login: {', '.join(self.to_login) or 'none'}",
            f"not pages: {', '.join(self.not_pages) or 'none'}",
        ]
        return "\n".join(parts)


def _pattern_text(pattern) -> str:
    return str(pattern).removeprefix("^").replace("\\Z", "").removesuffix("$")


def _walk(patterns: Iterable, prefix: str, namespace: str) -> Iterable[Route]:
    for entry in patterns:
        text = prefix + _pattern_text(entry.pattern)
        if text.startswith(EXCLUDED_PREFIXES):
            continue
        kwargs = tuple(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            for route in _walk(entry.url_patterns, text, inner):
                merged = tuple(dict.fromkeys(kwargs + route.kwargs))
                yield Route(route.name, route.pattern, merged)
        elif isinstance(entry, URLPattern) and entry.name:
            yield Route(f"{namespace}{entry.name}", text, kwargs)


def routes() -> list[Route]:
    """Every named route of the site outside admin/, api/ and i18n/."""
    unique = {(r.name, r.kwargs): r for r in _walk(get_resolver().url_patterns, "", "")}
    return sorted(unique.values(), key=lambda r: (r.pattern, r.name))


def unfillable(values: Mapping[str, object]) -> list[str]:
    """Routes with a keyword argument that has no sample value."""
    return [
        f"{route.name} ({route.pattern}) needs {', '.join(missing)}"
        for route in routes()
        if (missing := [k for k in route.kwargs if k not in values])
    ]


def _login_path() -> str | None:
    try:
        return urlsplit(resolve_url(settings.LOGIN_URL)).path
    except NoReverseMatch:
        return None


def survey(client: Client, values: Mapping[str, object]) -> Survey:
    """Request every fillable route with ``client`` and sort out the answers."""
    result = Survey()
    login_path = _login_path()
    for route in routes():
        if any(k not in values for k in route.kwargs):
            continue
        kwargs = {k: str(values[k]) for k in route.kwargs}
        try:
            path = reverse(route.name, kwargs=kwargs)
        except NoReverseMatch as exc:
            result.errors.append(f"{route.name}: cannot build its URL: {exc}")
            continue
        response = client.get(path)
        status = response.status_code
        content_type = response.get("Content-Type", "")
        if status == 200 and content_type.startswith("text/html"):
            result.pages.append(Page(route.name, path))
        elif status >= 500:
            result.errors.append(f"{route.name} {path}: HTTP {status}")
        elif (
            300 <= status < 400
            and login_path
            and (urlsplit(response["Location"]).path == login_path)
        ):
            result.to_login.append(path)
        else:
            result.not_pages.append(f"{path} ({status} {content_type})")
    return result


def anonymous_client() -> Client:
    """A client that turns server errors into 500 answers instead of raising."""
    return Client(raise_request_exception=False)


def public_pages(values: Mapping[str, object]) -> Survey:
    return survey(anonymous_client(), values)


def staff_pages(user, values: Mapping[str, object]) -> Survey:
    """Pages ``user`` can open that an anonymous visitor cannot."""
    public = {page.path for page in public_pages(values).pages}
    client = anonymous_client()
    client.force_login(user)
    result = survey(client, values)
    result.pages = [page for page in result.pages if page.path not in public]
    return result
