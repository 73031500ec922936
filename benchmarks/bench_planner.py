"""How long the planner takes, and how fast the CLI starts.

Run: python3 -m uv run python benchmarks/bench_planner.py
Prints a Markdown table; the figures in docs/performance.md come from it.
Each figure is the median (and best) of repeated runs in one warm process, after one warm-up run, so
it measures the planner and not the imports or the first load of the knowledge data. The best CPU time
(of this thread) is also given: on a shared machine it moves much less than the wall clock.

Side by side with other code: ``--planner-only`` prints only the in-process planner rows, and
``PYTHONPATH=<other checkout>/src`` makes this same script time that checkout's planner.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal

from benzotaper.knowledge import load_knowledge
from benzotaper.planning import Dose, Formulation, PlanRequest, make_plan

START = dt.date(2027, 1, 4)

MICRO_TWO_YEARS = PlanRequest(
    regimen=(Dose("diazepam", "morning", Decimal(10)), Dose("diazepam", "night", Decimal(10))),
    start=START,
    method="micro",
    cut_percent=Decimal(10),
    every_days=14,
    forms=(
        Formulation("diazepam", "tablet", Decimal(2), True),
        Formulation("diazepam", "tablet", Decimal(5), True),
        Formulation("diazepam", "oral_solution", Decimal(1)),
    ),
)

THREE_DRUG_CROSSOVER = PlanRequest(
    regimen=(
        Dose("alprazolam", "morning", Decimal(1)),
        Dose("clonazepam", "midday", Decimal("0.5")),
        Dose("lorazepam", "evening", Decimal(1)),
        Dose("zolpidem", "night", Decimal(10)),
    ),
    start=START,
    method="ashton",
    crossover_to="diazepam",
)


HIGH_DOSE_CROSSOVER = PlanRequest(
    regimen=(
        Dose("alprazolam", "morning", Decimal(2)),
        Dose("alprazolam", "midday", Decimal(2)),
        Dose("alprazolam", "night", Decimal(2)),
    ),
    start=START,
    method="ashton",
    crossover_to="diazepam",
)


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Median and best wall-clock ms, and best CPU ms of this thread (not of child processes)."""
    run()
    samples, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.thread_time()
        run()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.thread_time() - started_cpu) * 1000)
    return statistics.median(samples), min(samples), min(cpu)


def cli_start(args: list[str], repeat: int = 10) -> tuple[float, float, float | None]:
    command = [sys.executable, "-m", "benzotaper.cli", *args]
    median, best, _ = timed(lambda: subprocess.run(command, check=True, capture_output=True), repeat)
    return median, best, None


def main(planner_only: bool = False) -> None:
    knowledge = load_knowledge()
    micro = make_plan(MICRO_TWO_YEARS, knowledge)
    crossover = make_plan(THREE_DRUG_CROSSOVER, knowledge)
    high = make_plan(HIGH_DOSE_CROSSOVER, knowledge)
    rows = [
        (
            f"High-dose crossover: alprazolam 2 mg x3 (120 mg DE) to diazepam + Ashton taper "
            f"({(high.end - START).days} days, {len(high.steps)} steps)",
            timed(lambda: make_plan(HIGH_DOSE_CROSSOVER, knowledge), 30),
        ),
        (
            f"2-year daily micro-taper ({(micro.end - START).days} days, {len(micro.steps)} steps)",
            timed(lambda: make_plan(MICRO_TWO_YEARS, knowledge), 30),
        ),
        (
            f"4-dose, 4-drug crossover + Ashton taper ({len(crossover.steps)} steps)",
            timed(lambda: make_plan(THREE_DRUG_CROSSOVER, knowledge), 30),
        ),
    ]
    if not planner_only:
        rows += [
            ("load_knowledge() from disk, every figure validated", timed(uncached_load, 30)),
            ("load_knowledge() from the cache between processes", timed(cached_load, 30)),
            ("`benzotaper --help` (whole process)", cli_start(["--help"])),
            (
                "`benzotaper plan --example --format json` (whole process)",
                cli_start(["plan", "--example", "--format", "json"], 5),
            ),
        ]
    print("| What | median ms | best ms | best CPU ms |")
    print("|---|---:|---:|---:|")
    for name, (median, best, cpu) in rows:
        print(f"| {name} | {median:.1f} | {best:.1f} | {'-' if cpu is None else f'{cpu:.1f}'} |")


def uncached_load() -> object:
    saved = os.environ.get("BENZOTAPER_CACHE_DIR")
    os.environ["BENZOTAPER_CACHE_DIR"] = ""
    try:
        return load_knowledge(knowledge_dir())
    finally:
        if saved is None:
            del os.environ["BENZOTAPER_CACHE_DIR"]
        else:
            os.environ["BENZOTAPER_CACHE_DIR"] = saved


def cached_load() -> object:
    """What a new process pays for the data once the cache is warm: read, hash and unpickle."""
    return load_knowledge(knowledge_dir())


def knowledge_dir():  # type: ignore[no-untyped-def]
    from pathlib import Path

    import benzotaper.knowledge

    return Path(benzotaper.knowledge.__file__).parent / "data"


if __name__ == "__main__":
    main(planner_only="--planner-only" in sys.argv[1:])
