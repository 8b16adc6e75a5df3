"""Musterstadt's status reviews: three closed quarterly rounds (Q2 to Q4/2025)
over the goals of seed 001 (after grids.py) and one open round.

The status changes of the grids' history that fall into a round are the
answers of the person responsible; measures whose status did not change get
a dated confirmation with a comment where the history allows it (before the
measure's last change, so the current status stays the latest entry); a few
are left without an answer, so each report shows change, confirmations and
gaps. A second run writes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.utils.translation import gettext as _

from kette.core import roles
from kette.core.demo import DemoContext, register
from kette.core.demo.places import MUSTERSTADT

from ..models import (
    MeasureStatusChange,
    ReviewMail,
    ReviewRequest,
    ReviewRound,
)
from ..selectors.reviews import scope_measures
from ..services.balance import refresh_balance_counts

ORDER = 135  # after the grids (130)


class DemoRound(NamedTuple):
    title: str
    opened_on: dt.date
    due_by: dt.date
    closed_on: dt.date | None
    # people who did not answer (demo logins)
    silent: tuple[str, ...] = ()


ROUNDS = (
    DemoRound(
        "Quartalsreview Q2/2025",
        dt.date(2025, 6, 16),
        dt.date(2025, 6, 30),
        dt.date(2025, 7, 15),
    ),
    DemoRound(
        "Quartalsreview Q3/2025",
        dt.date(2025, 9, 10),
        dt.date(2025, 9, 30),
        dt.date(2025, 10, 5),
        silent=("traeger",),
    ),
    DemoRound(
        "Quartalsreview Q4/2025",
        dt.date(2025, 11, 20),
        dt.date(2025, 12, 15),
        dt.date(2025, 12, 20),
        silent=("netzwerk",),
    ),
    # open: the people asked answer through their personal links
    DemoRound(
        "Quartalsreview Q4/2026",
        dt.date(2026, 11, 16),
        dt.date(2026, 12, 18),
        None,
    ),
)
CONFIRMATIONS = (
    "Läuft wie geplant.",
    "Unverändert, nächster Schritt im kommenden Quartal.",
    "Keine Änderung; Abstimmung mit den Partnern läuft.",
)


@register(order=ORDER)
def build(context: DemoContext) -> None:
    municipality = context.municipalities[MUSTERSTADT.slug]
    answers = 0
    for planned in ROUNDS:
        review_round = context.upsert(
            ReviewRound,
            lookup={"municipality": municipality, "title": planned.title},
            values={
                "opened_on": planned.opened_on,
                "due_by": planned.due_by,
                "closed_on": planned.closed_on,
            },
        )
        measures = list(scope_measures(review_round=review_round))
        people = {
            m.responsible_person
            for m in measures
            if m.responsible_person
            and roles.has_role(m.responsible_person, municipality)
        }
        for person in sorted(people, key=lambda user: user.username):
            request = _request(context, review_round, person, planned)
            if person.username in planned.silent or planned.closed_on is None:
                continue
            own = [m for m in measures if m.responsible_person_id == person.pk]
            answers += _answers(context, request, own, planned)
    context.say(
        _("%(municipality)s: %(rounds)d review rounds, %(answers)d answers")
        % {"municipality": municipality, "rounds": len(ROUNDS), "answers": answers}
    )
    refresh_balance_counts(municipality)  # confirmations added to the history


def _noon(day: dt.date) -> dt.datetime:
    # In UTC, as read back from the database (a second run compares equal).
    return dt.datetime.combine(day, dt.time(11), tzinfo=dt.UTC)


def _request(
    context: DemoContext, review_round: ReviewRound, person, planned: DemoRound
) -> ReviewRequest:
    request = context.upsert(
        ReviewRequest,
        lookup={"review_round": review_round, "user": person},
        values={
            "municipality": review_round.municipality,
            "name": person.display_name,
            "email": person.email,
        },
    )
    if person.email:
        context.upsert(
            ReviewMail,
            lookup={"request": request, "sent_at": _noon(planned.opened_on)},
            values={
                "recipient": person.email,
                "subject": _("Status review “%(title)s”: please update your measures")
                % {"title": review_round.title},
            },
        )
    return request


def _answers(
    context: DemoContext, request: ReviewRequest, measures: list, planned: DemoRound
) -> int:
    """Link the person's changes in the round to it, confirm the others."""
    since = planned.opened_on
    until = planned.closed_on
    answered = 0
    last_answer: dt.date | None = None
    for position, measure in enumerate(measures):
        history = list(measure.status_changes.order_by("on", "id"))
        inside = [change for change in history if since <= change.on <= until]
        for change in inside:
            context.upsert(
                MeasureStatusChange,
                lookup={"pk": change.pk},
                values={"review_request": request},
            )
        if inside:
            answered += len(inside)
            last_answer = max(last_answer or inside[-1].on, inside[-1].on)
            continue
        on = since + dt.timedelta(days=3 + position % 5)
        earlier = [change for change in history if change.on < on]
        later = [change for change in history if change.on > on]
        if not earlier or not later:
            continue  # a confirmation after the last change would be the latest
        context.upsert(
            MeasureStatusChange,
            lookup={"municipality": measure.municipality, "measure": measure, "on": on},
            values={
                "old_status": earlier[-1].new_status,
                "new_status": earlier[-1].new_status,
                "comment": CONFIRMATIONS[position % len(CONFIRMATIONS)],
                "actor_name": request.name,
                "review_request": request,
            },
        )
        answered += 1
        last_answer = max(last_answer or on, on)
    if last_answer is not None:
        context.upsert(
            ReviewRequest,
            lookup={"pk": request.pk},
            values={"answered_at": _noon(last_answer)},
        )
    return answered
