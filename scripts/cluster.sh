#!/usr/bin/env bash
# Freigabe on several app servers, on loopback: PostgreSQL, Redis, two `freigabe serve`
# instances, one `freigabe worker` and nginx in front, every file in one directory.
#
#   scripts/cluster.sh run CMD...      start in a temp dir, run CMD (FREIGABE_CLUSTER_DIR set), stop
#   scripts/cluster.sh start DIR       start everything; DIR/cluster.env says where it runs
#   scripts/cluster.sh stop DIR        stop everything (nothing is left running)
#   scripts/cluster.sh app-start DIR N / app-stop DIR N     one app server (N = 1 or 2)
#   scripts/cluster.sh redis-start DIR / redis-stop DIR     Redis alone (for failure tests)
#
# Debian's postgresql, redis-server and nginx are installed with apt-get when missing.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FREIGABE=${FREIGABE:-$ROOT/.venv/bin/freigabe}

log() { echo "cluster: $*" >&2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

install_missing() {
  local missing=()
  [ -n "$(pg_bin)" ] || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} with apt-get"
    apt-get -o Acquire::Retries=3 update -qq >&2
    # policy-rc.d 101: the packages' own services (port 80, 6379, 5432) are never started.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    DEBIAN_FRONTEND=noninteractive apt-get -o Acquire::Retries=3 install -y -qq "${missing[@]}" >&2
    rm -f /usr/sbin/policy-rc.d
  fi
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# --- PostgreSQL ------------------------------------------------------------------------
# Its files live in PG_DIR (its own directory, readable by the postgres user).
pg_start() {
  local bin
  bin=$(pg_bin)
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
  fi
  as_postgres "$bin/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
  as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o \
    "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=100 -c fsync=off" start >/dev/null
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres freigabe
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] || return 0
  as_postgres "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}

# --- Redis -----------------------------------------------------------------------------
redis_start() {
  local dir=$1
  mkdir -p "$dir/redis"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$dir/redis" --save "" \
    --appendonly no --daemonize yes --pidfile "$dir/redis/redis.pid" \
    --logfile "$dir/redis/redis.log" >/dev/null
  for _ in $(seq 50); do
    redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG && return 0
    sleep 0.1
  done
  log "redis did not start"; return 1
}

redis_stop() {
  local dir=$1
  stop_pidfile "$dir/redis/redis.pid" TERM
}

# --- app servers and worker ------------------------------------------------------------
app_env() {
  # One secret key for all servers, or a session signed by one is rejected by the other.
  APP_ENV=(FREIGABE_DATA_DIR="$1/app" DATABASE_URL="$DATABASE_URL"
    FREIGABE_CACHE_URL="$FREIGABE_CACHE_URL" FREIGABE_SECRET_KEY="$FREIGABE_SECRET_KEY"
    FREIGABE_TRUSTED_PROXIES=127.0.0.1 FREIGABE_SECURE_COOKIES=0
    FREIGABE_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
    FREIGABE_EMAIL_FILE_PATH="$1/mail")
  # Limits the caller chose (tests) reach every server alike.
  local name
  for name in FREIGABE_RATE_COMMENTS FREIGABE_RATE_COMMENTS_PER_AUTHOR FREIGABE_METRICS_TOKEN; do
    [ -n "${!name:-}" ] && APP_ENV+=("$name=${!name}")
  done
  return 0
}

app_start() {
  local dir=$1 number=$2 port
  port=$(eval echo "\$APP_${number}_PORT")
  # setsid: the server's own process group, so a test can kill the whole server at once.
  app_env "$dir"
  env "${APP_ENV[@]}" setsid "$FREIGABE" serve --host 127.0.0.1 --port "$port" --workers 2 \
    >>"$dir/app$number.log" 2>&1 &
  echo $! > "$dir/app$number.pid"
  wait_healthy "http://127.0.0.1:$port" "$dir/app$number.log"
}

app_stop() { stop_group "$1/app$2.pid"; }

worker_start() {
  local dir=$1
  app_env "$dir"
  env "${APP_ENV[@]}" setsid "$FREIGABE" worker >>"$dir/worker.log" 2>&1 &
  echo $! > "$dir/worker.pid"
}

wait_healthy() {
  local url=$1 logfile=$2
  for _ in $(seq 300); do
    if python3 -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + '/healthz', timeout=2)" "$url" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  log "$url did not become healthy"; tail -20 "$logfile" >&2; return 1
}

