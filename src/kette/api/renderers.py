from rest_framework.renderers import JSONRenderer


class GeoJSONRenderer(JSONRenderer):
    """GeoJSON under its registered media type (RFC 7946)."""

    media_type = "application/geo+json"
    format = "geojson"
