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

# The image's command and health check, from the fresh install (SQLite in a temp dir).
export FREIGABE_DATA_DIR="$DIR/serve"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$DIR/venv/bin/freigabe" migrate --verbosity 0
"$DIR/venv/bin/freigabe" worker --once
"$DIR/venv/bin/freigabe" serve --host 127.0.0.1 --port "$PORT" --workers 1 >"$DIR/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$DIR"' EXIT
healthy=1
for _ in $(seq 150); do
  if FREIGABE_HEALTHCHECK_URL="http://127.0.0.1:$PORT/healthz" \
      "$DIR/venv/bin/python" "$ROOT/deploy/healthcheck.py" 2>/dev/null; then
    healthy=0; break
  fi
  sleep 0.2
done
if [ "$healthy" != 0 ]; then
  echo "FAILED: the freshly installed server never answered its health check"; tail -20 "$DIR/serve.log"
  exit 1
fi
echo "the freshly installed server is healthy (deploy/healthcheck.py, as the image's HEALTHCHECK)"
