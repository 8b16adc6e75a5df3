"""Creating, editing and reviewing offers.

Provider editors save drafts and submit them; coordinators approve or return
them with a comment. While a published offer has pending edits, the
published version stays what the public sees until the edits are approved.
Every step is audited; every change reaches the search index in the same
transaction, so an offer is findable the moment its approval commits.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.models import Municipality
from kette.core.models.audit import AuditAction

from ..models import Offer, OfferRevision, OfferStatus, RevisionState
from . import indexing
from .content import Content, apply_content, offer_content, prepare_content


def _record(actor: Any, offer: Offer, action: str, changes: dict) -> None:
    audit.record(actor=actor, action=action, instance=offer, changes=changes)


def _state_change(actor: Any, offer: Offer, old: str, new: str, **more: Any) -> None:
    changes = {"status": [old, new]} | {k: [None, v] for k, v in more.items()}
    _record(actor, offer, AuditAction.UPDATE, changes)


def pending_revision(offer: Offer) -> OfferRevision | None:
    return offer.revisions.exclude(state=RevisionState.APPROVED).first()


@transaction.atomic
def offer_create(*, actor: Any, municipality: Municipality, content: Content) -> Offer:
    """A new draft offer."""
    prepared = prepare_content(municipality=municipality, content=content)
    offer = apply_content(prepared)
    _record(actor, offer, AuditAction.CREATE, audit.diff({}, offer_content(offer)))
    indexing.offer_changed(offer)
    return offer


@transaction.atomic
def offer_edit(
    *, actor: Any, offer: Offer, content: Content, direct: bool = False
) -> Offer | OfferRevision:
    """Save edits: onto the offer itself unless it is published.

    Edits to a published offer become a pending revision; ``direct`` (for
    coordinators) applies them at once instead.
    """
    prepared = prepare_content(
        municipality=offer.municipality, content=content, offer=offer
    )
    if offer.status == OfferStatus.PUBLISHED and not direct:
        revision = pending_revision(offer) or OfferRevision(offer=offer, author=actor)
        if revision.state == RevisionState.IN_REVIEW:
            raise ValidationError(
                _(
                    "These changes are being reviewed; wait for the review to edit again."
                )
            )
        candidate = prepared.candidate
        revision.data = content | {"organisation": candidate.organisation_id}
        if "max_age_months" in content:  # as validation stored it (equal bounds)
            revision.data["max_age_months"] = candidate.max_age_months
        revision.state = RevisionState.DRAFT
        revision.author = actor if getattr(actor, "is_authenticated", False) else None
        revision.save()
        _record(actor, offer, AuditAction.UPDATE, {"pending_changes": [None, "draft"]})
        return revision
    before = offer_content(offer)
    apply_content(prepared)
    _record(actor, offer, AuditAction.UPDATE, audit.diff(before, offer_content(offer)))
    indexing.offer_changed(offer)
    return offer


@transaction.atomic
def offer_submit(*, actor: Any, offer: Offer) -> None:
    """Ask for review: a draft offer, or the pending edits of a published one."""
    revision = pending_revision(offer)
    if offer.status == OfferStatus.PUBLISHED and revision is not None:
        if revision.state == RevisionState.IN_REVIEW:
            return
        revision.state = RevisionState.IN_REVIEW
        revision.submitted_at = timezone.now()
        revision.save()
        _record(
            actor,
            offer,
            AuditAction.UPDATE,
            {"pending_changes": ["draft", "in_review"]},
        )
        return
    if offer.status != OfferStatus.DRAFT:
        raise ValidationError(_("Only drafts and pending changes can be submitted."))
    offer.status = OfferStatus.IN_REVIEW
    offer.save(update_fields=["status", "updated_at"])
    _state_change(actor, offer, OfferStatus.DRAFT, OfferStatus.IN_REVIEW)


@transaction.atomic
def offer_approve(*, actor: Any, offer: Offer) -> None:
    """Publish a submitted offer, or apply submitted edits to a published one."""
    revision = pending_revision(offer)
    now = timezone.now()
    if offer.status == OfferStatus.PUBLISHED and revision is not None:
        if revision.state != RevisionState.IN_REVIEW:
            raise ValidationError(
                _("These changes have not been submitted for review.")
            )
        before = offer_content(offer)
        prepared = prepare_content(
            municipality=offer.municipality, content=revision.data, offer=offer
        )
        apply_content(prepared)
        offer.last_verified = now.date()
        offer.review_comment = ""
        offer.save(update_fields=["last_verified", "review_comment", "updated_at"])
        revision.state = RevisionState.APPROVED
        revision.reviewer = actor if getattr(actor, "is_authenticated", False) else None
        revision.reviewed_at = now
        revision.save()
        changes = audit.diff(before, offer_content(offer))
        _record(
            actor,
            offer,
            AuditAction.UPDATE,
            changes | {"pending_changes": ["in_review", "approved"]},
        )
        indexing.offer_changed(offer)
        return
    if offer.status != OfferStatus.IN_REVIEW:
        raise ValidationError(_("Only offers in review can be approved."))
    offer.status = OfferStatus.PUBLISHED
    offer.published_at = offer.published_at or now
    offer.last_verified = now.date()
    offer.review_comment = ""
    offer.save()
    _state_change(actor, offer, OfferStatus.IN_REVIEW, OfferStatus.PUBLISHED)
    indexing.offer_changed(offer)


@transaction.atomic
def offer_return(*, actor: Any, offer: Offer, comment: str) -> None:
    """Send a submission back to its editors with a comment."""
    if not comment.strip():
        raise ValidationError({"comment": _("Say what should change.")})
    revision = pending_revision(offer)
    if offer.status == OfferStatus.PUBLISHED and revision is not None:
        if revision.state != RevisionState.IN_REVIEW:
            raise ValidationError(
                _("These changes have not been submitted for review.")
            )
        revision.state = RevisionState.RETURNED
        revision.comment = comment
        revision.reviewer = actor if getattr(actor, "is_authenticated", False) else None
        revision.reviewed_at = timezone.now()
        revision.save()
        _record(
            actor,
            offer,
            AuditAction.UPDATE,
            {
                "pending_changes": ["in_review", "returned"],
                "review_comment": [None, comment],
            },
        )
        return
    if offer.status != OfferStatus.IN_REVIEW:
        raise ValidationError(_("Only offers in review can be returned."))
    offer.status = OfferStatus.DRAFT
    offer.review_comment = comment
    offer.save(update_fields=["status", "review_comment", "updated_at"])
    _state_change(
        actor, offer, OfferStatus.IN_REVIEW, OfferStatus.DRAFT, review_comment=comment
    )


@transaction.atomic
def offer_archive(*, actor: Any, offer: Offer) -> None:
    old = offer.status
    if old == OfferStatus.ARCHIVED:
        return
    offer.status = OfferStatus.ARCHIVED
    offer.save(update_fields=["status", "updated_at"])
    _state_change(actor, offer, old, OfferStatus.ARCHIVED)
    indexing.offer_changed(offer)


@transaction.atomic
def offer_verify(*, actor: Any, offer: Offer) -> None:
    """Confirm that a published offer is still correct today."""
    old = offer.last_verified
    offer.last_verified = timezone.localdate()
    offer.save(update_fields=["last_verified", "updated_at"])
    _record(
        actor,
        offer,
        AuditAction.UPDATE,
        {
            "last_verified": [
                old.isoformat() if old else None,
                offer.last_verified.isoformat(),
            ]
        },
    )
    indexing.offer_changed(offer)


@transaction.atomic
def offer_delete(*, actor: Any, offer: Offer) -> None:
    """Delete an offer that was never published (published ones are archived)."""
    if offer.published_at is not None:
        raise ValidationError(_("A published offer is archived, not deleted."))
    before = offer_content(offer)
    _record(actor, offer, AuditAction.DELETE, audit.diff(before, {}))
    indexing.offer_removed(offer)
    offer.delete()
