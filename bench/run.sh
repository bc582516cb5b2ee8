#!/usr/bin/env bash
# `make bench` (issue 7): berth side by side with dockerd (Debian's docker.io 20.10) and podman 4.3,
# in one run, on the same busybox image: hyperfine for every command timing, /proc for memory.
# Writes docs/benchmarks.md (table, machine facts, versions) and docs/benchmarks.svg (the ratios),
# and prints the table. Not a test: it prints numbers and never fails on them.
#
# Every engine runs on a private socket, data root and network (bench/lib/engines.sh says how);
# everything is stopped and removed at exit, and what is left outside the work dir is reported.
# Knobs: BENCH_RUNS (20), BENCH_HEAVY_RUNS (3, the 50-container rows), BENCH_CONTAINERS (50),
#        BENCH_REGISTRY_RUNS (5, the pull and push rows: an image of busybox + 3 random 10 MiB layers),
#        BENCH_ENGINES ("berth berth-dockercli docker podman"), BENCH_OUT (docs/benchmarks.md),
#        BENCH_SKIP_BUILD=1 (use bin/ as it is).
set -euo pipefail
cd "$(dirname "$0")/.."
BERTH_ROOT=$PWD
export BERTH_ROOT

RUNS=${BENCH_RUNS:-20}
HEAVY_RUNS=${BENCH_HEAVY_RUNS:-3}
REGISTRY_RUNS=${BENCH_REGISTRY_RUNS:-5}
N=${BENCH_CONTAINERS:-50}
ENGINES=(${BENCH_ENGINES:-berth berth-dockercli docker podman})
OUT=${BENCH_OUT:-docs/benchmarks.md}
OPS=$BERTH_ROOT/bench/lib/ops.sh

# short: dockerd's containerd puts sockets under it (108-byte sun_path)
BENCH_W=$(mktemp -d /tmp/bbench.XXXXXX)
R=$BENCH_W/results
mkdir -p "$R"

# shellcheck source=../tests/lib/daemon.sh
. tests/lib/daemon.sh
# shellcheck source=lib/engines.sh
. bench/lib/engines.sh
# shellcheck source=../tests/lib/registry.sh
. tests/lib/registry.sh

FLOOR_ID=bbench-floor-$$
cleanup() {
  set +e
  umount "$BENCH_W/floor/bundle/rootfs" 2>/dev/null
  runc --root "$BENCH_W/floor/runc" delete -f "$FLOOR_ID" >/dev/null 2>&1
  engine_stop_podman
  engine_stop_docker
  engine_stop_berth
  registry_stop
  leftovers_cleanup
  local left
  left=$(leftovers_check)
  [[ -z $left ]] && echo "bench: nothing left running or configured" >&2 || echo "bench: LEFT BEHIND: $left" >&2
  rm -rf --one-file-system "$BENCH_W"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

declare -A CLI   # engine -> its CLI as one command line (hyperfine splits it into words)
declare -A WRAP  # engine -> its CLI as one executable (for bench/lib/ops.sh)

setup() {
  scripts/setup.sh
  bench/lib/install.sh
  [[ ${BENCH_SKIP_BUILD:-} == 1 ]] || make --no-print-directory build
  leftovers_snapshot
  engine_start_berth
  engine_start_docker
  engine_start_podman
  registry_start plain
  CLI[berth]=$BERTH_CLI CLI[berth-dockercli]="docker -H unix://$BERTH_SOCK"
  CLI[docker]=$DOCKER_CLI CLI[podman]=$PODMAN_CLI
  local e
  for e in berth berth-dockercli docker podman; do WRAP[$e]=$BENCH_W/bin/$e; done
}

# The busybox image in all three (imported from the same rootfs tar), and a docker-save archive of
# a second image (the same rootfs plus one file, so its layer is new to every store) for the load rows.
load_images() {
  local e
  scripts/busybox-image.sh "$BENCH_W/busybox.tar" >/dev/null
  for e in berth docker podman; do
    "${WRAP[$e]}" import --change 'CMD ["sh"]' "$BENCH_W/busybox.tar" busybox:latest >/dev/null
  done
  mkdir -p "$BENCH_W/extra"
  echo bench >"$BENCH_W/extra/bench-load"
  cp "$BENCH_W/busybox.tar" "$BENCH_W/load-rootfs.tar"
  tar -rf "$BENCH_W/load-rootfs.tar" -C "$BENCH_W/extra" ./bench-load
  "${WRAP[docker]}" import --change 'CMD ["sh"]' "$BENCH_W/load-rootfs.tar" bench-load:latest >/dev/null
  "${WRAP[docker]}" save -o "$BENCH_W/load.tar" bench-load:latest
  "${WRAP[docker]}" rmi bench-load:latest >/dev/null
}

# pull and push of a multi-layer image on a private registry (Debian's docker-registry on loopback,
# which every engine here treats as insecure: podman is told so by bench/lib/ops.sh). The image: the
# busybox rootfs (a layer each engine already has) and three layers of random bytes, pushed by skopeo.
# A pull starts from an engine without the image; a push from a registry without any blob.
registry_rows() {
  local ref=$REGISTRY_ADDR/bench/multi:1 e
  python3 bench/lib/multi-image.py "$BENCH_W/busybox.tar" "$BENCH_W/multi.tar" "$ref" 3 10
  skopeo copy -q --dest-tls-verify=false "docker-archive:$BENCH_W/multi.tar" "docker://$ref"
  op_row pull "$REGISTRY_RUNS" 1 "rmi-ref @ $ref" berth berth-dockercli docker podman -- pull "$ref"
  op_row push "$REGISTRY_RUNS" 1 "wipe-registry @ $REGISTRY_DIR/storage" berth berth-dockercli docker podman -- push "$ref"
}

# The daemon processes of an engine (podman has none).
daemon_pids() {
  case $1 in
    berth|berth-dockercli) echo "$BERTH_PID" ;;
    docker) echo "$DOCKER_PID"; docker_containerd_pid ;;
  esac
}

