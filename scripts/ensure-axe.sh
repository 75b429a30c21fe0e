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
npm install --prefix "$DIR" --no-save --no-audit --no-fund --no-package-lock --silent \
  "axe-core@$VERSION"
test -f "$SCRIPT"
