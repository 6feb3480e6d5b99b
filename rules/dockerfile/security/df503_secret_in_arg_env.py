"""## What it does
Reports an `ENV` that sets a secret-named variable to a value, and an `ARG` with a secret name: a password,
token, secret, API key, private key or credentials.

The name is read word by word (`DB_PASSWORD`,
`npmToken`, `aws-secret-access-key`); a name that only refers to a secret or describes a setting about one
is not reported: `KEY_FILE`, `MYSQL_PASSWORD_FILE`, `PASSWORD_MIN_LENGTH`, `TOKEN_URL`,
`MYSQL_ALLOW_EMPTY_PASSWORD`, `GPG_KEY` (a public key's fingerprint), `AWS_ACCESS_KEY_ID`, `PUBLIC_KEY`,
`AWS_WEB_IDENTITY_TOKEN_FILE`, `GOPRIVATE`. Jenkins' `*_PSW` and `DB_PWD` are passwords.
An `ENV` with an empty value (a placeholder the run sets), an on/off value (`SECRETS=0` switches an API
off; `SMTP_PASSWORD=False`), a marker its entrypoint replaces (`MYSQL_PASS **Random**`) or a
`/run/secrets/...` path is not reported, nor the front-end build variables that bundlers inline into
public JavaScript (`VUE_APP_*`, `REACT_APP_*`, `VITE_*`, `NEXT_PUBLIC_*`).

hadolint: DL3064 *Potentially sensitive data should not be used in the ARG or ENV commands*; BuildKit:
SecretsUsedInArgOrEnv. hadolint matches parts of names, so it reports `USERNAME`, `PASSWORD_MIN_LENGTH`,
`TOKEN_URL`, `PRIVATE_KEY_PATH`, `GOPRIVATE`, `*_TOKEN_FILE` and empty placeholders (its tracker: "DL3064
warning on username is overly paranoid", "false positives due to simple substring matching"); BuildKit reports any name with a `key` or `auth`
word (`KEY_FILE`, `GPG_KEY`). Neither is reported here.

## Why is this bad?
An `ENV` value is stored in the image's configuration: every container, `docker inspect` and anyone who
pulls the image sees it, and a default password baked in is one nobody changes. An `ARG` value is not in
the configuration, but the RUN steps that use it record it in the image history (`docker history`), and
the build cache keeps it. Pass secrets with `RUN --mount=type=secret` at build time and as run-time
environment or secret files.

## Example
```dockerfile
FROM node:22-slim
ARG NPM_TOKEN
ENV DB_PASSWORD=changeme
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci
```

## Use instead
```dockerfile
FROM node:22-slim
ENV DB_PASSWORD_FILE=/run/secrets/db_password
RUN --mount=type=secret,id=npm_token \\
    NPM_TOKEN="$(cat /run/secrets/npm_token)" npm ci
```
"""
import re

from lint.api import DOCKERFILE, Severity, finding, key_values, rule

# words that name a secret on their own
SECRET_WORDS = {"password", "passwd", "pword", "passphrase", "secret", "secrets", "token", "apikey", "credential",
                "credentials", "pat", "psw"}
# `key`, `pass` and `pwd` name a secret only with one of these before them (API_KEY, DB_PASS, DB_PWD; PWD
# alone is the working directory)
KEY_QUALIFIERS = {"api", "secret", "private", "access", "auth", "client", "encryption", "signing", "master",
                  "license", "licence", "app", "session", "jwt", "hmac", "account", "service", "db", "root", "admin",
                  "user", "mysql", "postgres", "redis", "smtp", "mail", "ftp", "ssh"}
# words saying the variable refers to a secret or configures one, rather than holding it
NOT_SECRET = {"file", "files", "path", "dir", "directory", "url", "uri", "host", "hostname", "endpoint", "server",
              "port", "length", "len", "min", "max", "size", "count", "type", "mode", "id", "name", "names", "allow",
              "allowed", "empty", "enable", "enabled", "disable", "disabled", "required", "require", "expire",
              "expires", "expiry", "expiration", "ttl", "timeout", "lifetime", "header", "prefix", "format",
              "algorithm", "algo", "version", "location", "policy", "rotation", "public", "pub", "fingerprint",
              "env", "var", "field", "param", "method", "store", "provider", "backend", "helper", "manager",
              "generate", "generator", "reset", "complexity", "strength", "hash", "hashing", "cost", "rounds",
              "iterations", "retries", "attempts", "command", "cmd", "script", "mount", "volume", "source", "src",
              "ref", "kind", "level"}
# front-end build variables: the bundler inlines them into the JavaScript every browser downloads, so
# they are public by design (a Mapbox `pk.` token, a Bugsnag notifier key)
BROWSER_PREFIXES = ("VUE_APP_", "REACT_APP_", "VITE_", "NEXT_PUBLIC_", "NUXT_PUBLIC_", "GATSBY_", "EXPO_PUBLIC_")
# values that say "not set" or "on/off": `SECRETS=0` (an API switch), `SMTP_PASSWORD=False`
NOT_A_VALUE = {"0", "1", "true", "false", "yes", "no", "on", "off", "none", "null", "nil"}
CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")


def words_of(name: str) -> list[str]:
    return [w.lower() for part in re.split(r"[_\-.]+", name) for w in CAMEL.findall(part)]


def secret_name(name: str) -> bool:
    if name.upper().startswith(BROWSER_PREFIXES):
        return False
    words = words_of(name)
    if not words or any(w in NOT_SECRET for w in words[1:]) or words[-1] in NOT_SECRET:
        return False
    if any(w in SECRET_WORDS for w in words):
        return True
    return any(w in ("key", "pass", "pwd") and i > 0 and words[i - 1] in KEY_QUALIFIERS for i, w in enumerate(words))


@rule(DOCKERFILE, severity=Severity.WARNING, aliases=("DL3064", "SecretsUsedInArgOrEnv"))
def check(doc, ctx):
    for ins in doc.instructions:
        if ins.keyword not in ("ENV", "ARG"):
            continue
        for pair in key_values(ins):
            if not secret_name(pair.key):
                continue
            if ins.keyword == "ENV":
                value = (pair.value or "").strip()
                if not value or value.lower() in NOT_A_VALUE or value.startswith("/run/secrets/"):
                    continue
                if len(value) > 4 and value.startswith("**") and value.endswith("**"):
                    continue  # a marker the entrypoint replaces: `MYSQL_PASS **Random**` makes a new one
                yield finding(pair.key_span, f"ENV {pair.key} stores a secret in the image config, visible to "
                                             f"anyone with the image; set it at run time")
            else:
                yield finding(pair.key_span, f"ARG {pair.key} passes a secret the image history and build cache "
                                             f"keep; use RUN --mount=type=secret")
