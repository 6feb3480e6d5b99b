"""The shell reader: words, spans through joined continuations, commands, and the analyses rules share."""
from __future__ import annotations

import random
from dataclasses import dataclass

import pytest

from lint.core.model import Span
from lint.core.source import MappedText
from lint.shell import (
    curl_fail,
    curl_option,
    curl_urls,
    curl_writes_status,
    http_client,
    inner_script,
    installs,
    is_http_probe,
    is_wait_probe,
    outcome_decided_by,
    parse_script,
    removals,
    removes,
    script_of,
    wait_probes,
    waits_in_loop,
    wget_flags,
)


def parse(text: str, start: int = 0):
    return parse_script(MappedText.plain(text, start))


def joined(source: str) -> MappedText:
    """What the Dockerfile parser hands over: `\\`+newline continuations removed, offsets jump."""
    text, offsets = [], []
    i = 0
    while i < len(source):
        if source.startswith("\\\n", i):
            i += 2
            continue
        text.append(source[i])
        offsets.append(i)
        i += 1
    return MappedText("".join(text), offsets + [len(source)])


def cmd_of(text: str, index: int = 0):
    return parse(text).commands[index]


def values(cmd) -> list[str]:
    return [w.value for w in cmd.words]


# --- words ----------------------------------------------------------------------------------


def test_words_values_raw_and_spans_with_offset_start():
    text = """echo 'a b' "c $HOME d" e\\ f"""
    script = parse(text, start=100)
    (cmd,) = script.commands
    assert values(cmd) == ["echo", "a b", "c $HOME d", "e f"]
    assert [w.raw for w in cmd.words] == ["echo", "'a b'", '"c $HOME d"', "e\\ f"]
    assert [w.span for w in cmd.words] == [Span(100, 104), Span(105, 110), Span(111, 122), Span(123, 127)]
    assert [w.quoted for w in cmd.words] == [False, True, True, True]
    assert [w.has_expansion for w in cmd.words] == [False, False, True, False]
    assert cmd.span == Span(100, 127)


def test_double_quote_escapes_only_special_characters():
    (cmd,) = parse(r'''printf "\$x \"q\" \\ \n"''').commands
    assert cmd.args[0].value == '$x "q" \\ \\n'
    assert not cmd.args[0].has_expansion


def test_expansions_stay_one_word_even_with_spaces_and_nesting():
    text = 'echo $(date +%s "$(id -u)") ${X:-a b} `uname -a` $((1 + 2)) a$B.c'
    (cmd,) = parse(text).commands
    assert values(cmd)[1:] == ['$(date +%s "$(id -u)")', "${X:-a b}", "`uname -a`", "$((1 + 2))", "a$B.c"]
    assert all(w.has_expansion for w in cmd.args)
    assert all(not w.quoted for w in cmd.args)


def test_expansion_with_operators_inside_is_not_split():
    script = parse('x=$(a && b | c; d) y="$(e || f)" cmd')
    assert [c.name for c in script.commands] == ["cmd"]
    assert [w.value for w in script.commands[0].assignments] == ["x=$(a && b | c; d)", 'y=$(e || f)']


def test_dollar_single_quote_resolves_escapes():
    (cmd,) = parse(r"echo $'a\tb\'c'").commands
    assert cmd.args[0].value == "a\tb'c"
    assert cmd.args[0].quoted


def test_literal_dollar_is_not_an_expansion():
    (cmd,) = parse("echo a$ $ 5$").commands
    assert values(cmd)[1:] == ["a$", "$", "5$"]
    assert not any(w.has_expansion for w in cmd.args)


def test_comments_only_at_word_start():
    script = parse("echo a#b # comment && rm -rf /\necho c")
    assert [values(c) for c in script.commands] == [["echo", "a#b"], ["echo", "c"]]


