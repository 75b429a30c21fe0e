#!/usr/bin/env bash
# The whole suite: lint (ruff, mypy), a fresh install from the lock, everything on SQLite (browser tests
# included), again on PostgreSQL, then two app servers behind nginx (tests/cluster/).
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
status=0

echo "== Lint: ruff and mypy on the domain modules (scripts/lint.sh)"
bash scripts/lint.sh || status=1

echo "== Install: a fresh virtualenv from the lock (the container image's build steps)"
bash scripts/check-install.sh || status=1

echo "== SQLite: unit, HTTP and CLI tests"
$PY -m pytest -m "not browser and not cluster" -n 2 --dist loadfile || status=1

echo "== Browser tests (Playwright + Debian chromium)"
if bash scripts/ensure-chromium.sh; then
  bash scripts/ensure-axe.sh || echo "axe-core could not be installed: the accessibility tests will fail"
  $PY -m pytest -m browser || status=1
else
  echo "chromium could not be installed: browser tests FAILED"; status=1
fi

echo "== PostgreSQL: unit, HTTP and CLI tests"
bash scripts/with-postgres.sh $PY -m pytest -m "not browser and not retrain and not cluster" -n 2 --dist loadfile || status=1

echo "== Cluster: two app servers behind nginx on PostgreSQL and Redis"
$PY -m pytest -m cluster tests/cluster -n 0 || status=1

exit $status
