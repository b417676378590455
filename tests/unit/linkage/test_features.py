"""Linkage features: the same keys for a name in either script, order or spelling."""

from __future__ import annotations

from gavah.linkage import features_of, record_uid, split_uid
from gavah.linkage.comparisons import RARE_NAME_MAX
from gavah.linkage.scoring import rare_key_columns
from gavah.model import Record
from gavah.text import parse_date


def _rec(**fields: object) -> Record:
    return Record(source_id="s1", record_id="r1", **fields)  # type: ignore[arg-type]


def test_persian_and_latin_spellings_share_skeletons() -> None:
    fa = features_of(_rec(given_name="محمد", family_name="رضایی"))
    latin = features_of(_rec(given_name="mohammad", family_name="rezaei"))
    assert (fa.given_sk, fa.family_sk, fa.name_sk) == (
        latin.given_sk,
        latin.family_sk,
        latin.name_sk,
    )


def test_order_and_compound_splits_meet_on_the_loose_key() -> None:
    joined = features_of(_rec(given_name="علی\u200cاصغر", family_name="جهانی"))
    split = features_of(_rec(full_name="ali asghar jahani"))
    swapped = features_of(_rec(given_name="جهانی", family_name="علی اصغر"))
    assert joined.name_loose == split.name_loose
    assert joined.name_loose == swapped.name_loose_rev


def test_a_joined_title_is_ignored() -> None:
    titled = features_of(_rec(given_name="سیدمحمد", family_name="موسوی"))
    plain = features_of(_rec(given_name="محمد", family_name="موسوی"))
    assert titled.given_sk == plain.given_sk


def test_only_day_precise_dates_become_day_numbers() -> None:
    assert features_of(_rec(event_date=parse_date("2026-01-09"))).day is not None
    assert features_of(_rec(event_date=parse_date("1404/10"))).day is None


def test_uids_round_trip() -> None:
    uid = record_uid("src", "NGO/0001")
    assert split_uid(uid) == ("src", "NGO/0001")
    assert features_of(_rec()).unique_id == record_uid("s1", "r1")


def test_a_dot_typed_differently_meets_on_the_letter_shape_key() -> None:
    pairs = [
        (("پهنام", "نصیری"), ("behnam", "nasiri")),
        (("حجت", "احمذی"), ("hojjat", "ahmadi")),
        (("جلیل", "محمدی"), ("djalil", "mohamadi")),
    ]
    for (fa_given, fa_family), (latin_given, latin_family) in pairs:
        fa = features_of(_rec(given_name=fa_given, family_name=fa_family))
        latin = features_of(_rec(given_name=latin_given, family_name=latin_family))
        assert fa.name_sk != latin.name_sk
        assert fa.name_rasm == latin.name_rasm, (fa_given, latin_given)
    assert features_of(_rec(given_name="reza", family_name="karimi")).name_rasm != (
        features_of(_rec(given_name="ali", family_name="karimi")).name_rasm
    )


def test_common_names_block_alone_only_when_rare() -> None:
    common = [
        features_of(Record(f"s{i % 3}", f"r{i}", given_name="محمد", family_name="حسینی"))
        for i in range(RARE_NAME_MAX + 1)
    ]
    rare = features_of(Record("s1", "x", given_name="Bijan", family_name="Zargar"))
    columns = rare_key_columns([*common, rare])
    assert columns["name_sk_rare"][:-1] == [None] * len(common)
    assert columns["name_sk_rare"][-1] == rare.name_sk
    assert columns["name_sk_rev_rare"][-1] == rare.name_sk_rev


def test_whole_name_keys_do_not_depend_on_where_a_list_cut_the_name() -> None:
    # A morgue list: family name first, its suffix written apart; the other list split it.
    morgue = features_of(_rec(full_name="آرین پور رضا"))
    split = features_of(_rec(given_name="Reza", family_name="Arianpour"))
    assert morgue.name_loose == split.name_loose_rev
    assert morgue.name_loose != split.name_loose


def test_a_vav_read_as_a_vowel_meets_a_latin_v() -> None:
    fa = features_of(_rec(given_name="محمد", family_name="جابروند"))
    latin = features_of(_rec(full_name="Mohammad Jabervand"))
    assert fa.name_sk != latin.name_sk
    assert fa.name_loose == latin.name_loose
