#!/usr/bin/env bash
# Statements per migration from the server's log: 100 generated migrations, psql floor vs bascule before/after.
# Usage (as root, Debian's PostgreSQL 15 installed): BASELINE=<other checkout, jar built> bench/round-trips/count.sh
#   <the runner benchmark's generated migrations/bascule folder>. Uses its first 100 files.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${WORK:-/tmp/bascule-round-trips}"; mkdir -p "$work"; chmod 777 "$work" # the server runs as user postgres
B=/usr/lib/postgresql/15/bin
D=$work/pg; L=$work/pg.log; P=54391
rm -rf $D $L; mkdir -p $D; chown postgres $D; touch $L; chown postgres $L; runuser -u postgres -- $B/initdb -D $D -U postgres -A trust >/dev/null
runuser -u postgres -- $B/pg_ctl -D $D -o "-p $P -k $work -c listen_addresses=127.0.0.1 -c log_min_duration_statement=0 -c log_line_prefix='%d|' -c fsync=off" -l $L -w start >/dev/null
trap 'runuser -u postgres -- $B/pg_ctl -D $D -m fast stop >/dev/null' EXIT
rm -rf $work/m100; mkdir -p $work/m100; for f in $(ls "$1" | head -100); do cp "$1/$f" $work/m100/; done
{ for f in $(ls $work/m100); do printf 'BEGIN;\n\\i %s\nCOMMIT;\n' "$work/m100/$f"; done; } > $work/driver100.sql
chmod -R a+rX $work
for db in floor baseline pipelined; do psql -X -q -h 127.0.0.1 -p $P -U postgres -c "CREATE DATABASE $db"; done
psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $P -U postgres -d floor -f $work/driver100.sql
# Round trips (Sync + Query messages) per connection, counted on the wire by a proxy.
for pair in baseline:${BASELINE:?set BASELINE to a checkout with its jar built} pipelined:$repo; do
  db=${pair%%:*}; home=${pair#*:}
  python3 $repo/bench/round-trips/rtproxy.py 54392 $P $work/rt-$db.txt & proxy=$!
  sleep 0.5
  $home/bascule migrate --url "jdbc:postgresql://127.0.0.1:54392/$db?sslmode=disable&gssEncMode=disable" --user postgres --path $work/m100 | tail -1
  sleep 0.5; kill $proxy; wait $proxy 2>/dev/null || true
  echo "$db: round trips (Sync+Query) and statements parsed, per connection: $(tr '\n' ';' < $work/rt-$db.txt)"
done
sleep 1
for db in floor baseline pipelined; do
  simple=$(grep -c "^$db|LOG:  duration: [0-9.]* ms  statement:" $L || true)
  execs=$(grep -c "^$db|LOG:  duration: [0-9.]* ms  execute " $L || true)
  parses=$(grep -c "^$db|LOG:  duration: [0-9.]* ms  parse " $L || true)
  binds=$(grep -c "^$db|LOG:  duration: [0-9.]* ms  bind " $L || true)
  echo "$db: simple-protocol statements $simple, extended executes $execs (parse $parses, bind $binds), statements in all $((simple + execs))"
done
