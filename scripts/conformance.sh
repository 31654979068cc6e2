#!/usr/bin/env sh
# Runs dev.ainews.ingest.parse.Conformance (ingest test sources, not shipped) over the third-party feed corpora.
# Usage: scripts/conformance.sh [EVAL_DIR] [--verbose]   (EVAL_DIR defaults to ../shared/eval)
# The corpora are never part of this repository; point EVAL_DIR at your copy.
#
# The test classpath is taken from maven-dependency-plugin and the class runs on a plain JVM.
set -eu
cd "$(dirname "$0")/.."
EVAL_DIR=$(cd "${1:-../shared/eval}" && pwd)
if [ $# -gt 0 ]; then shift; fi
CP_FILE=ingest/target/conformance.classpath
./mvnw -q -B -pl ingest -am install -DskipTests && ./mvnw -q -B -pl ingest test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$CP_FILE" -Dmdep.includeScope=test
exec java -cp "ingest/target/test-classes:ingest/target/classes:$(cat "$CP_FILE")" \
  dev.ainews.ingest.parse.Conformance "$EVAL_DIR" "$@"
