"""The Dockerfile: model and parser.

Our own line scanner decides where instructions start and end, as BuildKit's parser does
(frontend/dockerfile/parser): parser directives at the top, `# escape`, continuation lines,
comment and blank lines inside continuations, heredoc bodies, an unfinished last line, a BOM.
dockerfile-parse gets several of these wrong (heredoc bodies become instructions, comment
lines inside continuations move), so it is not used for the model; tests check our output
against its `structure` where it is right.

Every node carries exact spans into the Source text: nothing is normalised, CRLF stays CRLF
and a BOM stays in the text (offsets count it). Bad input never raises: what BuildKit would
reject is recorded in `Dockerfile.errors` (reported as DF000) and parsing goes on.
"""
from lint.dockerfile.model import (
    KEYWORDS,
    HEREDOC_KEYWORDS,
    JSON_KEYWORDS,
    COMMAND_KEYWORDS,
    DIRECTIVES,
    PLATFORM_ARGS,
    SPACES,
    KEYWORD_END,
    DIRECTIVE_RE,
    HEREDOC_RE,
    STAGE_NAME_RE,
    VARIABLE_RE,
    Problem,
    Directive,
    Comment,
    Flag,
    Heredoc,
    Command,
    Healthcheck,
    Instruction,
    Stage,
    Dockerfile,
)
from lint.dockerfile.scanner import parse_dockerfile
from lint.dockerfile.arguments import (
    BASE,
    Arg,
    CopyArgs,
    EnvPair,
    Reference,
    copy_args,
    env_pairs,
    expand,
    references,
    unquote,
    variables_at,
    workdir_at,
)

__all__ = [
    "COMMAND_KEYWORDS",
    "Command",
    "Comment",
    "DIRECTIVES",
    "DIRECTIVE_RE",
    "Directive",
    "Dockerfile",
    "Flag",
    "HEREDOC_KEYWORDS",
    "HEREDOC_RE",
    "Healthcheck",
    "Heredoc",
    "Instruction",
    "JSON_KEYWORDS",
    "KEYWORDS",
    "KEYWORD_END",
    "PLATFORM_ARGS",
    "Problem",
    "SPACES",
    "STAGE_NAME_RE",
    "Stage",
    "VARIABLE_RE",
    "parse_dockerfile",
    "BASE",
    "Arg",
    "CopyArgs",
    "EnvPair",
    "Reference",
    "copy_args",
    "env_pairs",
    "expand",
    "references",
    "unquote",
    "variables_at",
    "workdir_at",
]