def test_word_value_offsets_map_each_character():
    (cmd,) = parse("""sh -c 'curl -f "x"'""", start=10).commands
    word = cmd.args[1]
    mt = word.mapped()
    assert mt.text == 'curl -f "x"'
    assert mt.offsets[0] == 17  # just after the opening quote
    assert mt.span(0, 4) == Span(17, 21)


# --- spans through continuations --------------------------------------------------------------

SOURCE = "RUN apt-get update \\\n    && apt-get install -y \\\n      curl \\\n    && rm -rf /var/lib/apt/lists/*"


def test_spans_map_back_across_removed_continuations():
    args_at = SOURCE.index("apt-get")
    mt = joined(SOURCE[args_at:])
    mt = MappedText(mt.text, [o + args_at for o in mt.offsets])
    script = parse_script(mt)
    assert [c.name for c in script.commands] == ["apt-get", "apt-get", "rm"]
    install = script.commands[1]
    curl = install.args[-1]
    assert curl.value == "curl"
    assert SOURCE[curl.span.start : curl.span.end] == "curl"
    # the command spans from its first word to its last, across the joined lines
    assert SOURCE[install.span.start : install.span.end] == "apt-get install -y \\\n      curl"
    rm = script.commands[2]
    assert SOURCE[rm.span.start : rm.span.end] == "rm -rf /var/lib/apt/lists/*"
    (pkg,) = installs(script)
    assert pkg.package == "curl" and pkg.word is curl


def test_word_split_by_continuation_is_one_word_with_exact_span():
    source = "curl --fa\\\nil http://x"
    script = parse_script(joined(source))
    (cmd,) = script.commands
    assert values(cmd) == ["curl", "--fail", "http://x"]
    fail = cmd.args[0]
    assert fail.span == Span(5, 13)
    assert source[fail.span.start : fail.span.end] == "--fa\\\nil"
    assert fail.offsets == [5, 6, 7, 8, 11, 12, 13]
    assert curl_fail(cmd) is True


def test_continuation_kept_in_text_is_still_a_line_join():
    script = parse("apt-get install \\\n  curl")
    assert values(script.commands[0]) == ["apt-get", "install", "curl"]
    assert len(script.commands) == 1


# --- operators and structure ------------------------------------------------------------------


def test_operators_before_and_after():
    script = parse("a && b || c; d | e & f\ng")
    ops = [(c.name, c.op_before, c.op_after) for c in script.commands]
    assert ops == [
        ("a", None, "&&"),
        ("b", "&&", "||"),
        ("c", "||", ";"),
        ("d", ";", "|"),
        ("e", "|", "&"),
        ("f", "&", ";"),
        ("g", ";", None),
    ]


def test_trailing_background_is_kept():
    (cmd,) = parse("server --port 80 &").commands
    assert cmd.op_after == "&"


def test_pipeline_flags_and_negation():
    script = parse("! curl -s x | grep -q ok")
    curl, grep = script.commands
    assert curl.in_pipeline and grep.in_pipeline
    assert not curl.pipeline_last and grep.pipeline_last
    assert curl.negated and grep.negated
    solo = cmd_of("curl x")
    assert not solo.in_pipeline and solo.pipeline_last and not solo.negated


def test_redirections_are_recorded_not_counted_as_args():
    text = "curl -sf x >/dev/null 2>&1 <in >>log 2> err"
    (cmd,) = parse(text).commands
    assert values(cmd) == ["curl", "-sf", "x"]
    got = [(r.op, r.fd, r.target.value if r.target else None, text[r.span.start : r.span.end]) for r in cmd.redirects]
    assert got == [
        (">", None, "/dev/null", ">/dev/null"),
        (">&", "2", "1", "2>&1"),
        ("<", None, "in", "<in"),
        (">>", None, "log", ">>log"),
        (">", "2", "err", "2> err"),
    ]
    assert cmd.redirects[0].span == Span(11, 21)
    assert cmd.span == Span(0, len(text))


