# ruff: noqa: S603, S607, S310 - a tool that runs local programs and reads local URLs by design
"""What a run measures: the main pages of the generated city (surveys and their results among
them), and signed-in citizens toggling their supports, after which the stored counters must
still equal the support rows."""

import http.cookiejar
import re
import urllib.parse
import urllib.request

from bench.measure import measure

CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


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
            f"/ideas/{manifest['big_thread_problem']}",
        ),
        ("prototype", "prototype", f"/prototypes/{manifest['prototype']}"),
        ("experiment", "experiment", f"/experiments/{manifest['experiment']}"),
        ("API: problems", "api", "/api/v1/ideas"),
        *survey_pages(manifest),
    ]


def survey_pages(manifest):
    """The surveys' list, the open survey with most responses (the page people answer from),
    the results of the published survey with most responses, and that survey in the API (with
    its results). A manifest written before surveys existed names none of them."""
    if "survey_results" not in manifest:
        return []
    published, answering = manifest["survey_results"], manifest["survey"]
    responses = manifest["survey_results_responses"]
    return [
        ("surveys: list", "survey", "/surveys/"),
        (
            f"survey, open ({manifest['survey_responses']:,} responses)",
            "survey",
            f"/surveys/{answering}",
        ),
        (
            f"survey results ({responses:,} responses)",
            "survey_results",
            f"/surveys/{published}/results",
        ),
        (
            f"API: survey with results ({responses:,} responses)",
            "api",
            f"/api/v1/surveys/{published}",
        ),
    ]


def sign_in(base, email, password):
    """Sign in like a browser; return (Cookie header value, CSRF token of the session)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/auth/login").read().decode()
    token = CSRF_META.search(page).group(1)
    # Back to the list after signing in (not the home page): a page measured on its own, whose
    # failure the report shows, does not stop the support toggles.
    form = urllib.parse.urlencode(
        {"email": email, "password": password, "csrf_token": token, "next": "/ideas/"}
    )
    page = opener.open(base + "/auth/login", data=form.encode()).read().decode()
    # Signing in starts a new session, whose CSRF token the page after the redirect carries.
    token = CSRF_META.search(page).group(1)
    if "/auth/logout" not in page:
        raise RuntimeError(f"could not sign in as {email}")
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return cookie, token


def measure_support_toggles(site, manifest, folder, args):
    """Sign the manifest's citizens in, then have wrk toggle their supports for a while."""
    sessions = folder / "sessions.txt"
    signed_in = [sign_in(site, email, manifest["password"]) for email in manifest["accounts"]]
    sessions.write_text("".join(f"{cookie} {token}\n" for cookie, token in signed_in))
    problems = folder / "problems.txt"
    problems.write_text("".join(f"{problem_id}\n" for problem_id in manifest["support_problems"]))
    return measure(
        f"support toggle (POST, {len(signed_in)} signed-in citizens)",
        "support",
        site + "/",
        args,
        script="bench/wrk/support.lua",
        script_args=(str(sessions), str(problems), str(args.threads)),
    )


def check_supports():
    """Whether every stored supports_count equals its support rows, and the totals."""
    from bench.counters import counter_drift, support_totals
    from platform.extensions import db

    drift = counter_drift(db.session, names={"idea.supports_count", "idea.followers_count"})
    stored, rows = support_totals(db.session)
    db.session.remove()
    return {"drift": drift, "stored": stored, "rows": rows}
