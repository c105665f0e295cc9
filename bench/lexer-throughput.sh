#!/usr/bin/env bash
# Lexing throughput over the whole MilMove corpus (one thread). Prints MB/s for Lexer.tokenize and ScriptParser.parse.
# Usage: bench/lexer-throughput.sh [CORPUS_DIR] [WARMUP_PASSES] [TIMED_PASSES]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpora/milmove}"
./mvnw -B -q -o -pl bascule-core test-compile
# The benchmark needs only bascule-core's own classes (the lexer has no dependencies).
exec java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "bascule-core/target/test-classes:bascule-core/target/classes" \
  dev.bascule.sql.bench.LexerThroughput "$corpus" "${2:-5}" "${3:-10}"
