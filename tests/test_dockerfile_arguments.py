"""The arguments of COPY / ADD, ENV and WORKDIR as BuildKit reads them, the variables known at an instruction,
the working directory, and whether ADD unpacks a file (by content)."""
import gzip
import io
import tarfile

from lint.core.source import Source
from lint.dockerfile import parse_dockerfile
from lint.dockerfile.arguments import BASE, copy_args, env_pairs, expand, references, variables_at, workdir_at
from lint.knowledge.archives import is_archive, named_like_archive


def parse(text):
    return parse_dockerfile(Source("Dockerfile", text))


def spanned(doc, span):
    return doc.source.text[span.start:span.end]


def test_copy_sources_and_destination_with_spans():
    doc = parse('FROM node:22\nCOPY --chown=node:node package.json "package-lock.json" ./\n')
    args = copy_args(doc.instructions[1])
    assert [s.value for s in args.sources] == ["package.json", "package-lock.json"]
    assert [spanned(doc, s.span) for s in args.sources] == ["package.json", '"package-lock.json"']
    assert args.dest.value == "./" and spanned(doc, args.dest.span) == "./"


def test_copy_json_form_and_heredoc_sources():
    doc = parse('FROM alpine\nCOPY ["a b.txt", "/dest/"]\nCOPY <<EOF /etc/motd\nhi\nEOF\n')
    json_form = copy_args(doc.instructions[1])
    assert json_form.sources[0].value == "a b.txt" and spanned(doc, json_form.dest.span) == "/dest/"
    heredoc = copy_args(doc.instructions[2])
    assert heredoc.sources == [] and heredoc.heredoc_sources == 1 and heredoc.dest.value == "/etc/motd"


def test_env_pairs_both_forms():
    doc = parse('FROM alpine\nENV A=1 B="x y" \\\n    C=$A\nENV D hello world\n')
    pairs = env_pairs(doc.instructions[1])
    assert [(p.name, p.value.value) for p in pairs] == [("A", "1"), ("B", "x y"), ("C", "$A")]
    assert spanned(doc, pairs[2].value.span) == "$A" and spanned(doc, pairs[1].name_span) == "B"
    old = env_pairs(doc.instructions[2])
    assert [(p.name, p.value.value) for p in old] == [("D", "hello world")]


def test_references_skip_single_quotes_and_escapes():
    assert [r.name for r in references("$A/${B:-x}/'$C'/\\$D/\"$E\"")] == ["A", "B", "E"]
    assert references("${HOME}")[0].end == len("${HOME}")


def test_variables_and_expansion_before_the_instruction():
    doc = parse("ARG BASE=/srv\nFROM alpine\nARG BASE\nENV APP=$BASE/app OTHER=$APP\nRUN true\n")
    scope = variables_at(doc, doc.instructions[-1])
    assert scope["APP"] == "/srv/app"
    assert not isinstance(scope["OTHER"], str)  # APP was unset before that ENV: unknown (the base image's)
    assert expand('"${APP}"/bin', scope) == "/srv/app/bin"
    assert expand("$UNSET/x", scope) is None


def test_workdir_depends_on_base_until_absolute():
    doc = parse("FROM node AS base\nWORKDIR app\nRUN a\nWORKDIR /srv\nWORKDIR api\nRUN b\n"
                "FROM base\nRUN c\nFROM scratch\nCOPY x y\nFROM alpine\nWORKDIR $HOME\nRUN d\n")
    runs = [i for i in doc.instructions if i.keyword in ("RUN", "COPY")]
    assert [workdir_at(doc, i) for i in runs] == [BASE, "/srv/api", "/srv/api", "/", None]


def test_add_unpacks_by_content_not_name(tmp_path):
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w") as tar:
        info = tarfile.TarInfo("index.html")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"hi"))
    (tmp_path / "site").write_bytes(data.getvalue())
    (tmp_path / "site.tgz").write_bytes(gzip.compress(data.getvalue()))
    (tmp_path / "notes.gz").write_bytes(gzip.compress(b"plain text"))
    (tmp_path / "app.conf").write_text("x = 1\n")
    (tmp_path / "dir").mkdir()
    assert is_archive(tmp_path / "site") is True
    assert is_archive(tmp_path / "site.tgz") is True
    assert is_archive(tmp_path / "notes.gz") is False
    assert is_archive(tmp_path / "app.conf") is False
    assert is_archive(tmp_path / "dir") is False
    assert is_archive(tmp_path / "missing") is None
    assert named_like_archive("vendor.tar.xz") and not named_like_archive("site.zip")


def test_base_image_workdir():
    from lint.knowledge.workdirs import base_workdir

    assert base_workdir("python:3.12-slim") == "/"
    assert base_workdir("docker.io/library/tomcat:9-jre17") == "/usr/local/tomcat"
    assert base_workdir("golang:1.23") == "/go"
    assert base_workdir("registry.example.com/team/base:1") is None
    assert base_workdir("${BASE}") is None
