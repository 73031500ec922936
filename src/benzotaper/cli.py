"""The command line: ``benzotaper plan --dose "alprazolam 1mg morning" ...`` prints a taper plan.

The options are parsed with the standard library's ``argparse`` (click cost more to import than making a
plan; docs/performance.md), and the planner and the knowledge data are imported inside the commands, never
at the top, so that ``benzotaper --help`` starts at once (the house rule "start fast"; a test holds it).

Errors are for people, not programmers: bad input ends with exit status 2 and one line on stderr,
``error: <what is wrong>. <how to fix>``; a plan that cannot be made as asked ends with status 1,
the reason and one ``  fix:`` line per thing to change. Never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from pathlib import Path

    from benzotaper.planning import Plan

EXAMPLE_DOSES = ("alprazolam 1mg morning", "alprazolam 0.5mg midday", "alprazolam 1mg night")
PROG = "benzotaper"


class _Failed(Exception):
    """An error already worded for the person: its lines are printed as they are."""

    def __init__(self, lines: Sequence[str], status: int) -> None:
        super().__init__(lines[0])
        self.lines = tuple(lines)
        self.status = status


class _UsageError(Exception):
    """The command line itself is wrong: an unknown option, a value of the wrong kind, a missing one."""

    def __init__(self, prog: str, message: str) -> None:
        super().__init__(message)
        self.prog = prog


class _Parser(argparse.ArgumentParser):
    """An argument parser whose every complaint becomes one ``error:`` line naming the command."""

    def __init__(self, **options: Any) -> None:
        # No abbreviated options (`--sup` for `--supply-days`), as before: a typo must not pick an option.
        super().__init__(formatter_class=_Help, exit_on_error=False, allow_abbrev=False, **options)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        try:
            return super().parse_known_args(args, namespace)
        except argparse.ArgumentError as error:
            raise _UsageError(self.prog, _worded(error)) from None

    def error(self, message: str) -> NoReturn:  # e.g. "the following arguments are required: --out"
        raise _UsageError(self.prog, message[:1].upper() + message[1:] + ".")


def _worded(error: argparse.ArgumentError) -> str:
    if error.message == "expected one argument":
        return f"Option '{error.argument_name}' requires an argument."
    return f"Invalid value for '{error.argument_name}': {error.message}"


class _Help(argparse.RawDescriptionHelpFormatter):
    """A command's description is its function's docstring, kept as written: examples keep their lines."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_help_width())

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        first, _, rest = text.partition("\n")
        return textwrap.indent(f"{first}\n{textwrap.dedent(rest)}".strip(), indent)


@functools.cache
def _help_width() -> int:
    """The terminal's width less 2, as argparse finds it, but without importing shutil (and with it bz2,
    lzma and zlib): argparse makes a formatter for every option it declares, help or not."""
    with contextlib.suppress(KeyError, ValueError):
        return int(os.environ["COLUMNS"]) - 2
    with contextlib.suppress(OSError):  # not a terminal
        return os.get_terminal_size().columns - 2
    return 78


# --- Values that are not plain text: worded like the rest of the errors --------------------------------


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid integer.") from None


def _port(text: str) -> int:
    port = _integer(text)
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not in the range 1<=x<=65535.")
    return port


def _one_of(*choices: str) -> dict[str, Any]:
    """The type and metavar of an option that takes one of ``choices``."""

    def choice(text: str) -> str:
        if text not in choices:
            raise argparse.ArgumentTypeError(f"{text!r} is not one of {', '.join(map(repr, choices))}.")
        return text

    return {"type": choice, "metavar": f"[{'|'.join(choices)}]"}


def _path(text: str) -> Path:
    from pathlib import Path  # here: `plan` takes no path, and pathlib costs a few ms of its start-up

    return Path(text)


def _repeated(values: list[str] | None) -> tuple[str, ...]:
    return tuple(values or ())


# --- The plan --------------------------------------------------------------------------------------------


