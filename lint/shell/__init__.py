"""Shell scripts as Docker runs them: words and simple commands with spans mapped back to the source.

Enough of sh to read Dockerfile RUN / CMD / ENTRYPOINT / HEALTHCHECK scripts: quoting, escapes,
expansions kept as written, operators, redirections, and compound commands (subshells, groups,
if, while, until, for, case) flattened into one list of simple commands. The parser never raises:
what it cannot read it reads as words, and problems (an unterminated quote) go to Script.problems.
`lint.shell.tools` answers the questions rules ask of particular programs (curl, wget, waiters,
package managers).
"""
from lint.shell.script import Word, Redirect, SimpleCommand, Script
from lint.shell.parser import parse_script
from lint.shell.exec import SHELLS, script_of, instruction_scripts, inner_script
from lint.shell.status import outcome_decided_by
from lint.shell.tools.curl import (
    CURL_SHORT_WITH_VALUE,
    CURL_LONG_WITH_VALUE,
    CurlTransfer,
    curl_transfers,
    curl_fail,
    curl_urls,
    curl_option,
    curl_writes_status,
    curls_without_fail,
)
from lint.shell.tools.wget import WgetFlags, wget_flags
from lint.shell.tools.http import http_client, is_http_probe
from lint.shell.tools.waiters import is_wait_probe, wait_probes, waits_in_loop
from lint.shell.tools.packages import Install, PackageCommand, installs, package_command, removals, removes
from lint.shell.commands import RunCommand, run_commands
from lint.shell.status import enclosing, in_subshell, pipeline_of
from lint.shell.exec import command_substitutions
from lint.shell.tools.args import Args, Opt, listing, scan
from lint.shell.tools.files import removed_paths
from lint.shell.tools.gem import GemInstall, gem_install, gem_pin
from lint.shell.tools.go import GoFetch, go_fetches, go_pin
from lint.shell.tools.npm import NodeInstall, Spec, node_install, spec, yarn_berry_sign, yarn_cache_clean
from lint.shell.tools.pip import (
    PipCall, Requirement, config_disables_cache, no_cache_value, pip_call, purges_cache, requirement, upgrades_pip,
    DISTRO_PIPS, distro_pip_age,
)

__all__ = [
    "CURL_LONG_WITH_VALUE",
    "CURL_SHORT_WITH_VALUE",
    "CurlTransfer",
    "Install",
    "PackageCommand",
    "RunCommand",
    "Redirect",
    "SHELLS",
    "Script",
    "SimpleCommand",
    "WgetFlags",
    "Word",
    "curl_fail",
    "curl_option",
    "curl_transfers",
    "curl_urls",
    "curl_writes_status",
    "curls_without_fail",
    "http_client",
    "inner_script",
    "installs",
    "instruction_scripts",
    "is_http_probe",
    "is_wait_probe",
    "outcome_decided_by",
    "package_command",
    "parse_script",
    "removals",
    "removes",
    "run_commands",
    "script_of",
    "wait_probes",
    "waits_in_loop",
    "wget_flags",
    "enclosing",
    "in_subshell",
    "pipeline_of",
    "command_substitutions",
    "Args",
    "Opt",
    "scan",
    "removed_paths",
    "PipCall",
    "Requirement",
    "config_disables_cache",
    "no_cache_value",
    "pip_call",
    "purges_cache",
    "requirement",
    "NodeInstall",
    "Spec",
    "node_install",
    "spec",
    "yarn_berry_sign",
    "yarn_cache_clean",
    "GemInstall",
    "gem_install",
    "gem_pin",
    "GoFetch",
    "go_fetches",
    "go_pin",
    "upgrades_pip",
    "DISTRO_PIPS",
    "distro_pip_age",
    "listing",
]
