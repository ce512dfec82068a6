#!/bin/bash
# run.sh CPFILE TAG [nice] : one bench dispatch run, per-thread CPU series and timestamped output
CP=$(cat $1); TAG=$2; NICE=${3:-0}
HERE="$(cd "$(dirname "$0")" && pwd)"
nice -n $NICE java -Xmx3g -Dpagerboy.root="$HERE/../.." -cp "$CP" dev.pagerboy.tools.bench.BenchDispatchCommand --pages ${PAGES:-30000} --rate 2000 --seconds 5 --e2e-rates none > >(python3 -u -c '
import sys,time
for l in sys.stdin: sys.stdout.write("%.2f %s" % (time.time(), l)); sys.stdout.flush()' > $TAG.out) 2> $TAG.err &
PID=$!
python3 "$HERE/thread_cpu_sample.py" $PID $TAG.series &
wait $PID; echo rc=$? >> $TAG.out; sleep 1
