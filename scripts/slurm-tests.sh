#!/usr/bin/env bash
# Tests against a real Slurm (run by `make test`, after the Swift and interop
# tests): brings up the two-node Slurm of scripts/slurm-local.sh (MaxArraySize
# 10) once, submits backfills with `winnow slurm`, and brings it down again.
#   1. 8 shards over a generated 5,000-page archive: tasks ran on both nodes;
#      one task's winnow is SIGKILLed, one task is cancelled with
#      `scancel --signal=KILL`, both are requeued by hand, one gets
#      `scancel --signal=TERM --full` (checkpoints and requeues itself); the
#      records, dedup files and export equal a local 8-shard run byte for byte,
#      and a one-process run's records and dedup files.
#   2. `winnow dedup --part K/4` on four concurrent "hosts" then `--merge`
#      equals the one-process dedup.
#   3. 25 shards with MaxArraySize 10 (three arrays) completes.
#   4. A bad pipeline file fails the array, the dependent jobs never run, and
#      `winnow status` names the shard and the reason.
#   5. --fetch: two "hosts" (http.server on 10.231.0.1 and .4, reachable from
#      n2's namespace over the veth pair) fetched by a 2-task fetch array
#      (each host's URLs in one shard's log only; together the one-shard
#      fetch's log), listed by one job, run and exported: the records' URLs
#      and texts equal a local fetch + run of the same URLs.
# Needs root and Debian's slurm-wlm and munge; says so and skips without them.
# WINNOW: the binary to test (default .build/debug/winnow, built by swift test).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
WINNOW=${WINNOW:-$repo/.build/debug/winnow}
started=$(date +%s)

say() { echo "slurm-tests: $*" >&2; }
if [ "$(id -u)" -ne 0 ] || ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  say "SKIPPED: needs root and slurm-wlm + munge (scripts/install-deps.sh slurm)"
  exit 0
fi
[ -x "$WINNOW" ] || { say "no winnow binary at $WINNOW (swift build first)"; exit 1; }

# The same directory, netns and addresses as `make slurm-up`: a cluster left up is restarted with MaxArraySize 10.
scripts/slurm-local.sh down >/dev/null 2>&1 || true
export MAX_ARRAY_SIZE=10
work=$(mktemp -d "${TMPDIR:-/tmp}/winnow-slurm-tests.XXXXXX")
failures=0
finished=0
cleanup() {
  scripts/slurm-local.sh down >/dev/null 2>&1 || true
  if [ $failures -eq 0 ] && [ $finished -eq 1 ]; then rm -rf "$work"; else say "kept $work for inspection"; fi
}
trap cleanup EXIT
eval "$(scripts/slurm-local.sh up)"
# From here on a failing step is a failed check, not the end of the suite.
set +e

check() {  # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then say "ok: $what"; else say "FAILED: $what"; failures=$((failures + 1)); fi
}

# wait_gone JOBID SECONDS: until Slurm no longer lists the job (or any of its tasks).
wait_gone() {
  local deadline=$(( $(date +%s) + $2 ))
  while squeue -h -j "$1" 2>/dev/null | grep -q .; do
    [ "$(date +%s)" -lt $deadline ] || { say "job $1 still queued after $2 s"; squeue; return 1; }
    sleep 0.5
  done
}

# wait_running TASK SECONDS: until the array task runs and its log has a start line.
wait_running() {
  local deadline=$(( $(date +%s) + $2 ))
  until squeue -h -t R -o %i 2>/dev/null | grep -qx "$1"; do
    [ "$(date +%s)" -lt $deadline ] || { say "task $1 did not start in $2 s"; return 1; }
    sleep 0.2
  done
}

jobs_field() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$1/slurm/jobs.json" "$2"; }

same() { cmp -s "$1" "$2" || { say "differ: $1 $2"; return 1; }; }

dedup_files="decisions.jsonl pairs.jsonl boilerplate.jsonl summary.json"

