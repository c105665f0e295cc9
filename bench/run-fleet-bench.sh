#!/usr/bin/env bash
# The fleet benchmark of issue 18: D databases (default 100) of one embedded PostgreSQL 17, each given M generated
# migrations (default 50), by one `bascule migrate` process per database in turn and by one `bascule fleet migrate
# --parallel N` process (N = 1, 4, 8); wall time of the whole job, the server's CPU (/proc of the postmaster and its
# processes) and the client's (GNU time). Prints the figures and writes them to WORK/results.txt.
#
#   bench/run-fleet-bench.sh [--databases 100] [--migrations 50] [--parallel 1,4,8] [--repetitions 3]
#
# BENCH_WORK=DIR chooses the work folder (default: bench/target/fleet-<UTC time>); it must be new or empty.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

echo "building bascule-cli/target/bascule.jar and the bench module..." >&2
# Not -Dmaven.test.skip: bascule-cli depends on bascule-core's test-jar, which that flag leaves unbuilt.
./mvnw -B -q -DskipTests package -pl bascule-cli -am >&2
# A fresh jar invalidates the launcher's class-data-sharing archive; the benchmark's warm-up recreates it.
if [ -f bascule-cli/target/bascule.jsa ] && [ bascule-cli/target/bascule.jar -nt bascule-cli/target/bascule.jsa ]; then
  rm -f bascule-cli/target/bascule.jsa
fi
./mvnw -B -q -Pbench -pl bench -DskipTests package >&2

work="${BENCH_WORK:-$repo/bench/target/fleet-$(date -u +%Y%m%dT%H%M%SZ)}"
echo "work folder: $work" >&2
exec java -cp "$repo/bench/target/classes:$(cat "$repo/bench/target/bench-classpath.txt")" \
  dev.bascule.bench.FleetBenchmark --repo "$repo" --work "$work" "$@"
