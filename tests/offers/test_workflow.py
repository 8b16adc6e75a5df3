"""Drafts, review and publication of offers through the services."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kette.core.models import AuditEntry, Role
from kette.offers.models import Offer, OfferRevision, OfferStatus, RevisionState
from kette.offers.services.workflow import (
    SaveOutcome,
    offer_approve,
    offer_archive,
    offer_create,
    offer_delete,
    offer_edit,
    offer_return,
    offer_save,
    offer_submit,
)
from tests.core.factories import (
    DistrictFactory,
    OrganisationFactory,
    square,
    user_with_role,
)
from tests.offers.factories import offer_content


@pytest.fixture
def editor(municipality, organisation):
    return user_with_role(
        municipality,
        Role.PROVIDER_EDITOR,
        organisations=[organisation],
        username="traeger",
    )


@pytest.fixture
def draft(municipality, organisation, editor):
    DistrictFactory(municipality=municipality, code="01", geometry=square(6.80, 51.40))
    return offer_create(
        actor=editor, municipality=municipality, content=offer_content(organisation)
    )


def test_a_new_offer_is_a_draft_with_its_parts_and_district(draft):
    assert draft.status == OfferStatus.DRAFT
    assert [c.code for c in draft.languages.all()] == ["de", "tr"]
    location = draft.locations.get()
    assert location.district.code == "01"
    assert draft.schedules.get().location == location
    assert draft.contacts.get().role == "Familienhebamme"
    entry = AuditEntry.objects.get(action="create")
    assert entry.changes["title"] == [None, "Hebammensprechstunde"]


def test_submit_approve_publishes(draft, editor, coordinator):
    offer_submit(actor=editor, offer=draft)
    assert Offer.objects.get().status == OfferStatus.IN_REVIEW
    offer_approve(actor=coordinator, offer=draft)
    published = Offer.objects.get()
    assert published.status == OfferStatus.PUBLISHED
    assert published.published_at is not None
    assert published.last_verified is not None


def test_returning_keeps_the_comment_for_the_editors(draft, editor, coordinator):
    offer_submit(actor=editor, offer=draft)
    offer_return(actor=coordinator, offer=draft, comment="Bitte Zeiten ergänzen")
    draft.refresh_from_db()
    assert draft.status == OfferStatus.DRAFT
    assert draft.review_comment == "Bitte Zeiten ergänzen"
    with pytest.raises(ValidationError):
        offer_return(actor=coordinator, offer=draft, comment="nochmal")


def test_edits_to_a_published_offer_wait_for_approval(
    draft, editor, coordinator, organisation
):
    offer_submit(actor=editor, offer=draft)
    offer_approve(actor=coordinator, offer=draft)
    result = offer_edit(
        actor=editor,
        offer=draft,
        content=offer_content(organisation, title="Hebammensprechstunde (neu)"),
    )
    assert isinstance(result, OfferRevision)
    assert (
        Offer.objects.get().title == "Hebammensprechstunde"
    )  # still the published one
    offer_submit(actor=editor, offer=draft)
    assert OfferRevision.objects.get().state == RevisionState.IN_REVIEW
    with pytest.raises(ValidationError):
        offer_edit(actor=editor, offer=draft, content=offer_content(organisation))
    offer_approve(actor=coordinator, offer=draft)
    live = Offer.objects.get()
    assert live.title == "Hebammensprechstunde (neu)"
    assert live.status == OfferStatus.PUBLISHED
    assert OfferRevision.objects.get().state == RevisionState.APPROVED
    approval = AuditEntry.objects.filter(action="update").order_by("-id").first()
    assert approval.changes["title"] == [
        "Hebammensprechstunde",
        "Hebammensprechstunde (neu)",
    ]


def test_a_coordinator_can_edit_a_published_offer_directly(
    draft, editor, coordinator, organisation
):
    offer_submit(actor=editor, offer=draft)
    offer_approve(actor=coordinator, offer=draft)
    offer_edit(
        actor=coordinator,
        offer=draft,
        content=offer_content(organisation, title="Direkt geändert"),
        direct=True,
    )
    assert Offer.objects.get().title == "Direkt geändert"
    assert not OfferRevision.objects.exists()


def test_bad_content_names_the_field_and_writes_nothing(
    municipality, organisation, editor
):
    bad = offer_content(organisation)
    bad["locations"][0]["latitude"] = 123
    with pytest.raises(ValidationError) as error:
        offer_create(actor=editor, municipality=municipality, content=bad)
    assert "locations.0.latitude" in error.value.message_dict
    assert not Offer.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"min_age_months": -12}, "min_age_months"),
        ({"min_age_months": 36, "max_age_months": 12}, "max_age_months"),
        ({"languages": ["xx"]}, "languages"),
        ({"cost": "fee", "cost_text": ""}, "cost_text"),
        ({"title": ""}, "title"),
        ({"schedules": [{"kind": "weekly"}]}, "schedules.0.weekday"),
        (
            {"schedules": [{"kind": "dated", "date": "2026-12-01", "location": 5}]},
            "schedules.0.location",
        ),
    ],
)
def test_each_invalid_field_is_named(municipality, organisation, editor, change, field):
    with pytest.raises(ValidationError) as error:
        offer_create(
            actor=editor,
            municipality=municipality,
            content=offer_content(organisation, **change),
        )
    assert field in error.value.message_dict


def test_an_organisation_of_another_municipality_is_refused(
    municipality, other_municipality, editor
):
    foreign = OrganisationFactory(municipality=other_municipality)
    with pytest.raises(ValidationError) as error:
        offer_create(
            actor=editor, municipality=municipality, content=offer_content(foreign)
        )
    assert "organisation" in error.value.message_dict


def test_a_published_offer_cannot_be_deleted(draft, editor, coordinator):
    offer_submit(actor=editor, offer=draft)
    offer_approve(actor=coordinator, offer=draft)
    with pytest.raises(ValidationError):
        offer_delete(actor=editor, offer=draft)


def test_a_draft_can_be_deleted_with_an_audit_entry(draft, editor):
    offer_delete(actor=editor, offer=draft)
    assert not Offer.objects.exists()
    assert AuditEntry.objects.filter(action="delete").count() == 1


def test_saving_a_new_offer_and_submitting_it_is_one_call(
    municipality, organisation, editor
):
    saved = offer_save(
        actor=editor,
        municipality=municipality,
        content=offer_content(organisation),
        submit=True,
    )
    assert saved.outcome == SaveOutcome.SUBMITTED and not saved.was_published
    assert Offer.objects.get().status == OfferStatus.IN_REVIEW
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "create",
        "update",
    ]


@pytest.mark.parametrize("publish", [False, True])
def test_an_editor_cannot_save_for_a_foreign_organisation_nor_publish(
    municipality, organisation, editor, publish
):
    foreign = OrganisationFactory(municipality=municipality)
    with pytest.raises(PermissionDenied):
        offer_save(
            actor=editor,
            municipality=municipality,
            content=offer_content(organisation if publish else foreign),
            publish=publish,
        )
    assert not Offer.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_editor_cannot_save_an_offer_they_do_not_keep(
    municipality, organisation, editor
):
    foreign = OrganisationFactory(municipality=municipality)
    offer = offer_create(
        actor=None, municipality=municipality, content=offer_content(foreign)
    )
    with pytest.raises(PermissionDenied):
        offer_save(
            actor=editor,
            municipality=municipality,
            offer=offer,
            content=offer_content(foreign, title="Übernommen"),
        )
    assert Offer.objects.get().title == "Hebammensprechstunde"


def test_changes_to_a_published_offer_are_kept_pending(
    draft, editor, coordinator, organisation, municipality
):
    offer_submit(actor=editor, offer=draft)
    offer_approve(actor=coordinator, offer=draft)
    saved = offer_save(
        actor=editor,
        municipality=municipality,
        offer=draft,
        content=offer_content(organisation, title="Neu"),
    )
    assert saved.outcome == SaveOutcome.PENDING and saved.was_published
    assert Offer.objects.get().title == "Hebammensprechstunde"
    assert OfferRevision.objects.get().state == RevisionState.DRAFT


def test_publishing_at_once_leaves_no_pending_changes_behind(
    draft, editor, coordinator, organisation, municipality
):
    offer_submit(actor=editor, offer=draft)
    offer_approve(actor=coordinator, offer=draft)
    offer_edit(
        actor=editor, offer=draft, content=offer_content(organisation, title="Alt")
    )
    saved = offer_save(
        actor=coordinator,
        municipality=municipality,
        offer=draft,
        content=offer_content(organisation, title="Sofort"),
        publish=True,
    )
    assert saved.outcome == SaveOutcome.PUBLISHED
    assert Offer.objects.get().title == "Sofort"
    assert OfferRevision.objects.get().state == RevisionState.APPROVED


def test_publishing_at_once_takes_over_changes_in_review(
    draft, editor, coordinator, organisation, municipality
):
    offer_submit(actor=editor, offer=draft)
    offer_approve(actor=coordinator, offer=draft)
    offer_edit(
        actor=editor, offer=draft, content=offer_content(organisation, title="Alt")
    )
    offer_submit(actor=editor, offer=draft)
    offer_save(
        actor=coordinator,
        municipality=municipality,
        offer=draft,
        content=offer_content(organisation, title="Sofort"),
        publish=True,
    )
    assert Offer.objects.get().title == "Sofort"
    revision = OfferRevision.objects.get()
    assert revision.state == RevisionState.APPROVED
    assert revision.reviewer == coordinator
    with pytest.raises(ValidationError):  # nothing left to approve over it
        offer_approve(actor=coordinator, offer=draft)


def test_an_archived_offer_is_not_published_at_once(
    draft, coordinator, organisation, municipality
):
    offer_archive(actor=coordinator, offer=draft)
    with pytest.raises(ValidationError):
        offer_save(
            actor=coordinator,
            municipality=municipality,
            offer=draft,
            content=offer_content(organisation, title="Wieder da"),
            publish=True,
        )
    draft.refresh_from_db()
    assert (draft.status, draft.title) == (OfferStatus.ARCHIVED, "Hebammensprechstunde")


def test_an_archived_published_offer_is_deleted_by_a_coordinator_only(
    draft, editor, coordinator
):
    offer_submit(actor=editor, offer=draft)
    offer_approve(actor=coordinator, offer=draft)
    offer_archive(actor=editor, offer=draft)
    with pytest.raises(ValidationError) as refused:
        offer_delete(actor=editor, offer=draft)
    assert "Koordination" in refused.value.messages[0]
    offer_delete(actor=coordinator, offer=draft)
    assert not Offer.objects.exists()
    entry = AuditEntry.objects.get(action="delete")
    assert entry.changes["title"] == ["Hebammensprechstunde", None]
