""" "My tasks" across all bodies, and the calendar feeds of meetings and due dates.

Calendar programs cannot log in, so the feeds' addresses carry the person's
personal calendar key (the same key as the goals' measure feeds, see
kette.goals.selectors.deadlines): ``/kalender/<token>/gremien/meine.ics``
(the meetings of the person's bodies and their own open action items) and
``/kalender/<token>/gremien/<body>.ics`` (one body's meetings and open action
items, for whoever may read its internals). A feed answers only while its
person may read what it holds. The token is never logged (core.logfilters).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.tenancy import municipality_view
from kette.goals.selectors import deadlines as feed_keys
from kette.goals.services import deadlines as feed_key_services

from ..ical import network_calendar
from ..models import ActionItem, Body, Meeting
from ..selectors import tasks as selectors

VIEW = "networks.view_registry"
INTERNALS = "networks.view_body_internals"


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def my_tasks(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    if request.method == "POST":
        if request.POST.get("action") == "renew":
            feed_key_services.feed_key_renew(
                actor=request.user, municipality=municipality
            )
            messages.success(
                request,
                _("New calendar addresses are made; the previous ones no longer work."),
            )
        else:
            feed_key_services.feed_key_ensure(
                actor=request.user, municipality=municipality
            )
        return redirect(
            reverse("networks:my_tasks", args=[municipality.slug]) + "#kalender"
        )
    open_tasks, done = selectors.my_tasks(municipality=municipality, user=request.user)
    bodies = selectors.my_bodies(municipality=municipality, user=request.user)
    key = feed_keys.feed_key(municipality=municipality, user=request.user)
    feeds: list[tuple[str, str]] = []
    if key is not None:
        token = feed_keys.feed_token(key)
        feeds.append(
            (
                _("My meetings and tasks"),
                request.build_absolute_uri(reverse("networks:my_feed", args=[token])),
            )
        )
        feeds += [
            (
                body.name,
                request.build_absolute_uri(
                    reverse("networks:body_feed", args=[token, body.pk])
                ),
            )
            for body in bodies
        ]
    context = {
        "open_tasks": open_tasks,
        "done_tasks": done,
        "bodies": bodies,
        "meetings": selectors.upcoming_meetings(bodies=bodies)[:10],
        "feeds": feeds,
        "has_key": key is not None,
    }
    return render(request, "kette_networks/my_tasks.html", context)


def _key(token: str):  # -> CalendarFeedKey
    key = feed_keys.feed_key_for_token(token)
    if (
        key is None
        or not key.user.is_active
        or not key.user.has_perm(VIEW, key.municipality)
    ):
        raise Http404(_("This calendar address is not valid (any more)."))
    return key


def _feed(
    request: HttpRequest, name: str, meetings, items, filename: str
) -> HttpResponse:
    def meeting_link(meeting: Meeting) -> str:
        return request.build_absolute_uri(
            reverse(
                "networks:meeting_detail", args=[meeting.municipality.slug, meeting.pk]
            )
        )

    def action_link(item: ActionItem) -> str:
        return request.build_absolute_uri(
            reverse(
                "networks:meeting_detail",
                args=[item.municipality.slug, item.meeting_id],
            )
        )

    calendar = network_calendar(
        name=name,
        meetings=meetings,
        action_items=items,
        meeting_link=meeting_link,
        action_link=action_link,
        due_label=_("Due"),
        host=request.get_host().split(":")[0],
    )
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def my_feed(request: HttpRequest, token: str) -> HttpResponse:
    key = _key(token)
    meetings, items = selectors.feed_for_user(
        municipality=key.municipality, user=key.user
    )
    name = _("My meetings and tasks · %(place)s") % {"place": key.municipality.name}
    return _feed(request, name, meetings, items, "gremien")


@require_safe
def body_feed(request: HttpRequest, token: str, body_id: int) -> HttpResponse:
    key = _key(token)
    body = Body.objects.for_municipality(key.municipality).filter(pk=body_id).first()
    if body is None or not key.user.has_perm(INTERNALS, body):
        raise Http404(_("This calendar address is not valid (any more)."))
    meetings, items = selectors.feed_for_body(body)
    return _feed(request, body.name, meetings, items, f"gremium-{body.pk}")
