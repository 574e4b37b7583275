#!/usr/bin/env bash
# Installs the OpenStack command-line clients that the e2e tests drive Ember with
# (`openstack`, `cinder`, and openstacksdk for python3), from Debian's archive.
# Idempotent and silent when they are already installed. Needs root (or sudo) and apt-get.
set -euo pipefail

log() { echo "install-clients: $*"; }

PKGS=(python3-openstackclient python3-cinderclient python3-openstacksdk)

have_all() {
  command -v openstack >/dev/null 2>&1 || return 1
  command -v cinder >/dev/null 2>&1 || return 1
  # openstacksdk is a library: ask dpkg rather than import it (imports are slow).
  dpkg-query -W -f='${Status}' python3-openstacksdk 2>/dev/null | grep -q 'install ok installed' || return 1
}

if have_all; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  log "apt-get not found: cannot install ${PKGS[*]} (install the OpenStack clients by hand)" >&2
  exit 1
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); else
    log "not root and no sudo: cannot install ${PKGS[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
log "installing ${PKGS[*]} from Debian (this takes a while)"
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  "${PKGS[@]}" </dev/null >/tmp/ember-install-clients.log 2>&1 || {
  log "apt-get install failed; last lines of /tmp/ember-install-clients.log:" >&2
  tail -n 20 /tmp/ember-install-clients.log >&2 || true
  exit 1
}

if have_all; then
  log "installed: $(openstack --version 2>&1 | head -n1); cinder $(cinder --version 2>&1 | head -n1)"
else
  log "packages installed but openstack/cinder still not on PATH" >&2
  exit 1
fi
