"""Runs `errcode export --format sql` scripts and the queries of docs/fleet.md in the real
engines, for tests/it/export.rs: SQLite through Python's sqlite3 module, DuckDB through its
Python package, ClickHouse through chdb (ClickHouse in-process). It prints JSON on stdout and
decides nothing: the Rust test compares.

    engines.py ENGINE check
        exit 0 when the engine can be used here (prints its version), 3 when its module is
        missing.
    engines.py ENGINE table SCRIPT
        loads SCRIPT twice, then prints every row of errcode_codes (by code) as a JSON array.
    engines.py ENGINE query SCRIPT LOG QUERY
        loads SCRIPT twice, loads the NDJSON log LOG (each line {"time": …, "resp": envelope})
        into the table logs(ts, body) with body the envelope as JSON text, runs the query in
        the file QUERY and prints its rows as a JSON array of objects.
    engines.py ENGINE csv FILE
        reads the csv export FILE with the engine's own reader, all columns as text.

ENGINE is sqlite, duckdb or clickhouse.
"""

import datetime
import json
import os
import sys
import tempfile

def plain(value):
    """A value as JSON can hold it: times in UTC, RFC 3339 with Z."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return value.strftime("%Y-%m-%dT%H:%M:%S") + (
            ".%03dZ" % (value.microsecond // 1000) if value.microsecond else "Z")
    return value


def log_rows(path):
    """(ts, body) of each line of the NDJSON log."""
    rows = []
    with open(path, encoding="utf-8", newline="") as f:
        # Lines end at \n only, as errcode reads them.
        for line in f.read().split("\n"):
            if line.strip():
                record = json.loads(line)
                rows.append((record["time"], json.dumps(record["resp"], ensure_ascii=False)))
    return rows


class DbApi:
    """What SQLite and DuckDB share: a Python DB-API connection, `self.db`."""

    def rows(self, sql):
        cursor = self.db.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, map(plain, row))) for row in cursor.fetchall()]

    def load_log(self, rows):
        self.db.execute("CREATE TABLE logs (ts %s, body %s)" % self.LOG_TYPES)
        self.db.executemany("INSERT INTO logs VALUES (?, ?)", rows)


class Sqlite(DbApi):
    LOG_TYPES = ("TEXT", "TEXT")

    def __init__(self):
        import sqlite3
        self.version = sqlite3.sqlite_version
        self.db = sqlite3.connect(":memory:")

    def script(self, text):
        self.db.executescript(text)

    def csv(self, path):
        import csv
        with open(path, newline="", encoding="utf-8") as f:
            return [dict(row) for row in csv.DictReader(f)]


class Duckdb(DbApi):
    LOG_TYPES = ("TIMESTAMPTZ", "VARCHAR")

    def __init__(self):
        import duckdb
        self.version = duckdb.__version__
        self.db = duckdb.connect()
        self.db.execute("SET TimeZone = 'UTC'")

    def script(self, text):
        self.db.execute(text)

    def csv(self, path):
        return self.rows(
            "SELECT * FROM read_csv(%s, header = true, all_varchar = true)" % quote(path))


class Clickhouse:
    def __init__(self):
        import chdb
        from chdb import session
        self.dir = tempfile.TemporaryDirectory()
        self.db = session.Session(os.path.join(self.dir.name, "db"))
        self.version = self.rows("SELECT version() AS v")[0]["v"]

    def script(self, text):
        self.db.query(text)

    def rows(self, sql):
        text = self.db.query(sql, "JSONEachRow").bytes().decode("utf-8")
        # split("\n"), not splitlines(): a value may hold U+2028 or U+0085 as it is.
        return [json.loads(line) for line in text.split("\n") if line]

    def load_log(self, rows):
        path = os.path.join(self.dir.name, "log.ndjson")
        with open(path, "w", encoding="utf-8") as f:
            for ts, body in rows:
                f.write(json.dumps({"ts": ts, "body": body}) + "\n")
        self.db.query(
            "CREATE TABLE logs (ts DateTime64(3, 'UTC'), body String) ENGINE = MergeTree ORDER BY ts")
        self.db.query(
            "INSERT INTO logs SELECT parseDateTime64BestEffort(ts, 3, 'UTC'), body FROM file(%s, "
            "'JSONEachRow', 'ts String, body String')" % quote(path))

    def csv(self, path):
        return self.rows(
            "SELECT * FROM file(%s, 'CSVWithNames') SETTINGS schema_inference_make_columns_nullable = 0, "
            "input_format_csv_use_best_effort_in_schema_inference = 0" % quote(path))


def quote(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


ENGINES = {"sqlite": Sqlite, "duckdb": Duckdb, "clickhouse": Clickhouse}


def times(rows):
    """ClickHouse writes a DateTime64 as `2024-05-01 10:00:01.000`: as the others write it."""
    for row in rows:
        for key in ("ts", "first_seen", "last_seen"):
            value = row.get(key)
            if isinstance(value, str) and " " in value:
                t = datetime.datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")
                millis = int(value[20:23] or 0) if len(value) > 19 else 0
                row[key] = plain(t.replace(microsecond=millis * 1000))
    return rows


def main(args):
    name, action = args[0], args[1]
    try:
        engine = ENGINES[name]()
    except ImportError as e:
        print("%s: %s" % (name, e), file=sys.stderr)
        return 3
    if action == "check":
        print(engine.version)
        return 0
    if action == "csv":
        print(json.dumps(engine.csv(args[2])))
        return 0
    with open(args[2], encoding="utf-8") as f:
        script = f.read()
    # Twice: the second load must replace the first, not add to it.
    engine.script(script)
    engine.script(script)
    if action == "table":
        print(json.dumps(engine.rows("SELECT * FROM errcode_codes ORDER BY code")))
        return 0
    if action == "query":
        engine.load_log(log_rows(args[3]))
        with open(args[4], encoding="utf-8") as f:
            query = f.read().strip().rstrip(";")
        print(json.dumps(times(engine.rows(query))))
        return 0
    print("unknown action %r" % action, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
