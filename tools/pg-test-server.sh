#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the test suite and print its URL on stdout.
# Installs Debian's postgresql package first when no server is on the machine (needs root and
# apt-get, as on the project's CI). Prints nothing, and exits 0, when no server can be had:
# the PostgreSQL variants of the tests then skip with that reason.
set -uo pipefail
PORT=${BRANDVOICE_PG_PORT:-54329}
DATA=${BRANDVOICE_PG_DATA:-/tmp/brandvoice-pg-$PORT}

find_bin() {
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1 \
    && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

BIN=$(find_bin) || BIN=""
if [ -z "$BIN" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "pg-test-server: installing Debian's postgresql package" >&2
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2 \
      || { echo "pg-test-server: could not install PostgreSQL" >&2; exit 0; }
    BIN=$(find_bin) || { echo "pg-test-server: no pg_ctl after installing" >&2; exit 0; }
  else
    echo "pg-test-server: no PostgreSQL server here and cannot install one" >&2
    exit 0
  fi
fi

# PostgreSQL refuses to run as root: run the server as the postgres user.
AS=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  AS=(runuser -u postgres --)
fi

if ! "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  rm -rf "$DATA" && mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown postgres "$DATA"
  "${AS[@]}" "$BIN/initdb" -D "$DATA" -U postgres --auth=trust >/dev/null 2>&1 \
    || { echo "pg-test-server: initdb failed" >&2; exit 0; }
  "${AS[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" \
    start >/dev/null 2>&1 || { echo "pg-test-server: server did not start" >&2; exit 0; }
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
