#!/usr/bin/env bash
# Installs what `make bench` compares berth with: Debian's docker.io (dockerd 20.10 + containerd),
# podman 4.3 and the CNI plugins (podman's private bench network), and hyperfine. Idempotent.
# - docker.io's client would land in /usr/bin/docker: it is diverted to /usr/lib/docker.io/docker
#   first, so the docker CLI 28 in /usr/local/bin stays the only `docker` on PATH.
# - No service is started (a policy-rc.d that refuses, if there is none) or left enabled.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

PKGS=(docker.io podman containernetworking-plugins hyperfine)
UNITS=(docker.service docker.socket containerd.service podman.service podman.socket
       podman-restart.service podman-auto-update.service podman-auto-update.timer)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

main() {
  [[ $(id -u) == 0 ]] || { echo "bench: run as root (containers need it)" >&2; exit 1; }
  local missing=() p policy_made=no
  for p in "${PKGS[@]}"; do installed "$p" || missing+=("$p"); done
  (( ${#missing[@]} )) || return 0
  if ! dpkg-divert --list /usr/bin/docker | grep -q .; then
    mkdir -p /usr/lib/docker.io
    dpkg-divert --local --rename --divert /usr/lib/docker.io/docker --add /usr/bin/docker
  fi
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 0755 /usr/sbin/policy-rc.d; policy_made=yes
  fi
  echo "bench: installing ${missing[*]}" >&2
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
  [[ $policy_made == no ]] || rm -f /usr/sbin/policy-rc.d
  systemctl --root=/ disable "${UNITS[@]}" >/dev/null 2>&1 || true
}

main "$@"
