#!/usr/bin/env bash
# Migrating under load (issue 12): pgbench runs a read/write load on app_accounts while a second session holds a
# read transaction on it; then `ALTER TABLE app_accounts ADD COLUMN ...` is applied by
#   (a) psql, as most deploy scripts do (no lock_timeout): it queues behind the reader and every application query
#       queues behind it. The reader ends --hold seconds after the ALTER first queued for its lock;
#   (b) `bascule migrate` with its defaults (lock_timeout 10 s, 5 retries with backoff outside dev);
#   (c) `bascule migrate --lock-timeout LT` for each --extra-lock-timeout given (default: 2s).
# For each it prints pgbench's errors, its p99 and max latency (from the scheduled start, schedule lag included: the
# application's view under a fixed arrival rate), the longest stall (the longest time no transaction completed), from
# pgbench --log, and how long the ALTER's command took (for bascule: JVM start, retries and backoff included).
#
#   bench/run-under-load-bench.sh [--hold 20] [--duration 50] [--rate 50] [--clients 8]
#                                 [--extra-lock-timeout 2s]... [--pg-bin /usr/lib/postgresql/15/bin]
#
# The server is Debian's PostgreSQL 15, started by this script in the work folder and stopped at the end
# (as root the server programs run as the 'postgres' user through runuser). BENCH_WORK=DIR chooses the work folder
# (default bench/target/under-load-<UTC time>).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

hold=20 duration=50 rate=50 clients=8 pg_bin=/usr/lib/postgresql/15/bin
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --hold) hold="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --extra-lock-timeout) extra+=("$2"); shift 2 ;;
    --pg-bin) pg_bin="$2"; shift 2 ;;
    *) echo "run-under-load-bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ ${#extra[@]} -gt 0 ] || extra=(2s)
for program in initdb pg_ctl postgres; do
  [ -x "$pg_bin/$program" ] || { echo "run-under-load-bench.sh: $pg_bin/$program not found; apt-get install postgresql-15 or pass --pg-bin" >&2; exit 2; }
done
command -v pgbench >/dev/null && command -v psql >/dev/null || { echo "run-under-load-bench.sh: pgbench and psql are needed (apt-get install postgresql-client)" >&2; exit 2; }
[ "$duration" -ge $((hold + 25)) ] || { echo "run-under-load-bench.sh: --duration must be at least --hold + 25 s" >&2; exit 2; }

echo "building bascule-cli/target/bascule.jar..." >&2
./mvnw -B -q -DskipTests package -pl bascule-cli -am >&2
jar="$repo/bascule-cli/target/bascule.jar"

work="${BENCH_WORK:-$repo/bench/target/under-load-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$work/pg"
echo "work folder: $work" >&2
as_server=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "run-under-load-bench.sh: running as root needs a 'postgres' user for the server" >&2; exit 2; }
  chown postgres "$work/pg"
  as_server=(runuser -u postgres --)
fi
port=$((20000 + RANDOM % 30000))
while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
"${as_server[@]}" "$pg_bin/initdb" -D "$work/pg/data" -U postgres -A trust --no-sync >"$work/pg/initdb.log"
"${as_server[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
  -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c max_connections=60" start >/dev/null
stop_server() { "${as_server[@]}" "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true; }
trap stop_server EXIT
sql() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }

cat >"$work/app.sql" <<'SQL'
\set id random(1, 10000)
BEGIN;
SELECT balance FROM app_accounts WHERE id = :id;
UPDATE app_accounts SET balance = balance + 1 WHERE id = :id;
END;
SQL

