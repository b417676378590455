"""The script a dossier carries so a recipient can check it without Gavah.

Owns :data:`CHECK_SCRIPT` (written as ``data/ledger/check.py``, beside a copy of the standalone
verifier ``gavah/ledger/verifier.py`` as ``data/ledger/verifier.py``) and :func:`verifier_source`.
The script needs Python 3.11 and ``cryptography``; it verifies every proof in the bag against
``data/ledger/vkey.txt``, and that the files the logged events name have the logged SHA-256.
"""

from __future__ import annotations

from importlib import resources

__all__ = ["CHECK_SCRIPT", "verifier_source"]


def verifier_source() -> str:
    """The text of Gavah's standalone ledger verifier (standard library and cryptography)."""
    return resources.files("gavah.ledger").joinpath("verifier.py").read_text(encoding="utf-8")


CHECK_SCRIPT = '''\
"""Check a Gavah dossier without Gavah: python data/ledger/check.py (pip install cryptography)

Uses verifier.py beside this file (Gavah's standalone ledger verifier). Checks that the signed head
(head.json) verifies against vkey.txt; that every custody event of every evidence item
(data/evidence/*.json) and the dossier's own export event (dossier.json) are included in the log
that head commits to; that each decrypted original and data/ftm/entities.jsonl have the SHA-256
their events name. Also run `bagit.py --validate` on the bag: it checks the manifests. Compare
vkey.txt with a key obtained independently of the bag. Exit status 0 when everything holds.
"""

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import verifier  # noqa: E402


def _sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def main():
    data = HERE.parent
    vkey = (HERE / "vkey.txt").read_text(encoding="utf-8").strip()
    problems = []
    head = verifier.verify_document(_load(HERE / "head.json"), vkey)
    proofs = 0

    def check(document, sha256, what):
        nonlocal proofs
        try:
            found = verifier.verify_document(document, vkey)
        except Exception as err:  # VerificationError: one line saying why
            problems.append(f"{what}: {err}")
            return
        proofs += 1
        if found.tree_size != head.tree_size:
            problems.append(f"{what}: proven at size {found.tree_size}, head is {head.tree_size}")
        if json.loads(document["entry"]).get("object") != sha256:
            problems.append(f"{what}: the logged event is about another object")

    dossier = data / "ftm" / "entities.jsonl"
    check(_load(HERE / "dossier.json"), _sha256(dossier), "the dossier's export event")
    items = sorted((data / "evidence").glob("*.json"))
    for path in items:
        item = _load(path)
        if not item["custody"]:
            problems.append(f"evidence {item['id']}: no custody event")
        for number, document in enumerate(item["custody"], 1):
            check(document, item["sha256"], f"evidence {item['id']} event {number}")
        original = data.parent / item["payload_path"]
        if original.suffix != ".age" and _sha256(original) != item["sha256"]:
            problems.append(f"evidence {item['id']}: {item['payload_path']} is not the original")
    for problem in problems:
        print(f"FAILED: {problem}")
    if problems:
        return 1
    print(
        f"OK: {proofs} proofs verify against the head of {head.origin} at size {head.tree_size}; "
        f"{len(items)} evidence items and the FtM entities have their logged SHA-256"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
'''
