#!/usr/bin/env bash
# Installs what berth's demo and tests need on Debian/Ubuntu. Idempotent and fast when
# everything is present: each need is checked with command -v / dpkg first, and apt is
# touched (one `apt-get update`, one install) only when something is missing.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
cd "$(dirname "$0")/.."

MISSING=()

need_root() {
  if [[ $(id -u) != 0 ]]; then
    echo "setup: berth runs containers as root; run this (or make demo/test) as root, e.g. with sudo" >&2
    exit 1
  fi
}

# want PACKAGE CHECK...: queue PACKAGE unless the check command succeeds.
want() {
  local pkg=$1; shift
  "$@" >/dev/null 2>&1 || MISSING+=("$pkg")
}

has() { command -v "$1"; }
has_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
has_static_busybox() { [[ -x /bin/busybox ]] && has_pkg busybox-static; }

# apt_available PACKAGE: whether this release has a candidate for PACKAGE.
apt_available() {
  local cand
  cand=$(apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: //p')
  [[ -n $cand && $cand != "(none)" ]]
}

apt_updated=no
apt_update_once() {
  [[ $apt_updated == yes ]] && return
  echo "setup: apt-get update" >&2
  apt-get update -qq
  apt_updated=yes
}

install_missing() {
  (( ${#MISSING[@]} )) || return 0
  apt_update_once
  echo "setup: installing ${MISSING[*]}" >&2
  apt-get install -y -qq --no-install-recommends "${MISSING[@]}"
}

# The tests drive the real docker CLI. Newer releases package the client alone (docker-cli);
# on others only docker.io exists, which brings dockerd: we take just its client binary
# out of the .deb so no second daemon is ever installed or started.
ensure_docker_cli() {
  has docker >/dev/null && return
  apt_update_once
  if apt_available docker-cli; then
    apt-get install -y -qq --no-install-recommends docker-cli
    return
  fi
  local tmp
  tmp=$(mktemp -d)
  chown _apt "$tmp" 2>/dev/null || true   # apt fetches as user _apt, which must write here
  (cd "$tmp" && apt-get download -qq docker.io && dpkg-deb -x docker.io_*.deb root)
  install -m 0755 "$tmp/root/usr/bin/docker" /usr/local/bin/docker
  rm -rf "$tmp"
  echo "setup: installed the docker client from docker.io into /usr/local/bin (no dockerd)" >&2
}

# docker-py and pytest: fine if any python3 we would use has them; else Debian's packages,
# which land in /usr/bin/python3 (scripts/test.sh picks whichever interpreter has them).
python_has_docker() {
  local py
  for py in python3 /usr/bin/python3; do
    has "$py" >/dev/null && "$py" -c 'import docker, pytest' 2>/dev/null && return 0
  done
  return 1
}

# The group whose members may use berthd's socket (as docker's "docker" group); berthd falls back to
# root:root 0660 with a warning when it is missing.
ensure_berth_group() {
  getent group berth >/dev/null || groupadd -r berth
}

main() {
  need_root
  want runc            has runc
  want crun            has crun
  want conmon          has conmon
  want busybox-static  has_static_busybox
  want iptables        has iptables
  want iproute2        has ip
  want nftables        has nft        # berthd's NAT and published ports
  want tini            test -x /usr/bin/tini-static   # --init: bound at /sbin/docker-init as PID 1
  want uidmap          has newuidmap
  want tmux            has tmux
  want hyperfine       has hyperfine
  want skopeo          has skopeo
  want docker-registry has docker-registry
  want apache2-utils   has htpasswd   # bcrypt htpasswd entries for the Basic-auth test registry
  want openssl         has openssl    # the token-auth test registry's key and certificate
  want python3         has python3
  want curl            has curl
  want util-linux      has findmnt
  want procps          has pgrep
  want make            has make
  want unzip           has unzip   # the Maven wrapper unpacks Maven with it
  if ! python_has_docker; then MISSING+=(python3-docker python3-pytest); fi
  install_missing
  ensure_docker_cli
  ensure_berth_group
  scripts/java-home.sh >/dev/null
}

main "$@"
