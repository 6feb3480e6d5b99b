"""The compose model: values as compose-go reads them, exact spans, problems instead of exceptions."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lint.compose import InterpolationError, interpolate, parse_compose, resolve_plain
from lint.core.model import Severity
from lint.core.source import Source

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "parser" / "compose"


def parse(text: str, path: str = "compose.yaml"):
    return parse_compose(Source(path, text))


def where(doc, span) -> tuple[int, int]:
    return doc.source.position(span.start)


def label(text: str):
    """The value of one unquoted label, as our model reads it."""
    doc = parse(f"services:\n  web:\n    image: x\n    labels:\n      a: {text}\n")
    return doc.root.get("services", "web", "labels", "a")


# --- scalars: FACTS.md §5 table -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind, value",
    [
        ("no", "str", "no"),
        ("yes", "str", "yes"),
        ("on", "str", "on"),
        ("off", "str", "off"),
        ("y", "str", "y"),
        ("0440", "int", 288),
        ("0o440", "int", 288),
        ("22:22", "str", "22:22"),
        ("3000:22", "str", "3000:22"),
        ("2024-01-01", "timestamp", "2024-01-01"),
        ("1_000", "int", 1000),
        ("1e3", "float", 1000.0),
        ("1.10", "float", 1.1),
        ("true", "bool", True),
        ("True", "bool", True),
        ("TRUE", "bool", True),
        ("false", "bool", False),
        ("null", "null", None),
        ("~", "null", None),
        ("0x1F", "int", 31),
        ("08", "float", 8.0),  # not octal, so Go's ParseInt fails and it reads as a float
        ("-12", "int", -12),
        ("3.8", "float", 3.8),
        (".5", "float", 0.5),
        ("1.2.3", "str", "1.2.3"),
        ("tRue", "str", "tRue"),
    ],
)
def test_plain_scalars_resolve_as_compose_go(text, kind, value):
    assert resolve_plain(text) == (kind, value)
    node = label(text)
    assert (node.yaml_type, node.value) == (kind, value)


def test_empty_value_is_null_and_sits_after_its_colon():
    doc = parse("services:\n  web:\n    image: x\n    labels:\n      a:\n      b: 1\n")
    node = doc.root.get("services", "web", "labels", "a")
    assert node.value is None and node.text is None
    assert where(doc, node.span) == (5, 9) and len(node.span) == 0


@pytest.mark.parametrize("text", ['"0440"', "'no'", '"true"', "!!str 0440", "|\n        0440"])
def test_quoted_tagged_and_block_scalars_are_strings(text):
    node = label(text)
    assert node.yaml_type == "str" and isinstance(node.value, str)


def test_scalars_become_strings_as_compose_writes_them():
    assert label("0440").text == "288"
    assert label("1e3").text == "1000"
    assert label("1.10").text == "1.1"
    assert label("true").text == "true"
    assert label("no").text == "no"


def test_unquoted_date_is_a_schema_error_outside_extensions():
    doc = parse("services:\n  web:\n    image: x\n    labels:\n      a: 2024-01-01\nx-when: 2024-01-01\n")
    assert [(where(doc, p.span), p.severity) for p in doc.schema_problems] == [((5, 10), Severity.ERROR)]
    assert "date" in doc.schema_problems[0].message


# --- interpolation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "template, result, used",
    [
        ("plain", "plain", False),
        ("$$HOME", "$HOME", False),
        ("$1 and a$", "$1 and a$", False),
        ("$VAR", "", True),
        ("${VAR}", "", True),
        ("${VAR:-d}", "d", True),
        ("${VAR-d}", "d", True),
        ("${VAR:+a}", "", True),
        ("${VAR+a}", "", True),
        ("${VAR:?err}", "", True),
        ("${VAR?err}", "", True),
        ("${A:-${B:-q}}z", "qz", True),
        ("${A:-a}b${C-d}", "abd", True),
        ("${A:-a:b}", "a:b", True),
        ("${A-x-y}", "x-y", True),
        ("${A:-{x}}", "{x}", True),
        ("${A:-a}}", "a}", True),
        ("x:${TAG:-1.0}", "x:1.0", True),
    ],
)
def test_interpolation_with_every_variable_unset(template, result, used):
    assert interpolate(template) == (result, used)


@pytest.mark.parametrize("template", ["${A/a/b}", "${}", "${1}", "${A:x}", "${A:-x} ${", "${A:-${B}"])
def test_invalid_interpolation_is_rejected(template):
    with pytest.raises(InterpolationError):
        interpolate(template)


def test_interpolated_values_are_flagged_and_use_defaults(monkeypatch):
    monkeypatch.setenv("TAG", "from-the-environment")  # must not matter
    doc = parse('services:\n  web:\n    image: "app:${TAG:-1.2}"\n    restart: $$literal\n')
    image = doc.root.get("services", "web", "image")
    assert image.interpolated and image.text == "app:1.2" and image.value == "app:${TAG:-1.2}"
    restart = doc.root.get("services", "web", "restart")
    assert not restart.interpolated and restart.text == "$literal"
    assert doc.root.plain()["services"]["web"] == {"image": "app:1.2", "restart": "$literal"}


def test_bad_interpolation_is_a_dc001_on_the_value():
    doc = parse('services:\n  web:\n    image: x\n    command: "echo ${PATH/:/ }"\n')
    (problem,) = doc.schema_problems
    assert "invalid interpolation format" in problem.message
    assert where(doc, problem.span) == (4, 14)
    assert doc.errors == []


# --- structure -------------------------------------------------------------------------------


def test_anchors_aliases_and_merge_keys_local_keys_win():
    doc = parse(
        "x-base: &base\n  image: base\n  restart: always\n"
        "x-more: &more\n  image: more\n  init: true\n"
        "services:\n"
        "  one:\n    <<: *base\n    restart: 'no'\n"
        "  two:\n    <<: [*more, *base]\n"
        "  three: *base\n"
    )
    services = doc.root.plain()["services"]
    assert services["one"] == {"restart": "no", "image": "base"}
    assert services["two"] == {"image": "more", "init": True, "restart": "always"}
    assert services["three"] == {"image": "base", "restart": "always"}
    three = doc.services["three"]
    assert where(doc, three.key_span) == (13, 3)
    assert where(doc, three.alias_span) == (13, 10)
    assert where(doc, three.span) == (2, 3)  # the value is written at the anchor
    image = doc.services["one"].get("image")
    assert where(doc, image.span) == (2, 10)  # merged values keep their own place
    assert where(doc, doc.services["two"].span) == (12, 5)
    assert doc.source.position(doc.services["two"].span.end) == (12, 23)


def test_reset_and_override_tags_are_recorded():
    doc = parse("services:\n  web:\n    ports: !reset []\n    command: !override [a]\n    image: !reset\n")
    web = doc.services["web"]
    assert web.get("ports").tag == "!reset"
    assert web.get("command").tag == "!override"
    assert web.get("image").tag == "!reset" and web.get("image").value is None
    assert where(doc, web.get("ports").span) == (3, 19)  # the value, after the tag


def test_a_duplicate_key_is_one_problem_with_the_first_place_related():
    doc = parse("services:\n  web:\n    image: a\n    image: b\n")
    assert [(where(doc, p.span), p.message) for p in doc.errors] == [
        ((4, 5), "duplicate key 'image': already defined on line 3"),
    ]
    assert [(where(doc, span), message) for span, message in doc.errors[0].related] == [
        ((3, 5), "'image' first defined here"),
    ]


def test_two_merge_keys_are_duplicates():
    doc = parse("x: &a {image: a}\nservices:\n  web:\n    <<: *a\n    <<: *a\n")
    assert [where(doc, p.span) for p in doc.errors] == [(5, 5)]


def test_quoted_key_duplicates_a_plain_one():
    doc = parse('services:\n  web:\n    image: a\n    "image": b\n')
    assert len(doc.errors) == 1


@pytest.mark.parametrize(
    "text, position, words",
    [
        ("services:\n  web: [a\n", (3, 1), "flow sequence"),
        ("services:\n  web:\n    image: x\n   bad: 1\n", (4, 4), "bad indentation"),
        ("services:\n  web: *nope\n", (2, 8), "undefined alias"),
        ("services:\n  web:\n    image: 'x\n", (4, 1), "quoted scalar"),
        ('services:\n  web:\n    image: "\\q"\n', (3, 14), "escape"),
    ],
)
def test_yaml_errors_are_problems_with_positions(text, position, words):
    doc = parse(text)
    assert doc.root is None
    (problem,) = doc.errors
    assert where(doc, problem.span) == position
    assert words in problem.message


def test_tab_indentation_is_an_error():
    doc = parse("services:\n  web:\n\timage: x\n")
    (problem,) = doc.errors
    assert where(doc, problem.span) == (3, 1) and "tab" in problem.message


def test_tabs_compose_accepts_after_a_colon_or_before_a_comment():
    text = "services:\n  web:\t\n    image:\tx\t# why\n    command:\t[a,\tb]\t\n"
    doc = parse(text)
    assert doc.errors == []
    assert doc.root.plain() == {"services": {"web": {"image": "x", "command": ["a", "b"]}}}
    image = doc.services["web"].get("image")
    assert where(doc, image.span) == (3, 12)
    assert [(c.text, c.line, c.trailing) for c in doc.comments] == [("# why", 3, True)]
    assert doc.source.text == text  # our spans point into the real text, tabs and all


def test_tab_inside_a_block_scalar_is_kept():
    doc = parse("services:\n  web:\n    image: x\n    command: |\n      a:\tb\n")
    assert doc.services["web"].get("command").value == "a:\tb\n"


def test_multiple_documents_merge_in_order():
    doc = parse("services:\n  web:\n    image: a\n---\nservices:\n  web:\n    image: b\n  db:\n    image: c\n")
    assert doc.root.plain() == {"services": {"web": {"image": "b"}, "db": {"image": "c"}}}


def test_empty_and_comment_only_files_have_no_root():
    assert parse("").root is None
    doc = parse("# nothing yet\n")
    assert doc.root is None and doc.errors == [] and len(doc.comments) == 1


def test_comments_skip_hashes_inside_scalars():
    doc = parse(
        "# top\n"
        "services:  # trailing\n"
        "  web:\n"
        "    image: 'a # b'\n"
        "    command: |\n"
        "      # not a comment\n"
        "    # hullcheck: ignore=DC101\n"
        "    environment: [A=1#2]\n"
    )
    assert [(c.text, c.line, c.trailing) for c in doc.comments] == [
        ("# top", 1, False),
        ("# trailing", 2, True),
        ("# hullcheck: ignore=DC101", 7, False),
    ]
    assert where(doc, doc.comments[1].span) == (2, 12)


def test_services_and_fragments():
    doc = parse("services:\n  web:\n    restart: always\n")
    assert list(doc.services) == ["web"] and doc.is_fragment
    assert not parse("services:\n  web:\n    build: .\n").is_fragment


def test_bad_input_never_raises():
    for text in ["\x00", "{", "]", "? ? ?", "- - -\n  - : :", "a: !!int x\n", "&a a: *a\n", "'", "a: b: c\n"]:
        doc = parse(text)
        assert doc.root is not None or doc.errors or text.strip() == ""
        doc.schema_problems  # noqa: B018 (must not raise either)


# --- the seed compose file -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["seed-numbers.compose.yml", "seed-numbers-crlf.compose.yml"])
def test_seed_file_spans(name):
    text = (FIXTURES / name).read_bytes().decode("utf-8")
    doc = parse(text, name)
    assert doc.errors == []
    services = doc.services
    assert list(services) == ["numbers-api", "numbers-web"]
    assert where(doc, services["numbers-web"].key_span) == (16, 3)
    image = services["numbers-web"].get("image")
    assert where(doc, image.span) == (17, 12) and image.value == "diamol/ch08-numbers-web:v3"
    assert doc.source.position(image.span.end) == (17, 38)
    restart = services["numbers-web"].get("restart")
    assert (where(doc, restart.key_span), restart.value) == ((18, 5), "on-failure")
    test = services["numbers-web"].get("healthcheck", "test")
    assert test.plain() == ["CMD", "dotnet", "Utilities.HttpCheck.dll", "-t", "150"]
    assert where(doc, test.span) == (24, 13)
    assert where(doc, test.get(4).span) == (24, 64)
    retries = services["numbers-api"].get("healthcheck", "retries")
    assert retries.value == 2 and where(doc, retries.span) == (11, 16)
    assert doc.root.get("version").value == "3.7"
    name_node = doc.root.get("networks", "app-net", "external", "name")
    assert where(doc, name_node.span) == (35, 13)
    # the block mapping of numbers-api ends with its last value, not at the blank line after it
    assert doc.source.position(services["numbers-api"].span.end) == (14, 16)


def test_bom_keeps_offsets():
    doc = parse("\ufeffservices:\n  web:\n    image: x\n")
    assert doc.errors == []
    assert where(doc, doc.services["web"].get("image").span) == (3, 12)
    assert where(doc, doc.services["web"].key_span) == (2, 3)
    assert where(doc, doc.root.get("services").key_span) == (1, 2)


def test_no_yaml_import_for_the_model_module():
    code = "import sys, lint.compose; print(any(m.split('.')[0] in ('ruamel', 'jsonschema') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# --- parser fixtures and the real compose as oracle --------------------------------------------


def read_fixture(path: Path):
    from lint.core.source import decode

    return parse_compose(Source(str(path), decode(path.read_bytes())))


def reported(doc, *, errors_only: bool) -> set[str]:
    found = {f"DC000@{line}:{col}" for line, col in (where(doc, p.span) for p in doc.errors)}
    for problem in doc.schema_problems:
        if problem.severity == Severity.ERROR or not errors_only:
            line, col = where(doc, problem.span)
            found.add(f"DC001@{line}:{col}")
    return found


PARSER_FIXTURES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".yaml", ".yml"))


@pytest.mark.parametrize("path", PARSER_FIXTURES, ids=lambda p: p.name)
def test_parser_fixture_reports_exactly_its_expectations(path):
    """`# expect: DC001@line:col ...` on the first line lists every problem; valid-* files have none."""
    doc = read_fixture(path)
    first = doc.source.line_text(1).lstrip("\ufeff")
    expected = set(first.split("expect:", 1)[1].split()) if "expect:" in first else set()
    assert reported(doc, errors_only=False) == expected
    assert path.name.startswith(("valid-", "seed-")) == (not expected)


def compose_fixtures() -> list[Path]:
    every = {p for p in (ROOT / "fixtures").rglob("*.y*ml") if "compose" in p.name}
    return sorted(every | set(PARSER_FIXTURES))


@pytest.mark.parametrize("path", compose_fixtures(), ids=lambda p: str(p.relative_to(ROOT / "fixtures")))
def test_compose_accepts_exactly_what_we_do_not_reject(path):
    """No DC000/DC001 error where compose accepts the file. For the parser fixtures also the
    converse: where compose rejects one, we say why. (Other fixtures may fail compose for
    reasons outside one file's YAML and schema, e.g. a dependency on an undefined service, which
    project rules report.) Compose rejects an unknown service key; we only warn about it, since
    our schema may be older than the user's compose."""
    from tests.compose_oracle import compose_binary, compose_config

    if compose_binary() is None:
        pytest.skip("the docker-compose binary of the compose-go test dependency is not installed")
    returncode, _, stderr = compose_config([path.name], path.parent)
    doc = read_fixture(path)
    errors = reported(doc, errors_only=True)
    if returncode == 0:
        assert not errors, f"compose accepts {path.name} but we report {sorted(errors)}"
    elif path.parent == FIXTURES:
        if path.name.startswith("warn-"):
            assert not errors and reported(doc, errors_only=False), stderr
        else:
            assert errors, f"compose rejects {path.name} and we do not: {stderr.strip()}"


