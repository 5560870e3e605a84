# ruff: noqa: S603, S607, S310 - a tool that runs local programs and reads local URLs by design
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
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
DEFAULT_POSTGRESQL = "postgresql://postgres@127.0.0.1:5432/postgres"
P95_TARGETS_MS = {"list": 50, "problem": 50, "prototype": 50, "experiment": 50, "search": 100}
RESULT_LINE = re.compile(r"^BENCH_JSON (\{.*\})$", re.MULTILINE)


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


def say(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# Tools and databases -------------------------------------------------------------------------


def ensure_wrk():
    """wrk comes from Debian's packages; install it when we may, or say how."""
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("installing wrk from the distribution's packages (apt-get install wrk)")
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)
        return
    sys.exit("bench/run needs wrk: install it with `sudo apt-get install wrk` and run again.")


@contextmanager
def fresh_database(kind, folder):
    """Yield the URL of an empty database, removed afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'bench.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = os.environ.get("BENCH_DATABASE_URL", DEFAULT_POSTGRESQL)
    base = base.replace("postgresql://", "postgresql+psycopg://", 1)
    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    say(f"created PostgreSQL database {name}")
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        say(f"dropped PostgreSQL database {name}")


def environment(database_url, folder):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(folder / "instance"),
        "SECRET_KEY": uuid.uuid4().hex,
        "RATELIMIT_ENABLED": "false",
        "APP_ENV": "development",
        "BENCH_CEILING_CARDS": str(folder / "cards.json"),
    }


# Servers -------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(application, env, workers, ready_path, log):
    """Serve `application` on a free port of 127.0.0.1; yield its base URL."""
    port = free_port()
    command = [
        str(BIN / "gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}",
        "--log-level", "warning", application,
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + ready_path, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:  # not listening yet, or still booting
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn {application} did not start; see {log.name}")
            time.sleep(0.3)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# Signed-in citizens --------------------------------------------------------------------------

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def sign_in(base, email, password):
    """Sign in like a browser; return (Cookie header value, CSRF token of the session)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/auth/login").read().decode()
    token = CSRF_META.search(page).group(1)
    form = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token})
    page = opener.open(base + "/auth/login", data=form.encode()).read().decode()
    # Signing in starts a new session, whose CSRF token the page after the redirect carries.
    token = CSRF_META.search(page).group(1)
    if "/auth/logout" not in page:
        raise RuntimeError(f"could not sign in as {email}")
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return cookie, token


# Measuring -----------------------------------------------------------------------------------


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


def pages(manifest):
    """(name, kind, path) of every page measured, kind naming its latency target."""
    search = urllib.parse.urlencode({"q": manifest["search"]})
    chosen = manifest["filter"]
    return [
        ("home", "home", "/"),
        ("list, random order", "list", "/ideas/"),
        ("list, most supported", "list", "/ideas/?sort=top"),
        ("list, newest", "list", "/ideas/?sort=new"),
        ("list, most discussed", "list", "/ideas/?sort=discussed"),
        (
            f"list, theme {chosen['theme']} + district {chosen['district']}, most supported",
            "list",
            f"/ideas/?theme={chosen['theme']}&district={chosen['district']}&sort=top",
        ),
        (f"search “{manifest['search']}”", "search", f"/ideas/?{search}"),
        (
            f"problem with {manifest.get('big_thread', 2000):,} comments",
            "problem",
            f"/ideas/{manifest['big_thread_idea']}",
        ),
        ("prototype", "prototype", f"/prototypes/{manifest['prototype']}"),
        ("experiment", "experiment", f"/experiments/{manifest['experiment']}"),
        ("API: problems", "api", "/api/v1/ideas"),
    ]


# The platform's own data ---------------------------------------------------------------------


def write_ceiling_cards(path):
    """The first 20 cards of the newest problems, as the ceiling app renders them."""
    from sqlalchemy import func, select
    from sqlalchemy.orm import joinedload

    from platform.extensions import db
    from platform.ideas.models import Problem, ProblemStatus

    listed = (
        Problem.status.in_([s.value for s in ProblemStatus if s.is_listed]) & ~Problem.is_hidden
    )
    problems = db.session.scalars(
        select(Problem)
        .where(listed)
        .order_by(Problem.created_at.desc(), Problem.id.desc())
        .limit(20)
        .options(joinedload(Problem.theme), joinedload(Problem.district))
    ).all()
    total = db.session.scalar(select(func.count()).select_from(Problem).where(listed))
    cards = [
        {
            "id": problem.id,
            "title": problem.title,
            "status": problem.status.value,
            "status_label": str(problem.status.label),
            "theme": problem.theme.name_fr,
            "district": problem.district.name_fr if problem.district else None,
            "supports_count": problem.supports_count,
            "comments_count": problem.comments_count,
        }
        for problem in problems
    ]
    path.write_text(json.dumps({"total": total, "cards": cards}))


def check_supports():
    """Whether every stored supports_count equals its support rows, and the totals."""
    from bench.counters import counter_drift, support_totals
    from platform.extensions import db

    drift = counter_drift(db.session, names={"idea.supports_count", "idea.followers_count"})
    stored, rows = support_totals(db.session)
    db.session.remove()
    return {"drift": drift, "stored": stored, "rows": rows}


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


# Report --------------------------------------------------------------------------------------


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
            sessions = folder / "sessions.txt"
            signed_in = [
                sign_in(site, email, manifest["password"]) for email in manifest["accounts"]
            ]
            sessions.write_text("".join(f"{cookie} {token}\n" for cookie, token in signed_in))
            problems = folder / "ideas.txt"
            problems.write_text(
                "".join(f"{problem_id}\n" for problem_id in manifest["support_problems"])
            )
            results.append(
                measure(
                    f"support toggle (POST, {len(signed_in)} signed-in citizens)",
                    "support",
                    site + "/",
                    args,
                    script="bench/wrk/support.lua",
                    script_args=(str(sessions), str(problems), str(args.threads)),
                )  # fmt: skip
            )
    finally:
        log.close()
    with entry_point.app.app_context():
        supports = check_supports()
    say(
        f"after the toggles: {supports['rows']} support rows, counters sum to {supports['stored']},"
        f" drift {supports['drift']}"
    )
    rows = manifest["rows"]
    context.update(
        command=command,
        scale=args.scale,
        date=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        machine=machine(),
        commit=commit(),
        workers=args.workers,
        threads=args.threads,
        connections=args.connections,
        duration=args.duration,
        warmup=args.warmup,
        load_seconds=manifest["load_seconds"],
        analyse_seconds=manifest["analyse_seconds"],
        search_index=manifest.get("search_index"),
        rows=", ".join(f"{table} {count:,}" for table, count in sorted(rows.items())),
    )
    return markdown(context, results, ceiling if "rps" in ceiling else None, supports)


if __name__ == "__main__":
    main()
