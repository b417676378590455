"""Bundles between workspaces: the vault's side of store-and-forward sync (docs/bundles.md).

Owns nothing itself: the public surface of exporting (:mod:`gavah.vault.bundle_export`) and
importing (:mod:`gavah.vault.bundle_import`) bundles, re-exported here. Peers, acknowledgements
and proofs about peers' logs are :mod:`gavah.vault.peers`.
"""

from __future__ import annotations

from gavah.vault.bundle_export import BundleExport, export_bundle
from gavah.vault.bundle_import import IMPORT_AGENT, BundleImport, import_bundles

__all__ = ["IMPORT_AGENT", "BundleExport", "BundleImport", "export_bundle", "import_bundles"]
