"""Checkliste Netzwerkmanagement under ``/<municipality>/intern/netzwerke/checkliste/``.

Coordinators and state admins assess (networks.assess_checklist); planners
read as well (networks.view_analysis). Writes go through
services/checklist.py, which audits them; assessments are looked up within
the request's municipality, so another municipality's id is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from kette.core.forms import add_service_errors
from kette.core.tenancy import municipality_view

from ..forms.checklist import AnswerForm, AssessmentForm
from ..models import Body, ChecklistAssessment, Person
from ..selectors import checklist as selectors
from ..services import checklist as services

READ = "networks.view_analysis"
ASSESS = "networks.assess_checklist"


def _assessment(request: HttpRequest, checklist_id: int) -> ChecklistAssessment:
    try:
        return selectors.assessment_get(
            municipality=request.municipality, pk=checklist_id
        )
    except ChecklistAssessment.DoesNotExist as exc:
        raise Http404(_("No such assessment here.")) from exc


def _result_url(assessment: ChecklistAssessment) -> str:
    return reverse(
        "networks:checklist_result", args=[assessment.municipality.slug, assessment.pk]
    )


def _subject_body(request: HttpRequest) -> Body | None:
    """The body named by ``?body=`` (None: the network management)."""
    raw = request.GET.get("body", "")
    if not raw.isdigit():
        return None
    body = Body.objects.for_municipality(request.municipality).filter(pk=raw).first()
    if body is None:
        raise Http404(_("No such body here."))
    return body


@municipality_view(READ)
@require_safe
def checklist_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    body = _subject_body(request)
    themes, course = selectors.course(
        municipality=municipality, body_id=body.pk if body else None
    )
    context = {
        "assessments": selectors.assessment_list(municipality=municipality),
        "subject": body,
        "themes": themes,
        "course": course,
        "can_assess": request.user.has_perm(ASSESS, municipality),
    }
    return render(request, "kette_networks/checklist_list.html", context)


@municipality_view(ASSESS)
@require_http_methods(["GET", "POST"])
def checklist_create(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    form = AssessmentForm(
        request.POST or None,
        municipality=municipality,
        initial={"body": _subject_body(request)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assessment = services.assessment_create(
                actor=request.user,
                municipality=municipality,
                body=data["body"],
                assessed_on=data["assessed_on"],
                note=data["note"],
                copy_latest=data["copy_latest"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessment has been started."))
            return redirect(
                "networks:checklist_answers", municipality.slug, assessment.pk
            )
    context = {"form": form, "heading": _("New assessment")}
    return render(request, "kette_networks/checklist_form.html", context)


@municipality_view(ASSESS)
@require_http_methods(["GET", "POST"])
def checklist_update(request: HttpRequest, checklist_id: int) -> HttpResponse:
    assessment = _assessment(request, checklist_id)
    form = AssessmentForm(
        request.POST or None, municipality=request.municipality, assessment=assessment
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_update(
                actor=request.user,
                assessment=assessment,
                assessed_on=form.cleaned_data["assessed_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The assessment has been saved."))
            return redirect(_result_url(assessment))
    context = {"form": form, "assessment": assessment, "heading": _("Edit assessment")}
    return render(request, "kette_networks/checklist_form.html", context)


@municipality_view(ASSESS)
@require_http_methods(["GET", "POST"])
def checklist_answers(request: HttpRequest, checklist_id: int) -> HttpResponse:
    """All items on one page, grouped by theme: one fieldset per item."""
    assessment = _assessment(request, checklist_id)
    people = Person.objects.for_municipality(request.municipality).filter(
        erased_at__isnull=True
    )
    answers = {answer.item_id: answer for answer in assessment.answers.all()}
    groups = []
    for theme, items in selectors.items_by_theme():
        forms = []
        for item in items:
            answer = answers.get(item.pk)
            initial = (
                {name: getattr(answer, name) for name in services.ANSWER_FIELDS}
                if answer
                else {}
            )
            form = AnswerForm(
                request.POST or None,
                prefix=f"i{item.pk}",
                initial=initial,
                people=people,
            )
            form.item = item
            forms.append(form)
        groups.append((theme, forms))
    every_form = [form for _theme, forms in groups for form in forms]
    errors: list[str] = []
    if request.method == "POST" and all(form.is_valid() for form in every_form):
        entries = {form.item.pk: form.cleaned_data for form in every_form}
        try:
            services.answers_save(
                actor=request.user, assessment=assessment, entries=entries
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The answers have been saved."))
            return redirect(_result_url(assessment))
    context = {
        "assessment": assessment,
        "groups": groups,
        "errors": errors,
        "invalid": [form for form in every_form if form.is_bound and form.errors],
    }
    return render(request, "kette_networks/checklist_answers.html", context)


@municipality_view(READ)
@require_safe
def checklist_result(request: HttpRequest, checklist_id: int) -> HttpResponse:
    assessment = _assessment(request, checklist_id)
    context = {
        "assessment": assessment,
        "result": selectors.result(assessment),
        "can_assess": request.user.has_perm(ASSESS, request.municipality),
    }
    return render(request, "kette_networks/checklist_result.html", context)


@municipality_view(ASSESS)
@require_http_methods(["GET", "POST"])
def checklist_delete(request: HttpRequest, checklist_id: int) -> HttpResponse:
    assessment = _assessment(request, checklist_id)
    if request.method == "POST":
        services.assessment_delete(actor=request.user, assessment=assessment)
        messages.success(request, _("The assessment has been deleted."))
        return redirect("networks:checklist_list", request.municipality.slug)
    return render(
        request,
        "kette_networks/checklist_confirm_delete.html",
        {"assessment": assessment},
    )
