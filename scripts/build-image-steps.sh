#!/usr/bin/env bash
# The container image's build steps, in one place: the Containerfile runs this script, and CI
# runs it too (scripts/check-install.sh), in a fresh virtualenv, since no container runtime
# works on our machines. It installs Freigabe from the hash-locked requirements with the
# interpreter's own pip (not upgraded) and checks that the assessor model loads.
# Usage: scripts/build-image-steps.sh VENV_DIR [SOURCE_DIR]
set -euo pipefail
VENV=${1:?usage: build-image-steps.sh VENV_DIR [SOURCE_DIR]}
SRC=${2:-$(cd "$(dirname "$0")/.." && pwd)}
PYTHON=${PYTHON:-python3}

echo "build: virtualenv $VENV with $("$PYTHON" --version) and its own pip"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip --version
echo "build: dependencies from requirements/main.lock (every one pinned, hashes checked)"
"$VENV/bin/python" -m pip install --quiet --require-hashes -r "$SRC/requirements/main.lock"
echo "build: freigabe itself, no dependency resolved"
"$VENV/bin/python" -m pip install --quiet --no-deps --no-build-isolation "$SRC"
# Every requirement of every installed package (Freigabe's own included) is satisfied:
# a dependency added to pyproject.toml without `make lock` stops the build here.
"$VENV/bin/python" -m pip check

echo "build: the assessor model ships in the package and loads"
check_dir=$(mktemp -d)
(cd "$check_dir" && FREIGABE_DATA_DIR="$check_dir" "$VENV/bin/python" -c '
from freigabe.assessment.model_store import get_model, models_dir
model = get_model()
assert model is not None, f"no assessor model in {models_dir()}"
print("build: model loaded from", models_dir())
')
rm -rf "$check_dir"
# Byte-compile once here, so containers never write .pyc files at run time.
"$VENV/bin/python" -m compileall -q "$VENV/lib" >/dev/null || true
echo "build: done"
