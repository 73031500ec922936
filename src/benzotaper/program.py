"""The ``benzotaper`` program: the ``[project.scripts]`` entry point, which runs the command line
(``cli``) on the process's own arguments.

It exists so that `benzotaper plan` can turn the cyclic garbage collector off before the command line
is even imported. A plan is a short run that leaves nothing to close (no file, connection or thread):
the collector's passes over the 14,000 objects its start-up creates, during the imports and again at
exit, find no garbage and cost about 9 ms of 60, 2 of them while ``cli`` imports argparse, re, typing
and datetime (docs/performance.md). Objects are still freed by their reference counts; what is left at
exit goes back to the system. Other commands (the server above all) keep the collector.
"""

import gc
import sys


def main() -> int:
    """Run ``benzotaper ARGS`` and give its exit status."""
    plan_only = sys.argv[1:2] == ["plan"]
    if plan_only:
        gc.disable()
    from benzotaper.cli import main as command_line

    status = command_line(sys.argv[1:])
    if plan_only:
        gc.freeze()
    return status
