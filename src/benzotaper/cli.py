"""The command line: ``benzotaper plan --dose "alprazolam 1mg morning" ...`` prints a taper plan.

The planner and the knowledge data are imported inside the commands, never at the top, so that
``benzotaper --help`` starts at once (the house rule "start fast"; a test holds it).

Errors are for people, not programmers: bad input ends with exit status 2 and one line on stderr,
``error: <what is wrong>. <how to fix>``; a plan that cannot be made as asked ends with status 1,
the reason and one ``  fix:`` line per thing to change. Never a traceback.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shlex
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from benzotaper.planning import Plan

# The same names as planning.METHODS, written out so that --help need not import the planner.
METHODS = ("percent", "fixed", "ashton", "micro")
EXAMPLE_DOSES = ("alprazolam 1mg morning", "alprazolam 0.5mg midday", "alprazolam 1mg night")


class _Failed(click.ClickException):
    """An error already worded for the person: its lines are printed as they are."""

    def __init__(self, lines: Sequence[str], status: int) -> None:
        super().__init__(lines[0])
        self.lines = tuple(lines)
        self.status = status


class _Cli(click.Group):
    """A click group that prints each error as one line, ``error: ...``, not click's usage block."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        prog_name = prog_name or "benzotaper"
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except _Failed as failure:
            for line in failure.lines:
                click.echo(line, err=True)
            sys.exit(failure.status)
        except click.exceptions.NoArgsIsHelpError as error:
            error.show()
            sys.exit(error.exit_code)
        except click.ClickException as error:
            ctx = getattr(error, "ctx", None)
            where = ctx.command_path if ctx is not None else prog_name
            message = _one_line(error.format_message())
            click.echo(f"error: {message} Run '{where} --help' to see the options.", err=True)
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


def _one_line(text: str) -> str:
    return " ".join(text.split())


@click.group(cls=_Cli)
def main() -> None:
    """benzotaper: plan a benzodiazepine or z-drug taper, privately, on your own computer.

    A plan informs; it does not replace your prescriber. Agree every change with them.
    """


