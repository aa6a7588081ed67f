#!/usr/bin/env python3
"""Writes N lines of NDJSON response envelopes (default 1,000,000, about 140 MB) to stdout.

The codes follow a plausible mix: mostly success, some client errors, a few infrastructure
failures, and one code in a thousand that is not in the table. Deterministic (seeded)."""
import json, random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
table = json.load(open(sys.argv[2] if len(sys.argv) > 2 else "src/table/codes.json", encoding="utf-8"))
rng = random.Random(28181)
errors = [r for r in table if r["code"] != 200]
out = sys.stdout
for i in range(n):
    roll = rng.random()
    if roll < 0.6:
        code, msg, data = 200, "ok", {"DeviceId": f"3402000000132{i % 10000000:07d}", "Status": 1}
    elif roll < 0.999:
        row = rng.choice(errors)
        code, msg, data = row["code"], row["message"], ""
    else:
        code, msg, data = 49999, "未知错误", None
    env = {"RequestId": f"{i:08x}-6f1c-4d2a-9b7e-{rng.getrandbits(48):012x}", "Code": 500 if code >= 50000 else 0,
           "StatusCode": code, "Message": msg, "Data": data}
    out.write(json.dumps(env, ensure_ascii=False, separators=(",", ":")) + "\n")
