"""The ``eagle-eye`` command. Expected failures (EagleEyeError) become one clean line and exit 2."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from eagle_eye.errors import EagleEyeError

app = typer.Typer(
    name="eagle-eye",
    help="Find citizens' identifying numbers exposed on Thai local-government websites.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _add_groups() -> None:
    from eagle_eye import cli_alerts, cli_crawl, cli_orgs, cli_report, cli_users

    app.add_typer(cli_orgs.app, name="orgs")
    app.add_typer(cli_alerts.incidents_app, name="incidents")
    app.add_typer(cli_alerts.alerts_app, name="alerts")
    app.add_typer(cli_users.app, name="users")
    app.add_typer(cli_report.app, name="report")
    app.command()(cli_crawl.crawl)
    app.command()(cli_crawl.findings)
    app.command()(cli_crawl.scheduler)
    app.command()(cli_crawl.worker)
    app.command()(cli_crawl.purge)
    app.command()(cli_crawl.backup)
    app.command()(cli_crawl.restore)


_add_groups()


@app.callback()
def _root() -> None:
    """Eagle Eye: find citizens' identifying numbers exposed on Thai local-government websites."""


class OutputFormat:
    JSONL = "jsonl"
    TABLE = "table"


@app.command()
def scan(
    sources: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or http(s) URLs.", metavar="PATH_OR_URL...")],
    output_format: Annotated[
        str, typer.Option("--format", help="jsonl: one JSON line per detection; table: for people.")
    ] = "",
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes; 0 means one per CPU.")] = 0,
) -> None:
    """Scan files or URLs for exposed national IDs, phone numbers and laser codes.

    Exit status: 0 no personal identifier exposed, 1 some exposed, 2 usage error.
    Nothing is written anywhere; no raw identifier is ever printed.
    """
    from eagle_eye.settings import get_settings
    from eagle_eye import scanning, output
    from detectors import MaskingRule
    from extractors.base import Limits

    fmt = output_format or (OutputFormat.TABLE if sys.stdout.isatty() else OutputFormat.JSONL)
    if fmt not in (OutputFormat.JSONL, OutputFormat.TABLE):
        raise typer.BadParameter("must be jsonl or table", param_hint="--format")
    settings = get_settings()
    options = scanning.ScanOptions(
        key=settings.fingerprint_key_bytes(),
        rule=MaskingRule(min_hidden=settings.mask_min_hidden, max_visible=settings.mask_max_visible),
        limits=Limits.from_settings(settings),
    )
    files = scanning.expand_sources(sources)
    if settings.fingerprint_key_is_ephemeral:
        _err("note: EAGLE_EYE_FINGERPRINT_KEY is not set; fingerprints are comparable within this run only")
    results = scanning.scan_sources(files, options, jobs=jobs or os.cpu_count() or 1)
    if sys.stderr.isatty() and len(files) > 1:
        results = _with_progress(results, len(files))
    exposed_files = exposures = failed = 0
    for result in results:
        if result.error:
            failed += 1
            _err(f"eagle-eye: cannot read {result.source}: {result.error}")
        for note in result.notes:
            _err(f"note: {result.source}: {note}")
        lines = output.jsonl_lines(result) if fmt == OutputFormat.JSONL else output.table_lines(result)
        for line in lines:
            typer.echo(line)
        if result.exposures:
            exposed_files += 1
            exposures += len(result.exposures)
    summary = (
        f"scanned {len(files)} file{'s' if len(files) != 1 else ''}: "
        f"{exposures} exposed personal identifier{'s' if exposures != 1 else ''} in {exposed_files} file{'s' if exposed_files != 1 else ''}"
        + (f"; {failed} could not be read" if failed else "")
    )
    if fmt == OutputFormat.TABLE:
        typer.echo(summary)
    else:
        _err(summary)
    raise typer.Exit(1 if exposures else 0)


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
) -> None:
    """Run the web app: the monitoring team's dashboard and the coordinators' acknowledge pages."""
    import uvicorn

    from dashboard.app import create_app
    from eagle_eye.settings import get_settings

    from eagle_eye.logs import configure

    settings = get_settings()
    settings.secret_key_bytes()  # every page a coordinator reaches is a signed link: fail now, not per request
    configure(settings.log_level)
    # our logging (JSON off a terminal), and no access log: URLs of signed links are keys
    uvicorn.run(create_app(settings), host=host, port=port, log_config=None, access_log=False)


def _with_progress(results, total: int):
    with typer.progressbar(length=total, label="scanning", file=sys.stderr) as bar:
        for result in results:
            bar.update(1)
            yield result


def _err(message: str) -> None:
    typer.echo(message, err=True)


def main() -> None:
    try:
        app()
    except EagleEyeError as exc:
        _err(f"eagle-eye: {exc}")
        sys.exit(2)
    except Exception as exc:  # noqa: BLE001 - last line of defence against printing a raw number
        import traceback

        from detectors import redact

        if os.environ.get("EAGLE_EYE_DEBUG"):
            _err(redact(traceback.format_exc()))
        _err(redact(f"eagle-eye: internal error: {type(exc).__name__}: {exc}")[:500])
        _err("eagle-eye: set EAGLE_EYE_DEBUG=1 for a (masked) traceback")
        sys.exit(3)


if __name__ == "__main__":
    main()
