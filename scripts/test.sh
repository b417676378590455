#!/usr/bin/env bash
# The pytest run behind `make test` (after `make lint`): PostgreSQL up, a throwaway database, pytest
# on SQLite and PostgreSQL with branch coverage.
# Exits non-zero on any failure, including a run that collects no test (pytest exit code 5).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

scripts/ensure-postgres.sh
scripts/ensure-tools.sh age=age
scripts/ensure-chromium.sh

ADMIN_URL="${GAVAH_TEST_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
DB_NAME="gavah_test_$(date +%s)_$$"
"$BIN/python" scripts/pgdb.py create "$ADMIN_URL" "$DB_NAME"
trap '"$BIN/python" scripts/pgdb.py drop "$ADMIN_URL" "$DB_NAME" || true' EXIT
export GAVAH_TEST_DATABASE_URL="${ADMIN_URL%/*}/$DB_NAME"
export GAVAH_REQUIRE_POSTGRES=1

echo "== pytest (SQLite and PostgreSQL: $DB_NAME)"
"$BIN/pytest" --cov=gavah --cov-branch --cov-report=term:skip-covered "$@"