# --- references: a one-process run and a local 8-shard run ----------------------
python3 scripts/gen-archive.py 5000 "$work/in" >/dev/null
"$WINNOW" run --input "$work/in" --output "$work/one" --workers 2 --quiet >/dev/null
"$WINNOW" dedup "$work/one" >/dev/null 2>&1
"$WINNOW" export "$work/one" --to "$work/one/export.jsonl" --quiet
for k in $(seq 0 7); do
  "$WINNOW" run --input "$work/in" --output "$work/local8" --shard "$k/8" --workers 2 --quiet >/dev/null
done
"$WINNOW" dedup "$work/local8" >/dev/null 2>&1
"$WINNOW" export "$work/local8" --to "$work/local8/export.jsonl" --quiet
say "references done in $(( $(date +%s) - started )) s"

# --- 2. dedup parts on four concurrent "hosts", then merge ---------------------
mkdir -p "$work/parts"
cp "$work/one"/*.json "$work/one"/*.jsonl "$work/one"/*.bin "$work/parts/"
pids=()
for k in 0 1 2 3; do "$WINNOW" dedup "$work/parts" --part "$k/4" >/dev/null 2>&1 & pids+=($!); done
for p in "${pids[@]}"; do wait "$p"; done
"$WINNOW" dedup "$work/parts" --merge >/dev/null 2>&1
for f in $dedup_files; do check "dedup --part K/4 + --merge: $f equals one-process dedup" same "$work/one/dedup/$f" "$work/parts/dedup/$f"; done

# --- 1. 8 shards on Slurm with a SIGKILL, a cancel and a SIGTERM ---------------
t1=$(date +%s)
run=$work/slurm8
"$WINNOW" slurm --input "$work/in" --output "$run" --shards 8 --workers 1 --dedup-parts 4 >"$work/submit8.txt"
cat "$work/submit8.txt" >&2
check "winnow slurm prints the status command" grep -q "winnow status $run" "$work/submit8.txt"
check "winnow slurm listed the inputs once before submitting" bash -c "grep -q 'listed 5000 inputs for 8 shards' '$work/submit8.txt' && test -s '$run/listing/listing.json'"
array=$(jobs_field "$run" "j['run_arrays'][0]['job_id']")
dedup=$(jobs_field "$run" "j['dedup_job_id']")
merge=$(jobs_field "$run" "j['merge_job_id']")

# Each interruption comes about a second after its task started (tasks take a few seconds), watched in parallel.
# Shard 1: its winnow process SIGKILLed (as a node's OOM killer or a crash would).
( wait_running "${array}_1" 120 && sleep 1
  pid=$(pgrep -f -- "--output $run --shard 1/8" | head -1)
  [ -n "$pid" ] && kill -KILL "$pid" ) &
# Shard 2: scancel --signal=KILL (Slurm cancels the task).
( wait_running "${array}_2" 120 && sleep 1 && scancel --signal=KILL "${array}_2" ) &
# Shard 3: SIGTERM to the task (what a time limit or preemption sends): checkpoint, exit 75, requeue itself.
( wait_running "${array}_3" 120 && sleep 1 && scancel --signal=TERM --full "${array}_3" ) &
wait
# The killed and the cancelled task are requeued by hand, and the dedup job's dependency re-armed.
for task in 1 2; do
  deadline=$(( $(date +%s) + 60 ))
  while squeue -h -t R,CG -o %i | grep -qx "${array}_$task" && [ "$(date +%s)" -lt $deadline ]; do sleep 0.3; done
done
sleep 1
scontrol requeue "${array}_1,${array}_2"
scontrol update JobId="$dedup" Dependency="afterok:$(for k in $(seq 0 7); do printf '%s_%s:' "$array" "$k"; done | sed 's/:$//')"
wait_gone "$merge" 240 || true
say "slurm 8-shard run done in $(( $(date +%s) - t1 )) s"

check "the 8-shard Slurm run is complete" "$WINNOW" status "$run" >/dev/null
check "shard 1's winnow was SIGKILLed (exit 137 in its log)" grep -q "shard 1/8 exit 137" "$run/logs/run-${array}_1.log"
check "shard 2 was cancelled mid-run and not requeued by itself" grep -q "shard 2/8 exit 75" "$run/logs/run-${array}_2.log"
check "shard 3 checkpointed on SIGTERM and requeued itself" grep -q "shard 3/8 checkpointed; requeued to resume" "$run/logs/run-${array}_3.log"
for task in 1 2 3; do
  check "shard $task ran again (restart 1)" grep -q "task ${array}_$task on .* restart 1" "$run/logs/run-${array}_$task.log"
done
hosts=$(grep -h "winnow-slurm: shard .* task " "$run"/logs/run-*.log | awk '{for (i = 1; i < NF; i++) if ($i == "on") print $(i + 1)}' | sort -u | tr '\n' ' ')
check "tasks of one array ran on both nodes ($hosts)" bash -c "echo '$hosts' | grep -qw n2 && echo '$hosts' | grep -qw $(hostname -s)"
dhosts=$(grep -h "winnow-slurm: dedup part" "$run"/logs/dedup-*.log | awk '{for (i = 1; i < NF; i++) if ($i == "on") print $(i + 1)}' | sort -u | tr '\n' ' ')
say "dedup parts ran on: $dhosts"
for k in $(seq 0 7); do
  f=$(printf 'shard-%05d-of-00008.jsonl' "$k")
  check "records $f equal the local 8-shard run's" same "$work/local8/$f" "$run/$f"
done
for f in $dedup_files; do
  check "dedup $f equals the local and the one-process run's" bash -c "cmp -s '$work/local8/dedup/$f' '$run/dedup/$f' && cmp -s '$work/one/dedup/$f' '$run/dedup/$f'"
done
check "export equals the local 8-shard run's" same "$work/local8/export.jsonl" "$run/export.jsonl"
check "records equal the one-process run's (as sets of lines)" bash -c "diff -q <(sort '$work/one/shard-00000-of-00001.jsonl') <(cat '$run'/shard-*-of-00008.jsonl | sort) >/dev/null"
check "export equals the one-process export (as sets of lines)" bash -c "diff -q <(sort '$work/one/export.jsonl') <(sort '$run/export.jsonl') >/dev/null"

# --- 3. 25 shards, MaxArraySize 10 --------------------------------------------
t3=$(date +%s)
python3 scripts/gen-archive.py 400 "$work/in400" >/dev/null
run=$work/slurm25
"$WINNOW" slurm --input "$work/in400" --output "$run" --shards 25 --workers 1 --dedup-parts 2 --max-parallel 4 >/dev/null
check "25 shards with MaxArraySize 10 are three arrays" test "$(jobs_field "$run" "len(j['run_arrays'])")" = 3
wait_gone "$(jobs_field "$run" "j['merge_job_id']")" 180 || true
check "the 25-shard run completes" "$WINNOW" status "$run" >/dev/null
check "the 25-shard export has every page" test "$(wc -l < "$run/export.jsonl")" = 400
say "25-shard run done in $(( $(date +%s) - t3 )) s"

# --- 4. a bad pipeline file ----------------------------------------------------
run=$work/slurmbad
printf 'name: broken\nstages:\n  - no-such-stage\n' >"$work/bad.yml"
"$WINNOW" slurm "$work/bad.yml" --input "$work/in400" --output "$run" --shards 3 --workers 1 >/dev/null
array=$(jobs_field "$run" "j['run_arrays'][0]['job_id']")
dedup=$(jobs_field "$run" "j['dedup_job_id']")
merge=$(jobs_field "$run" "j['merge_job_id']")
wait_gone "$array" 60 || true
sleep 3
check "the dedup job never runs (DependencyNeverSatisfied)" bash -c "squeue -h -j '$dedup' -o '%r' | grep -q DependencyNeverSatisfied"
check "the merge job never ran" test ! -e "$run/logs/merge-$merge.log"
"$WINNOW" status "$run" >"$work/status-bad.txt" 2>&1 || true
cat "$work/status-bad.txt" >&2
check "winnow status names the failed shard and why" grep -q "shard 0/3 (task ${array}_0) failed with exit 64 on .*no-such-stage" "$work/status-bad.txt"
scancel "$dedup" "$merge" 2>/dev/null || true

# --- 5. FETCH: a fetch array (hosts sharded), then the run reads its archive ---
t5=$(date +%s)
host_if=$(ip -o -4 addr show | awk '$4 ~ /^10\.231\.0\.1\// {print $2; exit}')
ip addr add 10.231.0.4/24 dev "$host_if" 2>/dev/null || true
mkdir -p "$work/site"
cp -r "$work/in400/site-00" "$work/site/"
port=18431
servers=()
for a in 10.231.0.1 10.231.0.4; do
  python3 -m http.server --bind "$a" --directory "$work/site" "$port" >"$work/http-$a.log" 2>&1 & servers+=($!)
done
# Different pages on the two hosts: one fetch writes a page the same as one it already holds as a revisit record.
( cd "$work/site" && find site-00 -name '*.html' | sort | head -60 ) >"$work/pages.txt"
{ head -30 "$work/pages.txt" | sed "s|^|http://10.231.0.1:$port/|"; tail -30 "$work/pages.txt" | sed "s|^|http://10.231.0.4:$port/|"; } >"$work/urls.txt"
for _ in $(seq 50); do curl -s -o /dev/null "http://10.231.0.4:$port/" && break; sleep 0.1; done
"$WINNOW" fetch "urls:$work/urls.txt" --output "$work/fetch-one" --allow-private-addresses --delay 0.02 --quiet 2>/dev/null
"$WINNOW" run --input "$work/fetch-one" --output "$work/fetch-one-run" --quiet >/dev/null
"$WINNOW" export "$work/fetch-one-run" --to "$work/fetch-one-run/export.jsonl" --quiet
run=$work/slurmfetch
"$WINNOW" slurm --fetch "urls:$work/urls.txt" --fetch-shards 2 --fetch-argument=--allow-private-addresses \
  --fetch-argument=--delay=0.02 --output "$run" --shards 3 --workers 1 --dedup-parts 2 >"$work/submitfetch.txt"
cat "$work/submitfetch.txt" >&2
wait_gone "$(jobs_field "$run" "j['merge_job_id']")" 240 || true
check "the FETCH run completes" "$WINNOW" status "$run" >/dev/null
check "each host's URLs are in one fetch shard's log only" python3 - "$run" <<'PY'
import json, sys, pathlib
hosts = {}
for log in sorted(pathlib.Path(sys.argv[1], "archive").glob("fetch-*/fetch-log.jsonl")):
    for line in log.read_text().splitlines():
        hosts.setdefault(json.loads(line)["url"].split("/")[2].split(":")[0], set()).add(log.parent.name)
