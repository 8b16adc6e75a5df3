"""Quality-cycle self-assessments and the prevention-standards summary under
``/<municipality>/intern/ziele/qualitaet/``, and the state's overview under
``/kommunen/ziele/qualitaet/``.

Every member of the municipality reads; coordinators and state admins
assess (goals.assess_quality). Writes go through services/quality.py, which
audits them; assessments are looked up within the request's municipality,
so another municipality's id is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_http_methods,
    require_safe,
)

from kette.core.forms import add_service_errors
from kette.core.models import QualityStation
from kette.core.tenancy import municipality_view

from ..forms.quality import AssessmentForm, StandardRatingForm
from ..models import QualityAssessment
from ..quality_charts import Series, radar_chart
from ..selectors import quality as selectors
from ..services import quality as services

VIEW = "goals.view_goals"
ASSESS = "goals.assess_quality"
VIEW_STATE = "goals.view_state_quality"


def _assessment(request: HttpRequest, assessment_id: int) -> QualityAssessment:
    try:
        return selectors.assessment_get(
            municipality=request.municipality, pk=assessment_id
        )
    except QualityAssessment.DoesNotExist as exc:
        raise Http404(_("No such self-assessment here.")) from exc


def _result_url(assessment: QualityAssessment) -> str:
    return reverse(
        "goals:quality_result", args=[assessment.municipality.slug, assessment.pk]
    )


def _station_url(assessment: QualityAssessment, number: int) -> str:
    return reverse(
        "goals:quality_station",
        args=[assessment.municipality.slug, assessment.pk, number],
    )


def _read_only(request: HttpRequest, assessment: QualityAssessment) -> HttpResponse:
    messages.error(
        request,
        _("This self-assessment is completed and can no longer be changed."),
    )
    return redirect(_result_url(assessment))


@municipality_view(VIEW)
@require_safe
def quality_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    context = {
        "assessments": selectors.assessment_list(municipality=municipality),
        "can_assess": request.user.has_perm(ASSESS, municipality),
    }
    return render(request, "kette_goals/quality_list.html", context)


@municipality_view(ASSESS)
@require_http_methods(["GET", "POST"])
def quality_create(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    latest = selectors.latest_completed(municipality=municipality)
    form = AssessmentForm(request.POST or None, latest=latest)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(
                actor=request.user,
                municipality=municipality,
                data=form.cleaned_data,
                copy_latest=form.cleaned_data.get("copy_latest", False),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The self-assessment has been started."))
            return redirect(_station_url(assessment, 1))
    context = {
        "form": form,
        "heading": _("New self-assessment"),
        "cancel_url": reverse("goals:quality_list", args=[municipality.slug]),
    }
    return render(request, "kette_goals/quality_form.html", context)


@municipality_view(ASSESS)
@require_http_methods(["GET", "POST"])
def quality_update(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment(request, assessment_id)
    if assessment.is_completed:
        return _read_only(request, assessment)
    form = AssessmentForm(
        request.POST or None, instance=_assessment(request, assessment_id)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_update(
                actor=request.user, assessment=assessment, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The self-assessment has been saved."))
            return redirect(_result_url(assessment))
    context = {
        "form": form,
        "assessment": assessment,
        "heading": _("Edit self-assessment"),
        "cancel_url": _result_url(assessment),
    }
    return render(request, "kette_goals/quality_form.html", context)


@municipality_view(ASSESS)
@require_http_methods(["GET", "POST"])
def quality_station(
    request: HttpRequest, assessment_id: int, number: int
) -> HttpResponse:
    """The ratings of one station's standards: one fieldset per standard."""
    assessment = _assessment(request, assessment_id)
    if assessment.is_completed:
        return _read_only(request, assessment)
    all_stations = selectors.stations()
    station = next((s for s in all_stations if s.number == number), None)
    if station is None:
        raise Http404(_("No such station."))
    ratings = selectors.station_ratings(assessment, station)
    forms = [
        StandardRatingForm(
            request.POST or None,
            instance=rating,
            prefix=f"s{rating.standard_id}",
            municipality=request.municipality,
        )
        for rating in ratings
    ]
    errors: list[str] = []
    if request.method == "POST" and all(form.is_valid() for form in forms):
        entries = {form.instance.standard_id: form.cleaned_data for form in forms}
        try:
            services.ratings_save(
                actor=request.user, assessment=assessment, entries=entries
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _("The ratings of station %(number)d have been saved.")
                % {"number": number},
            )
            later = [s for s in all_stations if s.number > number]
            return redirect(
                _station_url(assessment, later[0].number)
                if later and "next" in request.POST
                else _result_url(assessment)
            )
    numbers = [s.number for s in all_stations]
    index = numbers.index(number)
    context = {
        "assessment": assessment,
        "station": station,
        "stations": all_stations,
        "forms": forms,
        "errors": errors,
        "invalid": [form for form in forms if form.is_bound and form.errors],
        "has_next": index + 1 < len(numbers),
    }
    return render(request, "kette_goals/quality_station.html", context)


