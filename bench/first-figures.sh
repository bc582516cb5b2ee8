#!/usr/bin/env bash
# First figures for the foundation (issue 2 §9), one hyperfine run side by side:
#   berth CLI and the docker CLI against berthd doing `run --rm busybox true`,
#   and the floor: the bare runtime on an overlay bundle of the same busybox rootfs.
# Then berthd's idle RSS. Not a test: it prints numbers. Needs `make build` first.
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/lib/daemon.sh
runs=${RUNS:-20}
work=$(mktemp -d /tmp/berth-figures.XXXXXX)
floor_id=berth-floor-$$

cleanup() {
  umount "$work/bundle/rootfs" 2>/dev/null || true
  runc --root "$work/runc" delete -f "$floor_id" >/dev/null 2>&1 || true
  berth_daemon_cleanup
  rm -rf "$work"
}
trap cleanup EXIT

scripts/busybox-image.sh "$work/busybox.tar" >/dev/null
berth_daemon_start berth-figures
sleep 2
idle_rss=$(ps -o rss= -p "$BERTH_PID")
bin/berth -H "unix://$BERTH_SOCK" import -c 'CMD ["sh"]' "$work/busybox.tar" busybox:latest >/dev/null

# The floor: an overlay of the same rootfs (lower: unpacked tar; upper: empty) and runc run.
mkdir -p "$work/lower" "$work/upper" "$work/ovwork" "$work/bundle/rootfs"
tar -xf "$work/busybox.tar" -C "$work/lower"
(cd "$work/bundle" && runc spec && sed -i 's/"terminal": true/"terminal": false/; s/"sh"$/"true"/; s/"sh"/"true"/' config.json)
ovl="lowerdir=$work/lower,upperdir=$work/upper,workdir=$work/ovwork"

hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$work/figures.md" \
  -n "berth run --rm (berth CLI)" "bin/berth -H unix://$BERTH_SOCK run --rm busybox true" \
  -n "docker run --rm (docker CLI -> berthd)" "docker -H unix://$BERTH_SOCK run --rm busybox true" \
  -n "berth run --rm --network none" "bin/berth -H unix://$BERTH_SOCK run --rm --network none busybox true" \
  -n "floor: runc run on overlay (mount+run+umount)" \
     "sh -c 'mount -t overlay overlay -o $ovl $work/bundle/rootfs && runc --root $work/runc run -b $work/bundle $floor_id; umount $work/bundle/rootfs'"
cat "$work/figures.md"

sleep 2
rss=$(ps -o rss= -p "$BERTH_PID")
echo
echo "berthd RSS idle after start: $((idle_rss / 1024)) MB; after the runs: $((rss / 1024)) MB"