# One scenario: a fresh database and pgbench for $duration s; from t=5 s a reader holds ACCESS SHARE on the table;
# 0.5 s later the ALTER command starts; the reader ends $hold s after the ALTER first queues for its lock (so the JVM's
# start-up on a loaded machine does not shorten the blocker bascule meets).
scenario() {
  local name="$1"; shift
  local dir="$work/$name" db="load_$name"
  mkdir -p "$dir/migrations"
  sql -d postgres -c "CREATE DATABASE $db"
  sql -d "$db" -c "CREATE TABLE app_accounts (id int PRIMARY KEY, balance bigint NOT NULL DEFAULT 0)" \
      -c "INSERT INTO app_accounts (id) SELECT generate_series(1, 10000)" -c "VACUUM ANALYZE app_accounts"
  echo "ALTER TABLE app_accounts ADD COLUMN note text;" >"$dir/migrations/20260101000000_add_note.up.sql"
  (cd "$dir" && pgbench -n -h 127.0.0.1 -p "$port" -U postgres -c "$clients" -j 2 -R "$rate" -T "$duration" \
      -f "$work/app.sql" --log --log-prefix="$dir/tx" "$db" >"$dir/pgbench.out" 2>&1) &
  local bench=$!
  sleep 5
  sql -d "$db" -c "SET application_name = 'long-report'" -c "BEGIN" -c "SELECT count(*) FROM app_accounts" \
      -c "SELECT pg_sleep(3600)" >/dev/null 2>&1 &
  local reader=$!
  until [ "$(sql -d "$db" -Atc "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'long-report' AND query LIKE 'SELECT pg_sleep%'")" = 1 ]; do
    sleep 0.05
    kill -0 "$reader" 2>/dev/null || { echo "run-under-load-bench.sh: $name: the reader session ended before holding its lock" >&2; exit 1; }
  done
  sleep 0.5
  local start end queued
  start=$(date +%s.%N)
  ( "$@" >"$dir/alter.out" 2>&1 || echo "  ($name: the ALTER command exited $?; see $dir/alter.out)" >&2; date +%s.%N >"$dir/alter.end" ) &
  local alter=$!
  local waited=0
  until [ "$(sql -d "$db" -Atc "SELECT count(*) FROM pg_locks WHERE relation = 'app_accounts'::regclass AND mode = 'AccessExclusiveLock' AND NOT granted")" = 1 ]; do
    sleep 0.02
    waited=$((waited + 1))
    [ "$waited" -lt 3000 ] || { echo "run-under-load-bench.sh: $name: the ALTER did not queue for its lock within 60 s; see $dir/alter.out" >&2; exit 1; }
  done
  queued=$(date +%s.%N)
  sleep "$hold"
  sql -d "$db" -Atc "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'long-report'" >/dev/null
  wait "$alter" || true
  end=$(cat "$dir/alter.end")
  wait "$reader" || true
  wait "$bench" || true
  # Per transaction: completion time (epoch s) and latency (ms). Under --rate pgbench's logged time already counts
  # from the scheduled start, schedule lag included: what the application's caller waits.
  cat "$dir"/tx.* | awk '{ printf "%.6f %.3f\n", $5 + $6 / 1e6, $3 / 1000 }' >"$dir/transactions.txt"
  local count p99 max stall failed aborted
  count=$(wc -l <"$dir/transactions.txt")
  p99=$(cut -d' ' -f2 "$dir/transactions.txt" | sort -n | awk -v n="$count" 'NR == int(n * 0.99 + 0.999999) { print; exit }')
  max=$(cut -d' ' -f2 "$dir/transactions.txt" | sort -n | tail -1)
  stall=$(cut -d' ' -f1 "$dir/transactions.txt" | sort -n | awk 'NR > 1 && $1 - prev > gap { gap = $1 - prev } { prev = $1 } END { printf "%.1f", gap }')
  failed=$(awk '/number of failed transactions/ { print $5; found = 1 } END { if (!found) print 0 }' "$dir/pgbench.out")
  aborted=$(grep -c "aborted" "$dir/pgbench.out" || true)
  printf "%-34s %8d %7d %9.0f %9.0f %10s %13.1f %10.1f\n" "$name" "$count" $((failed + aborted)) "$p99" "$max" "$stall" \
    "$(echo "$end - $start" | bc)" "$(echo "$queued - $start" | bc)" >>"$work/results.txt"
  grep -hE "waiting for a lock|retry|lock timeout|applied" "$dir/alter.out" | sed "s/^/    /" >>"$work/notes.txt" || true
}

{
  echo "server: $("$pg_bin/postgres" --version), 127.0.0.1, default settings; client: $(pgbench --version); $(java -version 2>&1 | head -1)"
  echo "load: pgbench -c $clients -j 2 -R $rate -T $duration, script: BEGIN; SELECT by id; UPDATE by id; END (10,000 rows)"
  echo "reader: BEGIN; SELECT count(*) FROM app_accounts; pg_sleep, from t=5 s, ended $hold s after the ALTER first queues; the ALTER command starts 0.5 s after the reader"
  echo "queued s: when the ALTER first queued for its lock, counted from the command's start (JVM start-up for bascule)"
  echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
  echo
  printf "%-34s %8s %7s %9s %9s %10s %13s %10s\n" "ALTER TABLE ... ADD COLUMN by" "app tx" "errors" "p99 ms" "max ms" "stall s" "command s" "queued s"
} >"$work/results.txt"
: >"$work/notes.txt"

scenario psql sql -d load_psql -c "ALTER TABLE app_accounts ADD COLUMN note text"
bascule() { java -jar "$jar" migrate --url "jdbc:postgresql://127.0.0.1:$port/$1" --user postgres --path "$work/$2/migrations" "${@:3}"; }
scenario bascule_defaults bascule load_bascule_defaults bascule_defaults
for lt in "${extra[@]}"; do
  scenario "bascule_lock_timeout_$lt" bascule "load_bascule_lock_timeout_$lt" "bascule_lock_timeout_$lt" --lock-timeout "$lt"
done
echo "machine load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$work/results.txt"
{ echo; echo "bascule's lines about the lock:"; cat "$work/notes.txt"; } >>"$work/results.txt"
cat "$work/results.txt"
