"""`benzotaper plan` as a whole process, side by side with a bare interpreter and the peer planner.

Run: python3 -m uv run python benchmarks/bench_cli_start.py [--runs N] [--peer PATH/taper_gen.py]
     [--before SRC ...]

Like hyperfine: each command runs N times (default 30) after 3 warm-up runs, the commands interleaved so
that the machine's load falls on each alike; prints the median and best wall-clock ms, the median CPU ms
(user + system) and the ratio of each median to the bare interpreter's. Byte code is compiled first
(``compileall``), as an installed package has it. The peer (bzd-taper's ``taper_gen.py``, not part of this
repository) is timed only when ``--peer`` names it; it runs with the same interpreter. ``--before`` names
the ``src`` folder of another version (e.g. ``git archive main src | tar -x -C /tmp/main``, then
``/tmp/main/src``), timed alike with that folder first on PYTHONPATH, through a script like the installed
one that calls that version's entry point (``script_for``); repeat it to time several versions (each
commit of a branch) in the same runs.

Each version has a knowledge cache folder of its own (two versions sharing one would each replace the
other's file); the warm-up runs fill it, so the figures are of the usual run. ``--cold`` points
BENZOTAPER_CACHE_DIR at an empty folder for every run, which times the first run after a data change.
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

SRC = Path(__file__).resolve().parent.parent / "src"
# The installed console script, as a person runs it (no runpy, unlike ``python -m``).
SCRIPT = str(Path(sys.executable).parent / "benzotaper")
PLAN = [SCRIPT, "plan", "--dose", "clonazepam 1mg night", "--start", "2025-07-15"]
PEER_ARGS = ["--med", "clonazepam", "--dose", "1", "--speed", "standard", "--start", "2025-07-15"]


def run_once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock ms, and CPU ms (user + system) of the child: on a loaded machine the CPU time moves
    far less than the wall clock, which also counts the time spent waiting for a core."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, capture_output=True, env=env)
    wall = (time.perf_counter() - started) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu


def script_for(src: Path) -> str:
    """The installed script as it was for another version: its entry point moved from ``cli`` to
    ``program`` (which turns the collector off before importing ``cli``) in issue 11's round five."""
    entry = "benzotaper.program" if (src / "benzotaper" / "program.py").exists() else "benzotaper.cli"
    return f"import sys\nfrom {entry} import main\nif __name__ == '__main__':\n    sys.exit(main())\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--peer", type=Path, help="path of bzd-taper's taper_gen.py")
    parser.add_argument("--cold", action="store_true", help="an empty knowledge cache for every run")
    parser.add_argument(
        "--before", type=Path, action="append", default=[], help="the src folder of another version"
    )
    options = parser.parse_args()
    compileall.compile_dir(SRC, quiet=1)

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    plan = "`benzotaper plan` (clonazepam 1 mg)"
    commands = {"`python -c pass`": (["-c", "pass"], env), plan: (PLAN, env)}
    scripts = tempfile.TemporaryDirectory()
    for number, other in enumerate(options.before):
        compileall.compile_dir(other, quiet=1)
        script = Path(scripts.name) / f"benzotaper-{number}"
        script.write_text(script_for(other))
        commands[f"{plan}, {other}"] = ([str(script), *PLAN[1:]], {**env, "PYTHONPATH": str(other.resolve())})
    if options.peer is not None:
        commands["peer: `taper_gen.py` (clonazepam 1 mg)"] = ([str(options.peer), *PEER_ARGS], env)
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory() as scratch:
        caches = {name: tempfile.mkdtemp(dir=scratch) for name in commands}
        for round_number in range(options.runs + 3):
            for name, (args, command_env) in commands.items():
                cache = tempfile.mkdtemp(dir=scratch) if options.cold else caches[name]
                took = run_once(args, {**command_env, "BENZOTAPER_CACHE_DIR": cache})
                if round_number >= 3:
                    samples[name].append(took)

    bare = samples["`python -c pass`"]
    bare_wall, bare_cpu = (statistics.median(x[i] for x in bare) for i in (0, 1))
    runs = f"{options.runs} runs{', cold cache' if options.cold else ''}"
    print(f"| What ({runs}) | median ms | best ms | × bare | median CPU ms | CPU × bare |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, times in samples.items():
        wall, cpu = (statistics.median(x[i] for x in times) for i in (0, 1))
        best = min(x[0] for x in times)
        ratios = f"{wall / bare_wall:.1f} | {cpu:.1f} | {cpu / bare_cpu:.1f}"
        print(f"| {name} | {wall:.1f} | {best:.1f} | {ratios} |")


if __name__ == "__main__":
    main()