def test_values_that_depend_on_unset_variables_are_not_judged():
    doc = parse("services:\n  web:\n    image: x\n    init: ${INIT}\n    stop_grace_period: ${GRACE}\n")
    assert doc.schema_problems == []
    doc = parse("services:\n  web:\n    image: x\n    init: maybe\n    stop_grace_period: '10'\n")
    assert [where(doc, p.span) for p in doc.schema_problems] == [(4, 5), (5, 5)]


def test_schema_messages_name_the_key_and_what_was_expected():
    doc = parse("services:\n  web:\n    image: x\n    ports: 8080\n    healthcheck:\n      test: 1\n")
    assert [p.message for p in doc.schema_problems] == [
        "services.web.ports must be a list, not an integer",
        "services.web.healthcheck.test must be a string or a list, not an integer",
    ]


def test_unknown_keys_are_noted_in_services_typos_fail_and_so_does_the_top_level():
    doc = parse("services:\n  web:\n    image: x\n    frobnicate: 1\n    enviroment: {}\nservice: {}\nx-mine: 1\n")
    assert [(where(doc, p.span), p.severity, p.message) for p in doc.schema_problems] == [
        ((4, 5), Severity.INFO, "unknown key 'frobnicate' in service 'web': compose 2.40 rejects it (a key of a newer "
                                "compose?)"),
        ((5, 5), Severity.ERROR, "unknown key 'enviroment' in service 'web': compose rejects it (did you mean "
                                 "'environment'?)"),
        (
            (6, 1),
            Severity.ERROR,
            "unknown top-level key 'service': compose rejects it (custom keys must start with x-)",
        ),
    ]


