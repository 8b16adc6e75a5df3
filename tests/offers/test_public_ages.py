"""Age ranges in words, in German (the default) and in English."""

from __future__ import annotations

import pytest
from django.utils import translation

from kette.offers.ages import age_in_words, child_age_in_words, common_age_choices

CASES = [
    # min, max, German, English
    (-9, 36, "ab Schwangerschaft bis 3 Jahre", "from pregnancy to 3 years"),
    (-9, 12, "ab Schwangerschaft bis 1 Jahr", "from pregnancy to 1 year"),
    (-9, 0, "in der Schwangerschaft", "during pregnancy"),
    (-3, None, "ab Schwangerschaft", "from pregnancy"),
    (36, 72, "3 bis 6 Jahre", "3 to 6 years"),
    (0, 12, "ab Geburt bis 1 Jahr", "from birth to 1 year"),
    (0, None, "ab Geburt", "from birth"),
    (6, 36, "6 Monate bis 3 Jahre", "6 months to 3 years"),
    (6, 18, "6 bis 18 Monate", "6 to 18 months"),
    (144, None, "ab 12 Jahren", "from 12 years"),
    (12, None, "ab 1 Jahr", "from 1 year"),
    (18, None, "ab 18 Monaten", "from 18 months"),
    (None, 72, "bis 6 Jahre", "up to 6 years"),
    (None, None, "alle Altersstufen", "all ages"),
    (216, 324, "18 bis 27 Jahre", "18 to 27 years"),
]


@pytest.mark.parametrize(("low", "high", "german", "english"), CASES)
def test_age_ranges_read_as_parents_say_them(low, high, german, english):
    with translation.override("de"):
        assert age_in_words(low, high) == german
    with translation.override("en"):
        assert age_in_words(low, high) == english


def test_a_childs_age_in_words():
    with translation.override("de"):
        assert child_age_in_words(-1) == "werdende Eltern (Schwangerschaft)"
        assert child_age_in_words(0) == "neugeboren"
        assert child_age_in_words(30) == "30 Monate"
        assert child_age_in_words(48) == "4 Jahre"
    with translation.override("en"):
        assert child_age_in_words(-1) == "expecting a baby"
        assert child_age_in_words(12) == "1 year"


def test_the_age_select_offers_pregnancy_babies_and_years():
    with translation.override("de"):
        choices = dict(common_age_choices())
    assert choices["expecting"] == "noch nicht geboren – wir erwarten ein Kind"
    assert choices["6"] == "6 Monate alt"
    assert choices["24"] == "2 Jahre alt"
    assert "312" in choices  # 26 years, the end of the transition into work
