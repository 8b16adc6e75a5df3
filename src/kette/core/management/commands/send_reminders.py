"""`kette send_reminders [--days N] [--dry-run] [--today DATE]`: run daily by cron."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kette.core import reminders
from kette.core.commands import KetteCommand, municipality_or_error


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            _("“%(value)s” is not a date in the form 2026-12-31") % {"value": text}
        ) from None


class Command(KetteCommand):
    help = gettext_lazy(
        "Mail reminders: each person responsible for measures due within the "
        "next days or overdue (and not fully implemented) gets one mail listing "
        "them. Safe to run daily: what was mailed is not mailed again within a "
        "week."
    )

    examples = (
        "kette send_reminders",
        "kette send_reminders --days 7 --dry-run",
        "kette send_reminders --municipality musterstadt --today 2026-12-01",
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=14,
            help=gettext_lazy("“due soon” means due within this many days (14)"),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("list who would get a mail, but send nothing"),
        )
        parser.add_argument(
            "--today",
            help=gettext_lazy("the day to count from, e.g. 2026-12-31 (for tests)"),
        )
        parser.add_argument(
            "--municipality", help=gettext_lazy("only this municipality (slug)")
        )
        parser.add_argument(
            "--site-url",
            default=settings.KETTE_SITE_URL,
            help=gettext_lazy("start of the links in the mails (KETTE_SITE_URL)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 0:
            raise CommandError(_("--days must not be negative"))
        run = reminders.ReminderRun(
            today=_date(options["today"]) if options["today"] else timezone.localdate(),
            days=options["days"],
            site_url=options["site_url"],
            dry_run=options["dry_run"],
            municipality=(
                municipality_or_error(options["municipality"])
                if options["municipality"]
                else None
            ),
        )
        for sender in reminders.senders():
            report = sender.send(run)
            text = (
                _("%(name)s: %(mails)d mails would be sent (%(items)d items); dry run")
                if run.dry_run
                else _("%(name)s: %(mails)d mails sent (%(items)d items)")
            )
            self.stdout.write(
                text
                % {"name": report.name, "mails": report.mails, "items": report.items}
            )
            if options["verbosity"] >= 2 or run.dry_run:
                for line in report.lines:
                    self.stdout.write(f"  {line}")
