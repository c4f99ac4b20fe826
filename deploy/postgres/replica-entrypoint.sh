#!/bin/bash
# The streaming replica: on first start, a base backup of the primary (with standby.signal and
# primary_conninfo written by -R); afterwards the existing data directory. REPLICA_NAME is its
# replication slot and, as cluster_name, the application_name synchronous_standby_names refers to.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h primary -U postgres; do sleep 1; done
  rm -rf "${PGDATA:?}"/*
  PGPASSWORD="$REPLICATION_PASSWORD" pg_basebackup -h primary -U replicator -D "$PGDATA" -X stream -R -S "${REPLICA_NAME:-replica1}" -P
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on -c cluster_name="${REPLICA_NAME:-replica1}"
