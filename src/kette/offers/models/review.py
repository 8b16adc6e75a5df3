"""Pending changes to a published offer, waiting for the coordinator's review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .offer import Offer


class RevisionState(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    RETURNED = "returned", _("returned with a comment")
    APPROVED = "approved", _("approved")


class OfferRevision(models.Model):
    """Proposed content of an offer: its editable fields and parts as JSON.

    For an offer that was never published the offer itself is edited; a
    revision exists only while a published version must stay visible.
    """

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="revisions")
    data = models.JSONField(_("proposed content"))
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=RevisionState.choices,
        default=RevisionState.DRAFT,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    comment = models.TextField(_("review comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("offer revision")
        verbose_name_plural = _("offer revisions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer"],
                condition=~models.Q(state="approved"),
                name="one_open_revision_per_offer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.offer} ({self.get_state_display()})"

    @property
    def municipality(self):
        return self.offer.municipality
