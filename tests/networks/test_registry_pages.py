"""The registry's staff pages: list with filters, nesting, a body, its
members, forms; contact data only for those who may see internals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kette.core.models import AgeBand, AuditEntry, FieldOfAction, Role
from kette.networks.models import Body, BodyMember, BodyStatus, Meeting, Person
from tests.core.factories import DistrictFactory, OrganisationFactory, user_with_role

from .factories import body_type, make_body, make_member, make_person

pytestmark = pytest.mark.django_db


def _url(name: str, municipality, *args) -> str:
    return reverse(f"networks:{name}", args=[municipality.slug, *args])


def test_the_list_shows_type_parent_lead_member_count_and_last_meeting(
    municipality, coordinator, client_for
):
    network = make_body(municipality, "Netzwerk Frühe Hilfen", body_type=body_type())
    lead = make_person(municipality, "Schulz", first_name="Jana")
    group = make_body(municipality, "AG Sprache", parent=network, lead_person=lead)
    make_member(group)
    make_member(group)
    make_member(group, left_on=timezone.localdate() - dt.timedelta(days=1))
    Meeting.objects.create(
        municipality=municipality,
        body=group,
        starts_at=timezone.make_aware(dt.datetime(2025, 3, 4, 10)),
    )
    page = client_for(coordinator).get(_url("body_list", municipality))
    assert page.status_code == 200
    rows = {body.name: body for body in page.context["page"].object_list}
    assert rows["AG Sprache"].member_count == 2
    assert rows["AG Sprache"].last_meeting.date() == dt.date(2025, 3, 4)
    assert rows["Netzwerk Frühe Hilfen"].member_count == 0
    assert rows["Netzwerk Frühe Hilfen"].last_meeting is None
    html = page.content.decode()
    assert "Jana Schulz" in html
    assert "04.03.2025" in html


def test_the_list_costs_the_same_few_queries_for_many_bodies(
    municipality, coordinator, client_for
):
    client = client_for(coordinator)
    district = DistrictFactory(municipality=municipality)
    for number in range(3):
        body = make_body(
            municipality, f"Gremium {number}", city_wide=False, districts=[district]
        )
        make_member(body)
    with CaptureQueriesContext(connection) as few:
        client.get(_url("body_list", municipality))
    for number in range(3, 20):
        body = make_body(
            municipality, f"Gremium {number}", city_wide=False, districts=[district]
        )
        make_member(body)
        make_member(body, person=make_person(municipality, "Lead"), role="lead")
    with CaptureQueriesContext(connection) as many:
        page = client.get(_url("body_list", municipality))
    assert page.context["page"].paginator.count == 20
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_list_filters_by_type_status_district_field_age_topic_and_text(
    municipality, coordinator, client_for
):
    north = DistrictFactory(municipality=municipality, code="02", name="Nord")
    harbour = DistrictFactory(
        municipality=municipality, code="02-1", name="Hafen", parent=north
    )
    field = FieldOfAction.objects.first()
    band = AgeBand.objects.first()
    match = make_body(
        municipality,
        "Stadtteilkonferenz Hafen",
        body_type=body_type("district-conference"),
        city_wide=False,
        districts=[harbour],
        fields_of_action=[field],
        age_bands=[band],
        topics=["Sprache"],
        description="Sprachförderung im Hafenviertel",
    )
    make_body(municipality, "AG Sport", status=BodyStatus.DORMANT, topics=["Sport"])
    client = client_for(coordinator)
    filters = {
        "body_type": "district-conference",
        "status": "active",
        "district": "02",  # the part (Hafen) of the district counts
        "field_of_action": field.code,
        "age_band": band.code,
        "topic": "Sprache",
        "q": "hafenviertel",
    }
    for key, value in filters.items():
        page = client.get(_url("body_list", municipality), {key: value})
        names = [body.name for body in page.context["page"].object_list]
        assert names == [match.name], key
    page = client.get(_url("body_list", municipality), {"status": "gibtsnicht"})
    assert page.context["filter_form"].errors["status"]


def test_the_tree_nests_bodies_under_their_network(
    municipality, coordinator, client_for
):
    network = make_body(municipality, "Netzwerk der Netzwerke")
    make_body(municipality, "AG Sprache", parent=network)
    page = client_for(coordinator).get(_url("body_tree", municipality))
    (root,) = page.context["tree"]
    assert root.body == network
    assert [node.body.name for node in root.children] == ["AG Sprache"]


def test_contact_data_of_members_only_for_those_who_see_internals(
    municipality, coordinator, client, client_for
):
    body = make_body(municipality, "AG Sprache")
    make_member(
        body, person=make_person(municipality, email="a.yilmaz@example.org", phone="0")
    )
    former = make_member(body, person=make_person(municipality, "Alt"))
    registry_left = timezone.localdate() - dt.timedelta(days=2)
    BodyMember.objects.filter(pk=former.pk).update(left_on=registry_left)
    planner = user_with_role(municipality, Role.PLANNER)
    as_planner = client_for(planner).get(_url("body_detail", municipality, body.pk))
    assert as_planner.status_code == 200
    assert "a.yilmaz@example.org" not in as_planner.content.decode()
    assert [m.person.last_name for m in as_planner.context["detail"].former] == ["Alt"]
    as_staff = client_for(coordinator).get(_url("body_detail", municipality, body.pk))
    assert "a.yilmaz@example.org" in as_staff.content.decode()


def test_a_coordinator_creates_edits_and_deletes_a_body(
    municipality, coordinator, client_for
):
    client = client_for(coordinator)
    district = DistrictFactory(municipality=municipality)
    answer = client.post(
        _url("body_create", municipality),
        {
            "name": "Präventionsnetzwerk Nord",
            "body_type": body_type().pk,
            "status": "active",
            "districts": [district.pk],
            "topic_names": "Sprache, Armut",
            "is_public": "on",
            "contact_email": "netzwerk@example.org",
        },
    )
    body = Body.objects.get(name="Präventionsnetzwerk Nord")
    assert answer.status_code == 302
    assert answer["Location"] == _url("body_detail", municipality, body.pk)
    assert sorted(body.topics.values_list("name", flat=True)) == ["Armut", "Sprache"]
    assert not body.city_wide and list(body.districts.all()) == [district]
    client.post(
        _url("body_update", municipality, body.pk),
        {
            "name": "Präventionsnetzwerk Nord-Ost",
            "body_type": body_type().pk,
            "status": "dormant",
            "topic_names": "Sprache",
        },
    )
    body.refresh_from_db()
    assert body.name == "Präventionsnetzwerk Nord-Ost"
    assert [t.name for t in body.topics.all()] == ["Sprache"]
    assert AuditEntry.objects.filter(object_id=str(body.pk), action="update").exists()
    client.post(_url("body_delete", municipality, body.pk))
    assert not Body.objects.filter(pk=body.pk).exists()


def test_a_body_with_parts_is_not_deleted_and_the_page_says_why(
    municipality, coordinator, client_for
):
    network = make_body(municipality, "Netzwerk")
    make_body(municipality, "AG", parent=network)
    page = client_for(coordinator).post(_url("body_delete", municipality, network.pk))
    assert page.status_code == 200
    assert page.context["error"]
    assert Body.objects.filter(pk=network.pk).exists()


def test_a_body_form_names_a_missing_name_and_a_foreign_parent_is_no_choice(
    municipality, other_municipality, coordinator, client_for
):
    foreign = make_body(other_municipality, "Fremd")
    page = client_for(coordinator).post(
        _url("body_create", municipality),
        {"name": "", "body_type": body_type().pk, "status": "active"},
    )
    assert "name" in page.context["form"].errors
    page = client_for(coordinator).post(
        _url("body_create", municipality),
        {
            "name": "AG",
            "body_type": body_type().pk,
            "status": "active",
            "parent": foreign.pk,
        },
    )
    assert "parent" in page.context["form"].errors
    assert not Body.objects.filter(municipality=municipality).exists()


def test_members_are_added_by_pick_by_new_name_or_as_organisation(
    municipality, coordinator, client_for
):
    client = client_for(coordinator)
    body = make_body(municipality)
    known = make_person(municipality, "Bekannt")
    organisation = OrganisationFactory(municipality=municipality)
    url = _url("member_add", municipality, body.pk)
    client.post(url, {"person": known.pk, "role": "member"})
    client.post(
        url, {"new_first_name": "Neu", "new_last_name": "Person", "role": "guest"}
    )
    client.post(url, {"organisation": organisation.pk, "role": "member"})
    members = body.members.all()
    assert {(m.person.last_name if m.person else None) for m in members} == {
        "Bekannt",
        "Person",
        None,
    }
    assert Person.objects.get(last_name="Person").municipality == municipality
    empty = client.post(url, {"role": "member"})
    assert empty.context["form"].non_field_errors()
    both = client.post(url, {"person": known.pk, "new_last_name": "X", "role": "lead"})
    assert both.context["form"].non_field_errors()
    assert body.members.count() == 3


def test_a_member_leaves_is_edited_and_a_mistake_is_deleted(
    municipality, coordinator, client_for
):
    client = client_for(coordinator)
    body = make_body(municipality)
    member = make_member(body, joined_on=dt.date(2020, 1, 1))
    client.post(
        _url("member_leave", municipality, body.pk, member.pk),
        {"left_on": "2024-06-30"},
    )
    member.refresh_from_db()
    assert member.left_on == dt.date(2024, 6, 30)
    client.post(
        _url("member_update", municipality, body.pk, member.pk),
        {
            "person": member.person_id,
            "role": "secretariat",
            "joined_on": "2020-01-01",
            "left_on": "2024-06-30",
        },
    )
    member.refresh_from_db()
    assert member.role == "secretariat"
    early = client.post(
        _url("member_leave", municipality, body.pk, member.pk),
        {"left_on": "2019-01-01"},
    )
    assert early.status_code == 200 and early.context["form"].errors
    client.post(_url("member_delete", municipality, body.pk, member.pk))
    assert not BodyMember.objects.filter(pk=member.pk).exists()


def test_staff_navigation_and_start_page_lead_to_the_registry(
    municipality, coordinator, client_for
):
    client = client_for(coordinator)
    page = client.get(reverse("core:staff_dashboard", args=[municipality.slug]))
    assert _url("body_list", municipality) in page.content.decode()
