#!/usr/bin/env bash
# axe-core for the browser tests' accessibility checks, installed from the npm registry into
# tests/browser/.axe/ (which ignores itself in git: nothing of it is committed).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=tests/browser/.axe
VERSION="${FREIGABE_AXE_VERSION:-4.14.1}"
SCRIPT="$DIR/node_modules/axe-core/axe.min.js"

if [ -f "$SCRIPT" ] && grep -q "axe v$VERSION" "$SCRIPT"; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "npm is missing; installing it with apt-get"
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y -q npm; else sudo apt-get install -y -q npm; fi
fi
mkdir -p "$DIR"
printf '*\n' > "$DIR/.gitignore"
echo "installing axe-core@$VERSION into $DIR"
# Three tries: a registry that hiccups once must not fail the accessibility tests.
for attempt in 1 2 3; do
  if npm install --prefix "$DIR" --no-save --no-audit --no-fund --no-package-lock --silent \
      "axe-core@$VERSION"; then
    break
  fi
  echo "npm install failed (try $attempt of 3)"
  sleep $((attempt * 5))
done
test -f "$SCRIPT"
