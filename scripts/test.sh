#!/usr/bin/env bash
# What `make test` (and .ci/run) runs: install what tests need, build, run every module's unit
# and integration tests (Maven), then the conformance suites, each against its own private
# berthd (tests/lib/daemon.sh). Ends with `N passed, N failed` over the conformance checks
# and exits non-zero if anything failed anywhere.
set -euo pipefail

cd "$(dirname "$0")/.."

PASSED=0 FAILED=0 MAVEN=ok
LOGS=$(mktemp -d)
trap 'rm -rf "$LOGS"' EXIT

section() { printf '\n==== %s\n' "$*"; }

# The interpreter that has docker-py and pytest (pyenv's python3, or Debian's python3-docker).
python_with_docker() {
  local py
  for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null && "$py" -c 'import docker, pytest' 2>/dev/null; then
      echo "$py"; return
    fi
  done
  echo "test.sh: no python3 with docker-py and pytest (scripts/setup.sh installs python3-docker)" >&2
  return 1
}

# count_from LOG: adds a suite's counts from its last summary line ("41 passed, 4 failed",
# pytest's "2 failed, 9 passed, 1 error in 3.1s"); a suite that died before printing one
# counts as one failure.
count_from() {
  local summary n word
  summary=$(grep -E '[0-9]+ (passed|failed|errors?)' "$1" | tail -n1 || true)
  if [[ -z $summary ]]; then
    FAILED=$((FAILED + 1)); return
  fi
  while read -r n word; do
    case $word in
      passed) PASSED=$((PASSED + n)) ;;
      failed|error|errors) FAILED=$((FAILED + n)) ;;
    esac
  done < <(grep -oE '[0-9]+ (passed|failed|errors?)' <<<"$summary")
}

# count_maven LOG: adds Surefire's per-module totals ("Tests run: 26, Failures: 0, Errors: 0,
# Skipped: 0" without a class name) to the counts.
count_maven() {
  local run fail err skip
  while read -r run fail err skip; do
    PASSED=$((PASSED + run - fail - err - skip)); FAILED=$((FAILED + fail + err))
  done < <(sed -nE 's/^\[(INFO|WARNING|ERROR)\] Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+), Skipped: ([0-9]+)$/\2 \3 \4 \5/p' "$1")
}

# run_suite NAME CMD...: runs a conformance suite, shows and keeps its output, counts it.
run_suite() {
  local name=$1 log="$LOGS/$1.log" rc=0; shift
  section "$name"
  ( unset BERTH_SOCK; "$@" ) 2>&1 | tee "$log" || rc=$?
  count_from "$log"
  # a suite that exits non-zero without reporting a failure still failed
  if (( rc != 0 )) && ! grep -qE '[1-9][0-9]* (failed|errors?)' "$log"; then FAILED=$((FAILED + 1)); fi
}

main() {
  section "setup"
  scripts/setup.sh
  section "build"
  make --no-print-directory build
  JAVA_HOME=$(scripts/java-home.sh); export JAVA_HOME

  section "maven: unit and integration tests (./mvnw -B test)"
  ./mvnw -B -Dstyle.color=never -fae test 2>&1 | tee "$LOGS/maven.log" || MAVEN=failed
  count_maven "$LOGS/maven.log"

  local py
  py=$(python_with_docker)
  run_suite docker-cli tests/conformance/docker-cli.sh
  run_suite terminal tests/conformance/terminal.sh
  run_suite registry tests/conformance/registry.sh
  run_suite daemon-access tests/conformance/daemon-access.sh
  run_suite docker-py "$py" -m pytest -q -p no:cacheprovider tests/conformance/test_docker_py.py

  section "summary"
  echo "maven: $MAVEN"
  echo "all suites (maven modules, docker CLI, terminals, registries, daemon access, docker-py):"
  echo "$PASSED passed, $FAILED failed"
  [[ $MAVEN == ok ]] && (( FAILED == 0 ))
}

main "$@"
