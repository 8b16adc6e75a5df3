"""Organisations (Träger) that run offers and sit in networks."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .municipality import TenantModel
from .vocabulary import Sector


class LegalForm(models.TextChoices):
    PUBLIC_BODY = "public_body", _("public authority or body (Behörde, Körperschaft)")
    ASSOCIATION = "ev", _("registered association (e.V.)")
    NONPROFIT_COMPANY = "ggmbh", _("non-profit company (gGmbH)")
    COMPANY = "gmbh", _("company (GmbH, UG, AG)")
    FOUNDATION = "foundation", _("foundation (Stiftung)")
    CHURCH = "church", _("church body (kirchliche Körperschaft)")
    COOPERATIVE = "eg", _("cooperative (eG)")
    PARTNERSHIP = (
        "partnership",
        _("partnership or sole trader (GbR, Einzelunternehmen)"),
    )
    INITIATIVE = "initiative", _("informal initiative")
    OTHER = "other", _("other")


# What people may edit on an organisation, in the order forms show it; the web
# form and the API share it.
ORGANISATION_EDITABLE_FIELDS = (
    "name",
    "legal_form",
    "sector",
    "description",
    "street",
    "postal_code",
    "city",
    "email",
    "phone",
    "website",
    "statewide_key",
)


class Organisation(TenantModel):
    name = models.CharField(_("name"), max_length=250)
    legal_form = models.CharField(
        _("legal form"),
        max_length=20,
        choices=LegalForm.choices,
        default=LegalForm.OTHER,
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    statewide_key = models.SlugField(
        _("state-wide key"),
        max_length=100,
        blank=True,
        help_text=_(
            "The same key in several municipalities marks one state-wide "
            "organisation, e.g. a health insurer."
        ),
    )
    hsds_id = models.UUIDField(
        _("Open Referral (HSDS) id"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the organisation came from an HSDS import."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="organisation_name_unique_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def address(self) -> str:
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street, place) if part)