# CPU ticks (user + system) the engine's daemons used so far.
daemon_ticks() {
  local pid total=0
  for pid in $(daemon_pids "$1"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}

# Resident memory of the engine's daemons, in kB.
daemon_rss_kb() {
  local pid total=0
  for pid in $(daemon_pids "$1"); do
    total=$((total + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")))
  done
  echo "$total"
}

# Mean PSS (kB) of the engine's per-container monitors (conmon, containerd-shim).
monitor_pss_kb() {
  local root=$BENCH_W/$1 pid n=0 total=0
  [[ $1 == berth ]] && root=$BERTH_TMP
  for pid in $(pgrep -f -- "$root/"); do
    case $(cat "/proc/$pid/comm" 2>/dev/null) in
      conmon|containerd-shim*) ;;
      *) continue ;;
    esac
    total=$((total + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")))
    n=$((n + 1))
  done
  (( n > 0 )) && echo "$((total / n)) $n" || echo "0 0"
}

load1() { cut -d' ' -f1 /proc/loadavg; }

# value KEY ENGINE NUMBER: a figure measured without hyperfine.
value() { printf '%s\t%s\tvalue\t%s\t%s\n' "$1" "$2" "$3" "$(load1)" >>"$R/values.tsv"; }

# time_row KEY ENGINE RUNS WARMUP PREPARE COMMAND: hyperfine; PREPARE may be "" (none).
time_row() {
  local key=$1 engine=$2 runs=$3 warmup=$4 prepare=$5 cmd=$6 json=$R/$1.$2.json t0 t1 load
  local args=(-N --warmup "$warmup" --runs "$runs" --export-json "$json")
  [[ -z $prepare ]] || args+=(--prepare "$prepare")
  load=$(load1)
  t0=$(daemon_ticks "$engine")
  if hyperfine "${args[@]}" "$cmd" >"$R/$key.$engine.log" 2>&1; then
    t1=$(daemon_ticks "$engine")
    # daemon CPU per run, ms (ticks are 10 ms; warm-ups and prepares count too, so this is an upper bound)
    printf '%s\t%s\tjson\t%s\t%s\t%s\n' "$key" "$engine" "$json" "$load" \
      "$(( (t1 - t0) * 10 / (runs + warmup) ))" >>"$R/values.tsv"
    printf '  %-16s %-16s %s\n' "$key" "$engine" "$(python3 -c '
import json, sys; r = json.load(open(sys.argv[1]))["results"][0]
print("median %.1f ms (min %.1f, max %.1f, %d runs)" % (r["median"]*1e3, r["min"]*1e3, r["max"]*1e3, len(r["times"])))' "$json")"
  else
    echo "  $key $engine: FAILED (see below)"; tail -n 5 "$R/$key.$engine.log" | sed 's/^/    /'
    printf '%s\t%s\tfailed\t\t%s\n' "$key" "$engine" "$load" >>"$R/values.tsv"
  fi
}

has_engine() { [[ " ${ENGINES[*]} " == *" $1 "* ]]; }

# light_row KEY ENGINES... -- ARGS: the same CLI arguments for each engine, RUNS runs, 3 warm-ups.
light_row() {
  local key=$1 e; shift
  local engines=(); while [[ $1 != -- ]]; do engines+=("$1"); shift; done; shift
  for e in "${engines[@]}"; do
    if has_engine "$e"; then time_row "$key" "$e" "$RUNS" 3 "" "${CLI[$e]} $*"; fi
  done
}

# op_row KEY RUNS WARMUP PREPARE-OP ENGINES... -- OP ARGS: a bench/lib/ops.sh workload.
op_row() {
  local key=$1 runs=$2 warmup=$3 prep=$4 e; shift 4
  local engines=(); while [[ $1 != -- ]]; do engines+=("$1"); shift; done; shift
  local op=$1; shift
  for e in "${engines[@]}"; do
    has_engine "$e" || continue
    time_row "$key" "$e" "$runs" "$warmup" "${prep:+$OPS ${prep/@/${WRAP[$e]}}}" "$OPS $op ${WRAP[$e]} $*"
  done
}

# The floor: the bare runtime on an overlay of the same rootfs (mount + runc run + umount).
floor_row() {
  local f=$BENCH_W/floor
  mkdir -p "$f/lower" "$f/upper" "$f/work" "$f/bundle/rootfs"
  tar -xf "$BENCH_W/busybox.tar" -C "$f/lower"
  (cd "$f/bundle" && runc spec && sed -i 's/"terminal": true/"terminal": false/; s/"sh"$/"true"/; s/"sh"/"true"/' config.json)
  local ovl="lowerdir=$f/lower,upperdir=$f/upper,workdir=$f/work"
  time_row floor runc "$RUNS" 3 "" \
    "sh -c 'mount -t overlay overlay -o $ovl $f/bundle/rootfs && runc --root $f/runc run -b $f/bundle $FLOOR_ID; umount $f/bundle/rootfs'"
}

memory_idle() {
  local e
  sleep 5
  for e in berth docker; do value rss_idle "$e" "$(daemon_rss_kb "$e")"; done
}

# With N containers running: ps, daemon RSS, the monitors' PSS.
with_n_running() {
  local e pss
  for e in berth docker podman; do
    has_engine "$e" || continue
    "$OPS" rm-all "${WRAP[$e]}"
    "$OPS" start-par "${WRAP[$e]}" "$N" 8
  done
  sleep 5
  for e in berth docker podman; do
    has_engine "$e" || continue
    [[ $e == podman ]] || value rss_n "$e" "$(daemon_rss_kb "$e")"
    pss=$(monitor_pss_kb "$e")
    value monitor_pss "$e" "${pss% *}"
    value monitor_count "$e" "${pss#* }"
  done
  light_row ps berth berth-dockercli docker podman -- ps
  for e in berth docker podman; do
    if has_engine "$e"; then "$OPS" rm-all "${WRAP[$e]}"; fi
  done
}

facts() {
  local f=$R/facts.tsv
  {
    printf 'date\t%s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
    printf 'cpu\t%s (%s cores)\n' "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1)" "$(nproc)"
    printf 'memory\t%s GiB\n' "$(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)"
    printf 'kernel\t%s\n' "$(uname -r)"
    printf 'os\t%s\n' "$(. /etc/os-release && echo "$PRETTY_NAME")"
    printf 'berth\t%s\n' "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo +changes)"
    printf 'java\t%s\n' "$("$(scripts/java-home.sh)/bin/java" -version 2>&1 | head -n 1)"
    printf 'dockerd\t%s\n' "$(dockerd --version)"
    printf 'containerd\t%s\n' "$(containerd --version)"
    printf 'podman\t%s\n' "$(podman --version)"
    printf 'docker CLI\t%s\n' "$(docker --version)"
    printf 'runc\t%s\n' "$(runc --version | head -n 1)"
    printf 'conmon\t%s\n' "$(conmon --version | head -n 1)"
    printf 'hyperfine\t%s\n' "$(hyperfine --version)"
    printf 'runs\t%s (3 warm-ups) per light row, %s per %s-container row\n' "$RUNS" "$HEAVY_RUNS" "$N"
  } >"$f"
}

main() {
  local e
  setup
  facts
  printf 'load_start\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$R/facts.tsv"
  echo "bench: loading the busybox image into berth, docker and podman" >&2
  load_images
  memory_idle
  echo "bench: timings (hyperfine; median, min, max)"
  light_row version berth berth-dockercli docker podman -- version
  light_row run_none berth berth-dockercli docker podman -- run --rm --network none busybox true
  light_row run_default berth berth-dockercli docker podman -- run --rm busybox true
  op_row create_rm "$RUNS" 3 "" berth berth-dockercli docker podman -- create-rm
  op_row run_d_rm "$RUNS" 3 "" berth berth-dockercli docker podman -- run-d-rm
  for e in berth berth-dockercli docker podman; do
    if has_engine "$e"; then
      time_row load "$e" "$RUNS" 1 "$OPS rmi-load ${WRAP[$e]}" "${CLI[$e]} load -i $BENCH_W/load.tar"
    fi
  done
  registry_rows
  op_row start_seq "$HEAVY_RUNS" 0 "rm-all @" berth berth-dockercli docker podman -- start-seq "$N"
  op_row start_par "$HEAVY_RUNS" 0 "rm-all @" berth docker podman -- start-par "$N" 8
  op_row rm_n "$HEAVY_RUNS" 0 "prepare-rm @ $N 8 $BENCH_W/ids" berth docker podman -- rm-ids "$BENCH_W/ids"
  with_n_running
  floor_row
  printf 'load_end\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$R/facts.tsv"
  python3 bench/lib/report.py "$R" "$OUT" "${OUT%.md}.svg"
  echo
  sed -n '/^| what/,/^$/p' "$OUT"
  echo "bench: written to $OUT and ${OUT%.md}.svg"
}

main "$@"