def test_v1_format_gives_one_problem():
    doc = parse("web:\n  image: x\n  ports: ['80:80']\ndb:\n  image: y\n  bogus: [1]\n")
    (problem,) = doc.schema_problems
    assert where(doc, problem.span) == (1, 1) and "obsolete Compose v1 format" in problem.message


def test_unquoted_version_number_is_an_error():
    doc = parse("version: 3.8\nservices:\n  web:\n    image: x\n")
    (problem,) = doc.schema_problems
    assert where(doc, problem.span) == (1, 1)
    assert problem.message.startswith('version must be a string: write version: "3.8"')
    assert parse('version: "3.8"\nservices:\n  web:\n    image: x\n').schema_problems == []


def test_validation_runs_on_first_use_only():
    import lint.compose.schema as compose

    doc = parse("services:\n  web:\n    image: x\n")
    assert doc._schema_problems is None
    assert doc.schema_problems == [] and doc.schema_problems is doc.schema_problems
    assert compose._VALIDATOR is not None


def test_empty_file_is_rejected_as_compose_does():
    (problem,) = parse("").schema_problems
    assert "empty" in problem.message


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n", "services: &s\n  web:\n    <<: *s\n"])
def test_an_anchor_that_contains_itself_is_an_error(text):
    doc = parse(text)
    (problem,) = doc.errors
    assert "contains an alias to itself" in problem.message
    assert doc.source.text[problem.span.start] == "*"


