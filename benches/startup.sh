#!/usr/bin/env bash
# errcode lookup 41601 against moreutils' errno 2 (a C table lookup: the floor for this job),
# in one hyperfine run. Target: errcode within 1.25x of errno.
source "$(dirname "$0")/common.sh"
hyperfine -N --warmup 50 --runs "${RUNS:-1000}" --export-markdown "$WORK/startup.md" \
  "$ERRCODE lookup 41601" "errno 2"
cat "$WORK/startup.md"
