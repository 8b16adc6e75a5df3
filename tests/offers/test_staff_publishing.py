"""Provider self-service over HTTP: review, published offers, lists, roles."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kette.core.models import AuditEntry, Role
from kette.offers.models import Offer, OfferRevision, OfferStatus, RevisionState
from kette.offers.services.workflow import offer_approve, offer_create, offer_submit
from tests.core.factories import (
    OrganisationFactory,
    UserFactory,
    user_with_role,
)
from tests.offers.factories import offer_content as content_for
from tests.offers.staff_pages import fields_of, html, post_data, url

pytestmark = pytest.mark.django_db


def test_submit_return_with_comment_and_resubmit(
    client, municipality, organisation, editor, coordinator
):
    client.force_login(editor)
    client.post(url("offer_create", municipality), post_data(organisation))
    offer = Offer.objects.get()
    detail = url("offer_detail", municipality, offer_id=offer.pk)
    assert (
        client.get(url("offer_submit", municipality, offer_id=offer.pk)).status_code
        == 405
    )

    response = client.post(url("offer_submit", municipality, offer_id=offer.pk))

    assert response["Location"] == detail
    assert Offer.objects.get().status == OfferStatus.IN_REVIEW
    client.force_login(coordinator)
    assert "Hebammensprechstunde" in html(client.get(url("review_queue", municipality)))
    back = url("review_return", municipality, offer_id=offer.pk)
    refused = client.post(back, {"comment": "  "})
    assert refused.status_code == 200 and 'id="id_comment_error"' in html(refused)
    assert Offer.objects.get().status == OfferStatus.IN_REVIEW
    client.post(back, {"comment": "Bitte die Kosten genauer angeben."})
    assert Offer.objects.get().status == OfferStatus.DRAFT

    client.force_login(editor)
    edit = url("offer_update", municipality, offer_id=offer.pk)
    form_page = client.get(edit)
    assert "Bitte die Kosten genauer angeben." in html(form_page)
    assert "Bitte die Kosten genauer angeben." in html(client.get(detail))
    data = fields_of(form_page) | {"cost": "fee", "cost_text": "2 €", "submit": "1"}
    assert client.post(edit, data).status_code == 302
    assert Offer.objects.get().status == OfferStatus.IN_REVIEW

    client.force_login(coordinator)
    client.post(url("review_approve", municipality, offer_id=offer.pk))
    published = Offer.objects.get()
    assert published.status == OfferStatus.PUBLISHED
    assert (published.cost_text, published.review_comment) == ("2 €", "")


@pytest.fixture
def published(municipality, organisation, editor, coordinator, district):
    offer = offer_create(
        actor=editor, municipality=municipality, content=content_for(organisation)
    )
    offer_submit(actor=editor, offer=offer)
    offer_approve(actor=coordinator, offer=offer)
    return Offer.objects.get(pk=offer.pk)


def test_edits_to_a_published_offer_wait_while_the_public_sees_the_old_version(
    client, municipality, editor, coordinator, published
):
    client.force_login(editor)
    edit = url("offer_update", municipality, offer_id=published.pk)
    data = fields_of(client.get(edit)) | {
        "title": "Hebammensprechstunde am Abend",
        "publish": "on",  # not offered to editors: ignored
        "save": "1",
    }

    assert client.post(edit, data).status_code == 302

    public_page = reverse(
        "offers:detail",
        kwargs={"municipality": "musterstadt", "offer_id": published.pk},
    )
    seen = Client().get(public_page).content.decode()
    assert "Hebammensprechstunde" in seen and "am Abend" not in seen
    revision = OfferRevision.objects.get()
    assert revision.state == RevisionState.DRAFT
    page = html(client.get(edit))
    assert 'value="Hebammensprechstunde am Abend"' in page
    assert "am Abend" in html(
        client.get(url("offer_detail", municipality, offer_id=published.pk))
    )
    client.post(url("offer_submit", municipality, offer_id=published.pk))
    assert OfferRevision.objects.get().state == RevisionState.IN_REVIEW
    assert Offer.objects.get().status == OfferStatus.PUBLISHED

    client.force_login(coordinator)
    queue = html(client.get(url("review_queue", municipality)))
    assert "Hebammensprechstunde" in queue
    review = html(client.get(url("review_detail", municipality, offer_id=published.pk)))
    assert "<del>Hebammensprechstunde</del>" in review, review[review.find("<main") :]
    assert "<ins>Hebammensprechstunde am Abend</ins>" in review
    client.post(url("review_approve", municipality, offer_id=published.pk))
    assert "Hebammensprechstunde am Abend" in Client().get(public_page).content.decode()
    assert OfferRevision.objects.get().state == RevisionState.APPROVED


def test_a_coordinator_edits_a_published_offer_directly(
    client, municipality, coordinator, published
):
    client.force_login(coordinator)
    edit = url("offer_update", municipality, offer_id=published.pk)
    page = client.get(edit)
    assert 'name="publish"' in html(page)
    data = fields_of(page) | {"title": "Direkt geändert", "publish": "on", "save": "1"}

    assert client.post(edit, data).status_code == 302

    assert Offer.objects.get().title == "Direkt geändert"
    assert not OfferRevision.objects.exists()


def test_a_coordinator_publishes_pending_changes_of_an_editor_at_once(
    client, municipality, editor, coordinator, published
):
    client.force_login(editor)
    edit = url("offer_update", municipality, offer_id=published.pk)
    client.post(edit, fields_of(client.get(edit)) | {"title": "Vom Träger"})
    client.force_login(coordinator)
    data = fields_of(client.get(edit))
    assert data["title"] == "Vom Träger"

    client.post(edit, data | {"publish": "on", "save": "1"})

    assert Offer.objects.get().title == "Vom Träger"
    assert OfferRevision.objects.get().state == RevisionState.APPROVED


def test_a_coordinator_publishes_a_new_offer_at_once(
    client, municipality, organisation, coordinator
):
    client.force_login(coordinator)
    data = post_data(organisation, publish="on")
    assert client.post(url("offer_create", municipality), data).status_code == 302
    offer = Offer.objects.get()
    assert offer.status == OfferStatus.PUBLISHED and offer.published_at is not None


def test_editors_do_not_see_the_publish_option(
    client, municipality, editor, organisation
):
    client.force_login(editor)
    page = html(client.get(url("offer_create", municipality)))
    assert 'name="publish"' not in page
    client.post(
        url("offer_create", municipality), post_data(organisation, publish="on")
    )
    assert Offer.objects.get().status == OfferStatus.DRAFT


def test_an_editor_cannot_touch_another_organisations_offer(
    client, municipality, editor
):
    foreign = offer_create(
        actor=None,
        municipality=municipality,
        content=content_for(OrganisationFactory(municipality=municipality)),
    )
    client.force_login(editor)
    listing = html(client.get(url("offer_list", municipality)))
    assert foreign.title not in listing
    for name in ("offer_detail", "offer_update", "offer_archive", "offer_delete"):
        response = client.get(url(name, municipality, offer_id=foreign.pk))
        assert response.status_code == 403, name
    for name in ("offer_update", "offer_submit", "offer_archive", "offer_delete"):
        response = client.post(
            url(name, municipality, offer_id=foreign.pk), {"title": "Übernommen"}
        )
        assert response.status_code == 403, name
    foreign.refresh_from_db()
    assert (foreign.title, foreign.status) == ("Hebammensprechstunde", "draft")


def test_the_list_shows_a_coordinator_every_offer_and_filters(
    client, municipality, organisation, editor, coordinator
):
    other = OrganisationFactory(municipality=municipality, name="Sportverein")
    offer_create(
        actor=editor,
        municipality=municipality,
        content=content_for(organisation, title="Entwurf Eltern-Café"),
    )
    offer_create(
        actor=None,
        municipality=municipality,
        content=content_for(other, title="Kinderturnen"),
    )
    client.force_login(coordinator)
    listing = url("offer_list", municipality)
    page = html(client.get(listing))
    assert "Entwurf Eltern-Café" in page and "Kinderturnen" in page
    by_org = html(client.get(listing, {"organisation": other.pk}))
    assert "Kinderturnen" in by_org and "Eltern-Café" not in by_org
    by_text = html(client.get(listing, {"q": "café"}))
    assert "Eltern-Café" in by_text and "Kinderturnen" not in by_text
    assert "Kinderturnen" not in html(client.get(listing, {"status": "published"}))

    client.force_login(editor)
    page = html(client.get(listing))
    assert "Entwurf Eltern-Café" in page and "Kinderturnen" not in page


@pytest.mark.parametrize("role", [Role.PLANNER, Role.NETWORK_LEAD])
def test_other_roles_have_no_offer_pages(client, municipality, role):
    client.force_login(user_with_role(municipality, role))
    assert client.get(url("offer_list", municipality)).status_code == 403
    assert client.get(url("offer_create", municipality)).status_code == 403


def test_an_editor_without_an_organisation_is_told_so(client, municipality):
    client.force_login(user_with_role(municipality, Role.PROVIDER_EDITOR))
    response = client.get(url("offer_create", municipality))
    assert response.status_code == 200
    assert '<form method="post" class="form"' not in html(response)


def test_a_draft_is_deleted_and_a_published_offer_only_archived(
    client, municipality, organisation, editor, published
):
    draft = offer_create(
        actor=editor, municipality=municipality, content=content_for(organisation)
    )
    client.force_login(editor)
    response = client.post(url("offer_delete", municipality, offer_id=draft.pk))
    assert response["Location"] == url("offer_list", municipality)
    assert not Offer.objects.filter(pk=draft.pk).exists()
    assert AuditEntry.objects.filter(action="delete").count() == 1

    client.post(url("offer_delete", municipality, offer_id=published.pk))
    assert Offer.objects.filter(pk=published.pk).exists()
    client.post(url("offer_archive", municipality, offer_id=published.pk))
    assert Offer.objects.get(pk=published.pk).status == OfferStatus.ARCHIVED


def test_an_archived_published_offer_is_deleted_by_the_coordinator_only(
    client, municipality, editor, coordinator, published
):
    client.force_login(editor)
    client.post(url("offer_archive", municipality, offer_id=published.pk))
    delete = url("offer_delete", municipality, offer_id=published.pk)
    page = html(client.get(delete))
    assert "nur die Koordination" in page and "button--danger" not in page
    assert "loeschen/" not in html(
        client.get(url("offer_detail", municipality, offer_id=published.pk))
    )
    client.post(delete)
    assert Offer.objects.filter(pk=published.pk).exists()

    client.force_login(coordinator)
    assert "button--danger" in html(client.get(delete))
    response = client.post(delete)
    assert response["Location"] == url("offer_list", municipality)
    assert not Offer.objects.filter(pk=published.pk).exists()
    assert AuditEntry.objects.filter(action="delete").count() == 1


def test_confirming_an_offer_is_up_to_date(client, municipality, editor, published):
    Offer.objects.filter(pk=published.pk).update(last_verified=None)
    client.force_login(editor)
    client.post(url("offer_verify", municipality, offer_id=published.pk))
    assert Offer.objects.get().last_verified is not None


def test_anonymous_visitors_are_sent_to_the_login(client, municipality):
    response = client.get(url("offer_list", municipality))
    assert response.status_code == 302 and "/anmelden/" in response["Location"]


def test_someone_without_a_role_is_refused(client, municipality):
    client.force_login(UserFactory())
    assert client.get(url("offer_list", municipality)).status_code == 403
