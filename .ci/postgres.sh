#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for tests and prints its URL on stdout.
# Installs Debian's postgresql if it is missing. Usage: .ci/postgres.sh [port] [dir]
set -euo pipefail
port="${1:-54329}"
dir="${2:-/tmp/tusk-postgres}"

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ]; then
  echo "installing postgresql..." >&2
  if [ "$(id -u)" = 0 ]; then apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  else sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2; fi
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# PostgreSQL refuses to run as root: run it as the postgres user then.
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Sized for a write-heavy load (the indexer, its benchmark) rather than
# PostgreSQL's defaults for a small machine: with 128 MB of buffers the
# indexer's tables and indexes are read back from the OS cache page by page,
# and a 1 GB WAL limit forces checkpoints mid-ingest (then every page touched
# again is logged whole). Measured on the bench chain: ~10% less server CPU.
sizing="-c shared_buffers=2GB -c max_wal_size=8GB"

if ! run "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  rm -rf "$dir"; mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  run "$bindir/initdb" -D "$dir" -U tusk --auth=trust -E UTF8 >/dev/null
  run "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off $sizing" start >&2
  run "$bindir/createdb" -h 127.0.0.1 -p "$port" -U tusk tusk
fi
echo "postgres://tusk@127.0.0.1:$port/tusk"
