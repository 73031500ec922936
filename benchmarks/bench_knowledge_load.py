"""Start-up cost of the knowledge data: importing the package and loading the data, in a new process.

Run: python3 -m uv run python benchmarks/bench_knowledge_load.py [--runs N]

Each row runs a fresh interpreter N times (default 20, after 2 warm-ups) and gives the median and best
wall-clock ms and the median CPU ms of the child (user + system, steadier on a loaded machine):

- ``import``: ``import benzotaper.knowledge`` alone;
- ``import + load_knowledge()``: with the cache between processes warm (the usual run) and off
  (``BENZOTAPER_CACHE_DIR=`` empty: every figure validated, as on the first run after a change);
- ``import + load_symptoms()``: the clinical data the check-in reads (it has no cache between processes).

``PYTHONPATH=<other checkout>/src`` times another version of the code the same way (the "before" figures
in docs/performance.md were taken so, from ``git archive main src``). Byte code is compiled first.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(os.environ.get("PYTHONPATH") or Path(__file__).resolve().parent.parent / "src")
LOAD = "from benzotaper.knowledge import load_knowledge; load_knowledge()"
ROWS = {
    "import benzotaper.knowledge": "import benzotaper.knowledge",
    "import + load_knowledge(), warm cache": LOAD,
    "import + load_knowledge(), no cache": LOAD,
    "import + load_symptoms()": "from benzotaper.knowledge import load_symptoms; load_symptoms()",
}


def run(code: str, env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    wall = (time.perf_counter() - started) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    compileall.compile_dir(SRC, quiet=1)
    env = dict(os.environ, PYTHONPATH=str(SRC))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"| What ({SRC}) | median ms | best ms | median CPU ms |")
    print("|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as cache:
        for name, code in ROWS.items():
            env["BENZOTAPER_CACHE_DIR"] = "" if "no cache" in name else cache
            samples = [run(code, env) for _ in range(runs + 2)][2:]
            wall = statistics.median(s[0] for s in samples)
            cpu = statistics.median(s[1] for s in samples)
            print(f"| {name} | {wall:.1f} | {min(s[0] for s in samples):.1f} | {cpu:.1f} |")


if __name__ == "__main__":
    main()
