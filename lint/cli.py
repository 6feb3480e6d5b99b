"""Command line: `hullcheck [check] [PATHS...]`, `hullcheck rules`, `hullcheck explain ID|name`.

Exit codes: 0 nothing at or above the failure threshold, 1 something is, 2 usage, config or I/O error.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from lint import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Lint Dockerfiles and Docker Compose files, read together: health checks, dependencies, restarts.",
)
COMMANDS = ("check", "rules", "explain", "version")
FORMATS = ("text", "json", "sarif", "github", "gitlab", "checkstyle", "junit")  # as lint.report.FORMATS


def fail(message: str) -> None:
    typer.echo(f"hullcheck: error: {message}", err=True)
    raise typer.Exit(2)


def split_keys(values: Optional[List[str]]) -> list[str]:
    keys = []
    for value in values or []:
        keys.extend(k.strip() for k in value.split(",") if k.strip())
    return keys


@app.command()
def check(
    paths: List[Path] = typer.Argument(None, help="Files or directories (default: .); - reads stdin"),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes to the files"),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too"),
    diff: bool = typer.Option(False, "--diff", help="Print the fixes as a unified diff instead of writing"),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (ids, names, prefixes)"),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", help="Rules to add to the selection"),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Rules to skip"),
    failure_threshold: Optional[str] = typer.Option(
        None, "--failure-threshold", help="Lowest severity that fails the run: error, warning, info, style"),
    target: Optional[str] = typer.Option(None, "--target", help="Dockerfile stage to judge as the image"),
    config: Optional[Path] = typer.Option(None, "--config", help="Config file (.hullcheck.toml or pyproject.toml)"),
    output_format: str = typer.Option(
        "text", "--format", help="Output format: text, json, sarif, github, gitlab, checkstyle, junit"),
    output_file: Optional[Path] = typer.Option(
        None, "--output-file", help="Write the report to this file; the terminal still gets the text summary"),
    stdin_filename: Optional[Path] = typer.Option(None, "--stdin-filename", help="Name of the file read from stdin"),
    statistics: bool = typer.Option(False, "--statistics", help="Count findings per rule"),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when problems are found"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print findings only, no summary"),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the results cache"),
    show_source: Optional[bool] = typer.Option(
        None, "--show-source/--no-show-source", help="Show the source line and fix (default: on a terminal)"),
) -> None:
    """Lint Dockerfiles and compose files (the default command)."""
    from lint.config import ConfigError, check_rule_keys
    from lint.model import Severity
    from lint.runner import RunOptions, Runner, display

    if output_format not in FORMATS:
        fail(f"unknown format {output_format!r} (expected one of: {', '.join(FORMATS)})")
    overrides: dict = {}
    try:
        for name, values in (("select", select), ("extend_select", extend_select), ("ignore", ignore)):
            keys = split_keys(values)
            if values is not None:
                check_rule_keys(keys, f"--{name.replace('_', '-')}", Path("<command line>"))
                overrides[name] = tuple(keys)
        if failure_threshold is not None:
            overrides["failure_threshold"] = Severity.parse(failure_threshold)
    except (ConfigError, ValueError) as exc:
        fail(str(exc).replace("<command line>: ", ""))
    if config is not None and not config.is_file():
        fail(f"{config}: config file not found")

    paths = list(paths or [])
    stdin_data = None
    if any(str(p) == "-" for p in paths):
        paths = [p for p in paths if str(p) != "-"]
        stdin_data = sys.stdin.buffer.read()
    elif not paths:
        paths = [Path(".")]
    if stdin_data is not None and stdin_filename is None:
        fail("reading stdin needs --stdin-filename (it tells the kind of file and where its project is)")

    options = RunOptions(
        paths=paths, stdin_filename=stdin_filename, stdin_data=stdin_data, fix=fix, unsafe_fixes=unsafe_fixes,
        diff=diff, config_path=config, overrides=overrides, target=target, use_cache=not no_cache,
    )
    try:
        runner = Runner(options)
        result = runner.run()
    except ConfigError as exc:
        fail(str(exc))
    for notice in result.notices:
        typer.echo(f"hullcheck: {notice}", err=True)
    for error in result.errors:
        typer.echo(f"hullcheck: error: {error}", err=True)

    if output_file is not None:
        write_report(output_file, render_report(output_format, result, display, unsafe_fixes, statistics, quiet))
    if stdin_data is not None and fix and not diff:
        sys.stdout.write(result.stdout_text if result.stdout_text is not None else stdin_data.decode("utf-8", "replace"))
        sys.stdout.flush()
    elif diff:
        sys.stdout.write("".join(result.diffs))
    elif output_format != "text" and output_file is None:
        sys.stdout.write(render_report(output_format, result, display, unsafe_fixes, statistics, quiet))
    else:
        from lint.report import text as text_report

        color = text_report.use_color(sys.stdout)
        show = show_source if show_source is not None else sys.stdout.isatty()
        sys.stdout.write(text_report.render(
            result, show_source=show, color=color, unsafe=unsafe_fixes, statistics=statistics, quiet=quiet,
            display=display))
    sys.stdout.flush()

    if result.errors:
        raise typer.Exit(2)
    # each file's own config (the nearest one) sets the threshold its findings are held to
    failing = [f for f in result.findings if f.severity >= runner.resolver.for_path(Path(f.path)).failure_threshold]
    if diff and result.diffs and not exit_zero:
        raise typer.Exit(1)
    if failing and not exit_zero:
        raise typer.Exit(1)


def render_report(output_format: str, result, display, unsafe: bool, statistics: bool, quiet: bool) -> str:
    """The report in a machine format (or plain text, for a file): each format's module is imported only
    when asked for."""
    import importlib

    report = importlib.import_module(f"lint.report.{output_format}")
    if output_format == "text":
        return report.render(result, show_source=False, color=False, unsafe=unsafe, statistics=statistics,
                             quiet=quiet, display=display)
    return report.render(result, display=display)


def write_report(path: Path, text: str) -> None:
    """Write through a temp file beside it and rename, so a CI step never reads half a report."""
    import os
    import tempfile

    target = path.resolve()
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        fail(f"{path}: cannot write the report: {exc.strerror or exc}")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)  # a report like any other new file, not mkstemp's private 0600
        os.replace(temp, target)
    except OSError as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        fail(f"{path}: cannot write the report: {exc.strerror or exc}")


@app.command()
def rules(output_format: str = typer.Option("text", "--format", help="text, json or markdown")) -> None:
    """List every rule: id, name, severity, fix and what it does."""
    from lint import docs
    from lint.rule import manifest

    if output_format == "json":
        import json

        typer.echo(json.dumps([i.to_json() for i in manifest()], indent=2))
    elif output_format == "markdown":
        sys.stdout.write(docs.index_markdown())
    elif output_format == "text":
        sys.stdout.write(docs.index_text())
    else:
        fail(f"unknown format {output_format!r} (expected text, json or markdown)")


@app.command()
def explain(rule: str = typer.Argument(..., help="Rule id, name or alias, e.g. DF102 or healthcheck-curl-without-fail")) -> None:
    """Show a rule's documentation."""
    from lint import docs
    from lint.rule import find_rule

    info = find_rule(rule)
    if info is None:
        fail(f"unknown rule {rule!r} (see `hullcheck rules`)")
    sys.stdout.write(docs.explain(info))


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(f"hullcheck {__version__}")


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--version" in args and (not args or args[0] not in COMMANDS[1:]):
        sys.stdout.write(f"hullcheck {__version__}\n")
        raise SystemExit(0)
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help")):
        args.insert(0, "check")
    try:
        app(args=args, prog_name="hullcheck", standalone_mode=True)
    except KeyboardInterrupt:
        sys.stderr.write("hullcheck: interrupted\n")
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
