"""The search index of offers: one entry per offer, kept by ``kette.offers.search``.

Entries hold the analysed text (see ``search/text.py``) that the database's
full-text engine indexes (SQLite: the FTS5 table ``kette_offers_search_fts``
fed by triggers; PostgreSQL: the generated ``document`` tsvector with a GIN
index), plus the compact facts filters and facets need. Nothing here is
edited by people; ``search.index`` rewrites entries in the writing transaction.
"""

from __future__ import annotations

from django.db import models

from kette.core.models import TenantModel

from .offer import Offer


class OfferSearchEntry(TenantModel):
    offer = models.OneToOneField(
        Offer, on_delete=models.CASCADE, related_name="search_entry"
    )
    status = models.CharField(max_length=10)
    min_age_months = models.SmallIntegerField(null=True)
    max_age_months = models.SmallIntegerField(null=True)
    last_verified = models.DateField(null=True)
    sort_title = models.CharField(max_length=200)
    #: Space-separated facet keys: "field:health language:tr district:0101 ...".
    facet_keys = models.TextField(blank=True)
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    source_updated_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return self.sort_title


class OfferSearchTerm(TenantModel):
    """A stem that occurs in a municipality's offers: the vocabulary for typos."""

    term = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "term"], name="search_term_unique"
            )
        ]

    def __str__(self) -> str:
        return self.term


class SearchIndexState(TenantModel):
    """Per municipality: a token that changes with every index write (so
    in-memory caches know when to reload) and how far offers were checked."""

    token = models.CharField(max_length=32)
    #: The tokens before this one, oldest first (at most TOKEN_HISTORY): a
    #: table loaded at one of them may be brought up to date by the entry ids
    #: alone; any other token (say, of a write that was rolled back) means
    #: a full reload.
    history = models.JSONField(default=list, blank=True)
    synced_until = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"], name="search_state_one_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.token
