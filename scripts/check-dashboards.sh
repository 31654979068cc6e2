#!/usr/bin/env bash
# Checks the Grafana dashboards against live ainews metrics, the closest a machine
# without Grafana gets to opening the boards: starts a throwaway Prometheus that
# scrapes the given /metrics targets, then runs every panel's PromQL (and every
# template variable's query) through Prometheus' HTTP API. Fails listing each
# expression that is invalid or returns no series.
#
# Usage: scripts/check-dashboards.sh [HOST:PORT ...]
#   targets default to $AINEWS_METRICS_TARGETS (space or comma separated), else
#   127.0.0.1:8080, where `ainews run` / `ainews demo` serve every metric. For the
#   compose stack pass the three services: 127.0.0.1:9401 127.0.0.1:9402 127.0.0.1:8080.
# Environment: AINEWS_METRICS_PATH (default /metrics), AINEWS_CHECK_TIMEOUT
#   (seconds to wait for the targets, default 60), AINEWS_DASHBOARDS (directory of
#   dashboard JSON, default grafana/dashboards).
# Exit: 0 all good, 1 some expression failed or targets never came up,
#   2 prometheus/promtool/python3 missing or the repo's Prometheus config invalid.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
helper="$repo/scripts/check_dashboards.py"

missing=()
for tool in prometheus promtool python3; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "check-dashboards: missing ${missing[*]}." >&2
  echo "  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y --no-install-recommends prometheus python3" >&2
  echo "  (the package installs a prometheus service too; this script starts its own, it does not need that one)" >&2
  echo "  elsewhere: put prometheus and promtool from https://prometheus.io/download/ on the PATH" >&2
  exit 2
fi

echo "== promtool check config prometheus/prometheus.yml"
if ! promtool check config "$repo/prometheus/prometheus.yml"; then
  exit 2
fi

if [ $# -gt 0 ]; then
  targets=("$@")
else
  read -r -a targets <<<"$(echo "${AINEWS_METRICS_TARGETS:-127.0.0.1:8080}" | tr ',' ' ')"
fi
metrics_path="${AINEWS_METRICS_PATH:-/metrics}"

work="$(mktemp -d "${TMPDIR:-/tmp}/ainews-check-dashboards.XXXXXX")"
prom_pid=""
cleanup() {
  if [ -n "$prom_pid" ] && kill -0 "$prom_pid" 2>/dev/null; then
    kill "$prom_pid" 2>/dev/null || true
    wait "$prom_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A port nobody listens on; Prometheus fails fast if it was taken in between.
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

{
  echo "global:"
  echo "  scrape_interval: 2s"
  echo "  scrape_timeout: 2s"
  echo "scrape_configs:"
  echo "  - job_name: ainews"
  echo "    metrics_path: \"$metrics_path\""
  echo "    static_configs:"
  echo "      - targets:"
  for t in "${targets[@]}"; do
    echo "          - \"$t\""
  done
} >"$work/prometheus.yml"
promtool check config "$work/prometheus.yml" >/dev/null

echo "== scraping ${targets[*]} every 2 s with a temporary Prometheus on 127.0.0.1:$port"
(cd "$work" && exec prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$port" --log.level=warn) >"$work/prometheus.log" 2>&1 &
prom_pid=$!

prom="http://127.0.0.1:$port"
if ! python3 "$helper" wait "$prom" --targets "${#targets[@]}" --scrapes 3 --timeout "${AINEWS_CHECK_TIMEOUT:-60}"; then
  if ! kill -0 "$prom_pid" 2>/dev/null; then
    echo "prometheus exited; its log:" >&2
    cat "$work/prometheus.log" >&2
  fi
  exit 1
fi

echo "== running every dashboard query"
dashboards="${AINEWS_DASHBOARDS:-$repo/grafana/dashboards}"
python3 "$helper" check "$prom" "$dashboards"/*.json
