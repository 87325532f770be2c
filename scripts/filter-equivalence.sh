#!/usr/bin/env bash
# Checks that the pre-parse filter changes no record: every page of the
# development sets (the 181 benchmark pages, Samples/, WCXB and Fundus beside
# the checkout in ../shared/bench) extracted with and without it
# (`winnow extract --no-pre-parse-filter`) must give the same record or reject.
# The unit test PreParseFilterEquivalenceTests checks a sample in a debug build;
# this checks them all with a release binary in about three minutes on 2 cores.
# Usage: scripts/filter-equivalence.sh [BIN] (default .build/release/winnow);
# prints the pages that differ, exits 1 if any.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "${1:-.build/release/winnow}")
pipeline=$(realpath Pipelines/extract-only.yml)
bench=../shared/bench
folders=(Samples)
for set in article-extraction wcxb fundus; do [ -d "$bench/$set/html" ] && folders+=("$bench/$set/html"); done
pages=$(find "${folders[@]}" -type f \( -name '*.html' -o -name '*.html.gz' \) | sort)
# The page's name goes to sh as an argument, never into the script text (a quote or `$` in a name).
# Rejects compare by their message too (stderr), so a reject reason that differs is a difference.
differing=$(printf '%s\n' "$pages" | tr '\n' '\0' | xargs -0 -P "$(nproc)" -n 1 sh -c '
  a=$("$0" extract --pipeline "$1" "$2" 2>&1 || true)
  b=$("$0" extract --pipeline "$1" --no-pre-parse-filter "$2" 2>&1 || true)
  [ "$a" = "$b" ] || echo "$2"' "$bin" "$pipeline")
echo "$(printf '%s\n' "$pages" | wc -l) pages checked"
if [ -n "$differing" ]; then
  echo "records differ with and without the pre-parse filter:"
  echo "$differing"
  exit 1
fi
echo "identical with and without the pre-parse filter"
