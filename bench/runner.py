# ruff: noqa: S603, S607 - a tool that runs local programs by design
"""The benchmark behind `bench/run`: a fresh database at city scale, the platform served by
gunicorn, wrk against every main page, and a report (docs/performance.md).

    bench/run --db sqlite --scale 1
    bench/run --db postgresql --scale 1      # server from BENCH_DATABASE_URL

Steps: make a throw-away database (a SQLite file in a temporary folder, or a `bench_<id>`
database on the PostgreSQL server, dropped at the end), migrate it, load the generated city
(`bench.generate`), serve it with gunicorn (workers = cores by default) on 127.0.0.1 with rate
limits switched off (RATELIMIT_ENABLED=false: every request comes from one address), serve the
bare Flask ceiling (`bench.ceiling`) beside it, warm each page up, measure it with
`wrk -t2 -c8 -d10s`, then toggle supports as signed-in citizens and check that the stored
counters still equal the support rows. Everything started is stopped and removed.

The parts: `bench.servers` (wrk, the database, gunicorn), `bench.measure` (one page under wrk),
`bench.scenarios` (the pages and the support toggles), `bench.report` (the Markdown).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.ceiling import write_ceiling_cards
from bench.measure import measure, parse_wrk
from bench.report import commit, database_version, machine, markdown
from bench.scenarios import check_supports, measure_support_toggles, pages
from bench.servers import BIN, ROOT, ensure_wrk, environment, fresh_database, gunicorn, say

__all__ = ["main", "markdown", "parse_arguments", "parse_wrk", "run_load"]


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = city scale (default)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="gunicorn")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=8, help="concurrent clients")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--warmup", type=int, default=2, help="seconds per page, not measured")
    parser.add_argument("--markdown", type=Path, help="also write the Markdown report here")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_arguments(argv)
    ensure_wrk()
    command = "bench/run " + " ".join(argv if argv is not None else sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        folder = Path(folder)
        with fresh_database(args.db, folder) as url:
            env = environment(url, folder)
            os.environ.update({k: env[k] for k in ("DATABASE_URL", "INSTANCE_PATH", "SECRET_KEY")})
            say("migrating")
            subprocess.run(
                [str(BIN / "flask"), "--app", "app", "db", "upgrade"],
                cwd=ROOT, env=env, check=True, capture_output=True,
            )  # fmt: skip
            say(f"loading the city at scale {args.scale} (bench.generate)")
            manifest_path = folder / "manifest.json"
            subprocess.run(
                [str(BIN / "python"), "-m", "bench.generate", "--scale", str(args.scale),
                 "--seed", str(args.seed), "--manifest", str(manifest_path)],
                cwd=ROOT, env=env, check=True,
            )  # fmt: skip
            manifest = json.loads(manifest_path.read_text())
            report = run_load(args, env, folder, manifest, url, command)
        print(report)
        if args.markdown:
            args.markdown.write_text(report)
            say(f"Markdown written to {args.markdown}")


def run_load(args, env, folder, manifest, url, command):
    """Serve the loaded city and the ceiling, measure every scenario; return the report."""
    import app as entry_point  # the project's `platform` package (DESIGN.md §5.1)

    with entry_point.app.app_context():
        write_ceiling_cards(Path(env["BENCH_CEILING_CARDS"]))
        context = {
            "database": database_version(url),
            "python": f"Python {sys.version.split()[0]}",
        }
    log = open(folder / "gunicorn.log", "w")  # noqa: SIM115 - closed below, after the servers
    try:
        with (
            gunicorn("app:app", env, args.workers, "/healthz", log) as site,
            gunicorn("bench.ceiling:app", env, args.workers, "/", log) as ceiling_site,
        ):
            say(f"serving on {site} ({args.workers} workers); ceiling on {ceiling_site}")
            ceiling = measure(
                "ceiling: bare Flask, same 20 cards", "ceiling", ceiling_site + "/", args
            )
            results = [
                measure(name, kind, site + path, args) for name, kind, path in pages(manifest)
            ]
            results.append(ceiling)
            results.append(measure_support_toggles(site, manifest, folder, args))
    finally:
        log.close()
    with entry_point.app.app_context():
        supports = check_supports()
    say(
        f"after the toggles: {supports['rows']} support rows, counters sum to {supports['stored']},"
        f" drift {supports['drift']}"
    )
    context.update(run_context(args, manifest, command))
    return markdown(context, results, ceiling if "rps" in ceiling else None, supports)


def run_context(args, manifest, command):
    """What the report's head says about this run, beside the database and Python."""
    rows = manifest["rows"]
    return {
        "command": command,
        "scale": args.scale,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "commit": commit(),
        "workers": args.workers,
        "threads": args.threads,
        "connections": args.connections,
        "duration": args.duration,
        "warmup": args.warmup,
        "load_seconds": manifest["load_seconds"],
        "analyse_seconds": manifest["analyse_seconds"],
        "search_index": manifest.get("search_index"),
        "rows": ", ".join(f"{table} {count:,}" for table, count in sorted(rows.items())),
    }


if __name__ == "__main__":
    main()
