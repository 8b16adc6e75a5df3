"""Nothing makes a page scroll sideways, on a phone (390 px) or a laptop (1280 px):
not a long German compound in a heading, not an e-mail address, and not the
visually hidden texts in the cells of a scrolling table."""

from __future__ import annotations

import pytest
from django.urls import reverse

from .chromium import log_in
from .sample_data import build_sample_city

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (390, 1280)


def _overflow(browser, url: str) -> int:
    browser.get(url)
    return browser.execute_script(
        "const root = document.documentElement;"
        "return root.scrollWidth - root.clientWidth;"
    )


def test_pages_do_not_scroll_sideways_on_a_phone_or_a_laptop(live_server, browser):
    city = build_sample_city()
    slug = city.coordinator.memberships.get().municipality.slug
    city.coordinator.email = "praeventionskoordination@musterstadt.example"
    city.coordinator.save(update_fields=["email"])
    paths = [
        reverse("monitoring:overview", args=[slug]),
        reverse("monitoring:staff_catalogue", args=[slug]),
        reverse("core:staff_membership_list", args=[slug]),
        reverse("core:account"),
    ]
    log_in(browser, live_server.url, city.coordinator)
    wide = []
    try:
        for width in WIDTHS:
            browser.set_window_size(width, 1024)
            for path in paths:
                overflow = _overflow(browser, live_server.url + path)
                if overflow > 0:
                    wide.append(f"{path} at {width} px: {overflow} px too wide")
    finally:
        browser.set_window_size(1280, 1024)
    assert not wide, "\n".join(wide)
