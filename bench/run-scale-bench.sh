#!/usr/bin/env bash
# The scale series of issue 18: psql's floor and `bascule migrate` at 100, 1,000 and 10,000 generated migrations, each
# size in its own sitting of bench/run-runner-bench.sh (fresh server, warm-up, rotated order), printing time per
# migration, client CPU and peak RSS side by side. Cost per migration must not grow with the count, and memory must
# stay bounded.
#
#   bench/run-scale-bench.sh [--repetitions 3] [--sizes "100 1000 10000"]
#
# BENCH_WORK=DIR chooses the parent work folder (default: bench/target/scale-<UTC time>).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repetitions=3
sizes="100 1000 10000"
while [ $# -gt 0 ]; do
  case "$1" in
    --repetitions) repetitions="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    *) echo "run-scale-bench.sh: unknown option $1; usage: run-scale-bench.sh [--repetitions N] [--sizes \"100 1000 10000\"]" >&2; exit 2 ;;
  esac
done
parent="${BENCH_WORK:-$repo/bench/target/scale-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$parent"
for n in $sizes; do
  echo "== $n migrations" >&2
  BENCH_WORK="$parent/n$n" "$repo/bench/run-runner-bench.sh" --migrations "$n" --repetitions "$repetitions" \
    --contenders floor --limit-seconds 1800 >"$parent/n$n.txt"
done
echo "Scale series: psql (floor) and bascule migrate, medians of $repetitions; $(nproc) cores; $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-12s %-18s %12s %14s %12s %10s\n' migrations contender "wall (ms)" "ms/migration" "CPU (ms)" "RSS (MiB)"
for n in $sizes; do
  f="$parent/n$n.txt"
  for who in "psql (floor)" "bascule migrate"; do
    # Each table row: name, run 1..R, min, median (and, in the wall table, per migration and ratio).
    # (substr, not sub: the name "psql (floor)" is no regular expression)
    wall=$(awk -v w="$who" -v r="$repetitions" '/^wall time/ {t = 1} t && index($0, w) == 1 {split(substr($0, length(w) + 1), a, " +"); print a[r + 3]; exit}' "$f")
    cpu=$(awk -v w="$who" -v r="$repetitions" '/^client CPU/ {t = 1} t && index($0, w) == 1 {split(substr($0, length(w) + 1), a, " +"); print a[r + 3]; exit}' "$f")
    rss=$(awk -v w="$who" -v r="$repetitions" '/^client peak memory/ {t = 1} t && index($0, w) == 1 {split(substr($0, length(w) + 1), a, " +"); print a[r + 3]; exit}' "$f")
    printf '%-12s %-18s %12s %14s %12s %10s\n' "$n" "$who" "$wall" "$(awk -v w="$wall" -v n="$n" 'BEGIN {printf "%.3f", w / n}')" "$cpu" "$rss"
  done
  status="bascule status ($n applied)"
  wall=$(awk -v w="$status" -v r="$repetitions" '/^wall time/ {t = 1} t && index($0, w) == 1 {split(substr($0, length(w) + 1), a, " +"); print a[r + 3]; exit}' "$f")
  rss=$(awk -v w="$status" -v r="$repetitions" '/^client peak memory/ {t = 1} t && index($0, w) == 1 {split(substr($0, length(w) + 1), a, " +"); print a[r + 3]; exit}' "$f")
  printf '%-12s %-18s %12s %14s %12s %10s\n' "$n" "bascule status" "$wall" "" "" "$rss"
done
echo "(full tables: $parent/n*.txt)"
