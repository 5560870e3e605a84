"""Real gunicorn processes, and visitors that talk to them over HTTP like a browser."""

import http.client
import json
import re
import socket
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from platform.config import ROOT

BIN = Path(sys.executable).parent
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def free_ports(n):
    """Return `n` distinct ports that were free a moment ago."""
    with ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(n)]
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]


def flask_command(env, *args):
    """Run `flask --app app ...` as an operator would; fail with its output if it fails."""
    result = subprocess.run(
        [str(BIN / "flask"), "--app", "app", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    if result.returncode != 0:
        raise AssertionError(f"flask {' '.join(args)} failed:\n{result.stdout}{result.stderr}")


class Server:
    """`gunicorn app:app` on one port, its log in a file."""

    def __init__(self, env, port, log_path):
        self.port = port
        self.log_path = log_path
        with open(log_path, "w") as log:
            self.process = subprocess.Popen(
                [str(BIN / "gunicorn"), "-w", "2", "--threads", "4", "--graceful-timeout", "5",
                 # Each master would otherwise take the same ~/.gunicorn/gunicorn.ctl.
                 "--no-control-socket",
                 "-b", f"127.0.0.1:{port}", "app:app"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip

    def wait_until_healthy(self, deadline):
        """Poll /healthz until it answers 200; fail if the process dies or the deadline passes."""
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn on port {self.port} exited:\n{self.log()}")
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                connection.request("GET", "/healthz", headers={"Connection": "close"})
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            finally:
                connection.close()
            time.sleep(0.1)  # waiting for the server to start, not timing a result
        raise AssertionError(f"gunicorn on port {self.port} did not start:\n{self.log()}")

    def stop(self):
        """Ask gunicorn to stop; `wait_stopped` waits, so that several servers stop together."""
        self.process.terminate()

    def wait_stopped(self):
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log(self):
        return Path(self.log_path).read_text(errors="replace")


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str

    def json(self):
        return json.loads(self.text)


class Browser:
    """One visitor: its cookies and the CSRF token of the last page it read.

    Cookies belong to the host, not the port (RFC 6265), as in a browser: a session made by the
    process on one port is sent to the process on the other. Every request says it comes from
    `address` through the reverse proxy (X-Forwarded-For), the key of per-address rate limits.
    """

    def __init__(self, address):
        self.address = address
        self.cookies = {}
        self.csrf_token = None

    def get(self, port, path):
        response = self.request(port, "GET", path)
        if match := CSRF_META.search(response.text):
            self.csrf_token = match.group(1)
        return response

    def post(self, port, path, form, accept="text/html"):
        return self.request(port, "POST", path, {"csrf_token": self.csrf_token, **form}, accept)

    def request(self, port, method, path, form=None, accept="text/html"):
        headers = {"X-Forwarded-For": self.address, "Accept": accept, "Connection": "close"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request(method, path, body, headers)
            answer = connection.getresponse()
            response = Response(answer.status, answer.headers, answer.read().decode())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response
