"""One rule for every paginated list: a page that does not exist is never
shown under another number without saying so.

A page past the end shows the last page, a page that is no number the first,
each with a notice naming what was asked for ("Seite 99999 gibt es nicht; Sie
sehen die letzte Seite (10)."). Staff lists get it as a message; the public
directory adds it to its notes on the search.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.translation import gettext as _

# Longer page parameters are cut in the notice (they are echoed back).
SHOWN_CHARACTERS = 20


def page_notice(asked: str | None, shown: int, last: int) -> str | None:
    """What to tell someone who asked for page ``asked`` and sees ``shown``."""
    asked = (asked or "").strip()
    if not asked or asked == str(shown):
        return None
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    number = int(asked) if asked.isdecimal() else None
    if number is not None and number > last:
        return _("There is no page %(page)s; you see the last page (%(last)d).") % {
            "page": asked[:SHOWN_CHARACTERS],
            "last": last,
        }
    if number == shown:
        return None  # "007" for page 7
    return _("“%(page)s” is not a page number; you see the first page.") % {
        "page": asked[:SHOWN_CHARACTERS]
    }


def paginate(request: HttpRequest, items: Sequence, per_page: int) -> Page:
    """The requested page of ``items``; a notice (as a message) if it is not
    the page that was asked for."""
    asked = request.GET.get("page")
    page = Paginator(items, per_page).get_page(asked)
    notice = page_notice(asked, page.number, page.paginator.num_pages)
    if notice:
        messages.info(request, notice)
    return page
