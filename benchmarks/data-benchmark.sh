#!/usr/bin/env bash
# Reproduces the "Data layer" figures of docs/benchmarks.md: point INSERT (auto-commit and in a transaction)
# and SELECT by key through raw JDBC, plain ShardingSphere and the unit-router data source (algorithm only,
# guard, guard + fence, guard + fence in trigger mode), on in-memory H2 and on MariaDB, timed in interleaved rounds, reported as ratios.
# Usage: benchmarks/data-benchmark.sh [--databases=h2 --rounds=7 --seconds=1 --warmup=6 --paths=shardingsphere,guard-fence --logged=2]
# MariaDB on 127.0.0.1:3306 (root, no password) unless --databases=h2; the benchmark creates the databases
# ur_bench_0 and ur_bench_1 (and ur_bench_trigger_0/_1 for the path guard-fence-trigger, whose tables carry the
# fence triggers) and drops them at the end. After the timed rounds it switches MariaDB's general
# log on (log_output=TABLE) for a few writes, to list the statements each sends, and then back to what it was
# (--logged=0 leaves the log alone). Takes about 8 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -pl benchmarks -am package -DskipTests
java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar io.unitrouter.benchmarks.data.DataLayerLoad "$@"
