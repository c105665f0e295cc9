#!/usr/bin/env bash
# bascule before/after through a proxy adding 1 ms before each server reply (a simulated 1 ms round-trip time).
# Usage: BASELINE=<other checkout> bench/round-trips/rtt.sh <migrations/bascule folder> <rounds>
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="${WORK:-/tmp/bascule-round-trips}"; mkdir -p "$work"; chmod 777 "$work" # the server runs as user postgres
B=/usr/lib/postgresql/15/bin; D=$work/pgrtt; L=$work/pgrtt.log; P=54394; X=54395
M=$1; N=$2
rm -rf $D $L; mkdir -p $D; chown postgres $D; touch $L; chown postgres $L
runuser -u postgres -- $B/initdb -D $D -U postgres -A trust >/dev/null
runuser -u postgres -- $B/pg_ctl -D $D -o "-p $P -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off" -l $L -w start >/dev/null
python3 $repo/bench/round-trips/rtproxy.py $X $P $work/rtt-counts.txt 0.001 & proxy=$!
trap 'kill $proxy; runuser -u postgres -- $B/pg_ctl -D $D -m fast stop >/dev/null' EXIT
sleep 0.5
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 $N); do
  for pair in baseline:${BASELINE:?set BASELINE to a checkout with its jar built} pipelined:$repo; do
    c=${pair%%:*}; home=${pair#*:}; db=db_${c}_$i
    psql -X -q -h 127.0.0.1 -p $P -U postgres -c "CREATE DATABASE $db"
    /usr/bin/time -f "%e %U %S" -o $work/t2.txt $home/bascule migrate --url "jdbc:postgresql://127.0.0.1:$X/$db?sslmode=disable&gssEncMode=disable" --user postgres --path $M >/dev/null
    read wall user sys < $work/t2.txt
    echo "r$i $c wall_ms=$(echo "$wall*1000/1" | bc) cpu_ms=$(echo "($user+$sys)*1000/1" | bc)"
  done
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
