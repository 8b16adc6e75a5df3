"""One error envelope for the whole API: {"message": ..., "errors": {field: [...]}}."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from kette.core.exceptions import KetteError

# Django's own logger for failed requests, so that a 500 is reported as usual.
logger = logging.getLogger("django.request")


def _as_lists(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(key): [
                str(item) for item in (value if isinstance(value, list) else [value])
            ]
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": [str(item) for item in detail]}
    return {}


def _invalid_input_message(errors: dict) -> str:
    """A refusal that names no field (e.g. "archive it first") is the message
    itself; a client showing only ``message`` still tells the person why."""
    if set(errors) == {"non_field_errors"} and len(errors["non_field_errors"]) == 1:
        return str(errors["non_field_errors"][0])
    return str(_("The input is not valid."))


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        errors = (
            exc.message_dict
            if hasattr(exc, "error_dict")
            else {"non_field_errors": exc.messages}
        )
        return Response(
            {"message": _invalid_input_message(errors), "errors": errors},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, KetteError):
        return Response(
            {"message": exc.message, "errors": exc.errors},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, ProtectedError | RestrictedError):
        return Response(
            {
                "message": _("This object is still in use and cannot be deleted."),
                "errors": {},
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None if settings.DEBUG else _server_error(exc, context)
    if isinstance(exc, exceptions.ValidationError):
        errors = _as_lists(exc.detail)
        message = _invalid_input_message(errors)
    elif isinstance(exc, exceptions.ParseError):
        # DRF's text is the parser's own ("JSON parse error - Expecting value").
        message = _(
            "The request body could not be read. Send valid JSON with the "
            "header Content-Type: application/json."
        )
        errors = {}
    else:
        message = str(getattr(exc, "detail", exc))
        errors = {}
    response.data = {"message": message, "errors": errors}
    return response


def _server_error(exc: Exception, context) -> Response:
    """A bug: logged with its traceback, answered in the envelope, not as HTML."""
    request = context.get("request")
    logger.error(
        "Internal Server Error: %s",
        getattr(request, "path", "?"),
        exc_info=(type(exc), exc, exc.__traceback__),
        extra={"status_code": 500, "request": getattr(request, "_request", None)},
    )
    set_rollback()
    return Response(
        {
            "message": _(
                "Something went wrong on the server. The error has been recorded; "
                "please try again later."
            ),
            "errors": {},
        },
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
