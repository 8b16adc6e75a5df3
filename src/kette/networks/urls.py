"""Pages of networks and working bodies (staff area and the public list)."""

from django.urls import path

from .views import (
    analysis,
    checklist,
    meetings,
    minutes,
    people,
    public,
    registry,
    registry_files,
    tasks,
)

app_name = "networks"

BODIES = "<slug:municipality>/intern/netzwerke/"
BODY = BODIES + "<int:body_id>/"
MEETING = BODIES + "sitzungen/<int:meeting_id>/"
AGENDA_ITEM = MEETING + "tagesordnung/<int:item_id>/"
ACTION = MEETING + "aufgaben/<int:action_id>/"
CHECKLIST = BODIES + "checkliste/"
CHECK = CHECKLIST + "<int:checklist_id>/"
MEMBER = BODY + "mitglieder/<int:member_id>/"
PEOPLE = BODIES + "personen/"
PERSON = PEOPLE + "<int:person_id>/"
PUBLIC = "<slug:municipality>/netzwerke/"
ANALYSIS = BODIES + "analyse/"

urlpatterns: list = [
    # Meetings, their agenda and the unified minutes with action items.
    path(BODY + "sitzungen/", meetings.meeting_list, name="meeting_list"),
    path(BODY + "sitzungen/neu/", meetings.meeting_create, name="meeting_create"),
    path(MEETING, meetings.meeting_detail, name="meeting_detail"),
    path(MEETING + "bearbeiten/", meetings.meeting_update, name="meeting_update"),
    path(MEETING + "loeschen/", meetings.meeting_delete, name="meeting_delete"),
    path(MEETING + "tagesordnung/", meetings.agenda_add, name="agenda_add"),
    path(AGENDA_ITEM, meetings.agenda_update, name="agenda_update"),
    path(AGENDA_ITEM + "verschieben/", meetings.agenda_move, name="agenda_move"),
    path(MEETING + "teilen/", meetings.share_renew, name="share_renew"),
    path(MEETING + "protokoll/", minutes.minutes_edit, name="minutes_edit"),
    path(
        MEETING + "protokoll/freigeben/",
        minutes.minutes_approve,
        name="minutes_approve",
    ),
    path(
        MEETING + "protokoll/korrektur/",
        minutes.minutes_correct,
        name="minutes_correct",
    ),
    path(MEETING + "protokoll/druck/", minutes.minutes_print, name="minutes_print"),
    path(MEETING + "protokoll.pdf", minutes.minutes_pdf, name="minutes_pdf"),
    path(MEETING + "aufgaben/neu/", minutes.action_create, name="action_create"),
    path(ACTION, minutes.action_update, name="action_update"),
    path(ACTION + "status/", minutes.action_status, name="action_status"),
    path(ACTION + "massnahme/", minutes.action_to_measure, name="action_to_measure"),
    # The members' read-only link to approved minutes (no account needed).
    path("protokoll/<str:token>/", minutes.minutes_shared, name="minutes_shared"),
    # The registry: bodies, their members, the people in them.
    path(BODIES, registry.body_list, name="body_list"),
    path(BODIES + "aufbau/", registry.body_tree, name="body_tree"),
    path(BODIES + "neu/", registry.body_create, name="body_create"),
    path(BODY, registry.body_detail, name="body_detail"),
    path(BODY + "bearbeiten/", registry.body_update, name="body_update"),
    path(BODY + "loeschen/", registry.body_delete, name="body_delete"),
    path(BODY + "mitglieder/neu/", registry.member_add, name="member_add"),
    path(MEMBER, registry.member_update, name="member_update"),
    path(MEMBER + "austritt/", registry.member_leave, name="member_leave"),
    path(MEMBER + "loeschen/", registry.member_delete, name="member_delete"),
    path(PEOPLE, people.person_list, name="person_list"),
    path(PEOPLE + "neu/", people.person_create, name="person_create"),
    path(PERSON, people.person_detail, name="person_detail"),
    path(PERSON + "bearbeiten/", people.person_update, name="person_update"),
    path(PERSON + "auskunft.json", people.person_export, name="person_export"),
    path(PERSON + "loeschen/", people.person_erase, name="person_erase"),
    # The registry as files: download (XLSX, CSV per table) and upload.
    path(BODIES + "netzwerke.xlsx", registry_files.registry_xlsx, name="registry_xlsx"),
    path(BODIES + "gremien.csv", registry_files.bodies_csv, name="bodies_csv"),
    path(BODIES + "mitglieder.csv", registry_files.members_csv, name="members_csv"),
    path(BODIES + "import/", registry_files.registry_upload, name="registry_import"),
    # The public list of networks marked public.
    path(PUBLIC, public.public_body_list, name="public_list"),
    path(PUBLIC + "<int:body_id>/", public.public_body_detail, name="public_detail"),
    # Analysis: overlap of bodies, load, the network picture and its files.
    path(ANALYSIS, analysis.analysis_overlap, name="analysis_overlap"),
    path(ANALYSIS + "belastung/", analysis.analysis_load, name="analysis_load"),
    path(ANALYSIS + "netzwerkbild/", analysis.analysis_graph, name="analysis_graph"),
    *(
        path(
            ANALYSIS + f"netzwerkbild.{file_format}",
            analysis.analysis_export,
            {"file_format": file_format},
            name=f"analysis_{file_format}",
        )
        for file_format in ("graphml", "gexf", "csv")
    ),
    # My tasks across all bodies, and calendar feeds of meetings and due dates.
    path(BODIES + "meine-aufgaben/", tasks.my_tasks, name="my_tasks"),
    path("kalender/<str:token>/gremien/meine.ics", tasks.my_feed, name="my_feed"),
    path(
        "kalender/<str:token>/gremien/<int:body_id>.ics",
        tasks.body_feed,
        name="body_feed",
    ),
    # Checkliste Netzwerkmanagement (self-assessments repeated over time).
    path(CHECKLIST, checklist.checklist_list, name="checklist_list"),
    path(CHECKLIST + "neu/", checklist.checklist_create, name="checklist_create"),
    path(CHECK, checklist.checklist_result, name="checklist_result"),
    path(CHECK + "bearbeiten/", checklist.checklist_update, name="checklist_update"),
    path(CHECK + "antworten/", checklist.checklist_answers, name="checklist_answers"),
    path(CHECK + "loeschen/", checklist.checklist_delete, name="checklist_delete"),
]
