"""How long a fresh machine waits from the README's run command to the first page.

Run: python3 benchmarks/bench_first_page.py [--warm-cache] [--runs N]

Each run clones this repository's committed ``HEAD`` into a temporary folder (no ``.venv``), then runs
the README's run command there exactly (read from the README, so the two cannot drift), with a free
port and a temporary data folder appended, and polls ``http://127.0.0.1:PORT/`` until it answers. It
prints how long each part took:

- *install*: from the command's start until ``uv`` has made ``.venv`` (the process that serves appears);
- *start*: from then until the first page answers (Django set-up, migrations on the new database,
  waitress listening);
- *first page*: the whole wait.

By default ``uv`` gets an empty cache folder, so every package is downloaded from PyPI as on a machine
that never ran it (the figure then depends on the network; the docs say which). ``--warm-cache`` uses
the normal cache instead: a second clone on a machine that already ran the app once.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TIMEOUT_S = 300


def run_command() -> str:
    """The README's run command: the first indented line under Quickstart that serves."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^    (python3 -m pip install uv && .*benzotaper serve)$", readme, re.MULTILINE)
    if match is None:
        sys.exit("README.md has no run command ending in 'benzotaper serve'")
    return match.group(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except urllib.error.HTTPError:
        return True  # any HTTP answer is a page (the first visit redirects to sign-up)
    except OSError:
        return False


def one_run(command: str, warm_cache: bool) -> tuple[float, float]:
    """Seconds until ``.venv`` exists and until the first page, for one fresh clone."""
    with tempfile.TemporaryDirectory(prefix="benzotaper-first-page-") as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True)
        port = free_port()
        env = dict(os.environ)
        if not warm_cache:
            env["UV_CACHE_DIR"] = str(Path(tmp) / "uv-cache")
        full = f"{command} --port {port} --data-dir {Path(tmp) / 'data'}"
        (Path(tmp) / "data").mkdir()
        start = time.perf_counter()
        process = subprocess.Popen(
            full, shell=True, cwd=clone, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        installed = None
        try:
            while time.perf_counter() - start < TIMEOUT_S:
                if installed is None and (clone / ".venv" / "bin" / "benzotaper").exists():
                    installed = time.perf_counter() - start
                if answers(f"http://127.0.0.1:{port}/"):
                    first = time.perf_counter() - start
                    return (installed or first), first
                if process.poll() is not None:
                    sys.exit(f"the run command stopped (exit {process.returncode}) before serving")
                time.sleep(0.05)
            sys.exit(f"no page after {TIMEOUT_S} s")
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
            shutil.rmtree(clone, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm-cache", action="store_true", help="use uv's normal cache")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    command = run_command()
    print(f"command: {command}  ({'warm' if args.warm_cache else 'empty'} uv cache)")
    runs = [one_run(command, args.warm_cache) for _ in range(args.runs)]
    for number, (installed, first) in enumerate(runs, 1):
        start = first - installed
        print(f"run {number}: install {installed:5.1f} s  start {start:4.1f} s  first page {first:5.1f} s")
    print(f"median first page: {statistics.median(first for _, first in runs):.1f} s")


if __name__ == "__main__":
    main()
