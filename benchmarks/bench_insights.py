"""How long the insights take for five years of daily check-ins, and how accurate windows and waves are.

Run: python3 -m uv run python benchmarks/bench_insights.py [--accuracy]
Prints Markdown tables; the figures in docs/insights.md come from it.

Timing: five years (1,826 days) of check-ins rating 30 symptoms each, about 8 % of days missed, two doses
a day, a 2-year diazepam taper and five other medicines. Each figure is the median (and best) of 60 calls
in one warm process after one warm-up call, so it measures the analysis, not imports or the first load
of the knowledge data (both cached per process). Two histories: windows and waves (the usual case), and
five steady years without any change, the worst case for PELT, which cannot prune on a steady stretch.

Accuracy (``--accuracy``, about a minute): the synthetic histories of tests/insights/synthetic_histories.py
with known truth, scored for changepoint F1 (within ±4 days) and day-label accuracy, and compared with
ruptures and statsmodels (the ``test-oracles`` dependency group).
"""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "insights"))

from synthetic_histories import START, f1, history

from benzotaper.insights import (
    BurdenSeries,
    alerts,
    changepoints,
    cut_dates,
    cut_response,
    daily_burden,
    insights,
    segments,
)
from benzotaper.insights._segments import noise_sigma, penalty_for
from benzotaper.journal import CheckInRecord, DoseRecord, MedicationRecord, SymptomScore
from benzotaper.knowledge import load_symptoms
from benzotaper.planning import Dose, Plan, PlanRequest, make_plan

DAYS = 5 * 365 + 1
SYMPTOMS = 30
REPEAT = 60
MEDICINES = [
    MedicationRecord("diazepam", kind="benzodiazepine"),
    MedicationRecord("Tramadol 50mg"),
    MedicationRecord("warfarin"),
    MedicationRecord("omeprazole 20 mg"),
    MedicationRecord("sertraline"),
    MedicationRecord("vitamin D"),
]


def journal(burden: np.ndarray, seed: int = 0) -> list[CheckInRecord]:
    """Check-ins rating 30 symptoms around each day's burden (none where it is NaN)."""
    rng = np.random.default_rng(seed)
    codes = [item.code for item in load_symptoms().rated_items][:SYMPTOMS]
    out = []
    for i, value in enumerate(burden):
        if np.isnan(value):
            continue
        severities = np.clip(np.round(rng.normal(value / 25, 0.8, SYMPTOMS)), 0, 4).astype(int)
        scores = tuple(SymptomScore(c, int(s)) for c, s in zip(codes, severities, strict=True))
        out.append(CheckInRecord(START + dt.timedelta(days=i), wellbeing=6, symptoms=scores))
    return out


def dose_records() -> list[DoseRecord]:
    return [
        DoseRecord(START + dt.timedelta(days=d), time, "diazepam", Decimal(10), Decimal(10), "as_planned")
        for d in range(DAYS)
        for time in ("morning", "night")
    ]


def the_plan() -> Plan:
    return make_plan(
        PlanRequest(
            regimen=(Dose("diazepam", "morning", Decimal(10)), Dose("diazepam", "night", Decimal(10))),
            start=START,
            cut_percent=Decimal(5),
        )
    )


def timed(run: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float]:
    run()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), min(samples)


def timing() -> None:
    plan, doses = the_plan(), dose_records()
    today = START + dt.timedelta(days=DAYS - 1)
    rng = np.random.default_rng(1)
    steady = np.clip(40 + rng.normal(0, 9, DAYS), 0, 100)
    steady[rng.random(DAYS) < 0.08] = np.nan
    histories = {
        "windows and waves": journal(history(DAYS, seed=3).values),
        "steady, no change": journal(steady),
    }
    print(f"Plan: {len(plan.steps)} steps, {(plan.end - START).days} days; {len(doses)} dose records.\n")
    print("| What | median ms | best ms |")
    print("|---|---:|---:|")
    for name, checkins in histories.items():
        for label, (median, best) in time_one_history(name, checkins, plan, doses, today):
            print(f"| {label} | {median:.1f} | {best:.1f} |")


def time_one_history(
    name: str, checkins: list[CheckInRecord], plan: Plan, doses: list[DoseRecord], today: dt.date
) -> list[tuple[str, tuple[float, float]]]:
    series = daily_burden(checkins, START, today)
    found = segments(series)
    cuts = cut_dates(plan.steps, until=today)
    result = insights(checkins, doses, plan, MEDICINES, "UK", today)
    return [
        (
            f"`insights()`, {name} ({len(checkins)} check-ins, {len(found)} segments)",
            timed(lambda: insights(checkins, doses, plan, MEDICINES, "UK", today)),
        ),
        ("  of which `daily_burden()`", timed(lambda: daily_burden(checkins, START, today))),
        ("  of which `segments()`", timed(lambda: segments(series))),
        ("  of which `cut_response()`", timed(lambda: cut_response(series, cuts, segments=found))),
        ("  of which `alerts()`", timed(lambda: alerts(checkins, plan.steps, today, "UK", series=series))),
        ("`Insights.to_dict()`", timed(result.to_dict)),
    ]


def accuracy(seeds: int = 200, oracle_seeds: int = 30) -> None:
    import ruptures
    from statsmodels.tsa.regime_switching.markov_regression import MarkovRegression

    print(
        "| History | runs | changepoint F1 mean (min) | label accuracy mean (min) | same changepoints as "
        "ruptures | label agreement with MarkovRegression, mean (min) |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for days in (365, 730):
        f1s, accuracies, same, agreement = [], [], 0, []
        for seed in range(seeds):
            h = history(days, seed)
            series = BurdenSeries.from_values(START, h.values)
            found = segments(series)
            labels = np.empty(days, dtype=object)
            for s in found:
                labels[(s.start - START).days : (s.end - START).days + 1] = s.kind
            bounds = [
                (b.start - START).days
                for a, b in itertools.pairwise(found)
                if "no_data" not in (a.kind, b.kind)
            ]
            f1s.append(f1(bounds, h.changepoints))
            accuracies.append(float(np.mean(labels == h.labels)))
            if seed < oracle_seeds:
                observed = ~np.isnan(h.values)
                x = h.values[observed]
                penalty = penalty_for(noise_sigma(h.values), len(x))
                same += changepoints(x, penalty) == ruptures.Pelt(model="l2", jump=1, min_size=5).fit(
                    x
                ).predict(pen=penalty)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    fit = MarkovRegression(x, k_regimes=2).fit(disp=False)
                high = int(np.argmax(fit.params[2:4]))
                oracle = np.where(
                    np.asarray(fit.smoothed_marginal_probabilities)[:, high] > 0.5, "wave", "window"
                )
                agreement.append(float(np.mean(labels[observed] == oracle)))
        print(
            f"| {days} days | {seeds} ({oracle_seeds} with oracles) | {np.mean(f1s):.3f} ({min(f1s):.3f}) | "
            f"{np.mean(accuracies):.3f} ({min(accuracies):.3f}) | {same} of {oracle_seeds} | "
            f"{np.mean(agreement):.3f} ({min(agreement):.3f}) |"
        )


if __name__ == "__main__":
    timing()
    if "--accuracy" in sys.argv:
        print()
        accuracy()
