#!/usr/bin/env bash
# explain on a generated 1,000,000-line NDJSON log (about 140 MB), side by side in one run:
#   explain --summary        against  grep -c StatusCode
#   explain --format json    against  jq doing the same join with the table
# --summary and grep write to a pipe (hyperfine --output=pipe): GNU grep stops at the first match
# when its output is /dev/null, which would be no comparison. --format json and jq are timed
# both ways: to /dev/null (neither special-cases it), and to a pipe, where the cost per byte
# counts and errcode writes about 3 times jq's bytes (the annotation carries each meaning's text).
# Besides hyperfine's mean ± σ, the median of each command is printed: on a shared machine a
# few runs in which a core was taken by something else pull a two-thread program's mean.
# RUNS (default 20) times --summary and grep; JQ_RUNS (default 5) the slower jq comparisons.
source "$(dirname "$0")/common.sh"
LINES="${LINES:-1000000}"
LOG="$WORK/envelopes-$LINES.ndjson"
[ -s "$LOG" ] || python3 benches/gen-ndjson.py "$LINES" > "$LOG"
# jq's table: {"41601": "Token 已过期，请重新生成 Token", ...} from errcode's own JSON.
"$ERRCODE" list --format json | jq -c 'map({key: (.code|tostring), value: .message}) | from_entries' > "$WORK/table.json"
ls -l "$LOG"
hyperfine --warmup 2 --runs "${RUNS:-20}" --output=pipe --export-markdown "$WORK/summary.md" \
  --export-json "$WORK/summary.json" \
  "$ERRCODE explain --summary --format plain $LOG" \
  "grep -c StatusCode $LOG"
JQ="jq -c --slurpfile t $WORK/table.json '\$t[0] as \$m | {envelope: ., meaning: \$m[.StatusCode|tostring]}' $LOG"
hyperfine --warmup 1 --runs "${JQ_RUNS:-5}" --export-markdown "$WORK/json.md" \
  --export-json "$WORK/json.json" \
  "$ERRCODE explain --format json $LOG" "$JQ"
hyperfine --warmup 1 --runs "${JQ_RUNS:-5}" --output=pipe --export-markdown "$WORK/json-pipe.md" \
  --export-json "$WORK/json-pipe.json" \
  "$ERRCODE explain --format json $LOG" "$JQ"
echo "bytes written: errcode $("$ERRCODE" explain --format json "$LOG" | wc -c), jq $(eval "$JQ" | wc -c)"
cat "$WORK/summary.md" "$WORK/json.md" "$WORK/json-pipe.md"
for run in summary json json-pipe; do
  jq -r --arg run "$run" '.results[] | "median \(.median * 1000 | floor) ms  \($run): \(.command[0:60])"' "$WORK/$run.json"
done
