"""A command line that cannot be read (an unknown command or option, a value of the wrong kind, a missing
option) ends with status 2 and one line saying what is wrong and which help to read, for every command."""

import pytest

from benzotaper.cli import commands
from cli.running import run_cli


@pytest.mark.parametrize(
    ("args", "said", "where"),
    [
        (("nope",), "No such command 'nope'.", "benzotaper"),
        (("--version",), "No such option: --version.", "benzotaper"),
        (("plan", "--dose"), "Option '--dose' requires an argument.", "benzotaper plan"),
        (("plan", "--sup", "5"), "No such option: --sup.", "benzotaper plan"),
        (("plan", "tomorrow"), "Got unexpected extra argument (tomorrow).", "benzotaper plan"),
        (
            ("serve", "--port", "0"),
            "Invalid value for '--port': 0 is not in the range 1<=x<=65535.",
            "benzotaper serve",
        ),
        (
            ("serve", "--port", "eighty"),
            "Invalid value for '--port': 'eighty' is not a valid integer.",
            "benzotaper serve",
        ),
        (
            ("export", "alice", "--format", "pdf", "--out", "alice.pdf"),
            "Invalid value for '--format': 'pdf' is not one of 'json', 'csv', 'fhir', 'ics'.",
            "benzotaper export",
        ),
        (("report", "alice"), "The following arguments are required: --out.", "benzotaper report"),
        (("adduser",), "The following arguments are required: NAME.", "benzotaper adduser"),
        (("token", "alice", "--no-such"), "No such option: --no-such.", "benzotaper token"),
    ],
)
def test_a_command_line_that_cannot_be_read_ends_with_status_2_and_one_line(
    args: tuple[str, ...], said: str, where: str
) -> None:
    ran = run_cli(*args)
    assert (ran.exit_code, ran.stdout) == (2, "")
    assert ran.stderr == f"error: {said} Run '{where} --help' to see the options.\n"


def test_benzotaper_alone_lists_the_commands_with_status_2() -> None:
    ran = run_cli()
    assert ran.exit_code == 2
    assert ran.stdout.startswith("usage: benzotaper")
    for name in commands():
        assert f"\n    {name} " in ran.stdout


def test_each_commands_help_is_its_own() -> None:
    for name in set(commands()) - {"manage"}:
        ran = run_cli(name, "--help")
        assert ran.exit_code == 0, name
        assert ran.stdout.startswith(f"usage: benzotaper {name} "), ran.stdout[:80]
