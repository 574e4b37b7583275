#!/usr/bin/env bash
# Makes sure the PostgreSQL and Redis that Ember (and its tests) talk to are answering.
#
#   DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ember)
#   REDIS_URL    (default redis://127.0.0.1:6379)
#
# For each one that does not answer on a local address it starts the installed server (or installs
# Debian's package first), then waits up to EMBER_SERVICES_TIMEOUT seconds (default 30).
# PostgreSQL must accept the URL's user (postgres) over TCP without a password (trust) unless the URL
# carries one; a cluster that demands a password is reported, never reconfigured. Only a cluster
# that this script created itself gets `trust` for 127.0.0.1/::1 in its pg_hba.conf. Finally the
# URL's database is created if it is missing (so `npm start` can migrate straight away).
#
# Idempotent, and silent when everything already answers. Exits non-zero if a service is unusable.
# Remote hosts are only waited for and checked, never started.
set -euo pipefail

TIMEOUT="${EMBER_SERVICES_TIMEOUT:-30}"
DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ember}"
REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
PRIVATE_PG_ROOT=/var/lib/ember-pg

log() { echo "ensure-services: $*"; }
die() { echo "ensure-services: ERROR: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------- URL parsing
urldecode() { local s="${1//+/ }"; printf '%b' "${s//%/\\x}"; }

# parse_url URL DEFAULT_PORT -> sets U_USER U_PASS U_HOST U_PORT U_PATH
parse_url() {
  local url="$1" rest auth hostport
  rest="${url#*://}"
  auth="${rest%%[/?]*}"
  U_PATH=""
  if [ "$rest" != "$auth" ]; then U_PATH="${rest#"$auth"}"; U_PATH="${U_PATH#/}"; U_PATH="${U_PATH%%\?*}"; fi
  U_USER="" U_PASS=""
  if [[ "$auth" == *@* ]]; then
    local userinfo="${auth%@*}"
    hostport="${auth##*@}"
    if [[ "$userinfo" == *:* ]]; then U_USER="$(urldecode "${userinfo%%:*}")"; U_PASS="$(urldecode "${userinfo#*:}")"
    else U_USER="$(urldecode "$userinfo")"; fi
  else
    hostport="$auth"
  fi
  if [[ "$hostport" == \[*\]* ]]; then            # [::1]:5432
    U_HOST="${hostport#[}"; U_HOST="${U_HOST%%]*}"
    U_PORT="${hostport##*]}"; U_PORT="${U_PORT#:}"
  elif [[ "$hostport" == *:* ]]; then
    U_HOST="${hostport%%:*}"; U_PORT="${hostport##*:}"
  else
    U_HOST="$hostport"; U_PORT=""
  fi
  U_HOST="${U_HOST:-127.0.0.1}"
  U_PORT="${U_PORT:-$2}"
  [[ "$U_PORT" =~ ^[0-9]+$ ]] || die "cannot parse the port of '$url'"
}

is_local() { case "$1" in 127.*|localhost|::1|0.0.0.0) return 0 ;; *) return 1 ;; esac; }

tcp_open() { timeout 2 bash -c ": </dev/tcp/$1/$2" 2>/dev/null; }

# wait_for NAME CHECK_FUNCTION  (polls for TIMEOUT seconds)
wait_for() {
  local name="$1" check="$2" i
  for ((i = 0; i < TIMEOUT * 2; i++)); do
    if "$check"; then return 0; fi
    sleep 0.5
  done
  return 1
}

# ---------------------------------------------------------------------------------- apt
APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "$* not installed and apt-get is not available"
  [ "$(id -u)" -eq 0 ] || die "$* not installed; run as root (or install them) so this script can apt-get install"
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"
    apt-get update -qq </dev/null >/dev/null || die "apt-get update failed"
    APT_UPDATED=1
  fi
  log "apt-get install -y $*"
  apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@" \
    </dev/null >/tmp/ember-ensure-services-apt.log 2>&1 || {
    tail -n 20 /tmp/ember-ensure-services-apt.log >&2 || true
    die "apt-get install $* failed (log: /tmp/ember-ensure-services-apt.log)"
  }
}

