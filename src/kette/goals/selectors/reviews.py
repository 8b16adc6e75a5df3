"""Reads of review rounds: their scope, the requests behind personal links,
each person's measures, and the review report (what changed since the last
round)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from kette.core.models import MeasureStatus, Municipality, Organisation

from ..links import link_key, link_token
from ..models import (
    Goal,
    GoalStatus,
    Measure,
    MeasureStatusChange,
    ReviewRequest,
    ReviewRound,
)
from .goals import goal_codes

_REVIEW_SALT = "kette.goals.review"


def review_token(request: ReviewRequest) -> str:
    """The token of the person's personal review link."""
    return link_token(request.key, salt=_REVIEW_SALT)


def request_for_token(token: str) -> ReviewRequest | None:
    """The request whose link carries ``token``; None for any other token."""
    key = link_key(token, salt=_REVIEW_SALT)
    if key is None:
        return None
    return (
        ReviewRequest.objects.select_related("review_round__municipality")
        .filter(key=key)
        .first()
    )


def round_list(*, municipality: Municipality) -> QuerySet[ReviewRound]:
    """The rounds, newest first, with ``asked`` and ``answered`` counts."""
    return ReviewRound.objects.for_municipality(municipality).annotate(
        asked=Count("requests", distinct=True),
        answered=Count(
            "requests",
            filter=Q(requests__answered_at__isnull=False),
            distinct=True,
        ),
    )


def round_get(*, municipality: Municipality, pk: Any) -> ReviewRound:
    """Raises ``ReviewRound.DoesNotExist`` for a round of another municipality."""
    return ReviewRound.objects.for_municipality(municipality).get(pk=pk)


def request_get(*, review_round: ReviewRound, pk: Any) -> ReviewRequest:
    return review_round.requests.select_related("review_round").get(pk=pk)


def request_list(*, review_round: ReviewRound) -> QuerySet[ReviewRequest]:
    """The requests of a round with the time of the last e-mail."""
    return (
        review_round.requests.select_related("user", "organisation")
        .annotate(last_mail=Max("mails__sent_at"), mail_count=Count("mails"))
        .order_by("name", "id")
    )


def request_of_user(*, review_round: ReviewRound, user: Any) -> ReviewRequest:
    """The signed-in person's request; ``ReviewRequest.DoesNotExist`` if none."""
    if not getattr(user, "is_authenticated", False):
        raise ReviewRequest.DoesNotExist
    return review_round.requests.select_related("review_round").get(user=user)


def open_requests_of_user(*, municipality: Municipality, user: Any) -> list:
    """The open rounds in which the signed-in person is asked."""
    return list(
        ReviewRequest.objects.for_municipality(municipality)
        .filter(user=user, review_round__closed_on__isnull=True)
        .select_related("review_round")
        .order_by("-review_round__opened_on")
    )


def scope_measures(*, review_round: ReviewRound) -> QuerySet[Measure]:
    """The measures of the round's goals (all pursued goals if none chosen)."""
    chosen = list(review_round.goals.values_list("pk", flat=True))
    scope = Q(goal_id__in=chosen) if chosen else Q(goal__status=GoalStatus.ACTIVE)
    return (
        Measure.objects.for_municipality(review_round.municipality)
        .filter(scope)
        .select_related(
            "goal", "status", "responsible_person", "responsible_organisation"
        )
    )


def request_measures(*, request: ReviewRequest) -> QuerySet[Measure]:
    """Exactly the measures this person answers for: those in scope they are
    responsible for (a contact: their organisation's, without a person)."""
    measures = scope_measures(review_round=request.review_round)
    if request.user_id:
        return measures.filter(responsible_person_id=request.user_id)
    if request.organisation_id:
        return measures.filter(
            responsible_person__isnull=True,
            responsible_organisation_id=request.organisation_id,
        )
    return measures.none()


def in_tree_order(
    municipality: Municipality, measures: Any
) -> list[tuple[str, Measure]]:
    """(code such as "1.2.3", measure), in the order of the goal tree."""
    codes = goal_codes(municipality=municipality)

    def key(measure: Measure) -> tuple[int, ...]:
        parts = codes.get(measure.goal_id, "0").split(".")
        return (*(int(part) for part in parts), measure.number)

    return [
        (f"{codes.get(measure.goal_id, '?')}.{measure.number}", measure)
        for measure in sorted(measures, key=key)
    ]


def answers_of(*, request: ReviewRequest) -> dict[int, MeasureStatusChange]:
    """{measure id: the person's latest answer in this round}."""
    latest: dict[int, MeasureStatusChange] = {}
    for change in request.status_changes.order_by("on", "id"):
        latest[change.measure_id] = change
    return latest


