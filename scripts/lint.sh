#!/usr/bin/env bash
# Lint the tree: ruff's rules (pyproject.toml [tool.ruff]) and mypy on the domain modules
# ([tool.mypy] files). `make lint` runs this; so does scripts/test-all.sh, first.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
.venv/bin/ruff check freigabe tests bench scripts || status=1
# The tree is formatted; keep it so.
.venv/bin/ruff format --check freigabe tests bench scripts || status=1
.venv/bin/mypy || status=1
exit $status
