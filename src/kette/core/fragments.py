"""Rendered public fragments, remembered for a short while.

The busiest public pages (the offer directory) are the same for every
visitor who asks the same question: the fragment is rendered once and served
from the per-process "pages" cache. The caller's key parts must include
everything the fragment depends on: the request path and parameters, the
language, and a version of the data (e.g. the search index token), so that a
write is visible at once. ``SECONDS`` bounds how long anything outside the
key (a renamed organisation, an edited vocabulary label) can stay stale.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import caches
from django.http import HttpRequest
from django.utils.translation import get_language

SECONDS = 60
T = TypeVar("T")


def request_parts(request: HttpRequest) -> tuple:
    """What a public page depends on in its request: host, path, query
    parameters (in any order) and language."""
    return (
        request.get_host(),
        request.path,
        tuple(sorted((name, tuple(values)) for name, values in request.GET.lists())),
        get_language(),
    )


def remembered(
    namespace: str, parts: Iterable, build: Callable[[], T], *, seconds: int = SECONDS
) -> T:
    """``build()``, or what it gave for the same ``parts`` a moment ago."""
    digest = hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()
    key = f"{namespace}:{digest}"
    cache = caches["pages"]
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value
