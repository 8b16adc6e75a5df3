from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "kette.goals"
    label = "kette_goals"
    verbose_name = _("Goals and measures")
    default_auto_field = "django.db.models.BigAutoField"