def plan(args: argparse.Namespace) -> None:
    """Make a taper plan from the doses you take now.

    Example:
      benzotaper plan --dose "alprazolam 1mg morning" --dose "alprazolam 1mg night" \\
        --crossover diazepam --method ashton --start 2027-01-04
    """
    from benzotaper.knowledge import KnowledgeError
    from benzotaper.planning import PlanAsk, PlanError, RequestError, RiskFactors, make_plan, read_request

    doses, method, crossover = _repeated(args.doses), args.method, args.crossover
    try:
        if args.example and doses:
            raise _Failed(["error: --example makes its own doses. Leave out --dose, or --example."], 2)
        if args.example:
            doses, method, crossover = EXAMPLE_DOSES, "ashton", "diazepam"
        if args.supply_days < 1:
            days = args.supply_days
            raise _Failed([f"error: --supply-days {days} is not a number of days. Use 1 or more."], 2)
        request = read_request(
            PlanAsk(
                doses=doses,
                start=args.start if args.start is not None else dt.date.today(),
                method=method,
                cut_percent=args.cut,
                step_mg=args.step_mg,
                every_days=args.every,
                crossover_to=crossover,
                forms=_repeated(args.forms),
                country=args.country,
                liquid_step_ml=args.liquid_step,
                slow_end=not args.no_slow_end,
                dose_order=args.order,
                holds=_repeated(args.holds),
                risk=RiskFactors(
                    args.seizure_history,
                    args.age_65_or_over,
                    args.alcohol,
                    args.opioids,
                    args.other_sedatives,
                    args.days_of_use,
                ),
                allow_fast_reason=args.allow_fast,
                drug_free_nights=args.drug_free_nights,
            )
        )
        text = _render(make_plan(request), args.output_format, args.supply_days)
    except RequestError as error:
        lines = [f"error: {_option(p.field)}: {_one_line(p.text)}" for p in error.problems]
        raise _Failed(lines, 2) from None
    except PlanError as error:
        lines = [f"error: {_one_line(error.message)}", *(f"  fix: {fix}" for fix in error.fixes)]
        if error.partial is not None:
            from benzotaper.reports.plan_table import reached_lines

            lines += reached_lines(error.partial)
        raise _Failed(lines, 1) from None
    except KnowledgeError as error:
        raise _Failed([f"error: the knowledge data is invalid: {_one_line(str(error))}"], 1) from None
    sys.stdout.write(text)


