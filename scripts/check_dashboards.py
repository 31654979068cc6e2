#!/usr/bin/env python3
"""Runs every PromQL expression of the Grafana dashboards against a live Prometheus.

Used by scripts/check-dashboards.sh, which starts that Prometheus; this half only
speaks HTTP to it. Standard library only, so it runs on any python3.

  check_dashboards.py wait PROM_URL --targets N [--scrapes 3] [--timeout 90]
      waits until N scrape targets are up and each has been scraped N times
  check_dashboards.py check PROM_URL DASHBOARD.json...
      prints expression -> series count and exits 1 if any expression is invalid
      or returns no series (annotation queries only have to be valid)
"""
import argparse
import json
import math
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

# What Grafana's built-in interval variables become. The check's Prometheus scrapes
# every 2 s, so one minute holds ~30 samples: enough for rate() and increase().
BUILTINS = {
    "__rate_interval": "1m",
    "__interval": "15s",
    "__interval_ms": "15000",
    "__range": "5m",
    "__range_s": "300",
    "__range_ms": "300000",
    "__auto_interval": "1m",
}
RANGE_SECONDS = 180  # how far back query_range looks for panels drawn over time
RANGE_STEP = "5s"


def api(prom, path, **params):
    """GETs a Prometheus API path; returns (data, error) where error is Prometheus' own message."""
    url = f"{prom}{path}?{urllib.parse.urlencode(params)}"
    try:
        with urllib.request.urlopen(url, timeout=20) as resp:
            body = json.load(resp)
    except urllib.error.HTTPError as e:
        try:
            body = json.load(e)
        except ValueError:
            return None, f"HTTP {e.code}"
    except (urllib.error.URLError, OSError) as e:
        return None, f"cannot reach {prom}: {e}"
    if body.get("status") != "success":
        return None, f"{body.get('errorType', 'error')}: {body.get('error', 'unknown error')}"
    return body["data"], None


# ---------------------------------------------------------------------------- wait

def wait(prom, targets, scrapes, timeout):
    deadline = time.monotonic() + timeout
    last = "no answer from Prometheus yet"
    while time.monotonic() < deadline:
        data, err = api(prom, "/api/v1/targets", state="active")
        if err:
            last = err
        else:
            active = data.get("activeTargets", [])
            down = [f"{t['scrapeUrl']}: {t.get('health')} {t.get('lastError', '')}".strip()
                    for t in active if t.get("health") != "up"]
            if len(active) < targets:
                last = f"{len(active)} of {targets} targets discovered"
            elif down:
                last = "; ".join(down)
            else:
                counts, err = api(prom, "/api/v1/query", query="count_over_time(up[5m])")
                if err:
                    last = err
                else:
                    seen = [int(float(r["value"][1])) for r in counts["result"]]
                    if len(seen) >= targets and min(seen) >= scrapes:
                        print(f"{targets} target(s) up, {min(seen)} scrapes each")
                        return 0
                    last = f"scrapes so far: {seen or 0}"
        time.sleep(1)
    print(f"targets not ready after {timeout}s: {last}", file=sys.stderr)
    return 1


# ---------------------------------------------------------------------------- dashboards

def panels_of(dashboard):
    """Every panel, including those inside rows (collapsed rows keep theirs in 'panels')."""
    for panel in dashboard.get("panels", []):
        yield panel
        for inner in panel.get("panels", []) or []:
            yield inner


def var_query(var):
    """The PromQL-ish query string of a query variable, in either of Grafana's JSON forms."""
    q = var.get("query")
    if isinstance(q, dict):
        q = q.get("query", "")
    return q or var.get("definition", "")


LABEL_VALUES = re.compile(r"^\s*label_values\((?:(.*),)?\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)\s*$", re.S)
QUERY_RESULT = re.compile(r"^\s*query_result\((.*)\)\s*$", re.S)


def substitute(expr, values):
    """Replaces $var, ${var}, ${var:format} and [[var]], longest names first."""
    def repl(m):
        name = m.group(1) or m.group(2) or m.group(3) or m.group(4)
        return values.get(name, m.group(0))
    return re.sub(r"\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(__\w+)|\$([A-Za-z]\w*)", repl, expr)


def resolve_variables(prom, dashboard, failures, rows):
    """Gives every template variable a value that exists in Prometheus, recording the queries run."""
    values = dict(BUILTINS)
    title = dashboard.get("title", "?")
    for var in dashboard.get("templating", {}).get("list", []):
        name, kind = var.get("name"), var.get("type")
        if kind in ("custom", "interval"):
            current = var.get("current", {}).get("value")
            if isinstance(current, list):
                current = current[0] if current else None
            if not current or current == "$__all":
                opts = [o.strip() for o in str(var.get("query", "")).split(",") if o.strip()]
                current = opts[0] if opts else ""
            values[name] = current
        elif kind == "constant" or kind == "textbox":
            values[name] = str(var.get("query", ""))
        elif kind == "query":
            raw = var_query(var)
            q = substitute(raw, values)
            m = LABEL_VALUES.match(q)
            r = QUERY_RESULT.match(q)
            if m:
                selector, label = (m.group(1) or "").strip(), m.group(2)
                promql = f"count by ({label}) ({selector})" if selector else f"count by ({label}) ({{{label}=~\".+\"}})"
            elif r:
                promql, label = r.group(1), None
            else:
                failures.append((title, f"${name}", raw, "unsupported variable query"))
                continue
            data, err = api(prom, "/api/v1/query", query=promql)
            found = []
            if not err:
                for s in data["result"]:
                    v = s["metric"].get(label) if label else None
                    if v:
                        found.append(v)
            rows.append((title, f"variable ${name}", promql, len(found) if not err else None,
                         err or ("ok" if found else "NO SERIES")))
            if err or not found:
                failures.append((title, f"${name}", promql, err or "no values"))
                values[name] = f"__no_value_for_{name}__"
            else:
                values[name] = chosen_value(var, sorted(found))
        elif kind == "datasource":
            values[name] = "prometheus"
    return values


