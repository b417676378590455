"""Roles and the permission matrix of the web application: defined here and nowhere else.

Owns :class:`Role`, :class:`Permission` and :data:`MATRIX` (role → what it may do). Every route
declares one permission (see :mod:`gavah.web.routing`); :data:`Permission.PUBLIC` needs no
account. Pure data and one lookup: no request, no database.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

__all__ = ["MATRIX", "Permission", "Role", "is_allowed"]


class Role(enum.StrEnum):
    """What an account is for, from most to least trusted."""

    ADMIN = "admin"
    ANALYST = "analyst"
    DOCUMENTER = "documenter"
    VIEWER = "viewer"


class Permission(enum.StrEnum):
    """One thing a route may require."""

    PUBLIC = "public"  # anyone, signed in or not
    SIGNED_IN = "signed_in"  # any account (sign out, own profile)
    VIEW_WORKSPACE = "view_workspace"  # private counts, lists, search over unpublished records
    VIEW_RESTRICTED = "view_restricted"  # witness identities, source identities
    INGEST_EVIDENCE = "ingest_evidence"  # upload evidence, import lists
    REVIEW_LINKAGE = "review_linkage"  # decide uncertain pairs
    GRADE_CLAIMS = "grade_claims"  # grade claims, approve for publication
    RUN_ESTIMATES = "run_estimates"
    EXPORT = "export"  # dossiers, BagIt, FtM
    VIEW_AUDIT = "view_audit"
    MANAGE_ACCOUNTS = "manage_accounts"


_ANALYST = frozenset(
    {
        Permission.SIGNED_IN,
        Permission.VIEW_WORKSPACE,
        Permission.VIEW_RESTRICTED,
        Permission.INGEST_EVIDENCE,
        Permission.REVIEW_LINKAGE,
        Permission.GRADE_CLAIMS,
        Permission.RUN_ESTIMATES,
        Permission.EXPORT,
    }
)

#: What each role may do (besides :data:`Permission.PUBLIC`, which everyone may).
#: An analyst imports lists, reviews, grades, estimates and exports, and sees restricted fields;
#: a documenter ingests and sees the workspace but not witnesses' or sources' identities; a
#: viewer is signed in and sees nothing private (the public site is open to everyone anyway).
MATRIX: Mapping[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.ANALYST: _ANALYST,
    Role.DOCUMENTER: frozenset(
        {Permission.SIGNED_IN, Permission.VIEW_WORKSPACE, Permission.INGEST_EVIDENCE}
    ),
    Role.VIEWER: frozenset({Permission.SIGNED_IN}),
}


def is_allowed(role: Role | None, permission: Permission) -> bool:
    """Whether ``role`` (``None``: not signed in) has ``permission``."""
    if permission is Permission.PUBLIC:
        return True
    return role is not None and permission in MATRIX[role]
