"""Review rounds: opening asks each responsible person (one e-mail with a
personal link each), answering through the link writes the status history,
tampering and closed rounds are refused, re-sending and renewing links."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from kette.core.models import AuditEntry, Role
from kette.goals.models import MeasureStatusChange, ReviewMail, ReviewRequest
from kette.goals.selectors import reviews as selectors
from kette.goals.services import reviews as services
from tests.core.factories import OrganisationFactory, user_with_role

from .factories import make_goal, make_measure, status

pytestmark = pytest.mark.django_db

SITE = "http://testserver/"
LINK = re.compile(r"http://testserver(/statusabfrage/[^/\s]+/)")


@pytest.fixture
def second(municipality):
    return user_with_role(
        municipality, Role.NETWORK_LEAD, username="zweite", first_name="Zora"
    )


@pytest.fixture
def scope(municipality, goal, measure, responsible, second):
    """Measures of the responsible person (two), of a second person, of an
    organisation without a person, and one nobody is responsible for."""
    organisation = OrganisationFactory(municipality=municipality, name="Kita Sonne")
    return {
        "mine": measure,
        "mine_too": make_measure(goal, "Elterncafé", responsible_person=responsible),
        "theirs": make_measure(goal, "Netzwerk pflegen", responsible_person=second),
        "organisation": make_measure(
            goal, "Sprachkurse", responsible_organisation=organisation
        ),
        "nobody": make_measure(goal, "Flyer drucken"),
        "organisation_obj": organisation,
    }


def open_round(coordinator, municipality, scope, **fields):
    contacts = {scope["organisation_obj"].pk: ("Frau Kontakt", "kontakt@example.org")}
    return services.review_round_open(
        actor=coordinator,
        municipality=municipality,
        title=fields.pop("title", "Quartalsreview Q1/2027"),
        site_url=SITE,
        contacts=contacts,
        **fields,
    )


@pytest.fixture
def review_round(coordinator, municipality, scope):
    return open_round(coordinator, municipality, scope)


def link_of(request: ReviewRequest) -> str:
    return f"/statusabfrage/{selectors.review_token(request)}/"


def request_for(review_round, **lookup) -> ReviewRequest:
    return review_round.requests.get(**lookup)


def test_opening_asks_each_responsible_person_once_and_mails_their_link(
    review_round, responsible, second
):
    requests = {request.name: request for request in review_round.requests.all()}
    assert set(requests) == {
        responsible.display_name,
        second.display_name,
        "Frau Kontakt",
    }
    assert requests["Frau Kontakt"].email == "kontakt@example.org"
    assert len(mail.outbox) == 3
    by_address = {message.to[0]: message for message in mail.outbox}
    message = by_address[responsible.email]
    assert LINK.search(message.body).group(1) == link_of(
        requests[responsible.display_name]
    )
    assert "Quartalsreview Q1/2027" in message.subject
    # German, addressing the person as "Sie"
    assert "Ihre 2 Maßnahmen" in message.body
    assert ReviewMail.objects.filter(request__review_round=review_round).count() == 3


def test_every_e_mail_sent_is_logged_without_the_link(review_round, coordinator):
    request = review_round.requests.exclude(user=None).first()
    services.review_request_send(actor=coordinator, request=request, site_url=SITE)
    mails = list(request.mails.all())
    assert len(mails) == 2
    assert {m.recipient for m in mails} == {request.email}
    assert mails[0].sent_by == coordinator
    entries = AuditEntry.objects.filter(object_type="kette_goals.ReviewMail")
    assert entries.count() == 4
    token = selectors.review_token(request)
    for entry in AuditEntry.objects.all():
        assert request.key not in str(entry.changes)
        assert token not in str(entry.changes)


def test_a_request_lists_exactly_the_persons_own_measures(review_round, scope):
    mine = request_for(review_round, user=scope["mine"].responsible_person)
    contact = request_for(review_round, organisation=scope["organisation_obj"])
    assert set(selectors.request_measures(request=mine)) == {
        scope["mine"],
        scope["mine_too"],
    }
    assert list(selectors.request_measures(request=contact)) == [scope["organisation"]]


def test_a_round_with_nobody_to_ask_is_refused_and_nothing_written(
    coordinator, municipality
):
    goal = make_goal(municipality, "Ohne Verantwortliche")
    make_measure(goal, "Niemand zuständig")
    with pytest.raises(ValidationError):
        services.review_round_open(
            actor=coordinator,
            municipality=municipality,
            title="Q1",
            site_url=SITE,
            goals=[goal],
        )
    assert not ReviewRequest.objects.exists()
    assert not AuditEntry.objects.filter(object_type="kette_goals.ReviewRound").exists()
    assert mail.outbox == []


def test_goals_of_another_municipality_are_refused(
    coordinator, municipality, other_municipality, scope
):
    foreign = make_goal(other_municipality, "Fremdes Ziel")
    with pytest.raises(ValidationError):
        open_round(coordinator, municipality, scope, goals=[foreign])


def test_a_round_over_chosen_goals_asks_only_for_their_measures(
    coordinator, municipality, scope, second
):
    other_goal = make_goal(municipality, "Zweites Ziel")
    make_measure(other_goal, "Nur hier", responsible_person=second)
    review_round = open_round(coordinator, municipality, scope, goals=[other_goal])
    assert [request.user for request in review_round.requests.all()] == [second]


# Answering through the personal link


def test_the_personal_link_lists_the_measures_and_saves_answers(
    client, review_round, scope, responsible
):
    request = request_for(review_round, user=responsible)
    page = client.get(link_of(request))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Fortbildungen anbieten" in html and "Elterncafé" in html
    assert "Netzwerk pflegen" not in html and "Sprachkurse" not in html
    fully, partly = status("fully-implemented"), status("partly-implemented")
    mine, mine_too = scope["mine"], scope["mine_too"]
    response = client.post(
        link_of(request),
        {
            f"status_{mine.pk}": fully.pk,
            f"comment_{mine.pk}": "Alle Reihen laufen.",
            f"status_{mine_too.pk}": mine_too.status_id,
            f"comment_{mine_too.pk}": "",
        },
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == fully
    change = mine.status_changes.order_by("-id").first()
    assert (change.review_request, change.actor, change.comment) == (
        request,
        None,
        "Alle Reihen laufen.",
    )
    assert change.actor_name == responsible.display_name
    # unchanged is confirmed: a dated entry with the same status
    assert mine_too.status_changes.filter(review_request=request).count() == 1
    request.refresh_from_db()
    assert request.answered_at is not None
    entry = AuditEntry.objects.filter(
        object_type="kette_goals.MeasureStatusChange", object_id=str(change.pk)
    ).get()
    assert entry.actor is None and entry.actor_name == responsible.display_name

    # coming back: the answer is shown, can be changed; the same again is not
    # written twice
    again = client.get(link_of(request)).content.decode()
    assert "Alle Reihen laufen." in again
    data = {
        f"status_{mine.pk}": partly.pk,
        f"comment_{mine.pk}": "Doch nur teilweise.",
        f"status_{mine_too.pk}": mine_too.status_id,
        f"comment_{mine_too.pk}": "",
    }
    client.post(link_of(request), data)
    client.post(link_of(request), data)
    mine.refresh_from_db()
    assert mine.status == partly
    assert mine.status_changes.filter(review_request=request).count() == 2
    assert mine_too.status_changes.filter(review_request=request).count() == 1


def test_a_link_cannot_change_another_persons_measure(
    client, review_round, scope, responsible, second
):
    mine = request_for(review_round, user=responsible)
    theirs = scope["theirs"]
    fully = status("fully-implemented")
    before = MeasureStatusChange.objects.count()
    # a measure id of someone else slipped into my form
    client.post(
        link_of(mine),
        {
            f"status_{theirs.pk}": fully.pk,
            f"comment_{theirs.pk}": "übernommen",
            f"status_{scope['mine'].pk}": scope["mine"].status_id,
            f"status_{scope['mine_too'].pk}": scope["mine_too"].status_id,
        },
    )
    theirs.refresh_from_db()
    assert theirs.status.code == "not-implemented"
    assert not theirs.status_changes.filter(comment="übernommen").exists()
    # my measure posted through another person's link
    other = request_for(review_round, user=second)
    client.post(
        link_of(other),
        {
            f"status_{scope['mine'].pk}": fully.pk,
            f"status_{theirs.pk}": theirs.status_id,
        },
    )
    scope["mine"].refresh_from_db()
    assert scope["mine"].status.code == "not-implemented"
    assert not scope["mine"].status_changes.filter(review_request=other).exists()
    assert MeasureStatusChange.objects.count() == before + 3  # 2 mine + 1 theirs
    # the service itself refuses a measure that is not the person's
    with pytest.raises(ValidationError):
        services.review_answer(
            actor=None, request=mine, answers={theirs.pk: (fully, "")}
        )


def test_a_made_up_or_renewed_link_is_not_found(
    client, review_round, responsible, coordinator
):
    request = request_for(review_round, user=responsible)
    old = link_of(request)
    assert client.get(old[:-4] + "abc/").status_code == 404
    assert client.get(f"/statusabfrage/{request.key}/").status_code == 404
    services.review_request_renew(actor=coordinator, request=request, site_url=SITE)
    assert client.get(old).status_code == 404
    assert client.get(link_of(request)).status_code == 200
    assert LINK.search(mail.outbox[-1].body).group(1) == link_of(request)


def test_a_closed_round_refuses_answers(client, review_round, scope, responsible):
    request = request_for(review_round, user=responsible)
    services.review_round_close(actor=None, review_round=review_round)
    before = MeasureStatusChange.objects.count()
    response = client.post(
        link_of(request),
        {f"status_{scope['mine'].pk}": status("fully-implemented").pk},
    )
    assert response.status_code == 410
    assert MeasureStatusChange.objects.count() == before
    with pytest.raises(ValidationError):
        services.review_answer(
            actor=None,
            request=request,
            answers={scope["mine"].pk: (status("fully-implemented"), "")},
        )
    with pytest.raises(ValidationError):
        services.review_request_send(actor=None, request=request, site_url=SITE)


def test_a_signed_in_responsible_person_answers_from_the_staff_view(
    client_for, review_round, scope, responsible, municipality
):
    client = client_for(responsible)
    url = (
        f"/{municipality.slug}/intern/ziele/reviews/{review_round.pk}/meine-massnahmen/"
    )
    assert "Elterncafé" in client.get(url).content.decode()
    client.post(
        url,
        {
            f"status_{scope['mine'].pk}": status("partly-implemented").pk,
            f"status_{scope['mine_too'].pk}": scope["mine_too"].status_id,
        },
    )
    change = scope["mine"].status_changes.order_by("-id").first()
    assert change.actor == responsible
    assert change.review_request.user == responsible
