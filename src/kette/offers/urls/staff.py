"""Staff pages of the offer directory: self-service, review, synonyms, inventory."""

from django.urls import path

from ..views import hsds, inventory, review, staff, synonyms

app_name = "offers_staff"

OFFERS = "<slug:municipality>/intern/angebote/"
OFFER = OFFERS + "<uuid:offer_id>/"

urlpatterns = [
    path(OFFERS, staff.offer_list, name="offer_list"),
    path(OFFERS + "neu/", staff.offer_create, name="offer_create"),
    path(OFFERS + "pruefung/", review.review_queue, name="review_queue"),
    path(OFFERS + "hsds/", hsds.hsds_exchange, name="hsds_exchange"),
    path(OFFERS + "hsds/export.zip", hsds.hsds_export_zip, name="hsds_export_zip"),
    path(OFFERS + "hsds/export.json", hsds.hsds_export_json, name="hsds_export_json"),
    path(
        OFFERS + "pruefung/<uuid:offer_id>/",
        review.review_detail,
        name="review_detail",
    ),
    path(
        OFFERS + "pruefung/<uuid:offer_id>/freigeben/",
        review.review_approve,
        name="review_approve",
    ),
    path(
        OFFERS + "pruefung/<uuid:offer_id>/zurueckgeben/",
        review.review_return,
        name="review_return",
    ),
    path(OFFER, staff.offer_detail, name="offer_detail"),
    path(OFFER + "bearbeiten/", staff.offer_update, name="offer_update"),
    path(OFFER + "einreichen/", staff.offer_submit, name="offer_submit"),
    path(OFFER + "bestaetigen/", staff.offer_verify, name="offer_verify"),
    path(OFFER + "archivieren/", staff.offer_archive, name="offer_archive"),
    path(OFFER + "loeschen/", staff.offer_delete, name="offer_delete"),
    path(
        "<slug:municipality>/intern/suchbegriffe/",
        synonyms.synonym_list,
        name="synonym_list",
    ),
    path(
        "<slug:municipality>/intern/suchbegriffe/neu/",
        synonyms.synonym_create,
        name="synonym_create",
    ),
    path(
        "<slug:municipality>/intern/suchbegriffe/<int:synonym_id>/",
        synonyms.synonym_update,
        name="synonym_update",
    ),
    path(
        "<slug:municipality>/intern/suchbegriffe/<int:synonym_id>/loeschen/",
        synonyms.synonym_delete,
        name="synonym_delete",
    ),
    path(
        "<slug:municipality>/intern/bestand/",
        inventory.inventory_page,
        name="inventory",
    ),
    path(
        "<slug:municipality>/intern/bestand/bestand.csv",
        inventory.inventory_csv_download,
        name="inventory_csv",
    ),
    path(
        "<slug:municipality>/intern/bestand/bestand.xlsx",
        inventory.inventory_xlsx_download,
        name="inventory_xlsx",
    ),
]
