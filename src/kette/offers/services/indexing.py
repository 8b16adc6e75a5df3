"""Keeping the search index in step with offers, inside the writing transaction."""

from __future__ import annotations

from ..models import Offer
from ..search.index import index_offers, remove_offers


def offer_changed(offer: Offer) -> None:
    """Re-index one offer (the search package decides what is searchable)."""
    index_offers([offer.pk])


def offer_removed(offer: Offer) -> None:
    remove_offers([offer.pk])
