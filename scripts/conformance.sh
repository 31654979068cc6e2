#!/usr/bin/env sh
# Runs dev.ainews.ingest.parse.Conformance (ingest test sources, not shipped) over the third-party feed corpora.
# Usage: scripts/conformance.sh [EVAL_DIR] [--verbose]   (EVAL_DIR defaults to ../shared/eval)
# The corpora are never part of this repository; point EVAL_DIR at your copy.
#
# exec-maven-plugin would be the natural runner, but its parent POM is not in an offline ~/.m2, so the test
# classpath is taken from maven-dependency-plugin and the class runs on a plain JVM.
set -eu
cd "$(dirname "$0")/.."
EVAL_DIR=$(cd "${1:-../shared/eval}" && pwd)
if [ $# -gt 0 ]; then shift; fi
CP_FILE=ingest/target/conformance.classpath
./mvnw -o -q -B -pl ingest test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.7.0:build-classpath \
  -Dmdep.outputFile="$PWD/$CP_FILE" -Dmdep.includeScope=test
exec java -cp "ingest/target/test-classes:ingest/target/classes:$(cat "$CP_FILE")" \
  dev.ainews.ingest.parse.Conformance "$EVAL_DIR" "$@"
