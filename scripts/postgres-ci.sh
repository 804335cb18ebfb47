#!/usr/bin/env bash
# Throwaway PostgreSQL server for the store tests, on a free loopback port.
#
#   scripts/postgres-ci.sh CMD [ARGS...]   start a server, run CMD with
#                                          CROSSWIRE_TEST_PG exported, stop the
#                                          server (trap) and exit with CMD's status
#   eval "$(scripts/postgres-ci.sh start)" start a server and print the exports
#                                          (CROSSWIRE_TEST_PG, CROSSWIRE_TEST_PG_DIR)
#   scripts/postgres-ci.sh stop DIR        stop a server started with `start`
#
# Installs the Debian `postgresql` package with apt-get when no server binaries
# are found (needs root). When no server can be started, the wrapper mode warns
# and still runs CMD without CROSSWIRE_TEST_PG, so the PostgreSQL tests skip with
# a reason; set CROSSWIRE_REQUIRE_PG=1 to make that a failure instead.
# The server listens on 127.0.0.1 only, trusts local connections and runs with
# fsync off: it holds nothing but test data and is deleted on stop.
set -euo pipefail

log() { echo "postgres-ci: $*" >&2; }

find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir=$(pg_config --bindir 2>/dev/null || true)
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  fi
  # Debian keeps the server binaries out of PATH, one directory per major version.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"; return 0
  fi
  return 1
}

install_server() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "no PostgreSQL server binaries and cannot apt-get install them (need root + apt)"
    return 1
  fi
  log "installing postgresql with apt-get"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Run a server binary as the unprivileged owner: initdb and postgres refuse root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# start: prints "export ..." lines on stdout; everything else goes to stderr.
start() {
  local bindir dir port
  bindir=$(find_bindir) || { install_server && bindir=$(find_bindir); } || return 1
  dir=$(mktemp -d "${TMPDIR:-/tmp}/crosswire-pg.XXXXXX")
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { log "no 'postgres' user to run the server as"; return 1; }
    chown postgres "$dir"
  fi
  if ! as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale \
    --no-sync >"$dir/initdb.log" 2>&1; then
    log "initdb failed: $(tail -3 "$dir/initdb.log")"
    rm -rf "$dir"
    return 1
  fi
  # A port can be taken between picking and binding: retry a few times.
  local attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" \
      start >&2; then
      break
    fi
    port=
  done
  if [ -z "$port" ]; then
    log "server did not start: $(tail -3 "$dir/server.log" 2>/dev/null)"
    rm -rf "$dir"
    return 1
  fi
  if ! "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres \
    -c "CREATE DATABASE crosswire_test" >&2; then
    log "could not create the test database"
    CROSSWIRE_TEST_PG_BINDIR=$bindir stop "$dir"
    return 1
  fi
  echo "export CROSSWIRE_TEST_PG=postgresql://postgres@127.0.0.1:$port/crosswire_test"
  echo "export CROSSWIRE_TEST_PG_DIR=$dir"
  echo "export CROSSWIRE_TEST_PG_BINDIR=$bindir"
}

stop() {
  local dir=$1 bindir
  [ -n "$dir" ] && [ -d "$dir/data" ] || return 0
  bindir=${CROSSWIRE_TEST_PG_BINDIR:-$(find_bindir)}
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start)
    start
    ;;
  stop)
    stop "${2:-${CROSSWIRE_TEST_PG_DIR:-}}"
    ;;
  "" | -h | --help)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    [ -n "${1:-}" ] || exit 2
    ;;
  *)
    if exports=$(start); then
      eval "$exports"
      trap 'stop "$CROSSWIRE_TEST_PG_DIR"' EXIT
      trap 'exit 130' INT TERM
      log "CROSSWIRE_TEST_PG=$CROSSWIRE_TEST_PG"
      set +e
      "$@"
      status=$?
      set -e
      exit "$status"
    fi
    if [ "${CROSSWIRE_REQUIRE_PG:-0}" = 1 ]; then
      log "no PostgreSQL server and CROSSWIRE_REQUIRE_PG=1"
      exit 1
    fi
    log "no PostgreSQL server: running without it (PostgreSQL tests will skip)"
    exec "$@"
    ;;
esac
