#!/usr/bin/env bash
# Reproduces the "Failover" figures of docs/benchmarks.md: a planned drain of one data center (drain:hz2) with
# clients writing through fenced data sources, and an unplanned loss of a city (sh) including detection by the
# health monitor, each timed end to end over several runs, with every phase's share; plus the time of one plain
# publish to every instance as the baseline. File rule store with its defaults, fences on in-memory H2.
# Usage: benchmarks/failover-benchmark.sh [--runs=10 --clients=4 --out=benchmarks/target/failover-timings.md]
# Takes about 3 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -pl benchmarks -am package -DskipTests
java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar io.unitrouter.benchmarks.failover.FailoverTimings "$@"
