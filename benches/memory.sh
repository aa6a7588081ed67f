#!/usr/bin/env bash
# Peak memory (RSS) of explain on the inputs that once took hundreds of MB: each must stay under
# 32 MiB. Checked, not timed. Inputs are generated in $WORK.
source "$(dirname "$0")/common.sh"
LIMIT_KB=$((32 * 1024))
status=0
gen() { [ -s "$WORK/$1" ] || python3 -c "$2" > "$WORK/$1"; }
# One 16 MiB line holding a million concatenated envelopes (16 bytes each).
gen concatenated.json 'import sys; sys.stdout.write("{\"StatusCode\":10001}" * 1_000_000 + "\n")'
# A one-line JSON array of 950,000 envelopes (as many as the 16 MiB line limit holds).
gen array.json 'import sys; sys.stdout.write("[" + ",".join(["{\"StatusCode\":10001}"] * 800_000) + "]\n")'
# A million distinct StatusCode values, one a line.
gen distinct.ndjson 'import sys; sys.stdout.writelines("{\"StatusCode\":%d,\"Code\":0}\n" % (100000 + i) for i in range(1_000_000))'
# 100 MB of the usual log.
[ -s "$WORK/envelopes-100mb.ndjson" ] || python3 benches/gen-ndjson.py 710000 > "$WORK/envelopes-100mb.ndjson"
# A 50 MB line, refused with the limit.
gen long-line.json 'import sys; sys.stdout.write("{\"StatusCode\":200,\"Code\":0,\"Data\":\"" + "x" * 50_000_000 + "\"}\n{\"StatusCode\":41601}\n")'
# One envelope whose Data is 16 MiB of bytes that are not UTF-8 (each echoed as U+FFFD, 3 bytes).
gen not-utf8.json 'import sys; sys.stdout.buffer.write(b"{\"StatusCode\":40006,\"Data\":\"" + b"\xff" * (16 * 2**20 - 40) + b"\"}\n")'
# A 16 MiB document over 600,000 lines.
gen big-document.json 'import sys; sys.stdout.write("[\n" + "{\"StatusCode\":40006,\"Code\":0},\n" * 540_000 + "{}]\n")'
# One envelope whose RequestId, then whose API 3.0 Error.Code, is 16 MB: the annotation repeats it.
gen big-request-id.json 'import sys; sys.stdout.write("{\"RequestId\":\"" + "r" * 16_000_000 + "\",\"Code\":0,\"StatusCode\":41601,\"Message\":\"m\",\"Data\":\"\"}\n")'
gen big-v3-code.json 'import sys; sys.stdout.write("{\"Response\":{\"Error\":{\"Code\":\"" + "A" * 16_000_000 + "\",\"Message\":\"m\"},\"RequestId\":\"r\"}}\n")'
# A gzip bomb: 1 GB of one byte, compressed to about 1 MB.
[ -s "$WORK/bomb.gz" ] || head -c 1000000000 /dev/zero | tr '\0' 'x' | gzip -1 > "$WORK/bomb.gz"
# A million distinct codes with times and 60-character RequestIds: the report's samples,
# first and last seen, buckets; and the first half of it, for --diff.
gen distinct-timed.log 'import sys; sys.stdout.writelines("2026-11-27T08:%02d:%02dZ {\"RequestId\":\"%s-%07d\",\"Code\":0,\"StatusCode\":%d,\"Message\":\"\",\"Data\":\"\"}\n" % (i // 60 % 60, i % 60, "r" * 60, i, 100000 + i) for i in range(1_000_000))'
[ -s "$WORK/distinct-timed-half.log" ] || head -c 80000000 "$WORK/distinct-timed.log" > "$WORK/distinct-timed-half.log"
measure() {
  local label="$1"; shift
  /usr/bin/time -f "%M" -o "$WORK/rss" "$ERRCODE" explain "$@" > /dev/null 2>&1 || true
  local rss; rss=$(tail -1 "$WORK/rss")
  local verdict=ok; [ "$rss" -lt "$LIMIT_KB" ] || { verdict=OVER; status=1; }
  printf '%-48s peak RSS %6d KiB (limit %d KiB) %s\n' "$label" "$rss" "$LIMIT_KB" "$verdict"
}
for format in "--format json" ""; do
  measure "1M concatenated envelopes, explain $format" $format "$WORK/concatenated.json"
  measure "one-line array of 950k, explain $format" $format "$WORK/array.json"
done
for format in json table plain; do
  measure "1M distinct codes, --summary --format $format" --summary --format "$format" "$WORK/distinct.ndjson"
done
for args in "--format json" "--summary" ""; do
  measure "100 MB log, explain $args" $args "$WORK/envelopes-100mb.ndjson"
done
for format in "--format json" ""; do
  measure "16 MiB of bad UTF-8 in one envelope, explain $format" $format "$WORK/not-utf8.json"
  measure "16 MiB document over many lines, explain $format" $format "$WORK/big-document.json"
done
for format in "--format json" "--format plain" ""; do
  measure "16 MB RequestId, explain $format" $format "$WORK/big-request-id.json"
  measure "16 MB API 3.0 Error.Code, explain $format" $format "$WORK/big-v3-code.json"
done
measure "50 MB line, --summary" --summary "$WORK/long-line.json"
measure "gzip bomb (1 GB in one line), --summary" --summary "$WORK/bomb.gz"
# The 100 MB log compressed as people do (each tool's default; zstd -19, whose 8 MiB window is
# the largest read), and two streams whose window is over it, refused from their header.
for c in "gzip:gz" "zstd -q:zst" "zstd -q -19 -T0:19.zst" "xz -T0:xz" "bzip2:bz2" "xz -9 -T0:9.xz" "zstd -q --long=27 -T0:long.zst"; do
  packed="$WORK/envelopes-100mb.${c#*:}"
  [ -s "$packed" ] || ${c%%:*} -c < "$WORK/envelopes-100mb.ndjson" > "$packed"
  for args in "--format json" "--summary"; do
    measure "100 MB log, ${c%%:*}, explain $args" $args "$packed"
  done
done
[ -s "$WORK/bomb.zst" ] || head -c 1000000000 /dev/zero | tr '\0' 'x' | zstd -q > "$WORK/bomb.zst"
measure "zstd bomb (1 GB in one line), --summary" --summary "$WORK/bomb.zst"
for args in "--summary --format table" "--summary --format json" "--summary --by 1m --format json" "--summary --by 1s" "--summary --group retry"; do
  measure "1M distinct timed codes, $args" $args "$WORK/distinct-timed.log"
done
for format in json table; do
  measure "1M distinct timed codes, --diff --format $format" --diff "$WORK/distinct-timed-half.log" "$WORK/distinct-timed.log" --format "$format"
done
/usr/bin/time -f "%M" -o "$WORK/rss" sh -c "cat '$WORK/envelopes-100mb.ndjson' | '$ERRCODE' explain --format json > /dev/null"
echo "cat | explain --format json (100 MB)            peak RSS $(tail -1 "$WORK/rss") KiB (the pipeline's largest process)"
exit $status
