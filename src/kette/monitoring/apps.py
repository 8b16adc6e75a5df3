from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kette.core import audit_display


class MonitoringConfig(AppConfig):
    name = "kette.monitoring"
    label = "kette_monitoring"
    verbose_name = _("Prevention monitoring")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # what a data import records on each indicator besides its fields
        for name, label in (
            ("observations imported", _("values imported")),
            ("file", _("file")),
            ("spec", _("record source")),
        ):
            audit_display.register("kette_monitoring.Indicator", name, label=label)
