"""Run the command line in this process, as a shell would run ``benzotaper ARGS``, with its output
captured: for the tests of the commands (a real child process is slower and is tested where the process
itself matters, e.g. its imports and its exit without a traceback)."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass

from benzotaper.cli import main


@dataclass(frozen=True)
class Ran:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str) -> Ran:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = main(args)
        except SystemExit as exit:  # --help prints and exits with 0
            code = exit.code if isinstance(exit.code, int) else 1
    return Ran(code, stdout.getvalue(), stderr.getvalue())
