#!/usr/bin/env bash
# Records bascule-cli/src/main/resources/dev/bascule/cli/startup-classes.txt: the JDK and library classes that
# `--version`, `demo` (embedded PostgreSQL: migrate and status), `status`, `validate` and `lint` load. The launcher
# dumps its class-data-sharing archive from this list, the JDK's own and every Bascule, picocli and pgjdbc class of the
# jar (see StartupClassList). Run it after adding a library that start-up or a common command uses; names of classes
# that later disappear are skipped by the dump, so a stale list costs only start-up time.
#
#   bench/make-startup-classlist.sh
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/bascule-cli/src/main/resources/dev/bascule/cli/startup-classes.txt"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$repo"
./bascule --version >/dev/null   # builds the jar when needed
record() {
  local name="$1"; shift
  BASCULE_JAVA_OPTS="-Xshare:off -XX:DumpLoadedClassList=$work/$name.lst" ./bascule "$@" >"$work/$name.out" 2>&1 || true
}
record version --version
record help --help
record demo demo
record lint lint examples/demo/migrations
{
  echo "# JDK and library classes loaded by bascule --version, --help, demo and lint; recorded by bench/make-startup-classlist.sh."
  echo "# Bascule's, picocli's and pgjdbc's own classes are not listed: StartupClassList takes them all from the jar."
  echo "# The @lambda lines let the archive hold the lambdas those runs made; their format is the recording JDK's (the"
  echo "# launcher dumps again without them if another JDK refuses them)."
  cat "$work"/*.lst | grep -v '^[#@]' | awk '{print $1}' \
    | grep -v -E '^(dev/bascule|picocli|org/postgresql)/|\$\$Lambda|LambdaForm\$|/0x' | awk '!seen[$0]++'
  cat "$work"/*.lst | grep -E '^@lambda-(proxy|form-invoker) ' | awk '!seen[$0]++'
} >"$out"
echo "wrote $(grep -vc '^[#@]' "$out") class names and $(grep -c '^@' "$out") lambda lines to $out" >&2
