"""Time zones: the list people pick from, and the zone of the computer the app runs on."""

from __future__ import annotations

import contextlib
import functools
import os
import zoneinfo
from pathlib import Path


@functools.cache
def time_zone_names() -> tuple[str, ...]:
    """IANA zone names such as "Europe/London", sorted; the legacy aliases are left out."""
    names = sorted(
        name
        for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posix/", "right/"))
    )
    return (*names, "UTC")


def is_time_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def local_time_zone() -> str:
    """The IANA name of this computer's zone, or "UTC" when it cannot be told.

    For a personal install the server is the person's own computer, so this is the best first guess
    for a new account; they can change it in Settings.
    """
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    with contextlib.suppress(OSError):
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    for name in candidates:
        if name and is_time_zone(name):
            return name
    return "UTC"
