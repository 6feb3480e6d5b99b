"""wget (GNU and BusyBox): its option table and the flags a command sets."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from lint.shell.script import SimpleCommand, Word
from lint.shell.tools.curl import _words_could_be_options


# ---------------------------------------------------------------------------------------------
# wget

# GNU Wget and BusyBox wget short options that take a value
_WGET_SHORT_WITH_VALUE = set("OoaeiBtTwPUlARDXIQY")
_WGET_LONG_WITH_VALUE = {
    "output-document", "output-file", "append-output", "execute", "input-file", "base", "tries", "timeout",
    "wait", "directory-prefix", "user-agent", "level", "accept", "reject", "domains", "exclude-directories",
    "include-directories", "quota", "proxy", "header", "post-data", "post-file", "user", "password",
    "http-user", "http-password", "load-cookies", "save-cookies", "connect-timeout", "read-timeout",
    "dns-timeout", "method", "body-data", "body-file", "ca-certificate", "certificate", "private-key",
    "limit-rate", "waitretry", "bind-address", "referer", "progress", "local-encoding", "remote-encoding",
    "ca-directory", "certificate-type", "private-key-type", "secure-protocol", "max-redirect",
}
_WGET_SHORT_NAMES = {"O": "output-document", "q": "quiet", "T": "timeout", "t": "tries", "S": "server-response",
                     "o": "output-file", "U": "user-agent", "Y": "proxy", "P": "directory-prefix", "c": "continue",
                     "s": "save-headers", "v": "verbose", "nv": "no-verbose", "Q": "quota",
                     "a": "append-output", "b": "background",
                     "i": "input-file"}


@dataclass
class WgetFlags:
    spider: bool = False
    output: Word | None = None  # -O target
    quiet: bool = False
    timeout: Word | None = None  # -T / --timeout
    tries: Word | None = None  # -t / --tries
    urls: list[Word] = field(default_factory=list)
    unknown: bool = False  # options may come from a variable
    progress: Word | None = None  # --progress=TYPE / --show-progress (the option word)
    no_verbose: bool = False  # -nv / --no-verbose
    log_file: bool = False  # -o / --output-file, -a / --append-output: messages go to a file
    background: bool = False  # -b / --background: output goes to wget-log
    name_word: Word | None = None
    input_file: Word | None = None  # -i / --input-file: URLs read from a file (`-` is standard input)
    # options may come from a variable: an option word with an expansion, or an unquoted word that starts
    # with a variable named like options (`$WGET_OPTS`); stricter than `unknown`, which a URL such as
    # `https://x/curl-${CURL_VERSION}.tgz` also sets
    options_unknown: bool = False


def wget_flags(cmd: SimpleCommand) -> WgetFlags | None:
    eff = cmd.effective
    if eff.name != "wget":
        return None
    flags = WgetFlags(name_word=eff.name_word)
    args = eff.args
    i = 0
    while i < len(args):
        w = args[i]
        v = w.value
        if not v.startswith("-") or v == "-":
            if _words_could_be_options(w):
                flags.unknown = True
                if v.startswith("-") or (v.startswith("$") and not v.startswith("$(")):
                    flags.options_unknown = True
            flags.urls.append(w)
            i += 1
            continue
        if v == "--":
            flags.urls.extend(args[i + 1 :])
            break
        pairs: list[tuple[str, Word | None]] = []
        if v.startswith("--"):
            name, eq, inline = v[2:].partition("=")
            value = replace(w, value=inline) if eq else None
            if name in _WGET_LONG_WITH_VALUE and not eq:
                value = args[i + 1] if i + 1 < len(args) else None
                i += 1
            pairs.append((name, value))
        elif v == "-nv":
            pairs.append(("no-verbose", None))
        else:
            letters = v[1:]
            for k, letter in enumerate(letters):
                name = _WGET_SHORT_NAMES.get(letter, letter)
                if letter in _WGET_SHORT_WITH_VALUE:
                    rest = letters[k + 1 :]
                    if rest:
                        value = replace(w, value=rest)
                    else:
                        value = args[i + 1] if i + 1 < len(args) else None
                        i += 1
                    pairs.append((name, value))
                    break
                pairs.append((name, None))
        i += 1
        if w.has_expansion:
            flags.unknown = True
            flags.options_unknown = True
        for name, value in pairs:
            if name == "spider":
                flags.spider = True
            elif name == "quiet":
                flags.quiet = True
            elif name == "output-document":
                flags.output = value
            elif name == "timeout":
                flags.timeout = value
            elif name == "tries":
                flags.tries = value
            elif name in ("progress", "show-progress"):
                flags.progress = w
            elif name == "no-verbose":
                flags.no_verbose = True
            elif name in ("output-file", "append-output"):
                flags.log_file = True
            elif name == "background":
                flags.background = True
            elif name == "input-file":
                flags.input_file = value
    return flags
