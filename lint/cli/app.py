"""Command line: `hullcheck [check] [PATHS...]`, `hullcheck rules`, `hullcheck explain ID|name`.

Exit codes: 0 nothing at or above the failure threshold, 1 something is, 2 usage, config or I/O error.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from lint import __version__
from lint.report import FORMATS

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Lint Dockerfiles and Docker Compose files, read together: health checks, dependencies, restarts.",
)
COMMANDS = ("check", "rules", "explain", "version", "baseline", "lsp")
# options that check and the baseline commands share
CONFIG_OPTION = typer.Option(None, "--config", help="Config file (.hullcheck.toml, pyproject.toml, or a hadolint YAML file)")
TARGET_OPTION = typer.Option(None, "--target", help="Dockerfile stage to judge as the image")
NO_CACHE_OPTION = typer.Option(False, "--no-cache", help="Do not read or write the results cache")


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
    target: Optional[str] = TARGET_OPTION,
    config: Optional[Path] = CONFIG_OPTION,
    baseline: Optional[Path] = typer.Option(
        None, "--baseline",
        help="Report and fail only on findings not in this baseline file (default: the config's `baseline`)"),
    no_baseline: bool = typer.Option(False, "--no-baseline", help="Use no baseline, not even the config's: show every finding"),
    output_format: str = typer.Option(
        "text", "--format", help="Output format: text, json, sarif, github, gitlab, checkstyle, junit"),
    output_file: Optional[Path] = typer.Option(
        None, "--output-file", help="Write the report to this file; the terminal still gets the text summary"),
    stdin_filename: Optional[Path] = typer.Option(None, "--stdin-filename", help="Name of the file read from stdin"),
    statistics: bool = typer.Option(False, "--statistics", help="Count findings per rule"),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when problems are found"),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print findings only, no summary"),
    no_cache: bool = NO_CACHE_OPTION,
    shellcheck: bool = typer.Option(
        False, "--shellcheck", help="Run ShellCheck over the RUN scripts (rule DF390; pip install 'hullcheck[shellcheck]')"),
    show_source: Optional[bool] = typer.Option(
        None, "--show-source/--no-show-source", help="Show the source line and fix (default: on a terminal)"),
) -> None:
    """Lint Dockerfiles and compose files (the default command)."""
    from lint.engine.config import ConfigError, check_rule_keys
    from lint.core.model import Severity
    from lint.cli.runner import RunOptions, Runner, display

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
            overrides["no_fail"] = False  # the command line's threshold over a hadolint no-fail
        if shellcheck:
            overrides["shellcheck"] = True
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
        baseline = None if no_baseline else baseline or configured_baseline(runner.resolver)
        known = read_baseline(baseline) if baseline is not None else None
        result = runner.run()
    except ConfigError as exc:
        fail(str(exc))
    for notice in result.notices:
        typer.echo(f"hullcheck: {notice}", err=True)
    for error in result.errors:
        typer.echo(f"hullcheck: error: {error}", err=True)
    fixed_note = None
    if known is not None:
        from lint.engine import baseline as baselines

        scope = paths + ([stdin_filename] if stdin_data is not None else [])
        gone = baselines.apply(known, result, scope, runner.resolver).fixed
        fixed_note = baselines.fixed_note(len(gone)) if gone else None

    if output_file is not None:
        write_report(output_file, render_report(output_format, result, display, unsafe_fixes, statistics, quiet))
    if stdin_data is not None and fix and not diff:
        from lint.engine.fix import encode_like

        # bytes, in the input's encoding: an editor replaces its buffer with them, so nothing unfixed may change
        fixed = stdin_data if result.stdout_text is None else encode_like(result.stdout_text, stdin_data)
        sys.stdout.flush()
        sys.stdout.buffer.write(fixed)
        sys.stdout.buffer.flush()
    elif diff:
        sys.stdout.write("".join(result.diffs))
        note = unsafe_note(result, unsafe_fixes)
        if note and not quiet:
            typer.echo(f"hullcheck: {note}", err=True)
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
    if fixed_note and not quiet:
        typer.echo(f"hullcheck: {fixed_note}", err=True)  # stderr: a json or sarif stdout stays valid

    if result.errors:
        raise typer.Exit(2)
    # each file's own config (the nearest one) sets the threshold its findings are held to
    failing = [f for f in result.findings if fails(f, runner.resolver.for_path(Path(f.path)))]
    if diff and result.diffs and not exit_zero:
        raise typer.Exit(1)
    if failing and not exit_zero:
        raise typer.Exit(1)


def fails(finding, config) -> bool:
    return not config.no_fail and finding.severity >= config.failure_threshold


def unsafe_note(result, unsafe_fixes: bool) -> str | None:
    """What --diff leaves out: the unsafe fixes it shows only with --unsafe-fixes."""
    from lint.core.model import Applicability

    if unsafe_fixes:
        return None
    count = sum(1 for f in result.findings if f.fix is not None and f.fix.applicability is Applicability.UNSAFE)
    if not count:
        return None
    fixes = f"unsafe fix{'es' if count != 1 else ''}"
    if not result.diffs:
        return f"no safe fixes to show; {count} {fixes} shown with --diff --unsafe-fixes"
    return f"{count} more {fixes} shown with --diff --unsafe-fixes"


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
        # surrogateescape: a file name that is not UTF-8 keeps its bytes in a text report, as on stdout
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="") as handle:
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


baseline_app = typer.Typer(
    no_args_is_help=True,
    help="Record the findings a repository has now, so that `check --baseline FILE` fails only on new ones.")
app.add_typer(baseline_app, name="baseline")

BASELINE_FILE_HELP = "Baseline file (default: the config's `baseline`, else .hullcheck-baseline.json here)"


def read_baseline(path: Path):
    from lint.engine.baseline import BaselineError, load

    try:
        return load(path)
    except BaselineError as exc:
        fail(str(exc))


def configured_baseline(resolver) -> Optional[Path]:
    """`baseline = "..."` in the config that applies to the working directory, relative to that config."""
    config = resolver.for_path(Path.cwd())
    return config.directory / config.baseline if config.baseline else None


def lint_for_baseline(paths: Optional[List[Path]], config: Optional[Path], target: Optional[str], no_cache: bool,
                      file: Optional[Path], read: bool):
    """Lint as `check` does; any I/O or config error stops here, before the baseline is touched. The
    baseline file: --file, else the config's `baseline`, else .hullcheck-baseline.json here."""
    from lint.engine.baseline import DEFAULT_NAME
    from lint.engine.config import ConfigError
    from lint.cli.runner import RunOptions, Runner

    if config is not None and not config.is_file():
        fail(f"{config}: config file not found")
    paths = list(paths or [Path(".")])
    try:
        runner = Runner(RunOptions(paths=paths, config_path=config, target=target, use_cache=not no_cache))
        file = file or configured_baseline(runner.resolver) or Path(DEFAULT_NAME)
        known = read_baseline(file) if read else None
        result = runner.run()
    except ConfigError as exc:
        fail(str(exc))
    for notice in result.notices:
        typer.echo(f"hullcheck: {notice}", err=True)
    if result.errors:
        for error in result.errors:
            typer.echo(f"hullcheck: error: {error}", err=True)
        raise typer.Exit(2)
    return runner, result, paths, file, known


