#!/usr/bin/env bash
# The evaluation benchmark of docs/benchmarks.md, in one command:
#   bench/evaluation-benchmark.sh            (32 testers, 30 s)
#   TESTERS=64 DURATION=60 bench/evaluation-benchmark.sh
# Needs pgbench on the PATH (Debian: postgresql-client). Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -q -DskipTests package
./mvnw -B -ntp -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -Dtesters="${TESTERS:-32}" -Dduration="${DURATION:-30}" \
  com.earshot.benchmark.EvaluationBenchmark
