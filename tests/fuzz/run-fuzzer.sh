#!/bin/sh
# Runs one libFuzzer harness for a while over its seed corpus, in a corpus folder of its own
# (libFuzzer adds what it finds to the first folder: not the repository's seeds). A crashing
# input is kept as fuzz-artifacts/NAME-crash-… in the folder the test runs in.
#   run-fuzzer.sh HARNESS SEEDS SECONDS
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p fuzz-artifacts
"$1" -max_total_time="$3" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="fuzz-artifacts/$(basename "$1")-" "$work" "$2"
