"""No page answers 500: a crawl of the demo as anonymous and as each role.

The crawl starts at the public and staff start pages and follows every
internal link (depth 3, capped per route, see ``tests/crawler.py``). It runs on
the fresh demo and again after a round of edits through the web and the API,
the demo's imports and a review, because those put new kinds of content
(pending changes, nested locations in the change log, imported figures) on the
pages.
"""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from kette.core.models import ApiToken, User
from kette.core.services.accounts import api_token_create
from kette.goals.models import GoalIndicator
from kette.monitoring.records.demo import SPEC, demo_screening_path
from kette.offers.models import Offer, OfferStatus
from tests.crawler import crawl, internal_links
from tests.offers.factories import offer_content
from tests.offers.staff_pages import fields_of

pytestmark = pytest.mark.django_db

MUSTERSTADT = "musterstadt"
# The demo's logins, one per role (see kette.core.demo.people).
ROLES = ("koordination", "planung", "netzwerk", "traeger", "land", "kleinhausen")
PUBLIC_STARTS = ["/", f"/{MUSTERSTADT}/", f"/{MUSTERSTADT}/monitoring/"]
STAFF_STARTS = [f"/{MUSTERSTADT}/intern/", "/konto/", "/kleinhausen/intern/"]


@pytest.fixture
def demo(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("demo", stdout=StringIO())


def crawl_as(user: User | None):
    client = Client(raise_request_exception=False)
    starts = list(PUBLIC_STARTS)
    if user is not None:
        client.force_login(user)
        starts += STAFF_STARTS
        if user.is_state_admin:
            starts.append("/admin/")
    return crawl(client, starts)


def assert_no_server_errors(roles: tuple[str, ...] = ROLES) -> dict[str, list[str]]:
    """The pages each role's crawl visited (anonymous: ``""``)."""
    problems = []
    visited = {}
    for username in (None, *roles):
        user = User.objects.get(username=username) if username else None
        report = crawl_as(user)
        assert len(report.visited) > 20, (username, report.visited)
        visited[username or ""] = report.visited
        if report.failures:
            problems.append(f"as {username or 'anonymous'}:\n{report.describe()}")
    assert not problems, "\n".join(problems)
    return visited


def test_the_crawler_finds_internal_links_only():
    page = """
        <a href="/musterstadt/angebote/?q=kita">a</a>
        <a href="https://example.org/">external</a>
        <a href="mailto:info@example.org">mail</a>
        <a href="#main">skip</a>
        <a href="/static/kette.css">static</a>
        <a href="/abmelden/">logout</a>
        <a href="seite-2/">relative</a>
        <link rel="alternate" href="http://testserver/kleinhausen/">
    """
    assert internal_links("/musterstadt/", page) == [
        "/musterstadt/angebote/?q=kita",
        "/musterstadt/seite-2/",
        "/kleinhausen/",
    ]


class _Answer:
    def __init__(self, status: int, html: str = ""):
        self.status_code, self.content = status, html.encode()

    def get(self, key: str, default: str = "") -> str:
        return "text/html; charset=utf-8" if key == "Content-Type" else default


class _Site:
    """Two pages: a start page linking to one that fails."""

    def get(self, url: str) -> _Answer:
        if url == "/musterstadt/":
            return _Answer(200, '<a href="/musterstadt/kaputt/">x</a>')
        return _Answer(500)


def test_the_crawler_reports_a_server_error_with_the_page_that_links_to_it():
    report = crawl(_Site(), ["/musterstadt/"])
    assert report.visited == ["/musterstadt/", "/musterstadt/kaputt/"]
    assert report.describe() == "500 /musterstadt/kaputt/ (linked from /musterstadt/)"


def edit_through_the_web(client: Client, offer: Offer, title: str) -> None:
    edit = reverse(
        "offers_staff:offer_update",
        kwargs={"municipality": MUSTERSTADT, "offer_id": offer.pk},
    )
    data = fields_of(client.get(edit))
    data["title"] = title
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def a_round_of_edits(tmp_path: Path) -> None:
    coordinator = User.objects.get(username="koordination")
    editor = User.objects.get(username="traeger")
    web = Client()

    # The web: a coordinator edits, an editor's change is submitted and approved.
    web.force_login(coordinator)
    published = Offer.objects.filter(
        municipality__slug=MUSTERSTADT, status=OfferStatus.PUBLISHED
    ).order_by("title")
    edit_through_the_web(web, published[0], "Geändert durch die Koordination")
    editors_offer = published.filter(
        organisation__in=editor.memberships.get().organisations.all()
    ).first()
    web.force_login(editor)
    edit_through_the_web(web, editors_offer, "Geändert durch den Träger")
    submit = reverse(
        "offers_staff:offer_submit",
        kwargs={"municipality": MUSTERSTADT, "offer_id": editors_offer.pk},
    )
    assert web.post(submit).status_code == 302
    web.force_login(coordinator)
    approve = reverse(
        "offers_staff:review_approve",
        kwargs={"municipality": MUSTERSTADT, "offer_id": editors_offer.pk},
    )
    assert web.post(approve).status_code == 302

    # A goal indicator: a new target and a corrected actual through the web.
    indicator = GoalIndicator.objects.filter(
        municipality__slug=MUSTERSTADT, monitoring_indicator=None, actuals__isnull=False
    ).first()
    values = reverse(
        "goals:indicator_detail",
        kwargs={"municipality": MUSTERSTADT, "goal_indicator_id": indicator.pk},
    )
    target = {"action": "target", "target-period": "2027", "target-value": "9"}
    assert web.post(values, target).status_code == 302
    actual = indicator.actuals.first()
    correction = {
        "action": "actual",
        "actual-period": actual.period,
        "actual-value": str(actual.value + 1),
        "actual-recorded_on": actual.recorded_on.isoformat(),
        "actual-comment": "korrigiert",
    }
    assert web.post(values, correction).status_code == 302

    # The API: an editor's token creates an offer with locations, then it is
    # submitted and approved.
    _token, raw = api_token_create(
        actor=None, user=editor, name="crawl", scope=ApiToken.Scope.FULL
    )
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    offers = f"/api/v1/municipalities/{MUSTERSTADT}/offers/"
    created = api.post(
        offers,
        offer_content(editors_offer.organisation, title="Neu per API"),
        format="json",
    )
    assert created.status_code == 201, created.content
    offer_url = created.json()["api_url"]
    assert api.post(f"{offer_url}submit/").status_code == 200
    api.credentials()
    api.force_login(coordinator)
    assert api.post(f"{offer_url}approve/").status_code == 200

    # Imports: the demo's screening records and the directory as HSDS, back in.
    call_command(
        "import_records",
        str(demo_screening_path()),
        "--municipality",
        MUSTERSTADT,
        "--spec",
        str(SPEC),
        stdout=StringIO(),
    )
    package = tmp_path / "hsds.zip"
    call_command(
        "export_hsds", str(package), "--municipality", MUSTERSTADT, stdout=StringIO()
    )
    call_command(
        "import_hsds", str(package), "--municipality", MUSTERSTADT, stdout=StringIO()
    )


def test_no_page_answers_500_on_the_demo_before_and_after_edits(demo, tmp_path):
    # One test for both crawls: building the demo is the expensive part.
    visited = assert_no_server_errors()
    # The goals pages are reached: the tree, a SMART grid, a measure's status
    # and a goal indicator.
    goals = f"/{MUSTERSTADT}/intern/ziele/"
    # And the goal workshop: its page, result, documentation, voting links and
    # the backlog; and the balance of goals and measures.
    for pattern in (
        "$",
        r"\d+/$",
        r"massnahmen/\d+/$",
        r"indikatoren/\d+/$",
        r"workshops/\d+/$",
        r"workshops/\d+/ergebnis/$",
        r"workshops/\d+/dokumentation/$",
        r"workshops/\d+/links/$",
        r"themenspeicher/$",
        r"bilanz/$",
        r"reviews/$",
        r"reviews/\d+/$",
        r"reviews/\d+/bericht/$",
    ):
        assert any(
            re.fullmatch(re.escape(goals) + pattern, url)
            for url in visited["koordination"]
        ), pattern
    # A person asked in the open review round reaches their review page.
    assert any(
        re.fullmatch(re.escape(goals) + r"reviews/\d+/meine-massnahmen/", url)
        for url in visited["planung"]
    )
    # The state admin reaches the balance across municipalities.
    assert "/kommunen/ziele/bilanz/" in visited["land"]
    a_round_of_edits(tmp_path)
    # The roles that see what the edits changed: staff of Musterstadt's offers
    # and monitoring, and the state admin.
    assert_no_server_errors(("koordination", "traeger", "planung", "land"))
