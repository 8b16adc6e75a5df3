"""Measure deadlines as calendar feeds (iCalendar).

Calendar programs cannot log in, so a person subscribes through addresses
with their personal key (``/kalender/<token>/…``): one with every measure of
the municipality, one with the measures they are responsible for. The key
acts for the person: the feed answers only while they may read the goals of
the municipality. A new key (on the page ``intern/ziele/kalender/``) makes
the old addresses useless. The token is never logged (core.logfilters).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.tenancy import municipality_view

from ..ical import measure_calendar
from ..selectors import deadlines as selectors
from ..services import deadlines as services

VIEW = "goals.view_goals"
FEEDS = ("alle", "meine")


@municipality_view(VIEW)
@require_http_methods(["GET", "POST"])
def calendar_feeds(request: HttpRequest) -> HttpResponse:
    """The person's feed addresses; a POST makes them (or new ones)."""
    municipality = request.municipality
    if request.method == "POST":
        if request.POST.get("action") == "renew":
            services.feed_key_renew(actor=request.user, municipality=municipality)
            messages.success(
                request,
                _("New calendar addresses are made; the previous ones no longer work."),
            )
        else:
            services.feed_key_ensure(actor=request.user, municipality=municipality)
        return redirect("goals:calendar_feeds", municipality.slug)
    key = selectors.feed_key(municipality=municipality, user=request.user)
    feeds = {}
    if key is not None:
        token = selectors.feed_token(key)
        feeds = {
            kind: request.build_absolute_uri(
                reverse("goals:measure_feed", args=[token, kind])
            )
            for kind in FEEDS
        }
    return render(request, "kette_goals/calendar_feeds.html", {"feeds": feeds})


@require_safe
def measure_feed(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    """A feed: ``alle`` (every measure) or ``meine`` (the person's)."""
    key = selectors.feed_key_for_token(token)
    if (
        kind not in FEEDS
        or key is None
        or not key.user.is_active
        or not key.user.has_perm(VIEW, key.municipality)
    ):
        raise Http404(_("This calendar address is not valid (any more)."))
    municipality = key.municipality
    person = key.user if kind == "meine" else None
    measures, codes = selectors.feed_measures(municipality=municipality, person=person)
    name = (_("My measures · %(place)s") if person else _("Measures · %(place)s")) % {
        "place": municipality.name
    }
    calendar = measure_calendar(
        measures,
        codes=codes,
        name=name,
        host=request.get_host().split(":")[0],
        link=lambda measure: request.build_absolute_uri(
            reverse("goals:measure_status", args=[municipality.slug, measure.pk])
        ),
    )
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{kind}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
