"""Pages of networks and working bodies (staff area and the public list)."""

from django.urls import path  # noqa: F401 - the pages' modules add their paths

app_name = "networks"

BODIES = "<slug:municipality>/intern/netzwerke/"
BODY = BODIES + "<int:body_id>/"
MEETING = BODIES + "sitzungen/<int:meeting_id>/"

urlpatterns: list = []