def test_heredoc_operator_is_a_redirection():
    script = parse("cat <<'EOF' > /etc/x && cat <<-END\n")
    first, second = script.commands
    got = [(r.op, r.target.value, r.target.quoted) for r in first.redirects]
    assert got == [("<<", "EOF", True), (">", "/etc/x", False)]
    assert [(r.op, r.target.value) for r in second.redirects] == [("<<-", "END")]


def test_assignments_and_name():
    (cmd,) = parse("DEBIAN_FRONTEND=noninteractive A+=1 /usr/bin/apt-get install -y x").commands
    assert [w.value for w in cmd.assignments] == ["DEBIAN_FRONTEND=noninteractive", "A+=1"]
    assert cmd.name == "apt-get"
    assert cmd.name_word.value == "/usr/bin/apt-get"
    assert [w.value for w in cmd.args] == ["install", "-y", "x"]
    only = cmd_of("A=1 B=2")
    assert only.name is None and only.name_word is None and only.args == []


def test_subshells_and_groups_are_flattened():
    script = parse("(cd /x && make) || { echo fail; exit 1; }")
    assert [c.name for c in script.commands] == ["cd", "make", "echo", "exit"]
    assert script.commands[1].op_after == "||"
    assert script.commands[2].op_before == "||"


def test_if_marks_conditions():
    script = parse("if curl -f x; then echo up; elif wget y; then :; else exit 1; fi")
    got = [(c.name, c.in_condition) for c in script.commands]
    assert got == [("curl", True), ("echo", False), ("wget", True), (":", False), ("exit", False)]


def test_loops_mark_kind_and_condition():
    script = parse("until nc -z db 5432; do sleep 1; done; for f in a b; do rm $f; done; while read l; do :; done")
    got = [(c.name, c.in_loop, c.in_condition) for c in script.commands]
    assert got == [
        ("nc", "until", True),
        ("sleep", "until", False),
        ("rm", "for", False),
        ("read", "while", True),
        (":", "while", False),
    ]


def test_reserved_words_only_at_command_start():
    script = parse("echo done fi then; { echo }; }")
    assert [values(c) for c in script.commands] == [["echo", "done", "fi", "then"], ["echo", "}"]]


def test_case_is_read_best_effort():
    script = parse('case "$1" in\n  start|run) exec app ;;\n  (*) echo usage; exit 2 ;;\nesac\necho after')
    assert [c.name for c in script.commands] == ["exec", "echo", "exit", "echo"]
    assert [(c.op_before, c.op_after) for c in script.commands] == [(None, ";"), (";", ";"), (";", ";"), (";", None)]


def test_case_pattern_alternatives_are_not_pipes():
    foo, bar = parse("case $x in a) foo ;; b|c) bar ;; esac").commands
    assert (foo.op_after, bar.op_before) == (";", ";")
    assert not bar.in_pipeline


def test_double_bracket_test_keeps_its_operators():
    script = parse("[[ -f x && $a < b ]] && echo yes")
    assert values(script.commands[0]) == ["[[", "-f", "x", "&&", "$a", "<", "b", "]]"]
    assert script.commands[1].op_before == "&&"


def test_exec_and_effective_command():
    cmd = cmd_of("exec gosu app env A=1 B=2 timeout -s KILL 5 nohup /usr/bin/curl -f x")
    assert cmd.is_exec and cmd.name == "exec"
    eff = cmd.effective
    assert eff.name == "curl"
    assert [w.value for w in eff.assignments] == ["A=1", "B=2"]
    assert [w.value for w in eff.args] == ["-f", "x"]
    assert cmd_of("sudo -u www-data wget x").effective.name == "wget"
    assert cmd_of("command -v curl").effective.name == "command"
    assert cmd_of("exec >/dev/null").effective.name == "exec"
    assert cmd_of("busybox wget -q x").effective.name == "wget"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("set -o pipefail; a | b", True),
        ("set -eo pipefail; a | b", True),
        ("set -euxo pipefail\na | b", True),
        ("set -o errexit -o pipefail; a | b", True),
        ("set -e; a | b", False),
        ("a | b; set -o pipefail", False),
        ("set -o pipefail; set +o pipefail; a | b", False),
    ],
)
def test_pipefail_at_point_of_use(text, expected):
    script = parse(text)
    target = next(c for c in script.commands if c.name == "a")
    assert script.pipefail_at(target) is expected


