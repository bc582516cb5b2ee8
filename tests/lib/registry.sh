#!/usr/bin/env bash
# A private Docker registry for tests: Debian's docker-registry (distribution 2.8) on 127.0.0.1 with a
# free port, its storage and config in one mktemp dir, optionally behind htpasswd (Basic) auth.
# Engines treat 127.0.0.0/8 registries as insecure (plain HTTP), so no TLS is set up.
#
# Source it and call:   registry_start [plain | basic USER PASS]  -> sets REGISTRY_ADDR (127.0.0.1:PORT),
#                                                                    REGISTRY_PID, REGISTRY_DIR
#                       registry_stop                             -> kills it and deletes its dir
# Several registries at once: save the three variables of one before starting the next, and set them
# back before its registry_stop (registry_stop only touches what they name).
# Or run it:            tests/lib/registry.sh start [plain|basic USER PASS]   (prints the variables;
#                       tests/lib/registry.sh stop PID DIR                     the docker-py tests use this)

REGISTRY_ADDR=${REGISTRY_ADDR:-}
REGISTRY_PID=${REGISTRY_PID:-}
REGISTRY_DIR=${REGISTRY_DIR:-}

registry_start() {
  local mode=${1:-plain} user=${2:-} pass=${3:-} i
  command -v docker-registry >/dev/null || { echo "registry.sh: docker-registry is missing (scripts/setup.sh)" >&2; return 1; }
  case $mode in
    plain) ;;
    basic) [[ -n $user && -n $pass ]] || { echo "registry.sh: usage: registry_start basic USER PASS" >&2; return 1; }
           command -v htpasswd >/dev/null || { echo "registry.sh: htpasswd is missing (apache2-utils)" >&2; return 1; } ;;
    *) echo "registry.sh: unknown mode '$mode' (plain or basic USER PASS)" >&2; return 1 ;;
  esac
  REGISTRY_DIR=$(mktemp -d "${TMPDIR:-/tmp}/berth-registry.XXXXXX")
  mkdir -p "$REGISTRY_DIR/storage"
  # bcrypt: the only htpasswd hash distribution accepts
  [[ $mode == plain ]] || htpasswd -nbB "$user" "$pass" >"$REGISTRY_DIR/htpasswd" 2>/dev/null
  # a port that was free a moment ago may be taken by the time the registry binds it: try a few
  for ((i = 0; i < 5; i++)); do
    REGISTRY_ADDR="127.0.0.1:$(_registry_free_port)"
    _registry_config "$mode" >"$REGISTRY_DIR/config.yml"
    docker-registry serve "$REGISTRY_DIR/config.yml" >"$REGISTRY_DIR/registry.log" 2>&1 &
    REGISTRY_PID=$!
    export REGISTRY_ADDR REGISTRY_PID REGISTRY_DIR
    _registry_wait_ready && return 0
    kill -KILL "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
  done
  echo "registry.sh: the registry did not start; its log:" >&2
  tail -n 20 "$REGISTRY_DIR/registry.log" >&2
  registry_stop
  return 1
}

_registry_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

_registry_config() {
  cat <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $REGISTRY_DIR/storage
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
EOF
  [[ $1 == plain ]] || cat <<EOF
auth:
  htpasswd:
    realm: berth-test-registry
    path: $REGISTRY_DIR/htpasswd
EOF
}

# Ready when GET /v2/ answers 200 (plain) or 401 (auth); a registry that died is a failure at once.
_registry_wait_ready() {
  local i code
  for ((i = 0; i < 100; i++)); do
    kill -0 "$REGISTRY_PID" 2>/dev/null || return 1
    code=$(curl -s -o /dev/null -w '%{http_code}' -m 2 "http://$REGISTRY_ADDR/v2/" 2>/dev/null || true)
    [[ $code == 200 || $code == 401 ]] && return 0
    sleep 0.1
  done
  return 1
}

registry_stop() {
  if [[ -n $REGISTRY_PID ]]; then
    kill -TERM "$REGISTRY_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < 50; i++)); do kill -0 "$REGISTRY_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$REGISTRY_PID" 2>/dev/null || true
    wait "$REGISTRY_PID" 2>/dev/null || true
  fi
  # only a dir this file made
  [[ -n $REGISTRY_DIR && $REGISTRY_DIR == */berth-registry.* && -d $REGISTRY_DIR ]] && rm -rf "$REGISTRY_DIR"
  REGISTRY_PID="" REGISTRY_DIR="" REGISTRY_ADDR=""
}

# Executed (not sourced): start one and leave it running (for docker-py), or stop one.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  case ${1:-} in
    start) shift; registry_start "$@" >&2
           # the registry must outlive this shell: it was started in the background, so just detach
           disown "$REGISTRY_PID" 2>/dev/null || true
           printf '%s\n' "$REGISTRY_ADDR" "$REGISTRY_PID" "$REGISTRY_DIR" ;;
    stop)  (( $# == 3 )) || { echo "usage: $0 stop PID DIR" >&2; exit 2; }
           REGISTRY_PID=$2 REGISTRY_DIR=$3
           # a PID whose command is not a registry serving from DIR is not ours to kill
           if ! tr '\0' ' ' <"/proc/$2/cmdline" 2>/dev/null | grep -qF -- "$3/config.yml"; then REGISTRY_PID=""; fi
           registry_stop ;;
    *) echo "usage: $0 start [plain|basic USER PASS] | stop PID DIR (or source it)" >&2; exit 2 ;;
  esac
fi
