#!/usr/bin/env bash
# CI step: install as a new user would. A fresh virtualenv made by the interpreter's own pip
# installs from the lock (the container image's build steps), then every freigabe module and
# trafilatura (with lxml_html_clean) are imported from the installed package.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$(mktemp -d /tmp/freigabe-install.XXXXXX)
trap 'rm -rf "$DIR"' EXIT

bash "$ROOT/scripts/build-image-steps.sh" "$DIR/venv" "$ROOT"
# Run from elsewhere, so the checkout on sys.path cannot stand in for the installed package.
cd "$DIR"
FREIGABE_DATA_DIR="$DIR/data" FREIGABE_ASSESSOR_PRELOAD=0 \
  "$DIR/venv/bin/python" "$ROOT/scripts/import_everything.py"
