#!/usr/bin/env bash
# errcode lookup 41601 against moreutils' errno 2 (a C table lookup: the floor for this job),
# in one hyperfine run. Target: errcode within 1.25x of errno, and an API 3.0 lookup as fast as
# a legacy one.
# Two builds of errcode are timed: the default one (`cargo build --release`, linked to the
# system's shared libraries) and, on Linux with glibc, the static-pie one the README's Install
# section gives (no shared library to map and relocate at start-up, which is most of the gap).
source "$(dirname "$0")/common.sh"
commands=("$ERRCODE lookup 41601")
host=$(rustc -vV | sed -n 's/^host: //p')
if [[ "$host" == *-linux-gnu ]]; then
  RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --locked -q --target "$host"
  commands+=("$PWD/target/$host/release/errcode lookup 41601")
  # An API 3.0 lookup must be as fast as a legacy one.
  commands+=("$PWD/target/$host/release/errcode lookup AuthFailure.SignatureExpire")
fi
hyperfine -N --warmup 50 --runs "${RUNS:-1000}" --export-markdown "$WORK/startup.md" \
  --export-json "$WORK/startup.json" "${commands[@]}" "errno 2"
cat "$WORK/startup.md"
# Medians too: on a shared machine a few slow runs pull a mean.
jq -r '(.results[-1].median) as $floor | .results[]
  | "median \(.median * 1e6 | floor / 1000) ms  (\(.median / $floor * 100 | floor / 100)x errno)  \(.command)"' \
  "$WORK/startup.json"
