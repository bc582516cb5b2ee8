#!/usr/bin/env bash
# Conformance: the REAL docker CLI against berthd, through a user's first hour with
# containers (issue 2 §8). Docker's documented behaviour is the specification.
#
# Uses the daemon on $BERTH_SOCK if set, else starts a private one (tests/lib/daemon.sh).
# Prints `ok`/`FAIL` per check, then `N passed, N failed`; exits 1 if any failed.
set -euo pipefail

cd "$(dirname "$0")/../.."
source tests/lib/daemon.sh
# shellcheck source=../lib/checks.sh
source tests/lib/checks.sh

P="cf$$"            # prefix of every name this run makes, so runs never collide
PASSED=0 FAILED=0
OUT="" ERR="" RC=0
OWN_DAEMON=no
WORK=$(mktemp -d)

# --- plumbing -------------------------------------------------------------------------------

# dk ARGS...: the docker CLI with a time limit; leaves stdout, stderr, exit code in OUT ERR RC.
dk() {
  RC=0
  timeout 60 docker "$@" >"$WORK/out" 2>"$WORK/err" || RC=$?
  OUT=$(<"$WORK/out") ERR=$(<"$WORK/err")
}

out_is()    { local want=$1; shift; dk "$@"; [[ $RC == 0 && $OUT == "$want" ]]; }
out_has()   { local want=$1; shift; dk "$@"; [[ $RC == 0 && $OUT == *"$want"* ]]; }
exits()     { local want=$1; shift; dk "$@"; [[ $RC == "$want" ]]; }
succeeds()  { dk "$@"; [[ $RC == 0 ]]; }
# refused CODE REGEX ARGS...: exits CODE and says something matching REGEX (case-insensitive).
refused()   { local code=$1 re=$2; shift 2; dk "$@"; [[ $RC == "$code" ]] && grep -qiE "$re" <<<"$ERR"; }
status_is() { out_is "$2" inspect -f '{{.State.Status}}' "$1"; }
field_is()  { out_is "$3" inspect -f "$2" "$1"; }
gone()      { refused 1 'no such (object|container)' inspect "$1"; }
row_count() { dk ps -aq --no-trunc; grep -c . <<<"$OUT" || true; }

start_daemon_if_needed() {
  if [[ -n ${BERTH_SOCK:-} ]]; then
    berth_ping "$BERTH_SOCK" || { echo "docker-cli.sh: nothing answers on BERTH_SOCK=$BERTH_SOCK" >&2; exit 1; }
  else
    berth_daemon_start "berth-cf"
    OWN_DAEMON=yes
  fi
  export DOCKER_HOST="unix://$BERTH_SOCK"
  # a private client config: the user's contexts, auths and aliases stay out of the results
  export DOCKER_CONFIG="$WORK/docker-config"
  mkdir -p "$DOCKER_CONFIG"
  unset DOCKER_CONTEXT DOCKER_API_VERSION DOCKER_TLS_VERIFY DOCKER_CERT_PATH
}

cleanup() {
  local status=$?
  local ids
  ids=$(timeout 30 docker ps -aq --filter "name=$P" 2>/dev/null || true)
  [[ -z $ids ]] || timeout 60 docker rm -f $ids >/dev/null 2>&1 || true
  timeout 30 docker rmi "$P-img:v1" "$P-img:v2" >/dev/null 2>&1 || true
  timeout 30 docker network rm "$P-net" >/dev/null 2>&1 || true
  vol_cleanup
  [[ $OWN_DAEMON == no ]] || berth_daemon_cleanup
  rm -rf "$WORK"
  exit "$status"
}

# --- the checks -----------------------------------------------------------------------------

# --- issue 3: attach and exec (terminal sessions are in terminal.sh)
t_attach_stopped_refused() {
  dk create --name "$P-att-stopped" busybox true
  refused 1 'cannot attach to a stopped container, start it first' attach "$P-att-stopped"
}

t_attach_follows_output_and_exit_code() {
  dk run -d --name "$P-att-follow" busybox sh -c 'sleep 1; echo late; echo oops >&2; exit 6'
  [[ $RC == 0 ]] || return 1
  dk attach --no-stdin "$P-att-follow"
  [[ $RC == 6 && $OUT == late && $ERR == oops ]]
}

t_exec_tty() {
  dk run -d --name "$P-exec-tty" busybox sleep 60
  out_has /dev/pts/ exec -t "$P-exec-tty" tty || return 1
  dk exec "$P-exec-tty" tty
  [[ $RC == 1 && $OUT == "not a tty" ]]
}

t_version() {
  dk version
  [[ $RC == 0 && $OUT == *"Server:"* && $OUT == *"API version:"* ]] || return 1
  dk version --format '{{.Server.APIVersion}}'
  [[ $RC == 0 && $OUT =~ ^1\.[0-9]+$ ]]
}

t_import_busybox() {
  dk image inspect busybox:latest
  [[ $RC == 0 ]] && return 0
  scripts/busybox-image.sh "$WORK/busybox.tar"
  dk import -c 'CMD ["sh"]' "$WORK/busybox.tar" busybox:latest
  [[ $RC == 0 && $OUT == sha256:* ]]
}

t_shell_without_terminal() {
  # no -i, no -t: sh reads EOF on stdin and exits 0 at once, printing nothing
  dk run --rm busybox sh
  [[ $RC == 0 && -z $OUT ]]
}

t_ps_grows_by_one() {
  local before after i
  for i in 1 2; do
    before=$(row_count)
    dk run --name "$P-row$i" busybox true
    [[ $RC == 0 ]] || return 1
    after=$(row_count)
    (( after == before + 1 )) || return 1
  done
  dk ps -a --format '{{.Names}} {{.Status}}' --filter "name=$P-row1"
  [[ $OUT =~ ^$P-row1\ Exited\ \(0\) ]]
}

t_run_detached() {
  dk run -d --name "$P-web" busybox sleep 300
  [[ $RC == 0 && $OUT =~ ^[0-9a-f]{64}$ ]] || return 1
  WEB_ID=$OUT
  status_is "$P-web" running && field_is "$P-web" '{{.State.Running}}' true
}

t_ps_shows_up() {
  dk ps --filter "name=$P-web" --format '{{.ID}} {{.Status}} {{.Names}}'
  [[ $OUT =~ ^${WEB_ID:0:12}\ Up\ .*\ $P-web$ ]]
}

t_pid_positive() { dk inspect -f '{{.State.Pid}}' "$P-web"; [[ $RC == 0 && $OUT =~ ^[1-9][0-9]*$ ]]; }

t_graph_driver() {
  out_is overlay2 inspect -f '{{.GraphDriver.Name}}' "$P-web" || return 1
  dk inspect -f '{{.GraphDriver.Data.UpperDir}} {{.GraphDriver.Data.MergedDir}}' "$P-web"
  [[ $RC == 0 && $OUT =~ ^/[^\ ]+\ /[^\ ]+$ ]]
}

t_pause() {
  succeeds pause "$P-web" && status_is "$P-web" paused && field_is "$P-web" '{{.State.Paused}}' true || return 1
  dk ps --filter "name=$P-web" --format '{{.Status}}'
  [[ $OUT == *"(Paused)"* ]]
}

t_unpause() { succeeds unpause "$P-web" && status_is "$P-web" running; }

t_unpause_running_refused() { refused 1 'not paused' unpause "$P-web"; }

t_stop() {
  # sleep as PID 1 ignores SIGTERM: after the 1 s timeout comes SIGKILL, exit code 137
  out_is "$P-web" stop -t 1 "$P-web" && status_is "$P-web" exited &&
    field_is "$P-web" '{{.State.ExitCode}}' 137 && field_is "$P-web" '{{.State.Running}}' false
}

t_start() { out_is "$P-web" start "$P-web" && status_is "$P-web" running; }

t_restart() {
  local pid_before
  dk inspect -f '{{.State.Pid}}' "$P-web"; pid_before=$OUT
  succeeds restart -t 1 "$P-web" && status_is "$P-web" running || return 1
  dk inspect -f '{{.State.Pid}}' "$P-web"
  [[ $OUT =~ ^[1-9][0-9]*$ && $OUT != "$pid_before" ]]
}

t_kill() {
  succeeds kill "$P-web" && status_is "$P-web" exited && field_is "$P-web" '{{.State.ExitCode}}' 137
}

t_kill_signal() {
  succeeds start "$P-web" || return 1
  # PID 1 without a handler ignores TERM: still running; then KILL by name
  succeeds kill -s TERM "$P-web" && sleep 0.5 && status_is "$P-web" running || return 1
  succeeds kill -s SIGKILL "$P-web" && status_is "$P-web" exited
}

t_kill_stopped_refused() { refused 1 'is not running' kill "$P-web"; }

t_wait() {
  dk run -d --name "$P-wait" busybox sh -c 'sleep 1; exit 5'
  [[ $RC == 0 ]] || return 1
  out_is 5 wait "$P-wait" && field_is "$P-wait" '{{.State.ExitCode}}' 5
}

t_file_survives_stop_start() {
  # first run: no marker yet, write it; second start sees the same read/write layer
  dk run --name "$P-fs" busybox sh -c 'cat /marker 2>/dev/null; echo written > /marker'
  [[ $RC == 0 && -z $OUT ]] || return 1
  out_is written start -a "$P-fs"
}

