"""The one import problem collector: cap, count, order, each problem once."""

from __future__ import annotations

import pytest

from kette.core.importers.problems import ProblemCollector
from kette.offers.hsds.problems import Problems

pytestmark = pytest.mark.usefixtures("english")


def test_problems_past_the_cap_are_counted_in_a_closing_line():
    problems = ProblemCollector("zahlen.csv", limit=2)
    for line in range(5):
        problems.add("not a number", row=f"line {line}")
    listed = problems.as_list()
    assert [p.row for p in listed[:2]] == ["line 0", "line 1"]
    assert listed[-1].file == "zahlen.csv"
    assert listed[-1].message == (
        "3 more problems not shown (only the first 2 are listed)"
    )
    assert problems.full and problems.count == 5


def test_in_file_order_lists_by_file_then_row_then_field():
    problems = ProblemCollector(in_file_order=True)
    problems.add("b", file="services.csv", row="line 10")
    problems.add("a", file="services.csv", row="line 9")
    problems.add("c", file="locations.csv", row="line 2")
    problems.add("d", file="locations.csv")
    assert [(p.file, p.row) for p in problems.as_list()] == [
        ("locations.csv", None),
        ("locations.csv", "line 2"),
        ("services.csv", "line 9"),
        ("services.csv", "line 10"),
    ]


def test_a_distinct_collector_counts_a_repeated_problem_once_warnings_apart():
    problems = ProblemCollector("a.csv", distinct=True)
    for _time in range(3):
        problems.add("shared place is wrong", row="line 2")
        problems.add("shared place is wrong", row="line 2", warning=True)
    assert problems.count == 1 and problems.warning_count == 1
    assert problems.as_list() == problems.warning_list()


def test_hsds_wording_names_the_field_and_closes_with_more_not_shown():
    problems = Problems(limit=1)
    problems.record_error({"@file": "services.csv", "@at": 7}, "minimum_age", "x")
    problems.record_error({"@file": "services.csv", "@at": 8}, "minimum_age", "y")
    first, more = problems.failure().problems
    assert (first.file, first.row, first.field) == (
        "services.csv",
        "line 7",
        'field "minimum_age"',
    )
    assert (more.file, more.message) == (
        "…",
        "1 more not shown (only the first 1 are listed)",
    )
