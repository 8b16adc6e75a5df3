"""The members' read-only link: approved minutes only, no account needed,
not for search engines, dead once renewed."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kette.core.logfilters import SECRET_PATHS
from kette.core.models import AuditEntry, Role
from kette.networks.services import meetings, minutes
from tests.conftest import login
from tests.core.factories import user_with_role

from .factories import make_body, make_meeting, make_member, make_person

pytestmark = pytest.mark.django_db


def _link(token: str) -> str:
    return reverse("networks:minutes_shared", args=[token])


def _approved_meeting(municipality):
    meeting = make_meeting(make_body(municipality), agenda=["Bericht"])
    item = meeting.agenda.get()
    draft = minutes.minutes_start(actor=None, meeting=meeting)
    minutes.minutes_save(
        actor=None, minutes=draft, entries={item.pk: {"discussion": "Freigegeben."}}
    )
    minutes.minutes_approve(actor=None, minutes=draft)
    return meeting, item


def test_the_link_shows_the_approved_minutes_without_an_account(
    client, municipality, coordinator
):
    meeting, item = _approved_meeting(municipality)
    login(client, coordinator)
    response = client.post(
        reverse("networks:share_renew", args=["musterstadt", meeting.pk])
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    link = _link(meetings.share_token(meeting))
    assert (
        link
        in client.get(
            reverse("networks:meeting_detail", args=["musterstadt", meeting.pk])
        ).content.decode()
    )
    # A correction in progress stays internal: the link shows the approved text.
    correction = minutes.minutes_correct(
        actor=None, meeting=meeting, correction_note="Tippfehler"
    )
    minutes.minutes_save(
        actor=None, minutes=correction, entries={item.pk: {"discussion": "Entwurf."}}
    )
    response = Client().get(link)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Freigegeben." in page and "Entwurf." not in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in page
    # The share key is a secret: the audit trail only knows it was renewed.
    trail = [
        entry.changes
        for entry in AuditEntry.objects.filter(
            object_type="kette_networks.Meeting", object_id=str(meeting.pk)
        )
    ]
    assert {"share_link": [None, "renewed"]} in trail
    assert meeting.share_key not in str(trail)


def test_a_renewed_wrong_or_unapproved_link_shows_nothing(municipality):
    meeting, _item = _approved_meeting(municipality)
    old = meetings.meeting_share_renew(actor=None, meeting=meeting)
    new = meetings.meeting_share_renew(actor=None, meeting=meeting)
    assert Client().get(_link(old)).status_code == 404
    assert Client().get(_link(new)).status_code == 200
    assert Client().get(_link(new[:-2] + "xx")).status_code == 404
    draft_only = make_meeting(make_body(municipality, "AG Sprache"))
    minutes.minutes_start(actor=None, meeting=draft_only)
    token = meetings.meeting_share_renew(actor=None, meeting=draft_only)
    assert Client().get(_link(token)).status_code == 404


def test_only_those_who_change_the_body_renew_the_link(client, municipality):
    meeting, _item = _approved_meeting(municipality)
    user = user_with_role(municipality, Role.PROVIDER_EDITOR, username="mitglied")
    make_member(meeting.body, person=make_person(municipality, user=user))
    login(client, user)
    response = client.post(
        reverse("networks:share_renew", args=["musterstadt", meeting.pk])
    )
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.share_key == ""


def test_the_token_is_kept_out_of_the_logs():
    assert SECRET_PATHS.sub(r"\1…", "GET /protokoll/abc.def/ 404") == (
        "GET /protokoll/…/ 404"
    )