def _act(request: HttpRequest, act: Callable[[], Any], success: str) -> bool:
    """Run the service call ``act``; say what happened. True if it worked."""
    try:
        act()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True


@municipality_view(ASSESS)
def quality_complete(request: HttpRequest, assessment_id: int) -> HttpResponse:
    # The object first: another municipality's id is a 404 whatever the method.
    assessment = _assessment(request, assessment_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    _act(
        request,
        lambda: services.assessment_complete(actor=request.user, assessment=assessment),
        _("The self-assessment has been completed."),
    )
    return redirect(_result_url(assessment))


@municipality_view(ASSESS)
def quality_delete(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment(request, assessment_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if _act(
        request,
        lambda: services.assessment_delete(actor=request.user, assessment=assessment),
        _("The draft has been deleted."),
    ):
        return redirect("goals:quality_list", request.municipality.slug)
    return redirect(_result_url(assessment))


def _station_labels(stations: list[QualityStation]) -> list[str]:
    return [f"{station.number}. {station.label}" for station in stations]


@municipality_view(VIEW)
@require_safe
def quality_result(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _assessment(request, assessment_id)
    result = selectors.quality_result(assessment)
    series = [
        # Named by their date, as in the table's columns (short enough for
        # the legend's columns).
        Series(_date(assessment), [mean.current for mean in result.means])
    ]
    if result.previous is not None:
        series.append(
            Series(_date(result.previous), [mean.previous for mean in result.means])
        )
    chart = radar_chart(
        labels=_station_labels([mean.station for mean in result.means]),
        series=series,
        title=_("Mean rating per station of the quality cycle"),
        desc=_(
            "From 0 (not started) in the centre to 4 (fully established) at the "
            "rim; the table beside the chart lists the means."
        ),
        scope=f"assessment-{assessment.pk}",
    )
    context = {
        "assessment": assessment,
        "result": result,
        "chart": chart,
        "can_assess": request.user.has_perm(ASSESS, request.municipality),
    }
    return render(request, "kette_goals/quality_result.html", context)


def _date(assessment: QualityAssessment) -> str:
    return date_format(assessment.date, "SHORT_DATE_FORMAT")


@municipality_view(VIEW)
@require_safe
def prevention_standards(request: HttpRequest) -> HttpResponse:
    """How many measures (by status) and published offers carry each of the
    seven prevention standards; ``?standard=<code>`` lists them."""
    municipality = request.municipality
    context: dict[str, Any] = {
        "summary": selectors.prevention_standard_summary(municipality=municipality)
    }
    code = request.GET.get("standard")
    if code:
        standard = selectors.prevention_standard_find(code)
        if standard is None:
            raise Http404(_("No such prevention standard."))
        context.update(
            chosen=standard,
            measures=selectors.standard_measures(
                municipality=municipality, standard=standard
            ),
            offers=selectors.standard_offers(
                municipality=municipality, standard=standard
            ),
        )
    return render(request, "kette_goals/quality_standards.html", context)


@require_safe
def state_quality(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(VIEW_STATE):
        raise PermissionDenied
    overview = selectors.state_quality()
    chart = radar_chart(
        labels=_station_labels(overview.stations),
        series=[Series(_("Mean of the municipalities"), overview.means)],
        title=_("Mean rating per station across municipalities"),
        desc=_(
            "The mean of the municipalities' means from their latest completed "
            "self-assessment, from 0 in the centre to 4 at the rim; the table "
            "beside the chart lists them."
        ),
        scope="state",
    )
    return render(
        request,
        "kette_goals/quality_state.html",
        {"overview": overview, "chart": chart},
    )
