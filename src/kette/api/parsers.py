"""Request body parsers of the API, within the upload limits.

DRF's JSON parser recursed as deep as the body nests (a body nested 50,000
deep ended in a RecursionError, a 500), and a body over Django's
DATA_UPLOAD_MAX_MEMORY_SIZE got Django's bare HTML 400 page. These parsers
read at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes from the stream and check the
nesting before parsing (kette.core.importers.limits), answering 413 or 400
with a JSON message. They derive from BaseParser, not DRF's JSON and form
parsers: for those DRF reads the whole body itself before they run.
"""

from __future__ import annotations

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers, renderers, status

from kette.core.exceptions import ImportFailed
from kette.core.importers import limits


class BodyTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE


class BodyNotReadable(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST


def read_body(stream) -> bytes:
    """The body, refused when larger than DATA_UPLOAD_MAX_MEMORY_SIZE."""
    if stream is None:
        return b""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = stream.read(limit + 1) if limit is not None else stream.read()
    if limit is not None and len(body) > limit:
        raise BodyTooLarge(
            _("The request body is larger than %(limit)s MB; send less at once.")
            % {"limit": limits.megabytes(limit)}
        )
    return body


class JSONParser(parsers.BaseParser):
    media_type = "application/json"
    renderer_class = renderers.JSONRenderer

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return limits.json_load(read_body(stream), file=_("request body"))
        except ImportFailed as failure:
            raise BodyNotReadable(
                "; ".join(str(problem) for problem in failure.problems)
            ) from None


class FormParser(parsers.BaseParser):
    media_type = "application/x-www-form-urlencoded"

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        return QueryDict(read_body(stream), encoding=encoding)
