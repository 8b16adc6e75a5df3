"""Staff pages of goals and measures (and goal workshops)."""

from django.urls import path

from .views import (
    balance,
    calendar,
    goals,
    grid_files,
    indicators,
    quality,
    reviews,
    workshop_votes,
    workshops,
)

app_name = "goals"

GOALS = "<slug:municipality>/intern/ziele/"
GOAL = GOALS + "<int:goal_id>/"
MEASURE = GOALS + "massnahmen/<int:measure_id>/"
INDICATOR = GOALS + "indikatoren/<int:goal_indicator_id>/"
WORKSHOPS = GOALS + "workshops/"
WORKSHOP = WORKSHOPS + "<int:workshop_id>/"
QUALITY = GOALS + "qualitaet/"
ASSESSMENT = QUALITY + "<int:assessment_id>/"
REVIEWS = GOALS + "reviews/"
REVIEW = REVIEWS + "<int:round_id>/"

urlpatterns = [
    path(GOALS, goals.goal_tree, name="goal_tree"),
    path(GOALS + "leitbild/", goals.vision, name="vision"),
    path(GOALS + "bilanz/", balance.balance, name="balance"),
    # The state's balance across municipalities ("kommunen/" is reserved).
    path("kommunen/ziele/bilanz/", balance.state_balance, name="state_balance"),
    # Quality-cycle self-assessments and the prevention standards in use.
    path(QUALITY, quality.quality_list, name="quality_list"),
    path(QUALITY + "neu/", quality.quality_create, name="quality_create"),
    path(ASSESSMENT, quality.quality_result, name="quality_result"),
    path(ASSESSMENT + "bearbeiten/", quality.quality_update, name="quality_update"),
    path(
        ASSESSMENT + "station/<int:number>/",
        quality.quality_station,
        name="quality_station",
    ),
    path(
        ASSESSMENT + "abschliessen/", quality.quality_complete, name="quality_complete"
    ),
    path(ASSESSMENT + "loeschen/", quality.quality_delete, name="quality_delete"),
    path(
        GOALS + "praeventionsstandards/",
        quality.prevention_standards,
        name="prevention_standards",
    ),
    path("kommunen/ziele/qualitaet/", quality.state_quality, name="state_quality"),
    path(GOALS + "ebenen/", goals.goal_levels, name="goal_levels"),
    path(GOALS + "neu/", goals.goal_create, name="goal_create"),
    path(GOAL, goals.goal_detail, name="goal_detail"),
    path(GOAL + "drucken/", goals.goal_print, name="goal_print"),
    path(GOAL + "raster.pdf", grid_files.grid_pdf, name="goal_pdf"),
    path(GOAL + "raster.xlsx", grid_files.grid_xlsx, name="goal_xlsx"),
    path(GOALS + "raster.pdf", grid_files.grid_pdf, name="grids_pdf"),
    path(GOALS + "raster.xlsx", grid_files.grid_xlsx, name="grids_xlsx"),
    path(GOALS + "raster-import/", grid_files.grid_import, name="grid_import"),
    path(GOALS + "kalender/", calendar.calendar_feeds, name="calendar_feeds"),
    # A calendar feed of measure deadlines: the signed token is the key.
    path(
        "kalender/<str:token>/<str:kind>.ics",
        calendar.measure_feed,
        name="measure_feed",
    ),
    path(GOAL + "bearbeiten/", goals.goal_update, name="goal_update"),
    path(GOAL + "verschieben/", goals.goal_move, name="goal_move"),
    path(GOAL + "loeschen/", goals.goal_delete, name="goal_delete"),
    path(GOAL + "massnahmen/neu/", goals.measure_create, name="measure_create"),
    path(MEASURE + "bearbeiten/", goals.measure_update, name="measure_update"),
    path(MEASURE + "verschieben/", goals.measure_move, name="measure_move"),
    path(MEASURE + "loeschen/", goals.measure_delete, name="measure_delete"),
    path(MEASURE, goals.measure_status, name="measure_status"),
    # Indicators of goals and measures, their targets and actuals.
    path(
        GOAL + "indikatoren/neu/",
        indicators.goal_indicator_create,
        name="goal_indicator_create",
    ),
    path(
        MEASURE + "indikatoren/neu/",
        indicators.measure_indicator_create,
        name="measure_indicator_create",
    ),
    path(INDICATOR, indicators.indicator_detail, name="indicator_detail"),
    path(
        INDICATOR + "bearbeiten/",
        indicators.indicator_update,
        name="indicator_update",
    ),
    path(INDICATOR + "loeschen/", indicators.indicator_delete, name="indicator_delete"),
    # Goal workshops: participants, ideas, perspectives, dot vote, backlog.
    path(WORKSHOPS, workshops.workshop_list, name="workshop_list"),
    path(WORKSHOPS + "neu/", workshops.workshop_create, name="workshop_create"),
    path(WORKSHOP, workshops.workshop_detail, name="workshop_detail"),
    path(WORKSHOP + "bearbeiten/", workshops.workshop_update, name="workshop_update"),
    path(WORKSHOP + "loeschen/", workshops.workshop_delete, name="workshop_delete"),
    path(
        WORKSHOP + "teilnehmende/neu/",
        workshops.participant_add,
        name="participant_add",
    ),
    path(
        WORKSHOP + "teilnehmende/<int:participant_id>/entfernen/",
        workshops.participant_remove,
        name="participant_remove",
    ),
    path(
        WORKSHOP + "teilnehmende/<int:participant_id>/neuer-link/",
        workshops.participant_renew_link,
        name="participant_renew_link",
    ),
    path(WORKSHOP + "links/", workshops.workshop_links, name="workshop_links"),
    path(WORKSHOP + "ideen/neu/", workshops.idea_edit, name="idea_create"),
    path(
        WORKSHOP + "ideen/<int:idea_id>/bearbeiten/",
        workshops.idea_edit,
        name="idea_update",
    ),
    path(
        WORKSHOP + "ideen/<int:idea_id>/loeschen/",
        workshops.idea_delete,
        name="idea_delete",
    ),
    path(
        WORKSHOP + "perspektiven/neu/",
        workshops.perspective_edit,
        name="perspective_create",
    ),
    path(
        WORKSHOP + "perspektiven/<int:perspective_id>/bearbeiten/",
        workshops.perspective_edit,
        name="perspective_update",
    ),
    path(
        WORKSHOP + "perspektiven/<int:perspective_id>/loeschen/",
        workshops.perspective_delete,
        name="perspective_delete",
    ),
    path(
        WORKSHOP + "perspektiven/<int:perspective_id>/entscheiden/",
        workshop_votes.perspective_decide,
        name="perspective_decide",
    ),
    path(
        WORKSHOP + "abstimmung/", workshop_votes.workshop_voting, name="workshop_voting"
    ),
    path(
        WORKSHOP + "meine-punkte/",
        workshop_votes.workshop_vote_signed_in,
        name="workshop_vote_signed_in",
    ),
    path(
        WORKSHOP + "ergebnis/", workshop_votes.workshop_result, name="workshop_result"
    ),
    path(WORKSHOP + "auswahl/", workshop_votes.workshop_cut, name="workshop_cut"),
    path(
        WORKSHOP + "dokumentation/",
        workshop_votes.workshop_document,
        name="workshop_document",
    ),
    path(GOALS + "themenspeicher/", workshop_votes.backlog_list, name="backlog_list"),
    path(
        GOALS + "themenspeicher/<int:perspective_id>/aufgreifen/",
        workshop_votes.backlog_take_up,
        name="backlog_take_up",
    ),
    # A participant's personal voting link: the signed token is the key.
    path("abstimmung/<str:token>/", workshop_votes.workshop_vote, name="workshop_vote"),
    # Review rounds; a person's review page behind their personal link.
    path(REVIEWS, reviews.review_list, name="review_list"),
    path(REVIEWS + "neu/", reviews.review_open, name="review_open"),
    path(REVIEW, reviews.review_detail, name="review_detail"),
    path(REVIEW + "abschliessen/", reviews.review_close, name="review_close"),
    path(REVIEW + "bericht/", reviews.review_report, name="review_report"),
    path(
        REVIEW + "personen/<int:request_id>/senden/",
        reviews.review_resend,
        name="review_resend",
    ),
    path(
        REVIEW + "meine-massnahmen/",
        reviews.review_answer_signed_in,
        name="review_answer_signed_in",
    ),
    path("statusabfrage/<str:token>/", reviews.review_answer, name="review_answer"),
]
