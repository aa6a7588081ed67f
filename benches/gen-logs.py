#!/usr/bin/env python3
"""Writes N lines of a service's log, in one of four shapes, with the same events in each:

  text    2026-12-06T10:00:01.123+08:00 ERROR [worker-3] DescribeDevice failed resp={...}
  zap     {"level":"error","ts":1796522401.123,"caller":"ivc/client.go:88","msg":"call failed","resp":{...}}
  docker  {"log":"<the text line, JSON-escaped>\\n","stream":"stderr","time":"2026-12-06T02:00:01.123456789Z"}
  cri     2026-12-06T10:00:01.123456789+08:00 stderr F <the text line>

About 30% of the lines hold one envelope each: a legacy response (StatusCode 200 or an error
code of src/table/codes.json, now and then one that is not in the table), an API 3.0 error or
success response, or the error string the Go SDK prints. The others are ordinary lines (access
lines, SQL, retries, cache and audit records), some with JSON that is no envelope (its keys are
none of StatusCode, Code, RequestId, Response in any case). A line never holds two envelopes,
so the count of envelopes is the count of lines that hold one. The API 3.0 codes are checked
against src/table/v3.json when the script starts: one that is not there stops it.

Usage:
  python3 benches/gen-logs.py SHAPE N SEED > file   # the log on stdout; "COUNT envelopes ..." on stderr
  python3 benches/gen-logs.py SHAPE N SEED --count  # only COUNT on stdout, no log

The events depend only on N and SEED, never on SHAPE: the four files of one N and SEED hold the
same envelopes, and the count is the same for each."""
import calendar, json, os, random, sys, time

SHAPES = ("text", "zap", "docker", "cri")
args = [a for a in sys.argv[1:] if a != "--count"]
count_only = len(args) != len(sys.argv) - 1
if len(args) != 3 or args[0] not in SHAPES:
    sys.exit("usage: gen-logs.py text|zap|docker|cri N SEED [--count]")
shape, n, seed = args[0], int(args[1]), int(args[2])

table_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "table")
legacy = {}
for row in json.load(open(os.path.join(table_dir, "codes.json"), encoding="utf-8")):
    legacy.setdefault(row["code"], row["message"])  # 51603 has two meanings: the first
v3 = {}
for row in json.load(open(os.path.join(table_dir, "v3.json"), encoding="utf-8")):
    v3.setdefault(row["code"], row["message"])

# Legacy error codes, the frequent ones several times (a token that expires, Redis, the gateway).
LEGACY_ERRORS = [41601] * 6 + [52502] * 4 + [51603] * 3 + [50000] * 3 + [41606, 41620, 42502] * 2 + [
    c for c in legacy if c != 200 and c not in (41601, 52502, 51603, 50000, 41606, 41620, 42502)]
V3_ERRORS = ["AuthFailure.SignatureExpire"] * 4 + ["RequestLimitExceeded"] * 3 + ["InternalError"] * 3 + [
    "ResourceUnavailable.DevOffline"] * 3 + ["ResourceNotFound.DeviceNotExist"] * 2 + [
    "InvalidParameterValue", "InvalidParameterValue.InvalidDeviceId", "InvalidParameterValue.InvalidChannelId",
    "FailedOperation.DeviceResponseTimeOut", "AuthFailure.SecretIdNotFound", "LimitExceeded.ChannelNumExceeded",
    "ResourceNotFound.ChannelNotExist", "InvalidParameterValue.StartOverEndTime"]
SDK_ERRORS = ["AuthFailure.SignatureExpire", "AuthFailure.SignatureExpire", "RequestLimitExceeded",
              "InternalError", "ResourceUnavailable.DevOffline", "ClientError.NetworkError"]
for c in LEGACY_ERRORS:
    assert c in legacy, c
for c in V3_ERRORS + SDK_ERRORS:
    assert c in v3, f"{c} is not in src/table/v3.json"
# Envelopes are written with f-strings: no message may need escaping in JSON.
for m in list(legacy.values()) + list(v3.values()):
    assert '"' not in m and "\\" not in m and "\n" not in m, m

ACTIONS = ["DescribeDevice", "DescribeDeviceList", "DescribeChannels", "ControlDevicePTZ", "DescribeRecordPlaybackUrl",
           "DescribeStreamAuth", "ListRecordPlans", "DescribeOrganization", "UpdateDevice", "DescribeRecordBackupPlan"]
