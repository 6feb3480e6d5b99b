"""## What it does
Reports `HEALTHCHECK` options that make `docker build` fail: an unknown option (only `--interval`,
`--timeout`, `--start-period`, `--start-interval` and `--retries` exist, spelled exactly so), an
option written with a space instead of `=` (`--interval 5s`), an option given twice, a duration Go's
`time.ParseDuration` rejects (units are `ns`, `us`, `ms`, `s`, `m`, `h`; there is no `d` or `w`, and a
bare number other than `0` needs a unit), a duration that is not zero but below 1ms (negative ones
included), and a `--retries` that is not a whole number or is negative. Options are not expanded,
so `--interval=$INTERVAL` fails too.

Not reported: `--retries=0` and a zero duration (both mean the default), and a `--timeout` longer
than `--interval` (probes never overlap). Options before `HEALTHCHECK NONE` are ignored by Docker.

hadolint's parser rejects a bad duration and reports the whole file as DL1000 (*Invalid Dockerfile syntax*),
then checks nothing else; `# hadolint ignore=DL1000` is honoured here.

## Why is this bad?
The build stops with "unknown flag", "missing a value on flag", "duplicate flag specified", "time:
invalid duration" or "cannot be less than 1ms", usually in CI and after the earlier stages ran.
Durations written for compose (`1d`) or a space-separated option copied from `docker run
--health-interval 5s` are the usual causes.

## Example
```dockerfile
FROM nginx:1.27
HEALTHCHECK --interval=1d --timeout 5s --retries=-1 CMD curl -f http://localhost/
```

## Use instead
```dockerfile
FROM nginx:1.27
HEALTHCHECK --interval=24h --timeout=5s --retries=3 CMD curl -f http://localhost/
```
"""
import re

from lint.api import DOCKERFILE, MILLISECOND, Severity, finding, parse_duration, rule

DURATIONS = ("interval", "timeout", "start-period", "start-interval")
OPTIONS = (*DURATIONS, "retries")
INT32 = range(-(2**31), 2**31)


@rule(DOCKERFILE, severity=Severity.ERROR, aliases=("DL1000",))
def check(doc, ctx):
    for ins in doc.instructions:
        if ins.keyword == "ONBUILD" and ins.inner is not None:
            ins = ins.inner
        check = ins.healthcheck if ins.keyword == "HEALTHCHECK" else None
        if check is None or check.none:
            continue  # Docker never parses the options of HEALTHCHECK NONE
        seen = set()
        for flag in check.options:
            yield from problems(flag, seen)


def problems(flag, seen):
    written = f"--{flag.name}"
    if flag.name not in OPTIONS:
        hint = _suggestion(flag.name)
        yield finding(flag.span, f"HEALTHCHECK has no option {written}{hint}: the build fails with \"unknown flag\"")
        return
    if flag.name in seen:
        yield finding(flag.span, f"HEALTHCHECK option {written} is given twice: the build fails with "
                                 f"\"duplicate flag specified\"")
        return
    seen.add(flag.name)
    if flag.value is None:
        yield finding(flag.span, f"HEALTHCHECK option {written} needs '=' before its value ({written}=...): the build fails "
                                 f"with \"missing a value on flag\"")
        return
    value, span = flag.value, flag.value_span or flag.span
    if value == "":
        return  # empty means the default
    if "$" in value:
        yield finding(span, f"HEALTHCHECK option {written}={value} is not expanded: Docker reads the text "
                            f"literally and the build fails")
        return
    if flag.name == "retries":
        number = _go_int(value)
        if number is None:
            what = "too large" if re.fullmatch(r"[+-]?[0-9]+", value) else "not a whole number"
            yield finding(span, f"HEALTHCHECK --retries={value} is {what}: the build fails")
        elif number < 0:
            yield finding(span, f"HEALTHCHECK --retries={value} is negative: the build fails "
                                f"(0 means the default, 3)")
        return
    nanoseconds, error = parse_duration(value, days=False)
    if error:
        yield finding(span, f"HEALTHCHECK {written}={value}: {error}, so the build fails")
    elif nanoseconds != 0 and nanoseconds < MILLISECOND:
        what = "negative" if nanoseconds < 0 else "below 1ms"
        yield finding(span, f"HEALTHCHECK {written}={value} is {what}: the build fails (\"cannot be less than 1ms\"); "
                            f"use 0 for the default")


def _go_int(text: str) -> int | None:
    """strconv.ParseInt(text, 10, 32)."""
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        return None
    number = int(text)
    return number if number in INT32 else None


def _suggestion(name: str) -> str:
    normal = name.lower().replace("_", "-")
    if normal in OPTIONS and normal != name:
        return f" (did you mean --{normal}?)"
    return ""
