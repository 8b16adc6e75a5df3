"""Pages of networks and working bodies (staff area and the public list)."""

from django.urls import path

from .views import checklist

app_name = "networks"

BODIES = "<slug:municipality>/intern/netzwerke/"
BODY = BODIES + "<int:body_id>/"
MEETING = BODIES + "sitzungen/<int:meeting_id>/"
CHECKLIST = BODIES + "checkliste/"
CHECK = CHECKLIST + "<int:assessment_id>/"

urlpatterns: list = [
    # Checkliste Netzwerkmanagement (self-assessments repeated over time).
    path(CHECKLIST, checklist.checklist_list, name="checklist_list"),
    path(CHECKLIST + "neu/", checklist.checklist_create, name="checklist_create"),
    path(CHECK, checklist.checklist_result, name="checklist_result"),
    path(CHECK + "bearbeiten/", checklist.checklist_update, name="checklist_update"),
    path(CHECK + "antworten/", checklist.checklist_answers, name="checklist_answers"),
    path(CHECK + "loeschen/", checklist.checklist_delete, name="checklist_delete"),
]
