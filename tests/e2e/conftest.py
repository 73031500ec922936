"""Browser tests: Debian's Chromium, driven by Playwright, against a real `benzotaper serve`.

The server runs in a child process on a free loopback port with its own temporary data folder, as a
person would run it. Every request the pages make is recorded, so a test can prove that nothing was
fetched from any host but the app's own. Screenshots go to test-artifacts/ (kept by CI as artifacts).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("BENZOTAPER_CHROMIUM", "/usr/bin/chromium")


def ensure_chromium() -> None:
    """Install Debian's Chromium when it is missing and we may (root with apt-get): the README's single
    test command then works on a fresh Debian machine. Playwright's own browser download is impossible
    here (no internet beyond the package registries). Anywhere else, fail with what to do."""
    if Path(CHROMIUM).exists():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
            subprocess.run(
                command,
                check=False,
                capture_output=True,
                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            )
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}: install it (apt-get install chromium) "
            "or set BENZOTAPER_CHROMIUM to its path."
        )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    ensure_chromium()
    # The background-networking flags stop Chromium's own calls home (this machine has no internet).
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@contextlib.contextmanager
def serving(data_dir: Path) -> Iterator[str]:
    """`benzotaper serve` on SQLite in ``data_dir``, on a free loopback port; yields its URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    drop = ("BENZOTAPER_DATABASE_URL", "DJANGO_SETTINGS_MODULE", "BENZOTAPER_TEST_DB")
    env = {key: value for key, value in os.environ.items() if key not in drop}
    command = [
        sys.executable,
        "-m",
        "benzotaper.cli",
        "serve",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir),
    ]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"benzotaper serve ended: {process.communicate()[0]}")
            try:
                urllib.request.urlopen(url + "static/css/app.css", timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("benzotaper serve did not start within 60 s")
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the browser session; each test signs up a person of its own."""
    with serving(tmp_path_factory.mktemp("e2e-data")) as url:
        yield url


@pytest.fixture
def fresh_app_url(tmp_path: Path) -> Iterator[str]:
    """A server nobody has used yet: a fresh install."""
    with serving(tmp_path / "data") as url:
        yield url


@pytest.fixture
def requests_seen(page: Any) -> list[str]:
    """Every URL the page requests, in order."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


TEST_DB = "BENZOTAPER_TEST_DB"


@contextlib.contextmanager
def demo_served(data_dir: Path, password: str = "demo") -> Iterator[str]:
    """A server whose account "demo" has the demo's six months of a taper (``benzotaper demo``)."""
    made = subprocess.run(
        [sys.executable, "-m", "benzotaper.cli", "demo", "--password", password, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        env={k: v for k, v in os.environ.items() if k not in ("BENZOTAPER_DATABASE_URL", TEST_DB)},
    )
    assert made.returncode == 0, made.stdout + made.stderr
    with serving(data_dir) as url:
        yield url


@pytest.fixture
def demo_app_url(tmp_path: Path) -> Iterator[str]:
    """A server whose account "demo" (password "demo") has the demo's six months of a taper."""
    with demo_served(tmp_path / "data") as url:
        yield url
