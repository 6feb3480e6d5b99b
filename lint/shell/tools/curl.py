"""curl: its option table (which options take a value), the transfers a command makes, --fail."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterator

from lint.shell.exec import inner_script
from lint.shell.script import Script, SimpleCommand, Word
from lint.shell.status import outcome_decided_by


# ---------------------------------------------------------------------------------------------
# curl

# short options that take a value (curl src/tool_getparam.c: ARG_STRG / ARG_FILE with a letter)
CURL_SHORT_WITH_VALUE = set("AbcCdDeEFHhKmoPQrtTuUwxXyYz")
# long options that take a value (ARG_STRG / ARG_FILE); every other known long option is a switch
CURL_LONG_WITH_VALUE = set("""
abstract-unix-socket alt-svc aws-sigv4 cacert capath cert cert-type ciphers config connect-timeout connect-to
continue-at cookie cookie-jar create-file-mode crlfile curves data data-ascii data-binary data-raw
data-urlencode delegation dns-interface dns-ipv4-addr dns-ipv6-addr dns-servers doh-url dump-header ech
egd-file engine etag-compare etag-save expect100-timeout form form-string ftp-account ftp-alternative-to-user
ftp-method ftp-port ftp-ssl-ccc-mode happy-eyeballs-timeout-ms haproxy-clientip header help hostpubmd5
hostpubsha256 hsts interface ip-tos ipfs-gateway json keepalive-cnt keepalive-time key key-type knownhosts krb
krb4 libcurl limit-rate local-port login-options mail-auth mail-from mail-rcpt max-filesize max-redirs
max-time netrc-file noproxy oauth2-bearer output output-dir parallel-max parallel-max-host pass pinnedpubkey
preproxy proto proto-default proto-redir proxy proxy-cacert proxy-capath proxy-cert proxy-cert-type
proxy-ciphers proxy-crlfile proxy-header proxy-key proxy-key-type proxy-pass proxy-pinnedpubkey
proxy-service-name proxy-tls13-ciphers proxy-tlsauthtype proxy-tlspassword proxy-tlsuser proxy-user proxy1.0
pubkey quote random-file range rate referer request request-target resolve retry retry-delay retry-max-time
sasl-authzid service-name sigalgs socks4 socks4a socks5 socks5-gssapi-service socks5-hostname speed-limit
speed-time ssl-sessions stderr telnet-option tftp-blksize time-cond tls-max tls13-ciphers tlsauthtype
tlspassword tlsuser trace trace-ascii trace-config unix-socket upload-file upload-flags url url-query user
user-agent variable vlan-priority write-out
""".split())
_OPTION_VARIABLE = re.compile(r"OPT|ARG|FLAG|PARAM|CURL", re.IGNORECASE)


@dataclass
class CurlTransfer:
    """What curl is told for one group of URLs (`--next` starts a new group)."""

    urls: list[Word] = field(default_factory=list)
    fail: bool | None = False  # None: cannot tell
    options: list[tuple[str, Word | None, Word]] = field(default_factory=list)  # (long name, value, option word)


# every short option's long name (curl src/tool_getparam.c)
_CURL_SHORT_NAMES = dict(
    pair.split("=") for pair in """
    A=user-agent b=cookie c=cookie-jar C=continue-at d=data D=dump-header e=referer E=cert F=form H=header
    h=help K=config m=max-time o=output P=ftp-port Q=quote r=range t=telnet-option T=upload-file u=user
    U=proxy-user w=write-out x=proxy X=request y=speed-time Y=speed-limit z=time-cond a=append N=buffer
    q=disable f=fail G=get g=globoff I=head k=insecure j=junk-session-cookies l=list-only L=location M=manual
    n=netrc Z=parallel #=progress-bar 0=http1.0 4=ipv4 6=ipv6 J=remote-header-name O=remote-name
    R=remote-time i=show-headers S=show-error s=silent 2=sslv2 3=sslv3 1=tlsv1 B=use-ascii v=verbose
    V=version p=proxytunnel :=next
    """.split()
)


def _words_could_be_options(word: Word) -> bool:
    """An unquoted expansion that may split into options (`$CURL_OPTS`), or an option built from one."""
    if not word.has_expansion:
        return False
    if word.value.startswith("-"):
        return True
    if word.quoted:
        return False
    return bool(_OPTION_VARIABLE.search(word.value))


def curl_transfers(cmd: SimpleCommand) -> list[CurlTransfer] | None:
    """curl's arguments read as curl reads them, one CurlTransfer per `--next` group; None when
    cmd is not curl."""
    eff = cmd.effective
    if eff.name != "curl":
        return None
    groups = [CurlTransfer()]
    fail = False
    with_body: bool | None = False  # None: old and new curl disagree
    unknown = False
    only_urls = False

    def close_group() -> None:
        if unknown:
            groups[-1].fail = None
        elif fail or with_body:
            groups[-1].fail = True
        else:
            groups[-1].fail = None if with_body is None else False

    args = eff.args
    i = 0
    while i < len(args):
        w = args[i]
        v = w.value
        i += 1
        if only_urls or not v.startswith("-") or v == "-":
            if not only_urls and _words_could_be_options(w):
                unknown = True
            groups[-1].urls.append(w)
            continue
        if v == "--":
            only_urls = True
            continue
        # (name, on, value) for each option in the word
        found: list[tuple[str, bool, Word | None]] = []
        if v.startswith("--"):
            name, eq, inline = v[2:].partition("=")
            on = True
            if "$" in name or "`" in name:
                unknown = True
            if name.startswith("no-") and name[3:] not in CURL_LONG_WITH_VALUE:
                name, on = name[3:], False
            elif name.startswith("expand-"):
                name = name[7:]
            value = None
            if eq:
                value = replace(w, value=inline)  # curl 8.x reads --name=value
            elif name in CURL_LONG_WITH_VALUE and i < len(args):
                value = args[i]
                i += 1
            found.append((name, on, value))
        else:
            letters = v[1:]
            for k, letter in enumerate(letters):
                if letter in "$`{":
                    unknown = True  # options built from a variable
                    break
                name = _CURL_SHORT_NAMES.get(letter, letter)
                if letter in CURL_SHORT_WITH_VALUE:
                    # a short option taking a value swallows the rest of the word: -of is -o f
                    rest = letters[k + 1 :]
                    value = replace(w, value=rest) if rest else (args[i] if i < len(args) else None)
                    if not rest and i < len(args):
                        i += 1
                    found.append((name, True, value))
                    break
                found.append((name, True, None))
        for name, on, value in found:
            groups[-1].options.append((name, value, w))
            if name == "fail":
                fail = on
                if on:
                    with_body = False
                elif with_body:
                    with_body = None  # curl 7.x: --no-fail clears both; 8.x keeps --fail-with-body
            elif name == "fail-with-body":
                with_body = on
                if on:
                    fail = False
            elif name == "config":
                unknown = True
            elif name == "url" and value is not None:
                groups[-1].urls.append(value)
            elif name == "next":
                close_group()
                groups.append(CurlTransfer())
                fail, with_body, unknown = False, False, False
    close_group()
    return groups


def _judged_transfer(cmd: SimpleCommand) -> CurlTransfer | None:
    groups = curl_transfers(cmd)
    if groups is None:
        return None
    with_urls = [g for g in groups if g.urls]
    return with_urls[-1] if with_urls else groups[-1]


def curl_fail(cmd: SimpleCommand) -> bool | None:
    """True when -f / --fail / --fail-with-body is in effect for curl's (last) URL, False when
    not, None when it cannot be told (config file, options from a variable) or cmd is not curl."""
    g = _judged_transfer(cmd)
    return None if g is None else g.fail


def curl_urls(cmd: SimpleCommand) -> list[Word]:
    groups = curl_transfers(cmd)
    return [u for g in groups or [] for u in g.urls]


def curl_option(cmd: SimpleCommand, name: str) -> tuple[Word | None, Word] | None:
    """The last (value, option word) of a curl long option name in the judged transfer."""
    g = _judged_transfer(cmd)
    if g is None:
        return None
    found = [(value, word) for n, value, word in g.options if n == name]
    return found[-1] if found else None


def curl_writes_status(cmd: SimpleCommand) -> bool:
    """`-w '%{http_code}'` (or %{response_code}): the status is printed, not turned into the exit code."""
    g = _judged_transfer(cmd)
    if g is None:
        return False
    return any(n == "write-out" and value is not None and re.search(r"%\{(http_code|response_code)\}", value.value)
               for n, value, _ in g.options)


def curls_without_fail(script: Script, nested: bool = False) -> Iterator[tuple[SimpleCommand, bool, bool]]:
    """Each curl whose exit status decides the script's and that runs without --fail, looking into
    `sh -c '...'`: (the curl command past exec/env prefixes, whether inserting --fail before its first
    argument is enough — not with several transfers or --no-fail —, whether it sits in an inner script)."""
    for cmd in script.commands:
        if not outcome_decided_by(script, cmd):
            continue
        eff = cmd.effective
        if eff.name == "curl":
            groups = curl_transfers(cmd) or []
            if not any(g.urls for g in groups) or curl_fail(cmd) is not False or curl_writes_status(cmd):
                continue
            plain = len(groups) == 1 and not any(w.value in ("--no-fail", "--no-fail-with-body") for w in eff.args)
            yield eff, plain, nested
            continue
        inner = inner_script(cmd)
        if inner is not None:
            yield from curls_without_fail(inner, True)
