#!/bin/bash
# First start of the primary: a replication role, one database per subgraph (SUBGRAPH_DATABASES,
# set by docker-compose.yml from subgraphs/registry.ts), and a replication slot per replica (REPLICA_SLOTS).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" <<SQL
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD}';
SQL
for slot in ${REPLICA_SLOTS:-replica1}; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -c "SELECT pg_create_physical_replication_slot('$slot')"
done
for db in ${SUBGRAPH_DATABASES:?SUBGRAPH_DATABASES lists the databases to create}; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -c "CREATE DATABASE $db"
done
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
