#!/usr/bin/env bash
# Make sure Debian's chromium is installed for the browser tests (Playwright drives it).
# Installs it with apt-get when missing; exits non-zero with a clear message if it cannot.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $CHROMIUM is present ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown'))."
  exit 0
fi

fail() {
  echo "ensure-chromium: $*" >&2
  echo "ensure-chromium: install it by hand (as root: apt-get install -y chromium), then rerun the browser tests." >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "$CHROMIUM is missing and apt-get is not available on this machine."

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  fail "$CHROMIUM is missing and installing it needs root (no password-less sudo either)."
fi

echo "ensure-chromium: $CHROMIUM is missing; running: ${SUDO[*]:-} apt-get update"
"${SUDO[@]}" apt-get -o Acquire::Retries=3 update || fail "apt-get update failed."
echo "ensure-chromium: running: ${SUDO[*]:-} apt-get install -y --no-install-recommends chromium"
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get -o Acquire::Retries=3 install -y --no-install-recommends chromium \
  || fail "apt-get install chromium failed."

[ -x "$CHROMIUM" ] || fail "chromium was installed but $CHROMIUM does not exist."
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)."
