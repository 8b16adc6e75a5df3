"""The staff's monitoring desk: the catalogue, publishing, index definitions
(template, upload, download) and the analysis of an index."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from kette.core.importers import limits
from kette.core.importers.limits import MaxUploadSize
from kette.core.tenancy import municipality_view

from .. import selectors
from ..analysis import SENSITIVITY_RUNS, change, correlation, sensitivity
from ..indices import IndexDataError, compute_table, index_periods
from ..models import IndexDefinition
from ..pages.scope import Scope, choose
from ..services.indicators import (
    LOWEST_THRESHOLD,
    disclosure_threshold_set,
    indicator_publish,
)
from ..services.indices import (
    index_export,
    index_import,
    index_publish,
    load_template,
    template_install,
)


class DefinitionUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Index definition (JSON)"),
        help_text=gettext_lazy(
            "A file as “Download definition” gives it (JSON in the format "
            "kette-index/1, see “The format of a definition”). It is saved as a "
            "new version."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
        validators=[MaxUploadSize(limits.DEFINITION)],
    )


class ThresholdForm(forms.Form):
    disclosure_threshold = forms.IntegerField(
        label=gettext_lazy("Smallest count shown in public (k)"),
        min_value=LOWEST_THRESHOLD,
        max_value=100,
        help_text=gettext_lazy(
            "Counts below k, and figures from which they could be worked out, "
            "are withheld on the public pages, in their downloads and in the API."
        ),
    )


def _back(request: HttpRequest) -> HttpResponse:
    return redirect(
        "monitoring:staff_catalogue", municipality=request.municipality.slug
    )


@municipality_view("monitoring.view_data")
@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality
    indicators = selectors.indicator_list(
        municipality=municipality, public=False
    ).annotate(
        observation_count=Count("observations"),
        newest=Max("observations__period_start"),
    )
    definitions = (
        IndexDefinition.objects.for_municipality(municipality)
        .annotate(version_count=Count("versions"))
        .order_by("key")
    )
    template = load_template()
    installed = definitions.filter(key=template["index"]["key"]).exists()
    return render(
        request,
        "kette_monitoring/staff/catalogue.html",
        {
            "indicators": indicators,
            "definitions": definitions,
            "template_name": template["name"].get("de"),
            "template_installed": installed,
            "upload_form": DefinitionUploadForm(),
            "threshold": selectors.threshold_of(municipality),
            "threshold_form": ThresholdForm(
                initial={"disclosure_threshold": selectors.threshold_of(municipality)}
            ),
        },
    )


@municipality_view("monitoring.manage_settings")
@require_POST
def threshold_update(request: HttpRequest) -> HttpResponse:
    form = ThresholdForm(request.POST)
    if form.is_valid():
        disclosure_threshold_set(
            municipality=request.municipality,
            threshold=form.cleaned_data["disclosure_threshold"],
            actor=request.user,
        )
        messages.success(
            request,
            _("Counts below %(threshold)d are now withheld in public.")
            % {"threshold": form.cleaned_data["disclosure_threshold"]},
        )
    else:
        for error in form.errors.get("disclosure_threshold", []):
            messages.error(request, error)
    return _back(request)


@municipality_view("monitoring.manage_indices")
@require_POST
def template_install_view(request: HttpRequest) -> HttpResponse:
    version = template_install(municipality=request.municipality, actor=request.user)
    messages.success(
        request,
        _("The template is installed: index “%(name)s”, version %(number)d.")
        % {"name": version.definition.name, "number": version.number},
    )
    return _back(request)


def _publish(
    request: HttpRequest, item: Any, name: str, service: Callable
) -> HttpResponse:
    """Publish or withdraw ``item`` with ``service``; the item is looked up
    before the method is checked, so an unknown key is a 404 whatever the method."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    published = request.POST.get("published") == "1"
    service(item, actor=request.user, published=published)
    text = (
        _("“%(name)s” is now shown on the public pages.")
        if published
        else _("“%(name)s” is no longer shown on the public pages.")
    )
    messages.success(request, text % {"name": name})
    return _back(request)


@municipality_view("monitoring.manage_data")
def indicator_publish_view(request: HttpRequest, indicator_key: str) -> HttpResponse:
    indicator = selectors.indicator_get(
        municipality=request.municipality, key=indicator_key, public=False
    )
    return _publish(
        request,
        indicator,
        indicator.name,
        lambda item, **kwargs: indicator_publish(indicator=item, **kwargs),
    )


def _definition(request: HttpRequest, index_key: str) -> IndexDefinition:
    return selectors.index_get(
        municipality=request.municipality, key=index_key, public=False
    )


@municipality_view("monitoring.manage_indices")
def index_publish_view(request: HttpRequest, index_key: str) -> HttpResponse:
    definition = _definition(request, index_key)
    return _publish(
        request,
        definition,
        definition.name,
        lambda item, **kwargs: index_publish(definition=item, **kwargs),
    )


@municipality_view("monitoring.view_data")
@require_safe
def index_download(request: HttpRequest, index_key: str) -> HttpResponse:
    definition = _definition(request, index_key)
    response = JsonResponse(
        index_export(definition=definition),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="{definition.key}.json"'
    return response


@municipality_view("monitoring.manage_indices")
@require_POST
def index_upload(request: HttpRequest) -> HttpResponse:
    form = DefinitionUploadForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            version = index_import(
                municipality=request.municipality,
                text=upload.read(),
                actor=request.user,
                source=upload.name,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            messages.success(
                request,
                _("Saved as version %(number)d of the index “%(name)s”.")
                % {"number": version.number, "name": version.definition.name},
            )
            return _back(request)
    return render(
        request,
        "kette_monitoring/staff/index_upload.html",
        {"upload_form": form},
        status=400,
    )


@municipality_view("monitoring.view_data")
@require_safe
def index_analysis(request: HttpRequest, index_key: str) -> HttpResponse:
    definition = _definition(request, index_key)
    scope = Scope.of(request, staff=True)
    periods = index_periods(definition)
    notes: list[str] = []
    period = choose(request.GET.get("period"), periods, label=_("Period"), notes=notes)
    before = choose(
        request.GET.get("from"),
        periods,
        label=_("Compare with"),
        notes=notes,
        fallback=periods[0] if periods else "",
    )
    context = {
        "definition": definition,
        "name": definition.name,
        "periods": periods,
        "period": period,
        "before": before,
        "notes": notes,
        "runs": SENSITIVITY_RUNS,
        "index_url": scope.url("index", index_key=definition.key),
    }
    try:
        if period:
            # staff analyse incomplete periods too; the index page marks them
            table = compute_table(
                definition=definition,
                period=period,
                hierarchy=scope.hierarchy,
                allow_incomplete=True,
            )
            context["correlation"] = correlation(table)
            context["sensitivity"] = sensitivity(table)
            earlier = compute_table(
                definition=definition,
                period=before,
                hierarchy=scope.hierarchy,
                allow_incomplete=True,
            )
            context["changes"] = change(earlier, table)
            context["table"] = table
    except IndexDataError as error:
        context["problem"] = str(error)
    return render(request, "kette_monitoring/staff/analysis.html", context)
