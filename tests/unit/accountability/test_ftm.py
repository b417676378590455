"""FtM entities: valid in the followthemoney library, never a Sanction, hashes that link."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

import pytest
from followthemoney import model

from gavah.accountability import (
    AccountabilityError,
    Attribution,
    Confidence,
    Organization,
    OrgRelation,
    Period,
    Sourcing,
    find_problems,
)
from gavah.accountability.ftm import (
    EvidenceFile,
    build_entities,
    document_id,
    ftm_date,
    validate_entities,
)
from gavah.model import EvidenceItem
from tests.unit.accountability.scenario import ATTRIBUTIONS, INCIDENTS, d, structure

DATA = b"synthetic evidence"


def _item(evidence_id: str) -> EvidenceItem:
    return EvidenceItem(
        id=evidence_id,
        sha256=hashlib.sha256(DATA).hexdigest(),
        sha512=hashlib.sha512(DATA).hexdigest(),
        size=len(DATA),
        media_type="image/jpeg",
        original_filename="عکس.jpg",
        received_at=dt.datetime(2026, 1, 9, tzinfo=dt.UTC),
        source_id="src-1",
    )


def _entities() -> list[dict]:  # type: ignore[type-arg]
    files = [EvidenceFile(_item("ev-inc-after"), hashlib.sha1(DATA).hexdigest())]  # noqa: S324
    return build_entities(structure(), INCIDENTS, ATTRIBUTIONS, files)


def test_every_entity_validates_in_the_followthemoney_library() -> None:
    entities = _entities()
    assert validate_entities(entities) == len(entities)
    for entity in entities:
        model.get(entity["schema"]).validate(entity)  # type: ignore[union-attr]
    schemata = {e["schema"] for e in entities}
    assert schemata == {
        "Organization",
        "Person",
        "Membership",
        "Position",
        "Occupancy",
        "Event",
        "Document",
        "Documentation",
    }


def test_the_document_links_to_the_vault_by_both_hashes() -> None:
    (doc,) = [e for e in _entities() if e["schema"] == "Document"]
    assert doc["id"] == document_id(hashlib.sha256(DATA).hexdigest())
    assert doc["properties"]["contentHash"] == [hashlib.sha1(DATA).hexdigest()]  # noqa: S324


def test_a_sanction_is_refused() -> None:
    entities = _entities()
    sanction = {"id": "x", "schema": "Sanction", "properties": {"entity": [entities[0]["id"]]}}
    with pytest.raises(AccountabilityError, match="asserts an existing listing"):
        validate_entities([*entities, sanction])


def test_invalid_entities_are_refused_with_their_id() -> None:
    bad_date = {
        "id": "p",
        "schema": "Person",
        "properties": {"name": ["x"], "birthDate": ["2026-13-45"]},
    }
    with pytest.raises(AccountabilityError, match="'p'"):
        validate_entities([bad_date])
    dangling = {"id": "o", "schema": "Occupancy", "properties": {"holder": ["a"], "post": ["b"]}}
    with pytest.raises(AccountabilityError, match="not exported"):
        validate_entities([dangling])
    with pytest.raises(AccountabilityError, match="unknown schema"):
        validate_entities([{"id": "z", "schema": "Spaceship", "properties": {}}])


def test_solar_hijri_months_become_honest_gregorian_prefixes() -> None:
    assert ftm_date(d("2026-01")) == "2026-01"
    assert ftm_date(d("1404/10")) is None  # Dey spans December and January
    assert ftm_date(None) is None
    occupancy = next(e for e in _entities() if e["id"] == "gavah-posting-p-top")
    assert occupancy["properties"]["startDate"] == ["2024"]  # Farvardin 1403: March–April


def test_an_attribution_to_an_unknown_unit_is_an_error() -> None:
    bad = Attribution("a", "inc-after", Confidence.LOW, ("c",), unit_id="nowhere")
    with pytest.raises(AccountabilityError, match="unknown unit"):
        build_entities(structure(), INCIDENTS, [bad])


def test_a_document_hash_must_be_a_sha1() -> None:
    files = [EvidenceFile(_item("ev-inc-after"), "a" * 64)]
    with pytest.raises(AccountabilityError, match="not a SHA-1"):
        build_entities(structure(), INCIDENTS, ATTRIBUTIONS, files)


def test_organisations_and_their_links_validate() -> None:
    supplier = Organization(
        "org-1",
        "شرکت فناوری نظارت نمونه",
        country="ir",
        sources={"name": Sourcing(("src-1",), Confidence.MEDIUM)},
    )
    link = OrgRelation(
        "link-1", "org-1", "corps-tehran", "supplier of surveillance cameras", Period(d("2024"))
    )
    s = dataclasses.replace(structure(), organizations=(supplier,), org_relations=(link,))
    assert find_problems(s) == []
    entities = build_entities(s)
    validate_entities(entities)
    (unknown_link,) = [e for e in entities if e["schema"] == "UnknownLink"]
    assert unknown_link["properties"]["object"] == ["gavah-unit-corps-tehran"]
    assert unknown_link["properties"]["startDate"] == ["2024"]
    orphan = dataclasses.replace(
        s, org_relations=(OrgRelation("link-2", "org-9", "nowhere", "owns"),)
    )
    assert {p.code for p in find_problems(orphan)} == {"unknown-organisation", "unknown-unit"}
