#!/usr/bin/env bash
# Conformance: who may talk to berthd (issue 6, item 4). The socket's owner, group and mode; berthd's
# refusals (plain TCP, a socket group that does not exist); a TCP listener with TLS and client
# certificates, driven by the real docker CLI, berth's CLI, curl and openssl. Certificates are made
# here with openssl (tests/lib/certs.sh); every daemon is private (tests/lib/daemon.sh) and on loopback.
# Prints `ok`/`FAIL` per check, then `N passed, N failed`; exits 1 if any failed.
set -euo pipefail

cd "$(dirname "$0")/../.."
source tests/lib/daemon.sh
# shellcheck source=../lib/checks.sh
source tests/lib/checks.sh
source tests/lib/certs.sh

BERTH=$PWD/bin/berth
BERTHD=$PWD/bin/berthd
PASSED=0 FAILED=0
OUT="" ERR="" RC=0
WORK=$(mktemp -d)
C=$WORK/certs
PORT=""

cleanup() {
  berth_daemon_cleanup || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# run CMD...: leaves stdout, stderr, exit code in OUT ERR RC.
run() {
  RC=0
  timeout 60 "$@" >"$WORK/out" 2>"$WORK/err" </dev/null || RC=$?
  OUT=$(<"$WORK/out") ERR=$(<"$WORK/err")
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# A private client config and no inherited TLS or host settings.
unset DOCKER_HOST DOCKER_TLS_VERIFY DOCKER_CERT_PATH DOCKER_CONTEXT BERTH_HOST
export DOCKER_CONFIG=$WORK/docker-config
mkdir -p "$DOCKER_CONFIG"

dk_tls() { run docker --tlsverify --tlscacert "$C/ca.pem" --tlscert "$C/cert.pem" --tlskey "$C/key.pem" -H "tcp://127.0.0.1:$PORT" "$@"; }

# --- refusals: berthd exits at once, before it touches anything -----------------------------------

# berthd_refuses REGEX FLAGS...: exits 1 saying REGEX, and makes no data root.
berthd_refuses() {
  local re=$1; shift
  run "$BERTHD" --data-root "$WORK/refused/data" --exec-root "$WORK/refused/exec" "$@"
  [[ $RC == 1 ]] && grep -qE "$re" <<<"$ERR" && [[ ! -e $WORK/refused/data ]]
}

t_plain_tcp_refused() {
  berthd_refuses 'refusing to listen on tcp://127.0.0.1:[0-9]+ without TLS.*--tlsverify' \
    -H "unix://$WORK/refused.sock" -H "tcp://127.0.0.1:$(free_port)"
}

t_missing_group_refused() { berthd_refuses 'group no-such-group-berth not found' -G no-such-group-berth; }

t_tls_files_checked() {
  berthd_refuses 'cannot read --tlskey /nonexistent/key.pem' -H "tcp://127.0.0.1:$(free_port)" --tlsverify \
    --tlscacert "$C/ca.pem" --tlscert "$C/server-cert.pem" --tlskey /nonexistent/key.pem
}

# --- the TLS daemon ---------------------------------------------------------------------------------

start_tls_daemon() {
  PORT=$(free_port)
  BERTH_DAEMON_ARGS="-H tcp://127.0.0.1:$PORT --tlsverify --tlscacert $C/ca.pem --tlscert $C/server-cert.pem --tlskey $C/server-key.pem" \
    berth_daemon_start "berth-da"
}

t_socket_owner_mode() {
  run stat -c '%U:%G %a %F' "$BERTH_SOCK"
  local group=berth
  getent group berth >/dev/null || group=root
  [[ $OUT == "root:$group 660 socket" ]]
}

t_socket_dir_clean() {
  # the socket is bound in a private directory and renamed into place: nothing of that is left
  [[ -z $(find "$(dirname "$BERTH_SOCK")" -maxdepth 1 -name '.sock-*') ]]
}

t_only_loopback() {
  # the local address column: 127.0.0.1, or its IPv4-mapped form on a dual-stack socket
  run ss -Hltn "sport = :$PORT"
  local addrs; addrs=$(awk '{print $4}' <<<"$OUT" | sort -u)
  [[ $addrs == "127.0.0.1:$PORT" || $addrs == "[::ffff:127.0.0.1]:$PORT" ]]
}

t_docker_version_tls() { dk_tls version --format '{{.Server.Version}}'; [[ $RC == 0 && -n $OUT ]]; }

t_docker_without_client_cert() {
  run env DOCKER_CERT_PATH="$WORK/nowhere" docker --tlsverify --tlscacert "$C/ca.pem" -H "tcp://127.0.0.1:$PORT" version
  [[ $RC != 0 ]] && grep -q 'certificate required' <<<"$ERR"
}

t_docker_foreign_client_cert() {
  run docker --tlsverify --tlscacert "$C/ca.pem" --tlscert "$C/other/cert.pem" --tlskey "$C/other/key.pem" \
    -H "tcp://127.0.0.1:$PORT" version
  [[ $RC != 0 ]] && grep -qiE 'tls|certificate' <<<"$ERR"
}

t_docker_wrong_ca() {
  run docker --tlsverify --tlscacert "$C/other/ca.pem" --tlscert "$C/cert.pem" --tlskey "$C/key.pem" \
    -H "tcp://127.0.0.1:$PORT" version
  [[ $RC != 0 ]] && grep -q 'certificate signed by unknown authority' <<<"$ERR"
}

t_docker_plain_http() { run docker -H "tcp://127.0.0.1:$PORT" version; [[ $RC != 0 ]]; }

t_docker_env_and_run_stdin() {
  local tar=$WORK/busybox.tar
  scripts/busybox-image.sh "$tar" >/dev/null 2>&1 || return 1
  dk_tls import -c 'CMD ["sh"]' "$tar" busybox:latest || return 1
  # stdin through a hijacked TLS connection, then its half-close: cat ends and the code comes back
  RC=0
  OUT=$(printf 'through tls\n' | DOCKER_HOST="tcp://127.0.0.1:$PORT" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$C" \
        timeout 60 docker run --rm -i --network none busybox sh -c 'cat; exit 7' 2>"$WORK/err") || RC=$?
  ERR=$(<"$WORK/err")
  [[ $RC == 7 && $OUT == "through tls" ]]
}

t_berth_flags() {
  run "$BERTH" --tlsverify --tlscacert "$C/ca.pem" --tlscert "$C/cert.pem" --tlskey "$C/key.pem" \
    -H "tcp://127.0.0.1:$PORT" images --format '{{.Repository}}:{{.Tag}}'
  [[ $RC == 0 && $OUT == "busybox:latest" ]]
}

t_berth_env_and_run_stdin() {
  RC=0
  OUT=$(printf 'berth over tls\n' | DOCKER_HOST="tcp://localhost:$PORT" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$C" \
        timeout 60 "$BERTH" run --rm -i --network none busybox sh -c 'cat; exit 5' 2>"$WORK/err") || RC=$?
  ERR=$(<"$WORK/err")
  [[ $RC == 5 && $OUT == "berth over tls" ]]
}

t_berth_pkcs1_key() {
  run "$BERTH" --tlsverify --tlscacert "$C/ca.pem" --tlscert "$C/cert.pem" --tlskey "$C/key-rsa.pem" \
    -H "tcp://127.0.0.1:$PORT" version --format '{{.Server.Version}}'
  [[ $RC == 0 && -n $OUT ]]
}

t_berth_without_client_cert() {
  run env DOCKER_CERT_PATH="$WORK/nowhere" "$BERTH" --tlsverify --tlscacert "$C/ca.pem" -H "tcp://127.0.0.1:$PORT" ps
  [[ $RC == 1 && $ERR == *"certificate_required"* ]]
}

t_berth_wrong_ca() {
  run "$BERTH" --tlsverify --tlscacert "$C/other/ca.pem" --tlscert "$C/cert.pem" --tlskey "$C/key.pem" \
    -H "tcp://127.0.0.1:$PORT" ps
  [[ $RC == 1 && $ERR == *"TLS handshake with tcp://127.0.0.1:$PORT failed"* ]]
}

t_curl_ping() {
  # curl's own CA bundle settings must not stand in for the test CA
  run env -u CURL_CA_BUNDLE curl -s --cacert "$C/ca.pem" --cert "$C/cert.pem" --key "$C/key.pem" \
    "https://127.0.0.1:$PORT/_ping"
  [[ $RC == 0 && $OUT == OK ]]
}

t_old_tls_refused() {
  run openssl s_client -connect "127.0.0.1:$PORT" -tls1_1 -cert "$C/cert.pem" -key "$C/key.pem" -CAfile "$C/ca.pem"
  [[ $RC != 0 ]] || return 1
  run openssl s_client -connect "127.0.0.1:$PORT" -tls1_2 -cert "$C/cert.pem" -key "$C/key.pem" -CAfile "$C/ca.pem"
  [[ $RC == 0 && $OUT == *"Protocol  : TLSv1.2"* && $OUT == *"Verify return code: 0 (ok)"* ]]
}

# --- --userns-remap default ---------------------------------------------------------------------------

SUB_START=""

start_userns_daemon() {
  berth_daemon_cleanup
  BERTH_DAEMON_ARGS="--userns-remap default" berth_daemon_start "berth-dau" || return 1
  export DOCKER_HOST="unix://$BERTH_SOCK"
  SUB_START=$(awk -F: '$1 == "berth-remap" { print $2; exit }' /etc/subuid)
  [[ -n $SUB_START ]] && grep -q '^berth-remap:' /etc/passwd || return 1
  scripts/busybox-image.sh "$WORK/busybox.tar" >/dev/null 2>&1 || true
  run docker import -c 'CMD ["sh"]' "$WORK/busybox.tar" busybox:latest
}

t_userns_info() { run docker info --format '{{json .SecurityOptions}}'; [[ $RC == 0 && $OUT == *'"name=userns"'* ]]; }

t_userns_root_is_subordinate() {
  run docker run -d --name ns1 -v nsvol:/data busybox sh -c 'echo hi > /data/f; mkdir /made; echo x > /made/y; sleep 300'
  [[ $RC == 0 ]] || return 1
  run docker inspect -f '{{.State.Pid}}' ns1
  local pid=$OUT
  # the container's root is the first subordinate uid and gid on the host
  [[ $(awk '/^Uid:/ {print $2}' "/proc/$pid/status") == "$SUB_START" ]] &&
    [[ $(awk '/^Gid:/ {print $2}' "/proc/$pid/status") == "$(awk -F: '$1 == "berth-remap" { print $2; exit }' /etc/subgid)" ]]
}

t_userns_uid_map_inside() {
  run docker exec ns1 cat /proc/self/uid_map
  [[ $RC == 0 && $(echo $OUT) == "0 $SUB_START 65536" ]] || return 1
  run docker exec ns1 id -u
  [[ $OUT == 0 ]]
}

t_userns_files_owned() {
  local upper vol lower
  upper=$(docker inspect -f '{{.GraphDriver.Data.UpperDir}}' ns1)
  vol=$(docker volume inspect -f '{{.Mountpoint}}' nsvol)
  lower=$(docker inspect -f '{{.GraphDriver.Data.LowerDir}}' ns1); lower=${lower%%:*}
  run stat -c '%u' "$upper" "$upper/made/y" "$vol" "$vol/f" "$lower/bin"
  # the writable layer and the volume belong to the mapped root; the shared layer is as unpacked (root)
  [[ $(echo $OUT) == "$SUB_START $SUB_START $SUB_START $SUB_START 0" ]]
}

t_userns_root_sees_its_files() {
  run docker exec ns1 sh -c 'stat -c %u / /bin/sh /made/y; touch /bin/new && echo ok'
  [[ $RC == 0 && $(echo $OUT) == "0 0 0 ok" ]]
}

t_userns_network() {
  local gw; gw=${BERTH_BIP%/*}
  run docker exec ns1 ping -c 1 -W 3 "$gw"
  [[ $RC == 0 ]] || return 1
  run docker run --rm --network none busybox cat /proc/self/uid_map
  [[ $RC == 0 && $(echo $OUT) == "0 $SUB_START 65536" ]]
}

t_userns_host_opt_out() {
  run docker run --rm --userns=host busybox cat /proc/self/uid_map
  [[ $RC == 0 && $(echo $OUT) == "0 0 4294967295" ]] || return 1
  run "$BERTH" -H "unix://$BERTH_SOCK" run --rm --userns=host busybox cat /proc/self/uid_map
  [[ $RC == 0 && $(echo $OUT) == "0 0 4294967295" ]] || return 1
  run "$BERTH" -H "unix://$BERTH_SOCK" run --rm busybox cat /proc/self/uid_map
  [[ $RC == 0 && $(echo $OUT) == "0 $SUB_START 65536" ]]
}

t_userns_cp_export_commit() {
  echo copied >"$WORK/copied"
  run docker cp "$WORK/copied" ns1:/made/copied
  [[ $RC == 0 ]] || return 1
  run docker exec ns1 stat -c %u /made/copied
  [[ $OUT == 0 ]] || return 1                                          # the container's root owns it
  [[ $(stat -c %u "$(docker inspect -f '{{.GraphDriver.Data.UpperDir}}' ns1)/made/copied") == "$SUB_START" ]] || return 1
  docker export ns1 | tar -tv --numeric-owner -f - >"$WORK/export.txt" 2>/dev/null
  grep -qE '^-\S+ 0/0 .* made/y$' "$WORK/export.txt" || { OUT=$(grep made/ "$WORK/export.txt"); return 1; }
  run docker commit ns1 ns-committed:1
  [[ $RC == 0 ]] || return 1
  # stored with the container's ids: unmapped, the committed file is root's, not uid 100000's
  run docker run --rm --userns=host ns-committed:1 stat -c %u /made/y
  [[ $RC == 0 && $OUT == 0 ]]
}

t_userns_refusals() {
  run docker run --rm --privileged busybox true
  [[ $RC == 125 && $ERR == *"privileged mode is incompatible with user namespaces.  You must run the container in the host namespace when running privileged mode"* ]] || return 1
  run docker run --rm --network host busybox true
  [[ $RC == 125 && $ERR == *"cannot share the host's network namespace when user namespaces are enabled"* ]] || return 1
  # (--privileged itself is not run here: this machine's root lacks CAP_SYS_RESOURCE, ENGINEERING.md §4)
  run docker run --rm --network host --userns=host busybox cat /proc/self/uid_map
  [[ $RC == 0 && $(echo $OUT) == "0 0 4294967295" ]] || return 1
  run docker create --privileged --userns=host busybox true
  [[ $RC == 0 ]] && docker rm "$OUT" >/dev/null
}

t_userns_stop_and_remove() {
  run docker rm -f ns1
  [[ $RC == 0 ]] && [[ -z $(findmnt -rn -o TARGET | grep "$BERTH_TMP/data/overlay" || true) ]]
}

main() {
  berth_make_certs "$C"
  [[ -f $C/other/key.pem ]] || { echo "daemon-access.sh: openssl could not make the test certificates" >&2; exit 1; }
  check "berthd refuses a plain TCP listener"                 t_plain_tcp_refused
  check "berthd refuses a socket group that does not exist"   t_missing_group_refused
  check "berthd names a TLS file it cannot read"              t_tls_files_checked
  start_tls_daemon
  check "socket is root:berth 0660"                           t_socket_owner_mode
  check "no staging directory left beside the socket"         t_socket_dir_clean
  check "TCP listener only on the loopback address asked"     t_only_loopback
  check "docker --tlsverify ... version"                      t_docker_version_tls
  check "docker without a client certificate is refused"      t_docker_without_client_cert
  check "docker with another CA's client certificate refused" t_docker_foreign_client_cert
  check "docker refuses a daemon its CA did not sign"         t_docker_wrong_ca
  check "docker over plain HTTP gets nothing"                 t_docker_plain_http
  check "docker run -i over TLS (DOCKER_* env): stdin, EOF, exit code" t_docker_env_and_run_stdin
  check "berth --tlsverify ... images"                        t_berth_flags
  check "berth run -i over TLS (DOCKER_* env, localhost)"     t_berth_env_and_run_stdin
  check "berth reads a PKCS#1 (RSA PRIVATE KEY) key"          t_berth_pkcs1_key
  check "berth without a client certificate is refused"      t_berth_without_client_cert
  check "berth refuses a daemon its CA did not sign"          t_berth_wrong_ca
  check "curl with the client certificate: _ping"             t_curl_ping
  check "TLS 1.1 refused, TLS 1.2 accepted"                   t_old_tls_refused
  if start_userns_daemon; then
    check "userns: docker info lists name=userns"               t_userns_info
    check "userns: root in the container is berth-remap's first subuid/subgid" t_userns_root_is_subordinate
    check "userns: uid_map inside (docker exec)"                t_userns_uid_map_inside
    check "userns: writable layer and volume owned by the mapped root, layers unshifted" t_userns_files_owned
    check "userns: the container's root owns its files, writes /bin" t_userns_root_sees_its_files
    check "userns: bridge and none networks"                    t_userns_network
    check "userns: --userns=host opts out (docker and berth)"   t_userns_host_opt_out
    check "userns: cp in, export and commit carry the container's ids" t_userns_cp_export_commit
    check "userns: --privileged and --network host refused as dockerd, allowed with --userns=host" t_userns_refusals
    check "userns: rm -f leaves no overlay or id-mapped mount"  t_userns_stop_and_remove
  else
    FAILED=$((FAILED + 1)); echo "FAIL userns: a --userns-remap daemon did not start"; tail -n 20 "$BERTH_LOG" 2>/dev/null
  fi
  echo "$PASSED passed, $FAILED failed"
  (( FAILED == 0 ))
}

main "$@"
