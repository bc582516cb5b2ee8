#!/bin/sh
# The workloads of `make bench` that are more than one command, for hyperfine to time as one.
# Usage: bench/lib/ops.sh OP CLI [ARGS]; CLI is an engine's wrapper (bench/lib/engines.sh).
set -eu
op=$1 cli=$2
shift 2
# podman's rm -f stops with the container's timeout (10 s for a PID 1 that ignores SIGTERM);
# docker's and berth's kill at once: -t 0 makes podman do the same.
rmf="rm -f"
# podman talks https to every registry unless told; docker and berth treat loopback ones as insecure
tls=""
case $cli in */podman) rmf="rm -f -t 0"; tls="--tls-verify=false" ;; esac
case $op in
  create-rm) id=$("$cli" create busybox true); "$cli" rm "$id" >/dev/null ;;
  run-d-rm) id=$("$cli" run -d busybox sleep 600); "$cli" $rmf "$id" >/dev/null ;;
  # start N containers one by one / P at a time; with a FILE, their ids go there
  start-seq) i=0; while [ "$i" -lt "$1" ]; do "$cli" run -d busybox sleep 3600 >>"${2:-/dev/null}"; i=$((i + 1)); done ;;
  start-par) seq "$1" | xargs -P "$2" -I % "$cli" run -d busybox sleep 3600 >>"${3:-/dev/null}" ;;
  rm-all) ids=$("$cli" ps -aq); [ -z "$ids" ] || "$cli" $rmf $ids >/dev/null ;;
  rm-ids) "$cli" $rmf $(cat "$1") >/dev/null; rm -f "$1" ;;
  # for rm-ids: a clean slate, then N containers started P at a time, their ids in FILE
  prepare-rm) "$0" rm-all "$cli"; rm -f "$3"; "$0" start-par "$cli" "$1" "$2" "$3" ;;
  rmi-load) "$cli" rmi -f bench-load:latest >/dev/null 2>&1 || true ;;
  # pull and push rows: REF is on the bench's private registry
  rmi-ref) "$cli" rmi -f "$1" >/dev/null 2>&1 || true ;;
  pull) "$cli" pull $tls "$1" >/dev/null ;;
  push) "$cli" push $tls "$1" >/dev/null ;;
  # before a push: the registry forgets every blob, so each run uploads every layer
  wipe-registry) rm -rf "$1/docker" ;;
  *) echo "ops.sh: unknown op $op" >&2; exit 2 ;;
esac
