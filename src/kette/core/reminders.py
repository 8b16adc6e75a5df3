"""Reminders mailed by ``kette send_reminders`` (run daily by cron).

core knows no other app, so the apps register their reminder senders here
(in their ``AppConfig.ready``), and the command runs each of them in turn:
the goals app mails the people responsible for measures due soon or overdue;
other apps (e.g. the directory's reminders) add a sender the same way.

A sender must be idempotent for a daily run: it keeps its own log of what it
mailed and does not mail the same thing again within its period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # apps.py imports this module before the models exist
    from .models import Municipality


@dataclass(frozen=True)
class ReminderRun:
    """What one run of ``send_reminders`` asks for."""

    today: dt.date
    days: int  # "due soon" means due within this many days
    site_url: str  # links in the mails start with it
    dry_run: bool = False
    municipality: Municipality | None = None  # None: every municipality


@dataclass
class ReminderReport:
    """What a sender mailed (or, in a dry run, would have mailed)."""

    name: str
    mails: int = 0
    items: int = 0
    lines: list[str] = field(default_factory=list)


def mail_each_person(
    run: ReminderRun,
    report: ReminderReport,
    municipalities: Iterable[Municipality],
    due: Callable[..., Mapping[Any, Sequence[Any]]],
    every: int,
    describe: Callable[[Any], str],
    mail: Callable[[Municipality, Any, Sequence[Any], ReminderRun], None],
) -> ReminderReport:
    """The loop every sender shares: per municipality, one mail per person
    (``due(municipality=, today=, days=, every=)`` maps each person to their
    items), counted and described in the report; a dry run mails nothing."""
    for municipality in municipalities:
        found = due(
            municipality=municipality, today=run.today, days=run.days, every=every
        )
        for person, items in found.items():
            report.mails += 1
            report.items += len(items)
            report.lines.append(
                f"{municipality.slug}: {person.email}: "
                + ", ".join(describe(item) for item in items)
            )
            if not run.dry_run:
                mail(municipality, person, items, run)
    return report


class ReminderSender(Protocol):
    name: str

    def send(self, run: ReminderRun) -> ReminderReport: ...


_SENDERS: dict[str, ReminderSender] = {}


def register(sender: ReminderSender) -> None:
    """Add a sender (again under the same name: replaced, not doubled)."""
    _SENDERS[sender.name] = sender


def senders() -> list[ReminderSender]:
    return list(_SENDERS.values())
