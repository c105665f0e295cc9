#!/usr/bin/env bash
# Lexer fuzz job: 10^6 random and mutated MilMove inputs through Lexer.tokenize and ScriptParser.parse, checking that
# only ScriptSyntaxError is thrown and that tokens and statements cover every character. Not part of ./mvnw verify.
# Usage: bench/lexer-fuzz.sh [--corpus DIR] [--seed N] [--count N] [--failures DIR] [--only INDEX]
#   defaults: --corpus ../shared/corpora/milmove --seed 1 --count 1000000 --failures bench/target/lexer-fuzz-failures
# Exit status: 0 no failure, 1 some input failed (saved under --failures), 2 an input hung (> 30 s).
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
case " $* " in *" --corpus "*) ;; *) args=(--corpus "${CORPUS:-../shared/corpora/milmove}" "${args[@]}");; esac
./mvnw -B -q -Pbench -pl bench -am compile
# The job needs only bascule-core's classes (the lexer has no dependencies) and its own.
exec java -Xms512m -Xmx512m -XX:+UseParallelGC -cp "bench/target/classes:bascule-core/target/classes" \
  dev.bascule.bench.LexerFuzz "${args[@]}"
