"""The built-in image table: one row per repository and tag pattern, each fact from IMAGES.md (kept as
plain Python data; the patterns compile on first use)."""
from __future__ import annotations

from typing import Any, Mapping

SH = "/bin/sh"  # the shell path images give

# Tag building blocks.
V = r"\d+(?:\.\d+)*(?:-?(?:rc|RC|a|b|alpha|beta|preview|M)[.-]?\d*)?"
SUITES = r"trixie|bookworm|bullseye|buster|stretch"
ALPINE = r"alpine(?:\d+\.\d+)?"
WINDOWS = r".*(?:windowsservercore|nanoserver).*"


def _opt(prefix: str) -> str:
    return rf"(?:(?:{prefix})-)?"


def _f(source: str, *bundles: Mapping[str, Any], **values: Any) -> dict[str, Any]:
    facts: dict[str, Any] = {"healthcheck": False, "ports": (), "exposed": False}
    for bundle in bundles:
        facts.update(bundle)
    facts.update(values)
    facts["source"] = source
    return facts


# What the common bases give (IMAGES.md cells).
DEB_FULL = {"curl": True, "wget": "gnu", "shell": SH, "sh": "dash", "bash": True}
BUILDPACK = {**DEB_FULL, "tools_by_design": True}  # FROM buildpack-deps:<suite>(-curl|-scm)
DEB_BARE = {"curl": False, "wget": False, "shell": SH, "sh": "dash", "bash": True}
ALPINE_BB = {"curl": False, "wget": "busybox", "shell": SH, "sh": "ash", "bash": False}
RPM_BASE = {"curl": True, "wget": None, "shell": SH, "sh": "bash", "bash": True}  # curl "yes (base)"
NO_SHELL = {"curl": False, "wget": False, "shell": False, "sh": None, "bash": False}
# Ubuntu noble/resolute: nothing installs curl/wget and jammy has neither, but the manifest
# was not read (a † cell); /bin/sh surely exists, dash is inferred.
NOBLE_CLIENTS = {"curl": None, "wget": None, "inferred": {"curl": False, "wget": False}}
NOBLE_SH = {"shell": SH, "sh": None}
UNKNOWN_OS = {"curl": None, "wget": None, "shell": None, "sh": None, "bash": None}

PG_PROBE = ("CMD-SHELL", 'pg_isready -h 127.0.0.1 -U "$${POSTGRES_USER:-postgres}"')
PG_NOTE = ("over TCP: during first start-up the entrypoint's temporary server listens only on the "
           "Unix socket, so a socket probe reports ready too early")
MYSQL_PROBE = ("CMD", "mysqladmin", "ping", "-h", "127.0.0.1")
MYSQL_NOTE = ("over TCP: the initialisation server runs with --skip-networking; mysqladmin ping "
              "exits 0 on 'Access denied' too, as the server answered")
MARIADB_PROBE = ("CMD", "healthcheck.sh", "--connect", "--innodb_initialized")
MARIADB_NOTE = "uses the healthcheck user the entrypoint creates (data directories made since 2023-06)"
REDIS_PROBE = ("CMD", "redis-cli", "ping")
REDIS_NOTE = "with requirepass, give the password through REDISCLI_AUTH"
MONGO_PROBE = ("CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')")
RABBIT_PROBE = ("CMD", "rabbitmq-diagnostics", "-q", "ping")
TRAEFIK_PROBE = ("CMD", "traefik", "healthcheck", "--ping")
TRAEFIK_NOTE = "needs the ping endpoint enabled (--ping=true)"

RABBIT_PORTS = ("4369", "5671", "5672", "15691", "15692", "25672")


def _windows(repos: str, source: str, by_repo: dict | None = None, **values: Any):
    """Windows variants: the survey read only the Linux ones, so their tools are unknown."""
    return (repos, WINDOWS, None, _f(source, UNKNOWN_OS, **values), by_repo)


