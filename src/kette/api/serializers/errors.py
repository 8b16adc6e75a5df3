from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """The error envelope every failed request gets."""

    message = serializers.CharField(help_text=_("What went wrong, in words."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Messages per input field; empty unless the input was invalid."),
    )


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    descriptions = {
        400: _("The input is not valid; errors name the fields."),
        401: _("Authentication is needed (session or Authorization: Bearer <token>)."),
        403: _("The caller may not do this in this municipality."),
        404: _("No such municipality or object (in this municipality)."),
        409: _("The object is still in use and cannot be deleted."),
    }
    return {
        code: OpenApiResponse(ErrorSerializer, description=descriptions[code])
        for code in codes
    }
