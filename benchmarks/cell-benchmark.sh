#!/usr/bin/env bash
# Reproduces the "Cell with and without the starter" figures of docs/benchmarks.md: the same Spring MVC
# service started, and put under wrk load, with the unit-router starter on its class path and without it
# (start-up time, p50/p99 latency and CPU per request, with an A/A pair of plain runs as the noise floor).
# Usage: benchmarks/cell-benchmark.sh [CellLoadBenchmark options, e.g. --rounds=9 --seconds=10, or
#   --fresh-processes=true for a new process of each variant every round, --signed=false for cells without a
#   secret and an unsigned context, --context=false for the key header alone (no routing context), or
#   --hooks=true for a fourth variant: the plain service with an empty filter and interceptor]
# Needs wrk (Debian: apt-get install wrk); Linux only (CPU time from /proc). Takes about 8 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v wrk >/dev/null || { echo "cell-benchmark: wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
./mvnw -q -B -pl benchmarks,benchmarks/cell-app -am package \
  org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
cell_classpath="$PWD/benchmarks/cell-app/target/classes:$(cat benchmarks/cell-app/target/classpath.txt)"
java -cp "$classpath" io.unitrouter.benchmarks.cell.CellLoadBenchmark \
  --cell-classpath="$cell_classpath" --out=benchmarks/target/cell-load.md "$@"