@main.command()
@click.option(
    "--dose",
    "doses",
    multiple=True,
    metavar="'DRUG AMOUNT TIME'",
    help="A dose you take now, e.g. 'alprazolam 0.5mg morning'. Repeat for each time of day.",
)
@click.option(
    "--method",
    type=click.Choice(METHODS),
    default="percent",
    show_default=True,
    help="percent: cut a share of the dose; fixed: cut the same mg each step; "
    "ashton: Ashton's diazepam schedule; micro: small daily cuts.",
)
@click.option("--cut", metavar="PERCENT", help="Cut per step, in percent of the current dose, e.g. 10.")
@click.option("--step", "step_mg", metavar="MG", help="Cut per step in mg (fixed method), e.g. 0.5mg.")
@click.option("--every", type=int, metavar="DAYS", help="Days between cuts, e.g. 14.")
@click.option("--crossover", metavar="DRUG", help="Switch to this drug first, e.g. diazepam.")
@click.option(
    "--form",
    "forms",
    multiple=True,
    metavar="'DRUG FORM STRENGTHS'",
    help="A form you have, e.g. 'diazepam tablet 2mg,5mg' or 'diazepam solution 2mg/5ml'. "
    "Repeatable. Without it, the country's common tablets.",
)
@click.option(
    "--country",
    metavar="CODE",
    default="US",
    show_default=True,
    help="Where the medicines come from: which products exist (a country of the knowledge data, e.g. UK).",
)
@click.option("--liquid-step", metavar="ML", help="Smallest amount of solution you can measure, e.g. 0.1.")
@click.option("--no-slow-end", is_flag=True, help="Do not slow the cuts down at low doses.")
@click.option(
    "--drug-free-nights",
    is_flag=True,
    help="Z-drugs tapered directly: at the smallest dose, take it on fewer nights a week, then stop.",
)
@click.option(
    "--order",
    type=click.Choice(["sequential", "even"]),
    default="sequential",
    show_default=True,
    help="sequential: cut one time of day at a time; even: cut the largest dose first, keeping doses level.",
)
@click.option(
    "--hold-at",
    "holds",
    multiple=True,
    metavar="MG:DAYS",
    help="Hold DAYS extra days once the diazepam equivalent reaches MG, e.g. 5mg:28. Repeatable.",
)
@click.option("--seizure-history", is_flag=True, help="You have had a seizure.")
@click.option("--age-65-or-over", is_flag=True, help="You are 65 or older.")
@click.option("--alcohol", is_flag=True, help="You drink alcohol.")
@click.option("--opioids", is_flag=True, help="You take opioids.")
@click.option("--other-sedatives", is_flag=True, help="You take other sedating medicines.")
@click.option("--days-of-use", type=int, metavar="N", help="How many days you have taken the drug daily.")
@click.option(
    "--allow-fast",
    metavar="REASON",
    help="Allow cuts faster than the guideline, for this reason (recorded in the plan).",
)
@click.option("--start", metavar="YYYY-MM-DD", help="First day of the plan. Default: today.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="How to print the plan.",
)
@click.option(
    "--supply-days",
    type=int,
    default=28,
    show_default=True,
    metavar="N",
    help="Days one prescription covers, for the supply list.",
)
@click.option(
    "--example",
    is_flag=True,
    help="Plan a built-in example: alprazolam 1mg morning, 0.5mg midday, 1mg night, "
    "crossover to diazepam, ashton method.",
)
def plan(
    doses: tuple[str, ...],
    method: str,
    cut: str | None,
    step_mg: str | None,
    every: int | None,
    crossover: str | None,
    forms: tuple[str, ...],
    country: str,
    liquid_step: str | None,
    no_slow_end: bool,
    drug_free_nights: bool,
    order: str,
    holds: tuple[str, ...],
    seizure_history: bool,
    age_65_or_over: bool,
    alcohol: bool,
    opioids: bool,
    other_sedatives: bool,
    days_of_use: int | None,
    allow_fast: str | None,
    start: str | None,
    output_format: str,
    supply_days: int,
    example: bool,
) -> None:
    """Make a taper plan from the doses you take now.

    \b
    Example:
      benzotaper plan --dose "alprazolam 1mg morning" --dose "alprazolam 1mg night" \\
        --crossover diazepam --method ashton --start 2027-01-04
    """
    from benzotaper.knowledge import KnowledgeError
    from benzotaper.planning import PlanAsk, PlanError, RequestError, RiskFactors, make_plan, read_request

    try:
        if example and doses:
            raise _Failed(["error: --example makes its own doses. Leave out --dose, or --example."], 2)
        if example:
            doses, method, crossover = EXAMPLE_DOSES, "ashton", "diazepam"
        if supply_days < 1:
            raise _Failed([f"error: --supply-days {supply_days} is not a number of days. Use 1 or more."], 2)
        request = read_request(
            PlanAsk(
                doses=doses,
                start=start if start is not None else dt.date.today(),
                method=method,
                cut_percent=cut,
                step_mg=step_mg,
                every_days=every,
                crossover_to=crossover,
                forms=forms,
                country=country,
                liquid_step_ml=liquid_step,
                slow_end=not no_slow_end,
                dose_order=order,
                holds=holds,
                risk=RiskFactors(
                    seizure_history, age_65_or_over, alcohol, opioids, other_sedatives, days_of_use
                ),
                allow_fast_reason=allow_fast,
                drug_free_nights=drug_free_nights,
            )
        )
        text = _render(make_plan(request), output_format, supply_days)
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
    click.echo(text, nl=False)


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

_DATA_DIR_OPTION = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the database and secret key. Default: $BENZOTAPER_DATA_DIR, the config file, "
    "or your user data folder.",
)


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


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
@_DATA_DIR_OPTION
def serve(host: str, port: int, data_dir: Path | None) -> None:
    """Start the journal web app, on this computer only by default.

    \b
    The database is created on the first run (SQLite in your data folder, or PostgreSQL when
    BENZOTAPER_DATABASE_URL is set). Open the address it prints in your browser. An encrypted
    database asks for its passphrase first (on a terminal, else the first line of standard input).
    """
    _start_django(data_dir)
    from benzotaper.web import commands

    with _plain_errors():
        commands.serve(host, port)


@main.command()
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The new backup file."
)
@_DATA_DIR_OPTION
def backup(out: Path, data_dir: Path | None) -> None:
    """Copy the SQLite database to the new file OUT, safely while the app runs (encrypted when it is)."""
    _use_data_dir(data_dir)
    from benzotaper.web import commands

    with _plain_errors():
        commands.backup(out)


