"""The trend: are windows getting longer and waves shorter?"""

from __future__ import annotations

import datetime as dt

from benzotaper.insights import Segment, trend

START = dt.date(2027, 1, 4)


def history(pattern: list[tuple[str, int]]) -> list[Segment]:
    out, day = [], START
    for kind, days in pattern:
        out.append(Segment(kind, day, day + dt.timedelta(days=days - 1), 40.0, days))  # type: ignore[arg-type]
        day += dt.timedelta(days=days)
    return out


def test_longer_windows_and_shorter_waves_are_improving() -> None:
    pattern = [("neutral", 10)]
    for i in range(6):
        pattern += [("window", 5 + 4 * i), ("wave", 30 - 4 * i)]
    pattern += [("neutral", 10)]
    result = trend(history(pattern))
    assert result.windows.direction == "longer" and result.windows.n == 6
    assert result.waves.direction == "shorter" and result.waves.slope is not None and result.waves.slope < 0
    assert result.improving is True


def test_waves_getting_longer_is_not_improving() -> None:
    pattern = [("neutral", 10)]
    for i in range(5):
        pattern += [("window", 12), ("wave", 5 + 5 * i)]
    pattern += [("neutral", 10)]
    result = trend(history(pattern))
    assert result.waves.direction == "longer" and result.improving is False


def test_fewer_than_four_episodes_are_not_enough_for_a_direction() -> None:
    result = trend(history([("neutral", 5), ("wave", 10), ("window", 10), ("wave", 20), ("neutral", 5)]))
    assert result.waves.n == 2 and result.waves.direction == "not_enough_data"
    assert result.improving is None


def test_episodes_cut_off_by_the_edges_or_a_gap_do_not_count() -> None:
    result = trend(history([("wave", 40), ("neutral", 10), ("wave", 10), ("no_data", 9), ("wave", 30)]))
    assert result.waves.n == 0


def test_lengths_that_vary_without_direction_show_no_clear_change() -> None:
    pattern = [("neutral", 10)]
    for days in (10, 20, 12, 18, 11, 19, 13, 17):
        pattern += [("window", days), ("wave", 15)]
    pattern += [("neutral", 10)]
    result = trend(history(pattern))
    assert result.windows.direction == "no_clear_change"
    assert result.waves.direction == "no_clear_change"  # all the same length: slope 0
