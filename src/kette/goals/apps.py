from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kette.core import audit_display, reminders


class GoalsConfig(AppConfig):
    name = "kette.goals"
    label = "kette_goals"
    verbose_name = _("Goals and measures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # What a ballot and a new voting link record on a workshop participant.
        for name, label in (("dots", _("dots")), ("link", _("voting link"))):
            audit_display.register("kette_goals.WorkshopParticipant", name, label=label)
        audit_display.register(
            "kette_goals.CalendarFeedKey", "link", label=_("calendar address")
        )
        # Services import models, which exist only once the apps are loaded.
        from .services.deadlines import MeasureReminders  # noqa: PLC0415

        reminders.register(MeasureReminders())
