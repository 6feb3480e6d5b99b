"""What Docker and images do, as rules ask it: images, health checks, probes, start-up, restart; the typed context rules ask cross-file questions through."""
from __future__ import annotations

from typing import TYPE_CHECKING

from lint.core.lazy import lazy_exports

# each public name and the module it lives in: read on first use, so importing one module of the package
# does not import the others
_EXPORTS = {
    "ImageFacts": "lint.knowledge.images",
    "Reference": "lint.knowledge.images",
    "parse_reference": "lint.knowledge.images",
    "lookup": "lint.knowledge.images",
    "ENGINE_POLICIES": "lint.knowledge.restart",
    "engine_policy": "lint.knowledge.restart",
    "condition_policy": "lint.knowledge.restart",
    "JUDGED": "lint.knowledge.probes",
    "SYSTEM_BIN": "lint.knowledge.probes",
    "PACKAGES": "lint.knowledge.probes",
    "PACKAGE_MANAGERS": "lint.knowledge.probes",
    "PROBES_FOR_TOOL": "lint.knowledge.probes",
    "MissingTool": "lint.knowledge.probes",
    "stage_chain": "lint.knowledge.probes",
    "root_base": "lint.knowledge.probes",
    "missing_tools": "lint.knowledge.probes",
    "tool_available": "lint.knowledge.probes",
    "BASE_TOOLS": "lint.knowledge.probes",
    "UnknownClientsAbsent": "lint.knowledge.probes",
    "NOT_THE_APP": "lint.knowledge.startup",
    "READERS": "lint.knowledge.startup",
    "CURL_WORK": "lint.knowledge.startup",
    "WRAPPERS": "lint.knowledge.startup",
    "PASS_THROUGH": "lint.knowledge.startup",
    "start_instructions": "lint.knowledge.startup",
    "runs_arguments": "lint.knowledge.startup",
    "startup_checks": "lint.knowledge.startup",
    "checks_in": "lint.knowledge.startup",
    "is_wrapper": "lint.knowledge.startup",
    "runs_app": "lint.knowledge.startup",
    "only_checks": "lint.knowledge.startup",
    "writes_file": "lint.knowledge.startup",
    "DASH_BASES": "lint.knowledge.startup",
    "BASH_BASES": "lint.knowledge.startup",
    "SH_BY_MANAGER": "lint.knowledge.startup",
    "sh_flavour": "lint.knowledge.startup",
    "YES": "lint.knowledge.health",
    "NO": "lint.knowledge.health",
    "UNKNOWN": "lint.knowledge.health",
    "TEST_FORMS": "lint.knowledge.health",
    "Health": "lint.knowledge.health",
    "service_health": "lint.knowledge.health",
    "image_health": "lint.knowledge.health",
    "stage_health": "lint.knowledge.health",
    "reference_health": "lint.knowledge.health",
    "image_facts": "lint.knowledge.health",
    "image_reference": "lint.knowledge.health",
    "service_image": "lint.knowledge.health",
    "is_inherit": "lint.knowledge.health",
    "Probe": "lint.knowledge.health",
    "probe_of": "lint.knowledge.health",
    "truthy": "lint.knowledge.health",
    "healthchecks": "lint.knowledge.health",
    "probes_in": "lint.knowledge.health",
    "repository_image_health": "lint.knowledge.health",
    "builds_own_images": "lint.knowledge.health",
    "SERVER_PROGRAMS": "lint.knowledge.needs",
    "NOT_A_SERVER": "lint.knowledge.needs",
    "ONE_SHOT_ARGS": "lint.knowledge.needs",
    "DEV_SERVERS": "lint.knowledge.needs",
    "REPLS": "lint.knowledge.needs",
    "DEV_COMMANDS": "lint.knowledge.needs",
    "DEV_SCRIPTS": "lint.knowledge.needs",
    "DEV_NAME": "lint.knowledge.needs",
    "GENERATED": "lint.knowledge.needs",
    "Need": "lint.knowledge.needs",
    "stage_needs_check": "lint.knowledge.needs",
    "starts_server": "lint.knowledge.needs",
    "publishes": "lint.knowledge.needs",
    "exposed_ports": "lint.knowledge.needs",
    "started_program": "lint.knowledge.needs",
    "not_a_server": "lint.knowledge.needs",
    "is_dev_image": "lint.knowledge.needs",
    "is_generated": "lint.knowledge.needs",
    "short_image": "lint.knowledge.needs",
    "service_needs_check": "lint.knowledge.needs",
    "compose_program": "lint.knowledge.needs",
    "Settings": "lint.knowledge.context",
    "Context": "lint.knowledge.context",
    "ShellInEffect": "lint.knowledge.shells",
    "shell_at": "lint.knowledge.shells",
    "shell_flag_pipefail": "lint.knowledge.shells",
    "sh_pipefail": "lint.knowledge.shells",
    "dash_pipefail": "lint.knowledge.shells",
    "user_at": "lint.knowledge.shells",
    "is_root": "lint.knowledge.shells",
    "ShellScript": "lint.knowledge.shells",
    "shell_scripts": "lint.knowledge.shells",
    "env_value": "lint.knowledge.shells",
    "sh_link": "lint.knowledge.shells",
    "sh_replaced": "lint.knowledge.shells",
    "is_archive": "lint.knowledge.archives",
    "named_like_archive": "lint.knowledge.archives",
    "base_workdir": "lint.knowledge.workdirs",
    "RESERVED_STAGE_NAMES": "lint.knowledge.stages",
    "ImageName": "lint.knowledge.stages",
    "split_image": "lint.knowledge.stages",
    "base_image": "lint.knowledge.stages",
    "tag_span": "lint.knowledge.stages",
    "CopySource": "lint.knowledge.stages",
    "copy_source": "lint.knowledge.stages",
    "misspelt_stage": "lint.knowledge.stages",
    "shell_in_effect": "lint.knowledge.stages",
    "exec_form_words": "lint.knowledge.stages",
    "replaced_instructions": "lint.knowledge.stages",
}
__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:
    from lint.knowledge.images import ImageFacts, Reference, parse_reference, lookup
    from lint.knowledge.restart import ENGINE_POLICIES, engine_policy, condition_policy
    from lint.knowledge.probes import (
        JUDGED, SYSTEM_BIN, PACKAGES, PACKAGE_MANAGERS, PROBES_FOR_TOOL, MissingTool, stage_chain, root_base,
        missing_tools, tool_available, BASE_TOOLS, UnknownClientsAbsent,
    )
    from lint.knowledge.startup import (
        NOT_THE_APP, READERS, CURL_WORK, WRAPPERS, PASS_THROUGH, start_instructions, runs_arguments,
        startup_checks, checks_in, is_wrapper, runs_app, only_checks, writes_file, DASH_BASES, BASH_BASES,
        SH_BY_MANAGER, sh_flavour,
    )
    from lint.knowledge.health import (
        YES, NO, UNKNOWN, TEST_FORMS, Health, service_health, image_health, stage_health, reference_health,
        image_facts, image_reference, service_image, is_inherit, Probe, probe_of, truthy, healthchecks,
        probes_in, repository_image_health, builds_own_images,
    )
    from lint.knowledge.needs import (
        SERVER_PROGRAMS, NOT_A_SERVER, ONE_SHOT_ARGS, DEV_SERVERS, REPLS, DEV_COMMANDS, DEV_SCRIPTS, DEV_NAME,
        GENERATED, Need, stage_needs_check, starts_server, publishes, exposed_ports, started_program,
        not_a_server, is_dev_image, is_generated, short_image, service_needs_check, compose_program,
    )
    from lint.knowledge.context import Settings, Context
    from lint.knowledge.shells import (
        ShellInEffect, shell_at, shell_flag_pipefail, sh_pipefail, dash_pipefail, user_at, is_root,
        ShellScript, shell_scripts, env_value, sh_link, sh_replaced,
    )
    from lint.knowledge.archives import is_archive, named_like_archive
    from lint.knowledge.workdirs import base_workdir
    from lint.knowledge.stages import (
        RESERVED_STAGE_NAMES, ImageName, split_image, base_image, tag_span, CopySource, copy_source, misspelt_stage,
        shell_in_effect, exec_form_words, replaced_instructions,
    )


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
