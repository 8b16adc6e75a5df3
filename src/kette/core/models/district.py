"""Districts (Sozialraum, Stadtteil, Planungsraum) as a hierarchy of any depth."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .municipality import TenantModel
from .vocabulary import AgeBand


class District(TenantModel):
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=64)
    name = models.CharField(_("name"), max_length=200)
    level = models.PositiveSmallIntegerField(
        _("level"), default=0, help_text=_("0 for the top level, 1 below it, and so on")
    )
    level_name = models.CharField(
        _("kind of area"),
        max_length=100,
        blank=True,
        help_text=_("e.g. Stadtbezirk, Stadtteil, Planungsraum"),
    )
    geometry = models.JSONField(_("geometry (GeoJSON)"), null=True, blank=True)
    # Bounding box in WGS 84, kept beside the geometry so point look-ups can
    # narrow down candidates in the database before shapely tests them.
    min_lon = models.FloatField(null=True, blank=True, editable=False)
    min_lat = models.FloatField(null=True, blank=True, editable=False)
    max_lon = models.FloatField(null=True, blank=True, editable=False)
    max_lat = models.FloatField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["level", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "code"],
                name="district_code_unique_per_municipality",
            )
        ]
        indexes = [models.Index(fields=["municipality", "min_lon", "max_lon"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class DistrictPopulation(models.Model):
    """Residents of a district in one age band and year."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="populations"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    age_band = models.ForeignKey(
        AgeBand, on_delete=models.PROTECT, verbose_name=_("age band")
    )
    count = models.PositiveIntegerField(_("residents"))

    class Meta:
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        ordering = ["district", "year", "age_band__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "year", "age_band"], name="population_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.year} {self.age_band}: {self.count}"
