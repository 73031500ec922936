"""``benzotaper serve`` imports matplotlib in a background thread as it starts, so the first chart does
not wait for it; the request threads are not held up (the other commands never import it:
tests/cli/test_cli_imports_lazily.py)."""

from __future__ import annotations

import sys
import threading

import pytest

from benzotaper.web import commands


class FakeServer:
    def run(self) -> None:
        pass


def test_serve_warms_up_the_charts_in_a_background_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    warmed = threading.Event()
    threads: list[str] = []

    def warm_up() -> None:
        threads.append(threading.current_thread().name)
        warmed.set()

    monkeypatch.setattr("benzotaper.charts.warm_up", warm_up)
    monkeypatch.setattr("waitress.create_server", lambda *args, **kwargs: FakeServer())
    monkeypatch.setattr(commands, "_start_daily_backups", lambda config: None)
    commands.serve("127.0.0.1", 8000)
    assert warmed.wait(10)
    assert threads == ["warm up charts"]
    assert threads[0] != threading.main_thread().name


def test_warming_up_loads_matplotlib_and_its_svg_backend() -> None:
    from benzotaper import charts

    charts.warm_up()
    assert "matplotlib.backends.backend_svg" in sys.modules