# ---------------------------------------------------------------------------------- PostgreSQL
parse_url "$DATABASE_URL" 5432
PG_HOST="$U_HOST" PG_PORT="$U_PORT" PG_USER="${U_USER:-postgres}" PG_PASS="$U_PASS" PG_DB="${U_PATH:-ember}"

pg_answers() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1
  else
    tcp_open "$PG_HOST" "$PG_PORT"
  fi
}

# psql as the URL's user, never prompting; extra args follow.
pg_psql() {
  PGPASSWORD="$PG_PASS" PGCONNECT_TIMEOUT=5 psql -X -w -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$@"
}

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# Prints "VERSION CLUSTER" of the pg_createcluster cluster that uses PG_PORT, if any.
pg_debian_cluster_for_port() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  pg_lsclusters -h 2>/dev/null | awk -v p="$PG_PORT" '$3 == p { print $1, $2; exit }'
}

pg_trust_hba() { # FILE: prepend trust for loopback TCP (only for clusters this script created)
  local hba="$1" tmp
  grep -q '^# ember: trust loopback' "$hba" 2>/dev/null && return 0
  tmp="$(mktemp)"
  {
    echo "# ember: trust loopback (added by scripts/ensure-services.sh for a local dev/CI cluster)"
    echo "host    all             all             127.0.0.1/32            trust"
    echo "host    all             all             ::1/128                 trust"
    cat "$hba"
  } >"$tmp"
  cat "$tmp" >"$hba" && rm -f "$tmp"
  log "configured trust auth for 127.0.0.1 and ::1 in $hba"
}

PG_CREATED_BY_US=0

pg_start_private() {
  local bindir dir logf sockdir
  bindir="$(pg_bindir)"
  [ -n "$bindir" ] && [ -x "$bindir/initdb" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql"
  id postgres >/dev/null 2>&1 || die "no 'postgres' OS user to run the server as"
  dir="$PRIVATE_PG_ROOT/$PG_PORT"
  logf="$PRIVATE_PG_ROOT/$PG_PORT.log"
  install -d -o postgres -g postgres -m 0700 "$PRIVATE_PG_ROOT"
  if [ ! -s "$dir/PG_VERSION" ]; then
    log "initdb a private cluster in $dir (trust auth, 127.0.0.1:$PG_PORT)"
    install -d -o postgres -g postgres -m 0700 "$dir"
    runuser -u postgres -- "$bindir/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --no-locale \
      >"$PRIVATE_PG_ROOT/initdb-$PG_PORT.log" 2>&1 || {
      tail -n 20 "$PRIVATE_PG_ROOT/initdb-$PG_PORT.log" >&2; die "initdb failed"; }
    sockdir=/var/run/postgresql
    [ -d "$sockdir" ] || install -d -o postgres -g postgres -m 2775 "$sockdir"
    {
      echo "# ember private cluster (scripts/ensure-services.sh)"
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $PG_PORT"
      echo "unix_socket_directories = '$sockdir'"
    } >>"$dir/postgresql.conf"
    PG_CREATED_BY_US=1
  fi
  [ -d /var/run/postgresql ] || install -d -o postgres -g postgres -m 2775 /var/run/postgresql
  touch "$logf" && chown postgres:postgres "$logf"
  log "starting the private cluster $dir on 127.0.0.1:$PG_PORT (log: $logf)"
  runuser -u postgres -- "$bindir/pg_ctl" -D "$dir" -l "$logf" -w -t "$TIMEOUT" start >/dev/null ||
    { tail -n 20 "$logf" >&2 || true; die "pg_ctl start failed for $dir"; }
}

pg_start() {
  local cluster ver name hba
  if ! ls -d /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt_install postgresql
    # Debian's postinst creates (and may start) a cluster with pg_createcluster: it is ours now.
    PG_CREATED_BY_US=1
  fi
  cluster="$(pg_debian_cluster_for_port)"
  if [ -n "$cluster" ]; then
    read -r ver name <<<"$cluster"
    if [ "$PG_CREATED_BY_US" = 1 ]; then
      hba="/etc/postgresql/$ver/$name/pg_hba.conf"
      [ -f "$hba" ] && pg_trust_hba "$hba"
    fi
    log "starting PostgreSQL cluster $ver/$name (port $PG_PORT): pg_ctlcluster --skip-systemctl-redirect $ver $name start"
    pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start 2>&1 | sed 's/^/  /' || true
    # Already running (after a fresh install) or just started: make a pg_hba change take effect.
    [ "$PG_CREATED_BY_US" = 1 ] && pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" reload >/dev/null 2>&1 || true
  else
    pg_start_private
  fi
}

