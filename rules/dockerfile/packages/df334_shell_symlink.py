"""## What it does
Reports a RUN that replaces `/bin/sh` with a link to another shell (`ln -sf /bin/bash /bin/sh`), the link's
destination being `/bin/sh` or `/usr/bin/sh`.

hadolint: DL4005 *Use SHELL to change the default shell*. hadolint reports any `ln` that names `/bin/sh`
anywhere, also `ln -s /bin/sh /usr/local/bin/sh`, which links to sh and replaces nothing; that is not
reported here.

## Why is this bad?
The image's `/bin/sh` is what its own scripts, the distribution's maintainer scripts and every `#!/bin/sh`
program expect; pointing it to bash changes all of them, in the build and in the running container, to get
bash for the Dockerfile's RUN lines. `SHELL ["/bin/bash", "-c"]` gives RUN lines bash and changes nothing
else.

## Example
```dockerfile
FROM ubuntu:24.04
RUN ln -sf /bin/bash /bin/sh
RUN source /etc/profile && make
```

## Use instead
```dockerfile
FROM ubuntu:24.04
SHELL ["/bin/bash", "-c"]
RUN source /etc/profile && make
```
"""
from lint.api import DOCKERFILE, Severity, finding, rule, run_commands, sh_link


@rule(DOCKERFILE, severity=Severity.WARNING, aliases=("DL4005",))
def check(doc, ctx):
    for ins in doc.instructions:
        if ins.keyword != "RUN" or ins.command is None:
            continue
        written = doc.source.text[ins.span.start:ins.span.end]
        if "/sh" not in written:
            continue
        for rc in run_commands(ins):
            link = sh_link(rc.command)
            if link is not None:
                source = [w for w in rc.command.effective.args if not w.value.startswith("-")][0]
                yield finding(link.span, f"`ln` replaces {link.value} with {source.value} for the whole image; "
                                         f"use SHELL to change the shell of RUN lines")
