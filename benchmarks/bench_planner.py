"""How long the planner takes, and how fast the CLI starts.

Run: python3 -m uv run python benchmarks/bench_planner.py
Prints a Markdown table; the figures in docs/performance.md come from it.
Each figure is the median (and best) of repeated runs in one warm process, after one warm-up run, so
it measures the planner and not the imports or the first load of the knowledge data.
"""

from __future__ import annotations

import datetime as dt
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


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    run()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), min(samples)


def cli_start(args: list[str], repeat: int = 10) -> tuple[float, float]:
    command = [sys.executable, "-m", "benzotaper.cli", *args]
    return timed(lambda: subprocess.run(command, check=True, capture_output=True), repeat)


def main() -> None:
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
        ("load_knowledge() from disk (uncached)", timed(lambda: load_knowledge(knowledge_dir()), 30)),
        ("`benzotaper --help` (whole process)", cli_start(["--help"])),
        (
            "`benzotaper plan --example --format json` (whole process)",
            cli_start(["plan", "--example", "--format", "json"], 5),
        ),
    ]
    print("| What | median ms | best ms |")
    print("|---|---:|---:|")
    for name, (median, best) in rows:
        print(f"| {name} | {median:.1f} | {best:.1f} |")


def knowledge_dir():  # type: ignore[no-untyped-def]
    from pathlib import Path

    import benzotaper.knowledge

    return Path(benzotaper.knowledge.__file__).parent / "data"


if __name__ == "__main__":
    main()
