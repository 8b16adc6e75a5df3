"""Review rounds over HTTP: opening through the form, following up (re-send,
new link, close), the report of what changed since the previous round, the
list with response rates, permissions and tenant isolation, and logs without
the key of a personal link."""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kette.core.logfilters import RedactSecretPaths
from kette.core.models import AuditEntry, Role
from kette.goals.models import ReviewRound
from kette.goals.selectors import reviews as selectors
from kette.goals.services import measures as measure_services
from kette.goals.services import reviews as services
from tests.core.factories import OrganisationFactory, user_with_role

from .factories import make_goal, make_measure, status

pytestmark = pytest.mark.django_db

SITE = "http://testserver/"
TODAY = timezone.localdate()


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


@pytest.fixture
def second(municipality):
    return user_with_role(municipality, Role.NETWORK_LEAD, username="zweite")


@pytest.fixture
def grid(municipality, responsible, second):
    goal = make_goal(municipality, "Eltern sind Erziehungspartner")
    on = days_ago(200)
    return {
        "a": make_measure(goal, "Elterncafés", responsible_person=responsible, on=on),
        "b": make_measure(goal, "Elternbriefe", responsible_person=responsible, on=on),
        "c": make_measure(goal, "Netzwerk pflegen", responsible_person=second, on=on),
    }


@pytest.fixture
def two_rounds(coordinator, municipality, grid, responsible, second):
    """Round 1 (closed 90 days ago): a → partly. Round 2 (open): a → fully,
    c confirmed unchanged, b without an answer."""
    first = services.review_round_open(
        actor=coordinator,
        municipality=municipality,
        title="Quartalsreview Q1",
        site_url=SITE,
        opened_on=days_ago(100),
    )
    measure_services.measure_status_update(
        actor=None,
        measure=grid["a"],
        status=status("partly-implemented"),
        comment="Zwei Cafés laufen.",
        on=days_ago(95),
        actor_name="Erika",
        review_request=first.requests.get(user=responsible),
    )
    first = services.review_round_close(
        actor=coordinator, review_round=first, on=days_ago(90)
    )
    second_round = services.review_round_open(
        actor=coordinator,
        municipality=municipality,
        title="Quartalsreview Q2",
        site_url=SITE,
        opened_on=days_ago(10),
    )
    grid["a"].refresh_from_db()
    services.review_answer(
        actor=None,
        request=second_round.requests.get(user=responsible),
        answers={grid["a"].pk: (status("fully-implemented"), "Alle sechs Cafés.")},
    )
    grid["c"].refresh_from_db()
    services.review_answer(
        actor=None,
        request=second_round.requests.get(user=second),
        answers={grid["c"].pk: (grid["c"].status, "")},
    )
    return first, second_round


def url(name: str, municipality, *args) -> str:
    return reverse(f"goals:{name}", args=[municipality.slug, *args])


def test_the_report_shows_what_changed_since_the_previous_round(two_rounds, grid):
    first, second_round = two_rounds
    report = selectors.review_report(review_round=second_round)
    assert report.previous == first
    assert report.since == days_ago(90)
    rows = {row.measure.pk: row for row in report.measures}
    a, b, c = rows[grid["a"].pk], rows[grid["b"].pk], rows[grid["c"].pk]
    assert (b.before, b.now, b.changes) == (b.now, status("not-implemented"), [])
    assert (a.before.code, a.now.code) == ("partly-implemented", "fully-implemented")
    assert [change.comment for change in a.changes] == ["Alle sechs Cafés."]
    assert a.changed and not c.changed
    assert [row.measure for row in report.unanswered] == [grid["b"]]
    counts = {row.status.code: (row.before, row.now) for row in report.counts}
    assert counts["fully-implemented"] == (0, 1)
    assert counts["partly-implemented"] == (1, 0)
    assert counts["not-implemented"] == (2, 2)
    assert (report.asked, report.answered) == (2, 2)
    # the first round: against the day before it opened
    first_report = selectors.review_report(review_round=first)
    first_rows = {row.measure.pk: row for row in first_report.measures}
    assert first_report.previous is None
    assert first_rows[grid["a"].pk].now.code == "partly-implemented"
    assert [c.comment for c in first_rows[grid["a"].pk].changes] == [
        "Zwei Cafés laufen."
    ]


