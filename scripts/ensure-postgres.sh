#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on localhost, starting (or installing) it if needed.
# Used by scripts/test.sh; safe to run on its own. Needs root only to start or install a server.
set -euo pipefail

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"

ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$PGHOST" -p "$PGPORT"
  else
    (exec 3<>"/dev/tcp/$PGHOST/$PGPORT") 2>/dev/null
  fi
}

start_cluster() {
  if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    local version
    version="$(ls /etc/postgresql | sort -V | tail -n1)"
    echo "ensure-postgres: starting PostgreSQL $version cluster 'main'" >&2
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
}

if ready; then exit 0; fi
start_cluster
for _ in $(seq 1 30); do ready && exit 0; sleep 1; done

if ! [ -d /etc/postgresql ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-postgres: installing PostgreSQL from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
  start_cluster
  for _ in $(seq 1 30); do ready && exit 0; sleep 1; done
fi

echo "ensure-postgres: no PostgreSQL server answers on $PGHOST:$PGPORT" >&2
exit 1
