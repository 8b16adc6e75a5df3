from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularJSONAPIView

from .views import (
    districts,
    docs,
    goals,
    measures,
    monitoring,
    municipalities,
    network_meetings,
    networks,
    offers,
    organisations,
    vocabularies,
)

app_name = "api"

TAGS = [
    {"name": "api", "description": _("Entry points.")},
    {
        "name": "municipalities",
        "description": _("Municipalities (Kommunen): the tenants. Public."),
    },
    {
        "name": "districts",
        "description": _(
            "Districts (Sozialräume) of a municipality as GeoJSON. Public; "
            "population figures only for members of the municipality."
        ),
    },
    {
        "name": "vocabularies",
        "description": _(
            "Shared vocabularies: age bands, life phases, fields of action, "
            "prevention standards, target groups, languages and more. Public."
        ),
    },
    {
        "name": "organisations",
        "description": _(
            "Organisations (Träger) of a municipality. Public to read; writes "
            "need a role in the municipality and are recorded in the audit trail."
        ),
    },
    {
        "name": "offers",
        "description": _(
            "Offers (Angebote) of the directory (Wegweiser): search with filters "
            "and facets, and each offer in full. Published offers are public; "
            "provider editors write the offers of their organisations, "
            "coordinators review them."
        ),
    },
    {
        "name": "monitoring",
        "description": _(
            "Monitoring (Sozialmonitoring): indicators, their figures per district "
            "and period, and composite indices with their results. Published "
            "indicators and indices are public, with small counts withheld; "
            "planners and coordinators of the municipality see everything."
        ),
    },
    {
        "name": "goals",
        "description": _(
            "Goals (Ziele) with their SMART grids, measures (Maßnahmen) with "
            "their dated status history, and the balance (Bilanz). Internal: "
            "members of the municipality read, coordinators write, the person "
            "responsible for a measure records its status; every write is "
            "recorded in the audit trail."
        ),
    },
    {
        "name": "networks",
        "description": _(
            "Networks and working bodies (Gremien) and their memberships over "
            "time. Internal: members of the municipality read; coordinators "
            "keep the registry, a network lead the bodies they lead; members' "
            "e-mail and phone only for staff, the body's lead and its members; "
            "every write is recorded in the audit trail."
        ),
    },
]

DESCRIPTION = _(
    "Public and staff API of kette, version 1.\n\n"
    "Authentication: a browser session, or a token sent as "
    "`Authorization: Bearer <token>`. Create one on your account page or with "
    "`kette create_api_token USERNAME --name NAME [--scope read|full]`; a "
    "read-only token (the default) gets 403 on writes, and a token stops "
    "working when its user's password changes.\n\n"
    "Errors always have the form "
    '`{"message": "...", "errors": {"field": ["..."]}}`.\n\n'
    "Texts are German unless `?lang=en` asks for English."
)

MUNICIPALITY = "municipalities/<slug:municipality>/"
ORGANISATION = MUNICIPALITY + "organisations/<int:organisation_id>/"
OFFER = MUNICIPALITY + "offers/<uuid:offer_id>/"
MONITORING = MUNICIPALITY + "monitoring/"
GOALS = MUNICIPALITY + "goals/"
MEASURES = MUNICIPALITY + "measures/"
BODIES = MUNICIPALITY + "bodies/"
BODY = BODIES + "<int:body_id>/"
BODY_MEMBER = BODY + "members/<int:member_id>/"
MEETING = MUNICIPALITY + "meetings/<int:meeting_id>/"
ACTION_ITEMS = MUNICIPALITY + "action-items/"
ACTION_ITEM = ACTION_ITEMS + "<int:action_id>/"

