#!/usr/bin/env bash
# Runs `ainews demo` (the whole pipeline on the bundled offline sample), waits
# until the sample is through, then runs scripts/check-dashboards.sh against its
# /metrics: every PromQL expression of every Grafana panel must be valid and
# return data from a real Prometheus. Needs the jar (./mvnw package) and
# Debian's prometheus package.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=cli/target/ainews.jar
[ -f "$jar" ] || { echo "check-dashboards-demo: $jar missing; run ./mvnw -B -DskipTests package first" >&2; exit 2; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
log=$(mktemp)
java -Xmx1g -jar "$jar" demo --http-port "$port" --status-every 5 >"$log" 2>&1 &
demo=$!
# SIGTERM, not SIGINT: a background job of a non-interactive shell ignores SIGINT.
cleanup() { kill -TERM "$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT
for _ in $(seq 1 180); do
  if grep -q "the sample is through" "$log"; then break; fi
  if ! kill -0 "$demo" 2>/dev/null; then echo "check-dashboards-demo: the demo exited early:" >&2; cat "$log" >&2; exit 1; fi
  sleep 1
done
grep -q "the sample is through" "$log" || { echo "check-dashboards-demo: the demo did not finish in 180 s:" >&2; cat "$log" >&2; exit 1; }
sed -n '/ainews demo: [0-9]* items ingested/,$p' "$log"
# Micrometer's Kafka binder picks up metrics that appear after binding (per-partition
# consumer lag) on its next refresh, once a minute: wait for them.
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/metrics" | grep -q '^kafka_consumer_fetch_manager_records_lag{'; then break; fi
  sleep 1
done
scripts/check-dashboards.sh "127.0.0.1:$port"
