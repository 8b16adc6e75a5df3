"""A person's data rights: the export of everything held (GDPR Art. 15) and
erasure (Art. 17) without breaking memberships and minutes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from kette.core.models import AuditEntry, Role
from kette.networks.models import ActionItem, Meeting, Person
from kette.networks.services import registry
from tests.core.factories import user_with_role

from .factories import make_body, make_member, make_person

pytestmark = pytest.mark.django_db


def _person_with_history(municipality):
    person = make_person(
        municipality,
        "Yılmaz",
        first_name="Ayşe",
        email="a.yilmaz@example.org",
        phone="0521 4711",
        function="Leitung Kita",
    )
    body = make_body(municipality, "AG Sprache")
    member = make_member(body, person=person, joined_on=dt.date(2021, 2, 1))
    meeting = Meeting.objects.create(
        municipality=municipality,
        body=body,
        title="Frühjahrssitzung",
        starts_at=timezone.make_aware(dt.datetime(2025, 3, 4, 10)),
    )
    meeting.attended.add(member)
    ActionItem.objects.create(
        municipality=municipality,
        body=body,
        meeting=meeting,
        task="Elternbrief übersetzen",
        responsible_person=person,
        due=dt.date(2025, 4, 1),
    )
    return person, body, meeting


def test_the_export_holds_the_person_memberships_meetings_and_tasks(
    municipality, coordinator, client_for
):
    person, body, meeting = _person_with_history(municipality)
    answer = client_for(coordinator).get(
        reverse("networks:person_export", args=[municipality.slug, person.pk])
    )
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/json")
    assert "attachment" in answer["Content-Disposition"]
    data = json.loads(answer.content)
    assert data["person"]["email"] == "a.yilmaz@example.org"
    assert data["person"]["phone"] == "0521 4711"
    assert data["memberships"][0]["body"] == "AG Sprache"
    assert data["memberships"][0]["joined_on"] == "2021-02-01"
    assert data["meetings_attended"][0]["title"] == "Frühjahrssitzung"
    assert data["action_items"][0]["task"] == "Elternbrief übersetzen"
    assert data["action_items"][0]["due"] == "2025-04-01"


def test_erasure_asks_first_then_the_person_reads_former_member(
    municipality, coordinator, client_for
):
    person, body, meeting = _person_with_history(municipality)
    client = client_for(coordinator)
    url = reverse("networks:person_erase", args=[municipality.slug, person.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert Person.objects.get(pk=person.pk).erased_at is None
    assert client.post(url).status_code == 302
    person.refresh_from_db()
    assert person.is_erased
    assert (person.first_name, person.last_name, person.email, person.phone) == (
        "",
        "",
        "",
        "",
    )
    # Memberships, attendance and tasks stay and name a former member.
    assert meeting.attended.get().person == person
    page = client.get(
        reverse("networks:body_detail", args=[municipality.slug, body.pk])
    )
    html = page.content.decode()
    assert "ehemaliges Mitglied" in html
    assert "Yılmaz" not in html and "a.yilmaz@example.org" not in html
    data = json.loads(
        client.get(
            reverse("networks:person_export", args=[municipality.slug, person.pk])
        ).content
    )
    assert data["person"]["email"] == "" and data["person"]["erased_at"]
    assert data["action_items"][0]["task"] == "Elternbrief übersetzen"


def test_only_coordinators_and_state_admins_export_and_erase(
    municipality, state_admin, client_for
):
    person, body, _meeting = _person_with_history(municipality)
    lead = user_with_role(municipality, Role.NETWORK_LEAD)
    make_member(
        body, person=make_person(municipality, "Leitung", user=lead), role="lead"
    )
    slug = municipality.slug
    for user, allowed in (
        (lead, False),
        (user_with_role(municipality, Role.PLANNER), False),
        (state_admin, True),
    ):
        client = client_for(user)
        export = client.get(reverse("networks:person_export", args=[slug, person.pk]))
        erase = client.get(reverse("networks:person_erase", args=[slug, person.pk]))
        expected = 200 if allowed else 403
        assert (export.status_code, erase.status_code) == (expected, expected)
    assert not Person.objects.get(pk=person.pk).is_erased


def test_the_people_pages_list_a_persons_bodies_over_time(
    municipality, coordinator, client_for
):
    person, body, _meeting = _person_with_history(municipality)
    other = make_body(municipality, "AG Sport")
    make_member(
        other,
        person=person,
        joined_on=dt.date(2019, 1, 1),
        left_on=dt.date(2020, 1, 1),
    )
    client = client_for(coordinator)
    listing = client.get(reverse("networks:person_list", args=[municipality.slug]))
    (row,) = listing.context["page"].object_list
    assert row.body_count == 1  # the membership that ended does not count
    detail = client.get(
        reverse("networks:person_detail", args=[municipality.slug, person.pk])
    )
    assert [m.body.name for m in detail.context["memberships"]] == [
        "AG Sprache",
        "AG Sport",
    ]


def test_a_person_is_created_and_edited_with_errors_at_the_field(
    municipality, coordinator, client_for
):
    client = client_for(coordinator)
    create = reverse("networks:person_create", args=[municipality.slug])
    page = client.post(create, {"last_name": "", "email": "kein-mail"})
    assert set(page.context["form"].errors) == {"last_name", "email"}
    assert not Person.objects.exists()
    client.post(create, {"first_name": "Jana", "last_name": "Schulz"})
    person = Person.objects.get()
    client.post(
        reverse("networks:person_update", args=[municipality.slug, person.pk]),
        {"first_name": "Jana", "last_name": "Schulz-Berg", "phone": "0521"},
    )
    person.refresh_from_db()
    assert (person.last_name, person.phone) == ("Schulz-Berg", "0521")


def test_erasure_removes_the_persons_data_from_the_audit_trail(municipality):
    """The trail's entries of the person and their memberships kept the name,
    e-mail and phone after Art. 17 erasure."""
    actor = user_with_role(municipality, Role.COORDINATOR, username="kurz")
    person = registry.person_create(
        actor=actor,
        municipality=municipality,
        first_name="Zora",
        last_name="Quendt",
        email="zora.quendt@example.org",
        phone="0301234567",
    )
    registry.person_update(actor=actor, person=person, phone="0307654321")
    registry.member_add(actor=actor, body=make_body(municipality), person=person)
    registry.person_erase(actor=actor, person=person)
    trail = json.dumps(
        [[entry.object_repr, entry.changes] for entry in AuditEntry.objects.all()]
    )
    for secret in ("Quendt", "Zora", "zora.quendt@", "0301234567", "0307654321"):
        assert secret not in trail
