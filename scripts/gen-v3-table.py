#!/usr/bin/env python3
"""Write src/table/v3.json, the error table of 智能视图计算平台 API 3.0 (service iss, 2023-05-17).

Inputs, all in the repository:
  third_party/tencentcloud-sdk-go/tencentcloud/iss/v20230517/errors.go  product codes, Chinese text
  third_party/tencentcloud-sdk-go/tencentcloud/iss/v20230517/client.go  actions and the codes each lists
  src/table/v3-knowledge.json  the hand-written part: English text, category, retry, hints,
                               and the common (API 3.0) and SDK client-side codes

The output is sorted by code, then source (product, common, sdk-client), one row per line,
so running the script twice gives the same bytes.

  python3 scripts/gen-v3-table.py           write src/table/v3.json
  python3 scripts/gen-v3-table.py --check   exit 1 if src/table/v3.json is not what would be written

Python 3.11, standard library only.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SDK = ROOT / "third_party" / "tencentcloud-sdk-go" / "tencentcloud" / "iss" / "v20230517"
ERRORS_GO = SDK / "errors.go"
CLIENT_GO = SDK / "client.go"
KNOWLEDGE = ROOT / "src" / "table" / "v3-knowledge.json"
OUTPUT = ROOT / "src" / "table" / "v3.json"

SOURCES = ("product", "common", "sdk-client")
RETRY = ("never", "after-fix", "backoff")
KNOWLEDGE_FIELDS = ("message", "message_en", "category", "retry", "hint_en", "hint_zh")
# Common and client-side codes can come back from any action: they are not listed per action.
ANY_ACTION = ["*"]
# API 3.0 answers errors with HTTP 200 and an Error object in the body. The SDK's client-side
# codes come with no answer of the API, so with no status of its: null.
HTTP_STATUS = {"product": 200, "common": 200, "sdk-client": None}

CONST_LINE = re.compile(r'^\s*([A-Z][A-Z0-9_]*) = "([^"]+)"\s*$')
METHOD_LINE = re.compile(r"^func \(c \*Client\) ([A-Z][A-Za-z0-9]*)\(request ")
LISTED_CODE = re.compile(r'^//\s+([A-Z][A-Z0-9_]*) = "([^"]+)"\s*$')
CATEGORY = re.compile(r"^[a-z]+(-[a-z]+)*$")


class Failure(Exception):
    pass


def parse_errors_go(text):
    """Map constant name -> (code, Chinese description) from the const block of errors.go."""
    codes = {}
    comment = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("//"):
            comment.append(stripped[2:].strip())
            continue
        match = CONST_LINE.match(line)
        if match:
            name, code = match.groups()
            if not comment:
                raise Failure(f"errors.go: {code} has no description comment")
            if name in codes:
                raise Failure(f"errors.go: constant {name} defined twice")
            codes[name] = (code, " ".join(comment))
        comment = []
    if not codes:
        raise Failure("errors.go: no error code constants found")
    return codes


def parse_client_go(text):
    """Map action -> list of codes from the comment above each `func (c *Client) Action(request`."""
    lines = text.splitlines()
    actions = {}
    for i, line in enumerate(lines):
        match = METHOD_LINE.match(line)
        if not match:
            continue
        action = match.group(1)
        block = []
        j = i - 1
        while j >= 0 and lines[j].startswith("//"):
            block.append(lines[j])
            j -= 1
        block.reverse()
        listed = []
        in_list = False
        for comment in block:
            if comment.startswith("// 可能返回的错误码"):
                in_list = True
                continue
            if in_list:
                code = LISTED_CODE.match(comment)
                if code:
                    listed.append(code.groups())
                elif comment.strip() != "//":
                    in_list = False
        if action in actions:
            raise Failure(f"client.go: action {action} defined twice")
        actions[action] = listed
    if not actions:
        raise Failure("client.go: no actions found")
    return actions


def load_knowledge():
    knowledge = json.loads(KNOWLEDGE.read_text(encoding="utf-8"))
    unknown = set(knowledge) - set(SOURCES) - {"about"}
    if unknown:
        raise Failure(f"v3-knowledge.json: unknown sections {sorted(unknown)}")
    return knowledge


def check_entry(source, code, entry, problems):
    for field in KNOWLEDGE_FIELDS:
        value = entry.get(field)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{source} {code}: field {field} is missing or empty")
    extra = set(entry) - set(KNOWLEDGE_FIELDS)
    if extra:
        problems.append(f"{source} {code}: unknown fields {sorted(extra)}")
    if entry.get("retry") not in RETRY:
        problems.append(f"{source} {code}: retry {entry.get('retry')!r} is not one of {', '.join(RETRY)}")
    if not CATEGORY.match(entry.get("category") or ""):
        problems.append(f"{source} {code}: category {entry.get('category')!r} is not a lowercase slug")


def build():
    consts = parse_errors_go(ERRORS_GO.read_text(encoding="utf-8"))
    actions = parse_client_go(CLIENT_GO.read_text(encoding="utf-8"))
    knowledge = load_knowledge()
    problems = []

    sdk_text = {}
    for name, (code, text) in consts.items():
        if code in sdk_text:
            problems.append(f"errors.go: code {code} defined twice")
        sdk_text[code] = text

    documented_by = {code: [] for code in sdk_text}
    for action, listed in actions.items():
        for name, code in listed:
            if name not in consts or consts[name][0] != code:
                problems.append(f"client.go: {action} lists {name} = {code!r}, which errors.go does not define")
            elif action not in documented_by[code]:
                documented_by[code].append(action)

    product = knowledge.get("product", {})
    for code in sorted(set(sdk_text) - set(product)):
        problems.append(f"product {code} ({sdk_text[code]}): in errors.go but not in v3-knowledge.json; add an entry")
    for code in sorted(set(product) - set(sdk_text)):
        problems.append(f"product {code}: in v3-knowledge.json but no longer in errors.go; remove the entry")
    for code in sorted(set(product) & set(sdk_text)):
        if product[code].get("message") != sdk_text[code]:
            problems.append(
                f"product {code}: the SDK text is now {sdk_text[code]!r} but v3-knowledge.json has "
                f"{product[code].get('message')!r}; update message, and check message_en and the hints"
            )
    for code in sorted(sdk_text):
        if not documented_by[code]:
            problems.append(f"product {code}: no action in client.go lists it")

    rows = []
    for source in SOURCES:
        for code, entry in knowledge.get(source, {}).items():
            check_entry(source, code, entry, problems)
            row = {
                "code": code,
                "source": source,
                "http_status": HTTP_STATUS[source],
                "message": entry.get("message"),
                "message_en": entry.get("message_en"),
                "category": entry.get("category"),
                "retry": entry.get("retry"),
                "hint_en": entry.get("hint_en"),
                "hint_zh": entry.get("hint_zh"),
                "actions": sorted(documented_by.get(code, [])) if source == "product" else ANY_ACTION,
            }
            rows.append(row)

    if problems:
        raise Failure("\n".join(problems))
    rows.sort(key=lambda r: (r["code"], SOURCES.index(r["source"])))
    body = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
    return "[\n" + body + "\n]\n", rows


def main(argv):
    check = "--check" in argv[1:]
    unknown = [a for a in argv[1:] if a != "--check"]
    if unknown:
        print(f"usage: {argv[0]} [--check]", file=sys.stderr)
        return 2
    try:
        text, rows = build()
    except (Failure, OSError, json.JSONDecodeError) as err:
        print(f"gen-v3-table: {err}", file=sys.stderr)
        return 1
    relative = OUTPUT.relative_to(ROOT)
    if check:
        current = OUTPUT.read_bytes() if OUTPUT.exists() else b""
        if current != text.encode("utf-8"):
            print(f"gen-v3-table: {relative} is out of date; run python3 scripts/gen-v3-table.py", file=sys.stderr)
            return 1
        print(f"{relative} is up to date ({len(rows)} rows)")
        return 0
    OUTPUT.write_bytes(text.encode("utf-8"))
    counts = {s: sum(r["source"] == s for r in rows) for s in SOURCES}
    print(f"wrote {relative}: {len(rows)} rows ({', '.join(f'{n} {s}' for s, n in counts.items())})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
