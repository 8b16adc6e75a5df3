"""The search index of offers. Being replaced by the full-text engine."""

from __future__ import annotations

from collections.abc import Iterable


def index_offers(offer_ids: Iterable) -> None:
    """Bring the index entries of these offers up to date."""


def remove_offers(offer_ids: Iterable) -> None:
    """Drop these offers from the index."""
