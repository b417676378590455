"""docs/ledger.md stays true: its examples verify, and every event type is documented."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from gavah.ledger.entry import EventType, decode_entry
from gavah.ledger.verifier import open_signed_head, verify_document

DOC = (Path(__file__).resolve().parents[3] / "docs" / "ledger.md").read_text()


def json_examples() -> list[dict[str, Any]]:
    return [json.loads(block) for block in re.findall(r"```json\n(.*?)```", DOC, re.DOTALL)]


def doc_vkey() -> str:
    (head,) = [doc for doc in json_examples() if "vkey" in doc]
    return str(head["vkey"])


@pytest.mark.parametrize("index", range(3))
def test_documented_proof_documents_verify(index: int) -> None:
    examples = json_examples()
    assert len(examples) == 3
    assert verify_document(examples[index], doc_vkey()).tree_size == 3


def test_documented_checkpoint_and_entry_are_valid() -> None:
    checkpoint = re.search(r"```\n(example\.org/gavah/workspace-1\n2\n.*?\n)```", DOC, re.DOTALL)
    assert checkpoint is not None
    assert open_signed_head(checkpoint.group(1), doc_vkey()).tree_size == 2
    entry = re.search(r'```\n(\{"agent".*?)\n```', DOC)
    assert entry is not None
    assert decode_entry(entry.group(1).encode()).type is EventType.INGESTION


@pytest.mark.parametrize("event_type", list(EventType))
def test_every_event_type_is_documented(event_type: EventType) -> None:
    assert f"| `{event_type.value}` |" in DOC
    if event_type.premis_uri:
        assert event_type.premis_uri.rsplit("/", 1)[1] in DOC
