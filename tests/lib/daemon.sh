#!/usr/bin/env bash
# A private berthd for tests and the demo: its own data root, exec root, socket and cgroup
# parent under one mktemp dir, so it never touches another instance (or the system's).
#
# Source it and call:   berth_daemon_start [NAME-PREFIX]   -> sets BERTH_TMP BERTH_SOCK BERTH_PID
#                                                             BERTH_CGROUP_PARENT BERTH_LOG
#                                                             BERTH_BRIDGE BERTH_BIP
#                       (BERTH_DAEMON_ARGS: more berthd flags, split on spaces, e.g. TLS listeners)
#                       berth_daemon_stop                  -> SIGTERM, SIGKILL after 10 s
#                       berth_daemon_cleanup               -> stop + remove all it left behind
# Or run it:            tests/lib/daemon.sh cleanup TMPDIR CGROUP-PARENT
#                       (used by the Java integration tests so the cleanup rules live in one place)

BERTH_ROOT=${BERTH_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
BERTH_TMP=${BERTH_TMP:-}
BERTH_SOCK=${BERTH_SOCK:-}
BERTH_PID=${BERTH_PID:-}
BERTH_CGROUP_PARENT=${BERTH_CGROUP_PARENT:-}
BERTH_LOG=${BERTH_LOG:-}
BERTH_BRIDGE=${BERTH_BRIDGE:-}
BERTH_BIP=${BERTH_BIP:-}

# berth_ping SOCK: true when the daemon answers GET /_ping with OK.
berth_ping() {
  [[ -S $1 ]] && [[ $(curl -s -m 2 --unix-socket "$1" http://berth/_ping 2>/dev/null) == OK ]]
}

berth_daemon_start() {
  # $BERTH_IT_BERTHD: another launcher with berthd's flags (an installed one, or a reference engine)
  local prefix=${1:-berth-it} bin=${BERTH_IT_BERTHD:-$BERTH_ROOT/bin/berthd}
  if [[ ! -x $bin ]]; then
    echo "daemon.sh: $bin is missing: run 'make build' first" >&2
    return 1
  fi
  BERTH_TMP=$(mktemp -d "${TMPDIR:-/tmp}/$prefix.XXXXXX")
  chmod 0711 "$BERTH_TMP"   # searchable, not listable: a --userns-remap daemon's remapped root walks through it
  BERTH_SOCK="$BERTH_TMP/berth.sock"
  BERTH_CGROUP_PARENT="$prefix-${BERTH_TMP##*.}"
  BERTH_LOG="$BERTH_TMP/berthd.log"
  berth_pick_network || return 1
  echo "$BERTH_BRIDGE" >"$BERTH_TMP/bridge"   # the cleanup finds the bridge (and nft table) here
  "$bin" --data-root "$BERTH_TMP/data" --exec-root "$BERTH_TMP/exec" -H "unix://$BERTH_SOCK" \
         --cgroup-parent "$BERTH_CGROUP_PARENT" --log-level "${BERTH_LOG_LEVEL:-info}" \
         --bridge "$BERTH_BRIDGE" --bip "$BERTH_BIP" \
         ${BERTH_RUNTIME:+--default-runtime "$BERTH_RUNTIME"} ${BERTH_DAEMON_ARGS:-} >"$BERTH_LOG" 2>&1 &
  BERTH_PID=$!
  export BERTH_TMP BERTH_SOCK BERTH_PID BERTH_CGROUP_PARENT BERTH_LOG BERTH_BRIDGE BERTH_BIP
  berth_wait_ready
}

# Every test daemon gets its own bridge "bt<N>" and subnet 10.(100+N/256).(N%256).0/24 from one
# random N < 38400, so parallel daemons and leftovers never share either; a name or subnet
# already in use on this host is skipped.
berth_pick_network() {
  local n i subnet
  for ((i = 0; i < 20; i++)); do
    n=$(( ((RANDOM << 15) | RANDOM) % 38400 ))
    subnet="10.$((100 + n / 256)).$((n % 256)).0/24"
    [[ -e /sys/class/net/bt$n ]] && continue
    [[ -n $(ip -4 route show root "$subnet" 2>/dev/null) ]] && continue
    [[ -n $(ip -4 route show match "${subnet%/*}" 2>/dev/null | grep -v '^default') ]] && continue
    BERTH_BRIDGE="bt$n" BERTH_BIP="${subnet%.0/24}.1/24"
    return 0
  done
  echo "daemon.sh: no free bridge name and subnet found" >&2
  return 1
}

# Waits up to 30 s for _ping; a daemon that died or never answers is a failure with its log.
berth_wait_ready() {
  local i
  for ((i = 0; i < 300; i++)); do
    berth_ping "$BERTH_SOCK" && return 0
    if ! kill -0 "$BERTH_PID" 2>/dev/null; then
      echo "daemon.sh: berthd exited during start; its log:" >&2
      tail -n 40 "$BERTH_LOG" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "daemon.sh: berthd did not answer _ping on $BERTH_SOCK within 30 s; its log:" >&2
  tail -n 40 "$BERTH_LOG" >&2
  return 1
}

# SIGTERM, then SIGKILL after 10 s: a clean stop must not leave the test run hanging.
berth_daemon_stop() {
  [[ -n $BERTH_PID ]] || return 0
  kill -TERM "$BERTH_PID" 2>/dev/null || { BERTH_PID=""; return 0; }
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$BERTH_PID" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$BERTH_PID" 2>/dev/null; then
    echo "daemon.sh: berthd $BERTH_PID ignored SIGTERM for 10 s, killing it" >&2
    kill -KILL "$BERTH_PID" 2>/dev/null || true
  fi
  wait "$BERTH_PID" 2>/dev/null || true
  BERTH_PID=""
}

# Stops the daemon and removes everything it may have left: containers' processes (via
# their cgroups), conmon monitors, runtime state, mounts, cgroups, then the temp dir.
berth_daemon_cleanup() {
  berth_daemon_stop
  [[ -n $BERTH_TMP ]] || return 0
  berth_cleanup "$BERTH_TMP" "$BERTH_CGROUP_PARENT"
  BERTH_TMP=""
}

berth_cleanup() {
  local tmp=$1 parent=$2
  [[ -n $tmp && -d $tmp ]] || return 0
  _kill_cgroup_processes "$parent"
  _kill_monitors "$tmp"
  _delete_runtime_state "$tmp"
  _unmount_under "$tmp"
  _remove_network "$tmp"
  _remove_cgroups "$parent"
  # --one-file-system: never follow a mount we failed to remove into the host's files
  rm -rf --one-file-system "$tmp" 2>/dev/null || true
}

# Every cgroup dir named after the parent, in v1 controllers, v2 (root or unified) and systemd.
_cgroup_dirs() {
  local parent=$1 d
  [[ -n $parent ]] || return 0
  for d in /sys/fs/cgroup/"$parent" /sys/fs/cgroup/*/"$parent" \
           /sys/fs/cgroup/"$parent.slice" /sys/fs/cgroup/*/"$parent.slice"; do
    [[ -d $d ]] && echo "$d"
  done
  return 0
}

# Thaws (a frozen process cannot die) and SIGKILLs everything in the parent's cgroups.
_kill_cgroup_processes() {
  local parent=$1 dir f pids round
  for round in 1 2 3 4 5 6 7 8 9 10; do
    pids=""
    while read -r dir; do
      for f in $(find "$dir" -name freezer.state 2>/dev/null); do echo THAWED >"$f" 2>/dev/null || true; done
      for f in $(find "$dir" -name cgroup.freeze 2>/dev/null); do echo 0 >"$f" 2>/dev/null || true; done
      pids+=" $(find "$dir" -name cgroup.procs -exec cat {} + 2>/dev/null | tr '\n' ' ')"
    done < <(_cgroup_dirs "$parent")
    [[ -z ${pids// /} ]] && return 0
    # shellcheck disable=SC2086  # a list of pids
    kill -KILL $pids 2>/dev/null || true
    sleep 0.2
  done
}

# conmon (and any other monitor) started for this instance: its arguments name our roots
# (conmon's -b bundle, -p pidfile, -l log path are under the exec or data root).
_kill_monitors() {
  local tmp=$1 pid
  for pid in $(pgrep -f -- "$tmp/" 2>/dev/null); do
    [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
    kill -KILL "$pid" 2>/dev/null || true
  done
}

# runc/crun keep state under their --root; if the daemon used the default root, delete
# the containers whose bundle lives under our temp dir.
_delete_runtime_state() {
  local tmp=$1 rt id bundle
  for rt in runc crun; do
    command -v "$rt" >/dev/null || continue
    while read -r id bundle; do
      [[ $bundle == "$tmp"/* ]] && "$rt" delete -f "$id" >/dev/null 2>&1 || true
    done < <("$rt" list -f json 2>/dev/null | python3 -c '
import json, sys
for c in json.load(sys.stdin) or []:
    print(c.get("id", ""), c.get("bundle", ""))' 2>/dev/null || true)
  done
}

# Unmounts every mount at or under tmp, deepest first; lazily if busy.
_unmount_under() {
  local tmp=$1 target
  while read -r target; do
    umount "$target" 2>/dev/null || umount -l "$target" 2>/dev/null || true
  done < <(findmnt -rn -o TARGET | awk -v t="$tmp" 'index($0, t) == 1' | sort -r)
}

# The daemon's bridge (named in TMP/bridge), its user networks' bridges (named in its nft table
# "berth-<bridge>"), the veths on them, and the table. Namespaces are gone by now (unmounted
# above), which takes their veths along; any left are deleted.
_remove_network() {
  local tmp=$1 br b link
  [[ -f $tmp/bridge ]] || return 0
  br=$(<"$tmp/bridge")
  [[ $br =~ ^[A-Za-z0-9_.-]+$ ]] || return 0
  for b in $br $(nft list table ip "berth-$br" 2>/dev/null | grep -o 'oifname "br-[0-9a-f]*"' | cut -d'"' -f2 | sort -u); do
    for link in $(ip -o link show master "$b" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
      ip link del "$link" 2>/dev/null || true
    done
    ip link del "$b" 2>/dev/null || true
  done
  nft delete table ip "berth-$br" 2>/dev/null || true
}

# Removes the parent's cgroup trees, children first.
_remove_cgroups() {
  local dir
  while read -r dir; do
    find "$dir" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done < <(_cgroup_dirs "$1")
}

# Executed (not sourced): `daemon.sh cleanup TMPDIR CGROUP-PARENT`.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  case ${1:-} in
    cleanup) (( $# == 3 )) || { echo "usage: $0 cleanup TMPDIR CGROUP-PARENT" >&2; exit 2; }
             berth_cleanup "$2" "$3" ;;
    *) echo "usage: $0 cleanup TMPDIR CGROUP-PARENT (or source it)" >&2; exit 2 ;;
  esac
fi