urlpatterns = [
    path("", municipalities.ApiRootView.as_view(), name="root"),
    path(
        "openapi.json",
        SpectacularJSONAPIView.as_view(
            custom_settings={"TAGS": TAGS, "DESCRIPTION": DESCRIPTION}
        ),
        name="openapi",
    ),
    path("docs/", docs.api_docs, name="docs"),
    path(
        "municipalities/",
        municipalities.MunicipalityListView.as_view(),
        name="municipality-list",
    ),
    path(
        MUNICIPALITY,
        municipalities.MunicipalityDetailView.as_view(),
        name="municipality-detail",
    ),
    path(
        MUNICIPALITY + "districts/",
        districts.DistrictListView.as_view(),
        name="district-list",
    ),
    path(
        MUNICIPALITY + "districts/<str:district_code>/",
        districts.DistrictDetailView.as_view(),
        name="district-detail",
    ),
    path(
        MUNICIPALITY + "organisations/",
        organisations.OrganisationListView.as_view(),
        name="organisation-list",
    ),
    path(
        ORGANISATION,
        organisations.OrganisationDetailView.as_view(),
        name="organisation-detail",
    ),
    path(
        "vocabularies/",
        vocabularies.VocabularyListView.as_view(),
        name="vocabulary-list",
    ),
    path(
        "vocabularies/<slug:vocabulary>/",
        vocabularies.VocabularyDetailView.as_view(),
        name="vocabulary-detail",
    ),
    path(MUNICIPALITY + "offers/", offers.OfferListView.as_view(), name="offer-list"),
    path(OFFER, offers.OfferDetailView.as_view(), name="offer-detail"),
    path(OFFER + "submit/", offers.OfferSubmitView.as_view(), name="offer-submit"),
    path(OFFER + "approve/", offers.OfferApproveView.as_view(), name="offer-approve"),
    path(OFFER + "return/", offers.OfferReturnView.as_view(), name="offer-return"),
    path(OFFER + "archive/", offers.OfferArchiveView.as_view(), name="offer-archive"),
    path(
        MONITORING + "indicators/",
        monitoring.IndicatorListView.as_view(),
        name="monitoring-indicator-list",
    ),
    path(
        MONITORING + "indicators/<slug:key>/",
        monitoring.IndicatorDetailView.as_view(),
        name="monitoring-indicator-detail",
    ),
    path(
        MONITORING + "observations/",
        monitoring.ObservationListView.as_view(),
        name="monitoring-observation-list",
    ),
    path(
        MONITORING + "indices/",
        monitoring.IndexListView.as_view(),
        name="monitoring-index-list",
    ),
    path(
        MONITORING + "indices/<slug:key>/",
        monitoring.IndexDetailView.as_view(),
        name="monitoring-index-detail",
    ),
    path(
        MONITORING + "indices/<slug:key>/results/",
        monitoring.IndexResultView.as_view(),
        name="monitoring-index-results",
    ),
    path(GOALS, goals.GoalListView.as_view(), name="goal-list"),
    path(GOALS + "balance/", goals.BalanceView.as_view(), name="goal-balance"),
    path(GOALS + "<int:goal_id>/", goals.GoalDetailView.as_view(), name="goal-detail"),
    path(
        GOALS + "<int:goal_id>/move/",
        goals.GoalMoveView.as_view(),
        name="goal-move",
    ),
    path(
        "goals/balance/",
        goals.StateBalanceView.as_view(),
        name="goal-state-balance",
    ),
    path(MEASURES, measures.MeasureListView.as_view(), name="measure-list"),
    path(
        MEASURES + "<int:measure_id>/",
        measures.MeasureDetailView.as_view(),
        name="measure-detail",
    ),
    path(
        MEASURES + "<int:measure_id>/status-changes/",
        measures.MeasureStatusChangesView.as_view(),
        name="measure-status-changes",
    ),
    path(
        MEASURES + "<int:measure_id>/move/",
        measures.MeasureMoveView.as_view(),
        name="measure-move",
    ),
    path(BODIES, networks.BodyListView.as_view(), name="body-list"),
    path(BODY, networks.BodyDetailView.as_view(), name="body-detail"),
    path(
        BODY + "members/",
        networks.MembershipListView.as_view(),
        name="body-member-list",
    ),
    path(
        BODY_MEMBER,
        networks.MembershipDetailView.as_view(),
        name="body-member-detail",
    ),
    path(
        BODY_MEMBER + "leave/",
        networks.MembershipLeaveView.as_view(),
        name="body-member-leave",
    ),
    path(
        BODY + "meetings/",
        network_meetings.BodyMeetingListView.as_view(),
        name="body-meeting-list",
    ),
    path(MEETING, network_meetings.MeetingDetailView.as_view(), name="meeting-detail"),
    path(
        ACTION_ITEMS,
        network_meetings.ActionItemListView.as_view(),
        name="action-item-list",
    ),
    path(
        ACTION_ITEM,
        network_meetings.ActionItemDetailView.as_view(),
        name="action-item-detail",
    ),
    path(
        ACTION_ITEM + "status/",
        network_meetings.ActionItemStatusView.as_view(),
        name="action-item-status",
    ),
]