def test_deep_nesting_is_a_problem_not_a_crash():
    doc = parse("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert [p.message for p in doc.errors] == ["the YAML is nested too deeply to read"]


def test_offsets_count_code_points_beyond_the_bmp():
    doc = parse("x-note: '\U0001F433 whale'\nservices:\n  web:\n    image: x  # \U0001F433\n")
    image = doc.services["web"].get("image")
    assert doc.source.text[image.span.start : image.span.end] == "x"
    assert where(doc, image.span) == (4, 12)
    assert doc.comments[0].text == "# \U0001F433"


def test_utf16_file_reads_like_utf8():
    from lint.core.source import decode

    text = decode("services:\n  web:\n    image: x\n".encode("utf-16"))
    doc = parse(text)
    assert doc.errors == [] and where(doc, doc.services["web"].get("image").span) == (3, 12)


def test_interpolation_with_a_project_env_follows_compose_operators():
    from lint.compose import interpolate

    env = {"TAG": "alpine", "EMPTY": ""}
    assert interpolate("./web/${TAG}", env)[0] == "./web/alpine"
    assert interpolate("$TAG-${MISSING:-x}-${EMPTY:-d}-${EMPTY-d}", env)[0] == "alpine-x-d-"
    assert interpolate("${TAG:+set}${EMPTY:+no}${EMPTY+yes}${MISSING+no}", env)[0] == "setyes"
    assert interpolate("${TAG}", None)[0] == ""
