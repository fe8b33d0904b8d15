#!/usr/bin/env bash
# tests/fuzz/run.sh PARSER SECONDS [LIBFUZZER-OPTION ...]: fuzz one parser of untrusted
# input for SECONDS with libFuzzer under AddressSanitizer and UBSan.
#   PARSER: expfile (experiment files), safetensors (checkpoints), idx (Fashion-MNIST
#   IDX .gz), args (descent train's command line), or all (each in turn, SECONDS each).
# Builds build-fuzz/ once (CC=clang, -Dfuzz=true; Debian: clang libclang-rt-14-dev),
# starts from the committed seeds (tests/fuzz/seeds/PARSER) and keeps what it learns in
# build-fuzz/corpus/PARSER. Exit 0 when nothing broke; on a crash, a leak, a UBSan
# report or a broken error contract (see fuzz.h) it exits 1 and leaves the input in
# build-fuzz/crashes/. Replay it with build/tests/fuzz/replay_PARSER FILE; once fixed,
# commit it under tests/fuzz/regressions/PARSER/ (every build replays those in the unit
# suite; reconfigure after creating the folder).
set -euo pipefail
parsers=(expfile safetensors idx args)
case "${1:-}" in
  -h|--help|"") sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; [ -n "${1:-}" ]; exit $? ;;
esac
[ $# -ge 2 ] || { echo "tests/fuzz/run.sh: want PARSER SECONDS (try --help)" >&2; exit 2; }
parser=$1 seconds=$2; shift 2
[[ $seconds =~ ^[1-9][0-9]*$ ]] || { echo "tests/fuzz/run.sh: SECONDS: '$seconds' is not a positive integer" >&2; exit 2; }
if [ "$parser" = all ]; then
  for p in "${parsers[@]}"; do "$0" "$p" "$seconds" "$@"; done
  exit 0
fi
[[ " ${parsers[*]} " == *" $parser "* ]] ||
  { echo "tests/fuzz/run.sh: unknown parser '$parser' (${parsers[*]} or all)" >&2; exit 2; }
command -v clang >/dev/null || { echo "tests/fuzz/run.sh: needs clang (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }

cd "$(dirname "$0")/../.."
build=build-fuzz
if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzz=true -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
fi
ninja -C "$build" "tests/fuzz/fuzz_$parser" >/dev/null
mkdir -p "$build/corpus/$parser" "$build/crashes"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
echo "fuzzing $parser for $seconds s"
# -max_len: the seeds' sizes and a little more; the idx seeds need 13 kB.
"$build/tests/fuzz/fuzz_$parser" -max_total_time="$seconds" -max_len=16384 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/crashes/$parser-" "$@" \
  "$build/corpus/$parser" "tests/fuzz/seeds/$parser" 2>"$build/fuzz-$parser.log" || {
    rc=$?
    tail -40 "$build/fuzz-$parser.log" >&2
    echo "tests/fuzz/run.sh: $parser: libFuzzer exit $rc, input in $build/crashes/" >&2
    exit 1
  }
grep -E '^(stat::number_of_executed_units|stat::new_units_added|Done)' "$build/fuzz-$parser.log" || true
tail -1 "$build/fuzz-$parser.log"