def test_sets_pipefail_anywhere():
    assert parse("set -euo pipefail; x").sets_pipefail
    assert not parse("set -eu; x").sets_pipefail


@pytest.mark.parametrize(
    "text",
    [
        "echo 'unterminated",
        'echo "unterminated $(x',
        "echo ${a",
        "echo `x",
        "(((((",
        ")))) fi done esac ;; &&",
        "if then else",
        "case",
        "for",
        "while",
        "a |",
        "| a",
        "&& a",
        "<",
        "2>",
        "\\",
        "$'",
        "$(" * 500,
        "(" * 500,
        "{ " * 500,
        "if " * 300,
        "[[",
        "cat <<",
    ],
)
def test_bad_input_never_raises(text):
    script = parse(text)
    for cmd in script.commands:
        assert cmd.span.start <= cmd.span.end <= len(text)


def test_unterminated_quote_is_recorded_with_span():
    script = parse("echo 'abc")
    assert script.problems == [("unterminated single quote", Span(5, 9))]
    assert values(script.commands[0]) == ["echo", "abc"]


def test_random_input_never_raises():
    rng = random.Random(1234)
    alphabet = "ab $'\"\\`(){};|&<>#!=\n\t-0123{}[]*~%:"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        script = parse(text, start=7)
        for cmd in script.commands:
            for w in cmd.words:
                assert 7 <= w.span.start <= w.span.end <= 7 + len(text)
                assert len(w.offsets) == len(w.value) + 1
            curl_fail(cmd)
            is_wait_probe(cmd)
            outcome_decided_by(script, cmd)
        installs(script)
        removals(script)


# --- exec form --------------------------------------------------------------------------------


@dataclass
class FakeCommand:
    exec_form: bool
    text: MappedText
    exec_args: list | None
    span: Span


def test_script_of_exec_form_gives_one_command_with_json_spans():
    source = 'HEALTHCHECK CMD ["curl", "-f", "http://x/\\u0041"]'
    at = source.index("[")
    text = MappedText.plain(source[at:], at)
    args = []
    for value, raw in (("curl", '"curl"'), ("-f", '"-f"'), ("http://x/A", '"http://x/\\u0041"')):
        start = source.index(raw)
        args.append((value, Span(start, start + len(raw))))
    script = script_of(FakeCommand(True, text, args, Span(at, len(source))))
    (cmd,) = script.commands
    assert cmd.name == "curl"
    assert [w.value for w in cmd.args] == ["-f", "http://x/A"]
    assert cmd.words[2].raw == '"http://x/\\u0041"'
    assert cmd.words[2].span == args[2][1]
    assert cmd.words[2].offsets[-2] == source.index("\\u0041")
    assert curl_fail(cmd) is True
    assert outcome_decided_by(script, cmd)


def test_script_of_shell_form_parses_the_text():
    text = MappedText.plain("curl -f x || exit 1", 16)
    script = script_of(FakeCommand(False, text, None, Span(16, 35)))
    assert [c.name for c in script.commands] == ["curl", "exit"]
    assert script.commands[0].span == Span(16, 25)


def test_script_of_exec_form_without_args():
    script = script_of(FakeCommand(True, MappedText.plain("[]", 4), [], Span(4, 6)))
    assert script.commands == []


