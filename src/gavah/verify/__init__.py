"""Verification: independent streams, the grading policy, grades with reasons, counts by grade.

Owns the public surface of ``gavah.verify``, re-exported here: the policy (:class:`Grade`,
:class:`GradingPolicy`, :func:`default_policy`), streams (:class:`Witness`, :class:`StreamIndex`),
grading (:func:`grade_claims`, :func:`assess`), the policy diff (:func:`diff_grades`), the claims
board (:func:`claims_board`), counts by grade (:func:`count_by_grade`, :func:`summary_line`), the
JSON-lines interchange (:func:`plan_lines`, :func:`to_lines`) and ACLED rows
(:func:`acled_rows`). Part of the pure domain core: it imports no database, web or command-line
framework and reads no clock (``today`` is passed in).
"""

from __future__ import annotations

from gavah.verify.acled import ACLED_COLUMNS, acled_rows
from gavah.verify.board import BoardEntry, BoardRow, claims_board, format_range
from gavah.verify.counts import (
    DOCUMENTED,
    CountRow,
    Counts,
    Estimate,
    GroupBy,
    NamedVictim,
    Tally,
    count_by_grade,
    summary_line,
)
from gavah.verify.diff import GradeChange, diff_grades
from gavah.verify.grading import (
    Assessment,
    ClaimGrade,
    Contradiction,
    Explanation,
    assess,
    claim_witness,
    grade_claims,
    support_groups,
)
from gavah.verify.interchange import (
    RECORD_TYPES,
    ClaimLine,
    IncidentLine,
    Known,
    LinePlan,
    Problem,
    Record,
    interchange_schema,
    parse_line,
    plan_lines,
    to_lines,
)
from gavah.verify.policy import (
    GRADE_ORDER,
    Grade,
    GradingPolicy,
    default_policy,
    default_policy_text,
    parse_policy,
    policy_from_toml,
)
from gavah.verify.quantity import PlaceNormaliser, Quantity, quantity_of
from gavah.verify.streams import Stream, StreamIndex, Witness

__all__ = [
    "ACLED_COLUMNS",
    "DOCUMENTED",
    "GRADE_ORDER",
    "RECORD_TYPES",
    "Assessment",
    "BoardEntry",
    "BoardRow",
    "ClaimGrade",
    "ClaimLine",
    "Contradiction",
    "CountRow",
    "Counts",
    "Estimate",
    "Explanation",
    "Grade",
    "GradeChange",
    "GradingPolicy",
    "GroupBy",
    "IncidentLine",
    "Known",
    "LinePlan",
    "NamedVictim",
    "PlaceNormaliser",
    "Problem",
    "Quantity",
    "Record",
    "Stream",
    "StreamIndex",
    "Tally",
    "Witness",
    "acled_rows",
    "assess",
    "claim_witness",
    "claims_board",
    "count_by_grade",
    "default_policy",
    "default_policy_text",
    "diff_grades",
    "format_range",
    "grade_claims",
    "interchange_schema",
    "parse_line",
    "parse_policy",
    "plan_lines",
    "policy_from_toml",
    "quantity_of",
    "summary_line",
    "support_groups",
    "to_lines",
]
