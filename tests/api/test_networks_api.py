"""Networks and working bodies and their memberships in the API: reads per
role, writes per role (a network lead only their bodies), members' contact
data only for staff, leads and members, bad input naming the field, the
audit trail, and other municipalities seeing nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from kette.core.models import AuditEntry, Role
from kette.networks.models import Body, BodyMember
from tests.core.factories import DistrictFactory, OrganisationFactory, user_with_role
from tests.networks.factories import body_type, make_body, make_member, make_person

pytestmark = pytest.mark.django_db

BODIES = "/api/v1/municipalities/{slug}/bodies/"


def body_url(body: Body, slug: str = "musterstadt") -> str:
    return f"{BODIES.format(slug=slug)}{body.pk}/"


def member_url(member: BodyMember) -> str:
    return f"{body_url(member.body)}members/{member.pk}/"


@pytest.fixture
def network(municipality):
    return make_body(municipality, "Netzwerk Frühe Hilfen", topics=["Armut"])


@pytest.fixture
def lead(people, network):
    """The network lead of Musterstadt, leading ``network``."""
    user = people["network_lead"]
    person = make_person(network.municipality, "Lehmann", user=user)
    make_member(network, person=person, role="lead")
    return user


@pytest.fixture
def member(network):
    return make_member(
        network,
        person=make_person(
            network.municipality, "Demir", email="demir@example.org", phone="0123"
        ),
        joined_on=dt.date(2023, 1, 1),
    )


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("coordinator", 200),
        ("state_admin", 200),
        ("planner", 200),
        ("provider_editor", 200),
        ("network_lead", 200),
        ("no_role", 404),
        ("anonymous", 401),
    ],
)
def test_members_of_the_municipality_read_the_bodies(
    api_as, people, network, who, code
):
    api = api_as(people[who])
    listed = api.get(BODIES.format(slug="musterstadt"))
    assert listed.status_code == code
    assert api.get(body_url(network)).status_code == code
    if code == 200:
        [row] = listed.json()["results"]
        assert row["name"] == "Netzwerk Frühe Hilfen"
        assert row["topics"] == ["Armut"]
        assert row["body_type"]["code"] == "working-group"


def test_a_coordinator_creates_a_body_with_its_tags_and_it_is_audited(
    api_as, people, municipality, network
):
    DistrictFactory(municipality=municipality, code="07", name="Hafen")
    jugendamt = OrganisationFactory(municipality=municipality, name="Jugendamt")
    response = api_as(people["coordinator"]).post(
        BODIES.format(slug="musterstadt"),
        {
            "name": "Stadtteilkonferenz Hafen",
            "body_type": "district-conference",
            "parent": network.pk,
            "city_wide": False,
            "districts": ["07"],
            "fields_of_action": ["health"],
            "topics": ["Sprache", "Armut"],
            "meeting_rhythm": "quarterly",
            "lead_organisation": jugendamt.pk,
            "is_public": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert response["Location"] == data["url"]
    assert data["parent"] == {"id": network.pk, "name": "Netzwerk Frühe Hilfen"}
    assert data["districts"] == [{"code": "07", "name": "Hafen"}]
    assert sorted(data["topics"]) == ["Armut", "Sprache"]
    body = Body.objects.get(pk=data["id"])
    assert body.lead_organisation == jugendamt and not body.city_wide
    entry = AuditEntry.objects.get(
        object_type="kette_networks.Body", object_id=str(body.pk), action="create"
    )
    assert entry.actor == people["coordinator"]


def test_bad_input_names_the_field_and_writes_nothing(
    api_as, people, other_municipality
):
    foreign = make_body(other_municipality, "Fremd")
    response = api_as(people["coordinator"]).post(
        BODIES.format(slug="musterstadt"),
        {"name": "X", "body_type": "no-such-type", "parent": foreign.pk},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"body_type", "parent"}
    missing = api_as(people["coordinator"]).post(
        BODIES.format(slug="musterstadt"), {"name": "X"}, format="json"
    )
    assert missing.status_code == 400
    assert "body_type" in missing.json()["errors"]
    assert not Body.objects.filter(name="X").exists()


def test_a_network_lead_changes_only_their_bodies_and_deletes_none(
    api_as, people, municipality, network, lead
):
    other = make_body(municipality, "AG Sprache")
    api = api_as(lead)
    changed = api.patch(body_url(network), {"meeting_rhythm": "monthly"}, format="json")
    assert changed.status_code == 200
    assert changed.json()["meeting_rhythm"] == "monthly"
    assert api.patch(body_url(other), {"name": "Y"}, format="json").status_code == 403
    assert api.delete(body_url(network)).status_code == 403
    assert (
        api.post(
            BODIES.format(slug="musterstadt"),
            {"name": "Neu", "body_type": "working-group"},
            format="json",
        ).status_code
        == 403
    )
    # Readers of the registry without a part in it write nothing.
    planner = api_as(people["planner"])
    assert (
        planner.patch(body_url(network), {"name": "Z"}, format="json").status_code
        == 403
    )
    other.refresh_from_db()
    assert other.name == "AG Sprache"


def test_deleting_a_body_with_parts_is_refused_with_a_message(
    api_as, people, municipality, network
):
    make_body(municipality, "AG Sprache", parent=network)
    api = api_as(people["coordinator"])
    refused = api.delete(body_url(network))
    assert refused.status_code == 400
    assert refused.json()["message"]
    leaf = Body.objects.get(name="AG Sprache")
    assert api.delete(body_url(leaf)).status_code == 204
    assert not Body.objects.filter(pk=leaf.pk).exists()


def test_members_contact_data_only_for_staff_leads_and_members(
    api_as, people, municipality, network, lead, member
):
    url = f"{body_url(network)}members/"
    for who, shown in (
        ("coordinator", True),
        ("network_lead", True),
        ("planner", False),
        ("provider_editor", False),
    ):
        response = api_as(people[who]).get(url)
        assert response.status_code == 200
        rows = {row["person"]["name"]: row for row in response.json()["results"]}
        demir = rows["Ayşe Demir"]["person"]
        assert (demir["email"] == "demir@example.org") is shown, who
        assert (demir["phone"] == "0123") is shown, who
        assert (demir["email"] is None) is not shown, who


def test_a_lead_adds_changes_ends_and_deletes_memberships(
    api_as, people, municipality, network, lead, member
):
    api = api_as(lead)
    caritas = OrganisationFactory(municipality=municipality, name="Caritas")
    added = api.post(
        f"{body_url(network)}members/",
        {"organisation": caritas.pk, "role": "guest", "joined_on": "2024-02-01"},
        format="json",
    )
    assert added.status_code == 201, added.json()
    assert added.json()["organisation"]["name"] == "Caritas"
    assert added.json()["person"] is None
    changed = api.patch(member_url(member), {"role": "secretariat"}, format="json")
    assert changed.status_code == 200 and changed.json()["role"] == "secretariat"
    left = api.post(
        f"{member_url(member)}leave/", {"date": "2024-06-30"}, format="json"
    )
    assert left.status_code == 200
    assert left.json()["left_on"] == "2024-06-30" and not left.json()["current"]
    current = api.get(f"{body_url(network)}members/?current=false").json()
    assert [row["id"] for row in current["results"]] == [member.pk]
    bad = api.post(f"{member_url(member)}leave/", {"date": "2020-01-01"}, format="json")
    assert bad.status_code == 400
    assert "date" in bad.json()["errors"]
    new_id = added.json()["id"]
    assert api.delete(f"{body_url(network)}members/{new_id}/").status_code == 204
    assert not BodyMember.objects.filter(pk=new_id).exists()
    assert (
        AuditEntry.objects.filter(
            object_type="kette_networks.BodyMember", actor=lead
        ).count()
        == 4
    )


def test_a_member_needs_a_person_or_organisation_of_the_municipality(
    api_as, people, network, other_municipality
):
    api = api_as(people["coordinator"])
    url = f"{body_url(network)}members/"
    assert api.post(url, {"role": "member"}, format="json").status_code == 400
    foreign = make_person(other_municipality, "Fremd")
    response = api.post(url, {"person": foreign.pk}, format="json")
    assert response.status_code == 400
    assert "person" in response.json()["errors"]


def test_a_membership_of_another_body_is_not_found_through_this_one(
    api_as, people, municipality, network, member
):
    other = make_body(municipality, "AG Sprache")
    url = f"{body_url(other)}members/{member.pk}/"
    assert api_as(people["coordinator"]).get(url).status_code == 404


def test_another_municipality_neither_reads_nor_writes(
    api_as, other_municipality, network, member
):
    stranger = user_with_role(other_municipality, Role.COORDINATOR)
    api = api_as(stranger)
    assert api.get(body_url(network)).status_code == 404
    assert api.get(f"{body_url(network)}members/").status_code == 404
    assert api.patch(body_url(network), {"name": "X"}, format="json").status_code == 404
    assert api.delete(member_url(member)).status_code == 404
    # Through their own municipality's address, Musterstadt's ids are not there.
    own = body_url(network, slug="nachbarstadt")
    assert api.get(own).status_code == 404
    assert api.delete(own).status_code == 404
    network.refresh_from_db()
    assert network.name == "Netzwerk Frühe Hilfen"
    assert BodyMember.objects.filter(pk=member.pk).exists()


def test_a_read_only_token_reads_but_does_not_write(api, people, network, make_token):
    raw = make_token(people["coordinator"], scope="read")
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert api.get(body_url(network)).status_code == 200
    assert api.patch(body_url(network), {"name": "X"}, format="json").status_code == 403


def test_the_type_of_a_body_reads_in_english_with_lang(api_as, people, network):
    data = api_as(people["coordinator"]).get(f"{body_url(network)}?lang=en").json()
    assert data["body_type"]["label"] == body_type().label_en