def test_inner_script_of_sh_c_maps_back():
    source = """sh -ec 'until nc -z db 5432; do sleep 1; done'"""
    outer = parse(source, start=4)
    inner = inner_script(outer.commands[0])
    assert inner is not None
    nc = inner.commands[0]
    assert nc.name == "nc" and nc.in_loop == "until"
    assert nc.span == Span(4 + source.index("nc"), 4 + source.index("; do"))
    assert inner_script(cmd_of("bash -c $SCRIPT")) is None
    assert inner_script(cmd_of("sh script.sh")) is None
    assert [c.name for c in wait_probes(outer)] == ["nc"]


# --- curl ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("curl http://x", False),
        ("curl -f http://x", True),
        ("curl --fail http://x", True),
        ("curl --fail-with-body http://x", True),
        ("curl -fsS http://x", True),
        ("curl -sSf http://x", True),
        ("curl -sfL http://x", True),
        ("curl -of http://x", False),  # -o f: f is the output file
        ("curl -Hfoo http://x", False),
        ("curl -H -f http://x", False),  # -f is the header's value
        ("curl -sSo /dev/null -w '%{http_code}' http://x", False),
        ("curl --fail-early http://x", False),
        ("curl -f --no-fail http://x", False),
        ("curl --no-fail -f http://x", True),
        ("curl --fail --fail-with-body http://x", True),
        ("curl --fail-with-body --fail http://x", True),
        ("curl --fail-with-body --no-fail http://x", None),  # curl 7 and 8 disagree
        ("curl -f http://a --next http://b", False),  # --next resets; the last transfer is judged
        ("curl http://a --next -f http://b", True),
        ("curl -: -f http://b", True),
        ("curl -f http://a --next", True),  # no URL after --next: the last URL's transfer
        ("curl -K /etc/curlrc http://x", None),
        ("curl --config=/c http://x", None),
        ("curl $CURL_OPTS http://x", None),
        ("curl ${CURL_OPTIONS} http://x", None),
        ("curl -$F http://x", None),
        ("curl $URL", False),  # a URL variable, not options
        ('curl "$OPTS"', False),  # quoted: one word, a URL
        ("curl -m 5 -f http://x", True),
        ("curl --max-time=5 -f http://x", True),
        ("curl --max-time 5 http://x", False),
        ("curl -- -f", False),
        ("exec curl -f http://x", True),
        ("/usr/bin/curl -f http://x", True),
        ("wget http://x", None),
    ],
)
def test_curl_fail(text, expected):
    assert curl_fail(cmd_of(text)) is expected


def test_curl_urls_skip_option_values():
    cmd = cmd_of("curl -H 'Host: a' -o /dev/null --url http://u -sS http://x:8080/health -w '%{http_code}'")
    assert [w.value for w in curl_urls(cmd)] == ["http://u", "http://x:8080/health"]
    assert curl_urls(cmd)[1].span == Span(50, 70)
    assert curl_writes_status(cmd)
    assert not curl_writes_status(cmd_of("curl -w '%{time_total}' http://x"))
    value, option = curl_option(cmd, "output")
    assert value.value == "/dev/null" and option.value == "-o"


# --- wget -------------------------------------------------------------------------------------


def test_wget_flags():
    flags = wget_flags(cmd_of("wget -qO- --tries=1 -T 3 --spider http://localhost/health"))
    assert flags.quiet and flags.spider
    assert flags.output.value == "-"
    assert flags.tries.value == "1" and flags.timeout.value == "3"
    assert [w.value for w in flags.urls] == ["http://localhost/health"]
    plain = wget_flags(cmd_of("wget http://x"))
    assert not plain.spider and plain.output is None and not plain.quiet
    o = wget_flags(cmd_of("wget -O /dev/null --timeout=2 x"))
    assert o.output.value == "/dev/null" and o.timeout.value == "2"
    assert wget_flags(cmd_of("wget $WGET_OPTS x")).unknown
    assert wget_flags(cmd_of("curl x")) is None


