"""The public offer directory: German addresses, and English ones for the same pages.

The English variants are aliases of the same views (not redirects), so that
an offer that is not public answers 404 under both addresses alike.
"""

from django.urls import path

from ..views import public

app_name = "offers"

urlpatterns = []
for suffix, words in (
    ("", {"offers": "angebote", "print": "druck", "calendar": "kalender"}),
    ("_en", {"offers": "offers", "print": "print", "calendar": "calendar"}),
):
    offers = "<slug:municipality>/" + words["offers"] + "/"
    urlpatterns += [
        path(offers, public.offer_search, name="search" + suffix),
        path(
            offers + words["print"] + "/",
            public.offer_print_list,
            name="print" + suffix,
        ),
        path(offers + "<uuid:offer_id>/", public.offer_detail, name="detail" + suffix),
        path(
            offers + "<uuid:offer_id>/" + words["calendar"] + ".ics",
            public.offer_calendar_file,
            name="calendar" + suffix,
        ),
    ]
