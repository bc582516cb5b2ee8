#!/usr/bin/env bash
# The three engines of `make bench`, each private to one work dir ($BENCH_W) and removed afterwards.
# Sourced by bench/run.sh (which sources tests/lib/daemon.sh first, for berthd).
#
#   berthd  tests/lib/daemon.sh: its own data root, exec root, socket and cgroup parent.
#   dockerd Debian's docker.io 20.10 with its own --data-root, --exec-root, -H, --pidfile and
#           cgroup parent; it starts its own containerd under those roots. Networking: a private
#           bridge ($BENCH_DOCKER_BRIDGE, made here, deleted afterwards) with --iptables=false
#           --ip6tables=false --ip-forward=false --ip-masq=false, so dockerd never touches a firewall
#           table or a sysctl; containers still get a veth on a bridge, which is what a default-network
#           `run` costs (no NAT rule is made per container anyway).
#   podman  Debian's podman 4.3, daemonless: its own --root/--runroot, CONTAINERS_CONF (ENGINEERING.md
#           §4's ulimits, runc, a private tmp dir) and a private CNI network as the default network:
#           only the bridge plugin (private bridge $BENCH_PODMAN_BRIDGE, no masquerade, no firewall or
#           portmap plugin) with host-local IPAM keeping its leases in the work dir.
# Each engine_start_* sets a CLI wrapper in $BENCH_W/bin/<engine> (for the shell-built workloads).

BENCH_DOCKER_BRIDGE=${BENCH_DOCKER_BRIDGE:-bbench-d$$}
BENCH_PODMAN_BRIDGE=${BENCH_PODMAN_BRIDGE:-bbench-p$$}
BENCH_DOCKER_NET=${BENCH_DOCKER_NET:-10.254.77}   # /24s unlikely to meet the networks of other daemons
BENCH_PODMAN_NET=${BENCH_PODMAN_NET:-10.254.78}

# wrapper NAME COMMAND...: an executable $BENCH_W/bin/NAME that runs COMMAND with its arguments.
wrapper() {
  local name=$1; shift
  mkdir -p "$BENCH_W/bin"
  { echo '#!/bin/sh'; printf 'exec'; printf ' %q' "$@"; echo ' "$@"'; } >"$BENCH_W/bin/$name"
  chmod 0755 "$BENCH_W/bin/$name"
}

# wait_for DESCRIPTION SECONDS COMMAND...: polls COMMAND every 0.1 s.
wait_for() {
  local what=$1 secs=$2 i; shift 2
  for ((i = 0; i < secs * 10; i++)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "bench: $what not ready after ${secs}s" >&2
  return 1
}

engine_start_berth() {
  berth_daemon_start berth-bench
  BERTH_CLI="$BERTH_ROOT/bin/berth -H unix://$BERTH_SOCK"
  wrapper berth "$BERTH_ROOT/bin/berth" -H "unix://$BERTH_SOCK"
  wrapper berth-dockercli docker -H "unix://$BERTH_SOCK"
}

engine_stop_berth() { berth_daemon_cleanup; }

engine_start_docker() {
  local d=$BENCH_W/docker
  mkdir -p "$d"
  echo '{}' >"$d/daemon.json"
  DOCKER_SOCK=$d/docker.sock
  DOCKER_CGROUP_PARENT=bbench-docker-$$
  ip link add "$BENCH_DOCKER_BRIDGE" type bridge
  ip addr add "$BENCH_DOCKER_NET.1/24" dev "$BENCH_DOCKER_BRIDGE"
  ip link set "$BENCH_DOCKER_BRIDGE" up
  dockerd --config-file "$d/daemon.json" --data-root "$d/data" --exec-root "$d/exec" \
    -H "unix://$DOCKER_SOCK" --pidfile "$d/dockerd.pid" --cgroup-parent "$DOCKER_CGROUP_PARENT" \
    --exec-opt native.cgroupdriver=cgroupfs --storage-driver overlay2 \
    --bridge "$BENCH_DOCKER_BRIDGE" --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
    --userland-proxy=false --log-level warn >"$d/dockerd.log" 2>&1 &
  DOCKER_PID=$!
  wait_for dockerd 60 docker -H "unix://$DOCKER_SOCK" version || { tail -n 30 "$d/dockerd.log" >&2; return 1; }
  DOCKER_CLI="docker -H unix://$DOCKER_SOCK"
  wrapper docker docker -H "unix://$DOCKER_SOCK"
}

# dockerd's own containerd: the one whose arguments name our exec root.
docker_containerd_pid() { pgrep -f -- "containerd --config $BENCH_W/docker/exec" | head -n 1; }

engine_stop_docker() {
  [[ -n ${DOCKER_PID:-} ]] || return 0
  local ids i
  ids=$(docker -H "unix://$DOCKER_SOCK" ps -aq 2>/dev/null || true)
  # shellcheck disable=SC2086 # a list of ids
  [[ -z $ids ]] || docker -H "unix://$DOCKER_SOCK" rm -f $ids >/dev/null 2>&1 || true
  kill -TERM "$DOCKER_PID" 2>/dev/null || true
  for ((i = 0; i < 200; i++)); do kill -0 "$DOCKER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$DOCKER_PID" 2>/dev/null || true
  wait "$DOCKER_PID" 2>/dev/null || true
  DOCKER_PID=""
  _kill_cgroup_processes "$DOCKER_CGROUP_PARENT"
  _kill_monitors "$BENCH_W/docker"
  _unmount_under "$BENCH_W/docker"
  _remove_cgroups "$DOCKER_CGROUP_PARENT"
}

podman_conf() {
  local p=$1
  mkdir -p "$p/cni" "$p/tmp" "$p/ipam"
  cat >"$p/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=1024:1024"]

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
tmp_dir = "$p/tmp"

[network]
network_backend = "cni"
cni_plugin_dirs = ["/usr/lib/cni"]
network_config_dir = "$p/cni"
default_network = "bench"
EOF
  cat >"$p/cni/bench.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "bench",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$BENCH_PODMAN_BRIDGE",
      "isGateway": true,
      "ipMasq": false,
      "ipam": {
        "type": "host-local",
        "dataDir": "$p/ipam",
        "routes": [{ "dst": "0.0.0.0/0" }],
        "ranges": [[{ "subnet": "$BENCH_PODMAN_NET.0/24", "gateway": "$BENCH_PODMAN_NET.1" }]]
      }
    }
  ]
}
EOF
  cat >"$p/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$p/root"
