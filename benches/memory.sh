#!/usr/bin/env bash
# Resource bounds, checked (not timed): explain keeps a flat, small memory on a 100 MB stream,
# and a single line far larger than any envelope is refused with a message, not held.
source "$(dirname "$0")/common.sh"
LIMIT_KB=$((32 * 1024))
LOG="$WORK/envelopes-100mb.ndjson"
[ -s "$LOG" ] || python3 benches/gen-ndjson.py 710000 > "$LOG"
ls -l "$LOG"
status=0
for args in "--format json" "--summary" ""; do
  /usr/bin/time -f "%M" -o "$WORK/rss" "$ERRCODE" explain $args "$LOG" > /dev/null 2>&1 || true
  rss=$(cat "$WORK/rss")
  verdict=ok; [ "$rss" -lt "$LIMIT_KB" ] || { verdict=OVER; status=1; }
  printf 'explain %-14s peak RSS %6d KiB (limit %d KiB) %s\n' "$args" "$rss" "$LIMIT_KB" "$verdict"
done
# A stream through a pipe, as tail -f would give it.
/usr/bin/time -f "%M" -o "$WORK/rss" sh -c "cat '$LOG' | '$ERRCODE' explain --format json > /dev/null"
echo "cat | explain --format json     peak RSS $(cat "$WORK/rss") KiB (of the whole pipeline's largest process)"
# One 50 MB line: refused with the documented 16 MiB limit, memory still bounded.
python3 -c "import sys; sys.stdout.write('{\"StatusCode\":200,\"Data\":\"' + 'x'*50_000_000 + '\"}\n{\"StatusCode\":41601}\n')" > "$WORK/long-line.ndjson"
/usr/bin/time -f "%M" -o "$WORK/rss" "$ERRCODE" explain --summary --format plain "$WORK/long-line.ndjson" > "$WORK/long.out" 2> "$WORK/long.err" || true
rss=$(cat "$WORK/rss")
verdict=ok; [ "$rss" -lt "$((64 * 1024))" ] || { verdict=OVER; status=1; }
echo "50 MB line: peak RSS $rss KiB $verdict; stderr: $(cat "$WORK/long.err" | tr '\n' ' ')"
exit $status
