"""hullcheck benchmark: generates a corpus and prints throughput, cold start, warm-cache, memory and warm
re-lint (language server) figures, and the same files as one folder outside any repository linted with no
cache, a cold cache and a warm one (a warm cache must take under a tenth of the cold run).

    python bench/run.py [--dockerfiles 2000] [--compose 500] [--repeat 5] [--edits 200]
    python bench/run.py --lsp      # only the warm re-lint figures (bench/relint.py)

The corpus is made anew from a fixed seed each run, in a temporary directory of its own outside any repository
(so git-ignore rules of the surrounding checkout do not hide it).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# a folder of this run's own (two benchmarks at once must not rewrite each other's files)
WORK = Path(tempfile.mkdtemp(prefix="hullcheck-bench-"))
CORPUS = WORK / "corpus"
# the same files in one folder outside any repository: each file's project is its own directory, as for a
# folder of unrelated Dockerfiles
FOLDER = WORK / "folder"

BASES = ["python:3.12-slim", "python:3.12-alpine", "node:22", "node:22-alpine", "golang:1.23", "nginx:1.27",
         "nginx:1.27-alpine", "eclipse-temurin:21-jre", "mcr.microsoft.com/dotnet/aspnet:8.0", "debian:bookworm-slim",
         "ubuntu:24.04", "alpine:3.20", "gcr.io/distroless/static-debian12", "registry.example.com/team/base:1"]
SERVICE_IMAGES = ["postgres:16", "redis:7-alpine", "mysql:8.4", "mariadb:11", "mongo:7", "rabbitmq:3-management",
                  "nginx:1.27", "python:3.12-slim", "registry.example.com/team/api:1.2"]


def dockerfile(rng: random.Random, index: int) -> str:
    lines = ["# syntax=docker/dockerfile:1"]
    multi = rng.random() < 0.5
    if multi:
        lines += [f"FROM {rng.choice(BASES[:5])} AS build", "WORKDIR /src", "COPY . .",
                  "RUN make build && \\", "    make test"]
    base = rng.choice(BASES)
    lines += [f"FROM {base}", "WORKDIR /app"]
    runs = 100 if index % 50 == 0 else rng.randint(2, 12)
    for n in range(runs):
        kind = rng.random()
        if kind < 0.2:
            lines += ["RUN apt-get update && \\", "    apt-get install -y --no-install-recommends curl ca-certificates && \\",
                      "    rm -rf /var/lib/apt/lists/*"]
        elif kind < 0.3:
            lines += ["RUN <<EOF", "set -e", f"echo step {n}", "EOF"]
        else:
            lines.append(f"RUN echo step {n} && touch /tmp/f{n}")
    if multi:
        lines.append("COPY --from=build /src/out /app")
    if rng.random() < 0.7:
        lines.append(f"EXPOSE {rng.choice([80, 8080, 3000, 5000])}")
    health = rng.random()
    if health < 0.3:
        lines.append("HEALTHCHECK --interval=30s --timeout=5s CMD curl -fsS http://localhost:8080/health || exit 1")
    elif health < 0.4:
        lines.append("HEALTHCHECK CMD curl http://localhost/health")
    lines.append(rng.choice(['CMD ["./app"]', "CMD ./migrate && ./serve", 'ENTRYPOINT ["python", "-m", "app"]']))
    return "\n".join(lines) + "\n"


def compose(rng: random.Random) -> str:
    names = rng.sample(["web", "api", "worker", "db", "cache", "queue", "proxy", "search", "mail", "admin"],
                       rng.randint(3, 8))
    out = ["services:"]
    for i, name in enumerate(names):
        out.append(f"  {name}:")
        if rng.random() < 0.4:
            out += ["    build:", "      context: .", "      dockerfile: Dockerfile"]
        else:
            out.append(f"    image: {rng.choice(SERVICE_IMAGES)}")
        if rng.random() < 0.6:
            out.append(f"    restart: {rng.choice(['unless-stopped', 'always', 'on-failure', 'no'])}")
        out += ["    environment:", f"      - {name.upper()}_PORT=80{i}0",
                f"      - DATABASE_URL=postgres://user:pw@{names[0]}:5432/app"]
        if rng.random() < 0.5:
            out += ["    ports:", f"      - \"80{i}0:80\""]
        if i and rng.random() < 0.6:
            if rng.random() < 0.5:
                out += ["    depends_on:", f"      - {names[0]}"]
            else:
                out += ["    depends_on:", f"      {names[0]}:", "        condition: service_healthy"]
        if rng.random() < 0.4:
            out += ["    healthcheck:", '      test: ["CMD", "curl", "-f", "http://localhost/"]',
                    "      interval: 10s", "      timeout: 3s", "      retries: 5"]
        out += ["    volumes:", f"      - {name}-data:/data", "    networks:", "      - backend"]
    out += ["networks:", "  backend: {}", "volumes:"] + [f"  {n}-data: {{}}" for n in names]
    return "\n".join(out) + "\n"


def make_corpus(dockerfiles: int, composes: int) -> tuple[list[Path], list[Path]]:
    rng = random.Random(20261125)
    shutil.rmtree(CORPUS, ignore_errors=True)
    dfs, cfs = [], []
    for i in range(dockerfiles):
        directory = CORPUS / "dockerfiles" / f"d{i:04d}"
        directory.mkdir(parents=True)
        path = directory / "Dockerfile"
        path.write_text(dockerfile(rng, i), encoding="utf-8")
        dfs.append(path)
    for i in range(composes):
        directory = CORPUS / "compose" / f"c{i:03d}"
        directory.mkdir(parents=True)
        (directory / "Dockerfile").write_text(dockerfile(rng, i + 1), encoding="utf-8")
        path = directory / "compose.yaml"
        path.write_text(compose(rng), encoding="utf-8")
        cfs.append(path)
    (CORPUS / ".git").mkdir(exist_ok=True)  # the corpus is its own project root
    return dfs, cfs


def in_process(paths: list[Path], kind: str) -> tuple[float, int]:
    """Files per second linting `paths` in this process (parse + every rule), and the findings count."""
    from lint.engine.config import Config
    from lint.engine import Workspace, lint_document, read_document

    config = Config()
    workspace = Workspace()
    start = time.perf_counter()
    count = 0
    for path in paths:
        doc = read_document(path, kind)
        workspace.add(doc)
        count += len(lint_document(doc, config, workspace.project(path.parent)))
    elapsed = time.perf_counter() - start
    return len(paths) / elapsed, count


def timed(command: list[str], repeat: int, env=None) -> float:
    """Median wall time of a command, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dockerfiles", type=int, default=2000)
    parser.add_argument("--compose", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--edits", type=int, default=200, help="one-character edits timed for the warm re-lint")
    parser.add_argument("--lsp", action="store_true", help="only the warm re-lint figures")
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import relint

    if args.lsp:
        relint.run(args.edits)
        return

    dfs, cfs = make_corpus(args.dockerfiles, args.compose)
    print(f"corpus: {len(dfs)} Dockerfiles ({sum(1 for i in range(len(dfs)) if i % 50 == 0)} with 100 RUN lines), "
          f"{len(cfs)} compose files with a Dockerfile each")

    rate, found = in_process(dfs, "dockerfile")
    print(f"in-process Dockerfiles: {rate:8.0f} files/s ({found} findings)")
    rate, found = in_process(cfs, "compose")
    print(f"in-process compose:     {rate:8.0f} files/s ({found} findings, merged project, Dockerfiles read)")

    exe = [sys.executable, "-m", "lint"]
    env = {**os.environ, "NO_COLOR": "1"}
    with tempfile.TemporaryDirectory() as cache_dir:
        cold_env = {**env, "HULLCHECK_CACHE_DIR": cache_dir}
        typer_ms = timed([sys.executable, "-c", "import typer"], args.repeat)
        python_ms = timed([sys.executable, "-c", "pass"], args.repeat)
        one_df = timed(exe + ["--no-cache", str(dfs[1])], args.repeat, cold_env)
        one_cf = timed(exe + ["--no-cache", str(cfs[1])], args.repeat, cold_env)
        print(f"cold process: python -c pass {python_ms:6.0f} ms | python -c 'import typer' {typer_ms:6.0f} ms")
        print(f"cold process: one Dockerfile {one_df:6.0f} ms | one compose file {one_cf:6.0f} ms")

        whole = [*exe, str(CORPUS)]
        start = time.perf_counter()
        subprocess.run(whole, capture_output=True, env=cold_env)
        first = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run(whole, capture_output=True, env=cold_env)
        warm = time.perf_counter() - start
        print(f"whole corpus, one process: first run {first:6.2f} s | warm-cache re-run {warm:6.2f} s")

    shutil.rmtree(FOLDER, ignore_errors=True)
    shutil.copytree(CORPUS, FOLDER, ignore=shutil.ignore_patterns(".git"))
    files = sum(1 for path in FOLDER.rglob("*") if path.is_file())
    folder = [*exe, str(FOLDER)]
    with tempfile.TemporaryDirectory() as cache_dir:
        cache_env = {**env, "HULLCHECK_CACHE_DIR": cache_dir}
        no_cache = timed([*folder, "--no-cache"], 1, cache_env) / 1000
        cold = timed(folder, 1, cache_env) / 1000
        warm = min(timed(folder, 1, cache_env) for _ in range(args.repeat)) / 1000
        print(f"one folder of {files} files, no repository: --no-cache {no_cache:6.2f} s | cold cache {cold:6.2f} s"
              f" | warm cache {warm:6.2f} s ({warm / cold:.0%} of cold)")
    shutil.rmtree(FOLDER, ignore_errors=True)

    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak memory: in-process run {usage / 1024:6.1f} MiB | largest CLI process {children / 1024:6.1f} MiB")

    relint.run(args.edits)


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
