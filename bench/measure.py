# ruff: noqa: S603, S607, S310 - a tool that runs local programs and reads local URLs by design
"""Measuring one page with wrk: warm it up, run it, read the figures its report script prints."""

import json
import re
import subprocess
import urllib.error
import urllib.parse
import urllib.request

from bench.servers import ROOT, say

RESULT_LINE = re.compile(r"^BENCH_JSON (\{.*\})$", re.MULTILINE)


def parse_wrk(output):
    """The figures the report script printed at the end of a wrk run."""
    match = RESULT_LINE.search(output)
    if match is None:
        raise RuntimeError(f"wrk printed no result:\n{output}")
    return json.loads(match.group(1))


def wrk(url, args, seconds, script="bench/wrk/report.lua", script_args=()):
    command = [
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{seconds}s", "--latency",
        "--timeout", "10s", "-s", script, url, *(["--", *script_args] if script_args else []),
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return parse_wrk(done.stdout)


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def path_of(url):
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def measure(name, kind, url, args, **wrk_options):
    """Warm a page up, then measure it; a page that does not answer 200 is reported, not run."""
    if not wrk_options:
        status = status_of(url)
        if status != 200:
            say(f"{name}: answers {status}, not measured")
            skipped = f"answers {status}"
            return {"page": name, "kind": kind, "path": path_of(url), "skipped": skipped}
    if args.warmup:
        wrk(url, args, args.warmup, **wrk_options)
    result = wrk(url, args, args.duration, **wrk_options)
    say(f"{name}: {result['rps']:.0f} req/s, p95 {result['p95']:.1f} ms")
    return {"page": name, "kind": kind, "path": path_of(url), **result}
