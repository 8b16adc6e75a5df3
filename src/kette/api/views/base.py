from __future__ import annotations

from typing import Any

from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request

from kette.api.authentication import ApiTokenAuthentication
from kette.api.metadata import ApiMetadata
from kette.api.permissions import TokenScope
from kette.core.models import Municipality
from kette.core.tenancy import resolve_municipality


class ApiView(GenericAPIView):
    """Base of every API view.

    Token authentication comes first so that an anonymous caller is told
    401 with ``WWW-Authenticate: Bearer`` rather than a bare 403.
    """

    authentication_classes = [ApiTokenAuthentication, SessionAuthentication]
    metadata_class = ApiMetadata
    permission_classes = [TokenScope]

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        # PostgreSQL refuses strings with NUL characters (a 500 if they reach it).
        if any("\x00" in str(value) for value in kwargs.values()):
            raise exceptions.NotFound()
        for name, values in request.query_params.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise exceptions.ValidationError(
                    {
                        name.replace("\x00", ""): [
                            ProhibitNullCharactersValidator.message
                        ]
                    }
                )

    def municipality(self) -> Municipality:
        """The municipality named in the URL (404 when there is none)."""
        if not hasattr(self, "_municipality"):
            self._municipality = resolve_municipality(self.kwargs["municipality"])
        return self._municipality


class NotFoundView(ApiView):
    """Any address under ``/api/`` that names nothing: 404 in the error envelope.

    Without it, Django's HTML 404 page would answer a malformed id
    (``offers/abc/``) or a mistyped path.
    """

    schema = None  # not an endpoint of the OpenAPI document

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        raise exceptions.NotFound(_("There is nothing at this address."))


def query_params(
    serializer_class: type[serializers.Serializer], request: Request
) -> dict[str, Any]:
    """The request's query parameters, validated (400 with the envelope if not)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


PATH_PARAMETERS = {
    "municipality": OpenApiParameter(
        "municipality",
        OpenApiTypes.STR,
        OpenApiParameter.PATH,
        description=_("Short name (slug) of the municipality, e.g. musterstadt."),
    ),
    "district_code": OpenApiParameter(
        "district_code",
        OpenApiTypes.STR,
        OpenApiParameter.PATH,
        description=_("Code of the district within the municipality."),
    ),
    "organisation_id": OpenApiParameter(
        "organisation_id",
        OpenApiTypes.INT,
        OpenApiParameter.PATH,
        description=_("Id of the organisation."),
    ),
}


def path_parameters(*names: str) -> list[OpenApiParameter]:
    """Documented path parameters for ``extend_schema``."""
    return [PATH_PARAMETERS[name] for name in names]