def test_http_client_and_probe():
    assert http_client(cmd_of("exec wget -q x")) == "wget"
    assert http_client(cmd_of("curl x")) == "curl"
    assert http_client(cmd_of("nc -z x 1")) is None
    assert is_http_probe(cmd_of("curl -f http://x"))
    assert not is_http_probe(cmd_of("curl --version"))


# --- outcome ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("curl http://x", True),
        ("curl http://x || exit 1", True),
        ("curl http://x || exit", True),
        ("curl http://x || exit $?", True),
        ("curl http://x || exit 0", False),
        ("curl http://x || true", False),
        ("curl http://x || echo down", False),
        ("curl http://x || false", True),
        ("curl http://x || false || true", False),
        ("curl http://x && echo ok", True),
        ("curl http://x && echo ok || exit 1", True),
        ("curl http://x; echo done", False),
        ("curl http://x; exit $?", True),
        ("curl http://x | grep -q ok", False),
        ("set -o pipefail; curl http://x | grep -q ok", True),
        ("echo start; curl http://x", True),
        ("! curl http://x", False),
        ("curl http://x &", False),
        ("set -e; curl http://x; echo done", True),
        ("set -e; curl http://x && echo a; echo done", False),
        ("if curl http://x; then exit 0; fi", False),
        ("(curl http://x) && echo ok", True),
        ("(curl http://x || exit 1); echo after", False),
        ("{ curl http://x || exit 1; }; echo after", True),
        ("until curl http://x; do sleep 1; done", False),
        ("exec curl http://x", True),
        ("exec curl http://x; echo never", True),
        ("if true; then curl http://x; fi", True),
    ],
)
def test_outcome_decided_by(text, expected):
    script = parse(text)
    curl = next(c for c in script.commands if c.effective.name == "curl")
    assert outcome_decided_by(script, curl) is expected


# --- packages ---------------------------------------------------------------------------------


def test_installs_across_managers_with_versions():
    script = parse(
        "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get -y install --no-install-recommends "
        "-o Dpkg::Options::=--force-confold curl=7.88.1-10 ca-certificates/bookworm libc6:amd64 $EXTRA ./x.deb"
        " && apk add --no-cache --virtual .build-deps gcc musl-dev~=1.2 && apk --update add wget"
        " && dnf -y --setopt=tsflags=nodocs install procps-ng && microdnf install -y tar"
        " && yum install -y --enablerepo epel jq && zypper -n in -y iproute2 && apt install -y git"
    )
    got = [(i.manager, i.family, i.package, i.word.value, i.group) for i in installs(script)]
    assert got == [
        ("apt-get", "apt", "curl", "curl=7.88.1-10", None),
        ("apt-get", "apt", "ca-certificates", "ca-certificates/bookworm", None),
        ("apt-get", "apt", "libc6", "libc6:amd64", None),
        ("apk", "apk", "gcc", "gcc", ".build-deps"),
        ("apk", "apk", "musl-dev", "musl-dev~=1.2", ".build-deps"),
        ("apk", "apk", "wget", "wget", None),
        ("dnf", "rpm", "procps-ng", "procps-ng", None),
        ("microdnf", "rpm", "tar", "tar", None),
        ("yum", "rpm", "jq", "jq", None),
        ("zypper", "zypper", "iproute2", "iproute2", None),
        ("apt", "apt", "git", "git", None),
    ]
    curl = installs(script)[0].word
    assert script.text.text[curl.span.start : curl.span.end] == "curl=7.88.1-10"


def test_removals_and_removes():
    script = parse(
        "apk add --virtual .deps curl gcc && apk del .deps"
        " && apt-get purge -y --auto-remove wget && apt-get remove -y vim"
        " && apt-mark auto jq && apt-get autoremove -y && dnf remove -y tar && zypper rm git"
    )
    got = [(r.manager, r.package) for r in removals(script)]
    assert got == [
        ("apk", ".deps"),
        ("apt-get", "wget"),
        ("apt-get", "vim"),
        ("apt-mark", "jq"),
        ("dnf", "tar"),
        ("zypper", "git"),
    ]
    curl = installs(script)[0]
    assert curl.group == ".deps"
    assert removes(removals(script), curl)
    kept = installs(parse("apk add curl && apk del .deps"))[0]
    assert not removes(removals(parse("apk del .deps")), kept)


