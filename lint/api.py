"""The rule API: the only module a rule imports, here and in plugins outside this repository.

It holds the rule decorator, the finding and fix types, the model and knowledge queries rules use and
the edit helpers. Everything else in `lint` may move; what is named here stays.
"""
from __future__ import annotations

from lint.compose import resolve_plain, scalar_mapped
from lint.core import (
    COMPOSE,
    DOCKERFILE,
    ENGINE,
    ID_PREFIXES,
    MILLISECOND,
    Applicability,
    Edit,
    Finding,
    Fix,
    Option,
    Related,
    Severity,
    Span,
    block_mapping,
    finding,
    flag_insert,
    instruction_removal,
    item_append,
    item_insert,
    line_removal,
    parse_duration,
    quote_like,
    rule,
    shared,
)
from lint.knowledge import (
    BASE_TOOLS,
    NO,
    TEST_FORMS,
    UNKNOWN,
    UnknownClientsAbsent,
    WRAPPERS,
    YES,
    Context,
    builds_own_images,
    condition_policy,
    engine_policy,
    healthchecks,
    image_facts,
    image_health,
    is_inherit,
    missing_tools,
    probes_in,
    publishes,
    repository_image_health,
    runs_arguments,
    service_health,
    service_image,
    service_needs_check,
    sh_flavour,
    short_image,
    stage_chain,
    stage_needs_check,
    start_instructions,
    startup_checks,
    tool_available,
    truthy,
)
from lint.knowledge.connections import connections, connects, runs
from lint.knowledge.purpose import DEV_OR_TEST, NOT_SERVING, WORDS, not_for_serving, path_words
from lint.project import entry_span
from lint.shell import (
    SHELLS,
    curl_urls,
    curls_without_fail,
    http_client,
    PackageCommand,
    RunCommand,
    inner_script,
    installs,
    instruction_scripts,
    removals,
    package_command,
    removes,
    run_commands,
    script_of,
    wget_flags,
)
from lint.dockerfile.pairs import KeyValue, key_values
from lint.dockerfile.pragmas import shell_pragma
from lint.dockerfile.users import UserSetting, effective_user, user_setting
from lint.knowledge.labels import label_value_problem

__all__ = [
    "Applicability", "BASE_TOOLS", "COMPOSE", "Context", "DOCKERFILE", "ENGINE", "Edit", "Finding", "Fix",
    "ID_PREFIXES", "MILLISECOND", "NO", "Option", "Related", "SHELLS", "Severity", "Span", "TEST_FORMS", "UNKNOWN",
    "UnknownClientsAbsent", "WRAPPERS", "YES", "block_mapping", "builds_own_images", "condition_policy",
    "curl_urls", "curls_without_fail", "engine_policy", "entry_span", "finding", "flag_insert",
    "healthchecks", "http_client", "image_facts", "image_health", "inner_script", "installs",
    "instruction_removal", "instruction_scripts", "is_inherit", "item_append", "item_insert", "line_removal",
    "missing_tools", "parse_duration", "probes_in", "publishes", "quote_like", "removals", "removes",
    "repository_image_health", "resolve_plain", "rule", "runs_arguments", "scalar_mapped", "script_of",
    "service_health", "service_image", "service_needs_check", "sh_flavour", "shared", "short_image",
    "stage_chain", "stage_needs_check", "start_instructions", "startup_checks", "tool_available", "truthy",
    "wget_flags", "connections", "connects", "runs", "DEV_OR_TEST", "NOT_SERVING", "WORDS", "not_for_serving",
    "path_words", "PackageCommand", "RunCommand", "package_command", "run_commands",
    "KeyValue", "key_values", "shell_pragma", "UserSetting", "effective_user", "user_setting",
    "label_value_problem",
]
