"""Named permission rules of the offer directory.

Objects: an offer, an organisation (whose offers someone may create) or the
municipality. Role × object tests: tests/offers/test_rules.py.
"""

from __future__ import annotations

from typing import Any

import rules

from kette.core import roles
from kette.core.models import Organisation, Role
from kette.core.rules import is_coordinator, is_planner, is_state_admin

from .models import Offer, OfferStatus


@rules.predicate
def is_published(user: Any, offer: Any) -> bool:
    return isinstance(offer, Offer) and offer.status == OfferStatus.PUBLISHED


@rules.predicate
def edits_offer_organisation(user: Any, obj: Any) -> bool:
    """A provider editor bound to the organisation (of the offer)."""
    organisation = obj.organisation if isinstance(obj, Offer) else obj
    return isinstance(organisation, Organisation) and roles.edits_organisation(
        user, organisation
    )


@rules.predicate
def was_published(user: Any, offer: Any) -> bool:
    """Published now or once (an archived offer keeps its first publication)."""
    return isinstance(offer, Offer) and (
        offer.published_at is not None or offer.status == OfferStatus.PUBLISHED
    )


@rules.predicate
def is_archived(user: Any, offer: Any) -> bool:
    return isinstance(offer, Offer) and offer.status == OfferStatus.ARCHIVED


staff = is_state_admin | is_coordinator

rules.add_perm("offers.view_offer", is_published | staff | edits_offer_organisation)
rules.add_perm(
    "offers.add_offer", staff | edits_offer_organisation
)  # obj: organisation
rules.add_perm("offers.change_offer", staff | edits_offer_organisation)
rules.add_perm("offers.submit_offer", staff | edits_offer_organisation)
rules.add_perm("offers.edit_offer_directly", staff)
rules.add_perm("offers.review_offer", staff)
rules.add_perm("offers.archive_offer", staff | edits_offer_organisation)
# An offer never published goes to whoever keeps it; one that was published is
# archived first, and then only coordinators delete it (the audit trail keeps
# its content). Why not, in words: services/workflow.py delete_refusal.
rules.add_perm(
    "offers.delete_offer",
    (~was_published & (staff | edits_offer_organisation))
    | (was_published & is_archived & staff),
)
rules.add_perm("offers.view_review_queue", staff)
rules.add_perm("offers.manage_synonyms", staff)
rules.add_perm("offers.exchange_hsds", staff)
rules.add_perm("offers.view_inventory", staff | is_planner)
rules.add_perm(
    "offers.view_own_offers",
    staff
    | rules.predicate(lambda user, m: roles.has_role(user, m, Role.PROVIDER_EDITOR)),
)
