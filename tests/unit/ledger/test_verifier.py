"""The standalone verifier: regression fixtures named after the attack each one encodes.

Every attack on the ledger (edited, deleted, swapped or appended entries; heads re-signed by
another key or for another log) must be caught, and the failure must name the first entry that
is no longer vouched for and the head that failed. The package's own modules must reach the same
verdict: the standalone verifier is an independent second implementation.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from gavah.errors import GavahError
from gavah.ledger import verifier as verifier_module
from gavah.ledger.checkpoint import Checkpoint, open_checkpoint, sign_checkpoint
from gavah.ledger.documents import consistency_document, head_document, inclusion_document
from gavah.ledger.errors import LedgerError
from gavah.ledger.hashing import leaf_hash
from gavah.ledger.note import NoteVerifier, sign_note
from gavah.ledger.proof import consistency_proof, inclusion_proof, is_consistent
from gavah.ledger.tree import MemoryTree, root_hash
from gavah.ledger.verifier import (
    VerificationError,
    open_signed_head,
    verify_consistency_document,
    verify_document,
    verify_ledger,
)

from .conftest import ORIGIN, fixed_key
from .ledger_fixtures import HEAD_SIZES, Ledger, build_ledger, head

LOG_KEY = fixed_key("gavah ledger test key")
OTHER_KEY = fixed_key("someone else's key")
VKEY = NoteVerifier.from_public_key(ORIGIN, LOG_KEY.public_key()).vkey
LEDGER = build_ledger(LOG_KEY)

Attack = Callable[[list[bytes], list[str]], tuple[list[bytes], list[str]]]


def edited_entry(entries: list[bytes], heads: list[str]) -> tuple[list[bytes], list[str]]:
    entries[6] = entries[6].replace(b"gavah test", b"gavah TEST")
    return entries, heads


def deleted_entry(entries: list[bytes], heads: list[str]) -> tuple[list[bytes], list[str]]:
    del entries[6]
    return entries, heads


def swapped_entries(entries: list[bytes], heads: list[str]) -> tuple[list[bytes], list[str]]:
    entries[5], entries[6] = entries[6], entries[5]
    return entries, heads


def truncated_log(entries: list[bytes], heads: list[str]) -> tuple[list[bytes], list[str]]:
    return entries[:-1], heads


def appended_after_signing(entries: list[bytes], heads: list[str]) -> tuple[list[bytes], list[str]]:
    return [*entries, entries[0]], heads


def checkpoint_resigned_by_another_key(
    entries: list[bytes], heads: list[str]
) -> tuple[list[bytes], list[str]]:
    leaves = [leaf_hash(entry) for entry in entries]
    return entries, [*heads[:2], head(12, leaves, OTHER_KEY)]


def checkpoint_resigned_under_the_log_key_id(
    entries: list[bytes], heads: list[str]
) -> tuple[list[bytes], list[str]]:
    # The forger's signature line claims the log's name and key ID.
    body = Checkpoint(ORIGIN, 12, root_hash([leaf_hash(e) for e in entries])).body()
    forged = sign_note(body, OTHER_KEY, ORIGIN)
    real_id = NoteVerifier.parse(VKEY).key_id
    other_id = NoteVerifier.from_public_key(ORIGIN, OTHER_KEY.public_key()).key_id
    line_start = forged.index("\u2014")
    blob = base64.b64decode(forged[line_start:].split(" ")[2])
    assert blob[:4] == other_id
    forged = (
        forged[:line_start] + f"\u2014 {ORIGIN} " + base64.b64encode(real_id + blob[4:]).decode()
    )
    return entries, [*heads[:2], forged + "\n"]


def checkpoint_with_a_different_origin(
    entries: list[bytes], heads: list[str]
) -> tuple[list[bytes], list[str]]:
    # Signed by the log's own key, but for another log: must not count for this one.
    body = Checkpoint("other.example/log", 4, root_hash([leaf_hash(e) for e in entries[:4]]))
    return entries, [sign_note(body.body(), LOG_KEY, ORIGIN), *heads[1:]]


ATTACKS: dict[str, tuple[Attack, int | None, int | None, str]] = {
    # name: (attack, first entry not vouched for, failing head position, reason)
    "edited-entry": (edited_entry, 4, 1, "entries 4 to 7 do not match signed head 1"),
    "deleted-entry": (deleted_entry, 4, 1, "entries 4 to 7 do not match"),
    "swapped-entries": (swapped_entries, 4, 1, "entries 4 to 7 do not match"),
    "truncated-log": (truncated_log, 8, 2, "covers 12 entries; the ledger holds 11"),
    "appended-after-signing": (appended_after_signing, 12, None, "from index 12 on are not"),
    "checkpoint-re-signed-by-another-key": (
        checkpoint_resigned_by_another_key,
        None,
        2,
        "not signed by",
    ),
    "checkpoint-re-signed-under-the-log-key-id": (
        checkpoint_resigned_under_the_log_key_id,
        None,
        2,
        "invalid signature",
    ),
    "checkpoint-with-a-different-origin": (
        checkpoint_with_a_different_origin,
        None,
        0,
        "for log 'other.example/log'",
    ),
}


def package_accepts(entries: list[bytes], heads: list[str]) -> bool:
    """The same verdict reached with the package's own modules, not the standalone verifier."""
    verifier = NoteVerifier.parse(VKEY)
    leaves = [leaf_hash(entry) for entry in entries]
    try:
        checkpoints = [open_checkpoint(note, verifier) for note in heads]
    except LedgerError:
        return False
    largest = max(cp.tree_size for cp in checkpoints)
    return largest == len(leaves) and all(
        root_hash(leaves[: cp.tree_size]) == cp.root_hash for cp in checkpoints
    )


