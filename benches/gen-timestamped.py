#!/usr/bin/env python3
"""Turns the envelopes of benches/gen-ndjson.py (on stdin) into a log with times, one day's worth
spread evenly over the lines, in one of two shapes:

  prefix  2026-11-27T08:00:01.123Z ERROR client response={...}
  zap     {"level":"error","ts":1795766401.123,"msg":"client response","response":{...}}

With --no-time the same lines are written without their time, for a comparison of like with like:
  python3 benches/gen-ndjson.py 1000000 | python3 benches/gen-timestamped.py prefix > timed.log
  python3 benches/gen-ndjson.py 1000000 | python3 benches/gen-timestamped.py prefix --no-time > plain.log
"""
import datetime, sys

shape = sys.argv[1] if len(sys.argv) > 1 else "prefix"
timed = "--no-time" not in sys.argv[2:]
lines = sys.stdin.readlines()
start = datetime.datetime(2026, 11, 27, tzinfo=datetime.timezone.utc).timestamp()
step = 86400 / max(len(lines), 1)
out = sys.stdout
for i, env in enumerate(lines):
    env = env.rstrip("\n")
    t = start + i * step
    level = "INFO" if '"StatusCode":200,' in env else "ERROR"
    if shape == "prefix":
        stamp = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z "
        out.write(f"{stamp if timed else ''}{level} client response={env}\n")
    elif shape == "zap":
        ts = f'"ts":{t:.3f},' if timed else ""
        out.write(f'{{"level":"{level.lower()}",{ts}"msg":"client response","response":{env}}}\n')
    else:
        sys.exit(f"unknown shape {shape}: prefix or zap")
