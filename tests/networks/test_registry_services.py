"""The registry's write path: people, bodies, members; audit and erasure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db.models import RestrictedError

from kette.core.exceptions import KetteError
from kette.core.models import AuditEntry
from kette.networks.models import Body, BodyMember, Person
from kette.networks.services import registry
from tests.core.factories import OrganisationFactory

from .factories import make_body, make_member, make_person

pytestmark = pytest.mark.django_db


def test_a_body_is_created_with_topics_and_audited(municipality, coordinator):
    body = make_body(
        municipality, actor=coordinator, topics=["Sprache", "Sprache ", "Armut"]
    )
    assert sorted(body.topics.values_list("name", flat=True)) == ["Armut", "Sprache"]
    entry = AuditEntry.objects.get(object_id=str(body.pk), action="create")
    assert entry.actor == coordinator
    # A second body reuses the municipality's topic rather than making a twin.
    other = make_body(municipality, "Stadtteilkonferenz Mitte", topics=["Sprache"])
    assert other.topics.get().pk == body.topics.get(name="Sprache").pk


def test_a_body_cannot_be_part_of_itself_or_of_another_town(
    municipality, other_municipality
):
    network = make_body(municipality, "Netzwerk der Netzwerke")
    group = make_body(municipality, "AG Sprache", parent=network)
    with pytest.raises(ValidationError) as cycle:
        registry.body_update(actor=None, body=network, parent=group)
    assert "parent" in cycle.value.message_dict
    foreign = make_body(other_municipality, "Fremd")
    with pytest.raises(ValidationError) as elsewhere:
        registry.body_update(actor=None, body=group, parent=foreign)
    assert "parent" in elsewhere.value.message_dict
    with pytest.raises(KetteError):
        registry.body_delete(actor=None, body=network)
    assert Body.objects.filter(pk=network.pk).exists()


def test_a_member_takes_the_persons_organisation_and_leaving_keeps_the_row(
    municipality,
):
    organisation = OrganisationFactory(municipality=municipality)
    person = make_person(municipality, organisation=organisation)
    body = make_body(municipality)
    member = make_member(body, person=person, joined_on=dt.date(2020, 1, 1))
    assert member.organisation == organisation
    assert member.is_current()
    registry.member_leave(actor=None, member=member, left_on=dt.date(2024, 6, 30))
    member.refresh_from_db()
    assert not member.is_current()
    assert member.is_current(dt.date(2023, 1, 1))
    with pytest.raises(ValidationError):
        registry.member_update(actor=None, member=member, left_on=dt.date(2019, 1, 1))


def test_a_member_must_be_someone_of_the_same_town(municipality, other_municipality):
    body = make_body(municipality)
    with pytest.raises(ValidationError):
        registry.member_add(actor=None, body=body)
    stranger = make_person(other_municipality, organisation=None)
    with pytest.raises(ValidationError) as error:
        registry.member_add(actor=None, body=body, person=stranger)
    assert "person" in error.value.message_dict
    assert not BodyMember.objects.exists()


def test_erasing_a_person_keeps_memberships_as_former_member(municipality, coordinator):
    person = make_person(
        municipality, "Schmidt", email="schmidt@example.org", phone="0208 123"
    )
    member = make_member(make_body(municipality), person=person)
    registry.person_erase(actor=coordinator, person=person)
    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.email, person.phone) == (
        "",
        "",
        "",
        "",
    )
    assert str(person) == "ehemaliges Mitglied"
    assert BodyMember.objects.get(pk=member.pk).person == person
    entry = AuditEntry.objects.filter(object_id=str(person.pk)).latest("pk")
    assert "schmidt@example.org" not in str(entry.changes)
    with pytest.raises(KetteError):
        registry.person_update(actor=coordinator, person=person, last_name="Neu")
    # A member who is still referenced cannot simply be deleted.
    with pytest.raises(RestrictedError):
        Person.objects.filter(pk=person.pk).delete()


def test_deleting_a_municipality_removes_its_registry(municipality):
    network = make_body(municipality, "Netzwerk der Netzwerke")
    body = make_body(municipality, parent=network)
    make_member(body)
    municipality.delete()
    assert not Body.objects.exists()
    assert not Person.objects.exists()
