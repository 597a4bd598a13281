#!/usr/bin/env bash
# The long soak (issue 24; not in CI): VISITS member visits in one offscreen kiosk for each
# variant of tst_soak (plain, 大字模式 switched on every visit, the video left playing), one
# after another. Prints, per variant, resident memory and the heap figures every 100 visits,
# the growth after the warm-up (the first 10 % of the visits) and the least-squares slope of RSS
# over the last half with its standard error; the test itself judges (growth <= 2 %, slope
# indistinguishable from zero) and this script's exit status is 1 when any variant failed.
#
#   tests/soak/long-soak.sh 2000                    # all three variants, ~1 h each
#   tests/soak/long-soak.sh 500 largeType           # one variant
#
# Environment: SOAK_BINARY (default build/release/tests/quick/tst_soak), SOAK_OUT (a folder for
# the logs and each variant's per-visit CSV; default a new folder under /tmp).
set -euo pipefail

visits=${1:?usage: tests/soak/long-soak.sh VISITS [plain|largeType|videoLeftPlaying ...]}
shift
rows=("$@")
[ ${#rows[@]} -gt 0 ] || rows=(plain largeType videoLeftPlaying)
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${SOAK_BINARY:-$root/build/release/tests/quick/tst_soak}
[ -x "$bin" ] || { echo "long-soak: $bin not built (cmake --build build/release --target tst_soak sample_media)" >&2; exit 2; }
out=${SOAK_OUT:-$(mktemp -d /tmp/long-soak.XXXXXX)}
mkdir -p "$out"

# The test's own figures from a CSV (visit,rss_kb,...): for a run that did not finish.
summarise_csv() {
  awk -F, 'NR > 1 { n++; y[n - 1] = $2 }
    END {
      if (n < 4) { print "   too few visits in the CSV"; exit }
      warm = int(n / 10); if (warm < 1) warm = 1
      base = y[warm - 1]; peak = y[warm]
      for (i = warm; i < n; i++) if (y[i] > peak) peak = y[i]
      from = int(n / 2); m = n - from
      for (i = from; i < n; i++) { mx += i; my += y[i] }
      mx /= m; my /= m
      for (i = from; i < n; i++) { sxx += (i - mx) ^ 2; sxy += (i - mx) * (y[i] - my) }
      b = sxy / sxx
      for (i = from; i < n; i++) { r[i] = y[i] - (my + b * (i - mx)); sse += r[i] ^ 2 }
      for (i = from + 1; i < n; i++) lag += r[i] * r[i - 1]
      rho = sse > 0 ? lag / sse : 0; if (rho < 0) rho = 0; if (rho > 0.9) rho = 0.9
      se = sqrt(sse / (m - 2) / sxx * (1 + rho) / (1 - rho))
      printf "   from the CSV, %d visits: RSS %d kB after the warm-up (%d visits), %d kB at the end (%+.2f%%), highest %d kB (%+.2f%%); slope over the last half %+.0f ± %.0f kB per 100 visits\n",
        n, base, warm, y[n - 1], 100 * (y[n - 1] - base) / base, peak, 100 * (peak - base) / base, 100 * b, 100 * se
    }' "$1"
}

status=0
for row in "${rows[@]}"; do
  log=$out/$row.log
  echo "== $row: $visits visits, started $(date -u '+%F %T') UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "   log $log, RSS of every visit $out/$row.csv"
  # QtTest blocks SIGTERM: a hung run is killed (generously: ~2 s a visit on a loaded machine).
  if QT_QPA_PLATFORM=offscreen SOAK_SESSIONS=$visits SOAK_REPORT_EVERY=100 SOAK_CSV=$out/$row.csv \
      timeout -s KILL $((visits * 20 + 600)) "$bin" -maxwarnings 0 "visits:$row" > "$log" 2>&1; then
    result=PASS
  else
    result=FAIL
    status=1
  fi
  grep -o "soak $row: .*" "$log" | sed "s/^soak $row: /   /" || true
  grep -q "soak $row: $visits visits:" "$log" || summarise_csv "$out/$row.csv"
  grep -E -A1 '^(FAIL!|QFATAL)' "$log" | sed 's/^/   /' || true
  echo "   $result, ended $(date -u '+%F %T') UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
done
exit $status
