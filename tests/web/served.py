"""Helpers for tests that run the real server (``benzotaper serve`` in a child process) and talk to
it over HTTP, as a browser or an API client would."""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import re
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

from test_serve_command import wait_until_up


def benzotaper(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run the command line once (``benzotaper adduser alice ...``) and return what it did."""
    command = [sys.executable, "-m", "benzotaper.cli", *args]
    return subprocess.run(command, env=env, input=stdin, capture_output=True, text=True, timeout=120)


PASSWORD = "a long pass phrase"


def add_person(env: dict[str, str], data: Path, name: str = "alice") -> None:
    """``benzotaper adduser NAME`` with the password ``PASSWORD``."""
    result = benzotaper(env, "adduser", name, "--data-dir", str(data), stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr


def make_token(env: dict[str, str], data: Path, name: str = "alice") -> str:
    """A new API token of NAME (``benzotaper token NAME``)."""
    result = benzotaper(env, "token", name, "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def alice_with_a_token(env: dict[str, str], tmp_path: Path) -> tuple[Path, str]:
    """A data folder ``tmp_path/data`` with the account alice, and a token of hers."""
    data = tmp_path / "data"
    add_person(env, data)
    return data, make_token(env, data)


def local(port: int) -> Browser:
    """A browser for the server on 127.0.0.1:``port``."""
    return Browser(f"http://127.0.0.1:{port}/")


@dataclass
class Server:
    process: subprocess.Popen[str]
    out: str = ""
    err: str = ""


@contextlib.contextmanager
def served(
    data_dir: Path, port: int, env: dict[str, str], *, stdin: str = "", args: tuple[str, ...] = ()
) -> Iterator[Server]:
    """``benzotaper serve`` on 127.0.0.1:``port`` until the block ends (then Ctrl+C); what it printed
    is in ``out`` and ``err`` afterwards."""
    command = [sys.executable, "-m", "benzotaper.cli", "serve", "--port", str(port),
               "--data-dir", str(data_dir), *args]  # fmt: skip
    with tempfile.TemporaryFile("w+") as typed:  # what the person would type (a passphrase)
        typed.write(stdin)
        typed.seek(0)
        process = subprocess.Popen(
            command, env=env, stdin=typed, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
    server = Server(process)
    try:
        wait_until_up(process, f"http://127.0.0.1:{port}/")
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        try:
            server.out, server.err = process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            server.out, server.err = process.communicate()


@dataclass
class Answer:
    status: int
    headers: Message
    text: str

    def json(self) -> Any:
        return json.loads(self.text)


@dataclass
class Browser:
    """A cookie-keeping HTTP client that fills in Django's CSRF token like a browser's form would."""

    base: str
    cookies: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def _open(self, request: urllib.request.Request) -> Answer:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        try:
            with opener.open(request, timeout=30) as response:
                return Answer(response.status, response.headers, response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.headers, error.read().decode())

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        return self._open(urllib.request.Request(self.base + path, headers=headers or {}))

    def post_form(self, path: str, data: dict[str, str]) -> Answer:
        page = self.get(path).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        body = {**data, "csrfmiddlewaretoken": token[1] if token else ""}
        encoded = urllib.parse.urlencode(body).encode()
        return self._open(urllib.request.Request(self.base + path, data=encoded, method="POST"))

    def sign_in(self, name: str, password: str) -> Answer:
        return self.post_form("accounts/login/", {"username": name, "password": password})

    def api(self, method: str, path: str, token: str, body: Any = None) -> Answer:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        return self._open(urllib.request.Request(self.base + path, data=data, method=method, headers=headers))
