"""The WORKDIR a well-known base image sets, by repository (any tag): where a relative COPY destination or
WORKDIR of a stage built on it lands. `/` for images that set none (the operating system images and the
official language images built on them); their own folder for the images made to be extended in place
(`php` and the web applications built on it copy into /var/www/html, `tomcat` into /usr/local/tomcat).
None for any other image: it may set one or not. From the official images' Dockerfiles
(github.com/docker-library)."""
from __future__ import annotations

from lint.knowledge.images import parse_reference

ROOT = "/"
WORKDIRS = {
    **dict.fromkeys((
        "alpine", "debian", "ubuntu", "centos", "fedora", "rockylinux", "almalinux", "amazonlinux", "busybox",
        "oraclelinux", "buildpack-deps", "python", "node", "ruby", "openjdk", "eclipse-temurin", "amazoncorretto",
        "java", "nginx", "mongo", "postgres", "mysql", "mariadb", "phusion/baseimage", "nvidia/cuda",
    ), ROOT),
    "golang": "/go",
    "php": "/var/www/html",
    "wordpress": "/var/www/html",
    "joomla": "/var/www/html",
    "nextcloud": "/var/www/html",
    "httpd": "/usr/local/apache2",
    "tomcat": "/usr/local/tomcat",
    "redis": "/data",
    "neo4j": "/var/lib/neo4j",
    "ghost": "/var/lib/ghost",
    "composer": "/app",
    "elasticsearch": "/usr/share/elasticsearch",
    "logstash": "/usr/share/logstash",
    "kibana": "/usr/share/kibana",
    "sonarqube": "/opt/sonarqube",
}


def base_workdir(image: str | None) -> str | None:
    """The WORKDIR the image sets (`/` when it sets none), None when not known."""
    ref = parse_reference(image) if image and "$" not in image else None
    if ref is None:
        return None
    return WORKDIRS.get(ref.name.lower())