t_file_absent_in_new_container() {
  refused 1 'no such file' run --rm busybox cat /marker
}

t_logs() {
  dk run --name "$P-log" busybox sh -c 'echo one; sleep 0.2; echo two >&2; sleep 0.2; echo three'
  [[ $RC == 0 ]] || return 1
  dk logs "$P-log"
  [[ $OUT == $'one\nthree' && $ERR == two ]]
}

t_logs_tail() { out_is three logs --tail 1 "$P-log"; }

t_logs_timestamps() {
  dk logs -t "$P-log"
  [[ $RC == 0 ]] && [[ $(grep -cE '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z (one|three)$' <<<"$OUT") == 2 ]]
}

t_exec_codes() {
  succeeds start "$P-web" && out_is hi exec "$P-web" echo hi || return 1
  exits 7 exec "$P-web" sh -c 'exit 7' || return 1
  out_is "A=b /tmp" exec -e A=b -w /tmp "$P-web" sh -c 'echo A=$A $(pwd)'
}

t_exec_stopped_refused() {
  dk run -d --name "$P-exstop" busybox true
  out_is 0 wait "$P-exstop" && refused 1 'is not running' exec "$P-exstop" echo hi
}

t_run_options() {
  out_is "b /tmp 1000" run --rm -e A=b -w /tmp -u 1000 busybox sh -c 'echo $A $(pwd) $(id -u)'
}

