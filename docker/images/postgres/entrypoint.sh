#!/usr/bin/env bash
# The official image's first start, in short: a cluster whose superuser is POSTGRES_USER with
# POSTGRES_PASSWORD (password logins, and streaming replication, from the network),
# POSTGRES_DB created, then the init scripts run once; every start then runs the server.
# Not in the official image: with POSTGRES_PRIMARY_HOST set, the first start instead copies
# that server (pg_basebackup -R, as POSTGRES_USER) and every start runs a hot standby
# streaming from it. No replication slot: a standby away while its primary writes more WAL
# than it keeps (wal_keep_size) must be made again, from an empty volume.
set -euo pipefail
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
if [ -n "${POSTGRES_PRIMARY_HOST:-}" ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  PGPASSWORD=$POSTGRES_PASSWORD pg_basebackup -h "$POSTGRES_PRIMARY_HOST" -U "$user" -D "$PGDATA" -R -X stream -c fast
  chmod 700 "$PGDATA"
  echo "PostgreSQL standby of $POSTGRES_PRIMARY_HOST made in $PGDATA"
elif [ ! -s "$PGDATA/PG_VERSION" ]; then
  initdb -D "$PGDATA" -U "$user" --pwfile=<(printf '%s' "$POSTGRES_PASSWORD") -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  printf 'host all all all scram-sha-256\nhost replication all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  # The first-start server listens on a socket of its own, so pg_isready (health checks)
  # says ready only once the real server below is up, not while the scripts run.
  init_socket=$(mktemp -d)
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -c unix_socket_directories=$init_socket" -w start >/dev/null
  export PGHOST=$init_socket
  [ "$db" = postgres ] || psql -v ON_ERROR_STOP=1 -q -U "$user" -d postgres -c "CREATE DATABASE \"$db\""
  for script in /docker-entrypoint-initdb.d/*; do
    case "$script" in
      *.sql) psql -v ON_ERROR_STOP=1 -q -U "$user" -d "$db" -f "$script" ;;
      *.sh) . "$script" ;;
    esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  unset PGHOST
  echo "PostgreSQL initialised in $PGDATA"
fi
if [ "${1:-}" = postgres ]; then shift; exec postgres -D "$PGDATA" -c listen_addresses='*' "$@"; fi
exec "$@"
