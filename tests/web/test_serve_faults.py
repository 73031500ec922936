"""``serve`` fails in one clear line with a non-zero status (a busy port, an address that is not
ours), says what listening beyond this computer implies, and never shows debug pages there."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from served import benzotaper, served

from benzotaper.web.commands import exposure_notes, is_loopback


def test_a_busy_port_is_one_line_and_status_1(tmp_path: Path, cli_env: dict[str, str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = benzotaper(cli_env, "serve", "--port", str(port), "--data-dir", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr == (
        f"error: cannot listen on 127.0.0.1:{port}: Address already in use. "
        "Another program uses it: stop it, or pick another --port.\n"
    )
    assert "running at" not in result.stdout


@pytest.mark.parametrize("host", ["no-such-host.invalid", "192.0.2.1"])
def test_an_address_that_is_not_ours_is_one_line_and_status_2(
    tmp_path: Path, cli_env: dict[str, str], host: str
) -> None:
    result = benzotaper(cli_env, "serve", "--host", host, "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: '{host}' is not an address of this computer.")
    assert len(result.stderr.splitlines()) == 1


def test_debug_pages_are_refused_beyond_this_computer(tmp_path: Path, cli_env: dict[str, str]) -> None:
    env = {**cli_env, "BENZOTAPER_DEBUG": "true"}
    result = benzotaper(env, "serve", "--host", "0.0.0.0", "--data-dir", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("error: debug pages (BENZOTAPER_DEBUG) show settings and code to anyone;")


def test_listening_on_every_address_says_what_that_implies(
    tmp_path: Path, free_port: int, cli_env: dict[str, str]
) -> None:
    with served(tmp_path / "data", free_port, cli_env, args=("--host", "0.0.0.0")) as server:
        pass
    err = server.err
    assert "Warning: listening on 0.0.0.0, so other computers can reach this app." in err
    assert "It speaks plain HTTP" in err
    assert "Sign-up is OPEN" in err


def test_the_notes_follow_the_settings() -> None:
    notes = " ".join(exposure_notes("192.0.2.7", secure_cookies=True, signup_open=False))
    assert "Cookies are marked HTTPS-only" in notes and "Sign-up is closed" in notes
    assert is_loopback("127.0.0.1") and is_loopback("[::1]") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2")
