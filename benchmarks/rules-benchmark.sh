#!/usr/bin/env bash
# Reproduces the "Rules at scale" figures of docs/benchmarks.md:
#   1. JMH: parse (YAML and JSON), table build, apply and route for every document shape, with allocation
#      (-prof gc): RulesAtScaleBenchmark;
#   2. propagation through the file store: 1, 10 and 50 router instances on one rule file, p50/p99 from
#      compareAndSet returning to the last instance's listener, at 10k shards and at 100k shards with 10,000
#      frozen fragments: RulePropagation.
#   targets: only what issue #15's parse and route targets need, about 5 minutes: parse (YAML, SnakeYAML's
#      events alone, JSON) of the 100,000-range document, and route for every shape, with allocation.
# Usage: benchmarks/rules-benchmark.sh [all|jmh|propagation|targets] [extra JMH options, e.g. -p shape=10k-shards-5-ranges]
# Prints the load average before each part: the figures only mean something next to it.
# Takes about 25 minutes (JMH about 15, propagation about 10).
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -pl benchmarks -am package -DskipTests
what="${1:-all}"
shift || true

if [[ $what == all || $what == jmh ]]; then
  uptime
  java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main 'io.unitrouter.benchmarks.rules.RulesAtScaleBenchmark' \
    -f 1 -wi 3 -i 5 -prof gc -rf json -rff benchmarks/target/rules-jmh.json "$@"
fi
if [[ $what == targets ]]; then
  uptime
  java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main \
    'io.unitrouter.benchmarks.rules.RulesAtScaleBenchmark.(parseYaml|parseYamlEventsOnly|parseJson)$' \
    -p shape=100k-shards-100000-ranges -f 1 -wi 3 -i 5 -prof gc -rf json -rff benchmarks/target/rules-parse.json "$@"
  uptime
  java -cp benchmarks/target/benchmarks.jar org.openjdk.jmh.Main \
    'io.unitrouter.benchmarks.rules.RulesAtScaleBenchmark.(route|baselineKeyLoad)$' \
    -f 1 -wi 3 -i 5 -prof gc -rf json -rff benchmarks/target/rules-route.json "$@"
  uptime
fi
if [[ $what == all || $what == propagation ]]; then
  rm -f benchmarks/target/rule-propagation.md
  echo "| shape | instances | publishes | p50 ms | p99 ms | max ms |"
  echo "|---|---|---|---|---|---|"
  for shape in 10k-shards-5-ranges 100k-shards-10000-frozen; do
    uptime
    java -Xms3g -Xmx3g -cp benchmarks/target/benchmarks.jar io.unitrouter.benchmarks.rules.RulePropagation \
      --shape="$shape" --instances=1,10,50 --publishes=60 --warmup=10
  done
fi