def test_honest_ledger_verifies() -> None:
    verified = verify_ledger(LEDGER.entries, LEDGER.heads, VKEY)
    assert verified.tree_size == 12
    assert verified.root_hash == root_hash(LEDGER.leaves)
    assert verify_ledger(iter(LEDGER.entries), list(reversed(LEDGER.heads)), VKEY) == verified
    assert verify_ledger(LEDGER.entries, LEDGER.heads[-1], VKEY) == verified
    assert package_accepts(LEDGER.entries, LEDGER.heads)


def test_empty_ledger_verifies_against_an_empty_head() -> None:
    assert verify_ledger([], head(0, [], LOG_KEY), VKEY).tree_size == 0


@pytest.mark.parametrize("name", list(ATTACKS))
def test_attack_is_detected_and_located(name: str) -> None:
    attack, index, position, reason = ATTACKS[name]
    entries, heads = attack(list(LEDGER.entries), list(LEDGER.heads))
    with pytest.raises(VerificationError, match=reason) as caught:
        verify_ledger(entries, heads, VKEY)
    assert (caught.value.index, caught.value.checkpoint) == (index, position)
    assert not package_accepts(entries, heads)


@pytest.mark.parametrize("name", ["edited-entry", "deleted-entry", "swapped-entries"])
def test_with_a_single_head_nothing_before_it_is_vouched_for(name: str) -> None:
    attack = ATTACKS[name][0]
    entries, heads = attack(list(LEDGER.entries), [LEDGER.heads[-1]])
    with pytest.raises(VerificationError) as caught:
        verify_ledger(entries, heads, VKEY)
    assert caught.value.index == 0


def test_no_head_is_an_error_not_a_pass() -> None:
    with pytest.raises(VerificationError, match="nothing vouches") as caught:
        verify_ledger(LEDGER.entries, [], VKEY)
    assert caught.value.index == 0


def test_verification_errors_are_ledger_errors_inside_gavah() -> None:
    assert issubclass(VerificationError, LedgerError)
    assert issubclass(VerificationError, GavahError)


