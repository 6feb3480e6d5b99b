"""Reading a program's arguments into options and operands, as getopt-style parsers do: `--name=value`,
`--name value` for the options that take one, clustered short options (`-Ur req.txt`, `-rreq.txt`), and
`--` ending the options. Each language package manager module gives its own table of options with a
value; this module only applies it."""
from __future__ import annotations

from dataclasses import dataclass

from lint.shell.script import Word


@dataclass(frozen=True)
class Opt:
    name: str  # as written, without any `=value`: `--index-url`, `-r`, `-U`
    word: Word  # the word it is written in
    value: str | None = None  # its value (from `=value`, the rest of a short cluster, or the next word)
    value_word: Word | None = None  # the next word, when the value is written there


@dataclass(frozen=True)
class Args:
    options: list[Opt]
    operands: list[Word]  # every other word, in order
    rest: list[Word]  # the words after `--`, when `--` ends the options

    def has(self, *names: str) -> bool:
        return any(o.name in names for o in self.options)

    def values(self, *names: str) -> list[str]:
        return [o.value for o in self.options if o.name in names and o.value is not None]


def scan(words: list[Word], with_value: set[str], stop_at_dashdash: bool = True,
         long_single_dash: bool = False) -> Args:
    """Options and operands of `words`. `with_value` names the options that take a value (`-r`,
    `--requirement`). `long_single_dash`: `-name` is one option (Go's flag package), not a cluster."""
    options: list[Opt] = []
    operands: list[Word] = []
    i = 0
    while i < len(words):
        w = words[i]
        v = w.value
        i += 1
        if v == "--" and stop_at_dashdash:
            return Args(options, operands, words[i:])
        if not v.startswith("-") or v == "-" or w.has_expansion and v.startswith("$"):
            operands.append(w)
            continue
        if v.startswith("--") or long_single_dash:
            name, eq, value = v.partition("=")
            if eq:
                options.append(Opt(name, w, value))
            elif name in with_value and i < len(words):
                options.append(Opt(name, w, words[i].value, words[i]))
                i += 1
            else:
                options.append(Opt(name, w))
            continue
        # a cluster of short options: each letter an option, until one that takes a value
        for k in range(1, len(v)):
            name = "-" + v[k]
            if name in with_value:
                if k + 1 < len(v):
                    options.append(Opt(name, w, v[k + 1:].removeprefix("=")))
                elif i < len(words):
                    options.append(Opt(name, w, words[i].value, words[i]))
                    i += 1
                else:
                    options.append(Opt(name, w))
                break
            options.append(Opt(name, w))
    return Args(options, operands, [])


def listing(values: list[str], limit: int = 3) -> str:
    """Words for a message: `a, b, c` or `a, b, c and 4 more`; a long word (a URL) shortened."""
    shown = ", ".join(v if len(v) <= 40 else v[:39] + "…" for v in values[:limit])
    return shown if len(values) <= limit else f"{shown} and {len(values) - limit} more"