runroot = "$p/run"
EOF
}

engine_start_podman() {
  local p=$BENCH_W/podman
  podman_conf "$p"
  export CONTAINERS_CONF=$p/containers.conf CONTAINERS_STORAGE_CONF=$p/storage.conf
  PODMAN_CLI="podman --root $p/root --runroot $p/run --storage-driver overlay"
  wrapper podman podman --root "$p/root" --runroot "$p/run" --storage-driver overlay
  $PODMAN_CLI info >/dev/null
}

engine_stop_podman() {
  [[ -n ${PODMAN_CLI:-} ]] || return 0
  $PODMAN_CLI rm -a -f -t 0 >/dev/null 2>&1 || true
  _kill_monitors "$BENCH_W/podman"
  _unmount_under "$BENCH_W/podman"
  PODMAN_CLI=""
}

# What the engines may leave outside the work dir, recorded before they start (leftovers_check).
leftovers_snapshot() {
  ls -d /dev/shm/libpod_lock /var/lib/cni /run/netns/cni-* /sys/fs/cgroup/*/libpod_parent \
    /var/lib/containers /run/containers /run/libpod /var/lib/docker /run/docker 2>/dev/null | sort >"$BENCH_W/before.paths" || true
  sysctl -n net.ipv4.ip_forward >"$BENCH_W/before.ip_forward"
}

# Removes what the engines made outside the work dir and did not have before; says what it removed.
leftovers_cleanup() {
  local path
  ip link del "$BENCH_DOCKER_BRIDGE" 2>/dev/null || true
  ip link del "$BENCH_PODMAN_BRIDGE" 2>/dev/null || true
  ls -d /dev/shm/libpod_lock /var/lib/cni /run/netns/cni-* /sys/fs/cgroup/*/libpod_parent \
    /var/lib/containers /run/containers /run/libpod /var/lib/docker /run/docker 2>/dev/null | sort \
    | comm -13 "$BENCH_W/before.paths" - | while read -r path; do
      echo "bench: removing $path (made by an engine during the run)" >&2
      case $path in
        /run/netns/*) umount "$path" 2>/dev/null || true; rm -f "$path" ;;
        /sys/fs/cgroup/*) find "$path" -depth -type d -exec rmdir {} + 2>/dev/null || true ;;
        *) _unmount_under "$path"; rm -rf --one-file-system "$path" ;;
      esac
    done
  if [[ $(sysctl -n net.ipv4.ip_forward) != "$(cat "$BENCH_W/before.ip_forward")" ]]; then
    echo "bench: restoring net.ipv4.ip_forward=$(cat "$BENCH_W/before.ip_forward")" >&2
    sysctl -qw net.ipv4.ip_forward="$(cat "$BENCH_W/before.ip_forward")"
  fi
}

# Prints what is still there that this run made (nothing, when all went well).
leftovers_check() {
  ip -br link | grep -E "bbench|veth.*master ($BENCH_DOCKER_BRIDGE|$BENCH_PODMAN_BRIDGE)" || true
  pgrep -a -f -- "$BENCH_W" || true
  findmnt -rn -o TARGET | grep -F -- "$BENCH_W" || true
  nft list ruleset 2>/dev/null | grep -E 'DOCKER|CNI-|bbench' | head -n 3 || true
}
