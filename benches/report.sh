#!/usr/bin/env bash
# The incident report's cost on a 1,000,000-line log (benches/gen-timestamped.py over
# benches/gen-ndjson.py), in two shapes: prefixed lines and zap's JSON records.
#   --summary on the timestamped log   against  the same lines without their time
#   --summary --by 1h                  against  --summary, on the timestamped log
# Medians are printed besides hyperfine's means: the machine may be shared.
source "$(dirname "$0")/common.sh"
LINES="${LINES:-1000000}"
PLAIN="$WORK/envelopes-$LINES.ndjson"
[ -s "$PLAIN" ] || python3 benches/gen-ndjson.py "$LINES" > "$PLAIN"
for shape in prefix zap; do
  [ -s "$WORK/$shape-timed-$LINES.log" ] || python3 benches/gen-timestamped.py "$shape" < "$PLAIN" > "$WORK/$shape-timed-$LINES.log"
  [ -s "$WORK/$shape-plain-$LINES.log" ] || python3 benches/gen-timestamped.py "$shape" --no-time < "$PLAIN" > "$WORK/$shape-plain-$LINES.log"
  hyperfine -N --warmup 1 --runs "${RUNS:-10}" --output=pipe --export-json "$WORK/report-$shape.json" \
    "$ERRCODE explain --summary --format plain $WORK/$shape-plain-$LINES.log" \
    "$ERRCODE explain --summary --format plain $WORK/$shape-timed-$LINES.log" \
    "$ERRCODE explain --summary --by 1h --format plain $WORK/$shape-timed-$LINES.log"
done
for shape in prefix zap; do
  jq -r --arg shape "$shape" '
    (.results | map(.median)) as $m
    | "\($shape): median \($m[0] * 1000 | floor) ms without times, \($m[1] * 1000 | floor) ms with (\($m[1] / $m[0] * 100 | floor / 100)x), --by 1h \($m[2] * 1000 | floor) ms (\($m[2] / $m[1] * 100 | floor / 100)x --summary)"' \
    "$WORK/report-$shape.json"
done