@pytest.mark.parametrize(
    ("vkey", "reason"),
    [
        ("no-plus-signs", "malformed verifier key"),
        (VKEY.replace(VKEY.split("+")[1], "00000000"), "does not match its key ID"),
        (VKEY[:-4] + "AAA=", "does not match its key ID"),
        (VKEY + "=", "base64"),
        ("\ud800" + VKEY, "not valid Unicode"),
    ],
)
def test_malformed_verifier_keys_are_refused(vkey: str, reason: str) -> None:
    with pytest.raises(VerificationError, match=reason):
        open_signed_head(LEDGER.heads[0], vkey)


def test_verifier_key_of_another_algorithm_is_refused() -> None:
    material = b"\x02" + NoteVerifier.parse(VKEY).public_key
    ident = hashlib.sha256(ORIGIN.encode() + b"\n" + material).digest()[:4].hex()
    with pytest.raises(VerificationError, match="not an Ed25519 key"):
        open_signed_head(LEDGER.heads[0], f"{ORIGIN}+{ident}+{base64.b64encode(material).decode()}")


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda note: "\x07" + note, "control character"),
        (lambda note: note.replace("\n\n", "\n"), "no signature block"),
        (lambda note: note[:-1], "no signature block"),
        (lambda note: note + "\u2014 x AAAA\n" * 100, "too many signatures"),
        (lambda note: note.replace("\u2014 ", "- "), "bad signature line"),
        (lambda note: note + "\u2014 x AAAA\n", "signature too short"),
        (lambda note: note + "\u2014 x !!!!\n", "not base64"),
        (lambda note: "\ud800" + note, "not valid Unicode"),
    ],
)
def test_malformed_signed_heads_are_refused(mangle: Callable[[str], str], reason: str) -> None:
    with pytest.raises(VerificationError, match=reason):
        open_signed_head(mangle(LEDGER.heads[0]), VKEY)


ROOT64 = LEDGER.heads[0].split("\n")[2]


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (f"{ORIGIN}\n1\nAAAA\n", "not 32 bytes"),
        (f"{ORIGIN}\nx\n{ROOT64}\n", "bad tree size"),
        (f"{ORIGIN}\n04\n{ROOT64}\n", "bad tree size"),
        (f"{ORIGIN}\n{2**64}\n{ROOT64}\n", "bad tree size"),
        (f"{ORIGIN}\n4\n", "needs origin"),
        (f"{ORIGIN}\n4\n{ROOT64}\n\n\n", "needs origin"),
    ],
)
def test_validly_signed_but_malformed_checkpoints_are_refused(body: str, reason: str) -> None:
    with pytest.raises(VerificationError, match=reason):
        open_signed_head(sign_note(body, LOG_KEY, ORIGIN), VKEY)


# --- proof documents --------------------------------------------------------------------------

VERIFIER = NoteVerifier.parse(VKEY)


def inclusion_doc(index: int, ledger: Ledger = LEDGER, head_at: int = 2) -> dict[str, Any]:
    size = HEAD_SIZES[head_at]
    path = inclusion_proof(index, size, ledger.tree)
    document = inclusion_document(
        ledger.entries[index], index, path, ledger.heads[head_at], VERIFIER
    )
    return dict(json.loads(json.dumps(document)))


def test_every_honest_inclusion_document_verifies() -> None:
    for index in range(12):
        assert verify_document(inclusion_doc(index), VKEY).tree_size == 12


INCLUSION_ATTACKS: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "edited-entry": (lambda d: d.update(entry=d["entry"].replace("gavah", "Gavah")), "hash to"),
    "other-leaf-hash": (lambda d: d.update(leaf_hash=LEDGER.leaves[1].hex()), "hash to"),
    "other-leaf-index": (lambda d: d.update(leaf_index=1), "does not lead"),
    "truncated-audit-path": (lambda d: d["audit_path"].pop(), "does not lead"),
    "extended-audit-path": (lambda d: d["audit_path"].append("00" * 32), "too long"),
    # The path of leaf 0 in a tree of 12 also fits sizes 9 to 16 under the same root: only
    # the signed head's size stops a document from claiming another one.
    "tree-size-not-the-signed-size": (lambda d: d.update(tree_size=13), "head signs 12"),
    "head-of-another-key": (
        lambda d: d.update(checkpoint=head(12, LEDGER.leaves, OTHER_KEY)),
        "not signed by",
    ),
    "boolean-index": (lambda d: d.update(leaf_index=False), "not an integer"),
    "uppercase-hex": (lambda d: d.update(leaf_hash=d["leaf_hash"].upper()), "lowercase hex"),
    "path-not-a-list": (lambda d: d.update(audit_path="00"), "not a list"),
    "entry-not-unicode": (lambda d: d.update(entry="\ud800"), "not valid Unicode"),
    "entry-missing": (lambda d: d.pop("entry"), "missing or not a string"),
}


