#!/usr/bin/env bash
# Reproduces the "Gateway" figures of docs/benchmarks.md:
#   1. JMH: the gateway filter's own work per request on a mock exchange (ns/op, B/op);
#   2. pairs: the same operations timed batch against batch in paired rounds, the filter's work read as a
#      difference within each round (robust to a machine that drifts between JMH's forks);
#   3. load: a real gateway process under load, plain static route vs the UnitRoute filter over five cells,
#      with an A/A pair of identical plain routes as the noise floor (CPU per request, throughput, p50/p99).
# Usage: benchmarks/gateway-benchmark.sh [all|jmh|pairs|load] [options of GatewayFilterPairs or
#   GatewayLoadBenchmark, e.g. --rounds=7]
# Linux only (the load benchmark reads the gateway's CPU time from /proc). Takes about 15 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -pl benchmarks -am package org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
what="${1:-all}"
shift || true

if [[ $what == all || $what == jmh ]]; then
  java -cp "$classpath" org.openjdk.jmh.Main 'io.unitrouter.benchmarks.gateway.GatewayFilterBenchmark' \
    -prof gc -rf json -rff benchmarks/target/gateway-jmh.json
fi
if [[ $what == all || $what == pairs ]]; then
  # Options go to the pairs only when they are run alone: "all" passes them to the load benchmark.
  pairs_options=()
  [[ $what == pairs ]] && pairs_options=("$@")
  java -Xms512m -Xmx512m -cp "$classpath" io.unitrouter.benchmarks.gateway.GatewayFilterPairs \
    "${pairs_options[@]}" | tee benchmarks/target/gateway-pairs.md
fi
if [[ $what == all || $what == load ]]; then
  java -cp "$classpath" io.unitrouter.benchmarks.gateway.GatewayLoadBenchmark \
    --out=benchmarks/target/gateway-load.md "$@"
fi
