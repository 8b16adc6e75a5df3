"""The action-item reminders of ``kette send_reminders`` (run daily by cron).

Each responsible person with an e-mail address gets one mail per
municipality listing their open action items due soon or overdue, across all
bodies. A reminder of the same item, kind and date is not sent again within
``every`` days: a daily run mails an overdue item once a week.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kette.core.models import Municipality
from kette.core.reminders import ReminderReport, ReminderRun, mail_each_person
from kette.core.selectors import municipality_list

from ..models import ActionItemReminder, Person
from ..selectors.tasks import ActionReminder, reminders_due
from .meetings import share_token


class ActionItemReminders:
    name = "action_items"
    every = 7

    def send(self, run: ReminderRun) -> ReminderReport:
        return mail_each_person(
            run,
            ReminderReport(name=_("Action items of networks and working bodies")),
            [run.municipality] if run.municipality else municipality_list(),
            reminders_due,
            self.every,
            lambda item: f"#{item.item.pk} ({item.kind})",
            _mail,
        )


def _link(
    municipality: Municipality, person: Person, item: ActionReminder, site: str
) -> str:
    """Where the person sees the item: their tasks when they can sign in,
    else the members' read-only minutes when the meeting has that link."""
    if person.user_id is not None:
        return site + reverse("networks:my_tasks", args=[municipality.slug])
    token = share_token(item.item.meeting)
    return site + reverse("networks:minutes_shared", args=[token]) if token else ""


@transaction.atomic
def _mail(
    municipality: Municipality,
    person: Person,
    items: list[ActionReminder],
    run: ReminderRun,
) -> None:
    """One person's mail; the log is kept only when the mail went out."""
    ActionItemReminder.objects.bulk_create(
        ActionItemReminder(
            municipality=municipality,
            action_item=item.item,
            person=person,
            kind=item.kind,
            due=item.due,
            sent_on=run.today,
        )
        for item in items
    )
    site = run.site_url.rstrip("/")
    for item in items:
        item.link = _link(municipality, person, item, site)
    with translation.override(settings.LANGUAGE_CODE):
        context = {"person": person, "municipality": municipality, "items": items}
        subject = ngettext(
            "An action item is due soon or overdue – networks of %(place)s",
            "%(count)d action items are due soon or overdue – networks of %(place)s",
            len(items),
        ) % {"count": len(items), "place": municipality.name}
        send_mail(
            subject=subject,
            message=render_to_string(
                "kette_networks/emails/action_reminder.txt", context
            ),
            from_email=None,
            recipient_list=[person.email],
        )
