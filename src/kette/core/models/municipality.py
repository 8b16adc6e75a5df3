"""Municipalities are the tenants: every piece of municipal data belongs to one."""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    """German states with the two-digit prefix of their official keys (AGS)."""

    SCHLESWIG_HOLSTEIN = "01", "Schleswig-Holstein"
    HAMBURG = "02", "Hamburg"
    NIEDERSACHSEN = "03", "Niedersachsen"
    BREMEN = "04", "Bremen"
    NORDRHEIN_WESTFALEN = "05", "Nordrhein-Westfalen"
    HESSEN = "06", "Hessen"
    RHEINLAND_PFALZ = "07", "Rheinland-Pfalz"
    BADEN_WUERTTEMBERG = "08", "Baden-Württemberg"
    BAYERN = "09", "Bayern"
    SAARLAND = "10", "Saarland"
    BERLIN = "11", "Berlin"
    BRANDENBURG = "12", "Brandenburg"
    MECKLENBURG_VORPOMMERN = "13", "Mecklenburg-Vorpommern"
    SACHSEN = "14", "Sachsen"
    SACHSEN_ANHALT = "15", "Sachsen-Anhalt"
    THUERINGEN = "16", "Thüringen"


class MunicipalityKind(models.TextChoices):
    INDEPENDENT_CITY = "kreisfreie_stadt", _("independent city (kreisfreie Stadt)")
    DISTRICT = "kreis", _("rural district (Kreis)")
    DISTRICT_TOWN = (
        "kreisangehoerige_gemeinde",
        _("town or municipality within a district (kreisangehörige Stadt/Gemeinde)"),
    )


# First path segments kette's own pages use; a municipality cannot take them.
# tests/core/test_models.py checks this list against the URL configuration.
RESERVED_SLUGS = frozenset(
    {
        "abmelden",
        "abstimmung",
        "admin",
        "anmelden",
        "api",
        "i18n",
        "kalender",
        "kommunen",
        "konto",
        "media",
        "passwort-neu",
        "passwort-vergessen",
        "protokoll",
        "static",
        "statusabfrage",
    }
)

ags_validator = RegexValidator(
    r"^\d{8}$", _("The official municipality key (AGS) has exactly 8 digits.")
)


class Municipality(models.Model):
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    ags = models.CharField(
        _("official municipality key (AGS)"),
        max_length=8,
        # Optional, unique when given: a blank key is stored as NULL, and
        # NULLs never collide in a unique index.
        unique=True,
        null=True,
        blank=True,
        validators=[ags_validator],
        help_text=_("8 digits; the first two name the state, e.g. 05119000."),
    )
    kind = models.CharField(_("type"), max_length=32, choices=MunicipalityKind.choices)
    state = models.CharField(_("state"), max_length=2, choices=State.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            # "No key" is NULL, never "", or two keyless municipalities collide.
            models.CheckConstraint(
                condition=~models.Q(ags=""), name="municipality_ags_not_blank"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def delete(self, *args, **kwargs):
        """Delete the municipality with all its data.

        A district protects its sub-districts (deleting a Stadtbezirk must not
        silently take its Stadtteile along), so the districts go first, from
        the leaves up.
        """
        district_model = apps.get_model("kette_core", "District")
        with transaction.atomic():
            districts = district_model.objects.filter(municipality=self)
            while districts.exists():
                districts.filter(children__isnull=True).delete()
            return super().delete(*args, **kwargs)

    def clean_fields(self, exclude=None) -> None:
        # A blank key means "none": stored as NULL so that many can coexist.
        if not (self.ags or "").strip():
            self.ags = None
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This short name is used by kette itself; choose another.")}
            )
        if self.ags and self.state and not self.ags.startswith(self.state):
            raise ValidationError(
                {
                    "ags": _("The key must start with the state's number %(state)s.")
                    % {"state": self.state}
                }
            )


def municipality_of(obj: object) -> Municipality | None:
    """The municipality an object belongs to, directly or through its district."""
    if isinstance(obj, Municipality):
        return obj
    municipality = getattr(obj, "municipality", None)
    if municipality is None and getattr(obj, "district_id", None) is not None:
        municipality = obj.district.municipality  # type: ignore[attr-defined]
    return municipality


class TenantQuerySet(models.QuerySet):
    """Querysets of municipal data; selectors scope them with ``for_municipality``."""

    def for_municipality(self, municipality: Municipality) -> TenantQuerySet:
        return self.filter(municipality=municipality)


class TenantModel(models.Model):
    """Base of every model that belongs to exactly one municipality."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True
