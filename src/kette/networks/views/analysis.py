"""The analysis pages under ``/<municipality>/intern/netzwerke/analyse/``:
overlap of bodies (possible parallel structures), load of people and
organisations, and the network picture with its metrics and downloads.

Coordinators, planners and the state admin (``networks.view_analysis``);
everything is read from the request's municipality only.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from kette.core.tenancy import municipality_view

from ..analysis.drawing import picture
from ..analysis.exports import FORMATS, chosen_graph, graph_file
from ..analysis.graph import BODY, graph_report
from ..analysis.load import member_load, members_by_year
from ..analysis.overlap import body_overlap
from ..forms.analysis import AnalysisForm, ExportForm, OverlapForm

VIEW = "networks.view_analysis"
#: Rows of organisations in the graph page's table (the downloads hold all).
TABLE_ROWS = 200


@municipality_view(VIEW)
@require_safe
def analysis_overlap(request: HttpRequest) -> HttpResponse:
    form = OverlapForm(request.GET)
    overlap = None
    if form.is_valid():
        overlap = body_overlap(
            request.municipality,
            on=form.on,
            threshold=form.threshold,
            min_shared=form.min_shared,
        )
    context = {"form": form, "overlap": overlap, "tab": "overlap"}
    return render(request, "kette_networks/analysis_overlap.html", context)


@municipality_view(VIEW)
@require_safe
def analysis_load(request: HttpRequest) -> HttpResponse:
    form = AnalysisForm(request.GET)
    load = member_load(request.municipality, on=form.on) if form.is_valid() else None
    context = {
        "form": form,
        "load": load,
        "by_year": members_by_year(request.municipality),
        "tab": "load",
    }
    return render(request, "kette_networks/analysis_load.html", context)


@municipality_view(VIEW)
@require_safe
def analysis_graph(request: HttpRequest) -> HttpResponse:
    form = AnalysisForm(request.GET)
    context = {"form": form, "tab": "graph"}
    if form.is_valid():
        report = graph_report(request.municipality, on=form.on)
        organisations = [row for row in report.nodes if row.kind != BODY]
        mix = {row.key: row for row in report.mix}
        context |= {
            "report": report,
            "picture": picture(report.graph),
            "mix_rows": [
                {"node": row, "mix": mix[row.key]}
                for row in report.nodes
                if row.kind == BODY
            ],
            "organisations": organisations[:TABLE_ROWS],
            "more_organisations": max(len(organisations) - TABLE_ROWS, 0),
            "downloads": ExportForm.base_fields["netz"].choices,
        }
    return render(request, "kette_networks/analysis_graph.html", context)


@municipality_view(VIEW)
@require_safe
def analysis_export(request: HttpRequest, file_format: str) -> HttpResponse:
    form = ExportForm(request.GET)
    if file_format not in FORMATS or not form.is_valid():
        raise Http404(_("No such download."))
    report = graph_report(request.municipality, on=form.on)
    which = form.cleaned_data["netz"]
    content = graph_file(chosen_graph(report.graph, which), file_format)
    response = HttpResponse(content, content_type=FORMATS[file_format])
    name = f"netzwerk-{request.municipality.slug}-{which}-{report.on:%Y-%m-%d}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response
