#!/usr/bin/env bash
# Ember's private instance of the Cinder reference oracle (the real cinder-api of Debian bookworm,
# noauth, MariaDB; see shared/oracle/README.md), used by the differential tests (test/differential).
#
#   scripts/oracle.sh check          # can the oracle run here? (exit 3 + reason on stderr if not)
#   scripts/oracle.sh start          # install what is missing, start it (idempotent), print the timing
#   scripts/oracle.sh status         # exit 0 when it answers GET / with 300
#   scripts/oracle.sh seed PROJECT   # one available + one in-use volume of PROJECT, JSON on stdout
#   scripts/oracle.sh dbexec SQL     # one SQL statement on its database (shared/oracle/dbexec.py)
#   scripts/oracle.sh url            # its base URL
#   scripts/oracle.sh stop
#
# It never uses the oracle's defaults (port 18776, /tmp/cinder-oracle), which other people run at
# the same time: EMBER_ORACLE_PORT (18779), EMBER_ORACLE_DB_PORT (13309), EMBER_ORACLE_STATE
# (/tmp/cinder-oracle-diff), EMBER_ORACLE_WORKERS (1). Inherited ORACLE_* variables are ignored.
# The oracle's scripts are found in EMBER_ORACLE_DIR, else <repo>/../shared/oracle.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="${EMBER_ORACLE_DIR:-$ROOT/../shared/oracle}"
export ORACLE_PORT="${EMBER_ORACLE_PORT:-18779}"
export ORACLE_DB_PORT="${EMBER_ORACLE_DB_PORT:-13309}"
export ORACLE_STATE="${EMBER_ORACLE_STATE:-/tmp/cinder-oracle-diff}"
export ORACLE_WORKERS="${EMBER_ORACLE_WORKERS:-1}"
export ORACLE_DB=mariadb
unset ORACLE_FRESH ORACLE_PROJECT
URL="http://127.0.0.1:$ORACLE_PORT"

log() { echo "[ember oracle] $*" >&2; }
cannot() { echo "[ember oracle] cannot run the Cinder oracle here: $*" >&2; exit 3; }

installed() { [ -x /usr/bin/cinder-api ] && [ -x /usr/sbin/mariadbd ] && /usr/bin/python3 -c 'import cinder, pymysql' 2>/dev/null; }

check() {
  [ -x "$DIR/start.sh" ] && [ -x "$DIR/seed.sh" ] || cannot "no oracle scripts in $DIR (set EMBER_ORACLE_DIR)"
  command -v curl >/dev/null || cannot "curl is missing"
  installed && return 0
  [ -r /etc/debian_version ] && command -v apt-get >/dev/null || cannot "not Debian (the oracle is Debian bookworm's cinder-api package)"
  [ "$(id -u)" = 0 ] || cannot "the cinder-api packages are not installed and installing them needs root"
  # shellcheck disable=SC1091
  . /etc/os-release
  [ "${VERSION_CODENAME:-}" = bookworm ] || log "WARNING: Debian ${VERSION_CODENAME:-?}, not bookworm: the packaged Cinder may not be Zed"
}

answers() { [ "$(curl -s -o /dev/null -m 3 -w '%{http_code}' "$URL/" 2>/dev/null)" = 300 ]; }

case "${1:-}" in
  check) check ;;
  status) answers ;;
  url) echo "$URL" ;;
  start)
    check
    started=$(date +%s)
    if ! installed && ! apt-cache show cinder-api >/dev/null 2>&1; then
      log "apt-get update (no cinder-api in the package lists yet)"
      apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 || cannot "apt-get update failed"
    fi
    "$DIR/start.sh" || { rc=$?; log "start.sh failed ($rc); logs in $ORACLE_STATE/log"; exit "$rc"; }
    log "up on $URL (state $ORACLE_STATE) in $(( $(date +%s) - started ))s"
    ;;
  seed)
    [ -n "${2:-}" ] || { echo "usage: $0 seed PROJECT" >&2; exit 2; }
    ORACLE_PROJECT="$2" "$DIR/seed.sh"
    ;;
  dbexec)
    [ -n "${2:-}" ] || { echo "usage: $0 dbexec SQL" >&2; exit 2; }
    /usr/bin/python3 "$DIR/dbexec.py" "$2"
    ;;
  stop) "$DIR/stop.sh" ;;
  *) echo "usage: $0 check|start|status|seed PROJECT|dbexec SQL|url|stop" >&2; exit 2 ;;
esac
