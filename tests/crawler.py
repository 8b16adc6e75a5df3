"""A site crawler for the tests: follows every internal link, reports 5xx answers.

It reads ``<a href>`` and ``<link href>`` of each HTML page and follows the
internal ones breadth first, up to a depth and a number of pages. So that one
long list (a hundred offers, a thousand log pages) does not eat the budget,
each route (the URL's name) is visited at most ``per_route`` times, with
whatever query the first links to it carry: a list, its second page and a
filtered view, say. Pages that need more than that (every page of the change
log, each print variant) have tests of their own.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

# Links that end the session or leave the pages a person reads.
SKIPPED_PREFIXES = ("/static/", "/media/", "/abmelden/", "/admin/logout/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a", "link", "area"):
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


@dataclass
class Failure:
    url: str
    status: int
    found_on: str


@dataclass
class CrawlReport:
    visited: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def describe(self) -> str:
        return "\n".join(
            f"{f.status} {f.url} (linked from {f.found_on})" for f in self.failures
        )


def _route(path: str) -> str:
    try:
        return resolve(path).view_name
    except Resolver404:
        return path


def internal_links(base: str, html: str) -> list[str]:
    """The site-internal addresses linked from ``html`` (path and query)."""
    parser = _Links()
    parser.feed(html)
    links = []
    for href in parser.hrefs:
        if href.startswith(("mailto:", "tel:", "javascript:", "#", "data:")):
            continue
        parts = urlsplit(urljoin(base, href))
        if parts.scheme not in ("", "http", "https") or parts.netloc not in (
            "",
            "testserver",
        ):
            continue
        if parts.path.startswith(SKIPPED_PREFIXES):
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def crawl(
    client: Client,
    starts: list[str],
    *,
    max_depth: int = 3,
    per_route: int = 3,
    max_pages: int = 400,
) -> CrawlReport:
    """Follow internal links from ``starts``; every 5xx answer is a failure."""
    report = CrawlReport()
    seen: set[str] = set(starts)
    per_route_count: dict[str, int] = {}
    queue: deque[tuple[str, int, str]] = deque((url, 0, "start") for url in starts)
    while queue and len(report.visited) < max_pages:
        url, depth, found_on = queue.popleft()
        parts = urlsplit(url)
        route = _route(parts.path)
        if per_route_count.get(route, 0) >= per_route:
            continue
        per_route_count[route] = per_route_count.get(route, 0) + 1
        response = client.get(url)
        report.visited.append(url)
        if response.status_code >= 500:
            report.failures.append(Failure(url, response.status_code, found_on))
            continue
        content_type = response.get("Content-Type", "")
        if depth >= max_depth or not content_type.startswith("text/html"):
            continue
        if getattr(response, "streaming", False):
            continue
        for link in internal_links(url, response.content.decode(errors="replace")):
            if link not in seen:
                seen.add(link)
                queue.append((link, depth + 1, url))
    return report
