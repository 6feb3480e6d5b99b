"""DF3xx: packages and shell in RUN (apt, apk, rpm, zypper, pip, npm, gem, go; caches, pins, pipefail, sudo, cd) and ShellCheck."""
