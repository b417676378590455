"""The Fellegi-Sunter model's comparisons and blocking rules, as Splink settings (data, no I/O).

Owns what two records are compared on and which pairs are compared at all. Names are compared on
consonant skeletons (:mod:`gavah.linkage.features`), which agree across Persian and Latin
script, in either order (given/family swapped, "family given" lists) and whole (compound names
split differently); Jaro-Winkler similarity catches typos. Father's name, age within a tolerance,
the event day within days, place through the gazetteer's codes and sex follow. Blocking rules
are OR-ed: a true pair needs to agree exactly on only one of them to be scored, which keeps
recall near 1 while the number of pairs stays near linear in the records.

SQL here is DuckDB's dialect (``jaro_winkler_similarity``); Spark has the same function names.
It must not run anything: :mod:`gavah.linkage.scoring` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "BLOCKING_KEYS",
    "BLOCKING_RULES",
    "BLOCK_MAX",
    "COMPARISONS",
    "RARE_KEYS",
    "RARE_NAME_MAX",
    "SAME_LIST_M",
    "TRAINING_BLOCKS",
    "BlockingKey",
    "comparison_names",
]


def _jw(column: str, threshold: float, *, swapped: str | None = None) -> str:
    plain = f"jaro_winkler_similarity({column}_l, {column}_r) >= {threshold}"
    if swapped is None:
        return plain
    return f"({plain} OR jaro_winkler_similarity({column}_l, {swapped}_r) >= {threshold})"


def _null(*columns: str) -> dict[str, Any]:
    condition = " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in columns)
    return {"sql_condition": condition, "label_for_charts": "missing", "is_null_level": True}


def _level(condition: str, label: str) -> dict[str, Any]:
    return {"sql_condition": condition, "label_for_charts": label}


def _tf(level: dict[str, Any], column: str) -> dict[str, Any]:
    return {**level, "tf_adjustment_column": column, "tf_adjustment_weight": 1.0}


_ELSE = {"sql_condition": "ELSE", "label_for_charts": "different"}

#: The share of true pairs that come from one list (a list naming a person twice): rare.
SAME_LIST_M = 0.02

_NAME = {
    "output_column_name": "name",
    "comparison_description": "whole name: consonant skeletons of given and family names",
    "comparison_levels": [
        _null("name_sk"),
        # A rare name agreeing says more than a common one: Splink's term frequencies.
        _tf(_level("name_sk_l = name_sk_r", "whole name agrees"), "name_sk"),
        _tf(_level("name_sk_l = name_sk_rev_r", "agrees, given and family swapped"), "name_sk"),
        _level(
            "name_loose_l = name_loose_r OR name_loose_l = name_loose_rev_r",
            "same consonants, split or joined differently",
        ),
        _level(
            "name_rasm_l = name_rasm_r OR name_rasm_l = name_rasm_rev_r",
            "same letter shapes (a dot typed differently)",
        ),
        _level(_jw("name_sk", 0.92, swapped="name_sk_rev"), "whole name nearly agrees"),
        _level(_jw("name_sk", 0.84, swapped="name_sk_rev"), "whole name is similar"),
        _level("family_sk_l = family_sk_r", "only the family name agrees"),
        _level("given_sk_l = given_sk_r", "only the given name agrees"),
        _ELSE,
    ],
}

_FATHER = {
    "output_column_name": "father",
    "comparison_description": "father's given name (consonant skeleton)",
    "comparison_levels": [
        _null("father_sk"),
        _level("father_sk_l = father_sk_r", "agrees"),
        _level(_jw("father_sk", 0.88), "similar"),
        _ELSE,
    ],
}

_AGE = {
    "output_column_name": "age",
    "comparison_description": "age in years, within a tolerance",
    "comparison_levels": [
        _null("age"),
        _level("age_l = age_r", "same age"),
        _level("abs(age_l - age_r) <= 1", "within 1 year"),
        _level("abs(age_l - age_r) <= 3", "within 3 years"),
        _ELSE,
    ],
}

_DAY = {
    "output_column_name": "day",
    "comparison_description": "day of the event, within days",
    "comparison_levels": [
        _null("day"),
        _level("day_l = day_r", "same day"),
        _level("abs(day_l - day_r) <= 1", "within a day"),
        _level("abs(day_l - day_r) <= 3", "within 3 days"),
        _level("abs(day_l - day_r) <= 10", "within 10 days"),
        _ELSE,
    ],
}

_PLACE = {
    "output_column_name": "place",
    "comparison_description": "place: gazetteer province code and city",
    "comparison_levels": [
        _null("province"),
        _level("province_l = province_r AND city_l = city_r", "same city"),
        _level("province_l = province_r", "same province"),
        _ELSE,
    ],
}

_SEX = {
    "output_column_name": "sex",
    "comparison_description": "sex",
    "comparison_levels": [_null("sex"), _level("sex_l = sex_r", "same"), _ELSE],
}

_LIST = {
    "output_column_name": "list",
    "comparison_description": "the lists of the two records (a list rarely names a person twice)",
    "comparison_levels": [
        _null("list_name"),
        # m is fixed, not learnt: EM's blocks hold namesakes within a list as readily as across.
        {
            **_level("list_name_l <> list_name_r", "different lists"),
            "m_probability": 1.0 - SAME_LIST_M,
            "fix_m_probability": True,
        },
        {
            "sql_condition": "ELSE",
            "label_for_charts": "same list",
            "m_probability": SAME_LIST_M,
            "fix_m_probability": True,
        },
    ],
}

#: The comparisons, in the order their match weights are reported.
COMPARISONS: tuple[dict[str, Any], ...] = (_NAME, _FATHER, _AGE, _DAY, _PLACE, _SEX, _LIST)

#: A name key shared by more records than this blocks only together with another field: a pair
#: of namesakes of a common name that agree on nothing else could not reach the threshold anyway,
#: and blocking on such a name alone makes the candidate pairs grow with the square of the data.
RARE_NAME_MAX = 40

#: Columns holding a name key only where that key is rare (see :data:`RARE_NAME_MAX`);
#: :mod:`gavah.linkage.scoring` derives them from the feature columns named here.
RARE_KEYS: tuple[tuple[str, str], ...] = (
    ("name_sk_rare", "name_sk"),
    ("name_sk_rev_rare", "name_sk_rev"),
    ("name_loose_rare", "name_loose"),
    ("name_loose_rev_rare", "name_loose_rev"),
    ("name_rasm_rare", "name_rasm"),
    ("name_rasm_rev_rare", "name_rasm_rev"),
)

#: The most records a block of :data:`BLOCKING_KEYS` may hold: a key value more records share
#: is not blocked on (those records meet through the rules with more fields). A block of n
#: records costs n (n - 1) / 2 pairs: with blocks bounded, the pairs grow linearly with the
#: register. Measured on `gavah synth`: at 100,000 persons it halves the candidate pairs and
#: changes no block of the independent lists at 15,000 persons.
BLOCK_MAX = 100


@dataclass(frozen=True, slots=True)
class BlockingKey:
    """A blocking rule as a key: a pair is scored when one record's ``left`` fields equal the
    other's ``right`` fields (``right`` is ``None`` when both sides read the same fields).

    ``column`` names the feature-table column holding the key (and ``column_rev`` its other
    side), computed by :func:`gavah.linkage.blocking.block_key_columns` in blocks of at most
    :data:`BLOCK_MAX` records. Fields are SQL expressions over the feature columns.
    """

    column: str
    left: tuple[str, ...]
    right: tuple[str, ...] | None = None

    @property
    def rule(self) -> str:
        """The blocking rule (SQL over ``l`` and ``r``)."""
        other = self.column if self.right is None else f"{self.column}_rev"
        return f"l.{self.column} = r.{other}"


_FAMILY_INITIAL = "substr(family_sk, 1, 1)"

#: The blocking rules beyond the rare whole names: a name key with other fields, or one name part
#: with other fields. Each rule's expected pairs are N² times the sum of the squared shares of
#: its keys' values, so a rule with a common key (a given name, a day of a protest, a province)
#: needs enough other keys to keep that near 1 / N; :data:`BLOCK_MAX` bounds what is left.
BLOCKING_KEYS: tuple[BlockingKey, ...] = (
    BlockingKey("block_name_day_province", ("name_sk", "day", "province")),
    BlockingKey("block_name_province", ("name_sk", "province")),
    BlockingKey("block_name_age", ("name_sk", "age")),
    BlockingKey("block_name_father", ("name_sk", "father_sk")),
    BlockingKey(
        "block_name_swapped_province", ("name_sk", "province"), ("name_sk_rev", "province")
    ),
    BlockingKey("block_loose_day_province", ("name_loose", "day", "province")),
    BlockingKey("block_loose_swapped_day", ("name_loose", "day"), ("name_loose_rev", "day")),
    BlockingKey("block_shape_day_province", ("name_rasm", "day", "province")),
    BlockingKey("block_shape_city", ("name_rasm", "city")),
    BlockingKey("block_family_day_city", ("family_sk", "day", "city")),
    BlockingKey("block_given_day_city", ("given_sk", "day", "city", _FAMILY_INITIAL)),
    BlockingKey("block_family_province_age", ("family_sk", "province", "age")),
    BlockingKey("block_given_father_city", ("given_sk", "father_sk", "city")),
    BlockingKey("block_father_age_day_province", ("father_sk", "age", "day", "province")),
    BlockingKey("block_head_day_age_province", ("substr(name_sk, 1, 4)", "day", "age", "province")),
)

#: Pairs are scored when they agree on any one of these (SQL over ``l`` and ``r``). Every rule
#: keeps its blocks small: a rare whole name alone, or a key of :data:`BLOCKING_KEYS`.
BLOCKING_RULES: tuple[str, ...] = (
    "l.name_sk_rare = r.name_sk_rare",
    "l.name_sk_rare = r.name_sk_rev_rare",
    "l.name_loose_rare = r.name_loose_rare",
    "l.name_loose_rare = r.name_loose_rev_rare",
    "l.name_rasm_rare = r.name_rasm_rare",
    "l.name_rasm_rare = r.name_rasm_rev_rare",
    *(key.rule for key in BLOCKING_KEYS),
)

#: EM sessions: each fixes what it blocks on, so every comparison is trained in one of them. Each
#: block must hold many true matches among its pairs, at any size of the register: a whole name
#: alone does not (namesakes grow with the square of the data, true matches linearly, and EM
#: then learns "namesakes" instead of "same person"), a whole name with the day or the
#: province does.
TRAINING_BLOCKS: tuple[str, ...] = (
    "l.name_sk = r.name_sk AND l.age = r.age",
    "l.name_sk = r.name_sk AND l.day = r.day AND l.province = r.province",
    "l.day = r.day AND l.province = r.province AND l.age = r.age",
)


def comparison_names() -> tuple[str, ...]:
    """The output names of the comparisons (``name``, ``father``, ...), in order."""
    return tuple(str(c["output_column_name"]) for c in COMPARISONS)
