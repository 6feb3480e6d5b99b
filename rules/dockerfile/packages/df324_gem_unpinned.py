"""## What it does
Reports `gem install` naming a gem without pinning its version. hadolint: DL3028 *Pin versions in gem
install*. Off by default: a policy some projects follow and others do not.

Pins are `gem:1.2.3`, `-v 1.2.3`, `--version 1.2.3` and `--version=1.2.3` (the version may be a
variable). Not judged: local `.gem` files and paths, `-g` / `--file` (the gems of a Gemfile), a word that
is only a variable, and words after `--` (build options). hadolint reports local `.gem` files and
misses a gem after `--no-document`.

## Why is this bad?
Without a pin each build installs whatever is newest that day: `gem install bundler` in an image built
today and one built next month can give two bundler majors and two different lockfile behaviours.

## Example
```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler
```

## Use instead
```dockerfile
FROM ruby:3.3-slim
RUN gem install bundler -v 2.5.16
```

## Options
- `pin` (`exact` | `any` | `off`, default `exact`): `exact` asks for one version; `any` also accepts
  requirements such as `-v '~> 2.5'`; `off` reports nothing.
"""
from lint.api import (
    DOCKERFILE, Option, Related, Severity, finding, gem_install, gem_pin, listing, rule, run_commands,
    run_instructions,
)

PIN = Option("pin", str, "exact", "what counts as pinned: `exact` (-v 1.2.3), `any` (~> 2.5 too), `off`",
             choices=("exact", "any", "off"))


@rule(DOCKERFILE, severity=Severity.INFO, aliases=("DL3028",), options=(PIN,), default=False)
def check(doc, ctx):
    mode = ctx.option("pin")
    if mode == "off":
        return
    for run in run_instructions(doc):  # ONBUILD RUNs too: they run in the images built on this one
        loose = []
        for rc in run_commands(run):
            install = gem_install(rc.command)
            if install is None or install.from_file:
                continue
            gems = [w for w in install.gems if not (w.has_expansion and w.value.startswith("$"))]
            if install.versions and len(gems) > 1:
                continue  # gem refuses --version with several gems: the build stops there anyway
            loose += [w for w in gems if unpinned(gem_pin(w, install.versions), mode)]
        if loose:  # one finding per RUN, naming every gem
            what = "no exact version (-v 1.2.3)" if mode != "any" else "no version"
            yield finding(loose[0].span, f"gem install of {listing([w.value for w in loose])} pins {what}: "
                                         f"a rebuild may install a different release",
                          related=[Related(doc.path, w.span, "also unpinned") for w in loose[1:]])


def unpinned(pin: str | None, mode: str) -> bool:
    return pin is None or (pin == "range" and mode != "any")
