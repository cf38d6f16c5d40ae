#!/usr/bin/env bash
# Where the starter's time goes: the "unit" variant of the cell benchmark (benchmarks/cell-app with the starter)
# under wrk (-t2 -c16, the benchmark's signed request), with a Java Flight Recorder recording (execution samples
# every millisecond) of the measured part; prints the share of the serving samples that is unit-router's own
# work (see CellProfile). Usage: benchmarks/cell-profile.sh [seconds, default 30]. Needs wrk, curl and jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
(( seconds >= 5 && seconds <= 50 )) || { echo "cell-profile: seconds must be 5 to 50 (a signed context is accepted for 60 s)" >&2; exit 1; }

command -v wrk >/dev/null || { echo "cell-profile: wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
./mvnw -q -B -pl benchmarks,benchmarks/cell-app -am package \
  org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -DskipTests -Dmdep.outputFile=target/classpath.txt
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
cell_classpath="$PWD/benchmarks/cell-app/target/classes:$(cat benchmarks/cell-app/target/classpath.txt)"
out=benchmarks/target/cell-profile
mkdir -p "$out"
helper() { java -cp "$classpath" io.unitrouter.benchmarks.cell.CellProfile "$@"; }

# Execution samples every millisecond; everything else as in the JDK's "profile" settings.
sed '/<event name="jdk.ExecutionSample">/,/<\/event>/ s#<setting name="period"[^>]*>[^<]*</setting>#<setting name="period">1 ms</setting>#' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$out/sampling.jfc"
helper rules "$out/rules.yaml"
port=18391
java -Xms512m -Xmx512m -XX:+UseG1GC -XX:FlightRecorderOptions:stackdepth=256 -cp "$cell_classpath" \
  io.unitrouter.benchmarks.cellapp.BenchmarkCellApplication --server.port=$port --server.address=127.0.0.1 \
  --spring.main.banner-mode=off --logging.level.root=WARN --spring.application.name=accounts \
  --unit-router.local-cell=rz01 --unit-router.rules.location="file:$out/rules.yaml" \
  --unit-router.key.sources=header:X-User-Id,path-variable:userId \
  --unit-router.security.secret=benchmark-secret-0123456789abcdefghij > "$out/cell.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port/api/accounts/5/balance"
for _ in $(seq 1 300); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-User-Id: 5" -H "X-Unit-Context: $(helper sign)" "$url" || true)
  [[ $code == 200 ]] && break
  sleep 0.5
done
[[ $code == 200 ]] || { echo "cell-profile: the cell did not serve (last answer $code); see $out/cell.log" >&2; exit 1; }
# A context is accepted for 60 s after its issue: sign one just before each wrk run.
wrk -t2 -c16 -d20s -H "X-User-Id: 5" -H "X-Unit-Context: $(helper sign)" "$url" > "$out/wrk-warmup.txt"
context=$(helper sign)
jcmd $pid JFR.start name=serving settings="$PWD/$out/sampling.jfc" filename="$PWD/$out/serving.jfr" > /dev/null
wrk -t2 -c16 -d"${seconds}s" --latency -H "X-User-Id: 5" -H "X-Unit-Context: $context" "$url" > "$out/wrk.txt"
jcmd $pid JFR.stop name=serving > /dev/null
grep -E "Requests/sec|Non-2xx" "$out/wrk.txt" || true
helper share "$out/serving.jfr"
