"""## What it does
Reports `npm install` (`npm i`, `npm add`), `yarn add`, `yarn global add` and `pnpm add` naming a package
from the registry without pinning its version. hadolint: DL3016 *Pin versions in npm*. Off by default:
a policy some projects follow and others do not.

Not unpinned: a project's own install (`npm ci`, `npm install` / `yarn` / `pnpm install` without
names: the lockfile decides), tarballs (`*.tgz`, a URL), local folders (`./lib`, `file:../x`), git URLs
with a ref (`#v1.2.0`, `#<sha>`) and versions in a variable (`pkg@$VERSION`). A word that is only a
variable is not judged. Tags are not pins: `npm install -g npm@latest` is reported (hadolint accepts any
`@`), so are `*` and git URLs without ref. Option values (`--registry URL`, `--loglevel verbose`) are
never read as packages, a misfire hadolint has had more than once.

## Why is this bad?
Without a pin each build installs whatever is newest that day: a global CLI installed in the image can
change behaviour, or break, between two builds of the same Dockerfile.

## Example
```dockerfile
FROM node:22-slim
RUN npm install -g pm2
```

## Use instead
```dockerfile
FROM node:22-slim
RUN npm install -g pm2@5.4.2
```

## Options
- `pin` (`exact` | `any` | `off`, default `exact`): `exact` asks for one version (`@1.2.3`); `any` also
  accepts ranges (`@^1.2`, `@~1.2.3`, `@">=1 <2"`); `off` reports nothing.
"""
from lint.api import (
    DOCKERFILE, Option, Related, Severity, finding, listing, node_install, rule, run_commands,
    run_instructions, spec,
)

PIN = Option("pin", str, "exact", "what counts as pinned: `exact` (@1.2.3), `any` (ranges such as ^1.2 too), `off`",
             choices=("exact", "any", "off"))


@rule(DOCKERFILE, severity=Severity.INFO, aliases=("DL3016",), options=(PIN,), default=False)
def check(doc, ctx):
    mode = ctx.option("pin")
    if mode == "off":
        return
    for run in run_instructions(doc):  # ONBUILD RUNs too: they run in the images built on this one
        loose, verb = [], None
        for rc in run_commands(run):
            install = node_install(rc.command)
            if install is None or not install.packages:
                continue
            found = [s for s in map(spec, install.packages) if unpinned(s, mode)]
            if found and verb is None:
                verb = f"{install.tool} {install.verb.value}"
            loose += found
        if loose:  # one finding per RUN, naming every package
            what = "no exact version (@1.2.3)" if mode != "any" else "no version"
            names = listing([s.word.value for s in loose])
            yield finding(loose[0].word.span, f"{verb} of {names} pins {what}: a rebuild may install a "
                                              f"different release",
                          related=[Related(doc.path, s.word.span, "also unpinned") for s in loose[1:]])


def unpinned(s, mode: str) -> bool:
    if s.kind == "registry":
        return s.pin is None or (s.pin == "range" and mode != "any")
    return s.kind == "git" and s.pin is None
