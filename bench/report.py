# ruff: noqa: S603, S607 - runs git, a local program, by design
"""The Markdown report of a run (docs/performance.md), and the facts about the machine, the
commit and the database that head it."""

import os
import subprocess
from pathlib import Path

from bench.servers import ROOT

P95_TARGETS_MS = {
    "list": 50,
    "problem": 50,
    "prototype": 50,
    "experiment": 50,
    "survey": 50,
    "survey_results": 50,
    "search": 100,
}


def machine():
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    return f"{os.cpu_count()} cores, {model}"


def commit():
    def git(*words):
        done = subprocess.run(["git", *words], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" (with uncommitted changes)" if git("status", "--porcelain") else "")


def database_version(url):
    from sqlalchemy import text

    from platform.extensions import db

    if url.startswith("sqlite"):
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    return db.session.scalar(text("SELECT version()")).split(",")[0]


def verdict(result):
    target = P95_TARGETS_MS.get(result["kind"])
    if target is None or "p95" not in result:
        return ""
    return f"{'✔' if result['p95'] < target else '✘'} < {target} ms"


def markdown(context, results, ceiling, supports):
    lines = [
        f"### {context['database']} · scale {context['scale']} · {context['date']}",
        "",
        f"Command: `{context['command']}`  ",
        f"Machine: {context['machine']}; gunicorn {context['workers']} workers (sync); "
        f"wrk {context['threads']} threads × {context['connections']} connections, "
        f"{context['duration']} s per page after {context['warmup']} s of warm-up  ",
        f"Commit: {context['commit']}; {context['python']}  ",
        f"Dataset: {context['rows']}; loaded in {context['load_seconds']} s "
        f"(+ {context['analyse_seconds']} s of ANALYZE); search index: {context['search_index']}",
        "",
        "| page | requests/s | p50 ms | p95 ms | p99 ms | errors | p95 target | vs ceiling |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in results:
        if "skipped" in r:
            lines.append(f"| {r['page']} | – | – | – | – | – | {r['skipped']} | |")
            continue
        ratio = ""
        if r["kind"] == "list" and ceiling and ceiling.get("rps"):
            ratio = f"{100 * r['rps'] / ceiling['rps']:.0f} %"
        errors = r["non_2xx_3xx"] + r["socket_errors"] + r["timeouts"]
        lines.append(
            f"| {r['page']} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p95']:.1f} | "
            f"{r['p99']:.1f} | {errors} | {verdict(r)} | {ratio} |"
        )
    listing = next((r for r in results if r["kind"] == "list" and "rps" in r), None)
    if listing and ceiling:
        share = 100 * listing["rps"] / ceiling["rps"]
        lines += [
            "",
            f"List page (`{listing['path']}`): {listing['rps']:.1f} requests/s, "
            f"{share:.0f} % of the bare-Flask ceiling ({ceiling['rps']:.1f} requests/s, "
            f"same 20 cards from memory) — target ≥ 50 %: {'✔' if share >= 50 else '✘'}.",
        ]
    drifted = sum(supports["drift"].values())
    exact = drifted == 0 and supports["rows"] == supports["stored"]
    lines += [
        f"After the support toggles: {supports['rows']:,} support rows, stored supports_count "
        f"sums to {supports['stored']:,}; problems whose counters differ from their rows: "
        f"{drifted} — {'✔ exact' if exact else '✘'}.",
        "",
    ]
    return "\n".join(lines)
