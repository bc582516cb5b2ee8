#!/usr/bin/env bash
# What `make demo` runs after the build: a private berthd, a busybox image made from the
# host's busybox-static, a first container, then everything it started is removed again
# (also when a step fails: the trap).
set -euo pipefail

cd "$(dirname "$0")/.."
source tests/lib/daemon.sh

readonly GREETING="hello from busybox"

berth() { bin/berth -H "unix://$BERTH_SOCK" "$@"; }

say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

# Removes containers first (through the daemon, while it still runs), then the daemon and
# whatever it left: mounts under the temp dir, cgroups, monitors (tests/lib/daemon.sh).
cleanup() {
  local status=$?
  if [[ -n ${BERTH_PID:-} ]] && berth_ping "$BERTH_SOCK"; then
    local ids
    ids=$(berth ps -aq 2>/dev/null || true)
    [[ -z $ids ]] || berth rm -f $ids >/dev/null 2>&1 || true
  fi
  berth_daemon_cleanup
  (( status == 0 )) || echo "demo: FAILED (exit $status)" >&2
  exit "$status"
}

main() {
  trap cleanup EXIT
  [[ -x bin/berthd && -x bin/berth ]] || { echo "demo: run 'make build' first" >&2; exit 1; }
  say "berthd --data-root ... --exec-root ... -H unix://.../berth.sock   (private, in a temp dir)"
  berth_daemon_start "berth-demo"
  echo "berthd $BERTH_PID is ready on $BERTH_SOCK (cgroup parent $BERTH_CGROUP_PARENT)"

  say "scripts/busybox-image.sh busybox.tar && berth import -c 'CMD [\"sh\"]' busybox.tar busybox:latest"
  scripts/busybox-image.sh "$BERTH_TMP/busybox.tar"
  berth import -c 'CMD ["sh"]' "$BERTH_TMP/busybox.tar" busybox:latest

  say "berth run --rm busybox echo \"$GREETING\""
  local out
  out=$(berth run --rm busybox echo "$GREETING")
  echo "$out"

  say "berth run --name demo-uname busybox uname -n -s"
  berth run --name demo-uname busybox uname -n -s
  say "berth ps -a"
  berth ps -a
  say "berth images"
  berth images
  say "berth rm demo-uname"
  berth rm demo-uname

  if [[ $out != *"$GREETING"* ]]; then
    echo "demo: expected \"$GREETING\" from the container, got: $out" >&2
    exit 1
  fi
  printf '\ndemo: OK, stopping berthd and removing what the demo made\n'
}

main "$@"
