#!/usr/bin/env bash
# The insights benchmark of docs/benchmarks.md, in one command:
#   bench/insights-benchmark.sh                    (500,000 testers: 1,000,000 sessions, ~5M answers)
#   TESTERS=20000 RUNS=10 bench/insights-benchmark.sh      (a quick try)
#   EXPLAIN=true bench/insights-benchmark.sh       (also prints the dashboard's query plans)
# Generates the data on a fresh embedded PostgreSQL (a temporary directory, deleted at the end; it
# needs about 4 GB of disk while it runs). Run it on a quiet machine.
# The driver is src/bench/java/com/earshot/insights/dashboard/InsightsBenchmark.java, built with the tests into target/test-classes.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -Dspotless.check.skip=true -DskipTests test-compile
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -Dtesters="${TESTERS:-500000}" -Druns="${RUNS:-30}" -Dwarmup="${WARMUP:-5}" \
  -DrowRuns="${ROW_RUNS:-5}" -Dexplain="${EXPLAIN:-false}" \
  com.earshot.insights.dashboard.InsightsBenchmark
