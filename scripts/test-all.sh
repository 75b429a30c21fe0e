#!/usr/bin/env bash
# The whole suite: lint (ruff, mypy), a fresh install from the lock, everything on SQLite (browser tests
# included), again on PostgreSQL, then two app servers behind nginx (tests/cluster/).
# It ends with one line per stage and the names of the tests that failed: CI often shows
# only the last lines of a run, and those must say what broke.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
LOGS=$(mktemp -d /tmp/freigabe-test-all.XXXXXX)
trap 'rm -rf "$LOGS"' EXIT
status=0
summary=()

# stage NAME COMMAND...: runs the command, its output also kept in $LOGS/NAME.log.
stage() {
  local name=$1 started=$SECONDS
  shift
  if "$@" 2>&1 | tee "$LOGS/$name.log"; then
    summary+=("ok      $name ($((SECONDS - started)) s)")
  else
    summary+=("FAILED  $name ($((SECONDS - started)) s)")
    status=1
  fi
}

echo "== Lint: ruff and mypy on the domain modules (scripts/lint.sh)"
stage lint bash scripts/lint.sh

echo "== Install: a fresh virtualenv from the lock (the container image's build steps)"
stage install bash scripts/check-install.sh

echo "== SQLite: unit, HTTP and CLI tests"
stage sqlite $PY -m pytest -m "not browser and not cluster" -n 2 --dist loadfile -rfE

echo "== Browser tests (Playwright + Debian chromium)"
if bash scripts/ensure-chromium.sh; then
  bash scripts/ensure-axe.sh || echo "axe-core could not be installed: the accessibility tests will fail"
  stage browser $PY -m pytest -m browser -rfE
else
  echo "chromium could not be installed: browser tests FAILED"
  summary+=("FAILED  browser (chromium could not be installed)")
  status=1
fi

echo "== PostgreSQL: unit, HTTP and CLI tests"
stage postgres bash scripts/with-postgres.sh \
  $PY -m pytest -m "not browser and not retrain and not cluster" -n 2 --dist loadfile -rfE

echo "== Cluster: two app servers behind nginx on PostgreSQL and Redis"
stage cluster $PY -m pytest -m cluster tests/cluster -n 0 -rfE

echo "== Summary ($SECONDS s in all)"
printf '%s\n' "${summary[@]}"
grep -h -E "^(FAILED|ERROR) " "$LOGS"/*.log | sort -u | head -40
exit $status
