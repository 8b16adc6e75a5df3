"""Reads for the staff pages of offers: own offers, the review queue, synonyms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from kette.core import roles
from kette.core.models import Municipality, Organisation, Role
from kette.core.selectors import organisation_list

from ..models import Offer, OfferRevision, OfferStatus, RevisionState, SearchSynonym
from .public import offer_get, offer_list


def sees_all_offers(*, municipality: Municipality, user: Any) -> bool:
    """Coordinators and state admins keep every offer of the municipality."""
    return user.has_perm("offers.edit_offer_directly", municipality)


def offer_organisations_for_user(
    *, municipality: Municipality, user: Any
) -> QuerySet[Organisation]:
    """Organisations whose offers the user may create and edit."""
    organisations = organisation_list(municipality=municipality)
    if sees_all_offers(municipality=municipality, user=user):
        return organisations
    if not roles.has_role(user, municipality, Role.PROVIDER_EDITOR):
        return organisations.none()
    return organisations.filter(
        editor_memberships__user=user,
        editor_memberships__municipality=municipality,
        editor_memberships__role=Role.PROVIDER_EDITOR,
    ).distinct()


def staff_offer_list(*, municipality: Municipality, user: Any) -> QuerySet[Offer]:
    """Offers the user keeps, every status, with the state of pending changes.

    ``pending_state`` is the state of the open revision of a published offer
    (draft, in review, returned) or ``None``.
    """
    offers = offer_list(municipality=municipality, public=False)
    if not sees_all_offers(municipality=municipality, user=user):
        offers = offers.filter(
            organisation__in=offer_organisations_for_user(
                municipality=municipality, user=user
            )
        )
    open_revision = OfferRevision.objects.filter(offer=OuterRef("pk")).exclude(
        state=RevisionState.APPROVED
    )
    return (
        offers.select_related("organisation")
        .annotate(pending_state=Subquery(open_revision.values("state")[:1]))
        .order_by("title", "pk")
    )


def staff_offer_get(*, municipality: Municipality, pk: Any) -> Offer:
    """Any offer of the municipality, whatever its status."""
    return offer_get(municipality=municipality, pk=pk, public=False)


def open_revision(offer: Offer) -> OfferRevision | None:
    """The pending changes of a published offer, if any."""
    return (
        offer.revisions.exclude(state=RevisionState.APPROVED)
        .select_related("author", "reviewer")
        .first()
    )


@dataclass
class ReviewItem:
    """A submission waiting for the coordinator: a new offer or changes."""

    offer: Offer
    revision: OfferRevision | None
    submitted_at: Any
    submitted_by: str

    @property
    def is_change(self) -> bool:
        return self.revision is not None


def review_queue(*, municipality: Municipality) -> list[ReviewItem]:
    """Submitted new offers and submitted changes to published offers, oldest first."""
    items = [
        ReviewItem(offer, None, offer.updated_at, "")
        for offer in offer_list(municipality=municipality, public=False)
        .filter(status=OfferStatus.IN_REVIEW)
        .select_related("organisation")
    ]
    revisions = (
        OfferRevision.objects.filter(
            offer__municipality=municipality,
            offer__status=OfferStatus.PUBLISHED,
            state=RevisionState.IN_REVIEW,
        )
        .select_related("offer", "offer__organisation", "author")
        .order_by("submitted_at")
    )
    for revision in revisions:
        author = revision.author.display_name if revision.author else ""
        items.append(
            ReviewItem(
                revision.offer,
                revision,
                revision.submitted_at or revision.updated_at,
                author,
            )
        )
    items.sort(key=lambda item: (item.submitted_at, item.offer.title))
    return items


def review_queue_count(*, municipality: Municipality) -> int:
    in_review = offer_list(municipality=municipality, public=False).filter(
        status=OfferStatus.IN_REVIEW
    )
    changes = OfferRevision.objects.filter(
        offer__municipality=municipality,
        offer__status=OfferStatus.PUBLISHED,
        state=RevisionState.IN_REVIEW,
    )
    return in_review.count() + changes.count()


def synonym_list(*, municipality: Municipality) -> QuerySet:
    return SearchSynonym.objects.for_municipality(municipality).order_by("term", "pk")


def synonym_get(*, municipality: Municipality, pk: int) -> SearchSynonym:
    return SearchSynonym.objects.for_municipality(municipality).get(pk=pk)


def staff_offer_for_update(*, municipality: Municipality, pk: Any) -> Offer:
    """An offer to hand to the write services: no prefetched parts that could
    go stale while a service rewrites them."""
    return (
        offer_list(municipality=municipality, public=False)
        .select_related("organisation")
        .get(pk=pk)
    )
