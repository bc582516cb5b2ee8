#!/usr/bin/env bash
# Trains the CLI's AOT cache (Java 25, JEP 483/515): one run of berth.cli.AotTraining, which drives the
# common verbs against a canned daemon, with -XX:AOTCacheOutput. The cache holds the classes that run
# loaded and linked, and their profiles, so each `berth` start skips that work. A failure only costs
# speed: the launcher is then made without the cache.
# Usage: scripts/aot-train.sh JAVA "CLI OPTIONS" OUT.aot [JARS-FILE]   (from the checkout, after lib/ is filled;
# JARS-FILE names the jars of the class path, as for scripts/launcher.sh, which must be given the same)
set -euo pipefail
java=$1 opts=$2 out=$3 jars=${4:-}
root=$PWD
cp=$( (if [[ -n $jars ]]; then cat "$jars"; else cd lib && ls *.jar; fi) | LC_ALL=C sort | sed "s|^|$root/lib/|" | paste -sd: -)
rm -f "$out" "$out.config"
# shellcheck disable=SC2086 # the options are words
if "$java" $opts -XX:AOTCacheOutput="$out" -cp "$cp" berth.cli.AotTraining >/dev/null 2>"$out.log" && [[ -s $out ]]; then
  rm -f "$out.log" "$out.config"
else
  echo "build: no AOT cache for the CLI (see $out.log); berth starts slower" >&2
  rm -f "$out"
fi
