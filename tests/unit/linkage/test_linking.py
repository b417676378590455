"""Linking end to end on lists the project did not generate (see ``otherlists``)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from gavah.errors import ConfigError
from gavah.linkage import (
    MIN_LABELLED_PAIRS,
    Decision,
    Judgement,
    LinkOptions,
    LinkResult,
    build_person,
    features_of,
    link_records,
    pairwise_scores,
    record_uid,
    score_pairs,
)
from gavah.model import PersonStatus, Record
from gavah.register import ListMapping, plan_import, read_table
from gavah.text import parse_date
from gavah.vocab import load_gazetteer
from tests.unit.linkage.otherlists import other_lists

#: Quality floor on these small, namesake-heavy lists (22 given x 26 family names); at 1,500
#: persons the same generator measures F1 0.96 (precision 0.976, recall 0.943).
F1_FLOOR = 0.93
NOW = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def lists() -> tuple[list[Record], dict[str, str]]:
    texts, truth = other_lists(600, seed=11)
    gazetteer = load_gazetteer()
    records: list[Record] = []
    for name, text in texts.items():
        plan = plan_import(name, read_table(text.encode(), f"{name}.csv"), ListMapping(), gazetteer)
        assert plan.refused == ()
        records.extend(plan.records)
    return records, {record_uid(s, r): p for (s, r), p in truth.items()}


@pytest.fixture(scope="module")
def linked(lists: tuple[list[Record], dict[str, str]]) -> LinkResult:
    counter = itertools.count()
    return link_records(lists[0], [], {}, lambda: f"p{next(counter)}", LinkOptions())


def _predicted(result: LinkResult) -> dict[str, str]:
    return {uid: pid for pid, uids in result.members.items() for uid in uids}


def test_linkage_finds_the_same_persons_across_scripts(
    lists: tuple[list[Record], dict[str, str]], linked: LinkResult
) -> None:
    scores = pairwise_scores(_predicted(linked), lists[1])
    assert scores.f1 >= F1_FLOOR, scores
    assert scores.precision >= F1_FLOOR, scores


def test_every_record_is_in_exactly_one_person(
    lists: tuple[list[Record], dict[str, str]], linked: LinkResult
) -> None:
    uids = [uid for members in linked.members.values() for uid in members]
    assert sorted(uids) == sorted(lists[1])
    assert {p.id for p in linked.persons} == set(linked.members)


def test_review_pairs_are_uncertain_and_carry_their_reasons(linked: LinkResult) -> None:
    options = LinkOptions()
    for pair in linked.review:
        # Below the threshold, or a same-list pair below the stricter same-list bar.
        assert options.review_from <= pair.probability < options.same_source_from
        assert [c.comparison for c in pair.contributions] == [
            "name",
            "father",
            "age",
            "day",
            "place",
            "sex",
            "list",
        ]


def test_the_contributions_explain_the_whole_score(linked: LinkResult) -> None:
    # The prior plus every comparison's weight (term frequencies included) is the match weight:
    # the same constant for every pair, whatever its levels.
    offsets = {
        round(p.match_weight - sum(c.weight for c in p.contributions), 4) for p in linked.review
    }
    assert len(offsets) == 1
    assert offsets.pop() < 0  # the prior: two records picked at random rarely match


def test_a_decision_splits_and_ids_stay_stable(
    lists: tuple[list[Record], dict[str, str]], linked: LinkResult
) -> None:
    records = lists[0]
    _pid, members = next((p, m) for p, m in linked.members.items() if len(m) >= 2)
    decision = Decision(members[0], members[1], Judgement.DIFFERENT, "tester", NOW)
    previous = _predicted(linked)
    counter = itertools.count()
    again = link_records(records, [decision], previous, lambda: f"n{next(counter)}", LinkOptions())
    now = _predicted(again)
    assert now[members[0]] != now[members[1]]
    unchanged = sum(1 for uid, p in previous.items() if now[uid] == p)
    assert unchanged >= 0.95 * len(previous)


def test_scoring_is_symmetric_in_record_order(lists: tuple[list[Record], dict[str, str]]) -> None:
    features = [features_of(r) for r in lists[0][:400]]
    forward = {
        (p.left, p.right): round(p.match_weight, 6)
        for p in score_pairs(features, seed=3, min_probability=0.5)
    }
    backward = {
        (p.left, p.right): round(p.match_weight, 6)
        for p in score_pairs(features[::-1], seed=3, min_probability=0.5)
    }
    assert forward.keys() == backward.keys()
    assert all(p[0] < p[1] for p in forward)


def test_spark_without_pyspark_and_unknown_backends_are_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("gavah.linkage.scoring.spark_available", lambda: False)
    with pytest.raises(ConfigError, match="needs PySpark and Java"):
        score_pairs([], seed=1, min_probability=0.5, backend="spark")
    with pytest.raises(ConfigError, match="unknown linkage backend"):
        score_pairs([], seed=1, min_probability=0.5, backend="oracle")


def test_a_person_has_names_in_both_scripts_and_a_status_history() -> None:
    records = [
        Record(
            "s1",
            "a",
            full_name="محمد رضایی",
            event=PersonStatus.DETAINED,
            event_date=parse_date("2026-01-09"),
        ),
        Record(
            "s2",
            "b",
            full_name="mohammad rezaei",
            event=PersonStatus.EXECUTED,
            event_date=parse_date("2026-03-02"),
        ),
        Record(
            "s3",
            "c",
            full_name="محمد رضایی",
            event=PersonStatus.DETAINED,
            event_date=parse_date("2026-01-08"),
        ),
    ]
    person = build_person("p1", records)
    assert (person.name_fa, person.name_latin) == ("محمد رضایی", "mohammad rezaei")
    assert [e.status for e in person.history] == [PersonStatus.DETAINED, PersonStatus.EXECUTED]
    assert person.history[0].record is not None
    assert person.history[0].record.record_id == "c"
    assert person.status is PersonStatus.EXECUTED


def test_scoring_survives_an_em_session_that_splink_refuses(
    lists: tuple[list[Record], dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from splink.internals.linker_components.training import (  # noqa: PLC0415
        LinkerTraining,
    )

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise ValueError("m_probability value 0.0 is below the minimum allowed value")

    monkeypatch.setattr(
        LinkerTraining, "estimate_parameters_using_expectation_maximisation", refuse
    )
    records, truth = lists
    # The first 150 persons, from every list (a list rarely names a person twice).
    first = [r for r in records if int(truth[record_uid(r.source_id, r.record_id)][1:]) < 150]
    features = [features_of(r) for r in first]
    pairs = score_pairs(features, seed=3, min_probability=0.5)
    assert pairs, "default m probabilities still score the obvious pairs"


def test_m_is_trained_on_review_decisions_once_there_are_enough(
    lists: tuple[list[Record], dict[str, str]], linked: LinkResult
) -> None:
    records, truth = lists
    features = [features_of(r) for r in records]
    persons: dict[str, list[str]] = {}
    for uid in sorted(truth):
        persons.setdefault(truth[uid], []).append(uid)
    same = [tuple(sorted(m[:2])) for m in persons.values() if len(m) >= 2]
    assert len(same) >= MIN_LABELLED_PAIRS

    def weights(labels: list[tuple[str, ...]]) -> dict[tuple[str, str], float]:
        pairs = score_pairs(features, seed=1, min_probability=0.2, labels=labels)  # type: ignore[arg-type]
        return {(p.left, p.right): p.match_weight for p in pairs}

    unlabelled = weights([])
    assert weights(same[: MIN_LABELLED_PAIRS - 1]) == unlabelled  # too few: m still by EM
    labelled = weights(same[:MIN_LABELLED_PAIRS])
    assert labelled != unlabelled
    # Trained on what reviewers said, the model still links the lists well.
    counter = itertools.count()
    decisions = [
        Decision(a, b, Judgement.SAME, "tester", NOW) for a, b in same[:MIN_LABELLED_PAIRS]
    ]
    result = link_records(records, decisions, {}, lambda: f"p{next(counter)}", LinkOptions())
    assert pairwise_scores(_predicted(result), truth).f1 >= F1_FLOOR
