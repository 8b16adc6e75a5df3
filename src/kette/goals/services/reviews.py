"""Review rounds: open (one request per responsible person, an e-mail with
their personal link each), re-send or renew a link, answer, close.

An answer is written through ``measure_status_update`` (the one status
write), linked to the request; every write is one transaction and audited.
Every e-mail sent is kept as a ``ReviewMail`` (to whom, when, by whom): the
link itself is never stored outside the request's key, nor logged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kette.core import audit, roles
from kette.core.models import MeasureStatus, Municipality
from kette.core.models.audit import AuditAction

from ..links import new_link_key
from ..models import Goal, ReviewMail, ReviewRequest, ReviewRound
from ..selectors.reviews import (
    answers_of,
    request_measures,
    review_token,
    scope_measures,
)
from .measures import measure_status_update

# {organisation id: (name, e-mail)} of the contacts entered when opening.
Contacts = Mapping[int, tuple[str, str]]


def _requests(review_round: ReviewRound, contacts: Contacts) -> list[ReviewRequest]:
    people: dict[int, Any] = {}
    organisations: dict[int, Any] = {}
    for measure in scope_measures(review_round=review_round):
        person = measure.responsible_person
        if person is not None:
            if roles.has_role(person, review_round.municipality):
                people.setdefault(person.pk, person)
        elif measure.responsible_organisation_id:
            organisation = measure.responsible_organisation
            organisations.setdefault(organisation.pk, organisation)
    requests = [
        ReviewRequest(user=person, name=person.display_name, email=person.email)
        for person in people.values()
    ]
    for pk, organisation in organisations.items():
        name, email = contacts.get(pk, ("", ""))
        if email.strip():
            requests.append(
                ReviewRequest(
                    organisation=organisation,
                    name=name.strip() or organisation.name,
                    email=email.strip(),
                )
            )
    return requests


@transaction.atomic
def review_round_open(
    *,
    actor: Any,
    municipality: Municipality,
    title: str,
    site_url: str,
    due_by: dt.date | None = None,
    goals: Iterable[Goal] = (),
    contacts: Contacts | None = None,
    opened_on: dt.date | None = None,
) -> ReviewRound:
    """Open a round over ``goals`` (none: all pursued goals): one request per
    responsible person, each sent an e-mail with their personal link."""
    goals = list(goals)
    if any(goal.municipality_id != municipality.pk for goal in goals):
        raise ValidationError({"goals": _("Choose from the list.")})
    review_round = ReviewRound(
        municipality=municipality,
        title=title.strip(),
        opened_on=opened_on or timezone.localdate(),
        due_by=due_by,
    )
    review_round.full_clean()
    review_round.save()
    review_round.goals.set(goals)
    audit.record_created(actor=actor, instance=review_round)
    requests = _requests(review_round, contacts or {})
    if not requests:
        raise ValidationError(
            _("No measure of these goals has a responsible person or a contact to ask.")
        )
    for request in requests:
        request.municipality = municipality
        request.review_round = review_round
        request.full_clean()
        request.save()
        audit.record_created(actor=actor, instance=request)
        if request.email:
            _send(actor, request, site_url)
    return review_round


def _send(actor: Any, request: ReviewRequest, site_url: str) -> ReviewMail:
    review_round = request.review_round
    context = {
        "request": request,
        "round": review_round,
        "municipality": review_round.municipality,
        "link": site_url.rstrip("/")
        + reverse("goals:review_answer", args=[review_token(request)]),
        "count": request_measures(request=request).count(),
    }
    subject = _("Status review “%(title)s”: please update your measures") % {
        "title": review_round.title
    }
    send_mail(
        subject=subject,
        message=render_to_string("kette_goals/emails/review_request.txt", context),
        from_email=None,
        recipient_list=[request.email],
    )
    mail = ReviewMail(
        request=request,
        sent_at=timezone.now(),
        recipient=request.email,
        subject=subject[:300],
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    mail.save()
    audit.record_created(actor=actor, instance=mail)
    return mail


def _open_round(request: ReviewRequest) -> ReviewRound:
    """The request's round, read afresh and locked; refused once closed."""
    review_round = ReviewRound.objects.select_for_update().get(
        pk=request.review_round_id
    )
    if not review_round.is_open:
        raise ValidationError(
            _("The review round is closed; answers can no longer be changed.")
        )
    return review_round


@transaction.atomic
def review_request_send(
    *, actor: Any, request: ReviewRequest, site_url: str
) -> ReviewMail:
    """Send the person's link (again)."""
    request.review_round = _open_round(request)
    if not request.email:
        raise ValidationError(
            _("There is no e-mail address for %(name)s.") % {"name": request.name}
        )
    return _send(actor, request, site_url)


@transaction.atomic
def review_request_renew(
    *, actor: Any, request: ReviewRequest, site_url: str
) -> ReviewRequest:
    """A new personal link (the old one stops working), sent if possible."""
    request.review_round = _open_round(request)
    request.key = new_link_key()
    request.save(update_fields=["key"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=request,
        changes={"link": [_("previous link"), _("new link")]},
    )
    if request.email:
        _send(actor, request, site_url)
    return request


@transaction.atomic
def review_round_close(
    *, actor: Any, review_round: ReviewRound, on: dt.date | None = None
) -> ReviewRound:
    """Close the round (as of ``on``, default today): its links expire, the
    report shows its final state."""
    review_round = ReviewRound.objects.select_for_update().get(pk=review_round.pk)
    if not review_round.is_open:
        raise ValidationError(_("The review round is closed already."))
    if on and on > timezone.localdate():
        raise ValidationError({"closed_on": _("The date must not lie in the future.")})
    before = audit.snapshot(review_round)
    review_round.closed_on = on or timezone.localdate()
    review_round.full_clean()
    review_round.save(update_fields=["closed_on"])
    audit.record_updated(actor=actor, instance=review_round, before=before)
    return review_round


@transaction.atomic
def review_answer(
    *,
    actor: Any,
    request: ReviewRequest,
    answers: Mapping[int, tuple[MeasureStatus, str]],
) -> int:
    """Record the person's answers {measure id: (status, comment)}.

    Only the person's own measures in scope are accepted; anything else
    refuses the whole answer. An answer equal to the person's last one in
    this round is not written again; the number written is returned.
    """
    request.review_round = _open_round(request)
    allowed = {measure.pk: measure for measure in request_measures(request=request)}
    if set(answers) - set(allowed):
        raise ValidationError(
            _("You can only update the measures you are responsible for.")
        )
    earlier = answers_of(request=request)
    written = 0
    for pk, (status, comment) in answers.items():
        comment = comment.strip()
        last = earlier.get(pk)
        if last and last.new_status_id == status.pk and last.comment == comment:
            continue
        measure_status_update(
            actor=actor,
            measure=allowed[pk],
            status=status,
            comment=comment,
            actor_name=request.name,
            review_request=request,
        )
        written += 1
    before = audit.snapshot(request)
    request.answered_at = timezone.now()
    request.save(update_fields=["answered_at"])
    audit.record_updated(
        actor=actor, instance=request, before=before, actor_name=request.name
    )
    return written