def _plan_options(command: argparse.ArgumentParser) -> None:
    add = command.add_argument
    add(
        "--dose",
        dest="doses",
        action="append",
        metavar="'DRUG AMOUNT TIME'",
        help="A dose you take now, e.g. 'alprazolam 0.5mg morning'. Repeat for each time of day.",
    )
    add(
        "--method",
        metavar="METHOD",  # not a choice here: the plan request refuses an unknown one (one owner)
        default="percent",
        help="percent: cut a share of the dose; fixed: cut the same mg each step; "
        "ashton: Ashton's diazepam schedule; micro: small daily cuts. [default: %(default)s]",
    )
    add("--cut", metavar="PERCENT", help="Cut per step, in percent of the current dose, e.g. 10.")
    add("--step", dest="step_mg", metavar="MG", help="Cut per step in mg (fixed method), e.g. 0.5mg.")
    add("--every", type=_integer, metavar="DAYS", help="Days between cuts, e.g. 14.")
    add("--crossover", metavar="DRUG", help="Switch to this drug first, e.g. diazepam.")
    add(
        "--form",
        dest="forms",
        action="append",
        metavar="'DRUG FORM STRENGTHS'",
        help="A form you have, e.g. 'diazepam tablet 2mg,5mg' or 'diazepam solution 2mg/5ml'. "
        "Repeatable. Without it, the country's common tablets.",
    )
    add(
        "--country",
        metavar="CODE",
        default="US",
        help="Where the medicines come from: which products exist (a country of the knowledge data, "
        "e.g. UK). [default: %(default)s]",
    )
    add("--liquid-step", metavar="ML", help="Smallest amount of solution you can measure, e.g. 0.1.")
    add("--no-slow-end", action="store_true", help="Do not slow the cuts down at low doses.")
    add(
        "--drug-free-nights",
        action="store_true",
        help="Z-drugs tapered directly: at the smallest dose, take it on fewer nights a week, then stop.",
    )
    add(
        "--order",
        metavar="ORDER",  # checked by the plan request, like --method
        default="sequential",
        help="sequential: cut one time of day at a time; even: cut the largest dose first, keeping "
        "doses level. [default: %(default)s]",
    )
    add(
        "--hold-at",
        dest="holds",
        action="append",
        metavar="MG:DAYS",
        help="Hold DAYS extra days once the diazepam equivalent reaches MG, e.g. 5mg:28. Repeatable.",
    )
    add("--seizure-history", action="store_true", help="You have had a seizure.")
    add("--age-65-or-over", action="store_true", help="You are 65 or older.")
    add("--alcohol", action="store_true", help="You drink alcohol.")
    add("--opioids", action="store_true", help="You take opioids.")
    add("--other-sedatives", action="store_true", help="You take other sedating medicines.")
    add("--days-of-use", type=_integer, metavar="N", help="How many days you have taken the drug daily.")
    add(
        "--allow-fast",
        metavar="REASON",
        help="Allow cuts faster than the guideline, for this reason (recorded in the plan).",
    )
    add("--start", metavar="YYYY-MM-DD", help="First day of the plan. Default: today.")
    add(
        "--format",
        dest="output_format",
        **_one_of("table", "json", "csv"),
        default="table",
        help="How to print the plan. [default: %(default)s]",
    )
    add(
        "--supply-days",
        type=_integer,
        default=28,
        metavar="N",
        help="Days one prescription covers, for the supply list. [default: %(default)s]",
    )
    add(
        "--example",
        action="store_true",
        help="Plan a built-in example: alprazolam 1mg morning, 0.5mg midday, 1mg night, "
        "crossover to diazepam, ashton method.",
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _option(field: str) -> str:
    """The option of a plan request's field, to name it in an error."""
    return _OPTIONS.get(field, f"--{field.replace('_', '-')}")


_OPTIONS = {
    "regimen": "--dose",
    "cut_percent": "--cut",
    "step_mg": "--step",
    "every_days": "--every",
    "crossover_to": "--crossover",
    "forms": "--form",
    "liquid_step_ml": "--liquid-step",
    "dose_order": "--order",
    "holds": "--hold-at",
    "allow_fast_reason": "--allow-fast",
}


def _render(plan: Plan, output_format: str, supply_days: int) -> str:
    if output_format == "json":
        from benzotaper.reports.plan_json import plan_json

        return plan_json(plan, supply_days)
    if output_format == "csv":
        from benzotaper.reports.plan_csv import plan_csv

        return plan_csv(plan)
    from benzotaper.reports.plan_table import plan_table

    return plan_table(plan, supply_days)


def _parse_date(text: str) -> dt.date:
    from benzotaper.planning import parse_date

    return parse_date(text)


# --- The journal web app --------------------------------------------------------------------------------


def _data_dir_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--data-dir",
        metavar="FOLDER",
        type=_path,
        help="Folder of the database and secret key. Default: $BENZOTAPER_DATA_DIR, the config file, "
        "or your user data folder.",
    )


def _name_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("name", metavar="NAME", help="The account.")


def _out_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--out", required=True, type=_path, help="The new backup file.")


def _use_data_dir(data_dir: Path | None) -> None:
    if data_dir is not None:
        os.environ["BENZOTAPER_DATA_DIR"] = str(data_dir.expanduser().absolute())


