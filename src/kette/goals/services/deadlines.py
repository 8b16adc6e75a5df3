"""Writes around measure deadlines: the reminder mails (a sender of
``kette send_reminders``) and the keys of personal calendar feeds."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kette.core import audit
from kette.core.models import Municipality
from kette.core.models.audit import AuditAction
from kette.core.reminders import ReminderReport, ReminderRun, mail_each_person
from kette.core.selectors import municipality_list

from ..models import CalendarFeedKey, MeasureReminder, ReminderKind
from ..models.deadlines import new_feed_key
from ..selectors.deadlines import Reminder, feed_key, reminders_due


class MeasureReminders:
    """Mails each responsible person, once per municipality, the measures
    due within ``run.days`` or overdue and not fully implemented.

    A measure is mentioned again for the same kind and date only after
    ``every`` days: a daily run mails an overdue measure once a week."""

    name = "measures"
    every = 7

    def send(self, run: ReminderRun) -> ReminderReport:
        return mail_each_person(
            run,
            ReminderReport(name=_("Measures")),
            [run.municipality] if run.municipality else municipality_list(),
            reminders_due,
            self.every,
            lambda item: f"{item.code} ({ReminderKind(item.kind).label})",
            _mail,
        )


@transaction.atomic
def _mail(
    municipality: Municipality, person: Any, items: list[Reminder], run: ReminderRun
) -> None:
    """One person's mail; the log is kept only when the mail went out."""
    MeasureReminder.objects.bulk_create(
        MeasureReminder(
            municipality=municipality,
            measure=item.measure,
            person=person,
            kind=item.kind,
            due=item.due,
            sent_on=run.today,
        )
        for item in items
    )
    site = run.site_url.rstrip("/")
    for item in items:
        item.link = site + reverse(
            "goals:measure_status", args=[municipality.slug, item.measure.pk]
        )
    with translation.override(settings.LANGUAGE_CODE):
        context = {"person": person, "municipality": municipality, "items": items}
        subject = ngettext(
            "A measure is due soon or overdue – prevention chain of %(place)s",
            "%(count)d measures are due soon or overdue – prevention chain of "
            "%(place)s",
            len(items),
        ) % {"count": len(items), "place": municipality.name}
        send_mail(
            subject=subject,
            message=render_to_string(
                "kette_goals/emails/measure_reminder.txt", context
            ),
            from_email=None,
            recipient_list=[person.email],
        )


# --- Calendar feed keys ---


@transaction.atomic
def feed_key_ensure(*, actor: Any, municipality: Municipality) -> CalendarFeedKey:
    """The person's key for their calendar feeds here, made on first use."""
    key = feed_key(municipality=municipality, user=actor)
    if key is None:
        key = CalendarFeedKey(municipality=municipality, user=actor)
        key.full_clean()
        key.save()
        audit.record_created(actor=actor, instance=key)
    return key


@transaction.atomic
def feed_key_renew(*, actor: Any, municipality: Municipality) -> CalendarFeedKey:
    """A new key: every calendar address given out before stops working."""
    key = feed_key_ensure(actor=actor, municipality=municipality)
    key.key = new_feed_key()
    key.save(update_fields=["key"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=key,
        changes={"link": [_("previous link"), _("new link")]},
    )
    return key
