"""Creating, editing, reviewing and deleting offers.

Provider editors save drafts and submit them; coordinators approve or return
them with a comment. While a published offer has pending edits, the
published version stays what the public sees until the edits are approved.
Every step is audited; every change reaches the search index in the same
transaction, so an offer is findable the moment its approval commits.

What a person does in the web form or the API is one call here, with one
rule each: ``offer_save`` (save, and submit or publish at once) and
``offer_delete``; the review steps are ``offer_submit``, ``offer_approve``,
``offer_return``, ``offer_archive`` and ``offer_verify``. Views and API
handlers parse the input, check the named rule of offers/rules.py, call one of
these and render (docs/offers-staff.md, "Who may do what").
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kette.core import audit
from kette.core.models import Municipality, Organisation
from kette.core.models.audit import AuditAction

from ..models import Offer, OfferRevision, OfferStatus, RevisionState
from . import indexing
from .content import Content, apply_content, offer_content, prepare_content


def _record(actor: Any, offer: Offer, action: str, changes: dict) -> None:
    audit.record(actor=actor, action=action, instance=offer, changes=changes)


def _state_change(actor: Any, offer: Offer, old: str, new: str, **more: Any) -> None:
    changes = {"status": [old, new]} | {k: [None, v] for k, v in more.items()}
    _record(actor, offer, AuditAction.UPDATE, changes)


def _require(actor: Any, rule: str, obj: Any) -> None:
    """The person's named rule (offers/rules.py); no actor is the system itself.

    Only the demo and commands pass no actor; views and API handlers always
    pass the request's user (anonymous included).
    """
    if actor is not None and not actor.has_perm(rule, obj):
        raise PermissionDenied


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


def submittable(offer: Offer) -> bool:
    """Whether ``offer_submit`` takes the offer: a draft, or pending changes not in review."""
    if offer.status == OfferStatus.PUBLISHED:
        revision = pending_revision(offer)
        return revision is not None and revision.state != RevisionState.IN_REVIEW
    return offer.status == OfferStatus.DRAFT


@transaction.atomic
def offer_submit(*, actor: Any, offer: Offer) -> None:
    """Ask for review: a draft offer, or the pending edits of a published one."""
    _require(actor, "offers.submit_offer", offer)
    revision = pending_revision(offer)
    if offer.status == OfferStatus.PUBLISHED and revision is not None:
        if revision.state == RevisionState.IN_REVIEW:
            raise ValidationError(_("These changes are already being reviewed."))
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
    _require(actor, "offers.review_offer", offer)
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
    _require(actor, "offers.review_offer", offer)
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
    """Take an offer out of the directory; it is kept (and can be deleted later)."""
    _require(actor, "offers.archive_offer", offer)
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
    _require(actor, "offers.change_offer", offer)
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


def delete_refusal(*, actor: Any, offer: Offer) -> str:
    """Why ``actor`` may not delete ``offer`` as it is now; "" when they may.

    The rule is ``offers.delete_offer`` (offers/rules.py): an offer that was
    never published can be deleted by whoever keeps it; a published one is
    archived first, and an archived offer that was once published only by a
    coordinator or the state admin. Meant for people who may change the offer
    (others do not get as far).
    """
    if actor.has_perm("offers.delete_offer", offer):
        return ""
    if offer.status != OfferStatus.ARCHIVED:
        return _(
            "A published offer is archived first; then a coordinator can "
            "delete it for good."
        )
    return _("Only a coordinator can delete an offer that has been published.")


@transaction.atomic
def offer_delete(*, actor: Any, offer: Offer) -> None:
    """Delete an offer for good, by the rule of ``delete_refusal``; audited."""
    _require(actor, "offers.change_offer", offer)
    refusal = delete_refusal(actor=actor, offer=offer)
    if refusal:
        raise ValidationError(refusal)
    before = offer_content(offer)
    _record(actor, offer, AuditAction.DELETE, audit.diff(before, {}))
    indexing.offer_removed(offer)
    offer.delete()


def pending_changes_overtaken(
    *,
    actor: Any,
    municipality: Municipality,
    offer_ids: Iterable[Any],
    actor_name: str = "",
) -> int:
    """Return the pending changes of offers whose content was just replaced.

    A bulk writer that overwrites published content (the HSDS import) calls
    this, so that pending changes made against the old content are not
    approved over the new one later: they go back to their editors with a
    comment (as ``offer_return`` does), and stay to be redone. Returns how
    many were returned.
    """
    ids = {str(pk) for pk in offer_ids}
    open_revisions = [
        r
        for r in OfferRevision.objects.filter(offer__municipality=municipality)
        .exclude(state__in=(RevisionState.APPROVED, RevisionState.RETURNED))
        .select_related("offer")
        if str(r.offer_id) in ids
    ]
    comment = _(
        "The offer was replaced by an import; these changes were not applied. "
        "Compare them with the new version and submit them again if needed."
    )
    now = timezone.now()
    for revision in open_revisions:
        old = revision.state
        revision.state = RevisionState.RETURNED
        revision.comment = comment
        revision.reviewed_at = now
        revision.save(update_fields=["state", "comment", "reviewed_at", "updated_at"])
        audit.record(
            actor=actor,
            actor_name=actor_name,
            action=AuditAction.UPDATE,
            instance=revision.offer,
            changes={
                "pending_changes": [old, RevisionState.RETURNED],
                "review_comment": [None, comment],
            },
        )
    return len(open_revisions)


def editable_content(offer: Offer) -> Content:
    """What an editor edits: the pending changes of a published offer, if any."""
    revision = (
        pending_revision(offer) if offer.status == OfferStatus.PUBLISHED else None
    )
    return revision.data if revision is not None else offer_content(offer)


class SaveOutcome(enum.StrEnum):
    SAVED = "saved"  # a draft (or an offer in review, or archived) changed
    PENDING = "pending"  # changes to a published offer, kept for review
    SUBMITTED = "submitted"  # the offer or its changes are in review
    PUBLISHED = "published"  # the content is public as it is now


@dataclass(frozen=True)
class Saved:
    offer: Offer
    outcome: SaveOutcome
    was_published: bool  # the offer was public before this save


def _organisation_check(
    actor: Any, municipality: Municipality, content: Content, offer: Offer | None
) -> None:
    """A new offer, or an offer moved to another organisation: ``offers.add_offer``."""
    organisation_id = content.get(
        "organisation", offer.organisation_id if offer else None
    )
    if offer is not None and organisation_id == offer.organisation_id:
        return
    organisation = (
        Organisation.objects.for_municipality(municipality)
        .filter(pk=organisation_id)
        .first()
        if organisation_id not in (None, "")
        else None
    )
    if organisation is None:
        raise ValidationError(
            {"organisation": _("Choose an organisation of this municipality.")}
        )
    _require(actor, "offers.add_offer", organisation)


@transaction.atomic
def offer_save(
    *,
    actor: Any,
    municipality: Municipality,
    content: Content,
    offer: Offer | None = None,
    submit: bool = False,
    publish: bool = False,
) -> Saved:
    """Save an offer's content as a person does, and submit or publish it at once.

    One transaction. Rules (PermissionDenied when broken): a new offer, or
    moving one to another organisation, needs ``offers.add_offer`` on that
    organisation; changing an offer ``offers.change_offer``; ``submit``
    ``offers.submit_offer``; ``publish`` (skip the review) is for coordinators
    (``offers.edit_offer_directly``). Changes to a published offer are kept as
    pending changes unless published at once. Publishing takes the normal path
    where it can (save, submit, approve), so pending changes (in review or not)
    end up approved with the published content, never left behind.
    """
    if offer is not None:
        _require(actor, "offers.change_offer", offer)
    _organisation_check(actor, municipality, content, offer)
    if publish:
        _require(actor, "offers.edit_offer_directly", offer or municipality)
    if publish and offer is not None and offer.status == OfferStatus.ARCHIVED:
        raise ValidationError(_("An archived offer cannot be published."))
    was_published = offer is not None and offer.status == OfferStatus.PUBLISHED
    direct = False
    if offer is None:
        offer = offer_create(actor=actor, municipality=municipality, content=content)
    else:
        pending = pending_revision(offer) if was_published else None
        if publish and pending is not None and pending.state == RevisionState.IN_REVIEW:
            # The coordinator's content replaces the changes in review (the form
            # showed them): they take the normal path below, not left pending.
            pending.state = RevisionState.DRAFT
            pending.save(update_fields=["state", "updated_at"])
        direct = publish and was_published and pending is None
        offer_edit(actor=actor, offer=offer, content=content, direct=direct)
    if publish:
        if not direct:
            # A draft, an offer in review, or changes just saved as a revision.
            if offer.status == OfferStatus.DRAFT or was_published:
                offer_submit(actor=actor, offer=offer)
            offer_approve(actor=actor, offer=offer)
        return Saved(offer, SaveOutcome.PUBLISHED, was_published)
    if submit:
        if offer.status != OfferStatus.IN_REVIEW:
            offer_submit(actor=actor, offer=offer)
        return Saved(offer, SaveOutcome.SUBMITTED, was_published)
    outcome = SaveOutcome.PENDING if was_published else SaveOutcome.SAVED
    return Saved(offer, outcome, was_published)
