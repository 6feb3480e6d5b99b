"""## What it does
Reports a `USER root` (or `USER 0`, `root:root`, `0:0`) that is the last USER of the image.

That is the last USER of the target stage, or of the stage it is built FROM when it sets none itself.

hadolint: DL3002 *Last USER should not be root*. hadolint checks the last USER of every stage, so a
build stage that switches to root to install its tools is reported although the image it builds runs as
another user (its tracker: "DL3002 false positive in multi-stage builds"); only the image's user matters
here. A CMD or ENTRYPOINT that drops privileges itself (`gosu`, `su-exec`, `setpriv`, `runuser`,
`s6-setuidgid`, `chpst`) is not reported either.

## Why is this bad?
Every container started from the image runs its processes as root unless the run command says
otherwise. A flaw in the application then gives an attacker root inside the container, write access to
everything in the image and a much better start for escaping to the host. Switching to root for the
installation steps is fine; switching back to an unprivileged user before the image ends is the point.

## Example
```dockerfile
FROM python:3.12-slim
RUN useradd --create-home app
USER app
COPY . /home/app
USER root
RUN pip install --no-cache-dir /home/app
CMD ["python", "-m", "app"]
```

## Use instead
```dockerfile
FROM python:3.12-slim
RUN useradd --create-home app
COPY . /home/app
RUN pip install --no-cache-dir /home/app
USER app
CMD ["python", "-m", "app"]
```
"""
from lint.api import DOCKERFILE, Severity, effective_user, finding, rule, start_instructions

# programs that start the application as another user, so the image may keep root for its entrypoint
DROPS_PRIVILEGES = {"gosu", "su-exec", "setpriv", "runuser", "s6-setuidgid", "chpst", "setuser", "su"}


def drops_privileges(chain) -> bool:
    for ins in start_instructions(chain):
        if ins is None:
            continue
        words = ins.args.text.replace('"', " ").replace("'", " ").replace(",", " ").replace("[", " ").split()
        if any(word.rsplit("/", 1)[-1] in DROPS_PRIVILEGES for word in words):
            return True
    return False


@rule(DOCKERFILE, severity=Severity.WARNING, aliases=("DL3002",))
def check(doc, ctx):
    stage = ctx.target_stage(doc)
    if stage is None:
        return
    setting = effective_user(doc, stage)
    if setting is None or not setting.root:
        return
    chain = [*reversed(doc.ancestors(stage)), stage]
    if drops_privileges(chain):
        return
    inherited = setting.instruction.stage is not stage
    where = f" (from stage '{setting.instruction.stage.name}')" if inherited else ""
    yield finding(setting.span, f"the image runs as root: this is its last USER{where}; switch to a non-root "
                                f"user so a breach is not root")