@contextlib.contextmanager
def _plain_errors() -> Iterator[None]:
    """Errors in the settings, the database or a command's work end as one ``error:`` line."""
    from pydantic import ValidationError

    from benzotaper.web.commands import CommandError

    try:
        yield
    except CommandError as error:
        raise _Failed([f"error: {_one_line(str(error))}"], error.status) from None
    except ValidationError as error:
        problems = "; ".join(
            f"BENZOTAPER_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in error.errors()
        )
        from benzotaper.config import config_file

        where = f"Settings come from BENZOTAPER_* variables and {config_file()}."
        raise _Failed([f"error: the configuration is not valid: {problems}. {where}"], 2) from None
    except ValueError as error:  # e.g. a database URL that is not postgresql://
        raise _Failed([f"error: {_one_line(str(error))}"], 2) from None
    except Exception as error:
        from django.core.exceptions import ImproperlyConfigured
        from django.db import DatabaseError

        if isinstance(error, DatabaseError):
            raise _Failed([f"error: cannot use the database: {_one_line(str(error))}"], 1) from None
        if isinstance(error, ImproperlyConfigured):
            raise _Failed([f"error: {_one_line(str(error))}"], 2) from None
        raise


def _start_django(data_dir: Path | None, *, migrate: bool = True) -> None:
    """Point the settings at ``data_dir`` (when given), unlock an encrypted database with its
    passphrase, set Django up and migrate the database."""
    _use_data_dir(data_dir)
    with _plain_errors():
        from benzotaper.web.commands import unlock_database
        from benzotaper.web.runtime import start_django

        unlock_database()
        start_django(migrate=migrate)


def serve(args: argparse.Namespace) -> None:
    """Start the journal web app, on this computer only by default.

    The database is created on the first run (SQLite in your data folder, or PostgreSQL when
    BENZOTAPER_DATABASE_URL is set). Open the address it prints in your browser. An encrypted
    database asks for its passphrase first (on a terminal, else the first line of standard input).
    """
    _start_django(args.data_dir)
    from benzotaper.web import commands

    with _plain_errors():
        commands.serve(args.host, args.port)


def _serve_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--host", default="127.0.0.1", help="Address to listen on. [default: %(default)s]")
    command.add_argument("--port", default=8000, type=_port, help="Port, 1 to 65535. [default: %(default)s]")


def backup(args: argparse.Namespace) -> None:
    """Copy the SQLite database to the new file OUT, safely while the app runs (encrypted when it is)."""
    _use_data_dir(args.data_dir)
    from benzotaper.web import commands

    with _plain_errors():
        commands.backup(args.out)


def restore(args: argparse.Namespace) -> None:
    """Put the backup FILE back as the database, after checking it. Stop the app first."""
    _use_data_dir(args.data_dir)
    from benzotaper.web import commands

    with _plain_errors():
        commands.restore(args.backup_file, args.force)


def _restore_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("backup_file", metavar="FILE", type=_path, help="The backup to put back.")
    command.add_argument(
        "--force", action="store_true", help="Replace a database that already holds a journal."
    )


def encrypt(args: argparse.Namespace) -> None:
    """Encrypt the SQLite database with a passphrase (SQLCipher). Stop the app first."""
    _use_data_dir(args.data_dir)
    from benzotaper.web import commands

    with _plain_errors():
        commands.encrypt()


def decrypt(args: argparse.Namespace) -> None:
    """Turn the encrypted database back into a plain SQLite file. Stop the app first."""
    _use_data_dir(args.data_dir)
    from benzotaper.web import commands

    with _plain_errors():
        commands.decrypt()


def adduser(args: argparse.Namespace) -> None:
    """Create an account named NAME.

    The password is asked twice on a terminal, or read from the first line of standard input:
    printf '%s\\n' "$PASSWORD" | benzotaper adduser alice
    """
    name = args.name
    _start_django(args.data_dir)
    from django.core.exceptions import ValidationError

    from benzotaper.web.accounts.people import PersonExistsError, add_person, name_taken
    from benzotaper.web.commands import read_secret

    if name_taken(name):
        raise _Failed([f"error: there is already an account named {name}. Pick another name."], 1)
    password = read_secret("password", confirm=True)
    if not password:
        raise _Failed(["error: the password is empty. Give it on the first line of standard input."], 2)
    try:
        add_person(name, password)
    except PersonExistsError as error:
        raise _Failed([f"error: {error} Pick another name."], 1) from None
    except ValidationError as error:
        raise _Failed([f"error: the password is too weak: {' '.join(error.messages)}"], 2) from None
    print(f"Created the account {name}.")


