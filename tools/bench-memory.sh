#!/usr/bin/env bash
# Memory and time of long simulated runs, natively (issue 10's bound): `obsim run` of N days of
# `SELECT SLEEP(86400);` from each scenario, measured with /usr/bin/time -v (maximum resident set
# size). Usage: tools/bench-memory.sh [OBSIM_BINARY]  (default target/release/obsim; ./dev
# bench-memory builds it first). The figures go to BENCHMARKS.md by hand.
set -euo pipefail
bin=${1:-${CARGO_TARGET_DIR:-target}/release/obsim}
[ -x "$bin" ] || { echo "bench-memory: no $bin (build: cargo build -p obsim --release)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench-memory: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '%-8s %6s %12s %9s\n' scenario days "max RSS KB" "seconds"
for scenario in fresh ready busy; do
  for days in 1 7 30 90; do
    for _ in $(seq "$days"); do echo "SELECT SLEEP(86400);"; done > "$tmp/s.sql"
    /usr/bin/time -f "%M %e" -o "$tmp/t" "$bin" run "$tmp/s.sql" --scenario "$scenario" > /dev/null
    read -r rss secs < "$tmp/t"
    printf '%-8s %6d %12d %9s\n' "$scenario" "$days" "$rss" "$secs"
  done
done
