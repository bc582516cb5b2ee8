#!/usr/bin/env bash
# Builds a busybox root filesystem tar (for `berth import` / `docker import`) from the host's
# static busybox, since no registry is reachable: /bin/busybox, one symlink per applet,
# the usual /etc files and directories. Usage: scripts/busybox-image.sh OUT.tar
set -euo pipefail

readonly BUSYBOX=${BUSYBOX:-/bin/busybox}

usage() { echo "usage: $0 OUT.tar" >&2; exit 2; }

# A dynamic busybox would need the host's libc inside the image, so insist on a static one.
check_busybox() {
  if [[ ! -x $BUSYBOX ]] || ldd "$BUSYBOX" 2>/dev/null | grep -q '=>'; then
    echo "busybox-image: need a static busybox at $BUSYBOX (apt-get install busybox-static)" >&2
    exit 1
  fi
}

# One symlink per applet, each at the path busybox itself reports (bin/, sbin/, usr/bin/...).
link_applets() {
  local root=$1 applet dir rel
  "$BUSYBOX" --list-full | while read -r applet; do
    [[ $applet == bin/busybox ]] && continue
    dir=$(dirname "$applet")
    mkdir -p "$root/$dir"
    # relative link, computed without the host's symlinks (/bin may be /usr/bin here)
    rel=$(realpath -m -s --relative-to="/$dir" /bin/busybox)
    ln -sf "$rel" "$root/$applet"
  done
}

write_etc() {
  local root=$1
  cat >"$root/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
user:x:1000:1000:user:/home/user:/bin/sh
P
  cat >"$root/etc/group" <<'G'
root:x:0:
daemon:x:1:
tty:x:5:
nogroup:x:65534:
user:x:1000:
G
  echo 'hosts: files dns' >"$root/etc/nsswitch.conf"
  : >"$root/etc/hosts"
  : >"$root/etc/resolv.conf"
  : >"$root/etc/hostname"
}

make_rootfs() {
  local root=$1
  mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,dev,proc,sys,root,home/user,var/log,var/run,tmp,run}
  install -m 0755 "$BUSYBOX" "$root/bin/busybox"
  link_applets "$root"
  write_etc "$root"
  chmod 1777 "$root/tmp"
  chmod 0700 "$root/root"
  chown 1000:1000 "$root/home/user"
}

TMP=""
cleanup() { [[ -z $TMP ]] || rm -rf "$TMP"; }

main() {
  (( $# == 1 )) || usage
  local out
  out=$(realpath -m "$1")
  check_busybox
  TMP=$(mktemp -d)
  trap cleanup EXIT
  make_rootfs "$TMP/rootfs"
  mkdir -p "$(dirname "$out")"
  # numeric owners (root, and 1000 for /home/user), sorted, one mtime: reproducible
  tar --numeric-owner --sort=name --mtime=@0 -C "$TMP/rootfs" -cf "$out.tmp" .
  mv "$out.tmp" "$out"
}

main "$@"
