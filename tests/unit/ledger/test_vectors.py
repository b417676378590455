"""Every transparency-dev/merkle RFC 9162 test vector, checked by both verifiers.

Each JSON file is one case: a happy path that must verify, or a named attack (modified proof,
wrong root, truncated proof, preceding garbage, ...) that must be rejected. The test id is the
file's path, which names the attack it encodes. The package's ``proof`` module and the standalone
``verifier`` are independent implementations; both must agree with every vector.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from gavah.ledger import verifier
from gavah.ledger.hashing import leaf_hash
from gavah.ledger.proof import (
    consistency_proof,
    inclusion_proof,
    is_consistent,
    is_inclusion_valid,
)
from gavah.ledger.tree import MemoryTree

from .conftest import REFERENCE_ENTRIES, VECTORS


def _vector_files(kind: str) -> list[Path]:
    return sorted((VECTORS / kind).rglob("*.json"))


def _id(path: Path, kind: str) -> str:
    # ".../inclusion/1/modified-proof[0]-bit-@3.json" -> "1/modified-proof(0)-bit-@3"
    name = str(path.relative_to(VECTORS / kind).with_suffix(""))
    return name.replace("[", "(").replace("]", ")")


def _params(kind: str) -> list[Any]:
    return [pytest.param(path, id=_id(path, kind)) for path in _vector_files(kind)]


def _b64(text: str) -> bytes:
    return base64.b64decode(text)


def _load(path: Path) -> dict[str, Any]:
    case: dict[str, Any] = json.loads(path.read_text())
    case["proof"] = [_b64(p) for p in case["proof"] or []]
    return case


def _standalone_accepts(check: Any, *args: Any) -> bool:
    try:
        check(*args)
    except verifier.VerificationError:
        return False
    return True


def test_the_vectors_are_all_there() -> None:
    inclusion, consistency = _vector_files("inclusion"), _vector_files("consistency")
    assert len(inclusion) >= 90, f"inclusion vectors missing under {VECTORS}"
    assert len(consistency) >= 90, f"consistency vectors missing under {VECTORS}"
    assert any(p.name == "happy-path.json" for p in inclusion)


@pytest.mark.parametrize("path", _params("inclusion"))
def test_inclusion_vector(path: Path) -> None:
    case = _load(path)
    args = (_b64(case["leafHash"]), case["leafIdx"], case["treeSize"], case["proof"])
    root = _b64(case["root"])
    want = not case["wantErr"]
    assert is_inclusion_valid(*args, root) is want, case["desc"]
    assert _standalone_accepts(verifier._verify_inclusion, *args, root) is want, case["desc"]


@pytest.mark.parametrize("path", _params("consistency"))
def test_consistency_vector(path: Path) -> None:
    case = _load(path)
    args = (case["size1"], case["size2"], case["proof"], _b64(case["root1"]), _b64(case["root2"]))
    want = not case["wantErr"]
    assert is_consistent(*args) is want, case["desc"]
    assert _standalone_accepts(verifier._verify_consistency, *args) is want, case["desc"]


_REFERENCE_TREE = MemoryTree([leaf_hash(entry) for entry in REFERENCE_ENTRIES])


@pytest.mark.parametrize(
    "path", [p for p in _params("inclusion") if p.values[0].name == "happy-path.json"]
)
def test_generated_inclusion_proof_equals_vector(path: Path) -> None:
    case = _load(path)
    assert _REFERENCE_TREE.leaf_hash(case["leafIdx"]) == _b64(case["leafHash"])
    assert (
        list(inclusion_proof(case["leafIdx"], case["treeSize"], _REFERENCE_TREE)) == (case["proof"])
    )


@pytest.mark.parametrize(
    "path", [p for p in _params("consistency") if p.values[0].name == "happy-path.json"]
)
def test_generated_consistency_proof_equals_vector(path: Path) -> None:
    case = _load(path)
    proof = consistency_proof(case["size1"], case["size2"], _REFERENCE_TREE)
    assert list(proof) == case["proof"]
