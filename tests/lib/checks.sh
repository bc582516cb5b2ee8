#!/usr/bin/env bash
# The check runner the conformance scripts share. Source it, then: check NAME CMD...
# CMD runs in the calling shell (it may set variables later checks use); PASSED and FAILED count the
# results. A failure shows the last call's exit code, stdout and stderr, from RC, OUT and ERR, which
# each script's call wrapper (dk, run...) sets.
PASSED=${PASSED:-0} FAILED=${FAILED:-0}

check() {
  local name=$1; shift
  if "$@"; then
    PASSED=$((PASSED + 1)); echo "ok   $name"
  else
    FAILED=$((FAILED + 1)); echo "FAIL $name"
    printf '     last call: exit %s\n     stdout: %s\n     stderr: %s\n' "${RC:-}" "${OUT:0:600}" "${ERR:0:400}"
  fi
}
