#!/usr/bin/env bash
# `make run`: the server and one job worker side by side. Ctrl-C (or SIGTERM) stops both;
# if either exits, the other is stopped too. Arguments go to `freigabe serve`.
set -u
FREIGABE=${FREIGABE:-.venv/bin/freigabe}

"$FREIGABE" worker &
worker=$!
"$FREIGABE" serve "$@" &
server=$!

stop() {
  trap - INT TERM
  kill -TERM "$server" "$worker" 2>/dev/null
  wait "$server" "$worker" 2>/dev/null
}
trap 'stop; exit 0' INT TERM

wait -n "$server" "$worker"
status=$?
echo "run.sh: a process exited ($status); stopping the other" >&2
stop
exit "$status"
