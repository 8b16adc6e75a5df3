"""The API's documentation page: Swagger UI over the OpenAPI document.

Swagger UI comes from drf-spectacular-sidecar, served as kette's own static
files (no CDN); it is started by a script file, not an inline script, so the
page keeps to the Content-Security-Policy.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.http import require_safe


@require_safe
def api_docs(request: HttpRequest) -> HttpResponse:
    """The browsable documentation, in the page's language."""
    schema_url = reverse("api:openapi") + "?" + urlencode({"lang": get_language()})
    return render(request, "kette_api/docs.html", {"schema_url": schema_url})