@baseline_app.command("create")
def baseline_create(
    paths: List[Path] = typer.Argument(None, help="Files or directories (default: .)"),
    file: Optional[Path] = typer.Option(None, "--file", help=BASELINE_FILE_HELP),
    config: Optional[Path] = CONFIG_OPTION,
    target: Optional[str] = TARGET_OPTION,
    no_cache: bool = NO_CACHE_OPTION,
) -> None:
    """Write every current finding to the baseline file, replacing it."""
    from lint.engine import baseline as baselines
    from lint.cli.runner import display

    _, result, _, file, _ = lint_for_baseline(paths, config, target, no_cache, file, read=False)
    created = baselines.create(file, result.findings)
    try:
        baselines.write(created)
    except baselines.BaselineError as exc:
        fail(str(exc))
    count = len(created.entries)
    typer.echo(f"Wrote {count} finding{'s' if count != 1 else ''} to {display(created.file)}.")


@baseline_app.command("update")
def baseline_update(
    paths: List[Path] = typer.Argument(None, help="Files or directories (default: .)"),
    file: Optional[Path] = typer.Option(None, "--file", help=BASELINE_FILE_HELP),
    config: Optional[Path] = CONFIG_OPTION,
    target: Optional[str] = TARGET_OPTION,
    no_cache: bool = NO_CACHE_OPTION,
) -> None:
    """Drop the entries that no longer occur. Never adds new findings: fix those (or run `baseline create`)."""
    from lint.engine import baseline as baselines
    from lint.cli.runner import display

    runner, result, paths, _, known = lint_for_baseline(paths, config, target, no_cache, file, read=True)
    comparison = baselines.compare(known, result.findings, baselines.run_scope(known, result, paths, runner.resolver))
    updated = baselines.Baseline(known.file, comparison.kept)
    if baselines.dumps(updated) != baselines.dumps(known):
        try:
            baselines.write(updated)
        except baselines.BaselineError as exc:
            fail(str(exc))
    removed = len(comparison.fixed)
    typer.echo(f"Removed {removed} {'entry that no longer occurs' if removed == 1 else 'entries that no longer occur'}"
               f" from {display(known.file)}; {len(updated.entries)} remain.")
    if comparison.new:
        count = len(comparison.new)
        typer.echo(f"hullcheck: {count} problem{'s are' if count != 1 else ' is'} not in the baseline and "
                   f"{'were' if count != 1 else 'was'} not added: run `hullcheck check --baseline "
                   f"{display(known.file)}` to see {'them' if count != 1 else 'it'}", err=True)


def load_installed_plugins() -> None:
    """`rules` and `explain` show the rules of every installed plugin, enabled or not."""
    from lint.engine.registry import PluginError, enable_installed_plugins

    try:
        enable_installed_plugins()
    except PluginError as exc:
        fail(str(exc))


@app.command()
def rules(output_format: str = typer.Option("text", "--format", help="text, json or markdown")) -> None:
    """List every rule: id, name, severity, fix and what it does."""
    from lint.engine import docs
    from lint.engine.registry import manifest

    load_installed_plugins()
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
    from lint.engine import docs
    from lint.engine.registry import find_rule

    from lint.core.rules import CODED_RULE, RULE_CODE

    load_installed_plugins()
    info = find_rule(rule)
    if info is None and RULE_CODE.match(rule.strip()):
        code = rule.strip().upper()
        sys.stdout.write(f"{code} is ShellCheck's check https://www.shellcheck.net/wiki/{code}, reported by rule "
                         f"{CODED_RULE} (`hullcheck explain {CODED_RULE}`) with --shellcheck.\n")
        return
    if info is None:
        fail(f"unknown rule {rule!r} (see `hullcheck rules`)")
    sys.stdout.write(docs.explain(info))


@app.command()
def lsp() -> None:
    """Run the language server over stdio (diagnostics, quick fixes and rule docs in the editor)."""
    try:
        from lint.lsp import serve
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] not in ("pygls", "lsprotocol", "cattrs"):
            raise
        typer.echo("hullcheck lsp needs the lsp extra: pip install 'hullcheck[lsp]'", err=True)
        raise typer.Exit(2) from None
    serve()


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