def demo(args: argparse.Namespace) -> None:
    """Create the account demo with six months of a fictional taper, to see every page with data.

    Running it again resets the account: everything in it is deleted and made again. An account
    named demo that this command did not make is left alone.
    """
    password, data_dir = args.password, args.data_dir
    if not password:
        raise _Failed(["error: the password is empty. Give one with --password, or leave it out."], 2)
    _start_django(data_dir)
    from shlex import quote

    from benzotaper.web.demo import DEMO_NAME, HISTORY_DAYS, DemoAccountTakenError, make_demo

    try:
        make_demo(password)
    except DemoAccountTakenError as error:
        raise _Failed([f"error: {error} Rename or delete that account to make the demo."], 1) from None
    serve = "benzotaper serve" + (f" --data-dir {quote(str(data_dir))}" if data_dir is not None else "")
    print(f"Made the account {DEMO_NAME}: {HISTORY_DAYS} days of a taper, all of it fictional.")
    print(f"Start the app with: {serve}")
    print(f"Then open http://127.0.0.1:8000/ and sign in as {DEMO_NAME}, password: {password}")


def _demo_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--password",
        default="demo",
        metavar="PASSWORD",
        help="Password of the account demo, printed at the end (the demo holds made-up data only). "
        "[default: %(default)s]",
    )


def token(args: argparse.Namespace) -> None:
    """Make, list or revoke personal API tokens of the account NAME.

    A new token is printed once; only its hash is kept.

    Use it as:  Authorization: Bearer bzt_...
    """
    name = args.name
    _start_django(args.data_dir)
    from django.contrib.auth import get_user_model

    from benzotaper.web.accounts.models import ApiToken

    user = get_user_model()._default_manager.filter(username=name).first()
    if user is None:
        raise _Failed(
            [f"error: there is no account named {name}. Create it with 'benzotaper adduser {name}'."], 1
        )
    tokens = ApiToken.objects.for_user(user)
    if args.show_list:
        for row in tokens:
            state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else row.state
            used = f"last used {row.last_used:%Y-%m-%d}" if row.last_used else "never used"
            print(
                f"{ApiToken.PREFIX}{row.prefix}  {row.name}  created {row.created:%Y-%m-%d}  {used}  {state}"
            )
        return
    if args.revoke is not None:
        prefix = args.revoke.removeprefix(ApiToken.PREFIX)[:8]
        active = tokens.filter(prefix=prefix, revoked_at__isnull=True).first()
        if active is None:
            raise _Failed([f"error: {name} has no active token starting with {ApiToken.PREFIX}{prefix}."], 1)
        active.revoke()
        print(f"Revoked the token {ApiToken.PREFIX}{prefix}… ({active.name}).")
        return
    _, secret = ApiToken.issue(user, args.label)
    print(secret)
    print("Keep this token secret; it is shown only now. Revoke it with --revoke.", file=sys.stderr)


def _token_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--label", default="api", help="What the token is for, to recognise it later. [default: %(default)s]"
    )
    command.add_argument(
        "--revoke", metavar="PREFIX", help="Revoke NAME's token that starts with bzt_PREFIX."
    )
    command.add_argument(
        "--list", dest="show_list", action="store_true", help="List NAME's tokens instead of making one."
    )


