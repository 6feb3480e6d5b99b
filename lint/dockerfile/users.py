"""Which USER a stage's image runs as: the last USER of the stage, else of the stage it is built FROM
(inside the same Dockerfile), and what that USER names.

`USER name[:group]` and `USER uid[:gid]`; root is `root` or `0`. A value with a variable is resolved
through the ARG defaults and the ENV values set before it, when they are known.
"""
from __future__ import annotations

from dataclasses import dataclass

from lint.core.model import Span
from lint.dockerfile.model import Dockerfile, Instruction, Stage

ROOT_NAMES = ("root", "0")


@dataclass(frozen=True)
class UserSetting:
    instruction: Instruction
    user: str | None  # None: a variable we cannot resolve
    group: str | None
    span: Span  # the whole value

    @property
    def root(self) -> bool:
        return self.user in ROOT_NAMES

    @property
    def numeric(self) -> bool:
        return self.user is not None and self.user.isdigit()


def user_setting(doc: Dockerfile, instruction: Instruction) -> UserSetting | None:
    text = instruction.args.text.strip()
    if not text:
        return None
    start = instruction.args.text.index(text)
    span = instruction.args.span(start, start + len(text))
    value = text
    if "$" in text:
        from lint.dockerfile.model import _expand

        value = _expand(text, scope_at(doc, instruction)) if instruction.stage is not None else None
        if value is None or "$" in value:
            return UserSetting(instruction, None, None, span)
    from lint.dockerfile.pairs import unquote

    user, _, group = unquote(value).partition(":")
    return UserSetting(instruction, user, group or None, span)


def scope_at(doc: Dockerfile, instruction: Instruction) -> dict:
    """The variables an instruction sees: ARG defaults, and the ENV values set before it along its stage chain."""
    from lint.dockerfile.model import _expand
    from lint.dockerfile.pairs import key_values

    scope = dict(doc._scope(instruction.stage))
    for stage in (*reversed(doc.ancestors(instruction.stage)), instruction.stage):
        for ins in stage.instructions:
            if ins is instruction:
                return scope
            if ins.keyword == "ENV":
                for pair in key_values(ins):
                    value = _expand(pair.value or "", scope)
                    scope[pair.key] = value if value is not None else None
    return scope


def effective_user(doc: Dockerfile, stage: Stage) -> UserSetting | None:
    """The USER the stage's image runs as, from this Dockerfile (None: the base image's user)."""
    for each in (stage, *doc.ancestors(stage)):
        users = each.find("USER")
        if users:
            return user_setting(doc, users[-1])
    return None
