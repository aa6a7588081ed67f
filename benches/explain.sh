#!/usr/bin/env bash
# explain on a generated 1,000,000-line NDJSON log (about 140 MB), side by side in one run:
#   explain --summary        against  grep -c StatusCode
#   explain --format json    against  jq writing the same annotation (benches/annotate.jq: the
#                            verdict, the codes, the table's meanings with message, message_en,
#                            category, retry and hint, the expected status; the table loaded once)
# --summary and grep write to a pipe (hyperfine --output=pipe): GNU grep stops at the first match
# when its output is /dev/null, which would be no comparison. --format json and jq are timed to
# a pipe (the target) and to /dev/null.
# Each command's median is printed besides hyperfine's mean: on a shared machine a few runs in
# which a core was taken by something else pull a two-thread program's mean.
# RUNS (default 20) times --summary and grep; JQ_RUNS (default 3) the slower jq comparisons.
source "$(dirname "$0")/common.sh"
LINES="${LINES:-1000000}"
LOG="$WORK/envelopes-$LINES.ndjson"
[ -s "$LOG" ] || python3 benches/gen-ndjson.py "$LINES" > "$LOG"
"$ERRCODE" list --format json > "$WORK/rows.json"
ls -l "$LOG"
hyperfine -N --warmup 2 --runs "${RUNS:-20}" --output=pipe --export-markdown "$WORK/summary.md" \
  --export-json "$WORK/summary.json" \
  "$ERRCODE explain --summary --format plain $LOG" \
  "grep -c StatusCode $LOG"
JQ="jq -c -n --slurpfile r $WORK/rows.json -f benches/annotate.jq $LOG"
for output in pipe null; do
  hyperfine --warmup 1 --runs "${JQ_RUNS:-3}" --output="$output" --export-markdown "$WORK/json-$output.md" \
    --export-json "$WORK/json-$output.json" \
    "$ERRCODE explain --format json $LOG" "$JQ"
done
cat "$WORK/summary.md" "$WORK/json-pipe.md" "$WORK/json-null.md"
for run in summary json-pipe json-null; do
  jq -r --arg run "$run" '.results[] | "median \(.median * 1000 | floor) ms  \($run): \(.command[0:60])"' "$WORK/$run.json"
done
jq -r '"json through a pipe: errcode is \((.results[1].median / .results[0].median * 10 | floor) / 10)x faster than jq (median)"' "$WORK/json-pipe.json"
