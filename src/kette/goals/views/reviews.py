"""Review rounds: the coordinator's list, opening, follow-up (who answered,
re-send, new link), closing and the printable report; and the personal
review page behind ``/statusabfrage/<token>/`` (no account needed) or, for a
signed-in responsible person, under the round's staff address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.forms import add_service_errors
from kette.core.tenancy import municipality_view

from ..forms.reviews import ReviewAnswerForm, ReviewRoundForm
from ..models import ReviewRequest, ReviewRound
from ..selectors import reviews as selectors
from ..selectors.goals import goal_codes
from ..services import reviews as services

MANAGE = "goals.manage_reviews"


def _round(request: HttpRequest, round_id: int) -> ReviewRound:
    try:
        return selectors.round_get(municipality=request.municipality, pk=round_id)
    except ReviewRound.DoesNotExist as exc:
        raise Http404(_("No such review round here.")) from exc


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@municipality_view(MANAGE)
@require_safe
def review_list(request: HttpRequest) -> HttpResponse:
    rounds = selectors.round_list(municipality=request.municipality)
    return render(request, "kette_goals/review_list.html", {"rounds": rounds})


@municipality_view(MANAGE)
@require_http_methods(["GET", "POST"])
def review_open(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    form = ReviewRoundForm(
        request.POST or None,
        goals=selectors.goal_choices(municipality=municipality),
        codes=goal_codes(municipality=municipality),
        organisations=selectors.contact_organisations(municipality=municipality),
    )
    if request.method == "POST" and form.is_valid():
        try:
            review_round = services.review_round_open(
                actor=request.user,
                municipality=municipality,
                site_url=_site(request),
                **form.service_data(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = review_round.requests.count()
            messages.success(
                request,
                ngettext(
                    "The review round is open; %(count)d person has been asked.",
                    "The review round is open; %(count)d people have been asked.",
                    count,
                )
                % {"count": count},
            )
            return redirect("goals:review_detail", municipality.slug, review_round.pk)
    return render(request, "kette_goals/review_form.html", {"form": form})


@municipality_view(MANAGE)
@require_safe
def review_detail(request: HttpRequest, round_id: int) -> HttpResponse:
    review_round = _round(request, round_id)
    context = {
        "round": review_round,
        "requests": selectors.request_list(review_round=review_round),
    }
    return render(request, "kette_goals/review_detail.html", context)


@municipality_view(MANAGE)
def review_close(request: HttpRequest, round_id: int) -> HttpResponse:
    review_round = _round(request, round_id)  # 404 first, then the method
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.review_round_close(actor=request.user, review_round=review_round)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The review round is closed."))
    return redirect("goals:review_detail", request.municipality.slug, round_id)


@municipality_view(MANAGE)
def review_resend(request: HttpRequest, round_id: int, request_id: int) -> HttpResponse:
    """Send the person's link again (``renew``: a new link, the old one stops
    working)."""
    review_round = _round(request, round_id)
    try:
        asked = selectors.request_get(review_round=review_round, pk=request_id)
    except ReviewRequest.DoesNotExist as exc:
        raise Http404(_("No such person in this review round.")) from exc
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    renew = request.POST.get("renew") == "1"
    try:
        if renew:
            services.review_request_renew(
                actor=request.user, request=asked, site_url=_site(request)
            )
        else:
            services.review_request_send(
                actor=request.user, request=asked, site_url=_site(request)
            )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        said = (
            _("%(name)s has a new link.")
            if renew
            else _("The e-mail to %(name)s has been sent.")
        )
        messages.success(request, said % {"name": asked.name})
    return redirect("goals:review_detail", request.municipality.slug, round_id)


@municipality_view(MANAGE)
@require_safe
def review_report(request: HttpRequest, round_id: int) -> HttpResponse:
    """The printable report: what changed since the previous round."""
    review_round = _round(request, round_id)
    report = selectors.review_report(review_round=review_round)
    return render(request, "kette_goals/review_report.html", {"report": report})


def _answer_page(
    request: HttpRequest, asked: ReviewRequest, actor, *, back: str = ""
) -> HttpResponse:
    review_round = asked.review_round
    context = {
        "asked": asked,
        "round": review_round,
        "municipality": review_round.municipality,
        "back": back,
    }
    if not review_round.is_open:
        return render(request, "kette_goals/review_answer.html", context, status=410)
    measures = selectors.in_tree_order(
        review_round.municipality, selectors.request_measures(request=asked)
    )
    form = ReviewAnswerForm(
        request.POST or None,
        measures=measures,
        answers=selectors.answers_of(request=asked),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.review_answer(
                actor=actor, request=asked, answers=form.answer_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you, your answers have been saved. You can change them until the review round closes."
                ),
            )
            return redirect(request.path)
    context["form"] = form
    return render(request, "kette_goals/review_answer.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def review_answer(request: HttpRequest, token: str) -> HttpResponse:
    """A person's review page behind their personal link; no account needed."""
    asked = selectors.request_for_token(token)
    if asked is None:
        raise Http404(_("This review link is not valid (any more)."))
    return _answer_page(request, asked, None)


@municipality_view()
@never_cache
@require_http_methods(["GET", "POST"])
def review_answer_signed_in(request: HttpRequest, round_id: int) -> HttpResponse:
    """The same page for a signed-in responsible person (their request, or 404)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    review_round = _round(request, round_id)
    try:
        asked = selectors.request_of_user(review_round=review_round, user=request.user)
    except ReviewRequest.DoesNotExist as exc:
        raise Http404(_("You are not asked in this review round.")) from exc
    return _answer_page(request, asked, request.user, back="staff")
