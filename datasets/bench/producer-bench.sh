#!/usr/bin/env bash
# Producer-rate benchmark of `./pagerboy datasets generate --to kafka://...` (docs/BENCHMARKS.md).
# Starts the local stack (embedded KRaft broker + Anvil) in the background, runs each case REPS
# times on fresh topics, prints every run and the median, and stops the stack.
#   usage: datasets/bench/producer-bench.sh [ALERTS] [REPS]
# Runs the same JVM command lines as ./pagerboy (the launcher's `exec java -cp ... MAIN`), built once.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ALERTS="${1:-1000000}"
REPS="${2:-3}"
cd "$ROOT"
mvn -B -q -DskipTests -pl datasets,devstack -am package >&2

cp_of() { echo "$ROOT/$1/target/classes:$(tr -d '\n' < "$ROOT/$1/target/classpath.txt")"; }
DATASETS_CP="$(cp_of datasets)"
STACK_CP="$(cp_of devstack)"
LOG="$(mktemp -d)"

java -Dpagerboy.root="$ROOT" -cp "$STACK_CP" dev.pagerboy.devstack.LocalStackMain \
  > "$LOG/stack.out" 2> "$LOG/stack.err" &
STACK_PID=$!
trap 'kill "$STACK_PID" 2>/dev/null; wait "$STACK_PID" 2>/dev/null || true; rm -rf "$LOG"' EXIT
for _ in $(seq 1 120); do
  grep -q '^bootstrap.servers=' "$LOG/stack.out" && break
  kill -0 "$STACK_PID" 2>/dev/null || { cat "$LOG/stack.err" >&2; exit 1; }
  sleep 1
done
BOOTSTRAP="$(sed -n 's/^bootstrap.servers=//p' "$LOG/stack.out")"
[[ -n "$BOOTSTRAP" ]] || { echo "stack did not start" >&2; exit 1; }
echo "broker $BOOTSTRAP; $ALERTS alerts per run, $REPS runs per case; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"

generate() { java -Dpagerboy.root="$ROOT" -cp "$DATASETS_CP" dev.pagerboy.datasets.cli.DatasetsCli generate "$@"; }
run=0
bench() { # name, alerts, generate options...
  local name="$1" alerts="$2"; shift 2
  local rates=()
  for r in $(seq 1 "$REPS"); do
    run=$((run + 1))
    local line
    line="$(generate --seed "$r" --alerts "$alerts" "${@//TOPIC/bench$run}" 2>&1 >/dev/null | tail -1)"
    echo "  $name #$r: ${line#datasets: }"
    rates+=("$(grep -oE '[0-9]+ alerts/s' <<<"$line" | cut -d' ' -f1)")
  done
  printf '%-46s median %s alerts/s\n' "$name" "$(printf '%s\n' "${rates[@]}" | sort -n | sed -n "$(( (REPS + 1) / 2 ))p")"
}

K="kafka://$BOOTSTRAP/TOPIC"
bench "file /dev/null, native (no Kafka)"        "$ALERTS" --format native --out /dev/null
bench "file /dev/null, alertmanager (no Kafka)"  "$ALERTS" --format alertmanager --out /dev/null
bench "kafka, native, unlimited"                 "$ALERTS" --format native --to "$K" --acks-topic TOPIC-acks
bench "kafka, pagerduty, unlimited"              "$ALERTS" --format pagerduty --to "$K" --acks-topic TOPIC-acks
bench "kafka, alertmanager, unlimited"           "$ALERTS" --format alertmanager --to "$K" --acks-topic TOPIC-acks
bench "kafka, native, --compression none"       "$ALERTS" --format native --to "$K" --acks-topic TOPIC-acks --compression none
bench "kafka, native, --rate 200000"             "$ALERTS" --format native --to "$K" --acks-topic TOPIC-acks --rate 200000
bench "kafka, native, --acks (1/10 the alerts)"  "$((ALERTS / 10))" --format native --acks --to "$K" --acks-topic TOPIC-acks
