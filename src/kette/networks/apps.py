from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kette.core import reminders


class NetworksConfig(AppConfig):
    name = "kette.networks"
    label = "kette_networks"
    verbose_name = _("Networks and working bodies")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Services import models, which exist only once the apps are loaded.
        from .services.reminders import ActionItemReminders  # noqa: PLC0415

        reminders.register(ActionItemReminders())
