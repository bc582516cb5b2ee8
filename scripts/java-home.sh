#!/usr/bin/env bash
# Prints the home of a JDK >= 25. Plain `java` on many machines (and on ours) is older,
# so the build must find 25 itself: $JAVA_HOME, then /usr/lib/jvm, then apt.
set -euo pipefail

readonly MIN=25

# Major version of a JDK home from its `release` file (JAVA_VERSION="25.0.3" -> 25), 0 if unknown.
major_of() {
  local release="$1/release" v
  [[ -f $release && -x $1/bin/java && -x $1/bin/javac ]] || { echo 0; return; }
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  echo "${v:-0}"
}

# The newest JDK >= MIN under /usr/lib/jvm (symlinks skipped to avoid duplicates).
newest_installed() {
  local best="" best_v=0 dir v
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    [[ -L $dir ]] && continue
    v=$(major_of "$dir")
    if (( v >= MIN && v > best_v )); then best=$dir; best_v=$v; fi
  done
  [[ -n $best ]] && echo "$best"
}

install_from_apt() {
  command -v apt-get >/dev/null || return 1
  [[ $(id -u) == 0 ]] || return 1
  echo "java-home: no JDK >= $MIN found, trying apt-get install openjdk-$MIN-jdk-headless" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "openjdk-$MIN-jdk-headless"; } >&2 || return 1
}

main() {
  if [[ -n ${JAVA_HOME:-} ]] && (( $(major_of "$JAVA_HOME") >= MIN )); then
    echo "$JAVA_HOME"; return
  fi
  newest_installed && return
  if install_from_apt && newest_installed; then return; fi
  cat >&2 <<MSG
java-home: berth needs a JDK $MIN or newer and none was found.
  Set JAVA_HOME to one, or install one under /usr/lib/jvm
  (e.g. apt-get install openjdk-$MIN-jdk-headless, or a Temurin $MIN package from adoptium.net).
MSG
  return 1
}

main "$@"
