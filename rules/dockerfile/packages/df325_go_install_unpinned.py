"""## What it does
Reports `go install`, `go run` and `go get` fetching a remote module at a moving version: `@latest`,
`@upgrade`, `@patch`, a branch (`@master`, `@main`), or `go get` without a version (which fetches whatever is
newest). hadolint: DL3062 *Pin versions in go*. Off by default: a policy some projects
follow and others do not.

Not reported: `@v1.2.3`, a pseudo-version or commit hash, a version in a variable (`@${VERSION}`),
local packages (`./cmd/app`, `./...`) and standard ones, and arguments of the program `go run` starts.
`go install github.com/x/tool` and `go run` **without** a version are not reported either, unlike
hadolint: since Go 1.16 they build the version the current module's `go.mod` requires (pinned there),
and outside a module they stop with "'go install' requires a version". A tag that is not a semantic
version cannot be told from a branch and is not judged. hadolint accepts `@master`.

## Why is this bad?
`go install golang.org/x/tools/gopls@latest` builds whatever was released last: two builds of the same
Dockerfile can ship different tools, and a breaking release breaks the image build without any change
on your side.

## Example
```dockerfile
FROM golang:1.22
RUN go install github.com/go-delve/delve/cmd/dlv@latest
```

## Use instead
```dockerfile
FROM golang:1.22
RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.0
```

## Options
- `pin` (`exact` | `any` | `off`, default `exact`): `exact` asks for one version (`@v1.2.3`); `any` also
  accepts module queries such as `@v1` or `@>=v1.2`; `off` reports nothing.
"""
from lint.api import (DOCKERFILE, Option, Related, Severity, finding, go_fetches, go_pin, rule, run_commands,
                      run_instructions)

PIN = Option("pin", str, "exact", "what counts as pinned: `exact` (@v1.2.3), `any` (@v1 too), `off`",
             choices=("exact", "any", "off"))


@rule(DOCKERFILE, severity=Severity.INFO, aliases=("DL3062",), options=(PIN,), default=False)
def check(doc, ctx):
    mode = ctx.option("pin")
    if mode == "off":
        return
    for run in run_instructions(doc):  # ONBUILD RUNs too: they run in the images built on this one
        loose = [fetch for rc in run_commands(run) for fetch in go_fetches(rc.command)
                 if go_pin(fetch) is None or (go_pin(fetch) == "range" and mode != "any")]
        if not loose:
            continue
        first = loose[0]  # one finding per RUN, the others related
        more = f" (and {len(loose) - 1} more)" if len(loose) > 1 else ""
        verb = f"go {first.verb.value}"
        if first.version is None:
            message = f"{verb} of {first.path}{more} without a version fetches whatever is newest: pin a version"
        else:
            message = f"{verb} of {first.path}@{first.version}{more} builds whatever matches on the day: pin one " \
                      f"version (@vX.Y.Z)"
        yield finding(first.package.span, message,
                      related=[Related(doc.path, f.package.span, "also unpinned") for f in loose[1:]])
