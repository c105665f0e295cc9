#!/usr/bin/env bash
# The runner benchmark of issue 2: N generated migrations applied by psql (one session, one transaction per file:
# the floor), `bascule migrate`, Flyway 11 and 13 and Liquibase 4.33, each on a fresh database of one embedded PostgreSQL 17, each timed as
# a whole process (JVM start included). Prints wall times, medians and ratios; writes them to WORK/results.txt.
#
#   bench/run-runner-bench.sh [--migrations 1000] [--repetitions 3] [--server-setting NAME=VALUE]... [--psql PATH]
#
# BENCH_WORK=DIR chooses the work folder (default: bench/target/runner-<UTC time>); it must be new or empty.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

command -v psql >/dev/null || { echo "run-runner-bench.sh: psql not found; install it (apt-get install postgresql-client) or pass --psql PATH" >&2; exit 2; }

echo "building bascule-cli/target/bascule.jar and the bench module..." >&2
# Not -Dmaven.test.skip: bascule-cli depends on bascule-core's test-jar, which that flag leaves unbuilt.
./mvnw -B -q -DskipTests package -pl bascule-cli -am >&2
# A fresh jar invalidates the launcher's class-data-sharing archive; the benchmark's warm-up round recreates it.
if [ -f bascule-cli/target/bascule.jsa ] && [ bascule-cli/target/bascule.jar -nt bascule-cli/target/bascule.jsa ]; then
  rm -f bascule-cli/target/bascule.jsa
fi
./mvnw -B -q -Pbench -pl bench -DskipTests package >&2

# Current peers, each from its own POM (not part of the build): Flyway 13 and Liquibase 4.33.
for peer in flyway13 liquibase; do
  ./mvnw -B -q -f "bench/peers/$peer/pom.xml" dependency:build-classpath -Dmdep.outputFile="$repo/bench/target/$peer-classpath.txt" >&2
done

work="${BENCH_WORK:-$repo/bench/target/runner-$(date -u +%Y%m%dT%H%M%SZ)}"
echo "work folder: $work" >&2
exec java -cp "$repo/bench/target/classes:$(cat "$repo/bench/target/bench-classpath.txt")" \
  dev.bascule.bench.RunnerBenchmark --repo "$repo" --work "$work" \
  --flyway-classpath "$repo/bench/target/classes:$(cat "$repo/bench/target/flyway-classpath.txt")" \
  --flyway13-classpath "$(cat "$repo/bench/target/flyway13-classpath.txt")" \
  --liquibase-classpath "$(cat "$repo/bench/target/liquibase-classpath.txt")" "$@"
