from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "kette.offers"
    label = "kette_offers"
    verbose_name = _("Offers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported here: apps.py is loaded before the models display.py uses.
        from .display import register_audit_renderers  # noqa: PLC0415

        register_audit_renderers()
