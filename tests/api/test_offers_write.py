"""Writing offers through the API: drafts, review, pending changes, who may do what."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from kette.core.models import AuditEntry, Role
from kette.offers.models import Offer, OfferRevision, OfferStatus, RevisionState
from tests.core.factories import (
    DistrictFactory,
    MunicipalityFactory,
    OrganisationFactory,
    square,
    user_with_role,
)
from tests.offers.factories import offer_content

from .test_offers_read import LIST, detail, publish

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def action(offer, name: str, slug: str = "musterstadt") -> str:
    return f"{detail(offer, slug)}{name}/"


def new_content(organisation, **overrides) -> dict:
    return offer_content(organisation, title="Babymassage im Familienzentrum") | (
        overrides
    )


@pytest.fixture(autouse=True)
def district(municipality):
    return DistrictFactory(
        municipality=municipality, code="01", geometry=square(6.80, 51.40)
    )


@pytest.fixture
def published(bound_organisation):
    return publish(bound_organisation, title="Hebammensprechstunde")


def titles_found(api, text: str) -> set[str]:
    response = api.get(LIST.format(slug="musterstadt"), {"q": text})
    assert response.status_code == 200
    return {item["title"] for item in response.json()["results"]}


def test_an_editor_creates_a_draft_that_goes_live_after_review(
    api_as, people, bound_organisation
):
    editor, coordinator = people["provider_editor"], people["coordinator"]
    api = api_as(editor)
    response = api.post(
        LIST.format(slug="musterstadt"), new_content(bound_organisation), format="json"
    )

    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "draft" and data["title"].startswith("Babymassage")
    assert response["Location"] == data["api_url"]
    assert data["locations"][0]["district"]["code"] == "01"
    offer = Offer.objects.get(pk=data["id"])
    assert offer.organisation == bound_organisation
    assert "Babymassage im Familienzentrum" not in titles_found(api, "Babymassage")

    response = api.post(action(offer, "submit"))
    assert response.status_code == 200 and response.json()["status"] == "in_review"
    assert api.post(action(offer, "approve")).status_code == 403

    api.logout()
    api = api_as(coordinator)
    response = api.post(action(offer, "approve"))
    assert response.status_code == 200 and response.json()["status"] == "published"

    api.logout()
    assert "Babymassage im Familienzentrum" in titles_found(api, "Babymassage")
    assert api.get(detail(offer)).status_code == 200
    entries = AuditEntry.objects.filter(object_id=str(offer.pk)).order_by("pk")
    assert [(e.action, e.actor_id) for e in entries] == [
        ("create", editor.pk),
        ("update", editor.pk),
        ("update", coordinator.pk),
    ]
    assert entries[2].changes["status"] == ["in_review", "published"]


def test_edits_to_a_published_offer_wait_for_review_while_it_stays_visible(
    api_as, people, published
):
    api = api_as(people["provider_editor"])
    response = api.patch(
        detail(published), {"title": "Hebammensprechstunde am Abend"}, format="json"
    )

    assert response.status_code == 202, response.content
    data = response.json()
    assert data["title"] == "Hebammensprechstunde"  # still the published version
    assert data["pending_changes"]["state"] == RevisionState.DRAFT
    assert data["pending_changes"]["data"]["title"] == "Hebammensprechstunde am Abend"
    assert data["pending_changes"]["data"]["languages"] == ["de", "tr"]
    response = api.post(action(published, "submit"))
    assert response.json()["pending_changes"]["state"] == RevisionState.IN_REVIEW

    api.logout()
    public = api.get(detail(published)).json()
    assert public["title"] == "Hebammensprechstunde"
    assert public["pending_changes"] is None and public["status"] is None

    api = api_as(people["coordinator"])
    response = api.post(action(published, "approve"))
    assert response.status_code == 200
    assert response.json()["title"] == "Hebammensprechstunde am Abend"
    assert response.json()["pending_changes"] is None


def test_a_coordinator_returns_a_submission_with_a_comment(
    api_as, people, bound_organisation
):
    api = api_as(people["provider_editor"])
    created = api.post(
        LIST.format(slug="musterstadt"), new_content(bound_organisation), format="json"
    ).json()
    offer = Offer.objects.get(pk=created["id"])
    api.post(action(offer, "submit"))
    api.logout()
    api = api_as(people["coordinator"])

    response = api.post(action(offer, "return"), {}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["comment"]

    response = api.post(
        action(offer, "return"), {"comment": "Bitte Uhrzeiten ergänzen."}, format="json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "draft"
    assert data["review_comment"] == "Bitte Uhrzeiten ergänzen."


def test_returned_pending_changes_keep_the_published_version(api_as, people, published):
    api = api_as(people["provider_editor"])
    api.patch(detail(published), {"summary": "Neu: abends."}, format="json")
    api.post(action(published, "submit"))
    api.logout()

    response = api_as(people["coordinator"]).post(
        action(published, "return"), {"comment": "Bitte genauer."}, format="json"
    )
    pending = response.json()["pending_changes"]
    assert pending["state"] == RevisionState.RETURNED
    assert pending["comment"] == "Bitte genauer."
    assert Offer.objects.get(pk=published.pk).summary != "Neu: abends."


def test_direct_edits_are_for_coordinators_only(api_as, people, published):
    body = offer_content(published.organisation, title="Hebammensprechstunde neu")
    url = detail(published) + "?direct=true"

    response = api_as(people["provider_editor"]).put(url, body, format="json")
    assert response.status_code == 403
    response = api_as(people["coordinator"]).put(url, body, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Hebammensprechstunde neu"
    assert not OfferRevision.objects.filter(offer=published).exists()


def test_direct_publishes_a_draft_and_leaves_no_pending_changes_behind(
    api_as, people, bound_organisation, published
):
    editor = api_as(people["provider_editor"])
    created = editor.post(
        LIST.format(slug="musterstadt"), new_content(bound_organisation), format="json"
    ).json()
    editor.patch(detail(published), {"summary": "Vom Träger."}, format="json")
    editor.logout()
    api = api_as(people["coordinator"])

    response = api.patch(
        f"{LIST.format(slug='musterstadt')}{created['id']}/?direct=true",
        {"title": "Babymassage"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "published"
    assert "Babymassage" in titles_found(api, "Babymassage")

    response = api.patch(
        detail(published) + "?direct=true", {"title": "Sofort"}, format="json"
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["title"], data["summary"]) == ("Sofort", "Vom Träger.")
    assert data["pending_changes"] is None
    assert OfferRevision.objects.get(offer=published).state == RevisionState.APPROVED


def test_an_archived_offer_is_deleted_by_a_coordinator_not_by_its_editor(
    api_as, people, published
):
    api = api_as(people["provider_editor"])
    api.post(action(published, "archive"))

    response = api.delete(detail(published))
    assert response.status_code == 400
    assert "Koordination" in response.json()["errors"]["non_field_errors"][0]
    api.logout()
    assert api_as(people["coordinator"]).delete(detail(published)).status_code == 204
    assert not Offer.objects.filter(pk=published.pk).exists()


def test_put_replaces_the_content_of_a_draft(api_as, people, bound_organisation):
    api = api_as(people["provider_editor"])
    created = api.post(
        LIST.format(slug="musterstadt"), new_content(bound_organisation), format="json"
    ).json()
    body = {"title": "Babymassage", "languages": ["de", "uk"]}

    response = api.put(f"{LIST.format(slug='musterstadt')}{created['id']}/", body)

    assert response.status_code == 200, response.content
    data = response.json()
    assert data["title"] == "Babymassage"
    assert [lang["code"] for lang in data["languages"]] == ["de", "uk"]
    assert data["locations"] == [] and data["contacts"] == []


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"locations": [{"latitude": 200, "longitude": 6.8}]}, "locations.0.latitude"),
        ({"locations": [{"latitude": "north"}]}, "locations.0.latitude"),
        ({"schedules": [{"kind": "weekly", "weekday": "x"}]}, "schedules.0.weekday"),
        ({"schedules": [{"kind": "weekly"}]}, "schedules.0.weekday"),
        ({"contacts": [{"name": "A", "email": "kein-at"}]}, "contacts.0.email"),
        ({"languages": ["de", "klingonisch"]}, "languages"),
        ({"min_age_months": 12, "max_age_months": 6}, "max_age_months"),
        ({"cost": "fee", "cost_text": ""}, "cost_text"),
        ({"title": ""}, "title"),
        ({"organisation": 999999}, "organisation"),
    ],
)
def test_invalid_content_is_refused_naming_the_field(
    api_as, people, bound_organisation, change, key
):
    response = api_as(people["coordinator"]).post(
        LIST.format(slug="musterstadt"),
        new_content(bound_organisation) | change,
        format="json",
    )

    assert response.status_code == 400, response.content
    assert key in response.json()["errors"], response.json()
    assert not Offer.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("provider_editor", 201),
        ("coordinator", 201),
        ("state_admin", 201),
        ("other_editor", 403),
        ("planner", 403),
        ("network_lead", 403),
        ("no_role", 403),
        ("anonymous", 401),
    ],
)
def test_who_may_create_an_offer_for_an_organisation(
    api_as, people, municipality, bound_organisation, who, status
):
    people["other_editor"] = user_with_role(
        municipality,
        Role.PROVIDER_EDITOR,
        organisations=[OrganisationFactory(municipality=municipality)],
    )
    response = api_as(people[who]).post(
        LIST.format(slug="musterstadt"), new_content(bound_organisation), format="json"
    )

    assert response.status_code == status, response.content
    assert Offer.objects.exists() == (status == 201)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("provider_editor", 202),
        ("coordinator", 202),
        ("other_editor", 403),
        ("planner", 403),
        ("no_role", 403),
        ("anonymous", 401),
    ],
)
def test_who_may_change_a_published_offer(
    api_as, people, municipality, published, who, status
):
    people["other_editor"] = user_with_role(
        municipality,
        Role.PROVIDER_EDITOR,
        organisations=[OrganisationFactory(municipality=municipality)],
    )
    response = api_as(people[who]).patch(
        detail(published), {"title": "Übernommen"}, format="json"
    )

    assert response.status_code == status, response.content
    assert OfferRevision.objects.exists() == (status == 202)


def test_an_editor_cannot_move_an_offer_to_a_foreign_organisation(
    api_as, people, municipality, bound_organisation
):
    api = api_as(people["provider_editor"])
    created = api.post(
        LIST.format(slug="musterstadt"), new_content(bound_organisation), format="json"
    ).json()
    foreign = OrganisationFactory(municipality=municipality)

    response = api.patch(
        f"{LIST.format(slug='musterstadt')}{created['id']}/",
        {"organisation": foreign.pk},
        format="json",
    )

    assert response.status_code == 403
    assert Offer.objects.get(pk=created["id"]).organisation == bound_organisation


@pytest.mark.parametrize("step", ["submit", "approve", "return", "archive"])
def test_workflow_steps_need_their_rule(api_as, people, published, step):
    response = api_as(people["planner"]).post(
        action(published, step), {"comment": "x"}, format="json"
    )

    assert response.status_code == 403


def test_an_editor_archives_an_offer_and_it_leaves_the_directory(
    api_as, people, published
):
    api = api_as(people["provider_editor"])
    response = api.post(action(published, "archive"))

    assert response.status_code == 200 and response.json()["status"] == "archived"
    api.logout()
    assert api.get(detail(published)).status_code == 404
    assert "Hebammensprechstunde" not in titles_found(api, "Hebammensprechstunde")


def test_a_draft_is_deleted_and_a_published_offer_is_archived_first(
    api_as, people, bound_organisation, published
):
    api = api_as(people["provider_editor"])
    created = api.post(
        LIST.format(slug="musterstadt"), new_content(bound_organisation), format="json"
    ).json()
    url = f"{LIST.format(slug='musterstadt')}{created['id']}/"

    refused = api.delete(detail(published))
    assert refused.status_code == 400
    # the reason is the message itself, not a generic "input not valid"
    assert "archiviert" in refused.json()["message"]
    assert api.delete(url).status_code == 204
    assert not Offer.objects.filter(pk=created["id"]).exists()
    assert Offer.objects.filter(pk=published.pk).exists()
    entry = AuditEntry.objects.get(object_id=created["id"], action="delete")
    assert entry.actor == people["provider_editor"]


def test_steps_out_of_order_are_refused(api_as, people, published):
    response = api_as(people["coordinator"]).post(action(published, "approve"))

    assert response.status_code == 400
    assert set(response.json()) == {"message", "errors"}
    assert Offer.objects.get(pk=published.pk).status == OfferStatus.PUBLISHED


def test_users_of_another_municipality_cannot_write(api_as, bound_organisation):
    elsewhere = MunicipalityFactory(slug="nachbarstadt", ags="05999001")
    stranger = user_with_role(elsewhere, Role.COORDINATOR)
    draft = Offer.objects.create(
        municipality=bound_organisation.municipality,
        organisation=bound_organisation,
        title="Entwurf",
    )
    api = api_as(stranger)

    assert (
        api.post(
            LIST.format(slug="musterstadt"),
            new_content(bound_organisation),
            format="json",
        ).status_code
        == 403
    )
    assert api.patch(detail(draft), {"title": "x"}, format="json").status_code == 404
    assert api.post(action(draft, "submit")).status_code == 404
    assert api.post(action(draft, "submit", "nachbarstadt")).status_code == 404
    assert Offer.objects.get(pk=draft.pk).status == OfferStatus.DRAFT


def test_session_writes_need_the_csrf_token_and_tokens_do_not(
    people, bound_organisation, make_token
):
    editor = people["provider_editor"]
    body = new_content(bound_organisation)
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(editor)

    response = session.post(LIST.format(slug="musterstadt"), body, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]

    token = APIClient(enforce_csrf_checks=True)
    token.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(editor)}")
    response = token.post(LIST.format(slug="musterstadt"), body, format="json")
    assert response.status_code == 201


@pytest.mark.parametrize(
    "method,step",
    [
        ("post", "submit"),
        ("post", "approve"),
        ("post", "return"),
        ("post", "archive"),
        ("patch", ""),
        ("delete", ""),
    ],
)
def test_a_read_only_token_takes_no_workflow_step(
    people, bound_organisation, make_token, method, step
):
    """The scope holds for every unsafe method, the review steps included."""
    editor = people["provider_editor"]
    draft = Offer.objects.get(
        pk=APIClient()
        .post(
            LIST.format(slug="musterstadt"),
            new_content(bound_organisation),
            format="json",
            HTTP_AUTHORIZATION=f"Bearer {make_token(editor)}",
        )
        .json()["id"]
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {make_token(editor, scope='read')}")
    before = AuditEntry.objects.count()
    url = action(draft, step) if step else detail(draft)

    response = getattr(client, method)(url, {"comment": "x"}, format="json")

    assert response.status_code == 403
    assert response.json()["message"]
    assert Offer.objects.get(pk=draft.pk).status == OfferStatus.DRAFT
    assert AuditEntry.objects.count() == before
