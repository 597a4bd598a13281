#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a bounded time on its
# seed corpus, then replays every kept regression input. Fails on any crash, leak, sanitizer
# report or timeout, leaving the input under <build>/artifacts/.
#
#   tests/fuzz/run-fuzz.sh [BUILD_DIR]        FUZZ_SECONDS=30 by default (per target)
#   FUZZ_SECONDS=3600 FUZZ_TARGETS="roster" tests/fuzz/run-fuzz.sh    a longer run on demand
#
# A crash found this way is fixed in the parser and its input copied to
# tests/fuzz/regressions/<target>/ so the suite replays it from then on.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
src="$(cd "$here/../.." && pwd)"
build="${1:-$src/build/fuzz}"
seconds="${FUZZ_SECONDS:-30}"
targets="${FUZZ_TARGETS:-membercode roster quizbank videomanifest events announcements revocation distribution batchfile}"

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j2

# Seeds: the files the kiosk really reads (samples, test data), plus tests/fuzz/corpus/<target>.
seeds_for() {
  case "$1" in
    roster)        echo "$src/tests/data/roster $src/kiosk-config/samples/roster.csv" ;;
    quizbank)      echo "$src/kiosk-config/samples/content/quiz $src/kiosk-config/question-bank-template.csv" ;;
    videomanifest) echo "$src/media/videos.json" ;;
    events)        echo "$src/kiosk-config/samples/content/events" ;;
    announcements) echo "$src/kiosk-config/samples/content/announcements/announcements.json" ;;
  esac
  [ -d "$here/corpus/$1" ] && echo "$here/corpus/$1"
  return 0
}

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p "$build/artifacts"
status=0
for t in $targets; do
  exe="$build/fuzz_$t"
  corpus="$build/corpus/$t"   # the fuzzer adds what it finds here, never in the source tree
  mkdir -p "$corpus"
  for s in $(seeds_for "$t"); do
    if [ -d "$s" ]; then cp -f "$s"/* "$corpus"/ 2>/dev/null || true; elif [ -f "$s" ]; then cp -f "$s" "$corpus"/; fi
  done
  if [ -d "$here/regressions/$t" ] && [ -n "$(ls -A "$here/regressions/$t")" ]; then
    echo "== $t: replaying $(ls "$here/regressions/$t" | wc -l) regression input(s)"
    "$exe" -runs=0 "$here/regressions/$t"/* >"$build/$t-regressions.log" 2>&1 || { echo "FAIL $t regression"; tail -40 "$build/$t-regressions.log"; status=1; continue; }
  fi
  echo "== $t: ${seconds}s from $(ls "$corpus" | wc -l) seed(s)"
  if "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
       -artifact_prefix="$build/artifacts/$t-" "$corpus" >"$build/$t.log" 2>&1; then
    grep -E "stat::number_of_executed_units|stat::new_units_added" "$build/$t.log" | tr '\n' ' '; echo
  else
    echo "FAIL $t (input kept in $build/artifacts/):"; tail -60 "$build/$t.log"; status=1
  fi
done
exit $status