def insights(args: argparse.Namespace) -> None:
    """Show what the journal of the account NAME says: alerts first, then windows and waves, the
    response to cuts, the trend and interactions with other medicines.
    """
    name = args.name
    _start_django(args.data_dir)
    from django.contrib.auth import get_user_model

    from benzotaper.planning import InputError
    from benzotaper.web.accounts.models import Profile
    from benzotaper.web.insights.data import analyse, journal_of
    from benzotaper.web.insights.text import insights_table

    user = get_user_model()._default_manager.filter(username=name).first()
    if user is None:
        raise _Failed([f"error: there is no account named {name}. Check the name with the person."], 2)
    latest = Profile.of(user).today()
    try:
        day = _parse_date(args.today) if args.today is not None else latest
    except InputError as error:
        raise _Failed([f"error: --today {_one_line(' '.join([error.message, *error.fixes]))}"], 2) from None
    if day > latest:
        raise _Failed([f"error: --today {day.isoformat()} is after {name}'s today, {latest.isoformat()}."], 2)
    journal = journal_of(user, day)
    result = analyse(journal)
    if args.output_format == "json":
        import json

        print(json.dumps(result.to_dict(), indent=2))
    else:
        sys.stdout.write(insights_table(result, name, has_plan=journal.plan is not None))


def _insights_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format",
        dest="output_format",
        **_one_of("table", "json"),
        default="table",
        help="table: a summary to read; json: everything, as GET /api/v1/insights answers. "
        "[default: %(default)s]",
    )
    command.add_argument(
        "--today", metavar="YYYY-MM-DD", help="Judge as of this day. Default: today where NAME lives."
    )


_EXPORT_FORMATS = ("json", "csv", "fhir", "ics")  # the keys of web.sharing.exports.KINDS


def _sharing(command: str, *args: Any) -> None:
    """Run a command body of ``web.sharing.commands`` and print its line, or its error."""
    from benzotaper.web.sharing import commands

    try:
        print(getattr(commands, command)(*args))
    except commands.CommandProblem as problem:
        raise _Failed([problem.message], problem.status) from None


def _optional_date(option: str, text: str | None) -> dt.date | None:
    from benzotaper.planning import InputError

    try:
        return _parse_date(text) if text is not None else None
    except InputError as error:
        raise _Failed([f"error: {option} {_one_line(' '.join([error.message, *error.fixes]))}"], 2) from None


def report(args: argparse.Namespace) -> None:
    """Write the report for the doctor of the account NAME as a PDF (docs/reports.md)."""
    first, last = _optional_date("--from", args.date_from), _optional_date("--to", args.date_to)
    _start_django(args.data_dir)
    _sharing("write_report", args.name, args.out, first, last)


def _report_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--out", required=True, type=_path, help="PDF to write.")
    command.add_argument(
        "--from", dest="date_from", metavar="YYYY-MM-DD", help="First day. Default: 90 days before --to."
    )
    command.add_argument(
        "--to", dest="date_to", metavar="YYYY-MM-DD", help="Last day. Default: today where NAME lives."
    )


def export(args: argparse.Namespace) -> None:
    """Write the data of the account NAME: json (a backup of everything), csv (doses and check-ins, a row
    a day), fhir (a FHIR R4 Bundle) or ics (the plan for a calendar)."""
    _start_django(args.data_dir)
    _sharing("write_export", args.name, args.kind, args.out)


def _export_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format", dest="kind", **_one_of(*_EXPORT_FORMATS), required=True, help="What to write."
    )
    command.add_argument("--out", required=True, type=_path, help="File to write.")


def import_backup(args: argparse.Namespace) -> None:
    """Restore BACKUP (made by export --format json) into the empty account NAME: all of it, or nothing."""
    _start_django(args.data_dir)
    _sharing("import_backup", args.name, args.backup)


def _import_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("backup", metavar="BACKUP", type=_path, help="The backup file.")


