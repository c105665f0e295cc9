#!/usr/bin/env bash
# The data-migration benchmark of issue 11: lower-cases the emails of a 1,000,000-row table (a) with one UPDATE,
# (b) with seed 002's OFFSET loop as written, (c) with the same UPDATE under `-- bascule:batch`; then (c) again
# while pgbench runs a read/write load on the same table, against pgbench alone. One embedded PostgreSQL 17.
# Prints rows/s, total time, the longest transaction, rows missed and changed twice, and pgbench's p99 latency;
# writes them to WORK/results.txt.
#
#   bench/data-migration-bench.sh [--rows 1000000] [--size 5000] [--repetitions 3] [--skip-offset-loop]
#       [--pgbench /usr/bin/pgbench] [--clients 4] [--rate 400] [--baseline-seconds 30] [--load-seconds N]
#       [--pause-ms 0] [--server-setting NAME=VALUE]...
#   bench/data-migration-bench.sh --large ...   # 10,000,000 rows, without the OFFSET loop (it would run for hours)
#
# BENCH_WORK=DIR chooses the work folder (default: bench/target/data-migration-<UTC time>).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

args=()
pgbench=/usr/bin/pgbench
while [ $# -gt 0 ]; do
  case "$1" in
    --large) args+=(--rows 10000000 --skip-offset-loop); shift ;;
    --pgbench) pgbench="$2"; args+=("$1" "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[ -x "$pgbench" ] || { echo "data-migration-bench.sh: $pgbench not found; install it (apt-get install postgresql-contrib or postgresql-15) or pass --pgbench PATH" >&2; exit 2; }

echo "building bascule-core and the bench module..." >&2
./mvnw -B -q -Pbench -pl bench -am -DskipTests package >&2

work="${BENCH_WORK:-$repo/bench/target/data-migration-$(date -u +%Y%m%dT%H%M%SZ)}"
echo "work folder: $work" >&2
exec java -Xmx1g -cp "$repo/bench/target/classes:$(cat "$repo/bench/target/bench-classpath.txt")" \
  dev.bascule.bench.DataMigrationBenchmark --work "$work" "${args[@]}"