t_hostname_is_short_id() {
  dk run --name "$P-host" busybox hostname
  local host=$OUT
  dk inspect -f '{{.Id}}' "$P-host"
  [[ $RC == 0 && ${#host} == 12 && $host == "${OUT:0:12}" ]]
}

t_rename() {
  succeeds rename "$P-web" "$P-web2" && field_is "$P-web2" '{{.Name}}' "/$P-web2" && gone "$P-web"
}

# by ID from here on, so a failed rename does not fail the checks after it too
t_id_prefix() {
  field_is "${WEB_ID:0:4}" '{{.Id}}' "$WEB_ID" || field_is "${WEB_ID:0:8}" '{{.Id}}' "$WEB_ID" || return 1
  dk ps -a --filter "id=${WEB_ID:0:12}" --format '{{.ID}}'
  [[ $RC == 0 && $OUT == "${WEB_ID:0:12}" ]]
}

t_rm_running_refused() {
  refused 1 'stop the container before removing|cannot remove' rm "${WEB_ID:0:12}" && status_is "$WEB_ID" running
}

t_rm_force() { out_is "${WEB_ID:0:12}" rm -f "${WEB_ID:0:12}" && gone "$WEB_ID"; }

t_rm_flag_removes() {
  local before
  before=$(row_count)
  out_is bye run --rm --name "$P-gone" busybox echo bye && gone "$P-gone" && [[ $(row_count) == "$before" ]]
}

t_bad_name_refused() { refused 125 'invalid container name' run --name 'bad!name' busybox true; }

t_duplicate_name_refused() {
  refused 125 'already in use|conflict' run --name "$P-fs" busybox true
}

t_prune() {
  dk run -d --name "$P-keep" busybox sleep 300
  dk create --name "$P-created" busybox true
  dk run --name "$P-exited" busybox true
  succeeds container prune -f || return 1
  gone "$P-exited" && gone "$P-created" && status_is "$P-keep" running
}

t_start_twice_ok() { succeeds start "$P-keep" && status_is "$P-keep" running; }

t_filters() {
  dk run -d --name "$P-up" -l "tier=$P" busybox sleep 300
  out_is "$P-up" ps --filter "name=$P-up" --format '{{.Names}}' || return 1
  out_is "$P-up" ps --filter "label=tier=$P" --format '{{.Names}}' || return 1
  out_has "$P-up" ps --filter ancestor=busybox --format '{{.Names}}' || return 1
  dk ps -a --filter status=exited --filter "name=$P-" --format '{{.Names}}'
  [[ $RC == 0 && $OUT != *"$P-up"* && $OUT == *"$P-fs"* ]] || return 1
  dk ps -a --filter exited=5 --filter "name=$P-" --format '{{.Names}}'
  [[ $OUT == "$P-wait" ]]
}

t_images() {
  dk images --format '{{.Repository}}:{{.Tag}}'
  [[ $RC == 0 && $OUT == *"busybox:latest"* ]] || return 1
  dk images
  [[ $(head -n1 <<<"$OUT") =~ ^REPOSITORY\ +TAG\ +IMAGE\ ID\ +CREATED\ +SIZE ]]
}

t_tag() {
  succeeds tag busybox "$P-img:v1" && succeeds tag busybox:latest "$P-img:v2" || return 1
  local a b
  dk image inspect -f '{{.Id}}' busybox; a=$OUT
  dk image inspect -f '{{.Id}}' "$P-img:v1"; b=$OUT
  [[ -n $a && $a == "$b" ]]
}

t_rmi() {
  out_has "Untagged: $P-img:v1" rmi "$P-img:v1" || return 1
  refused 1 'no such image' image inspect "$P-img:v1" || return 1
  succeeds image inspect "$P-img:v2" && succeeds image inspect busybox:latest
}

t_inspect_missing() {
  refused 1 'no such object' inspect "$P-nope" && refused 1 'no such container' container inspect "$P-nope"
}

t_missing_image_refused() { refused 125 'no such image|not found|unable to find' run --pull never "$P-noimage:1" true; }

# === files: docker diff, cp, export, commit (issue 3) ======================================
# docker cp's rules (trailing "/.", dir to dir, "-" for tar streams) and its safety: a symlink
# in the container never leads docker cp to a file of the host.

t_files_diff() {
  dk run --name "$P-diff" busybox sh -c 'echo x > /etc/x; rm /etc/group; mkdir /newdir'
  [[ $RC == 0 ]] || return 1
  dk diff "$P-diff"
  [[ $RC == 0 ]] && grep -qx 'C /etc' <<<"$OUT" && grep -qx 'A /etc/x' <<<"$OUT" \
    && grep -qx 'D /etc/group' <<<"$OUT" && grep -qx 'A /newdir' <<<"$OUT"
}

t_files_cp_both_ways() {
  local src="$WORK/cp-src"
  mkdir -p "$src/sub" && echo a >"$src/a" && echo b >"$src/sub/b"
  succeeds run -d --name "$P-cp" busybox sleep 300 || return 1
  succeeds cp "$src" "$P-cp:/tmp/" || return 1             # dir into an existing dir: /tmp/cp-src
  out_is b exec "$P-cp" cat /tmp/cp-src/sub/b || return 1
  succeeds cp "$src/." "$P-cp:/tmp/new" || return 1         # contents into a new dir
  out_is a exec "$P-cp" cat /tmp/new/a || return 1
  succeeds cp "$P-cp:/tmp/cp-src" "$WORK/back" || return 1  # a dir to a new local name
  [[ $(<"$WORK/back/sub/b") == b ]] || return 1
  mkdir -p "$WORK/into" && succeeds cp "$P-cp:/tmp/new/." "$WORK/into" || return 1
  [[ $(<"$WORK/into/a") == a ]] || return 1
  succeeds cp "$P-cp:/tmp/new/a" "$WORK/file-a" && [[ $(<"$WORK/file-a") == a ]]
}

t_files_cp_streams() {
  tar -C "$WORK/cp-src" -cf "$WORK/in.tar" a sub || return 1
  RC=0; timeout 60 docker cp - "$P-cp:/tmp" <"$WORK/in.tar" >"$WORK/out" 2>"$WORK/err" || RC=$?
  [[ $RC == 0 ]] || return 1
  out_is b exec "$P-cp" cat /tmp/sub/b || return 1
  RC=0; timeout 60 docker cp "$P-cp:/tmp/sub" - 2>"$WORK/err" | tar -t >"$WORK/out" || RC=$?
  OUT=$(<"$WORK/out")
  [[ $RC == 0 && $OUT == *"sub/b"* ]]
}

t_files_cp_errors() {
  refused 1 'could not find the file /nope' cp "$P-cp:/nope" "$WORK/" || return 1
  refused 1 'no such container' cp "$P-nosuch:/etc/hosts" "$WORK/"
}

t_files_cp_hostile_symlinks() {
  local canary="$WORK/canary" name="berth-cf-$P-$RANDOM"
  mkdir -p "$canary" && echo host-secret >"$canary/secret"
  succeeds exec "$P-cp" sh -c "ln -s / /etc/evil; ln -s ../../../../../..$canary /x" || return 1
  refused 1 'could not find' cp "$P-cp:/etc/evil$canary/secret" "$WORK/stolen" || return 1
  refused 1 'could not find' cp "$P-cp:/x/secret" "$WORK/stolen" || return 1
  [[ ! -e $WORK/stolen ]] || return 1
  echo planted >"$WORK/$name"
  succeeds cp "$WORK/$name" "$P-cp:/etc/evil/tmp/" || return 1
  [[ ! -e /tmp/$name ]] || return 1                         # not the host's /tmp
  out_is planted exec "$P-cp" cat "/tmp/$name" || return 1
  [[ $(ls "$canary") == secret && $(<"$canary/secret") == host-secret ]]
}

t_files_cp_stopped() {
  succeeds create --name "$P-cpc" busybox cat /in.txt || return 1
  echo stopped >"$WORK/in.txt"
  succeeds cp "$WORK/in.txt" "$P-cpc:/" || return 1
  out_is stopped start -a "$P-cpc"
}

t_files_export() {
  RC=0; timeout 60 docker export "$P-diff" 2>"$WORK/err" | tar -t >"$WORK/out" || RC=$?
  OUT=$(<"$WORK/out")
  [[ $RC == 0 && $OUT == *"etc/x"* && $OUT == *"bin/sh"* && $OUT != *"etc/group"* ]] || return 1
  succeeds export -o "$WORK/exp.tar" "$P-diff" && tar -tf "$WORK/exp.tar" | grep -x 'etc/x' >/dev/null
}

t_files_commit() {
  local img="$P-files:v1" rc=0
  succeeds commit -c 'CMD ["cat", "/etc/x"]' -c 'ENV COMMITTED=yes' -m msg "$P-diff" "$img" || return 1
  [[ $OUT == sha256:* ]] || return 1
  out_is x run --rm "$img" || rc=1
  out_is yes run --rm "$img" sh -c 'echo $COMMITTED' || rc=1
  exits 1 run --rm "$img" test -e /etc/group || rc=1
  out_is msg image inspect -f '{{.Comment}}' "$img" || rc=1
  timeout 30 docker rmi "$img" >/dev/null 2>&1 || true
  return $rc
}

files_checks() {
  check "diff shows C, A and D"                          t_files_diff
  check "cp both ways, dir rules and trailing /."        t_files_cp_both_ways
  check "cp - (a tar on stdin and on stdout)"           t_files_cp_streams
  check "cp of missing paths and containers refused"     t_files_cp_errors
  check "cp never follows a container symlink out"       t_files_cp_hostile_symlinks
  check "cp into a container that never ran"             t_files_cp_stopped
  check "export | tar t, export -o"                      t_files_export
  check "commit -c CMD -c ENV, then run the image"       t_files_commit
}
# === end of files =========================================================================
# --- watching (issue 3): events, top, stats, port -------------------------------------------
# Appended block: each check makes and removes its own containers (prefix $P-w).

w_events() {
  local since until id
  since=$(date +%s.%N)
  dk run --name "$P-wev" --label tier=front busybox sh -c 'exit 3'
  [[ $RC == 3 ]] || return 1
  dk inspect -f '{{.Id}}' "$P-wev"; id=$OUT
  succeeds rm "$P-wev" || return 1
  sleep 0.2; until=$(date +%s.%N)
  dk events --since "$since" --until "$until" --filter "container=$id" --format '{{.Action}}'
  [[ $RC == 0 && $(tr '\n' ' ' <<<"$OUT") == "create attach start die destroy " ]] || return 1
  # docker's default line: RFC 3339 time, type, action, ID, sorted attributes
  dk events --since "$since" --until "$until" --filter "container=$id" --filter event=die
  [[ $OUT =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{9}(Z|[+-][0-9:]{5})\ container\ die\ $id\ \(execDuration=[0-9]+,\ exitCode=3,\ image=busybox,\ name=$P-wev,\ tier=front\)$ ]]
}

w_events_live() {
  # without --until the stream stays open and shows what happens next
  ( timeout -s KILL 8 docker events --filter "container=$P-wlive" --format '{{.Action}}' >"$WORK/live" 2>&1 & )
  sleep 1
  dk run --rm --name "$P-wlive" busybox true
  local i; for ((i = 0; i < 50; i++)); do grep -q destroy "$WORK/live" && break; sleep 0.1; done
  OUT=$(<"$WORK/live")
  [[ $(tr '\n' ' ' <<<"$OUT") == "create attach start die destroy " ]]
}

w_top() {
  dk run -d --name "$P-wtop" busybox sh -c 'sleep 301 & exec sleep 300'
  [[ $RC == 0 ]] || return 1
  dk top "$P-wtop"
  [[ $RC == 0 && $(head -1 <<<"$OUT") =~ ^UID\ +PID\ +PPID\ +C\ +STIME\ +TTY\ +TIME\ +CMD$ ]] || return 1
  [[ $(grep -c . <<<"$OUT") == 3 && $OUT == *"sleep 300"* && $OUT == *"sleep 301"* ]] || return 1
  dk top "$P-wtop" -o pid,comm
  [[ $RC == 0 && $(head -1 <<<"$OUT") =~ ^PID\ +COMMAND$ ]] || return 1
  succeeds stop -t 0 "$P-wtop" || return 1
  refused 1 'is not running' top "$P-wtop"
}

w_stats() {
  dk run -d --name "$P-wbusy" busybox sh -c 'while :; do :; done'
  [[ $RC == 0 ]] || return 1
  dk stats --no-stream "$P-wbusy"
  [[ $RC == 0 && $(head -1 <<<"$OUT") =~ ^CONTAINER\ ID\ +NAME\ +CPU\ %\ +MEM\ USAGE\ /\ LIMIT\ +MEM\ %\ +NET\ I/O\ +BLOCK\ I/O\ +PIDS$ ]] || return 1
  dk stats --no-stream --format '{{.Name}} {{.CPUPerc}} {{.PIDs}}' "$P-wbusy"
  local cpu
  [[ $RC == 0 && $OUT =~ ^$P-wbusy\ ([0-9]+)\.[0-9]{2}%\ 1$ ]] || return 1
  cpu=${BASH_REMATCH[1]}
  (( cpu >= 30 )) || return 1
  succeeds rm -f "$P-wbusy" || return 1
  # a stopped container: zeros, as docker shows them
  dk stats --no-stream --format '{{.CPUPerc}} {{.MemUsage}} {{.PIDs}}' "$P-wtop"
  [[ $RC == 0 && $OUT == "0.00% 0B / 0B 0" ]]
}

w_port() {
  # nothing is published until networking lands (issue 5): an empty list, and docker's error for one port
  out_is "" port "$P-wtop" || return 1
  refused 1 "No public port '80/tcp' published for $P-wtop" port "$P-wtop" 80/tcp || return 1
  refused 1 "No public port '80' published for $P-wtop" port "$P-wtop" 80 || return 1
  succeeds rm -f "$P-wtop"
}

watch_checks() {
  check "events --since --until: create..destroy"       w_events
  check "events streams live without --until"            w_events_live
  check "top lists the container's processes"            w_top
  check "stats --no-stream: docker's columns and CPU %"  w_stats
  check "port: none published, docker's error"           w_port
}
# --- end of watching block -------------------------------------------------------------------

main() {
  trap cleanup EXIT
  command -v docker >/dev/null || { echo "docker-cli.sh: the docker CLI is not on PATH (scripts/setup.sh)" >&2; exit 1; }
  start_daemon_if_needed
  echo "# docker CLI $(docker version --format '{{.Client.Version}}' 2>/dev/null) against $DOCKER_HOST"

  check "docker version shows the Server section"        t_version
  check "docker info"                                    succeeds info
  check "import busybox"                                 t_import_busybox
  check "run --rm echo hi prints hi"                     out_is hi run --rm busybox echo hi
  check "run sh -c 'exit 3' exits 3"                     exits 3 run --rm busybox sh -c 'exit 3'
  check "run of a missing command exits 127"             exits 127 run --rm busybox nonexistent
  check "run sh without a terminal exits 0 silently"     t_shell_without_terminal
  check "ps -a grows by one row per run"                 t_ps_grows_by_one
  check "run -d prints the ID, inspect says running"     t_run_detached
  check "ps shows Up and the short ID"                   t_ps_shows_up
  check "inspect State.Pid is set"                       t_pid_positive
  check "inspect GraphDriver shows the overlay dirs"     t_graph_driver
  check "pause -> paused"                                t_pause
  check "unpause -> running"                             t_unpause
  check "unpause of a running container refused"         t_unpause_running_refused
  check "stop -t 1 -> exited (137)"                      t_stop
  check "start -> running"                               t_start
  check "restart -> running, new pid"                    t_restart
  check "kill -> exited (137)"                           t_kill
  check "kill -s TERM ignored by PID 1, -s KILL not"     t_kill_signal
  check "kill of a stopped container refused"            t_kill_stopped_refused
  check "wait prints the exit code"                      t_wait
  check "a file survives stop and start (start -a)"      t_file_survives_stop_start
  check "the file is absent from a new container"        t_file_absent_in_new_container
  check "logs keep stdout and stderr apart"              t_logs
  check "logs --tail 1"                                  t_logs_tail
  check "logs -t prefixes RFC 3339 timestamps"           t_logs_timestamps
  check "exec output, exit codes, -e, -w"                t_exec_codes
  check "exec in a stopped container refused"            t_exec_stopped_refused
  check "run -e -w -u"                                   t_run_options
  check "hostname is the short ID"                       t_hostname_is_short_id
  check "rename"                                         t_rename
  check "ID prefix addressing"                           t_id_prefix
  check "rm of a running container refused"              t_rm_running_refused
  check "rm -f removes a running container"              t_rm_force
  check "--rm container is gone after exit"              t_rm_flag_removes
  check "run --name bad!name refused"                    t_bad_name_refused
  check "a name in use refused"                          t_duplicate_name_refused
  check "ps filters name, label, ancestor, status, exited" t_filters
  check "images lists busybox in docker's columns"       t_images
  check "tag"                                            t_tag
  check "rmi untags"                                     t_rmi
  check "inspect of a missing container exits 1"         t_inspect_missing
  check "run of a missing image refused"                 t_missing_image_refused
  files_checks
  # last: prune removes every stopped container, also those the checks above look at
  check "container prune -f removes stopped ones only"   t_prune
  check "start of a running container is fine"           t_start_twice_ok
  check "attach to a stopped container refused"          t_attach_stopped_refused
  check "attach follows output, exit code is the CLI's"  t_attach_follows_output_and_exit_code
  check "exec -t gets a terminal, exec without does not" t_exec_tty
  network_checks
  volume_checks
  localimg_checks
  restart_checks
  security_checks
  resource_checks

  watch_checks
  daemon_access_checks
  echo "$PASSED passed, $FAILED failed"
  (( FAILED == 0 ))
}

# === issue 5: networks ===========================================================================
# The default bridge, published ports, docker port, modes and DNS options. Traffic goes only to the
# host's loopback and to the private daemon's own bridge; host ports are picked free here.

NET_PORT="" NET_IP_B=""

net_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# net_get PORT: the body of GET / from 127.0.0.1:PORT (retried for 5 s while the server starts).
net_get() {
  local i body
  for ((i = 0; i < 50; i++)); do
    body=$(curl -s -m 2 "http://127.0.0.1:$1/" 2>/dev/null) && [[ -n $body ]] && { echo "$body"; return 0; }
    sleep 0.1
  done
  return 1
}

t_net_ls() {
  dk network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'
  [[ $RC == 0 && $OUT == *"bridge bridge local"* && $OUT == *"host host local"* && $OUT == *"none null local"* ]]
}

t_net_inspect_bridge() {
  dk network inspect -f '{{index .Options "com.docker.network.bridge.name"}} {{(index .IPAM.Config 0).Gateway}}' bridge
  [[ $RC == 0 && $OUT =~ ^[a-z0-9]+\ [0-9.]+$ ]]
}

t_net_publish_httpd() {
  NET_PORT=$(net_free_port)
  succeeds run -d --name "$P-web" -p "$NET_PORT:80" busybox \
    sh -c 'mkdir /www; echo hello-web > /www/index.html; exec httpd -f -p 80 -h /www' || return 1
  [[ $(net_get "$NET_PORT") == hello-web ]]
}

t_net_port() {
  out_is "80/tcp -> 0.0.0.0:$NET_PORT" port "$P-web" && out_is "0.0.0.0:$NET_PORT" port "$P-web" 80/tcp
}

t_net_ps_ports() { out_is "0.0.0.0:$NET_PORT->80/tcp" ps --filter "name=$P-web" --format '{{.Ports}}'; }

t_net_port_in_use() {
  refused 125 'port is already allocated' run -d --name "$P-clash" -p "$NET_PORT:80" busybox sleep 60 &&
    status_is "$P-clash" created
}

t_net_nc_from_host() {
  local port reply
  port=$(net_free_port)
  succeeds run -d --name "$P-nc" -p "127.0.0.1:$port:7777" busybox sh -c 'echo hi-from-nc | nc -l -p 7777' || return 1
  for ((i = 0; i < 50; i++)); do
    reply=$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && cat <&3" 2>/dev/null) && [[ -n $reply ]] && break
    sleep 0.1
  done
  [[ $reply == hi-from-nc ]]
}

t_net_ping_each_other() {
  succeeds run -d --name "$P-ping-a" busybox sleep 300 && succeeds run -d --name "$P-ping-b" busybox sleep 300 || return 1
  dk inspect -f '{{.NetworkSettings.IPAddress}}' "$P-ping-b"; NET_IP_B=$OUT
  [[ -n $NET_IP_B ]] && out_has '1 packets received' exec "$P-ping-a" ping -c 1 -W 2 "$NET_IP_B"
}

t_net_none_only_lo() { out_is "lo" run --rm --network none busybox sh -c "ip -o link | cut -d: -f2 | tr -d ' '"; }

t_net_host() {
  local br
  dk network inspect -f '{{index .Options "com.docker.network.bridge.name"}}' bridge; br=$OUT
  out_is seen run --rm --network host busybox sh -c "grep -q '$br:' /proc/net/dev && echo seen"
}

t_net_dns_and_hosts() {
  dk run --rm --dns 192.0.2.53 --dns-search example.com --add-host db:10.1.2.3 -h named busybox \
    sh -c 'cat /etc/resolv.conf /etc/hosts; hostname'
  [[ $RC == 0 && $OUT == *"nameserver 192.0.2.53"* && $OUT == *"search example.com"* &&
     $OUT == *$'10.1.2.3\tdb'* && $OUT == *$'\tnamed'* && $OUT == *$'\nnamed' ]]
}

t_net_rm_frees_the_port() {
  succeeds rm -f "$P-web" || return 1
  ! curl -s -m 2 "http://127.0.0.1:$NET_PORT/" >/dev/null &&
    python3 -c "import socket; s=socket.socket(); s.bind(('0.0.0.0', $NET_PORT))"
}

t_net_user_dns() {
  succeeds network create --subnet "10.25$((RANDOM % 4)).$((RANDOM % 256)).0/24" "$P-net" || return 1
  succeeds run -d --name "$P-db" --network "$P-net" --network-alias database busybox sleep 300 || return 1
  local ip
  dk inspect -f "{{(index .NetworkSettings.Networks \"$P-net\").IPAddress}}" "$P-db"; ip=$OUT
  [[ -n $ip ]] && out_has "Address: $ip" run --rm --network "$P-net" busybox nslookup "$P-db" &&
    out_has '1 packets received' run --rm --network "$P-net" busybox ping -c 1 -W 2 database
}

t_net_user_isolated() {
  local ip
  dk inspect -f "{{(index .NetworkSettings.Networks \"$P-net\").IPAddress}}" "$P-db"; ip=$OUT
  dk run --rm busybox ping -c 1 -W 1 "$ip"
  [[ $OUT != *"1 packets received"* ]]
}

t_net_connect_disconnect() {
  succeeds network connect --alias extra "$P-net" "$P-ping-a" || return 1
  out_has 'eth1' exec "$P-ping-a" ip -o link || return 1
  succeeds network disconnect "$P-net" "$P-ping-a" || return 1
  dk exec "$P-ping-a" ip -o link
  [[ $RC == 0 && $OUT != *eth1* ]]
}

t_net_rm_in_use_refused() {
  refused 1 'has active endpoints' network rm "$P-net" || return 1
  succeeds rm -f "$P-db" && out_is "$P-net" network rm "$P-net" && refused 1 'not found' network inspect "$P-net"
}

network_checks() {
  check "network ls lists bridge, host, none"            t_net_ls
  check "network inspect bridge: bridge name, gateway"   t_net_inspect_bridge
  check "run -p: httpd reachable from the host"          t_net_publish_httpd
  check "docker port lists the mapping"                  t_net_port
  check "ps shows the published port"                    t_net_ps_ports
  check "a port in use refused, container not started"   t_net_port_in_use
  check "nc -l in a container answers the host"          t_net_nc_from_host
  check "two containers ping each other on the bridge"   t_net_ping_each_other
  check "--network none has only lo"                     t_net_none_only_lo
  check "--network host sees the host's interfaces"      t_net_host
  check "--dns, --dns-search, --add-host, -h"            t_net_dns_and_hosts
  check "rm -f frees the published port"                 t_net_rm_frees_the_port
  check "user network: names and aliases through its DNS" t_net_user_dns
  check "user networks are isolated from the bridge"     t_net_user_isolated
  check "network connect/disconnect of a running one"    t_net_connect_disconnect
  check "network rm refused in use, then removed"        t_net_rm_in_use_refused
}
# === end of issue 5: networks =====================================================================

# === issue 6: volumes and mounts =================================================================
# Named and anonymous volumes, -v, --mount, --tmpfs, --volumes-from, --read-only, and docker's messages.
# Every volume made here is named "$P-..." or is anonymous to a "$P-..." container.

vol_cleanup() {
  local vols
  vols=$(timeout 30 docker volume ls -q --filter "name=$P-" 2>/dev/null || true)
  [[ -z $vols ]] || timeout 30 docker volume rm -f $vols >/dev/null 2>&1 || true
}

t_vol_create_ls_inspect() {
  out_is "$P-v1" volume create --label tier=db "$P-v1" || return 1
  out_is "local $P-v1" volume ls --filter "name=$P-v1" --format '{{.Driver}} {{.Name}}' || return 1
  dk volume ls --filter "name=$P-v1"
  [[ $RC == 0 && $OUT == "DRIVER    VOLUME NAME"* ]] || return 1
  out_is "$P-v1" volume ls -q --filter label=tier=db --filter "name=$P-" || return 1
  out_is "$P-v1" volume ls -q --filter dangling=true --filter "name=$P-v1" || return 1
  out_has "/volumes/$P-v1/_data" volume inspect -f '{{.Mountpoint}}' "$P-v1" || return 1
  out_is "local db" volume inspect -f '{{.Scope}} {{.Labels.tier}}' "$P-v1"
}

t_vol_errors() {
  refused 1 'includes invalid characters for a local volume name' volume create "$P/bad" || return 1
  refused 1 'invalid option: "color"' volume create -o color=red "$P-bad2" || return 1
  refused 1 'no such volume' volume inspect "$P-missing"
}

t_vol_data_survives_rm() {
  succeeds run --name "$P-vw" -v "$P-v1:/data" busybox sh -c 'echo kept > /data/f' || return 1
  succeeds rm "$P-vw" || return 1
  out_is kept run --rm -v "$P-v1:/data:ro" busybox cat /data/f || return 1
  dk system df -v
  [[ $RC == 0 ]] && grep -qE "^$P-v1 +0 +5B\$" <<<"$OUT"
}

t_vol_ro_refuses_writes() {
  refused 1 'read-only file system' run --rm -v "$P-v1:/data:ro" busybox touch /data/x
}

t_vol_in_use_refused() {
  dk create --name "$P-vuser" -v "$P-v1:/data" busybox true
  refused 1 "remove $P-v1: volume is in use - \[" volume rm "$P-v1" || return 1
  out_is "" volume ls -q --filter dangling=true --filter "name=$P-v1" || return 1
  refused 1 'volume is in use' volume rm -f "$P-v1" || return 1
  succeeds rm "$P-vuser" && out_is "$P-v1" volume rm "$P-v1"
}

t_vol_anonymous_rm_v() {
  local anon
  dk create --name "$P-vanon" -v /scratch busybox true
  dk inspect -f '{{range .Mounts}}{{.Name}}{{end}}' "$P-vanon"; anon=$OUT
  [[ $anon =~ ^[0-9a-f]{64}$ ]] || return 1
  succeeds rm -v "$P-vanon" && refused 1 'no such volume' volume inspect "$anon"
}

t_vol_mount_flag() {
  succeeds volume create "$P-v2" || return 1
  succeeds run --rm --mount "type=volume,src=$P-v2,dst=/m" busybox sh -c 'echo via-mount > /m/f' || return 1
  out_is via-mount run --rm --mount "source=$P-v2,target=/m,readonly" busybox cat /m/f || return 1
  refused 125 'bind source path does not exist: /nonexistent-'"$P" run --rm --mount "type=bind,src=/nonexistent-$P,dst=/x" busybox true
}

t_vol_bind() {
  mkdir -p "$WORK/bind" && echo host-side > "$WORK/bind/f"
  out_is host-side run --rm -v "$WORK/bind:/b:ro,z" busybox cat /b/f || return 1
  succeeds run --rm -v "$WORK/bind:/b" busybox sh -c 'echo back > /b/g' && [[ $(<"$WORK/bind/g") == back ]]
}

t_vol_tmpfs() {
  out_has 'tmpfs /t tmpfs rw,nosuid,nodev,noexec' run --rm --tmpfs /t:size=1m busybox grep ' /t ' /proc/mounts || return 1
  out_has 'size=2048k' run --rm --mount type=tmpfs,dst=/m,tmpfs-size=2m busybox grep ' /m ' /proc/mounts
}

t_vol_read_only_root() {
  refused 1 'read-only file system' run --rm --read-only busybox touch /x || return 1
  out_is ok run --rm --read-only --tmpfs /tmp busybox sh -c 'touch /tmp/x && grep -q localhost /etc/hosts && echo ok'
}

t_vol_volumes_from() {
  succeeds run --name "$P-vfrom" -v "$P-v2:/shared" busybox true || return 1
  out_is via-mount run --rm --volumes-from "$P-vfrom:ro" busybox cat /shared/f || return 1
  refused 1 'read-only file system' run --rm --volumes-from "$P-vfrom:ro" busybox touch /shared/x
}

t_vol_inspect_mounts() {
  dk create --name "$P-vinsp" -v "$P-v2:/data:ro" busybox true
  out_is "volume $P-v2 /data false local" inspect -f '{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}} {{.RW}} {{.Driver}}{{end}}' "$P-vinsp" || return 1
  out_is "[$P-v2:/data:ro]" inspect -f '{{.HostConfig.Binds}}' "$P-vinsp" || return 1
  dk ps -a --filter "volume=$P-v2" --filter "name=$P-v" --format '{{.Names}}'
  [[ $RC == 0 && $(sort <<<"$OUT" | tr '\n' ' ') == "$P-vfrom $P-vinsp " ]]
}

t_vol_prune() {
  local anon
  dk create --name "$P-vprune" -v /scratch busybox true
  dk inspect -f '{{range .Mounts}}{{.Name}}{{end}}' "$P-vprune"; anon=$OUT
  succeeds rm "$P-vprune" "$P-vinsp" "$P-vfrom" || return 1
  dk volume prune -f
  [[ $RC == 0 && $OUT == *"$anon"* && $OUT != *"$P-v2"* && $OUT == *"Total reclaimed space:"* ]] || return 1
  out_has "$P-v2" volume ls -q || return 1
  RC=0; OUT=$(echo y | timeout 60 docker volume prune -a --filter "label!=keep" 2>&1) || RC=$?
  [[ $RC == 0 && $OUT == *"Are you sure you want to continue? [y/N]"* && $OUT == *"$P-v2"* ]]
}

volume_checks() {
  check "volume create/ls/inspect"                       t_vol_create_ls_inspect
  check "volume create refuses bad names and options"    t_vol_errors
  check "-v name: data survives the container; df -v"   t_vol_data_survives_rm
  check "-v name:/p:ro refuses writes"                   t_vol_ro_refuses_writes
  check "volume rm refused in use (also -f)"             t_vol_in_use_refused
  check "-v /path is anonymous, rm -v removes it"        t_vol_anonymous_rm_v
  check "--mount type=volume, readonly; bind source must exist" t_vol_mount_flag
  check "-v /host:/path[:ro,z] binds"                    t_vol_bind
  check "--tmpfs and --mount type=tmpfs in /proc/mounts" t_vol_tmpfs
  check "--read-only root, /etc/hosts still there"       t_vol_read_only_root
  check "--volumes-from c:ro"                            t_vol_volumes_from
  check "inspect Mounts, HostConfig.Binds; ps -f volume=" t_vol_inspect_mounts
  check "volume prune: anonymous only, -a all, prompt"   t_vol_prune
}
# === end of issue 6: volumes ======================================================================

# === issue 4: local image management (history, save/load, images, prune, rmi, system df) ============
# Images made here carry the label berth.conformance=$P; the last check prunes them (-a with that label).

LI_ID=""

# li_commit NAME CMD: a container running CMD, committed as $P-li:NAME with the run's label; sets LI_ID.
li_commit() {
  local name=$1; shift
  dk run --name "$P-li-$name" busybox sh -c "$*" || return 1
  dk commit -c "LABEL berth.conformance=$P" "$P-li-$name" "$P-li:$name" || return 1
  LI_ID=$OUT
  dk rm "$P-li-$name"
}

# same_as_berth ARGS...: our CLI prints what the docker CLI printed for the same command.
same_as_berth() {
  dk "$@" || return 1
  local ours
  ours=$(timeout 60 bin/berth -H "$DOCKER_HOST" "$@" 2>&1) || return 1
  [[ $ours == "$OUT" ]] || { printf '     berth printed:\n%s\n' "$ours"; return 1; }
}

t_li_history() {
  li_commit hist 'echo a-command-long-enough-to-be-cut-by-the-history-table > /hist' || return 1
  dk history "$P-li:hist"
  local lines; lines=$(wc -l <<<"$OUT")
  [[ $RC == 0 && $OUT == "IMAGE "*"CREATED "*"CREATED BY "*"SIZE "*"COMMENT"* && $lines == 3 ]] || return 1
  [[ $OUT == *"${LI_ID:7:12}"* && $OUT == *"<missing>"* && $OUT == *"sh -c echo a-command-long-enough-to-be-cut-b…   "* ]] || return 1
  out_is "sh -c echo a-command-long-enough-to-be-cut-by-the-history-table > /hist" \
    history --no-trunc --format '{{.CreatedBy}}' "$P-li:hist" || return 1
  dk history -q "$P-li:hist"
  [[ $RC == 0 && $OUT == "${LI_ID:7:12}"$'\n<missing>' ]] || return 1
  # without -H: RFC 3339 dates under CREATED AT, sizes in bytes (the file and its newline: 53)
  dk history -H=false "$P-li:hist"
  [[ $RC == 0 && $OUT == *"CREATED AT"* && $OUT == *" 53 "* && $OUT =~ [0-9]{4}-[0-9]{2}-[0-9]{2}T ]]
}

t_li_history_same_in_berth() {
  same_as_berth history --format '{{.ID}}|{{.CreatedBy}}|{{.Size}}|{{.Comment}}' "$P-li:hist" &&
    same_as_berth history -q --no-trunc "$P-li:hist"
}

t_li_save_load_run() {
  succeeds save -o "$WORK/li.tar" "$P-li:hist" busybox || return 1
  tar -tf "$WORK/li.tar" >"$WORK/li.list" || return 1
  grep -qx manifest.json "$WORK/li.list" && grep -qx index.json "$WORK/li.list" && grep -qx oci-layout "$WORK/li.list" || return 1
  # busybox's layer is in both images but stored once
  local base; base=$(docker image inspect -f '{{index .RootFS.Layers 0}}' busybox)
  [[ $(grep -cx "blobs/sha256/${base#sha256:}" "$WORK/li.list") == 1 ]] || return 1
  skopeo inspect "docker-archive:$WORK/li.tar:$P-li:hist" >/dev/null 2>&1 || return 1
  skopeo inspect "oci-archive:$WORK/li.tar:hist" >/dev/null 2>&1 || return 1
  succeeds rmi "$P-li:hist" || return 1
  out_has "Loaded image: $P-li:hist" load -i "$WORK/li.tar" || return 1
  out_is "a-command-long-enough-to-be-cut-by-the-history-table" run --rm "$P-li:hist" cat /hist
}

t_li_save_pipe_load() {
  docker save "$P-li:hist" | docker load >"$WORK/out" 2>&1 && grep -q "Loaded image: $P-li:hist" "$WORK/out"
}

# export | import against one daemon (the import used to hold the store while the export waited for it)
t_li_export_pipe_import() {
  succeeds create --name "$P-li-exp" busybox true || return 1
  timeout 60 bash -c "docker export $P-li-exp | docker import - $P-li:exp" >/dev/null || return 1
  succeeds rm "$P-li-exp" && out_is "hi" run --rm "$P-li:exp" echo hi && succeeds rmi "$P-li:exp"
}

# save to a terminal: docker and berth both refuse (script(1) gives them one)
t_li_save_refuses_terminal() {
  local theirs ours
  theirs=$(script -qec "docker save busybox" /dev/null </dev/null 2>&1) && return 1
  ours=$(script -qec "bin/berth -H $DOCKER_HOST save busybox" /dev/null </dev/null 2>&1) && return 1
  [[ $theirs == *"cowardly refusing to save to a terminal"* && $ours == *"cowardly refusing to save to a terminal"* ]]
}

t_li_images_columns() {
  out_has "DIGEST" images --digests || return 1
  [[ $(head -1 <<<"$OUT") == "REPOSITORY "*"TAG "*"DIGEST "*"IMAGE ID "*"CREATED "*"SIZE" ]] || return 1
  out_is "$P-li:hist" images --format '{{.Repository}}:{{.Tag}}' "$P-li" || return 1
  out_is "${LI_ID:7:12}" images -q --filter "reference=$P-li:hist" || return 1
  out_is "$LI_ID" images -q --no-trunc --filter "label=berth.conformance=$P"
}

t_li_images_filters() {
  li_commit later 'echo later > /later' || return 1
  out_is "$P-li:later" images --format '{{.Repository}}:{{.Tag}}' --filter "since=$P-li:hist" --filter "label=berth.conformance=$P" || return 1
  out_is "$P-li:hist" images --format '{{.Repository}}:{{.Tag}}' --filter "before=$P-li:later" --filter "label=berth.conformance=$P" || return 1
  refused 1 'invalid filter' images --filter bogus=1 &&
    same_as_berth images --digests --format '{{.Repository}}|{{.Tag}}|{{.Digest}}|{{.ID}}' --filter "label=berth.conformance=$P"
}

t_li_rmi_semantics() {
  succeeds tag "$P-li:later" "$P-li:later2" || return 1
  refused 1 'unable to delete .* \(must be forced\) - image is referenced in multiple repositories' rmi "$LI_ID" || return 1
  out_is "Untagged: $P-li:later2" rmi "$P-li:later2" || return 1
  succeeds run -d --name "$P-li-user" "$P-li:later" sleep 300 || return 1
  refused 1 "unable to remove repository reference \"$P-li:later\" \(must force\) - container [0-9a-f]{12} is using its referenced image ${LI_ID:7:12}" \
    rmi "$P-li:later" || return 1
  refused 1 "\(cannot be forced\) - image is being used by running container" rmi -f "$LI_ID" || return 1
  succeeds rm -f "$P-li-user" || return 1
  dk rmi "$P-li:later"
  [[ $RC == 0 && $OUT == "Untagged: $P-li:later"$'\n'"Deleted: $LI_ID"$'\n'"Deleted: sha256:"* ]] &&
    refused 1 'No such image' rmi "$P-li:later"
}

t_li_image_prune() {
  dk run --name "$P-li-dangling" busybox sh -c 'echo dangling > /d' || return 1
  dk commit -c "LABEL berth.conformance=$P" "$P-li-dangling"
  local dangling=$OUT
  succeeds rm "$P-li-dangling" || return 1
  out_is "$dangling" images -q --no-trunc --filter dangling=true --filter "label=berth.conformance=$P" || return 1
  local prompt
  prompt=$(docker image prune --filter "label=berth.conformance=$P" <<<n 2>&1) || return 1
  [[ $prompt == "WARNING! This will remove all dangling images."*"[y/N] " ]] || return 1
  succeeds image inspect "$dangling" || return 1
  dk image prune -f --filter "label=berth.conformance=$P"
  [[ $RC == 0 && $OUT == "Deleted Images:"$'\n'"deleted: $dangling"$'\n'*"Total reclaimed space: 9B" ]] &&
    refused 1 'No such image' image inspect "$dangling"
}

t_li_system_df() {
  out_has "Images space usage:" system df -v || return 1
  dk system df
  [[ $RC == 0 && $(head -1 <<<"$OUT") == "TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE" ]] || return 1
  [[ $OUT == *$'\nImages '* && $OUT == *$'\nContainers '* && $OUT == *$'\nLocal Volumes '* && $OUT == *$'\nBuild Cache '* ]] &&
    same_as_berth system df
}

t_li_inspect() {
  out_is "overlay2 layers 2 $P" image inspect -f "{{.GraphDriver.Name}} {{.RootFS.Type}} {{len .RootFS.Layers}} {{index .Config.Labels \"berth.conformance\"}}" "$P-li:hist" || return 1
  local upper; upper=$(docker image inspect -f '{{.GraphDriver.Data.UpperDir}}' "$P-li:hist")
  [[ -d $upper && -f $upper/hist ]]
}

t_li_prune_all() {
  dk image prune -a -f --filter "label=berth.conformance=$P"
  [[ $RC == 0 && $OUT == *"untagged: $P-li:hist"* ]] && out_is "" images -q --filter "label=berth.conformance=$P"
}

localimg_checks() {
  check "history: docker's table, <missing>, -q, -H=false" t_li_history
  check "history: berth prints what docker prints"       t_li_history_same_in_berth
  check "save -o | rmi | load -i | run; skopeo reads it" t_li_save_load_run
  check "save | load through a pipe"                     t_li_save_pipe_load
  check "save to a terminal refused (docker and berth)"  t_li_save_refuses_terminal
  check "export | import through a pipe"                 t_li_export_pipe_import
  check "images --digests, --format, -q, reference, label" t_li_images_columns
  check "images since/before; berth prints the same"     t_li_images_filters
  check "rmi: untag vs delete, conflicts as docker's"    t_li_rmi_semantics
  check "image prune: prompt, -f, Deleted Images, space" t_li_image_prune
  check "system df (-v); berth prints the same"          t_li_system_df
  check "image inspect: overlay2 paths, RootFS, labels"  t_li_inspect
  check "image prune -a with a label filter"             t_li_prune_all
}
# === end of issue 4: local image management =======================================================

# === issue 6: restart policies, health checks, --init, stop signal ================================

# poll SECONDS CMD...: runs CMD (a check function) every 0.2 s until it succeeds or SECONDS pass.
rs_poll() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do (( SECONDS < deadline )) || return 1; sleep 0.2; done
}

t_rs_refusals() {
  refused 125 "invalid restart policy: unknown policy 'bogus'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'" \
    run --restart bogus busybox true || return 1
  refused 125 "maximum retry count can only be used with 'on-failure'" run --restart always:3 busybox true || return 1
  refused 125 'conflicting options: cannot specify both --restart and --rm' run --rm --restart always busybox true || return 1
  dk run --rm --restart on-failure:x busybox true; local docker_err=$ERR
  local berth_err; berth_err=$(bin/berth run --rm --restart on-failure:x busybox true 2>&1 >/dev/null)
  [[ $berth_err == "${docker_err/docker:/berth:}"* || $berth_err == *"maximum retry count must be an integer"* ]]
}

t_rs_on_failure() {
  dk run -d --name "$P-rs-of" --restart on-failure:2 busybox sh -c 'exit 4'
  [[ $RC == 0 ]] || return 1
  rs_poll 60 field_is "$P-rs-of" '{{.State.Status}} {{.RestartCount}}' 'exited 2' || return 1
  sleep 1
  field_is "$P-rs-of" '{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}} {{.HostConfig.RestartPolicy.Name}}:{{.HostConfig.RestartPolicy.MaximumRetryCount}}' \
    'exited 2 4 on-failure:2'
}

rs_ps_restarting() { dk ps --filter "name=$P-rs-loop" --format '{{.Status}}'; [[ $OUT == "Restarting (1) "* ]]; }

t_rs_restarting_rm() {
  dk run -d --name "$P-rs-loop" --restart always busybox sh -c 'exit 1'
  # each state is caught by polling: the container comes and goes, with longer waits at each exit
  rs_poll 60 rs_ps_restarting || return 1
  rs_poll 60 field_is "$P-rs-loop" '{{.State.Status}} {{.State.Restarting}} {{.State.Running}}' 'restarting true true' || return 1
  succeeds rm -f "$P-rs-loop" || return 1
  sleep 1
  gone "$P-rs-loop"
}

t_rs_stop_ends_always() {
  dk run -d --name "$P-rs-always" --restart always busybox sleep 300
  succeeds stop -t 1 "$P-rs-always" || return 1
  sleep 1
  status_is "$P-rs-always" exited
}

rs_health_is() { field_is "$1" '{{.State.Health.Status}}' "$2"; }

t_health_cycle() {
  dk run -d --name "$P-hc" --health-cmd 'cat /tmp/ok' --health-interval 300ms --health-retries 2 \
    busybox sh -c 'echo fine > /tmp/ok; sleep 300'
  [[ $RC == 0 ]] || return 1
  local since; since=$(date +%s)
  rs_poll 60 rs_health_is "$P-hc" healthy || return 1
  out_has '(healthy)' ps --filter "name=$P-hc" --format '{{.Status}}' || return 1
  out_is "$P-hc" ps --filter health=healthy --filter "name=$P-hc" --format '{{.Names}}' || return 1
  succeeds exec "$P-hc" rm /tmp/ok || return 1
  rs_poll 60 rs_health_is "$P-hc" unhealthy || return 1
  out_is "$P-hc" ps --filter health=unhealthy --filter "name=$P-hc" --format '{{.Names}}' || return 1
  out_has '"ExitCode":1' inspect -f '{{json .State.Health.Log}}' "$P-hc" || return 1
  dk events --since "$since" --until "$(($(date +%s) + 1))" --filter "container=$P-hc" --filter event=health_status --format '{{.Action}}'
  [[ $RC == 0 && $OUT == $'health_status: healthy\nhealth_status: unhealthy' ]] || return 1
  succeeds stop -t 1 "$P-hc" && field_is "$P-hc" '{{.State.Status}} {{.State.Health.Status}}' 'exited unhealthy'
}

t_health_none_and_image() {
  dk run -d --name "$P-hc-base" busybox true
  succeeds commit -c 'HEALTHCHECK --interval=300ms --retries=1 CMD ["true"]' "$P-hc-base" "$P-img:v2" || return 1
  out_is '[CMD true]' image inspect -f '{{.Config.Healthcheck.Test}}' "$P-img:v2" || return 1
  dk run -d --name "$P-hc-img" "$P-img:v2" sleep 300
  rs_poll 60 rs_health_is "$P-hc-img" healthy || return 1
  dk run -d --name "$P-hc-none" --no-healthcheck "$P-img:v2" sleep 300
  sleep 1
  field_is "$P-hc-none" '{{.State.Health}} {{.Config.Healthcheck.Test}}' '<nil> [NONE]'
}

t_init() {
  dk run --rm --init busybox ps -o pid,args
  [[ $RC == 0 && $(sed -n 2p <<<"$OUT" | tr -s ' ') == " 1 /sbin/docker-init -- ps -o pid,args" ]] || return 1
  dk run -d --name "$P-init" --init busybox sleep 300
  field_is "$P-init" '{{.HostConfig.Init}}' true
}

t_stop_signal() {
  dk run -d --name "$P-stopsig" --stop-signal SIGUSR1 busybox sh -c "trap 'exit 7' USR1; while true; do sleep 0.1; done"
  sleep 0.5
  succeeds stop "$P-stopsig" && field_is "$P-stopsig" '{{.State.ExitCode}} {{.Config.StopSignal}}' '7 SIGUSR1'
}

restart_checks() {
  check "--restart: docker's refusals (daemon and client)"  t_rs_refusals
  check "on-failure:2 restarts twice, then exited"          t_rs_on_failure
  check "ps shows Restarting (1); rm -f while restarting"   t_rs_restarting_rm
  check "stop ends an always policy"                        t_rs_stop_ends_always
  check "health: healthy, unhealthy, ps, filter, events"    t_health_cycle
  check "health: image HEALTHCHECK, --no-healthcheck"       t_health_none_and_image
  check "--init: tini is PID 1, HostConfig.Init"            t_init
  check "--stop-signal is what stop sends"                  t_stop_signal
}
# === end of issue 6: restart and health ===========================================================
# === issue 6: security defaults ====================================================================
# /proc/self/status in a container against Docker's values (CapEff 00000000a80425fb, Seccomp 2 with one
# filter, NoNewPrivs 0), and what each flag changes; every refusal next to a run that succeeds without it.

SEC_DOCKER_CAPEFF=00000000a80425fb

sec_field() { grep -E "^$1:" <<<"$OUT" | awk '{print $2}'; }

t_sec_default_status() {
  dk run --rm busybox grep -E '^(CapEff|CapBnd|Seccomp|Seccomp_filters|NoNewPrivs):' /proc/self/status
  [[ $RC == 0 && $(sec_field CapEff) == "$SEC_DOCKER_CAPEFF" && $(sec_field CapBnd) == "$SEC_DOCKER_CAPEFF" \
     && $(sec_field Seccomp) == 2 && $(sec_field Seccomp_filters) == 1 && $(sec_field NoNewPrivs) == 0 ]]
}

t_sec_no_new_privileges() {
  dk run --rm --security-opt no-new-privileges busybox grep -E '^(NoNewPrivs|Seccomp):' /proc/self/status
  [[ $RC == 0 && $(sec_field NoNewPrivs) == 1 && $(sec_field Seccomp) == 2 ]]
}

t_sec_unconfined() {
  dk run --rm --security-opt seccomp=unconfined busybox grep -E '^(CapEff|Seccomp):' /proc/self/status
  [[ $RC == 0 && $(sec_field Seccomp) == 0 && $(sec_field CapEff) == "$SEC_DOCKER_CAPEFF" ]]
}

t_sec_unshare_refused_unless_privileged() {
  refused 1 'Operation not permitted' run --rm busybox unshare -n true || return 1
  dk run --rm --privileged busybox sh -c 'unshare -n true && mount -t tmpfs t /tmp && grep -E "^(CapEff|Seccomp):" /proc/self/status'
  [[ $RC == 0 && $(sec_field Seccomp) == 0 && $(sec_field CapEff) == $(awk '/^CapBnd:/ {print $2}' /proc/self/status) ]]
}

t_sec_cap_drop_add() {
  succeeds run --rm busybox chown 1 /tmp || return 1
  refused 1 'Operation not permitted' run --rm --cap-drop chown busybox chown 1 /tmp || return 1
  refused 2 'Operation not permitted' run --rm busybox ip link set lo down || return 1
  succeeds run --rm --cap-add NET_ADMIN busybox ip link set lo down
}

t_sec_unknown_cap_refused() {
  refused 125 'invalid CapAdd: unknown capability: "CAP_FOO"' run --rm --cap-add foo busybox true
}

t_sec_custom_profile() {
  printf '{\n "defaultAction": "SCMP_ACT_ALLOW",\n "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]\n}\n' \
    >"$WORK/nomkdir.json"
  succeeds run --rm busybox mkdir /tmp/d || return 1
  refused 1 'Operation not permitted' run --rm --security-opt "seccomp=$WORK/nomkdir.json" busybox mkdir /tmp/d || return 1
  refused 125 'opening seccomp profile .* no such file' run --rm --security-opt "seccomp=$WORK/none.json" busybox true
}

t_sec_masked_readonly() {
  dk run --rm busybox sh -c 'wc -c < /proc/timer_list; (echo 1 > /proc/sys/kernel/ns_last_pid) 2>&1'
  [[ $(head -1 <<<"$OUT") == 0 && $OUT == *"Read-only file system"* ]] || return 1
  # systempaths=unconfined: the CLI sends empty lists, nothing is masked or read-only
  dk run --rm --security-opt systempaths=unconfined busybox sh -c 'wc -c < /proc/timer_list; grep -c " /proc/sys " /proc/self/mountinfo'
  [[ $(head -1 <<<"$OUT") -gt 0 && $(tail -1 <<<"$OUT") == 0 ]]
}

t_sec_user_group_add() {
  out_is "uid=1000(user) gid=1000(user) groups=1000(user)" run --rm -u 1000:1000 busybox id || return 1
  out_is "uid=65534(nobody) gid=65534(nogroup) groups=5(tty),1234,65534(nogroup)" \
    run --rm -u nobody --group-add tty --group-add 1234 busybox id || return 1
  refused 125 'unable to find user nosuch: no matching entries in passwd file' run --rm -u nosuch busybox id || return 1
  refused 125 'Unable to find group nosuchgroup: no matching entries in group file' run --rm --group-add nosuchgroup busybox id
}

t_sec_device() {
  dk run --rm --device /dev/null:/dev/mynull busybox sh -c 'ls -l /dev/mynull && echo x > /dev/mynull'
  [[ $RC == 0 && $OUT =~ ^c.*\ 1,\ +3\ .*/dev/mynull ]] || return 1
  refused 1 'Operation not permitted' run --rm --device /dev/loop-control:/dev/lc:r busybox sh -c 'echo x > /dev/lc' || return 1
  refused 125 'bad mode specified: xyz' run --rm --device /dev/null:/dev/n:xyz busybox true
}

t_sec_inspect() {
  dk create --name "$P-sec-insp" --cap-add net_admin --cap-drop CHOWN --security-opt no-new-privileges \
     --group-add tty --device /dev/null:/dev/mynull:rw busybox true
  [[ $RC == 0 ]] || return 1
  out_is '["CAP_NET_ADMIN"] ["CAP_CHOWN"] ["no-new-privileges"] ["tty"] [{"PathOnHost":"/dev/null","PathInContainer":"/dev/mynull","CgroupPermissions":"rw"}] false' \
    inspect -f '{{json .HostConfig.CapAdd}} {{json .HostConfig.CapDrop}} {{json .HostConfig.SecurityOpt}} {{json .HostConfig.GroupAdd}} {{json .HostConfig.Devices}} {{.HostConfig.Privileged}}' "$P-sec-insp" || return 1
  out_is '["/proc/asound","/proc/acpi","/proc/interrupts","/proc/kcore","/proc/keys","/proc/latency_stats","/proc/timer_list","/proc/timer_stats","/proc/sched_debug","/proc/scsi","/sys/firmware","/sys/devices/virtual/powercap"] ["/proc/bus","/proc/fs","/proc/irq","/proc/sys","/proc/sysrq-trigger"]' \
    inspect -f '{{json .HostConfig.MaskedPaths}} {{json .HostConfig.ReadonlyPaths}}' "$P-sec-insp"
}

t_sec_exec_inherits() {
  dk run -d --name "$P-sec-exec" --cap-drop chown busybox sleep 60
  [[ $RC == 0 ]] || return 1
  dk exec "$P-sec-exec" grep -E '^(CapEff|Seccomp):' /proc/self/status
  [[ $RC == 0 && $(sec_field CapEff) == 00000000a80425fa && $(sec_field Seccomp) == 2 ]]
}

t_sec_info() {
  out_has '"name=seccomp,profile=builtin"' info -f '{{json .SecurityOptions}}'
}

security_checks() {
  check "security: /proc/self/status equals Docker's defaults" t_sec_default_status
  check "security: no-new-privileges sets NoNewPrivs 1"       t_sec_no_new_privileges
  check "security: seccomp=unconfined shows Seccomp 0"        t_sec_unconfined
  check "security: unshare/mount refused unless --privileged" t_sec_unshare_refused_unless_privileged
  check "security: --cap-drop chown, --cap-add NET_ADMIN"     t_sec_cap_drop_add
  check "security: unknown capability refused as docker's"    t_sec_unknown_cap_refused
  check "security: a custom profile that blocks mkdir"        t_sec_custom_profile
  check "security: masked and read-only /proc paths"          t_sec_masked_readonly
  check "security: -u uid:gid and names, --group-add"         t_sec_user_group_add
  check "security: --device node and cgroup permissions"      t_sec_device
  check "security: inspect shows the fields as docker"        t_sec_inspect
  check "security: exec has the container's capabilities"     t_sec_exec_inherits
  check "security: info lists the builtin seccomp profile"    t_sec_info
}
# === end of issue 6: security defaults =============================================================
# === issue 6: resources =========================================================================
# Limits given to run show in inspect as docker shows them and hold in the container's cgroup (read
# from inside: the cgroup namespace shows its own cgroup as the root); update changes them live.

if [[ -f /sys/fs/cgroup/cgroup.controllers ]]; then
  RES_LIMITS='cat /sys/fs/cgroup/memory.max; cut -d" " -f1 /sys/fs/cgroup/cpu.max; cat /sys/fs/cgroup/pids.max'
else
  RES_LIMITS='cat /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/cpu/cpu.cfs_quota_us /sys/fs/cgroup/pids/pids.max'
fi

t_res_run_limits() {
  dk run -d --name "$P-res" -m 64m --cpus 1.5 --pids-limit 50 --ulimit nofile=1024:2048 --shm-size 128m busybox sleep 300
  [[ $RC == 0 ]] || return 1
  field_is "$P-res" '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} {{.HostConfig.ShmSize}}' \
    "67108864 134217728 1500000000 50 134217728" || return 1
  out_is $'67108864\n150000\n50' exec "$P-res" sh -c "$RES_LIMITS" || return 1
  out_is 131072 exec "$P-res" sh -c "df -k /dev/shm | tail -1 | awk '{print \$2}'" || return 1
  # the container's process, not an exec: runc 1.1 may raise an exec's soft nofile to its hard limit
  out_is $'1024\n2048' run --rm --ulimit nofile=1024:2048 busybox sh -c 'ulimit -n; ulimit -Hn'
}

t_res_update() {
  out_is "$P-res" update -m 128m --memory-swap 256m --cpus 0.5 --pids-limit 80 "$P-res" || return 1
  field_is "$P-res" '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}}' \
    "134217728 268435456 500000000 80" || return 1
  out_is $'134217728\n50000\n80' exec "$P-res" sh -c "$RES_LIMITS"
}

t_res_update_conflict() {
  refused 1 'Cannot update container [0-9a-f]{64}: Conflicting options: CPU Quota cannot be updated as NanoCPUs has already been set' \
    update --cpu-quota 20000 "$P-res"
}

t_res_stats_limit() {
  dk stats --no-stream --format '{{.MemUsage}}' "$P-res"
  [[ $RC == 0 && $OUT == *" / 128MiB" ]]
}

t_res_berth_update() {
  out_is "$P-res" update --cpu-shares 256 "$P-res" || return 1
  local ours; ours=$(timeout 60 bin/berth -H "$DOCKER_HOST" update -m 200m --memory-swap 400m "$P-res" 2>&1) || return 1
  [[ $ours == "$P-res" ]] && field_is "$P-res" '{{.HostConfig.Memory}} {{.HostConfig.CpuShares}}' "209715200 256"
}

t_res_oom() {
  local since; since=$(date +%s)
  exits 137 run --name "$P-oom" -m 8m --memory-swap 8m busybox sh -c 'x=0123456789abcdef; while :; do x=$x$x; done' &&
    field_is "$P-oom" '{{.State.OOMKilled}} {{.State.ExitCode}}' "true 137" || return 1
  dk events --since "$since" --until "$(( $(date +%s) + 1 ))" --filter "container=$P-oom" --format '{{.Action}}'
  [[ $RC == 0 && $(tr '\n' ' ' <<<"$OUT") == *"oom die "* ]]
}

t_res_ulimit_above_daemon() {
  local hard; hard=$(ulimit -Hn)
  if (( 0x$(awk '/^CapEff/ {print $2}' /proc/self/status) & (1 << 24) )); then
    succeeds run --rm --ulimit "nofile=$((hard + 1))" busybox true   # root with CAP_SYS_RESOURCE may raise it
  else
    refused 125 "Cannot set ulimit nofile=$((hard + 1)):$((hard + 1)): the daemon's own hard limit is $hard" \
      run --rm --ulimit "nofile=$((hard + 1))" busybox true
  fi
}

t_res_pids_limit() {
  dk run --rm --pids-limit 4 busybox sh -c 'for i in 1 2 3 4 5 6; do sleep 5 & done'
  [[ $RC != 0 && $ERR == *"can't fork"* ]]
}

resource_checks() {
  check "run -m --cpus --pids-limit --ulimit --shm-size: inspect and cgroup" t_res_run_limits
  check "update changes memory, cpus, pids of a running container"          t_res_update
  check "update refuses a CPU quota next to --cpus, docker's message"       t_res_update_conflict
  check "stats --no-stream shows the memory limit"                         t_res_stats_limit
  check "berth update prints the container as docker's does"               t_res_berth_update
  check "run -m 4m refused: Minimum memory limit allowed is 6MB" refused 125 'Minimum memory limit allowed is 6MB' run --rm -m 4m busybox true
  check "--cpus with --cpu-quota refused"  refused 125 'Conflicting options: Nano CPUs and CPU Quota cannot both be set' run --rm --cpus 1 --cpu-quota 50000 busybox true
  check "--cpus above the host's CPUs refused" refused 125 "Range of CPUs is from 0.01 to $(nproc).00, as there are only $(nproc) CPUs available" run --rm --cpus 999 busybox true
  check "--memory-swap below --memory refused" refused 125 'Minimum memoryswap limit should be larger than memory limit' run --rm -m 20m --memory-swap 10m busybox true
  check "OOM kill: exit 137, OOMKilled, oom event before die"               t_res_oom
  check "a ulimit above the daemon's own hard limit is refused"             t_res_ulimit_above_daemon
  check "--pids-limit refuses forks beyond it"                              t_res_pids_limit
}
# === end of issue 6: resources ===================================================================

# === issue 6, item 4: daemon access (TCP with TLS is tests/conformance/daemon-access.sh) ===========
t_da_socket_mode() {
  local group=berth
  getent group berth >/dev/null || group=root
  [[ $(stat -c '%U:%G %a %F' "$BERTH_SOCK") == "root:$group 660 socket" ]]
}

daemon_access_checks() {
  check "the API socket is root:berth 0660 (docker's root:docker)" t_da_socket_mode
}
# === end of issue 6, item 4 ======================================================================

main "$@"