def manage(args: Sequence[str]) -> None:
    """Run a Django management command (for operators): benzotaper manage migrate, ..."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benzotaper.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["benzotaper manage", *args])


# --- The commands, declared once: name, what runs, its options (the docstring is its help) ---------------

_Declare = Callable[[argparse.ArgumentParser], None]
_COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], None], tuple[_Declare, ...]]] = {
    "plan": (plan, (_plan_options,)),
    "serve": (serve, (_serve_options, _data_dir_option)),
    "backup": (backup, (_out_option, _data_dir_option)),
    "restore": (restore, (_restore_options, _data_dir_option)),
    "encrypt": (encrypt, (_data_dir_option,)),
    "decrypt": (decrypt, (_data_dir_option,)),
    "adduser": (adduser, (_name_argument, _data_dir_option)),
    "demo": (demo, (_demo_options, _data_dir_option)),
    "token": (token, (_name_argument, _token_options, _data_dir_option)),
    "insights": (insights, (_name_argument, _insights_options, _data_dir_option)),
    "report": (report, (_name_argument, _report_options, _data_dir_option)),
    "export": (export, (_name_argument, _export_options, _data_dir_option)),
    "import": (import_backup, (_name_argument, _import_options, _data_dir_option)),
}
# Everything after `manage` goes to Django untouched, its --help included, so it is not parsed here.
_PASS_THROUGH = {"manage": manage}


def commands() -> tuple[str, ...]:
    """The name of every command."""
    return (*_COMMANDS, *_PASS_THROUGH)


def command_parser(name: str) -> argparse.ArgumentParser:
    """The parser of the command ``name``: only the command that runs is declared, because building
    the parser of every command costs more than a plan's options need (docs/performance.md)."""
    if name in _PASS_THROUGH:
        return _Parser(prog=f"{PROG} {name}", description=_PASS_THROUGH[name].__doc__, add_help=False)
    run, declarations = _COMMANDS[name]
    command = _Parser(prog=f"{PROG} {name}", description=run.__doc__)
    command.set_defaults(run=run)
    for declare in declarations:
        declare(command)
    return command


def _overview() -> argparse.ArgumentParser:
    """``benzotaper --help``: what the program is and the first line of each command's help."""
    parser = _Parser(
        prog=PROG,
        description="benzotaper: plan a benzodiazepine or z-drug taper, privately, on your own computer.\n\n"
        "A plan informs; it does not replace your prescriber. Agree every change with them.",
    )
    choices = parser.add_subparsers(title="commands", metavar="COMMAND")
    docs = {name: run.__doc__ for name, (run, _) in _COMMANDS.items()}
    docs |= {name: passed.__doc__ for name, passed in _PASS_THROUGH.items()}
    for name, doc in docs.items():
        choices.add_parser(name, help=(doc or "").split("\n\n")[0].replace("\n    ", " "))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command of ``argv`` and give its exit status. Without ``argv`` this is the program
    (``benzotaper.program``: ``benzotaper ARGS``), on the process's own arguments."""
    if argv is None:
        from benzotaper.program import main as program

        return program()
    return _main(list(argv))


def _main(args: list[str]) -> int:
    try:
        if args and args[0] in _PASS_THROUGH:
            _PASS_THROUGH[args[0]](args[1:])
            return 0
        return _run(args)
    except _Failed as failure:
        for line in failure.lines:
            print(line, file=sys.stderr)
        return failure.status
    except _UsageError as error:
        print(f"error: {error} Run '{error.prog} --help' to see the options.", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, EOFError):
        print("Aborted.", file=sys.stderr)
        return 1


def _run(args: list[str]) -> int:
    if args and args[0] in _COMMANDS:
        where = f"{PROG} {args[0]}"
        options, extra = command_parser(args[0]).parse_known_args(args[1:])
        unknown = [arg for arg in extra if arg.startswith("-")]
        if unknown:
            raise _UsageError(where, f"No such option: {unknown[0]}.")
        if extra:
            raise _UsageError(where, f"Got unexpected extra argument ({' '.join(extra)}).")
        options.run(options)
        return 0
    overview = _overview()
    if not args:
        overview.print_help()
        return 2
    if not args[0].startswith("-"):
        raise _UsageError(PROG, f"No such command {args[0]!r}.")
    overview.parse_known_args(args)  # prints the help and exits for --help
    raise _UsageError(PROG, f"No such option: {args[0]}.")


if __name__ == "__main__":
    sys.exit(main())
