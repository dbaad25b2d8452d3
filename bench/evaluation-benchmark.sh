#!/usr/bin/env bash
# The evaluation benchmark of docs/benchmarks.md, in one command:
#   bench/evaluation-benchmark.sh            (32 testers, 30 s after a 10 s warm-up)
#   WARMUP=30 bench/evaluation-benchmark.sh  (a longer warm-up, in seconds)
#   THINK=500 bench/evaluation-benchmark.sh  (each tester pauses 500 ms after each evaluation)
#   HISTORY=2000 bench/evaluation-benchmark.sh (a tuning playground, each tester with 2,000 sessions done)
#   TESTERS=64 DURATION=60 bench/evaluation-benchmark.sh
#   APP_JVM_ARGS='-agentpath:...' bench/evaluation-benchmark.sh   (extra options for the app's JVM)
# Needs pgbench on the PATH (Debian: postgresql-client). Run it on a quiet machine.
# The driver is src/bench/java/com/earshot/benchmark/EvaluationBenchmark.java, built with the tests into target/test-classes.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -DskipTests package
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -Dtesters="${TESTERS:-32}" -Dduration="${DURATION:-30}" ${WARMUP:+-Dwarmup="$WARMUP"} -Dthink="${THINK:-0}" ${HISTORY:+-Dhistory="$HISTORY"} -DappJvmArgs="${APP_JVM_ARGS:-}" \
  com.earshot.benchmark.EvaluationBenchmark
