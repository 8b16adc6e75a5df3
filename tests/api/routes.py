"""The API's URL patterns, read from the URL resolver (not from a list to keep)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>")


def api_routes() -> list[str]:
    """Every route under api/v1/, e.g. ``api/v1/municipalities/<slug:municipality>/``."""

    def walk(patterns, prefix: str) -> Iterator[str]:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern):
                yield route

    return sorted(
        route
        for route in walk(get_resolver().url_patterns, "")
        if route.startswith("api/v1/")
    )


def openapi_path(route: str) -> str:
    """The route as OpenAPI spells it: ``/api/v1/municipalities/{municipality}/``."""
    return "/" + PARAMETER.sub(r"{\2}", route)


def url_for(route: str, values: dict[str, str]) -> str:
    """The route with its parameters filled in from ``values`` (by name)."""
    return "/" + PARAMETER.sub(lambda match: str(values[match.group(2)]), route)
