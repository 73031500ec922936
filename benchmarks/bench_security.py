"""What the hardening costs: key derivation, an encrypted database, a backup, a checkpoint after a delete.

Run: python3 -m uv run python benchmarks/bench_security.py
Prints a Markdown table: median (and best) of repeated runs in one process, on a database of 20,000
check-in-like rows (a date, a number and a 60-character note) in a temporary folder, WAL mode and
secure_delete on as the app runs it. The encrypted figures use the app's own key handling
(``benzotaper.web.encryption``: argon2id once, then a raw key per connection).
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benzotaper.web.backups import make_backup
from benzotaper.web.encryption import connect, derive_key

ROWS = 20_000
SALT = bytes(range(16))


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times)


def fill(connection: Any) -> None:
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA secure_delete=ON")
    connection.execute("CREATE TABLE checkin (id INTEGER PRIMARY KEY, date TEXT, wellbeing INT, notes TEXT)")
    rows = [(f"2020-01-{n % 28 + 1:02d}", n % 11, f"note {n:08d} " + "x" * 47) for n in range(ROWS)]
    connection.executemany("INSERT INTO checkin (date, wellbeing, notes) VALUES (?, ?, ?)", rows)
    connection.commit()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-security-"))
    plain_path, secret_path = folder / "plain.sqlite3", folder / "secret.sqlite3"
    key = derive_key("correct horse battery staple", SALT)
    plain = sqlite3.connect(plain_path)
    fill(plain)
    secret = connect(secret_path, key)
    fill(secret)
    (folder / "encryption_salt").write_text(SALT.hex())
    scan = "SELECT count(*) FROM checkin WHERE notes LIKE '%0001234%'"
    backups = iter(range(1000))

    def open_plain() -> object:
        return sqlite3.connect(plain_path).execute(scan).fetchone()

    def open_secret() -> object:
        return connect(secret_path, key).execute(scan).fetchone()

    def backup(path: Path, with_key: str | None) -> None:
        make_backup(path, folder / f"b{next(backups)}.sqlite3", with_key)

    def checkpoint_after_delete(connection: Any) -> None:
        connection.execute("DELETE FROM checkin WHERE id IN (SELECT id FROM checkin LIMIT 200)")
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    rows = [
        ("argon2id key from a passphrase (t=3, 64 MiB, p=4), once per start",
         timed(lambda: derive_key("correct horse battery staple", SALT), 5)),
        ("open + first query, plain", timed(open_plain, 20)),
        ("open + first query, encrypted (raw key)", timed(open_secret, 20)),
        ("full scan with LIKE, plain", timed(lambda: plain.execute(scan).fetchone(), 20)),
        ("full scan with LIKE, encrypted", timed(lambda: secret.execute(scan).fetchone(), 20)),
        ("online backup of the database, plain", timed(lambda: backup(plain_path, None), 5)),
        ("online backup of the database, encrypted", timed(lambda: backup(secret_path, key), 5)),
        ("delete 200 rows + checkpoint(TRUNCATE), plain", timed(lambda: checkpoint_after_delete(plain), 10)),
        ("delete 200 rows + checkpoint, encrypted", timed(lambda: checkpoint_after_delete(secret), 10)),
    ]  # fmt: skip
    shutil.rmtree(folder)
    print(f"| What ({ROWS:,} rows) | median ms | best ms |")
    print("|---|---:|---:|")
    for name, (median, best) in rows:
        print(f"| {name} | {median:.1f} | {best:.1f} |")


if __name__ == "__main__":
    main()