THREADS = [f"worker-{i}" for i in range(1, 9)] + ["http-1", "http-2", "http-7", "scheduler", "cache", "db-2", "stream"]
PATHS = ["/v1/devices", "/v1/records?page=2&size=200", "/v1/devices/list", "/v1/channels", "/v1/records/playback", "/v1/ptz", "/healthz", "/v1/orgs/tree"]
UAS = ["Go-http-client/1.1", "okhttp/4.12.0", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0"]
ORGS = ["华东园区", "北区仓库", "总部大楼", "停车场-B2", "东门岗亭"]
SQL = ["SELECT id, name, status, org_id FROM device WHERE org_id = ? AND updated_at > ? ORDER BY id LIMIT 200",
       "UPDATE channel SET online = ?, last_seen = ? WHERE device_id = ? AND channel_no = ?",
       "INSERT INTO alarm_event (device_id, kind, level, created_at) VALUES (?, ?, ?, ?)",
       "SELECT count(*) FROM record_plan WHERE enabled = 1 AND next_run < now()"]
NET_ERRORS = ["context deadline exceeded", "read tcp 10.0.3.17:41822->10.0.8.2:443: read: connection reset by peer",
              "dial tcp 10.0.8.2:443: i/o timeout", "EOF"]

# Events, one a line, as tuples the writers below turn into text or zap records:
#   (level, thread, kind, a, b, c, d)
# kinds that hold an envelope: L_OK, L_ERR, V3_OK, V3_ERR, SDK; the others do not.
L_OK, L_ERR, V3_OK, V3_ERR, SDK, ACCESS, SQLQ, RETRY, CACHE, AUDIT, ORG, ONLINE, GC = range(13)
ENVELOPE_KINDS = (L_OK, L_ERR, V3_OK, V3_ERR, SDK)

# The log's day starts at 2026-12-06T10:00:00+08:00; the lines are spread over about a day.
START_MS = calendar.timegm((2026, 12, 6, 2, 0, 0)) * 1000
STEP_MS = max(1, 2 * 86_400_000 // max(n, 1))


def request_id(rng):
    h = "%032x" % rng.getrandbits(128)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{h[16:20]}-{h[20:]}"


def device(rng):
    return "3402000000132%07d" % rng.randrange(10_000)


def events():
    """Yields (millisecond time, nanosecond rest, event) for each line: what the line says, whatever the shape."""
    rng = random.Random(seed)
    t = START_MS
    for i in range(n):
        t += rng.randrange(STEP_MS)
        ns = rng.randrange(1_000_000)  # the rest of the instant, as Docker and the CRI see it
        roll = rng.random()
        thread = THREADS[rng.randrange(8)]
        action = ACTIONS[rng.randrange(len(ACTIONS))]
        form = rng.randrange(4)  # how the envelope is written: prefix in text, object or string in zap
        if roll < 0.12:
            ev = ("INFO", thread, L_OK, action, request_id(rng), device(rng), form)
        elif roll < 0.20:
            code = LEGACY_ERRORS[rng.randrange(len(LEGACY_ERRORS))] if rng.random() < 0.98 else 49999
            ev = ("ERROR", thread, L_ERR, action, request_id(rng), code, form)
        elif roll < 0.24:
            ev = ("INFO", thread, V3_OK, action, request_id(rng), device(rng), form)
        elif roll < 0.28:
            ev = ("ERROR", thread, V3_ERR, action, request_id(rng), V3_ERRORS[rng.randrange(len(V3_ERRORS))], form)
        elif roll < 0.30:
            ev = ("WARN", thread, SDK, action, request_id(rng), SDK_ERRORS[rng.randrange(len(SDK_ERRORS))], form)
        elif roll < 0.52:
            ev = ("INFO", "http-%d" % (1 + form), ACCESS, PATHS[rng.randrange(len(PATHS))],
                  (200, 200, 200, 200, 204, 304, 400, 404, 502)[rng.randrange(9)], rng.randrange(40, 90_000), UAS[form % 3])
        elif roll < 0.64:
            ev = ("DEBUG", "db-2", SQLQ, SQL[rng.randrange(len(SQL))], rng.randrange(300), rng.randrange(1, 900) / 10, None)
        elif roll < 0.68:
            ev = ("WARN", thread, RETRY, action, 1 + form % 3, NET_ERRORS[rng.randrange(len(NET_ERRORS))], 100 << form)
        elif roll < 0.80:
            ev = ("DEBUG", "cache", CACHE, rng.randrange(5000), rng.randrange(300), rng.randrange(5), rng.randrange(1 << 20))
        elif roll < 0.90:
            ev = ("INFO", thread, AUDIT, "u-%04d" % rng.randrange(2000), action, rng.randrange(5, 2500), ORGS[form])
        elif roll < 0.96:
            ev = ("INFO", "scheduler", ORG, ORGS[rng.randrange(len(ORGS))], rng.randrange(20, 900), rng.randrange(30), None)
        elif roll < 0.99:
            ev = ("INFO", "stream", ONLINE, device(rng), 1 + rng.randrange(16), ("上线", "下线")[form & 1], None)
        else:
            ev = ("INFO", "scheduler", GC, rng.randrange(40, 900), rng.randrange(1, 60), rng.randrange(100, 4000), None)
        yield t, ns, ev


def legacy_envelope(ev):
    _, _, kind, action, rid, x, _ = ev
    if kind == L_OK:
        return f'{{"RequestId":"{rid}","Code":0,"StatusCode":200,"Message":"请求成功","Data":{{"DeviceId":"{x}","Status":1,"Name":"{action}"}}}}'
    msg = legacy.get(x, "未知错误")
    data = "null" if x % 2 else '""'
    return f'{{"RequestId":"{rid}","Code":{500 if x >= 50000 else 0},"StatusCode":{x},"Message":"{msg}","Data":{data}}}'


def v3_response(ev):
    _, _, kind, action, rid, x, _ = ev
    if kind == V3_OK:
        return f'{{"Response":{{"Data":{{"DeviceId":"{x}","Status":1,"Protocol":"GB28181"}},"RequestId":"{rid}"}}}}'
    return f'{{"Response":{{"Error":{{"Code":"{x}","Message":"{v3[x]}"}},"RequestId":"{rid}"}}}}'


def sdk_error(ev):
    _, _, _, action, rid, code, _ = ev
    if code == "ClientError.NetworkError":
        return (f'[TencentCloudSDKError] Code=ClientError.NetworkError, Message=Fail to get response because '
                f'Post "https://iss.tencentcloudapi.com/": dial tcp 10.0.8.2:443: i/o timeout, RequestId=')
    return f"[TencentCloudSDKError] Code={code}, Message={v3[code]}, RequestId={rid}"


def text_body(ev):
    """The text line after its time and level."""
    level, thread, kind, a, b, c, d = ev
    if kind == L_OK or kind == L_ERR:
        pre = ("resp=", "response: ", "call done resp=", "body=")[d]
        return f"[{thread}] ivc.{a} {'ok' if kind == L_OK else 'failed'} cost={len(b) + d}ms {pre}{legacy_envelope(ev)}"
    if kind == V3_OK or kind == V3_ERR:
        return f"[{thread}] tencentcloud iss {a} cost={len(b) * 2 + d}ms resp={v3_response(ev)}"
    if kind == SDK:
        return f"[{thread}] {a} failed after 3 attempts: {sdk_error(ev)}"
    if kind == ACCESS:
        return f'[{thread}] 10.0.{3 if d[0] == "G" else 12}.{17 + b % 200} "POST {a} HTTP/1.1" {b} {c} {c % 97 / 3:.1f}ms "{d}"'
    if kind == SQLQ:
        return f"[{thread}] sql: {a} rows={b} took={c}ms"
    if kind == RETRY:
        return f"[{thread}] {a}: attempt {b}/3 failed, retrying in {d}ms: {c}"
    if kind == CACHE:
        return f'[{thread}] stats {{"event":"cache","hits":{a},"misses":{b},"evictions":{c},"bytes":{d}}}'
    if kind == AUDIT:
        return f'[{thread}] audit {{"user":"{a}","action":"{b}","latency_ms":{c},"org":"{d}"}}'
    if kind == ORG:
        return f"[{thread}] 同步组织 {a} 完成: {b} 台设备, {c} 台离线"
    if kind == ONLINE:
        return f"[{thread}] 设备{c} deviceId={a} channel={b}"
    return f"[{thread}] gc: heap {a}MB, {b} goroutines paused {c}µs"


LEVELS = {"INFO": "INFO ", "WARN": "WARN ", "ERROR": "ERROR", "DEBUG": "DEBUG"}
ZAP_LEVELS = {"INFO": "info", "WARN": "warn", "ERROR": "error", "DEBUG": "debug"}
CALLERS = {L_OK: "ivc/client.go:88", L_ERR: "ivc/client.go:88", V3_OK: "iss/client.go:131", V3_ERR: "iss/client.go:131",
           SDK: "iss/client.go:140", ACCESS: "http/access.go:42", SQLQ: "store/sql.go:77", RETRY: "ivc/retry.go:29",
           CACHE: "cache/lru.go:210", AUDIT: "audit/audit.go:55", ORG: "sync/org.go:64", ONLINE: "stream/sip.go:301",
           GC: "runtime/stats.go:18"}


def as_string(obj):
    """A JSON document as a JSON string (the envelopes hold no backslash)."""
    return '"' + obj.replace('"', '\\"') + '"'


def zap_record(ts, ev):
    level, thread, kind, a, b, c, d = ev
    head = f'{{"level":"{ZAP_LEVELS[level]}","ts":{ts},"caller":"{CALLERS[kind]}",'
    if kind == L_OK or kind == L_ERR:
        env = legacy_envelope(ev)
        resp = as_string(env) if d & 1 else env  # half as an object, half as the string slog/zap.String write
        return f'{head}"msg":"{"call done" if kind == L_OK else "call failed"}","action":"{a}","resp":{resp}}}'
    if kind == V3_OK or kind == V3_ERR:
        env = v3_response(ev)
        resp = as_string(env) if d & 1 else env
        return f'{head}"msg":"tencentcloud call","action":"{a}","resp":{resp}}}'
    if kind == SDK:
        return f'{head}"msg":"call failed","action":"{a}","attempts":3,"error":{as_string(sdk_error(ev))}}}'
    if kind == ACCESS:
        return f'{head}"msg":"request","method":"POST","path":"{a}","status":{b},"bytes":{c},"latency_ms":{c % 97 / 3:.1f},"ua":"{d}"}}'
    if kind == SQLQ:
        return f'{head}"msg":"sql","query":"{a}","rows":{b},"took_ms":{c}}}'
    if kind == RETRY:
        return f'{head}"msg":"retrying","action":"{a}","attempt":{b},"backoff_ms":{d},"error":"{c}"}}'
    if kind == CACHE:
        return f'{head}"msg":"stats","stats":{{"event":"cache","hits":{a},"misses":{b},"evictions":{c},"bytes":{d}}}}}'
    if kind == AUDIT:
        return f'{head}"msg":"audit","audit":{{"user":"{a}","action":"{b}","latency_ms":{c},"org":"{d}"}}}}'
    if kind == ORG:
        return f'{head}"msg":"同步组织完成","org":"{a}","devices":{b},"offline":{c}}}'
    if kind == ONLINE:
        return f'{head}"msg":"设备{c}","deviceId":"{a}","channel":{b}}}'
    return f'{head}"msg":"gc","heap_mb":{a},"goroutines":{b},"pause_us":{c}}}'


def docker_escape(line):
    """Docker's json-file driver writes Go's JSON: <, > and & as \\u003c, \\u003e, \\u0026, UTF-8 as is."""
    line = line.replace("\\", "\\\\").replace('"', '\\"')
    if "<" in line or ">" in line or "&" in line:
        line = line.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return line


def main():
    out = sys.stdout
    count = 0
    buf = []
    sec = None
    for t, ns, ev in events():
        if ev[2] in ENVELOPE_KINDS:
            count += 1
        if count_only:
            continue
        if t // 1000 != sec:
            sec = t // 1000
            local = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec + 8 * 3600))
            utc = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec))
        ms = t % 1000
        if shape == "zap":
            buf.append(zap_record(f"{sec}.{ms:03d}", ev))
        else:
            line = f"{local}.{ms:03d}+08:00 {LEVELS[ev[0]]} {text_body(ev)}"
            if shape == "docker":
                stream = "stderr" if ev[0] in ("WARN", "ERROR") else "stdout"
                buf.append(f'{{"log":"{docker_escape(line)}\\n","stream":"{stream}","time":"{utc}.{ms:03d}{ns:06d}Z"}}')
            elif shape == "cri":
                # containerd writes RFC3339Nano: the fraction's trailing zeros are dropped
                frac = f"{ms:03d}{ns:06d}".rstrip("0")
                stream = "stderr" if ev[0] in ("WARN", "ERROR") else "stdout"
                buf.append(f"{local}{'.' + frac if frac else ''}+08:00 {stream} F {line}")
            else:
                buf.append(line)
        if len(buf) >= 8192:
            buf.append("")
            out.write("\n".join(buf))
            buf.clear()
    if buf:
        buf.append("")
        out.write("\n".join(buf))
    out.flush()
    if count_only:
        print(count)
    else:
        print(f"{count} envelopes in {n} lines ({shape}, seed {seed})", file=sys.stderr)


main()