@pytest.mark.parametrize("name", list(INCLUSION_ATTACKS))
def test_tampered_inclusion_document_is_refused(name: str) -> None:
    mangle, reason = INCLUSION_ATTACKS[name]
    document = inclusion_doc(0)
    mangle(document)
    with pytest.raises(VerificationError, match=reason):
        verify_document(document, VKEY)


def consistency_doc(first: int = 4) -> dict[str, Any]:
    path = consistency_proof(first, 12, LEDGER.tree)
    first_root = root_hash(LEDGER.leaves[:first])
    return dict(consistency_document(first, first_root, path, LEDGER.heads[2], VERIFIER))


def test_honest_consistency_document_verifies_with_and_without_the_old_head() -> None:
    assert verify_document(consistency_doc(), VKEY).tree_size == 12
    assert verify_consistency_document(consistency_doc(), VKEY, old_checkpoint=LEDGER.heads[0])


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda d: d.update(second=11), "head signs 12"),
        (lambda d: d.update(first_root=LEDGER.leaves[0].hex()), "does not lead to the signed"),
        (lambda d: d.update(consistency_path=[]), "path is empty"),
        (lambda d: d.update(first=0), "no consistency proof"),
        (lambda d: d["consistency_path"].append("ab" * 32), "too long"),
        (lambda d: d.update(first=12, consistency_path=[], first_root="00" * 32), "equal roots"),
    ],
)
def test_tampered_consistency_document_is_refused(
    mangle: Callable[[dict[str, Any]], None], reason: str
) -> None:
    document = consistency_doc()
    mangle(document)
    with pytest.raises(VerificationError, match=reason):
        verify_document(document, VKEY)


def test_consistency_document_with_a_wrong_first_root_is_refused() -> None:
    document = consistency_doc(3)
    document["first_root"] = LEDGER.leaves[0].hex()
    with pytest.raises(VerificationError, match="does not lead to the first root"):
        verify_document(document, VKEY)


def test_consistency_document_must_start_from_the_old_head_given() -> None:
    with pytest.raises(VerificationError, match="older signed head"):
        verify_consistency_document(consistency_doc(), VKEY, old_checkpoint=LEDGER.heads[1])


def test_consistency_path_with_a_short_hash_is_refused() -> None:
    document = consistency_doc(3)
    document["consistency_path"] = ["ab", *document["consistency_path"][1:]]
    with pytest.raises(VerificationError, match="lowercase hex"):
        verify_document(document, VKEY)
    with pytest.raises(VerificationError, match="32-byte"):
        verifier_module._verify_consistency(3, 12, [b"ab"], b"\x00" * 32, b"\x00" * 32)


def test_consistency_that_reaches_a_wrong_signed_root_is_refused() -> None:
    path = consistency_proof(4, 12, LEDGER.tree)
    with pytest.raises(VerificationError, match="signed root"):
        verifier_module._verify_consistency(4, 12, path, root_hash(LEDGER.leaves[:4]), b"\0" * 32)


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (
            lambda d: d.update(
                vkey=NoteVerifier.from_public_key(ORIGIN, OTHER_KEY.public_key()).vkey
            ),
            "another verifier key",
        ),
        (lambda d: d.update(origin="other.example"), "differ from its checkpoint"),
        (lambda d: d.update(tree_size=11), "differ from its checkpoint"),
        (lambda d: d.update(root_hash="00" * 32), "differ from its checkpoint"),
        (lambda d: d.update(checkpoint=LEDGER.heads[0]), "differ from its checkpoint"),
    ],
)
def test_tampered_head_document_is_refused(
    mangle: Callable[[dict[str, Any]], None], reason: str
) -> None:
    document = dict(head_document(LEDGER.heads[2], VERIFIER))
    assert verify_document(document, VKEY).tree_size == 12
    mangle(document)
    with pytest.raises(VerificationError, match=reason):
        verify_document(document, VKEY)