@main.command()
@click.argument("backup_file", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that already holds a journal.")
@_DATA_DIR_OPTION
def restore(backup_file: Path, force: bool, data_dir: Path | None) -> None:
    """Put the backup FILE back as the database, after checking it. Stop the app first."""
    _use_data_dir(data_dir)
    from benzotaper.web import commands

    with _plain_errors():
        commands.restore(backup_file, force)


@main.command()
@_DATA_DIR_OPTION
def encrypt(data_dir: Path | None) -> None:
    """Encrypt the SQLite database with a passphrase (SQLCipher). Stop the app first."""
    _use_data_dir(data_dir)
    from benzotaper.web import commands

    with _plain_errors():
        commands.encrypt()


@main.command()
@_DATA_DIR_OPTION
def decrypt(data_dir: Path | None) -> None:
    """Turn the encrypted database back into a plain SQLite file. Stop the app first."""
    _use_data_dir(data_dir)
    from benzotaper.web import commands

    with _plain_errors():
        commands.decrypt()


@main.command()
@click.argument("name")
@_DATA_DIR_OPTION
def adduser(name: str, data_dir: Path | None) -> None:
    """Create an account named NAME.

    The password is asked twice on a terminal, or read from the first line of standard input:
    printf '%s\\n' "$PASSWORD" | benzotaper adduser alice
    """
    _start_django(data_dir)
    from django.core.exceptions import ValidationError

    from benzotaper.web.accounts.people import PersonExistsError, add_person, name_taken

    if name_taken(name):
        raise _Failed([f"error: there is already an account named {name}. Pick another name."], 1)
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt="Repeat the password")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise _Failed(["error: the password is empty. Give it on the first line of standard input."], 2)
    try:
        add_person(name, password)
    except PersonExistsError as error:
        raise _Failed([f"error: {error} Pick another name."], 1) from None
    except ValidationError as error:
        raise _Failed([f"error: the password is too weak: {' '.join(error.messages)}"], 2) from None
    click.echo(f"Created the account {name}.")


@main.command()
@click.option(
    "--password",
    default="demo",
    show_default=True,
    metavar="PASSWORD",
    help="Password of the account demo, printed at the end (the demo holds made-up data only).",
)
@_DATA_DIR_OPTION
def demo(password: str, data_dir: Path | None) -> None:
    """Create the account demo with six months of a fictional taper, to see every page with data.

    Running it again resets the account: everything in it is deleted and made again. An account
    named demo that this command did not make is left alone.
    """
    if not password:
        raise _Failed(["error: the password is empty. Give one with --password, or leave it out."], 2)
    _start_django(data_dir)
    from benzotaper.web.demo import DEMO_NAME, HISTORY_DAYS, DemoAccountTakenError, make_demo

    try:
        make_demo(password)
    except DemoAccountTakenError as error:
        raise _Failed([f"error: {error} Rename or delete that account to make the demo."], 1) from None
    serve = "benzotaper serve" + (f" --data-dir {shlex.quote(str(data_dir))}" if data_dir is not None else "")
    click.echo(f"Made the account {DEMO_NAME}: {HISTORY_DAYS} days of a taper, all of it fictional.")
    click.echo(f"Start the app with: {serve}")
    click.echo(f"Then open http://127.0.0.1:8000/ and sign in as {DEMO_NAME}, password: {password}")


@main.command()
@click.argument("name")
@click.option(
    "--label", default="api", show_default=True, help="What the token is for, to recognise it later."
)
@click.option("--revoke", metavar="PREFIX", help="Revoke NAME's token that starts with bzt_PREFIX.")
@click.option("--list", "show_list", is_flag=True, help="List NAME's tokens instead of making one.")
@_DATA_DIR_OPTION
def token(name: str, label: str, revoke: str | None, show_list: bool, data_dir: Path | None) -> None:
    """Make, list or revoke personal API tokens of the account NAME.

    A new token is printed once; only its hash is kept.

    \b
    Use it as:  Authorization: Bearer bzt_...
    """
    _start_django(data_dir)
    from django.contrib.auth import get_user_model

    from benzotaper.web.accounts.models import ApiToken

    user = get_user_model()._default_manager.filter(username=name).first()
    if user is None:
        raise _Failed(
            [f"error: there is no account named {name}. Create it with 'benzotaper adduser {name}'."], 1
        )
    tokens = ApiToken.objects.for_user(user)
    if show_list:
        for row in tokens:
            state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else row.state
            used = f"last used {row.last_used:%Y-%m-%d}" if row.last_used else "never used"
            click.echo(
                f"{ApiToken.PREFIX}{row.prefix}  {row.name}  created {row.created:%Y-%m-%d}  {used}  {state}"
            )
        return
    if revoke is not None:
        prefix = revoke.removeprefix(ApiToken.PREFIX)[:8]
        active = tokens.filter(prefix=prefix, revoked_at__isnull=True).first()
        if active is None:
            raise _Failed([f"error: {name} has no active token starting with {ApiToken.PREFIX}{prefix}."], 1)
        active.revoke()
        click.echo(f"Revoked the token {ApiToken.PREFIX}{prefix}… ({active.name}).")
        return
    _, secret = ApiToken.issue(user, label)
    click.echo(secret)
    click.echo("Keep this token secret; it is shown only now. Revoke it with --revoke.", err=True)


