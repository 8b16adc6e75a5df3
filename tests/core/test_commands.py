"""The helpers every ``kette`` command shares (kette.core.commands)."""

from __future__ import annotations

import io

from kette.core.commands import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_prints_a_line_per_quarter_in_a_log():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    for done in range(0, 4001, 100):
        bar("reading", done, 4000)
    assert stream.getvalue().splitlines() == [
        "reading: 0% (0/4000)",
        "reading: 25% (1000/4000)",
        "reading: 50% (2000/4000)",
        "reading: 75% (3000/4000)",
        "reading: 100% (4000/4000)",
    ]


def test_progress_bar_starts_again_for_each_stage():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar("reading", 4000, 4000)
    bar("checking", 0, 3000)
    assert stream.getvalue().splitlines() == [
        "reading: 100% (4000/4000)",
        "checking: 0% (0/3000)",
    ]


def test_progress_bar_redraws_one_line_on_a_terminal():
    stream = Terminal()
    bar = ProgressBar(stream)
    bar("saving", 1000, 2000)
    bar("saving", 2000, 2000)
    drawn = stream.getvalue()
    assert drawn.count("\n") == 1 and drawn.endswith("\n")
    assert "\rsaving: [" + "#" * 15 + "-" * 15 + "]" in drawn
    assert "\rsaving: [" + "#" * 30 + "]" in drawn


def test_progress_bar_stays_quiet_for_small_steps_and_when_disabled():
    stream = io.StringIO()
    ProgressBar(stream)("reading", 10, ProgressBar.SMALL - 1)
    ProgressBar(stream, enabled=False)("reading", 10, 10_000)
    assert stream.getvalue() == ""