def test_unknown_document_is_refused() -> None:
    with pytest.raises(VerificationError, match="not a Gavah proof document"):
        verify_document({"tree_size": 1}, VKEY)


# --- standing alone -----------------------------------------------------------------------------

VERIFIER_SOURCE = Path(verifier_module.__file__)


def test_verifier_imports_only_the_standard_library_and_cryptography() -> None:
    allowed_roots = set(sys.stdlib_module_names) | {"cryptography", "__future__"}
    for node in ast.walk(ast.parse(VERIFIER_SOURCE.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            root = node.module.split(".")[0]
            # The one Gavah import is optional, inside try/except ImportError.
            assert root in allowed_roots or node.module == "gavah.ledger.errors"
        elif isinstance(node, ast.Import):
            assert all(alias.name.split(".")[0] in allowed_roots for alias in node.names)


def test_verifier_copied_out_of_gavah_works_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # Load the file as a top-level module with Gavah made unimportable, as a copy would be.
    monkeypatch.setitem(sys.modules, "gavah.ledger.errors", None)
    spec = importlib.util.spec_from_file_location("gavah_verifier", VERIFIER_SOURCE)
    assert spec is not None
    assert spec.loader is not None
    standalone = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "gavah_verifier", standalone)
    spec.loader.exec_module(standalone)
    assert standalone.VerificationError.__bases__ == (Exception,)
    assert standalone.verify_ledger(LEDGER.entries, LEDGER.heads, VKEY).tree_size == 12
    entries, heads = edited_entry(list(LEDGER.entries), list(LEDGER.heads))
    with pytest.raises(standalone.VerificationError) as caught:
        standalone.verify_ledger(entries, heads, VKEY)
    assert caught.value.index == 4
    assert not isinstance(caught.value, GavahError)


def test_signed_heads_open_the_same_way_in_both_implementations(
    signing_key: Ed25519PrivateKey,
) -> None:
    for note in LEDGER.heads:
        checkpoint = open_checkpoint(note, VERIFIER)
        verified = open_signed_head(note, VKEY)
        assert (verified.origin, verified.tree_size, verified.root_hash) == (
            checkpoint.origin,
            checkpoint.tree_size,
            checkpoint.root_hash,
        )
    assert (
        sign_checkpoint(open_checkpoint(LEDGER.heads[0], VERIFIER), signing_key)
        == (LEDGER.heads[0])
    )


@settings(deadline=None)  # timing varies on shared CI machines; the law does not
@given(st.integers(min_value=1, max_value=40), st.data())
def test_both_implementations_agree_on_proofs(n: int, data: st.DataObject) -> None:
    leaves = [leaf_hash(b"%d" % i) for i in range(n)]
    tree = MemoryTree(leaves)
    i = data.draw(st.integers(min_value=0, max_value=n - 1))
    m = data.draw(st.integers(min_value=1, max_value=n))
    audit = list(inclusion_proof(i, n, tree))
    consistency = list(consistency_proof(m, n, tree))
    verifier_module._verify_inclusion(leaves[i], i, n, audit, root_hash(leaves))
    verifier_module._verify_consistency(m, n, consistency, root_hash(leaves[:m]), root_hash(leaves))
    if consistency:
        bad = [*consistency[:-1], leaf_hash(b"forged")]
        assert is_consistent(m, n, bad, root_hash(leaves[:m]), root_hash(leaves)) is False
        with pytest.raises(VerificationError):
            verifier_module._verify_consistency(m, n, bad, root_hash(leaves[:m]), root_hash(leaves))
