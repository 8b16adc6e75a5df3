"""Everyday words parents type, mapped to the terms offers use."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import TenantModel


class SearchSynonym(TenantModel):
    """``term`` also finds offers about ``alternatives`` (comma separated).

    E.g. term "Kindergarten" → "Kita, Kindertagesstätte". Each municipality
    keeps its own list on top of the built-in German list
    (``kette.offers.search.synonyms``): an entry with the same word replaces
    the built-in one, an entry switched off removes it.
    """

    term = models.CharField(_("word people search for"), max_length=100)
    alternatives = models.CharField(
        _("also search for"),
        max_length=500,
        help_text=_(
            "Comma-separated words or phrases, e.g. 'Kita, Kindertagesstätte'."
        ),
    )
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_(
            "Switch off to ignore this word, also when it is on the built-in list."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "term"],
                name="synonym_term_unique_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} → {self.alternatives}"

    @property
    def alternative_list(self) -> list[str]:
        return [part.strip() for part in self.alternatives.split(",") if part.strip()]
