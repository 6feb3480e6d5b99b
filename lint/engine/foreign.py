"""The titles of other tools' checks that hullcheck rules alias, so `explain` names the check a user knows
(hadolint 2.15's own wording; its codes are kept in ignore comments and .hadolint.yaml)."""
from __future__ import annotations

HADOLINT = {
    "DL1000": "Invalid Dockerfile syntax",
    "DL1001": "Please refrain from using inline ignore pragmas `# hadolint ignore=DLxxxx`",
    "DL3000": "Use absolute WORKDIR",
    "DL3001": "For some bash commands it makes no sense running them in a Docker container like ssh, vim, "
              "shutdown, service, ps, free, top, kill, mount, ifconfig",
    "DL3002": "Last user should not be root",
    "DL3003": "Use WORKDIR to switch to a directory",
    "DL3004": "Do not use sudo as it leads to unpredictable behavior. Use a tool like gosu to enforce root",
    "DL3006": "Always tag the version of an image explicitly",
    "DL3007": "Using latest is prone to errors if the image will ever update. Pin the version explicitly to a "
              "release tag",
    "DL3008": "Pin versions in apt get install",
    "DL3009": "Delete the apt-get lists after installing something",
    "DL3010": "Use ADD for extracting archives into an image",
    "DL3011": "Valid UNIX ports range from 0 to 65535",
    "DL3012": "Multiple HEALTHCHECK instructions",
    "DL3013": "Pin versions in pip",
    "DL3014": "Use the -y switch",
    "DL3015": "Avoid additional packages by specifying --no-install-recommends",
    "DL3016": "Pin versions in npm",
    "DL3018": "Pin versions in apk add. Instead of `apk add <package>` use `apk add <package>=<version>`",
    "DL3019": "Use the --no-cache switch to avoid the need to use --update and remove /var/cache/apk/* when done "
              "installing packages",
    "DL3020": "Use COPY instead of ADD for files and folders",
    "DL3021": "COPY with more than 2 arguments requires the last argument to end with /",
    "DL3022": "COPY --from should reference a previously defined FROM alias",
    "DL3023": "COPY --from cannot reference its own FROM alias",
    "DL3024": "FROM aliases (stage names) must be unique",
    "DL3025": "Use arguments JSON notation for CMD and ENTRYPOINT arguments",
    "DL3026": "Use only an allowed registry in the FROM image",
    "DL3027": "Do not use apt as it is meant to be an end-user tool, use apt-get or apt-cache instead",
    "DL3028": "Pin versions in gem install. Instead of `gem install <gem>` use `gem install <gem>:<version>`",
    "DL3029": "Do not use --platform flag with FROM",
    "DL3030": "Use the -y switch to avoid manual input `yum install -y <package>`",
    "DL3032": "`yum clean all` missing after yum command",
    "DL3033": "Specify version with `yum install -y <package>-<version>`",
    "DL3034": "Non-interactive switch missing from zypper command: `zypper install -y`",
    "DL3035": "Do not use `zypper dist-upgrade`",
    "DL3036": "`zypper clean` missing after zypper use",
    "DL3037": "Specify version with `zypper install -y <package>=<version>`",
    "DL3038": "Use the -y switch to avoid manual input `dnf install -y <package>`",
    "DL3040": "`dnf clean all` missing after dnf command",
    "DL3041": "Specify version with `dnf install -y <package>-<version>`",
    "DL3042": "Avoid cache directory with `pip install --no-cache-dir <package>`",
    "DL3043": "`ONBUILD`, `FROM` or `MAINTAINER` triggered from within `ONBUILD` instruction",
    "DL3044": "Do not refer to an environment variable within the same `ENV` statement where it is defined",
    "DL3045": "`COPY` to a relative destination without `WORKDIR` set",
    "DL3046": "`useradd` without flag `-l` and high UID will result in excessively large Image",
    "DL3047": "`wget` without flag `--progress` will result in excessively bloated build logs when downloading "
              "larger files",
    "DL3048": "Invalid Label Key",
    "DL3049": "Label `<label>` is missing",
    "DL3050": "Superfluous label(s) present",
    "DL3051": "Label `<label>` is empty",
    "DL3052": "Label `<label>` is not a valid URL",
    "DL3053": "Label `<label>` is not a valid time format - must conform to RFC3339",
    "DL3054": "Label `<label>` is not a valid SPDX license identifier",
    "DL3055": "Label `<label>` is not a valid git hash",
    "DL3056": "Label `<label>` does not conform to semantic versioning",
    "DL3057": "`HEALTHCHECK` instruction missing",
    "DL3058": "Label `<label>` is not a valid email format - must conform to RFC5322",
    "DL3059": "Multiple consecutive `RUN` instructions. Consider consolidation",
    "DL3060": "`yarn cache clean` missing after `yarn install` was run",
    "DL3061": "Invalid instruction order. Dockerfile must begin with `FROM`, `ARG` or comment",
    "DL3062": "Pin versions in go. Instead of `go install <package>` use `go install <package>@<version>`",
    "DL3063": "Stage name should not be a reserved word",
    "DL3064": "Potentially sensitive data should not be used in the `ARG` or `ENV` commands",
    "DL3065": "Setting `FROM --platform` to predefined `$TARGETPLATFORM` is redundant as this is the default "
              "behavior",
    "DL3066": "Non-numeric user-id may not be resolvable by host system",
    "DL3067": "Do not copy an entire filesystem from another stage",
    "DL4000": "MAINTAINER is deprecated",
    "DL4001": "Either use Wget or Curl but not both",
    "DL4003": "Multiple `CMD` instructions",
    "DL4004": "Multiple `ENTRYPOINT` instructions",
    "DL4005": "Use SHELL to change the default shell",
    "DL4006": "Set the SHELL option -o pipefail before RUN with a pipe in it",
}


def alias_title(alias: str) -> str:
    """`DL3008 (hadolint: Pin versions in apt get install)`, or the alias alone when it is not hadolint's."""
    title = HADOLINT.get(alias.upper())
    return f"{alias} (hadolint: {title})" if title else alias
