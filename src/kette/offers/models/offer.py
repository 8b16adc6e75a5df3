"""Offers (Angebote): what the Wegweiser shows parents and professionals."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kette.core.models import (
    FieldOfAction,
    Language,
    LifePhase,
    Organisation,
    PreventionStandard,
    TargetGroup,
    TenantModel,
)

from ..ages import one_age


class OfferStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_REVIEW = "in_review", _("in review")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")


class CostKind(models.TextChoices):
    FREE = "free", _("free of charge")
    FEE = "fee", _("with a fee")


class Offer(TenantModel):
    """An offer; its fields are the published version once it is published.

    Edits to a published offer wait in an ``OfferRevision`` until approved.
    The id is a UUID; an offer imported from HSDS keeps the HSDS service id.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="offers",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"), max_length=400, blank=True, help_text=_("One or two sentences.")
    )
    description = models.TextField(_("description"), blank=True)
    min_age_months = models.SmallIntegerField(
        _("from age (months)"),
        null=True,
        blank=True,
        help_text=_("Pregnancy is negative: -9 is the start of pregnancy."),
    )
    max_age_months = models.SmallIntegerField(
        _("up to age (months, exclusive)"),
        null=True,
        blank=True,
        help_text=_("E.g. 36 for 'up to 3 years'."),
    )
    life_phases = models.ManyToManyField(
        LifePhase, verbose_name=_("life phases"), blank=True, related_name="+"
    )
    fields_of_action = models.ManyToManyField(
        FieldOfAction, verbose_name=_("fields of action"), blank=True, related_name="+"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="+"
    )
    prevention_standards = models.ManyToManyField(
        PreventionStandard,
        verbose_name=_("prevention standards followed"),
        blank=True,
        related_name="+",
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages offered"), blank=True, related_name="+"
    )
    cost = models.CharField(
        _("cost"), max_length=10, choices=CostKind.choices, default=CostKind.FREE
    )
    cost_text = models.CharField(
        _("fee details"),
        max_length=300,
        blank=True,
        help_text=_("e.g. 5 € per session"),
    )
    registration_required = models.BooleanField(_("registration needed"), default=False)
    registration_text = models.CharField(
        _("how to register"), max_length=300, blank=True
    )
    capacity = models.PositiveIntegerField(_("number of places"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OfferStatus.choices,
        default=OfferStatus.DRAFT,
        db_index=True,
    )
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    review_comment = models.TextField(
        _("review comment"),
        blank=True,
        help_text=_("Why the coordinator returned the offer, for its editors."),
    )
    # HSDS fields kette has no place for, kept so an export gives them back.
    hsds_extra = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["title"]
        indexes = [
            models.Index(fields=["municipality", "status"]),
            models.Index(fields=["municipality", "min_age_months", "max_age_months"]),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        low, high = self.min_age_months, self.max_age_months
        if low is not None and low < -9:
            raise ValidationError(
                {"min_age_months": _("Ages start at -9 months (pregnancy).")}
            )
        if low is not None and high is not None and high < low:
            raise ValidationError(
                {"max_age_months": _("The upper age must not be below the lower age.")}
            )
        # Equal bounds name one month of age, both ends inclusive.
        self.max_age_months = one_age(low, high, unit=1)
        if self.organisation_id and self.municipality_id:
            if self.organisation.municipality_id != self.municipality_id:
                raise ValidationError(
                    {
                        "organisation": _(
                            "The organisation belongs to another municipality."
                        )
                    }
                )
        if self.cost == CostKind.FEE and not self.cost_text:
            raise ValidationError({"cost_text": _("Say what the offer costs.")})

    @property
    def is_public(self) -> bool:
        return self.status == OfferStatus.PUBLISHED

    def serves_age(self, months: int) -> bool:
        low = -9 if self.min_age_months is None else self.min_age_months
        high = 10_000 if self.max_age_months is None else self.max_age_months
        return low <= months < high