# The report


@dataclass
class ReportMeasure:
    measure: Measure
    code: str
    before: MeasureStatus | None
    now: MeasureStatus | None
    changes: list[MeasureStatusChange]
    answered: bool

    @property
    def changed(self) -> bool:
        return self.before != self.now


@dataclass
class ReportGoal:
    goal: Goal
    code: str
    measures: list[ReportMeasure] = field(default_factory=list)


@dataclass
class StatusCount:
    status: MeasureStatus
    before: int
    now: int


@dataclass
class ReviewReport:
    review_round: ReviewRound
    previous: ReviewRound | None
    since: dt.date
    until: dt.date
    goals: list[ReportGoal]
    counts: list[StatusCount]
    asked: int
    answered: int

    @property
    def measures(self) -> list[ReportMeasure]:
        return [row for goal in self.goals for row in goal.measures]

    @property
    def unanswered(self) -> list[ReportMeasure]:
        return [row for row in self.measures if not row.answered]

    @property
    def changed(self) -> list[ReportMeasure]:
        return [row for row in self.measures if row.changed]


def previous_round(review_round: ReviewRound) -> ReviewRound | None:
    return (
        ReviewRound.objects.for_municipality(review_round.municipality)
        .filter(
            Q(opened_on__lt=review_round.opened_on)
            | Q(opened_on=review_round.opened_on, pk__lt=review_round.pk)
        )
        .order_by("-opened_on", "-pk")
        .first()
    )


def review_report(*, review_round: ReviewRound) -> ReviewReport:
    """Per goal and measure: the status at the previous round's close (or the
    day before this round opened) against the status at this round's close
    (or today), the status changes in between, and who has not answered."""
    municipality = review_round.municipality
    previous = previous_round(review_round)
    if previous is not None:
        since = previous.closed_on or previous.opened_on
    else:
        since = review_round.opened_on - dt.timedelta(days=1)
    until = review_round.closed_on or timezone.localdate()
    measures = in_tree_order(municipality, scope_measures(review_round=review_round))
    ids = [measure.pk for _code, measure in measures]
    history = (
        MeasureStatusChange.objects.for_municipality(municipality)
        .filter(measure_id__in=ids, on__lte=until)
        .select_related("new_status", "old_status", "review_request")
        .order_by("measure_id", "on", "id")
    )
    before: dict[int, MeasureStatus] = {}
    now: dict[int, MeasureStatus] = {}
    changes: dict[int, list[MeasureStatusChange]] = {}
    answered: set[int] = set()
    for change in history:
        request = change.review_request
        # An answer to this round counts as a change even when given on the
        # day the previous round closed.
        ours = request is not None and request.review_round_id == review_round.pk
        now[change.measure_id] = change.new_status
        if change.on <= since and not ours:
            before[change.measure_id] = change.new_status
        else:
            changes.setdefault(change.measure_id, []).append(change)
        if ours:
            answered.add(change.measure_id)
    goals: dict[int, ReportGoal] = {}
    goal_code = goal_codes(municipality=municipality)
    for code, measure in measures:
        row = ReportMeasure(
            measure=measure,
            code=code,
            before=before.get(measure.pk),
            now=now.get(measure.pk),
            changes=changes.get(measure.pk, []),
            answered=measure.pk in answered,
        )
        goal = goals.setdefault(
            measure.goal_id,
            ReportGoal(goal=measure.goal, code=goal_code.get(measure.goal_id, "")),
        )
        goal.measures.append(row)
    counted_before = Counter(before.values())
    counted_now = Counter(now.values())
    counts = [
        StatusCount(
            status=status, before=counted_before[status], now=counted_now[status]
        )
        for status in MeasureStatus.objects.filter(is_active=True)
    ]
    requests = review_round.requests.aggregate(
        asked=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False))
    )
    return ReviewReport(
        review_round=review_round,
        previous=previous,
        since=since,
        until=until,
        goals=list(goals.values()),
        counts=counts,
        asked=requests["asked"],
        answered=requests["answered"],
    )


# Choices for opening a round


def goal_choices(*, municipality: Municipality) -> QuerySet[Goal]:
    """The pursued goals a round can cover."""
    return Goal.objects.for_municipality(municipality).filter(status=GoalStatus.ACTIVE)


def contact_organisations(*, municipality: Municipality) -> list[Organisation]:
    """Organisations responsible for measures of pursued goals that have no
    responsible person: they need a contact to be asked."""
    return list(
        Organisation.objects.for_municipality(municipality)
        .filter(
            responsible_measures__responsible_person__isnull=True,
            responsible_measures__goal__status=GoalStatus.ACTIVE,
        )
        .distinct()
        .order_by("name")
    )
