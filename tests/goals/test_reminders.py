"""`kette send_reminders`: one mail per responsible person with their measures
due soon or overdue; idempotent for a daily cron; municipalities kept apart."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from kette.core import reminders
from kette.core.models import Role
from kette.goals.models import MeasureReminder, Recurrence
from kette.goals.selectors.deadlines import deadline
from tests.core.factories import user_with_role

from .factories import make_goal, make_measure, status

TODAY = dt.date(2026, 12, 1)


def run(*extra: str) -> str:
    out = io.StringIO()
    call_command("send_reminders", "--today", TODAY.isoformat(), *extra, stdout=out)
    return out.getvalue()


@pytest.fixture
def person(municipality):
    return user_with_role(
        municipality, Role.PROVIDER_EDITOR, username="erika", email="erika@example.org"
    )


@pytest.fixture
def measures(goal, person):
    """Due soon, overdue, later, fully implemented, without a date."""
    return {
        "soon": make_measure(goal, "Elterncafé", responsible_person=person, due=TODAY + dt.timedelta(days=10)),
        "overdue": make_measure(goal, "Elternbriefe", responsible_person=person, due=TODAY - dt.timedelta(days=3)),
        "later": make_measure(goal, "Fachtag", responsible_person=person, due=TODAY + dt.timedelta(days=30)),
        "done": make_measure(goal, "Flyer", responsible_person=person, due=TODAY - dt.timedelta(days=1), status=status("fully-implemented"), on=dt.date(2026, 11, 1)),
        "open": make_measure(goal, "Netzwerk", responsible_person=person),
    }  # fmt: skip


def test_one_mail_lists_the_measures_due_soon_and_overdue(measures, person):
    output = run()
    assert "1" in output
    (message,) = mail.outbox
    assert message.to == ["erika@example.org"]
    assert "Musterstadt" in message.subject
    body = message.body
    assert "Sie" in body
    assert "1.1 Elterncafé" in body and "1.2 Elternbriefe" in body
    assert "Überfällig seit 28. November 2026" in body
    assert "Fällig am 11. Dezember 2026" in body
    assert "Fachtag" not in body and "Flyer" not in body and "Netzwerk" not in body
    link = f"/musterstadt/intern/ziele/massnahmen/{measures['soon'].pk}/"
    assert link in body
    kinds = set(MeasureReminder.objects.values_list("measure__task", "kind"))
    assert kinds == {("Elterncafé", "due_soon"), ("Elternbriefe", "overdue")}


def test_a_second_run_the_same_week_mails_nothing_again(measures):
    run()
    run()
    assert len(mail.outbox) == 1
    mail.outbox.clear()
    call_command("send_reminders", "--today", "2026-12-04", stdout=io.StringIO())
    assert mail.outbox == []
    # A week later the overdue measure is mentioned again; the one due soon too.
    call_command("send_reminders", "--today", "2026-12-08", stdout=io.StringIO())
    (message,) = mail.outbox
    assert "Elternbriefe" in message.body and "Elterncafé" in message.body


def test_more_days_bring_in_later_measures(measures):
    run("--days", "40")
    assert "Fachtag" in mail.outbox[0].body


def test_a_dry_run_lists_but_neither_mails_nor_logs(measures):
    output = run("--dry-run")
    assert "erika@example.org" in output
    assert "Maßnahmen: " in output and "E-Mails würden gesendet" in output
    assert "(bald fällig)" in output or "(überfällig)" in output
    assert "due_soon" not in output and "overdue" not in output
    assert mail.outbox == []
    assert not MeasureReminder.objects.exists()


def test_people_of_other_municipalities_get_only_their_own(
    measures, other_municipality, person
):
    neighbour = user_with_role(
        other_municipality, Role.COORDINATOR, username="nachbar", email="n@example.org"
    )
    foreign = make_goal(other_municipality, "Fremdes Ziel")
    make_measure(foreign, "Nachbarprojekt", responsible_person=neighbour, due=TODAY)
    run()
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {"erika@example.org", "n@example.org"}
    assert "Nachbarprojekt" not in by_person["erika@example.org"].body
    assert "Elterncafé" not in by_person["n@example.org"].body
    assert "Nachbarstadt" in by_person["n@example.org"].subject
    mail.outbox.clear()
    run("--municipality", "nachbarstadt")
    assert mail.outbox == []  # already mailed today


def test_a_person_who_left_the_municipality_gets_nothing(measures, person):
    person.memberships.all().delete()
    run()
    assert mail.outbox == []


def test_a_repeating_measure_is_reminded_of_its_next_date(goal, person):
    make_measure(
        goal,
        "Quartalsbericht",
        responsible_person=person,
        start=dt.date(2026, 1, 1),
        due=dt.date(2026, 3, 10),
        recurrence=Recurrence.QUARTERLY,
    )
    run()
    assert "Fällig am 10. Dezember 2026" in mail.outbox[0].body


def test_the_next_date_of_a_repeating_measure(goal):
    measure = make_measure(
        goal,
        "Monatlich",
        due=dt.date(2026, 1, 31),
        recurrence=Recurrence.MONTHLY,
        recurrence_until=dt.date(2026, 12, 15),
    )
    assert deadline(measure, dt.date(2026, 2, 1)) == dt.date(2026, 2, 28)
    assert deadline(measure, dt.date(2026, 11, 30)) == dt.date(2026, 11, 30)
    assert deadline(measure, dt.date(2026, 12, 1)) is None  # past its end


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError, match="2026-13-01"):
        call_command("send_reminders", "--today", "2026-13-01")


def test_other_apps_add_their_reminders_to_the_same_run(measures):
    seen = []

    class Directory:
        name = "directory"

        def send(self, run):
            seen.append(run.today)
            return reminders.ReminderReport(name=self.name, mails=2, items=3)

    reminders.register(Directory())
    try:
        output = run()
    finally:
        reminders._SENDERS.pop("directory")
    assert seen == [TODAY]
    assert "directory" in output and len(mail.outbox) == 1
