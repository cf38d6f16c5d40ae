#!/usr/bin/env bash
# Reproduces the "Data layer" figures of docs/benchmarks.md: point INSERT and SELECT by key through raw JDBC,
# plain ShardingSphere and the unit-router data source (algorithm only, guard, guard + fence), on in-memory H2
# and on MariaDB, all in one run, printed as throughput ratios.
# Usage: benchmarks/data-benchmark.sh [JMH options, e.g. -p database=h2 or -f 2]
# MariaDB on 127.0.0.1:3306 (root, no password) unless -p database=h2; the benchmark creates and drops
# the databases ur_bench_0 and ur_bench_1. Takes about 15 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -pl benchmarks -am package -DskipTests
java -cp benchmarks/target/benchmarks.jar io.unitrouter.benchmarks.data.DataLayerReport "$@"