assert hosts == {"10.231.0.1": {"fetch-00000-of-00002"}, "10.231.0.4": {"fetch-00001-of-00002"}}, hosts
PY
check "the fetch shards' logs together are the one-shard fetch's log" python3 - "$run" "$work/fetch-one" <<'PY'
import json, sys, pathlib
from collections import Counter
def lines(paths):
    return Counter((e["kind"], e["url"], e["outcome"], e.get("status")) for p in paths
                   for e in map(json.loads, p.read_text().splitlines()))
sharded = lines(pathlib.Path(sys.argv[1], "archive").glob("fetch-*/fetch-log.jsonl"))
assert sharded == lines([pathlib.Path(sys.argv[2], "fetch-log.jsonl")]) and sum(sharded.values()) == 60, sharded
PY
check "the FETCH export's URLs and texts equal a local fetch + run" python3 - "$run/export.jsonl" "$work/fetch-one-run/export.jsonl" <<'PY'
import json, sys
def pairs(path):
    return sorted((r.get("url"), r.get("text")) for r in map(json.loads, open(path)))
a, b = pairs(sys.argv[1]), pairs(sys.argv[2])
assert a == b and len(a) == 60, (len(a), len(b))
PY
fhosts=$(grep -h "winnow-slurm: fetch shard" "$run"/logs/fetch-*.log | awk '{for (i = 1; i < NF; i++) if ($i == "on") print $(i + 1)}' | sort -u | tr '\n' ' ')
say "fetch tasks ran on: $fhosts"
kill "${servers[@]}" 2>/dev/null
ip addr del 10.231.0.4/24 dev "$host_if" 2>/dev/null || true
say "FETCH run done in $(( $(date +%s) - t5 )) s"

finished=1
say "$failures failures; Slurm tests took $(( $(date +%s) - started )) s"
[ $failures -eq 0 ]
