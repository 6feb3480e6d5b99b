"""## What it does
Reports the image's last USER when it names the user by name (`USER app`) instead of by number
(`USER 10001`).

Off by default: select it (`DF504`, `user-by-name` or `DL3066`) where your platform needs
numeric users.

hadolint: DL3066 *Non-numeric user-id may not be resolvable by host system*. hadolint reports every USER
of every stage, `USER root` included; only the image's own user matters to the platform that runs it,
and `root` is uid 0 everywhere (that it is root at all is DF501's concern), so neither is reported here.
A user given through a variable without a known default is not reported either.

## Why is this bad?
The name is resolved through the image's `/etc/passwd` when the container starts; the platform outside
cannot see it. Kubernetes' `runAsNonRoot` refuses to start a container whose image user is a name
("image has non-numeric user, cannot verify user is non-root"), and security policies that match uid
ranges cannot judge it.

## Example
```dockerfile
FROM node:22-slim
WORKDIR /app
COPY . .
USER node
CMD ["node", "server.js"]
```

## Use instead
```dockerfile
FROM node:22-slim
WORKDIR /app
COPY . .
USER 1000:1000
CMD ["node", "server.js"]
```
"""
from lint.api import DOCKERFILE, Severity, effective_user, finding, rule


@rule(DOCKERFILE, severity=Severity.INFO, aliases=("DL3066",), default=False)
def check(doc, ctx):
    stage = ctx.target_stage(doc)
    if stage is None:
        return
    setting = effective_user(doc, stage)
    if setting is None or setting.user is None or setting.root or setting.numeric:
        return
    yield finding(setting.span, f"the image's user '{setting.user}' is a name: Kubernetes' runAsNonRoot and uid "
                                f"policies cannot check it; use its numeric uid")