@main.command()
@click.argument("name")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: a summary to read; json: everything, as GET /api/v1/insights answers.",
)
@click.option("--today", metavar="YYYY-MM-DD", help="Judge as of this day. Default: today where NAME lives.")
@_DATA_DIR_OPTION
def insights(name: str, output_format: str, today: str | None, data_dir: Path | None) -> None:
    """Show what the journal of the account NAME says: alerts first, then windows and waves, the
    response to cuts, the trend and interactions with other medicines.
    """
    _start_django(data_dir)
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
        day = _parse_date(today) if today is not None else latest
    except InputError as error:
        raise _Failed([f"error: --today {_one_line(' '.join([error.message, *error.fixes]))}"], 2) from None
    if day > latest:
        raise _Failed([f"error: --today {day.isoformat()} is after {name}'s today, {latest.isoformat()}."], 2)
    journal = journal_of(user, day)
    result = analyse(journal)
    if output_format == "json":
        import json

        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        click.echo(insights_table(result, name, has_plan=journal.plan is not None), nl=False)


_EXPORT_FORMATS = ("json", "csv", "fhir", "ics")  # the keys of web.sharing.exports.KINDS


def _sharing(command: str, *args: Any) -> None:
    """Run a command body of ``web.sharing.commands`` and print its line, or its error."""
    from benzotaper.web.sharing import commands

    try:
        click.echo(getattr(commands, command)(*args))
    except commands.CommandProblem as problem:
        raise _Failed([problem.message], problem.status) from None


def _optional_date(option: str, text: str | None) -> dt.date | None:
    from benzotaper.planning import InputError

    try:
        return _parse_date(text) if text is not None else None
    except InputError as error:
        raise _Failed([f"error: {option} {_one_line(' '.join([error.message, *error.fixes]))}"], 2) from None


@main.command()
@click.argument("name")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="PDF to write.")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", help="First day. Default: 90 days before --to.")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", help="Last day. Default: today where NAME lives.")
@_DATA_DIR_OPTION
def report(name: str, out: Path, date_from: str | None, date_to: str | None, data_dir: Path | None) -> None:
    """Write the report for the doctor of the account NAME as a PDF (docs/reports.md)."""
    first, last = _optional_date("--from", date_from), _optional_date("--to", date_to)
    _start_django(data_dir)
    _sharing("write_report", name, out, first, last)


@main.command()
@click.argument("name")
@click.option("--format", "kind", type=click.Choice(_EXPORT_FORMATS), required=True, help="What to write.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write.")
@_DATA_DIR_OPTION
def export(name: str, kind: str, out: Path, data_dir: Path | None) -> None:
    """Write the data of the account NAME: json (a backup of everything), csv (doses and check-ins, a row
    a day), fhir (a FHIR R4 Bundle) or ics (the plan for a calendar)."""
    _start_django(data_dir)
    _sharing("write_export", name, kind, out)


@main.command("import")
@click.argument("name")
@click.argument("backup", type=click.Path(dir_okay=False, path_type=Path))
@_DATA_DIR_OPTION
def import_backup(name: str, backup: Path, data_dir: Path | None) -> None:
    """Restore BACKUP (made by export --format json) into the empty account NAME: all of it, or nothing."""
    _start_django(data_dir)
    _sharing("import_backup", name, backup)


@main.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command (for operators): benzotaper manage migrate, ..."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benzotaper.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["benzotaper manage", *args])


if __name__ == "__main__":
    main()
