#!/usr/bin/env bash
# Terminal conformance (issue 3 §5): `run -it`, `attach`, `exec -it`, `start -ai` driven through
# tmux exactly as a person would, once with berth's CLI and once with the real docker CLI, both
# against one private berthd. Each check types into the shell, reads the screen, resizes the
# pane and reads `stty size`, detaches with the detach keys and checks exit codes.
#
# Prints `ok`/`FAIL` per check, then `N passed, N failed`; exits 1 if any failed.
set -euo pipefail

cd "$(dirname "$0")/../.."
source tests/lib/daemon.sh

P="tt$$"
PASSED=0 FAILED=0
WORK=$(mktemp -d)
TMUX_SOCK="berth-term-$$"
CLI=""            # "berth" or "docker": the client under test
LAST=""           # the last screen read, shown when a check fails

tm() { tmux -L "$TMUX_SOCK" "$@"; }

# client ARGS...: the client under test, talking to our daemon.
client() {
  if [[ $CLI == berth ]]; then BERTH_HOST="unix://$BERTH_SOCK" timeout 60 bin/berth "$@"; else timeout 60 docker "$@"; fi
}

# client_cmd: the same as a command line for a tmux pane.
client_cmd() {
  if [[ $CLI == berth ]]; then echo "BERTH_HOST=unix://$BERTH_SOCK $PWD/bin/berth"
  else echo "DOCKER_HOST=unix://$BERTH_SOCK DOCKER_CONFIG=$DOCKER_CONFIG docker"; fi
}

# pane NAME COMMAND: a 100x30 pane running COMMAND, which then prints its exit code and lingers.
pane() {
  tm new-session -d -s "$1" -x 100 -y 30 "$2; echo EXIT=\$?; sleep 600"
}

# await NAME REGEX: waits up to 15 s for the pane to show REGEX (extended, line by line; tmux
# drops trailing blanks, so a prompt is '/ #').
await() {
  local i
  for ((i = 0; i < 150; i++)); do
    LAST=$(tm capture-pane -p -t "$1" 2>/dev/null || true)
    grep -qE "$2" <<<"$LAST" && return 0
    sleep 0.1
  done
  return 1
}

send() { local name=$1; shift; tm send-keys -t "$name" "$@"; }

# resize NAME COLS ROWS: the pane's window takes that size (the client gets SIGWINCH).
resize() { tm resize-window -t "$1" -x "$2" -y "$3"; }

state_of() { client inspect -f '{{.State.Status}} {{.State.ExitCode}}' "$1" 2>/dev/null || true; }

check() {
  local name="$CLI: $1"; shift
  if "$@"; then
    PASSED=$((PASSED + 1)); echo "ok   $name"
  else
    FAILED=$((FAILED + 1)); echo "FAIL $name"
    printf '     last screen:\n%s\n' "$(grep -v '^$' <<<"$LAST" | tail -n 8 | sed 's/^/       /')"
    # intermittent failures are read from the daemon's side too
    printf '     daemon warnings:\n%s\n' "$(grep -E 'level=(warning|error)' "$BERTH_LOG" 2>/dev/null | tail -n 5 | sed 's/^/       /')"
  fi
}

# --- the checks -----------------------------------------------------------------------------

t_run_it_shell() {
  local s="$P-$CLI-run" c="$P-$CLI-run"
  pane "$s" "$(client_cmd) run -it --name $c busybox sh"
  await "$s" '^/ #' || return 1
  send "$s" 'echo $((6*7))' Enter
  await "$s" '^42' || return 1
  send "$s" 'stty size' Enter
  await "$s" '^30 100' || return 1
  resize "$s" 80 20
  sleep 0.5
  send "$s" 'clear; stty size' Enter
  await "$s" '^20 80' || return 1
  send "$s" C-p C-q
  await "$s" 'EXIT=0' || return 1
  [[ $(state_of "$c") == "running 0" ]]
}

