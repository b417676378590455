"""Application services: the orchestration both adapters (``gavah.cli`` and ``gavah.web``) share.

Each module wires a :class:`gavah.workspace.Workspace` and its :class:`gavah.store.Store` to the
domain core once, so that a command and a page doing the same work call the same code:
:mod:`gavah.services.grading` (what grading reads, the policy in use, grading and storing a run),
:mod:`gavah.services.counting` (counts by grade as ``gavah counts`` and the public figures make
them), :mod:`gavah.services.exports` (FtM entities and dossiers),
:mod:`gavah.services.vault` (the log's verifier and an ingestor on the workspace's vault),
:mod:`gavah.services.estimating` (capture tables of the register, stored estimate runs),
:mod:`gavah.services.lists` (importing a list file), :mod:`gavah.services.linking` (a stored link
of the register) and :mod:`gavah.services.progress` (the step-progress protocol they report to).
Must not import :mod:`gavah.cli` or :mod:`gavah.web`, speak HTTP or print.
"""