def test_apt_mark_without_autoremove_removes_nothing():
    assert removals(parse("apt-mark auto curl")) == []


def test_apt_get_without_install_is_not_an_install():
    assert installs(parse("apt-get update && apt-get -y upgrade && apk update")) == []


# --- start-up probes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("curl -f http://db:8080/health", True),
        ("wget -q --spider http://x", True),
        ("nc -z db 5432", True),
        ("nc -vz db 5432", True),
        ("nc db 5432", False),
        ("pg_isready -h db", True),
        ("mysqladmin ping -h db", True),
        ("mysqladmin status", False),
        ("redis-cli -h cache ping", True),
        ("/wait-for-it.sh db:5432 -- app", True),
        ("wait-for-it db:5432", True),
        ("dockerize -wait tcp://db:5432 app", True),
        ("dockerize -template a:b", False),
        ("sleep 5", False),
        ("timeout 30 pg_isready", True),
    ],
)
def test_is_wait_probe(text, expected):
    assert is_wait_probe(cmd_of(text)) is expected


def test_waits_in_loop():
    assert waits_in_loop(parse("until pg_isready -h db; do sleep 1; done; exec app"))
    assert waits_in_loop(parse("while ! nc -z db 5432; do sleep 1; done"))
    assert not waits_in_loop(parse("pg_isready -h db; exec app"))


# --- with the real Dockerfile parser ------------------------------------------------------------


def dockerfile(text: str):
    from lint.dockerfile import parse_dockerfile
    from lint.core.source import Source

    return parse_dockerfile(Source("Dockerfile", text))


def test_run_with_comment_inside_continuation_maps_to_the_source():
    from lint.shell import instruction_scripts

    text = "FROM debian\nRUN apt-get update \\\n    # why\n    && apt-get install -y \\\n      curl\n"
    (script,) = instruction_scripts(dockerfile(text).instructions[1])
    (curl,) = installs(script)
    assert text[curl.word.span.start : curl.word.span.end] == "curl"
    assert curl.word.span.start == text.index("curl")


def test_healthcheck_exec_form_words_map_inside_json_escapes():
    from lint.shell import instruction_scripts

    text = 'FROM x\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://x/\\u0041"]\n'
    (script,) = instruction_scripts(dockerfile(text).instructions[1])
    (cmd,) = script.commands
    url = cmd.args[1]
    assert url.value == "http://x/A"
    assert text[url.span.start : url.span.end] == "http://x/\\u0041"
    assert url.offsets[-2] == text.index("\\u0041")  # the escape stands for the last character
    assert curl_fail(cmd) is True


def test_heredoc_bodies_run_by_the_shell_are_scripts():
    from lint.shell import instruction_scripts

    text = (
        "FROM debian\n"
        "RUN <<EOF\napt-get install -y curl\nEOF\n"
        "RUN bash <<-SH\n\tapk add wget\nSH\n"
        "RUN cat <<EOF > /etc/x\napt-get install -y nope\nEOF\n"
        "RUN <<EOF\n#!/usr/bin/env python3\nprint('apt-get install -y nope')\nEOF\n"
    )
    df = dockerfile(text)
    got = []
    for ins in df.instructions[1:]:
        for script in instruction_scripts(ins):
            for pkg in installs(script):
                got.append((pkg.package, text[pkg.word.span.start : pkg.word.span.end], pkg.word.span.start))
    assert got == [("curl", "curl", text.index("curl")), ("wget", "wget", text.index("wget"))]