def chosen_value(var, found):
    """What Grafana puts in place of the variable when the board opens with its saved selection.

    "All" becomes the variable's allValue, or else the alternation of every value found; a
    saved value that no longer exists falls back to the first one that does, as Grafana does.
    """
    regex = var.get("multi") or var.get("includeAll")
    current = var.get("current", {}).get("value")
    current = current if isinstance(current, list) else [current] if current else []
    if var.get("includeAll") and (not current or "$__all" in current):
        if var.get("allValue"):
            return var["allValue"]
        return "(" + "|".join(re.escape(v) for v in found) + ")"
    picked = [v for v in current if v in found] or found[:1]
    if regex:
        escaped = [re.escape(v) for v in picked]
        return escaped[0] if len(escaped) == 1 else "(" + "|".join(escaped) + ")"
    return picked[0]


def count_series(data):
    result = data.get("result")
    if data.get("resultType") == "scalar" or data.get("resultType") == "string":
        return 1, 0
    nan = 0
    for s in result:
        points = s.get("values") or [s.get("value")]
        if all(p is None or math.isnan(float(p[1])) for p in points):
            nan += 1
    return len(result), nan


def check(prom, files):
    failures, rows = [], []
    now = time.time()
    for path in files:
        with open(path, encoding="utf-8") as f:
            dashboard = json.load(f)
        title = dashboard.get("title", path)
        values = resolve_variables(prom, dashboard, failures, rows)

        queries = []  # (where, expr, instant?, range?, required?)
        for panel in panels_of(dashboard):
            for t in panel.get("targets", []) or []:
                expr = t.get("expr")
                if not expr or t.get("hide"):
                    continue
                where = f"{panel.get('title', '?')} [{t.get('refId', '?')}]"
                instant = bool(t.get("instant"))
                ranged = t.get("range", not instant)
                queries.append((where, expr, instant, ranged, True))
        for ann in dashboard.get("annotations", {}).get("list", []):
            if ann.get("expr"):
                # An annotation marks events (bursts); none in the last minutes is normal.
                queries.append((f"annotation {ann.get('name', '?')}", ann["expr"], True, False, False))

        for where, raw, instant, ranged, required in queries:
            expr = substitute(raw, values)
            leftover = re.findall(r"\$\{?(?!\d)(\w+)", expr)
            if leftover:
                failures.append((title, where, raw, f"unresolved variable(s): {', '.join(leftover)}"))
                rows.append((title, where, raw, None, "UNRESOLVED"))
                continue
            results = []
            if instant or not ranged:
                results.append(("instant",) + api(prom, "/api/v1/query", query=expr, time=f"{now:.3f}"))
            if ranged:
                results.append(("range",) + api(prom, "/api/v1/query_range", query=expr,
                                                start=f"{now - RANGE_SECONDS:.3f}", end=f"{now:.3f}",
                                                step=RANGE_STEP))
            for kind, data, err in results:
                if err:
                    rows.append((title, f"{where} {kind}", expr, None, "INVALID"))
                    failures.append((title, where, expr, err))
                    continue
                n, nan = count_series(data)
                status = "ok" if n else ("NO SERIES" if required else "ok (empty, optional)")
                if n and nan == n:
                    status = "ok (all NaN: no recent observations)"
                rows.append((title, f"{where} {kind}", expr, n, status))
                if required and not n:
                    failures.append((title, where, expr, "no series"))

    width = max(len(f"{r[0]} / {r[1]}") for r in rows) if rows else 20
    print(f"{'dashboard / panel [ref] query':<{width}}  {'series':>6}  status")
    for dash, where, expr, n, status in rows:
        print(f"{dash + ' / ' + where:<{width}}  {'-' if n is None else n:>6}  {status}")
        print(f"{'':<{width}}          {expr}")
    print()
    if failures:
        print(f"FAILED: {len(failures)} expression(s) invalid or without data:")
        for dash, where, expr, why in failures:
            print(f"  {dash} / {where}: {why}\n      {expr}")
        return 1
    print(f"OK: {len(rows)} queries over {len(files)} dashboard(s), every one valid and with data")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("wait")
    w.add_argument("prom")
    w.add_argument("--targets", type=int, required=True)
    w.add_argument("--scrapes", type=int, default=3)
    w.add_argument("--timeout", type=float, default=90)
    c = sub.add_parser("check")
    c.add_argument("prom")
    c.add_argument("files", nargs="+")
    a = ap.parse_args()
    if a.cmd == "wait":
        return wait(a.prom.rstrip("/"), a.targets, a.scrapes, a.timeout)
    return check(a.prom.rstrip("/"), a.files)


if __name__ == "__main__":
    sys.exit(main())
