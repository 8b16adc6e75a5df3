"""What ``OPTIONS`` tells about an endpoint."""

from __future__ import annotations

from rest_framework.metadata import SimpleMetadata


class ApiMetadata(SimpleMetadata):
    """Name, description and media types of an endpoint, for every API URL.

    DRF's default also describes the body of ``POST``/``PUT`` as a form, which
    needs a model queryset (500 on views without one) and would describe the
    output serializer, not the input. The OpenAPI document describes bodies.
    """

    def determine_metadata(self, request, view) -> dict:
        return {
            "name": view.get_view_name(),
            "description": view.get_view_description(),
            "renders": [renderer.media_type for renderer in view.renderer_classes],
            "parses": [parser.media_type for parser in view.parser_classes],
        }