def _table():  # noqa: C901 - one long list of data
    """(repositories, tag regex, version condition, facts, per-repository extras) rows.

    Rows are tried in order; the first whose regex matches the whole tag (and whose version
    condition holds) wins. A tag no row matches gets the facts all rows of its repository share.
    """
    rows = []

    def add(repos, tags, facts, when=None, by_repo=None):
        rows.append((repos, tags, when, facts, by_repo))

    # --- buildpack-deps, language runtimes -------------------------------------------------
    src = "docker-library/buildpack-deps@8330ca1d2319 debian/bookworm/{curl,scm,}/Dockerfile"
    add("buildpack-deps", r"[a-z0-9.]+(?:-(?:curl|scm))?", _f(src, BUILDPACK))

    src = "docker-library/python@4f07059567fa 3.13/"
    py = {"helpers": {"python3": True, "python": True}}
    add("python", rf"(?:{V}-)?slim(?:-(?:{SUITES}))?", _f(src + "slim-trixie/Dockerfile", DEB_BARE, py))
    add("python", rf"(?:{V}-)?{ALPINE}", _f(src + "alpine3.23/Dockerfile", ALPINE_BB, py))
    add("python", rf"latest|{V}|{_opt(V)}(?:{SUITES})", _f(src + "trixie/Dockerfile", BUILDPACK, py))
    rows.append(_windows("python", src, helpers={"python": True}))

    src = "nodejs/docker-node@f27d936f7d7c 24/"
    nv = (rf"{V}|lts|current|argon|boron|carbon|dubnium|erbium|fermium|gallium|hydrogen|iron|jod"
          r"|krypton|lithium")
    node = {"helpers": {"node": True}}
    add("node", rf"{_opt(nv)}(?:(?:{SUITES})-)?slim", _f(src + "trixie-slim/Dockerfile", DEB_BARE, node))
    add("node", rf"{_opt(nv)}{ALPINE}", _f(src + "alpine3.23/Dockerfile", ALPINE_BB, node))
    add("node", rf"latest|{nv}|{_opt(nv)}(?:{SUITES})", _f(src + "trixie/Dockerfile", BUILDPACK, node))

    src = "docker-library/golang@7c8c182bfc19 1.27/"
    go = {"helpers": {"go": True}}
    add("golang", rf"{_opt(V)}{ALPINE}", _f(src + "alpine3.24/Dockerfile", ALPINE_BB, go))
    add("golang", rf"latest|{V}|{_opt(V)}(?:{SUITES})", _f(src + "trixie/Dockerfile", BUILDPACK, go))
    rows.append(_windows("golang", src, helpers={"go": True}))

    src = "docker-library/ruby@d55e25ae7098 3.4/"
    add("ruby", rf"{_opt(V)}slim(?:-(?:{SUITES}))?", _f(src + "slim-trixie/Dockerfile", DEB_BARE))
    add("ruby", rf"{_opt(V)}{ALPINE}", _f(src + "alpine3.23/Dockerfile", ALPINE_BB))
    add("ruby", rf"latest|{V}|{_opt(V)}(?:{SUITES})", _f(src + "trixie/Dockerfile", BUILDPACK))

    src = "docker-library/php@445bf414f1d5 8.4/"
    php_deb = {**DEB_BARE, "curl": True}
    php_alpine = {**ALPINE_BB, "curl": True}
    suite = rf"(?:-(?:{SUITES}))?"
    add("php", rf"{_opt(V)}fpm{suite}",
        _f(src + "trixie/fpm/Dockerfile", php_deb, ports=("9000",), exposed=True, server=True))
    add("php", rf"{_opt(V)}apache{suite}",
        _f(src + "trixie/apache/Dockerfile", php_deb, ports=("80",), exposed=True, server=True))
    add("php", rf"{_opt(V)}fpm-{ALPINE}",
        _f(src + "alpine3.23/fpm/Dockerfile", php_alpine, ports=("9000",), exposed=True, server=True))
    add("php", rf"{_opt(V)}(?:(?:cli|zts)-)?{ALPINE}", _f(src + "alpine3.23/cli/Dockerfile", php_alpine))
    add("php", rf"latest|{V}|{_opt(V)}(?:cli|zts){suite}|{_opt(V)}(?:{SUITES})",
        _f(src + "trixie/cli/Dockerfile", php_deb))

    # --- Java ------------------------------------------------------------------------------
    src = "docker-library/openjdk@837d7bc624f7 / @da2d75fdafc1 (deprecated 2022)"
    ov = r"\d+(?:u\d+)?(?:\.\d+)*(?:-ea(?:[-+]\d+)?)?"
    jt = r"(?:-(?:jdk|jre))?"
    java = {"helpers": {"java": True}}
    rows.append(_windows("openjdk", src, helpers={"java": True}))
    add("openjdk", rf"{ov}{jt}-slim(?:-(?:{SUITES}))?",
        _f(src + " 27/slim-trixie, 11/jre/slim-bullseye", DEB_BARE, java))
    add("openjdk", rf"(?:8|11)(?:u\d+)?(?:\.\d+)*{jt}(?:-(?:bullseye|buster|stretch))?",
        _f(src + " 8/jdk/bullseye, 11/jre/bullseye", BUILDPACK, java))
    add("openjdk", rf"{ov}{jt}-(?:trixie|bookworm|bullseye|buster)", _f(src + " 27/trixie", BUILDPACK, java))
    add("openjdk", rf"(?:17|18|27|28)(?:\.\d+)*(?:-ea(?:[-+]\d+)?)?(?:-jdk)?|{ov}{jt}-oracle(?:linux\d+)?",
        _f(src + " 18/jdk/oraclelinux8, 27/oraclelinux10", RPM_BASE, java))

    src = "adoptium/containers@d8d18d67a32e "
    tv = r"\d+(?:u\d+)?(?:[._]\d+)*(?:-b\d+)?"
    ubuntu = r"(?:-(?:jammy|noble|resolute|focal|bionic|xenial))?"
    rows.append(_windows("eclipse-temurin", src, helpers={"java": True}))
    add("eclipse-temurin", rf"{tv}{jt}-alpine(?:-?\d+\.\d+)?",
        _f(src + "21/jdk/alpine/3.23/Dockerfile", ALPINE_BB, java))
    add("eclipse-temurin", rf"{tv}{jt}-ubi\d+-minimal",
        _f(src + "21/jdk/ubi/ubi9-minimal/Dockerfile", RPM_BASE, java, wget="gnu"))
    add("eclipse-temurin", rf"{tv}{jt}{ubuntu}", _f(src + "21/jdk/ubuntu/noble/Dockerfile", DEB_FULL, java),
        when=lambda v: v is not None and v[0] <= 21)
    add("eclipse-temurin", rf"{tv}{jt}-jammy",
        _f("adoptium/containers@d42f2f54eb6d 23/jdk/ubuntu (curl only below 22: 585b61f63f62)",
           DEB_FULL, java, curl=False),
        when=lambda v: v is not None and 22 <= v[0] <= 24)
    add("eclipse-temurin", rf"{tv}{jt}{ubuntu}",
        _f("adoptium/containers@4dd31447dd92 24/jdk/ubuntu/noble (curl only below 22: 585b61f63f62)",
           DEB_FULL, java, curl=None, inferred={"curl": False}),
        when=lambda v: v is not None and 22 <= v[0] <= 24)
    add("eclipse-temurin", rf"{tv}{jt}-jammy",
        _f(src + "25/jdk/ubuntu (wget kept only below 25: ee18c450b179)", DEB_FULL, java, curl=False, wget=False),
        when=lambda v: v is not None and v[0] >= 25)
    add("eclipse-temurin", rf"latest|{tv}{jt}{ubuntu}",
        _f(src + "25/jdk/ubuntu/noble/Dockerfile (wget kept only below 25: ee18c450b179)",
           DEB_FULL, java, NOBLE_CLIENTS),
        when=lambda v: v is None or v[0] >= 25)

    src = "docker-library/tomcat@40f27d562f94 "
    tomcat = {"ports": ("8080",), "exposed": True, "server": True, "helpers": {"java": True}}
    tomv = r"\d+(?:\.\d+)*(?:-M\d+)?"
    add("tomcat", rf"{_opt(tomv)}(?:jdk|jre)(?:8|11|17|21)(?:-temurin(?:-(?:jammy|noble|focal))?)?",
        _f(src + "10.1/jdk21/temurin-noble/Dockerfile", DEB_FULL, tomcat))
    add("tomcat", rf"{_opt(tomv)}(?:jdk|jre)25-temurin-jammy",
        _f(src + "11.0/jdk25/temurin-jammy/Dockerfile", DEB_BARE, tomcat))
    add("tomcat", rf"{_opt(tomv)}(?:jdk|jre)25(?:-temurin(?:-noble)?)?|latest|11|11\.0|10|10\.1|9|9\.0",
        _f(src + "11.0/jdk25/temurin-noble/Dockerfile; official-images@37079fb336f5 library/tomcat "
           "(bare tags moved to jdk25 after 2025-09-12)", DEB_BARE, NOBLE_CLIENTS, tomcat))

    src = "corretto/corretto-docker@7075fecda59b "
    cv = r"\d+(?:u\d+)?(?:\.\d+)*(?:-\d+)?"
    add("amazoncorretto", rf"{_opt(cv)}alpine(?:\d+\.\d+)?(?:-(?:jdk|jre|full))?",
        _f(src + "21/jdk/alpine/3.23/Dockerfile", ALPINE_BB, java))
    add("amazoncorretto", rf"{cv}-al2(?:-[a-z-]+)?", _f(src + "21/jdk/al2-generic, 8/jdk/al2", RPM_BASE, java))
    add("amazoncorretto", rf"latest|{cv}(?:-(?:jdk|headless|headful))?|{cv}-al2023(?:-[a-z-]+)?",
        _f(src + "21/jdk/al2023/Dockerfile", RPM_BASE, java))

    # --- web servers and proxies ---------------------------------------------------------
    src = "nginx/docker-nginx@0d7f4380c735 mainline/"
    web80 = {"ports": ("80",), "exposed": True, "server": True}
    ng = rf"{V}|mainline|stable"
    ng_alpine = rf"{_opt(ng)}{ALPINE}(?:-(?:perl|otel))?"
    ng_debian = rf"latest|{ng}|{_opt(ng)}(?:(?:{SUITES})(?:-(?:perl|otel))?|perl|otel)"
    since_curl = lambda v: v is None or v >= (1, 18)  # noqa: E731 - curl added 2020-04 (87f9340ea4b8)
    add("nginx", rf"{_opt(ng)}{ALPINE}-slim", _f(src + "alpine-slim/Dockerfile", ALPINE_BB, web80))
    add("nginx", ng_alpine, _f(src + "alpine/Dockerfile", ALPINE_BB, web80, curl=True), when=since_curl)
    add("nginx", ng_debian, _f(src + "debian/Dockerfile", DEB_BARE, web80, curl=True), when=since_curl)
    before = " (before curl was added in 2020-04)"
    add("nginx", ng_alpine, _f(src + "alpine/Dockerfile" + before, ALPINE_BB, web80, curl=None))
    add("nginx", ng_debian, _f(src + "debian/Dockerfile" + before, DEB_BARE, web80, curl=None))

    src = "docker-library/httpd@9b63b37c9be3 2.4/"
    add("httpd", rf"{_opt(V)}{ALPINE}", _f(src + "alpine/Dockerfile", ALPINE_BB, web80))
    add("httpd", rf"latest|{V}|{_opt(V)}(?:{SUITES})", _f(src + "Dockerfile", DEB_BARE, web80))

    src = "traefik/traefik-library-image@697393828fd8 v3.7/"
    traefik = {"ports": ("80",), "exposed": True, "server": True, "helpers": {"traefik": True},
               "probe": TRAEFIK_PROBE, "probe_note": TRAEFIK_NOTE}
    rows.append(_windows("traefik", src, **traefik))
    add("traefik", r"latest|v?3(?:\.\d+)*", _f(src + "alpine/Dockerfile", ALPINE_BB, traefik))
    # The scratch build exists in the repository but not in the official library: it only
    # narrows what unknown tags may hold.
    add("traefik", None, _f(src + "scratch/Dockerfile", NO_SHELL, traefik))

    src = "caddyserver/caddy-docker@62d1326421cc 2.11/"
    caddy = {"ports": ("80", "443", "443/udp", "2019"), "exposed": True, "server": True,
             "helpers": {"caddy": True}}
    new_caddy = lambda v: v is None or v == (2,) or v >= (2, 11)  # noqa: E731 - curl since 2.11.0-beta.2
    builder = rf"{_opt(V)}builder(?:-alpine)?"
    rows.append(_windows("caddy", src, **caddy))
    add("caddy", builder, _f(src + "builder/Dockerfile", ALPINE_BB, curl=True, helpers={"go": True}), when=new_caddy)
    add("caddy", builder,
        _f(src + "builder/Dockerfile (older builders not read)", ALPINE_BB, curl=None, helpers={"go": True}))
    caddy_tags = rf"latest|alpine|{V}(?:-alpine)?"
    add("caddy", caddy_tags, _f(src + "alpine/Dockerfile (f760f9dcc0e1)", ALPINE_BB, caddy, curl=True), when=new_caddy)
    add("caddy", caddy_tags, _f("caddyserver/caddy-docker@cb53459d74f5 2.10/alpine/Dockerfile", ALPINE_BB, caddy))

    src = "docker-library/haproxy@ec437dd2a365 3.5/"
    haproxy = {"server": True, "user": "haproxy", "helpers": {"socat": True, "haproxy": True}}
    hv = rf"{V}|lts"
    add("haproxy", rf"{_opt(hv)}{ALPINE}", _f(src + "alpine/Dockerfile", ALPINE_BB, haproxy))
    add("haproxy", rf"latest|{hv}|{_opt(hv)}(?:{SUITES})", _f(src + "Dockerfile", DEB_BARE, haproxy))

    # --- databases, caches, queues -----------------------------------------------------------
    src = "docker-library/postgres@6edb0a8c4def 17/"
    pg = {"ports": ("5432",), "exposed": True, "server": True, "helpers": {"pg_isready": True, "psql": True},
          "probe": PG_PROBE, "probe_note": PG_NOTE}
    add("postgres", rf"{_opt(V)}{ALPINE}", _f(src + "alpine3.23/Dockerfile", ALPINE_BB, pg, bash=True))
    add("postgres", rf"latest|{V}|{_opt(V)}(?:{SUITES})", _f(src + "trixie/Dockerfile", DEB_BARE, pg))

    src = "docker-library/mysql@7f30fdb07380 "
    mysql = {"ports": ("3306", "33060"), "exposed": True, "server": True,
             "helpers": {"mysqladmin": True, "mysql": True}, "probe": MYSQL_PROBE, "probe_note": MYSQL_NOTE}
    mv = r"8\.4(?:\.\d+)*|8|9(?:\.\d+)*|lts|innovation"
    # Trap 6: the default tags are Oracle Linux, so apt-get is not there.
    add("mysql", rf"latest|{mv}|{_opt(mv)}oracle(?:linux9)?",
        _f(src + "8.4/Dockerfile.oracle, 9.7/Dockerfile.oracle", RPM_BASE, mysql,
           helpers={**mysql["helpers"], "microdnf": True, "apt-get": False}))
    add("mysql", r"(?:8\.0|5\.7)(?:\.\d+)*-debian",
        _f("docker-library/mysql@6b2fc013b75c 8.0/Dockerfile.debian (removed 2026-04)", DEB_BARE, mysql,
           helpers={**mysql["helpers"], "microdnf": False, "apt-get": True}))

    src = "MariaDB/mariadb-docker@1b6429ba3544 "
    maria = {"ports": ("3306",), "exposed": True, "server": True,
             "helpers": {"healthcheck.sh": True, "mariadb-admin": True, "mariadb": True},
             "probe": MARIADB_PROBE, "probe_note": MARIADB_NOTE}
    maria_ubuntu = {"wget": False, **NOBLE_SH, "bash": True, "inferred": {"sh": "dash"}}
    has_script = lambda v: v is None or v >= (10, 4)  # noqa: E731 - older tags were not rebuilt with it
    mav = rf"{V}|lts"
    add("mariadb", rf"{_opt(mav)}ubi\d*", _f(src + "11.8-ubi/Dockerfile, 12.3-ubi/Dockerfile", RPM_BASE, maria),
        when=has_script)
    add("mariadb", rf"{_opt(mav)}jammy|10\.(?:6|11)(?:\.\d+)*",
        _f(src + "10.11/Dockerfile", maria_ubuntu, maria, curl=False), when=has_script)
    add("mariadb", rf"latest|{mav}|{_opt(mav)}(?:noble|resolute)",
        _f(src + "11.8/Dockerfile", maria_ubuntu, maria, curl=None,
           inferred={"curl": False, "sh": "dash"}), when=has_script)
    add("mariadb", r".*", _f(src + "(tags older than 10.4 not read)", UNKNOWN_OS, maria, helpers={}, probe=None,
                             probe_note=None, healthcheck=None))

    src = "redis/docker-library-redis@0076c90a8028 (8.x); docker-library/redis@e92049967d6b 7.2 "
    redis = {"ports": ("6379",), "exposed": True, "server": True, "helpers": {"redis-cli": True},
             "probe": REDIS_PROBE, "probe_note": REDIS_NOTE}
    since_62 = lambda v: v is None or v >= (6, 2)  # noqa: E731
    add("redis", rf"{_opt(V)}{ALPINE}", _f(src + "alpine/Dockerfile", ALPINE_BB, redis), when=since_62)
    add("redis", rf"latest|{V}|{_opt(V)}(?:{SUITES})", _f(src + "debian/Dockerfile", DEB_BARE, redis), when=since_62)
    add("redis", r".*", _f(src + "(tags older than 6.2 not read)", UNKNOWN_OS, redis, healthcheck=None))

    src = "docker-library/mongo@2c69a57b939a 8.0/Dockerfile, 7.0/Dockerfile"
    mongo = {"ports": ("27017",), "exposed": True, "server": True, "helpers": {"mongosh": True},
             "probe": MONGO_PROBE}
    mongo_ubuntu = {"wget": False, "shell": SH, "sh": "dash", "bash": True, "curl": None,
                    "inferred": {"curl": False}}
    rows.append(_windows("mongo", src, ports=("27017",), exposed=True, server=True))
    add("mongo", rf"latest|{V}|{_opt(V)}(?:noble|jammy)", _f(src, mongo_ubuntu, mongo),
        when=lambda v: v is None or v >= (7,))
    # 6.0 dropped the legacy `mongo` shell for mongosh; nothing else about it was read.
    add("mongo", rf"{V}|{_opt(V)}(?:jammy|focal)", _f("docker-library/mongo 6.0/Dockerfile", UNKNOWN_OS, mongo,
                                                       healthcheck=None), when=lambda v: v is not None and v[0] == 6)
    add("mongo", r".*", _f("docker-library/mongo (tags older than 6.0 not read)", UNKNOWN_OS,
                           ports=("27017",), exposed=True, server=True, healthcheck=None))

    src = "docker-library/rabbitmq@9193c1de6d32 4.3/"
    rabbit = {"exposed": True, "server": True, "bash": True, "probe": RABBIT_PROBE,
              "helpers": {"rabbitmq-diagnostics": True, "rabbitmqctl": True}}
    rabbit_mgmt = {**rabbit, "ports": RABBIT_PORTS + ("15671", "15672")}
    rabbit_ubuntu = {"wget": False, **NOBLE_SH, "curl": None, "inferred": {"curl": False, "sh": "dash"}}
    add("rabbitmq", rf"{_opt(V)}management-alpine", _f(src + "alpine/management/Dockerfile", ALPINE_BB, rabbit_mgmt))
    add("rabbitmq", rf"{_opt(V)}alpine", _f(src + "alpine/Dockerfile", ALPINE_BB, rabbit, ports=RABBIT_PORTS))
    add("rabbitmq", rf"{_opt(V)}management", _f(src + "ubuntu/management/Dockerfile", rabbit_ubuntu, rabbit_mgmt))
    add("rabbitmq", rf"latest|{V}", _f(src + "ubuntu/Dockerfile", rabbit_ubuntu, rabbit, ports=RABBIT_PORTS))

    src = "docker-library/memcached@53ac0ecb0bf8 1/"
    memcached = {"ports": ("11211",), "exposed": True, "server": True, "user": "memcache"}
    add("memcached", rf"{_opt(V)}{ALPINE}", _f(src + "alpine/Dockerfile", ALPINE_BB, memcached))
    add("memcached", rf"latest|{V}|{_opt(V)}(?:{SUITES})", _f(src + "debian/Dockerfile", DEB_BARE, memcached))

    src = "elastic/dockerfiles elasticsearch/Dockerfile, branch "
    elastic = {"curl": True, "shell": SH, "bash": True, "ports": ("9200", "9300"), "exposed": True,
               "server": True, "user": "1000:0"}
    ev = rf"{V}(?:-(?:amd64|arm64))?"
    add("elasticsearch", ev, _f(src + "9.2 @0bbe2f0a6456 (UBI 9 minimal)", elastic, sh="bash",
                                helpers={"nc": True}), when=lambda v: v is not None and v[0] >= 9)
    add("elasticsearch", ev, _f(src + "8.19 @f15851a9a22d (Ubuntu 24.04)", elastic, helpers={"nc": True},
                                inferred={"wget": False}), when=lambda v: v is not None and (8, 17) <= v < (9,))
    add("elasticsearch", ev, _f(src + "7.17 @28b876f2aaba, 8.16 @2363a62c2fff (Ubuntu 20.04)", elastic,
                                wget=False, sh="dash"), when=lambda v: v is not None and (7, 16) <= v < (8, 17))
    add("elasticsearch", None, _f("elastic/dockerfiles (CentOS up to 7.14, not read)", UNKNOWN_OS,
                                  ports=("9200", "9300"), exposed=True, server=True))

    # --- OS bases ------------------------------------------------------------------------------
    add("alpine", rf"latest|edge|{V}|\d{{8}}",
        _f("alpinelinux/docker-alpine@7d63673353bd x86_64/ + minirootfs", ALPINE_BB, helpers={"busybox": True}))
    debian_names = r"trixie|bookworm|bullseye|stable|oldstable|1[123]"
    add("debian", rf"latest|(?:{debian_names})(?:\.\d+)?(?:-\d{{8}})?(?:-slim)?",
        _f("debuerreotype/docker-debian-artifacts@f5527c9b022 */rootfs.manifest", DEB_BARE))
    add("ubuntu", r"(?:22\.04|jammy)(?:-\d{8}(?:\.\d+)?)?",
        _f("tianon/docker-brew-ubuntu-core@570d5970a8b1 jammy root manifest", DEB_BARE))
    add("ubuntu", r"latest|(?:24\.04|noble|26\.04|resolute)(?:-\d{8}(?:\.\d+)?)?",
        _f("official-images@37079fb336f5 library/ubuntu (rootfs manifest not read; inferred from jammy)",
           NOBLE_CLIENTS, NOBLE_SH, bash=None, inferred={"curl": False, "wget": False, "sh": "dash", "bash": True}))
    add("busybox", rf"latest|stable|musl|glibc|uclibc|(?:{V}|stable)(?:-(?:musl|glibc|uclibc))?",
        _f("docker-library/busybox@70ce0fb98bee latest/{glibc,musl,uclibc}/amd64/rootfs.tar.gz", ALPINE_BB,
           helpers={"busybox": True}))
    add("scratch", r".*", _f("docs.docker.com/build/building/base-images (reserved, empty)", NO_SHELL, complete=True))

    src = "GoogleContainerTools/distroless@cd080764af31 "
    debug = {"curl": False, "wget": "busybox", "shell": "/busybox/sh", "sh": None, "bash": False,
             "helpers": {"busybox": True}}
    for kind, path, helpers in (("static", "static/static.bzl", {}), ("base", "base/base.bzl", {}),
                                ("base-nossl", "base/base.bzl", {}), ("cc", "cc/cc.bzl", {}),
                                ("java", "java/java.bzl", {"java": True}),
                                ("python3", "python3/python.bzl", {"python3": True, "python": True}),
                                ("nodejs", "nodejs/nodejs.bzl", {"node": True})):
        complete = not helpers  # the language images hold more than we list
        add(f"distroless/{kind}", r"debug-nonroot(?:-\w+)?",
            _f(src + path + ", experimental/busybox/commands.bzl", debug, user="65532",
               helpers={**helpers, **debug["helpers"]}))
        add(f"distroless/{kind}", r"debug(?:-\w+)?",
            _f(src + path + ", experimental/busybox/commands.bzl", debug, helpers={**helpers, **debug["helpers"]}))
        add(f"distroless/{kind}", r"nonroot(?:-\w+)?",
            _f(src + path, NO_SHELL, user="65532", helpers=helpers, complete=complete))
        add(f"distroless/{kind}", r"latest(?:-\w+)?|\w+",
            _f(src + path, NO_SHELL, helpers=helpers, complete=complete))

    ubi_tag = r"latest|\d+(?:\.\d+)*(?:-\d+(?:\.\d+)*)?"
    add("ubi", ubi_tag, _f("sclorg/s2i-base-container core/Dockerfile.rhel9 @0412400924f8; RHEL 9 containers guide",
                           UNKNOWN_OS, shell=SH, inferred={"bash": True}))
    add("ubi-minimal", ubi_tag, _f("MariaDB/mariadb-docker@1b6429ba3544 11.8-ubi/Dockerfile; elastic/dockerfiles 9.2",
                                   RPM_BASE, inferred={"wget": False}, helpers={"microdnf": True}))
    add("ubi-micro", ubi_tag, _f("RHEL 10 containers guide 2.6 (no package manager)", UNKNOWN_OS,
                                 inferred={"shell": SH}, helpers={"microdnf": False}))

    # --- .NET -----------------------------------------------------------------------------------
    src = "dotnet/dotnet-docker@3ed00b611cc8 src/runtime-deps/"
    src6 = "dotnet/dotnet-docker@36e80c363f5f src/runtime-deps/6.0/"
    arch = r"(?:-(?:amd64|arm64v8|arm32v7))?"
    patch = r"(?:\.\d+)?(?:-(?:preview|rc)\.?\d*)?"
    dotnet_repos = " ".join(f"mcr.microsoft.com/dotnet/{repo}" for repo in ("runtime", "aspnet", "runtime-deps"))
    per_repo = {"mcr.microsoft.com/dotnet/aspnet": {"server": True, "helpers": {"dotnet": True}},
                "mcr.microsoft.com/dotnet/runtime": {"helpers": {"dotnet": True}}}
    port8080 = {"ports": ("8080",), "exposed": False}
    port80 = {"ports": ("80",), "exposed": False}

    def dotnet(tags, facts):
        add(dotnet_repos, tags, facts, by_repo=per_repo)

    rows.append(_windows(dotnet_repos, src, by_repo=per_repo, ports=None, exposed=None))
    dotnet(rf"(?:8|9)\.0{patch}-(?:jammy|noble)-chiseled(?:-extra|-composite)*{arch}",
           _f(src + "8.0/noble-chiseled/amd64/Dockerfile, 9.0/noble-chiseled", NO_SHELL, port8080, user="app"))
    dotnet(rf"6\.0{patch}-jammy-chiseled(?:-extra)?{arch}",
           _f(src6 + "jammy-chiseled/amd64/Dockerfile", NO_SHELL, port8080, user="app"))
    dotnet(rf"(?:8|9)\.0{patch}-alpine(?:\d+\.\d+)?(?:-extra|-composite)?{arch}",
           _f(src + "8.0/alpine3.23/amd64/Dockerfile", ALPINE_BB, port8080))
    dotnet(rf"(?:8|9)\.0{patch}-noble(?:-composite)?{arch}",
           _f(src + "{8.0,9.0}/noble/amd64/Dockerfile", NOBLE_CLIENTS, NOBLE_SH, port8080, bash=None,
              inferred={"curl": False, "wget": False, "sh": "dash", "bash": True}))
    dotnet(rf"8\.0{patch}-jammy{arch}", _f(src + "8.0/jammy/amd64/Dockerfile", DEB_BARE, port8080))
    dotnet(rf"(?:8|9)\.0{patch}(?:-bookworm-slim)?{arch}",
           _f(src + "{8.0,9.0}/bookworm-slim/amd64/Dockerfile", DEB_BARE, port8080))
    dotnet(rf"6\.0{patch}-alpine(?:\d+\.\d+)?{arch}", _f(src6 + "alpine3.20", ALPINE_BB, port80))
    dotnet(rf"6\.0{patch}-(?:jammy|focal){arch}", _f(src6 + "jammy", DEB_BARE, port80))
    dotnet(rf"6\.0{patch}(?:-(?:bullseye|bookworm)-slim)?{arch}",
           _f(src6 + "bookworm-slim/amd64/Dockerfile", DEB_BARE, port80))
    return rows
