from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "kette.networks"
    label = "kette_networks"
    verbose_name = _("Networks and working bodies")
    default_auto_field = "django.db.models.BigAutoField"