# --- nginx -----------------------------------------------------------------------------
nginx_start() {
  local dir=$1
  mkdir -p "$dir/nginx/temp"
  chmod 777 "$dir/nginx/temp"
  FREIGABE_APP_1="127.0.0.1:$APP_1_PORT" FREIGABE_APP_2="127.0.0.1:$APP_2_PORT" \
    NGINX_LISTEN="127.0.0.1:$NGINX_PORT" python3 - "$ROOT/deploy/nginx-freigabe.conf.template" \
    >"$dir/nginx/freigabe.conf" <<'PY'
import os, re, sys
text = open(sys.argv[1]).read()
print(re.sub(r"\$\{(\w+)\}", lambda m: os.environ[m.group(1)], text))
PY
  local user_line=""
  # As root, nginx's workers would run as nobody, who may not enter the data directory.
  [ "$(id -u)" = 0 ] && user_line="user root;"
  cat >"$dir/nginx/nginx.conf" <<EOF
$user_line
worker_processes 1;
pid $dir/nginx/nginx.pid;
error_log $dir/nginx/error.log warn;
events { worker_connections 512; }
http {
    access_log $dir/nginx/access.log;
    client_body_temp_path $dir/nginx/temp/body;
    proxy_temp_path $dir/nginx/temp/proxy;
    fastcgi_temp_path $dir/nginx/temp/fastcgi;
    uwsgi_temp_path $dir/nginx/temp/uwsgi;
    scgi_temp_path $dir/nginx/temp/scgi;
    include $dir/nginx/freigabe.conf;
}
EOF
  /usr/sbin/nginx -p "$dir/nginx" -c "$dir/nginx/nginx.conf"
  wait_healthy "http://127.0.0.1:$NGINX_PORT" "$dir/nginx/error.log"
}

nginx_stop() { stop_pidfile "$1/nginx/nginx.pid" QUIT; }

# --- process helpers ---------------------------------------------------------------------
stop_pidfile() {
  local file=$1 signal=$2 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  kill -"$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
}

stop_group() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 200); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$file"
}

load_env() {
  # shellcheck disable=SC1091
  source "$1/cluster.env"
}

start() {
  local dir=$1
  install_missing
  mkdir -p "$dir/app" "$dir/mail"
  local pg_dir
  pg_dir=$(mktemp -d /tmp/freigabe-cluster-pg.XXXXXX)
  chmod 755 "$pg_dir"
  cat >"$dir/cluster.env" <<EOF
PG_DIR=$pg_dir
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
APP_1_PORT=$(free_port)
APP_2_PORT=$(free_port)
NGINX_PORT=$(free_port)
FREIGABE_SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
EOF
  load_env "$dir"
  cat >>"$dir/cluster.env" <<EOF
DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/freigabe
FREIGABE_CACHE_URL=redis://127.0.0.1:$REDIS_PORT/0
FREIGABE_CLUSTER_URL=http://127.0.0.1:$NGINX_PORT
EOF
  chmod 600 "$dir/cluster.env"
  load_env "$dir"
  log "PostgreSQL on $PG_PORT, Redis on $REDIS_PORT"
  pg_start
  redis_start "$dir"
  log "migrating"
  app_env "$dir"
  env "${APP_ENV[@]}" "$FREIGABE" migrate --verbosity 0
  log "app servers on $APP_1_PORT and $APP_2_PORT, a worker"
  app_start "$dir" 1 &
  local first=$!
  app_start "$dir" 2
  wait "$first"
  worker_start "$dir"
  nginx_start "$dir"
  log "ready: $FREIGABE_CLUSTER_URL (nginx), files in $dir"
}

stop() {
  local dir=$1
  [ -f "$dir/cluster.env" ] || { log "no cluster in $dir"; return 0; }
  nginx_stop "$dir"
  app_stop "$dir" 1
  app_stop "$dir" 2
  stop_group "$dir/worker.pid"
  redis_stop "$dir"
  load_env "$dir"
  pg_stop
  log "stopped"
}

command=${1:-}
case "$command" in
  start) start "$2" ;;
  stop) stop "$2" ;;
  app-start) load_env "$2"; app_start "$2" "$3" ;;
  app-stop) app_stop "$2" "$3" ;;
  redis-start) load_env "$2"; redis_start "$2" ;;
  redis-stop) redis_stop "$2" ;;
  run)
    shift
    dir=$(mktemp -d /tmp/freigabe-cluster.XXXXXX)
    chmod 755 "$dir"
    trap 'stop "$dir"; rm -rf "$dir"' EXIT
    trap 'exit 130' INT TERM
    start "$dir"
    set +e
    FREIGABE_CLUSTER_DIR=$dir "$@"
    exit $?
    ;;
  *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