t_attach_again_and_exit_code() {
  local s="$P-$CLI-att" c="$P-$CLI-run"
  pane "$s" "$(client_cmd) attach $c"
  sleep 1
  send "$s" 'echo back-$((1+1))' Enter
  await "$s" '^back-2' || return 1
  send "$s" 'stty size' Enter
  await "$s" '^30 100' || return 1
  send "$s" 'exit 7' Enter
  await "$s" 'EXIT=7' || return 1
  [[ $(state_of "$c") == "exited 7" ]]
}

t_exec_it() {
  local s="$P-$CLI-exec" c="$P-$CLI-bg"
  client run -dit --name "$c" busybox sh >/dev/null || return 1
  pane "$s" "$(client_cmd) exec -it $c sh"
  await "$s" '^/ #' || return 1
  send "$s" 'tty; stty size' Enter
  await "$s" '^/dev/pts/' || return 1
  await "$s" '^30 100' || return 1
  resize "$s" 70 22
  sleep 0.5
  send "$s" 'clear; stty size' Enter
  await "$s" '^22 70' || return 1
  send "$s" 'exit 5' Enter
  await "$s" 'EXIT=5' || return 1
  # the exec ended, its container did not
  [[ $(state_of "$c") == "running 0" ]]
}

t_start_ai() {
  local s="$P-$CLI-start" c="$P-$CLI-created"
  client create -it --name "$c" busybox sh -c 'read x; echo got-$x; exit 4' >/dev/null || return 1
  pane "$s" "$(client_cmd) start -ai $c"
  sleep 1
  send "$s" 'abc' Enter
  await "$s" '^got-abc' || return 1
  await "$s" 'EXIT=4'
}

t_detach_keys_option() {
  local s="$P-$CLI-keys" c="$P-$CLI-keys"
  pane "$s" "$(client_cmd) run -it --detach-keys ctrl-a,x --name $c busybox sh"
  await "$s" '^/ #' || return 1
  send "$s" C-p C-q        # not the keys any more: the shell just gets them
  send "$s" 'echo still-$((2*2))' Enter
  await "$s" '^still-4' || return 1
  send "$s" C-a x
  await "$s" 'EXIT=0' || return 1
  [[ $(state_of "$c") == "running 0" ]]
}

t_stdin_without_tty() {
  local out
  out=$(printf 'one\ntwo\n' | client run --rm -i busybox sh -c 'cat; echo end' 2>&1) || return 1
  LAST=$out
  [[ $out == $'one\ntwo\nend' ]]
}

cleanup() {
  local status=$?
  tm kill-server 2>/dev/null || true
  local ids
  for CLI in docker; do
    ids=$(timeout 30 docker ps -aq --filter "name=$P" 2>/dev/null || true)
    [[ -z $ids ]] || timeout 60 docker rm -f $ids >/dev/null 2>&1 || true
  done
  berth_daemon_cleanup
  rm -rf "$WORK"
  exit "$status"
}

main() {
  command -v tmux >/dev/null || { echo "terminal.sh: tmux is missing (scripts/setup.sh installs it)" >&2; exit 1; }
  [[ -x bin/berth ]] || { echo "terminal.sh: run 'make build' first" >&2; exit 1; }
  trap cleanup EXIT
  berth_daemon_start "berth-tt"
  export DOCKER_HOST="unix://$BERTH_SOCK" DOCKER_CONFIG="$WORK/docker-config"
  mkdir -p "$DOCKER_CONFIG"
  unset DOCKER_CONTEXT DOCKER_API_VERSION BERTH_HOST
  scripts/busybox-image.sh "$WORK/busybox.tar"
  docker import -c 'CMD ["sh"]' "$WORK/busybox.tar" busybox:latest >/dev/null

  for CLI in berth docker; do
    check "run -it: type, read, stty size follows the window, detach" t_run_it_shell
    check "attach again, exit code becomes the CLI's"                t_attach_again_and_exit_code
    check "exec -it: a tty, resize, exit code"                        t_exec_it
    check "start -ai: input reaches the container, exit code"         t_start_ai
    check "--detach-keys replaces ctrl-p,ctrl-q"                      t_detach_keys_option
    check "run -i without a tty: stdin to EOF"                        t_stdin_without_tty
  done

  echo "$PASSED passed, $FAILED failed"
  (( FAILED == 0 ))
}

main "$@"
