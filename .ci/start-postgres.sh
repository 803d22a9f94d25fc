#!/usr/bin/env bash
# Installs Debian's PostgreSQL if needed and starts a throwaway server on 127.0.0.1.
# Prints the superuser's connection URL on stdout; everything else goes to stderr.
set -euo pipefail
port="${CUTX_CI_PG_PORT:-54329}"
root="${CUTX_CI_PG_ROOT:-/tmp/cutx-ci-postgres}"

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib; } >&2
fi
bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/pg_ctl | sort -V | tail -n 1)")

# The server refuses to run as root; CI is root, so it runs as the postgres user.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# A server left by an earlier run on this machine would hold the port.
if [ -f "$root/data/postmaster.pid" ]; then as_postgres "$bin/pg_ctl" -D "$root/data" -m immediate stop >&2 || true; fi
rm -rf "$root" && mkdir -p "$root"
[ "$(id -u)" = 0 ] && chown postgres "$root"
as_postgres "$bin/initdb" -D "$root/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >&2
as_postgres "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w \
  -o "-p $port -k $root -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >&2
echo "postgres://postgres@127.0.0.1:$port/postgres"
