#!/usr/bin/env bash
# Checks that two winnow binaries give byte-identical records and rejects on
# the development sets: the 181 benchmark pages, Samples/, 10,000 generated
# pages, WCXB and Fundus (../shared/bench). Used for refactors that must not
# change output (issue 14): scripts/records-identical.sh OLD_BIN NEW_BIN
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1 new=$2
work=${WORK:-$(mktemp -d)}
bench=../shared/bench
[ -d "$work/generated" ] || python3 scripts/gen-archive.py 10000 "$work/generated" --malformed 20 >/dev/null
sets=(
  "bench:$bench/article-extraction/html"
  "samples:Samples"
  "generated:$work/generated"
  "wcxb:$bench/wcxb/html"
  "fundus:$bench/fundus/html"
)
status=0
for entry in "${sets[@]}"; do
  name=${entry%%:*} input=${entry#*:}
  for which in old new; do
    bin=${!which}
    rm -rf "$work/$name-$which"
    "$bin" run --input "$input" --output "$work/$name-$which" --quiet --workers 2
  done
  # Rejects are compared without their stage name: issue 14 moved checks between stages.
  for which in old new; do
    sed -E 's/"stage":"[a-z_]+",//' "$work/$name-$which/shard-00000-of-00001.rejects.jsonl" > "$work/$name-$which/rejects-nostage.jsonl"
  done
  if ! cmp -s "$work/$name-old/rejects-nostage.jsonl" "$work/$name-new/rejects-nostage.jsonl"; then
    echo "DIFFERENT: $name rejects" >&2
    status=1
  fi
  if ! cmp -s "$work/$name-old/shard-00000-of-00001.jsonl" "$work/$name-new/shard-00000-of-00001.jsonl"; then
    echo "DIFFERENT: $name jsonl" >&2
    status=1
  fi
  # Signatures on the fields both binaries write (run-directory format 2 added modified, canonical flag, key).
  if ! python3 scripts/signatures-same.py "$work/$name-old/shard-00000-of-00001.signatures.bin" \
      "$work/$name-new/shard-00000-of-00001.signatures.bin"; then
    echo "DIFFERENT: $name signatures.bin" >&2
    status=1
  fi
  echo "$name: $(wc -l < "$work/$name-new/shard-00000-of-00001.jsonl") records, $(wc -l < "$work/$name-new/shard-00000-of-00001.rejects.jsonl") rejects: $([ $status -eq 0 ] && echo identical || echo CHECK)"
done
exit $status