def test_the_report_page_and_the_list_with_response_rates(
    client_for, coordinator, municipality, two_rounds, grid, responsible
):
    first, second_round = two_rounds
    client = client_for(coordinator)
    page = client.get(url("review_report", municipality, second_round.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Alle sechs Cafés." in html
    assert "Quartalsreview Q1" in html  # the previous round it compares with
    assert "Elternbriefe" in html.split("Maßnahmen ohne Antwort")[1]
    listing = client.get(url("review_list", municipality)).content.decode()
    assert "Quartalsreview Q1" in listing and "Quartalsreview Q2" in listing
    assert "100 %" in listing
    detail = client.get(url("review_detail", municipality, second_round.pk))
    assert responsible.display_name in detail.content.decode()
    assert "noch offen" in detail.content.decode()


def test_a_coordinator_opens_a_round_through_the_form(
    client_for, coordinator, municipality, grid
):
    organisation = OrganisationFactory(municipality=municipality, name="Kita Sonne")
    make_measure(grid["a"].goal, "Sprachkurse", responsible_organisation=organisation)
    client = client_for(coordinator)
    form = client.get(url("review_open", municipality))
    assert "Kita Sonne" in form.content.decode()
    response = client.post(
        url("review_open", municipality),
        {
            "title": "Quartalsreview Q1/2027",
            "due_by": "",
            f"contact_name_{organisation.pk}": "Frau Kontakt",
            f"contact_email_{organisation.pk}": "kontakt@example.org",
        },
    )
    review_round = ReviewRound.objects.get(title="Quartalsreview Q1/2027")
    assert response.status_code == 302
    assert response.url == url("review_detail", municipality, review_round.pk)
    assert review_round.requests.count() == 3
    assert "kontakt@example.org" in {m.to[0] for m in mail.outbox}
    assert AuditEntry.objects.filter(object_type="kette_goals.ReviewRound").exists()


def test_a_form_error_names_the_field_and_nothing_is_written(
    client_for, coordinator, municipality, grid
):
    response = client_for(coordinator).post(
        url("review_open", municipality),
        {"title": "", "due_by": "morgen"},
    )
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not ReviewRound.objects.exists() and mail.outbox == []


def test_re_send_new_link_and_close_from_the_round_page(
    client_for, coordinator, municipality, two_rounds, responsible
):
    _first, review_round = two_rounds
    client = client_for(coordinator)
    request = review_round.requests.get(user=responsible)
    old_link = f"/statusabfrage/{selectors.review_token(request)}/"
    resend = url("review_resend", municipality, review_round.pk, request.pk)
    sent = len(mail.outbox)
    client.post(resend)
    assert len(mail.outbox) == sent + 1
    assert old_link in mail.outbox[-1].body
    client.post(resend, {"renew": "1"})
    assert len(mail.outbox) == sent + 2
    assert Client().get(old_link).status_code == 404
    assert request.mails.count() == 3  # opening, re-send, new link
    client.post(url("review_close", municipality, review_round.pk))
    review_round.refresh_from_db()
    assert review_round.closed_on == TODAY
    request.refresh_from_db()
    closed = Client().get(f"/statusabfrage/{selectors.review_token(request)}/")
    assert closed.status_code == 410


def test_only_coordinators_follow_up_rounds_and_other_municipalities_see_nothing(
    client_for,
    municipality,
    other_municipality,
    two_rounds,
    responsible,
    state_admin,
):
    _first, review_round = two_rounds
    pages = [
        url("review_list", municipality),
        url("review_open", municipality),
        url("review_detail", municipality, review_round.pk),
        url("review_report", municipality, review_round.pk),
    ]
    client = client_for(responsible)
    for page in pages:
        assert client.get(page).status_code == 403, page
    assert (
        client.post(url("review_close", municipality, review_round.pk)).status_code
        == 403
    )
    # the responsible person's own review page works, signed in
    own = url("review_answer_signed_in", municipality, review_round.pk)
    assert client.get(own).status_code == 200
    elsewhere = user_with_role(other_municipality, Role.COORDINATOR, username="nachbar")
    client = client_for(elsewhere)
    for page in pages:
        assert client.get(page).status_code == 403, page
    assert (
        client.get(
            url("review_detail", other_municipality, review_round.pk)
        ).status_code
        == 404
    )
    assert (
        client.get(
            url("review_report", other_municipality, review_round.pk)
        ).status_code
        == 404
    )
    assert client.get(
        url("review_answer_signed_in", other_municipality, review_round.pk)
    ).status_code in (403, 404)
    assert client_for(state_admin).get(pages[3]).status_code == 200


def test_a_member_not_asked_has_no_review_page(client_for, municipality, two_rounds):
    _first, review_round = two_rounds
    planner = user_with_role(municipality, Role.PLANNER, username="planung")
    page = url("review_answer_signed_in", municipality, review_round.pk)
    assert client_for(planner).get(page).status_code == 404


def test_a_refused_request_to_a_review_link_is_logged_without_its_key(
    two_rounds, responsible, grid
):
    _first, review_round = two_rounds
    request = review_round.requests.get(user=responsible)
    handler = next(
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(f, RedactSecretPaths) for f in handler.filters)
    )
    lines = io.StringIO()
    stream = handler.setStream(lines)
    try:
        response = Client(enforce_csrf_checks=True).post(
            f"/statusabfrage/{selectors.review_token(request)}/",
            {f"status_{grid['b'].pk}": status("fully-implemented").pk},
        )
    finally:
        handler.setStream(stream)
    assert response.status_code == 403
    assert "/statusabfrage/" in lines.getvalue()
    assert request.key not in lines.getvalue()
    assert selectors.review_token(request) not in lines.getvalue()


def test_the_goal_tree_leads_to_the_reviews(
    client_for, coordinator, municipality, two_rounds, responsible
):
    _first, review_round = two_rounds
    mine = client_for(responsible).get(url("goal_tree", municipality))
    own = url("review_answer_signed_in", municipality, review_round.pk)
    assert own in mine.content.decode()
    listing = f'href="{url("review_list", municipality)}"'
    assert listing not in mine.content.decode()
    tree = client_for(coordinator).get(url("goal_tree", municipality))
    assert listing in tree.content.decode()


def test_follow_up_addresses_of_another_municipality_are_not_found(
    client_for, municipality, other_municipality, two_rounds, responsible
):
    """Even with GET: the round is looked up before the method is checked."""
    _first, review_round = two_rounds
    request = review_round.requests.get(user=responsible)
    coordinator = user_with_role(other_municipality, Role.COORDINATOR, username="n")
    client = client_for(coordinator)
    for name, args in (
        ("review_close", [review_round.pk]),
        ("review_resend", [review_round.pk, request.pk]),
    ):
        address = url(name, other_municipality, *args)
        assert client.get(address).status_code == 404
        assert client.post(address).status_code == 404
    review_round.refresh_from_db()
    assert review_round.is_open
