from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "kette.monitoring"
    label = "kette_monitoring"
    verbose_name = _("Prevention monitoring")
    default_auto_field = "django.db.models.BigAutoField"
