"""``python -m gavah.ledger.verify PROOF.json VKEY``: check a proof document with a trusted key.

(``python -m gavah.ledger PROOF.json VKEY`` runs the same.)

Owns only the command-line shell around :func:`gavah.ledger.verifier.verify_document`: read the
JSON document (a file, or ``-`` for standard input) and the verifier key (the key string itself,
or a file holding it), verify, print one line, exit 0 when the document verifies and 1 when it
does not (2 for unusable arguments). Must not import anything beyond the standard library and
the standalone verifier.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from gavah.ledger.verifier import VerificationError, verify_document

__all__ = ["main"]

_USAGE = "usage: python -m gavah.ledger.verify PROOF.json VKEY  (VKEY: the key string or a file)"


def _read_key(text: str) -> str:
    path = Path(text)
    if "+" not in text and path.is_file():
        return path.read_text(encoding="utf-8").strip()
    return text.strip()


def main(argv: Sequence[str] | None = None) -> int:
    """Verify the document named in ``argv`` and return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2:
        print(_USAGE, file=sys.stderr)
        return 2
    source, key = args
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        document = json.loads(text)
        vkey = _read_key(key)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        print(f"cannot read the input: {err}", file=sys.stderr)
        return 2
    if not isinstance(document, dict):
        print("verification failed: the document is not a JSON object", file=sys.stderr)
        return 1
    try:
        head = verify_document(document, vkey)
    except VerificationError as err:
        print(f"verification failed: {err}", file=sys.stderr)
        return 1
    print(f"verified against {head.origin} at size {head.tree_size}, root {head.root_hash.hex()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
