"""The benchmark runner's reading of wrk and its report."""

from bench.runner import markdown, parse_wrk

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/ideas/
  2 threads and 8 connections
  Latency Distribution
     50%   12.00ms
Requests/sec:    612.34
BENCH_JSON {"requests": 6123, "seconds": 10.0, "rps": 612.3, "p50": 12.0, "p95": 31.5, \
"p99": 48.0, "max": 80.0, "non_2xx_3xx": 0, "socket_errors": 0, "timeouts": 0}
"""


def test_wrk_figures_are_read_from_the_report_line():
    result = parse_wrk(WRK_OUTPUT)
    assert result["rps"] == 612.3
    assert result["p95"] == 31.5


def test_report_compares_the_list_with_the_ceiling_and_checks_counters():
    figures = parse_wrk(WRK_OUTPUT)
    listing = {"page": "list", "kind": "list", "path": "/ideas/", **figures}
    ceiling = {**figures, "rps": 1000.0}
    context = dict.fromkeys(
        [
            "database",
            "scale",
            "date",
            "command",
            "machine",
            "workers",
            "threads",
            "connections",
            "duration",
            "warmup",
            "commit",
            "python",
            "rows",
            "load_seconds",
            "analyse_seconds",
            "search_index",
        ],
        "x",
    )
    supports = {"drift": {"idea.supports_count": 0}, "rows": 10, "stored": 10}
    report = markdown(context, [listing], ceiling, supports)
    assert "| list | 612.3 | 12.0 | 31.5 | 48.0 | 0 | ✔ < 50 ms | 61 % |" in report
    assert "61 % of the bare-Flask ceiling" in report
    assert "✔ exact" in report
