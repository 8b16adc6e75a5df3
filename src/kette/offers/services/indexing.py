"""Keeping the search index in step with offers, inside the writing transaction."""

from __future__ import annotations

from ..models import Offer


def offer_changed(offer: Offer) -> None:
    """Re-index one offer (the search package decides what is searchable)."""
    from ..search.index import index_offers

    index_offers([offer.pk])


def offer_removed(offer: Offer) -> None:
    from ..search.index import remove_offers

    remove_offers([offer.pk])
