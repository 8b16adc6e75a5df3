from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kette.core"
    label = "kette_core"
    verbose_name = _("Core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: apps.py is loaded before the models the checks use.
        from . import checks  # noqa: F401, PLC0415 (registers the system checks)
