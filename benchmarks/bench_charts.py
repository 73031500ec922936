"""How long the taper chart takes to draw, for a 2-year plan.

Run: python3 -m uv run python benchmarks/bench_charts.py
Prints a Markdown table. Each figure is the median (and best) of repeated renders in one warm process,
after one warm-up render, so it measures drawing and not the first import of matplotlib (timed
separately, in a fresh process).
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal

from benzotaper.charts import TaperPoint, taper_svg
from benzotaper.planning import Dose, Formulation, Plan, PlanRequest, make_plan

START = dt.date(2027, 1, 4)

# The planner benchmark's 2-year daily micro-taper: the most steps a real plan has.
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

# Alprazolam crossed over to diazepam, then 10 % every 14 days: crossover and hold marks too.
CROSSOVER_TWO_YEARS = PlanRequest(
    regimen=(Dose("alprazolam", "morning", Decimal(1)), Dose("alprazolam", "night", Decimal(1))),
    start=START,
    crossover_to="diazepam",
)


def points(plan: Plan) -> list[TaperPoint]:
    return [TaperPoint(s.start, s.days, s.diazepam_equivalent_mg, s.kind) for s in plan.steps]


def timed(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    run()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), min(samples)


def first_chart_in_a_new_process(repeat: int = 5) -> tuple[float, float]:
    code = (
        "import datetime as dt; from benzotaper.charts import TaperPoint, taper_svg; "
        "taper_svg([TaperPoint(dt.date(2027, 1, 4), 14, 10, 'reduction')])"
    )
    return timed(lambda: subprocess.run([sys.executable, "-c", code], check=True), repeat)


def main() -> None:
    micro = make_plan(MICRO_TWO_YEARS)
    crossover = make_plan(CROSSOVER_TWO_YEARS)
    today = START + dt.timedelta(days=100)
    rows = [
        (
            f"2-year daily micro-taper ({(micro.end - START).days} days, {len(micro.steps)} steps)",
            timed(lambda: taper_svg(points(micro), today), 20),
        ),
        (
            f"alprazolam crossover + 10 % per 14 days ({(crossover.end - START).days} days, "
            f"{len(crossover.steps)} steps)",
            timed(lambda: taper_svg(points(crossover), today), 20),
        ),
        ("first chart in a new process (imports matplotlib; whole process)", first_chart_in_a_new_process()),
    ]
    print("| What | median ms | best ms |")
    print("|---|---:|---:|")
    for name, (median, best) in rows:
        print(f"| {name} | {median:.1f} | {best:.1f} |")


if __name__ == "__main__":
    main()
