"""Fault injection: writers post check-ins through the API while the server is killed with SIGKILL,
three times. Every write the server acknowledged (201) is in the database afterwards, and the
database passes ``PRAGMA integrity_check``. Loopback only; about 3 × 2 s of writing."""

from __future__ import annotations

import datetime as dt
import http.client
import itertools
import sqlite3
import threading
import time
from pathlib import Path

from served import Browser, alice_with_a_token, local, served

KILLS = 3
WRITERS = 3
WRITE_SECONDS = 2.0


def test_every_acknowledged_write_survives_kill_9(
    tmp_path: Path, free_port: int, cli_env: dict[str, str]
) -> None:
    data, token = alice_with_a_token(cli_env, tmp_path)
    days = itertools.count()
    take_day = threading.Lock()
    acknowledged: set[str] = set()
    start = dt.date(2000, 1, 1)

    def writer(client: Browser, until: float) -> None:
        while time.monotonic() < until:
            with take_day:
                day = (start + dt.timedelta(days=next(days))).isoformat()
            try:
                answer = client.api(
                    "POST", "api/v1/checkins", token, {"date": day, "wellbeing": 5, "notes": day}
                )
            except (OSError, http.client.HTTPException):  # the server is gone mid-answer: not acknowledged
                return
            if answer.status == 201:
                acknowledged.add(day)

    for _ in range(KILLS):
        with served(data, free_port, cli_env) as server:
            client = local(free_port)
            writers = [
                threading.Thread(target=writer, args=(client, time.monotonic() + 2 * WRITE_SECONDS))
                for _ in range(WRITERS)
            ]
            for thread in writers:
                thread.start()
            time.sleep(WRITE_SECONDS)
            server.process.kill()  # SIGKILL, mid-write
            for thread in writers:
                thread.join(timeout=30)

    assert len(acknowledged) > 10 * KILLS  # the writers really wrote
    with sqlite3.connect(data / "benzotaper.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in db.execute("SELECT date FROM journal_checkin")}
    assert acknowledged <= stored
