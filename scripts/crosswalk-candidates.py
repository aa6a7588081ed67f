#!/usr/bin/env python3
"""List candidate twins between the legacy table (src/table/codes.json) and the API 3.0 table
(src/table/v3.json), to help keep src/table/crosswalk.json by hand.

For each legacy row it prints the v3 rows whose Chinese text is equal after normalisation
("identical": whitespace, ASCII punctuation and CJK punctuation removed, the same rule as
tests/v3_table.rs) and, below those, the closest others by difflib ratio, for judgement.
Pairs already in crosswalk.json are marked with '*'. Python 3.11, standard library only.

  python3 scripts/crosswalk-candidates.py [--min RATIO]   (default 0.6)
"""

import difflib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CJK_PUNCTUATION = "，。、；：？！（）【】《》“”‘’「」『』·…—～"


def normalise(text):
    return "".join(
        c for c in text
        if not (c.isspace() or (c.isascii() and not c.isalnum()) or c in CJK_PUNCTUATION)
    )


def main(argv):
    minimum = 0.6
    if len(argv) == 3 and argv[1] == "--min":
        minimum = float(argv[2])
    elif len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    legacy = json.loads((ROOT / "src" / "table" / "codes.json").read_text(encoding="utf-8"))
    v3 = json.loads((ROOT / "src" / "table" / "v3.json").read_text(encoding="utf-8"))
    path = ROOT / "src" / "table" / "crosswalk.json"
    known = set()
    if path.exists():
        for pair in json.loads(path.read_text(encoding="utf-8")):
            known.add((pair["legacy"], pair["v3"], pair["v3_source"]))
    for row in legacy:
        mine = normalise(row["message"])
        found = []
        for other in v3:
            theirs = normalise(other["message"])
            if mine == theirs:
                found.append((2.0, other))
            else:
                ratio = difflib.SequenceMatcher(None, mine, theirs).ratio()
                if ratio >= minimum:
                    found.append((ratio, other))
        found.sort(key=lambda f: (-f[0], f[1]["code"], f[1]["source"]))
        for ratio, other in found:
            mark = "*" if (row["code"], other["code"], other["source"]) in known else " "
            kind = "identical" if ratio == 2.0 else f"{ratio:.2f}"
            print(f"{mark} {row['code']} {row['message']}  ->  {other['code']} ({other['source']}) "
                  f"{other['message']}  [{kind}]")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
