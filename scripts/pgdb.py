"""Create or drop a throwaway PostgreSQL database for the test run.

Usage: pgdb.py create|drop ADMIN_URL NAME. Used by scripts/test.sh; not part of the package.
"""

from __future__ import annotations

import re
import sys

import psycopg
from psycopg import sql


def main(argv: list[str]) -> int:
    """Run the command; return the exit code."""
    if len(argv) != 4 or argv[1] not in {"create", "drop"}:
        print("usage: pgdb.py create|drop ADMIN_URL NAME", file=sys.stderr)
        return 2
    action, admin_url, name = argv[1], argv[2], argv[3]
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
        print(f"pgdb.py: bad database name {name!r}", file=sys.stderr)
        return 2
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
            if action == "create":
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            else:
                conn.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
    except psycopg.Error as err:
        print(f"pgdb.py: cannot {action} database {name}: {err}".strip(), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
