"""The public surface of ``gavah.verify`` is deliberate: this pins it."""

from __future__ import annotations

import gavah.verify


def test_public_names() -> None:
    assert len(gavah.verify.__all__) == len(set(gavah.verify.__all__))
    for name in gavah.verify.__all__:
        assert hasattr(gavah.verify, name), name
    assert {
        "Grade",
        "GradingPolicy",
        "default_policy",
        "grade_claims",
        "diff_grades",
        "claims_board",
        "count_by_grade",
        "plan_lines",
        "to_lines",
        "acled_rows",
    } <= set(gavah.verify.__all__)