if ! pg_answers; then
  if is_local "$PG_HOST"; then
    log "PostgreSQL does not answer on $PG_HOST:$PG_PORT"
    pg_start
  fi
  wait_for PostgreSQL pg_answers || die "PostgreSQL does not answer on $PG_HOST:$PG_PORT after ${TIMEOUT}s"
  log "PostgreSQL answers on $PG_HOST:$PG_PORT"
fi

if command -v psql >/dev/null 2>&1; then
  if ! out="$(pg_psql -d postgres -tAc 'select 1' 2>&1)"; then
    if grep -qiE 'password|authentication failed' <<<"$out"; then
      die "PostgreSQL on $PG_HOST:$PG_PORT demands a password for user '$PG_USER' over TCP: $out
  Ember's default DATABASE_URL has no password. Either put the password in DATABASE_URL
  (postgres://$PG_USER:PASSWORD@$PG_HOST:$PG_PORT/$PG_DB) or add 'host all all 127.0.0.1/32 trust'
  to that cluster's pg_hba.conf. This script does not edit a cluster it did not create."
    fi
    die "cannot connect to PostgreSQL on $PG_HOST:$PG_PORT as '$PG_USER': $out"
  fi
  if [ -n "$PG_DB" ] && [[ "$PG_DB" =~ ^[A-Za-z0-9_-]+$ ]]; then
    exists="$(pg_psql -d postgres -tAc "select 1 from pg_database where datname = '$PG_DB'" 2>/dev/null || true)"
    if [ "$exists" != 1 ]; then
      pg_psql -d postgres -qc "create database \"$PG_DB\"" >/dev/null 2>&1 &&
        log "created database '$PG_DB' on $PG_HOST:$PG_PORT" ||
        log "warning: could not create database '$PG_DB' (it may have been created concurrently)"
    fi
  fi
else
  log "warning: psql not found; PostgreSQL answers on $PG_HOST:$PG_PORT but trust auth was not checked"
fi

# ---------------------------------------------------------------------------------- Redis
parse_url "$REDIS_URL" 6379
RD_HOST="$U_HOST" RD_PORT="$U_PORT" RD_PASS="$U_PASS" RD_USER="$U_USER"

redis_answers() {
  local reply
  if command -v redis-cli >/dev/null 2>&1; then
    reply="$(REDISCLI_AUTH="$RD_PASS" timeout 3 redis-cli -h "$RD_HOST" -p "$RD_PORT" ${RD_USER:+--user "$RD_USER"} ping 2>/dev/null || true)"
  else
    reply="$(timeout 3 bash -c "exec 3<>/dev/tcp/$RD_HOST/$RD_PORT; printf 'PING\r\n' >&3; head -c 5 <&3" 2>/dev/null || true)"
  fi
  [[ "$reply" == *PONG* ]]
}

redis_start() {
  local logf
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  install -d -m 0755 /var/lib/redis /var/log/redis
  if [ "$RD_PORT" = 6379 ]; then logf=/var/log/redis/ci.log; else logf="/var/log/redis/ci-$RD_PORT.log"; fi
  log "starting redis-server on 127.0.0.1:$RD_PORT (log: $logf)"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$RD_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile "$logf" ||
    die "redis-server failed to start (log: $logf)"
}

if ! redis_answers; then
  if is_local "$RD_HOST"; then
    log "Redis does not answer on $RD_HOST:$RD_PORT"
    # Something else may hold the port (e.g. a server that wants a password): don't start a second one.
    if tcp_open "$RD_HOST" "$RD_PORT"; then
      die "port $RD_HOST:$RD_PORT is open but does not answer PING (wrong password in REDIS_URL?)"
    fi
    redis_start
  fi
  wait_for Redis redis_answers || die "Redis does not answer on $RD_HOST:$RD_PORT after ${TIMEOUT}s"
  log "Redis answers on $RD_HOST:$RD_PORT"
fi
