"""``python -m gavah.ledger PROOF.json VKEY``: the same as ``python -m gavah.ledger.verify``."""

from __future__ import annotations

from gavah.ledger.verify import main

if __name__ == "__main__":
    raise SystemExit(main())
