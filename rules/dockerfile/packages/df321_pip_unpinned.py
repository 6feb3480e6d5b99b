"""## What it does
Reports a `pip install` (also `pip3`, `python -m pip`, `uv pip install`, `pipx install`) that names a
package without pinning its version. hadolint: DL3013 *Pin versions in pip*. Off by default: a policy
some projects follow and others do not.

Not unpinned: requirements and constraints files (`-r`, `-c`, `--require-hashes`, `PIP_CONSTRAINT`,
which may pin every name on the line too), local paths (`.`, `./lib`, `/src/app`), wheels and archives
(`*.whl`, `*.tar.gz`, a URL to one), VCS URLs with a ref (`git+https://...@v1.2`), and versions held in
a variable (`flask==$FLASK_VERSION`). A word that is only a variable (`pip install $PACKAGES`) is not
judged. A VCS URL without ref, or on a branch (`@main`), is unpinned. A package that the same `RUN`
uninstalls again is not reported.

hadolint misses the `pipx install "poetry==$POETRY_VERSION"` pin (it reports it) and `sh -c` scripts.

## Why is this bad?
Without a pin each build installs whatever is newest that day: a rebuild of the same Dockerfile can
pull a release that breaks the application, and two images built a week apart differ in ways nobody
chose.

## Example
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask gunicorn
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN pip install --no-cache-dir flask==3.0.3 gunicorn==22.0.0
```

## Options
- `pin` (`exact` | `any` | `off`, default `exact`): `exact` asks for `==` (or `===`); `any` also accepts
  ranges (`>=1,<2`, `~=1.2`); `off` reports nothing.
"""
from lint.api import (
    DOCKERFILE, Option, Related, Severity, finding, listing, pip_call, rule, run_commands, environment_at,
)

PIN = Option("pin", str, "exact", "what counts as pinned: `exact` (==), `any` (ranges such as >=1,<2 too), `off`",
             choices=("exact", "any", "off"))


@rule(DOCKERFILE, severity=Severity.INFO, aliases=("DL3013",), options=(PIN,), default=False)
def check(doc, ctx):
    mode = ctx.option("pin")
    if mode == "off":
        return
    for ins in doc.instructions:
        run = ins.inner if ins.keyword == "ONBUILD" and ins.inner is not None else ins
        if run.keyword != "RUN":
            continue
        if run is ins and "PIP_CONSTRAINT" in environment_at(doc, ins):
            continue
        commands = run_commands(run)
        uninstalled = uninstalled_names(commands)
        loose, tool = [], None
        for rc in commands:
            call = pip_call(rc.command)
            if call is None or call.from_files:
                continue
            found = [r for r in call.requirements if unpinned(r, mode) and canonical(r.name) not in uninstalled]
            tool = tool or (("uv pip" if call.tool == "uv" else call.tool) if found else None)
            loose += found
        if loose:  # one finding per RUN, naming every package
            what = "no exact version (==)" if mode != "any" else "no version"
            names = listing([r.word.value for r in loose])
            yield finding(loose[0].word.span, f"{tool} install of {names} pins {what}: a rebuild may install "
                                              f"a different release",
                          related=[Related(doc.path, r.word.span, "also unpinned") for r in loose[1:]])


def unpinned(req, mode: str) -> bool:
    if req.kind == "name":
        return req.pin is None or (req.pin == "range" and mode != "any")
    return req.kind == "vcs" and req.pin is None


def canonical(name: str | None) -> str | None:
    return name.lower().replace("_", "-").replace(".", "-") if name else None


def uninstalled_names(commands) -> set[str]:
    """Packages `pip uninstall` removes in the same RUN."""
    names = set()
    for rc in commands:
        eff = rc.command.effective
        values = [w.value for w in eff.args if not w.value.startswith("-")]
        if eff.name and eff.name.startswith("pip") and values[:1] == ["uninstall"]:
            names.update(canonical(v) for v in values[1:])
    return names
