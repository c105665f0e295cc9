#!/usr/bin/env bash
# Interleaved A/B: psql floor, bascule before (baseline jar) and after (pipelined), 1,000 migrations, fresh database each.
# Usage: BASELINE=<other checkout> bench/round-trips/ab.sh <migrations/bascule folder> <its psql-driver.sql> <rounds>
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${WORK:-/tmp/bascule-round-trips}"; mkdir -p "$work"; chmod 777 "$work" # the server runs as user postgres
B=/usr/lib/postgresql/15/bin; D=$work/pgab; L=$work/pgab.log; P=54393
M=$1; DRIVER=$2; PAIRS=$3
rm -rf $D $L; mkdir -p $D; chown postgres $D; touch $L; chown postgres $L
runuser -u postgres -- $B/initdb -D $D -U postgres -A trust >/dev/null
runuser -u postgres -- $B/pg_ctl -D $D -o "-p $P -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" -l $L -w start >/dev/null
trap 'runuser -u postgres -- $B/pg_ctl -D $D -m fast stop >/dev/null' EXIT
run() { # name db command...
  local name=$1 db=$2; shift 2
  psql -X -q -h 127.0.0.1 -p $P -U postgres -c "CREATE DATABASE $db"
  /usr/bin/time -f "%e %U %S" -o $work/t.txt "$@" >/dev/null
  read wall user sys < $work/t.txt
  echo "$name wall_ms=$(echo "$wall*1000/1" | bc) cpu_ms=$(echo "($user+$sys)*1000/1" | bc)"
  psql -X -q -h 127.0.0.1 -p $P -U postgres -c "DROP DATABASE $db"
}
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 0 $PAIRS); do   # round 0 is the warm-up
  order=(floor baseline pipelined); k=$((i % 3)); order=("${order[@]:$k}" "${order[@]:0:$k}")
  for c in "${order[@]}"; do
    case $c in
      floor) run "r$i floor" db_f_$i psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p $P -U postgres -d db_f_$i -f $DRIVER ;;
      baseline) run "r$i baseline" db_b_$i ${BASELINE:?set BASELINE to a checkout with its jar built}/bascule migrate --url jdbc:postgresql://127.0.0.1:$P/db_b_$i --user postgres --path $M ;;
      pipelined) run "r$i pipelined" db_p_$i $repo/bascule migrate --url jdbc:postgresql://127.0.0.1:$P/db_p_$i --user postgres --path $M ;;
    esac
  done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
