#!/usr/bin/env bash
# explain --summary on logs as services write them (benches/gen-logs.py: a text log, zap's JSON
# records, the text log in Docker's json-file wrapping and behind CRI prefixes), against
# grep -c StatusCode on the same file, in one hyperfine run per shape, with the file given as an
# argument and through `cat FILE |`.
# Both write to a pipe (hyperfine --output=pipe): GNU grep stops at the first match when its
# output is /dev/null, which would be no comparison.
# Target (errcode median / grep median): at most 1.5x on text and cri, at most 2.5x on docker
# and zap, where each envelope is inside a JSON record.
# Then a count check: the envelopes errcode counts (the sum of the rows of --summary --format
# json, and the "N envelopes" line on stderr) against the generator's own count.
#   N      lines per log (default 1000000: 170 to 250 MB a shape)
#   SEED   the generator's seed (default 1)
#   RUNS   timed runs per command (default 20); medians are printed, the machine may be shared,
#          and the mean user CPU time beside them, which another process on the machine moves less
#   SHAPES which shapes (default "text cri zap docker")
# Logs are generated once into $WORK (named by N, SEED and the generator's hash) and reused.
# Exit 1 when a count does not match.
source "$(dirname "$0")/common.sh"
N="${N:-1000000}"
SEED="${SEED:-1}"
RUNS="${RUNS:-20}"
SHAPES="${SHAPES:-text cri zap docker}"
GEN_HASH=$(sha1sum benches/gen-logs.py | cut -c1-8)
target() { case "$1" in text|cri) echo 1.5 ;; *) echo 2.5 ;; esac; }
status=0
for shape in $SHAPES; do
  log="$WORK/logs-$shape-$N-$SEED-$GEN_HASH.log"
  if [ ! -s "$log" ] || [ ! -s "$log.count" ]; then
    python3 benches/gen-logs.py "$shape" "$N" "$SEED" > "$log.tmp" 2> "$log.gen"
    python3 benches/gen-logs.py "$shape" "$N" "$SEED" --count > "$log.count"
    mv "$log.tmp" "$log"
  fi
  ls -l "$log"
  hyperfine --warmup 2 --runs "$RUNS" --output=pipe --export-json "$WORK/logs-$shape.json" \
    "$ERRCODE explain --summary --format plain $log" \
    "grep -c StatusCode $log" \
    "cat $log | $ERRCODE explain --summary --format plain" \
    "cat $log | grep -c StatusCode"
done
echo
echo "N=$N, SEED=$SEED, RUNS=$RUNS (medians)"
echo
echo "| shape | input | errcode median ms | grep median ms | ratio | target | met | errcode, grep user CPU ms (mean) |"
echo "|---|---|---|---|---|---|---|---|"
for shape in $SHAPES; do
  jq -r --arg shape "$shape" --arg target "$(target "$shape")" '
    (.results | map(.median * 1000)) as $m | (.results | map(.user * 1000 | round)) as $u
    | ([["file", $m[0], $m[1], $u[0], $u[1]], ["pipe", $m[2], $m[3], $u[2], $u[3]]][]
      | (.[1] / .[2]) as $r
      | "| \($shape) | \(.[0]) | \(.[1] * 10 | round / 10) | \(.[2] * 10 | round / 10) | \($r * 100 | round / 100)x | ≤ \($target)x | \(if $r <= ($target | tonumber) then "yes" else "no" end) | \(.[3]), \(.[4]) |")' \
    "$WORK/logs-$shape.json"
done
echo
echo "Count check (errcode explain --summary --format json: the sum of the rows' counts):"
for shape in $SHAPES; do
  log="$WORK/logs-$shape-$N-$SEED-$GEN_HASH.log"
  want=$(cat "$log.count")
  got=$("$ERRCODE" explain --summary --format json "$log" 2> "$WORK/logs-$shape.stderr" | jq '[.[].count] | add // 0')
  said=$(sed -n 's/^\([0-9]*\) envelopes.*/\1/p' "$WORK/logs-$shape.stderr")
  piped=$(cat "$log" | "$ERRCODE" explain --summary --format json 2>/dev/null | jq '[.[].count] | add // 0')
  verdict=match
  if [ "$got" != "$want" ] || [ "$said" != "$want" ] || [ "$piped" != "$want" ]; then verdict=MISMATCH; status=1; fi
  printf '%-7s generator %8s  errcode %8s (stderr %s, through a pipe %s)  %s\n' \
    "$shape" "$want" "$got" "${said:-none}" "$piped" "$verdict"
done
exit $status
