# Shared by the benchmark scripts: the tools they compare with, and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v errno >/dev/null || need+=(moreutils)
command -v jq >/dev/null || need+=(jq)
[ -x /usr/bin/time ] || need+=(time)
# The compressors of memory.sh's compressed inputs.
command -v zstd >/dev/null || need+=(zstd)
command -v xz >/dev/null || need+=(xz-utils)
command -v bzip2 >/dev/null || need+=(bzip2)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
cargo build --release --locked -q
ERRCODE="$PWD/target/release/errcode"
WORK="${BENCH_DIR:-${TMPDIR:-/tmp}/errcode-bench}"
mkdir -p "$WORK"
