"""Composite indices: saved, versioned definitions, and per-municipality settings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kette.core.models import TenantModel


class MonitoringSettings(TenantModel):
    """A municipality's settings for its monitoring (one row at most)."""

    #: Counts below this are suppressed wherever data leaves the staff area.
    disclosure_threshold = models.PositiveSmallIntegerField(
        _("smallest count shown"), default=5
    )

    class Meta:
        verbose_name = _("monitoring settings")
        verbose_name_plural = _("monitoring settings")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality"], name="monitoring_settings_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.municipality)

    @classmethod
    def of(cls, municipality) -> MonitoringSettings:
        """The municipality's settings (the defaults if none are saved)."""
        found = cls.objects.for_municipality(municipality).first()
        return found or cls(municipality=municipality)


class IndexDefinition(TenantModel):
    """A composite index (e.g. the Gelsenkirchen participation index).

    Its rules live in versions (``IndexVersion.spec``, the documented JSON
    format of docs/monitoring-index.md); the newest version is the current one.
    """

    key = models.SlugField(_("key"), max_length=64)
    name_de = models.CharField(_("German name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("index")
        verbose_name_plural = _("indices")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key"], name="monitoring_index_key_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name_de

    @property
    def name(self) -> str:
        """The name in the active language (German where there is no English)."""
        if (get_language() or "de").startswith("en") and self.name_en:
            return self.name_en
        return self.name_de

    def current_version(self) -> IndexVersion | None:
        return self.versions.order_by("-number").first()


class IndexVersion(models.Model):
    """One saved state of an index definition; never changed once saved."""

    definition = models.ForeignKey(
        IndexDefinition,
        verbose_name=_("index"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    spec = models.JSONField(_("definition"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("index version")
        verbose_name_plural = _("index versions")
        ordering = ["definition", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "number"], name="monitoring_index_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.definition} v{self.number}"
