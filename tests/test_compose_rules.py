"""What the compose rules say, beyond the (rule, line, column) the fixtures pin: severities, the
services a shared value is reported for, related places."""
from __future__ import annotations

from lint.core.model import Severity
from tests.fixture_support import FIXTURES, config_for, lint_files


def findings(rule_id, relative):
    path = FIXTURES / rule_id / relative
    case = FIXTURES / rule_id / relative.split("/")[0]
    files = sorted(p for p in case.rglob("*") if p.is_file()) if case.is_dir() else [path]
    results = lint_files(files, case if case.is_dir() else path.parent, config_for(rule_id))
    return [f for f in results[path][1] if f.rule_id == rule_id]


def test_a_value_written_once_for_several_services_is_one_finding_naming_them():
    [item] = findings("DC206", "bad-anchor.compose.yaml")
    assert item.message == ('services "distributor", "ingester" and "querier" connect to "memcached" but do '
                            "not depend on it: compose may start it first")
    assert len(item.fix.edits) == 3  # one depends_on entry for each service


def test_a_dependency_on_a_profile_service_is_added_as_not_required():
    [item] = [f for f in findings("DC206", "bad.compose.yaml") if '"grafana"' in f.message]
    assert "required: false" in item.fix.edits[0].text


def test_services_waiting_on_one_service_without_a_check_give_one_finding():
    [item] = findings("DC203", "bad-repeated.compose.yaml")
    assert item.severity == Severity.ERROR
    assert item.message.startswith('3 services wait for "postgres" to be healthy, but it has no health check')
    assert [r.message for r in item.related][1:] == ['"worker" waits here too', '"scheduler" waits here too']


def test_restart_policy_is_silent_in_a_file_where_no_service_sets_one():
    assert findings("DC301", "good-no-policies.compose.yaml") == []
    assert all(f.severity == Severity.WARNING for f in findings("DC301", "bad.compose.yaml"))


def test_a_duplicate_key_is_reported_once_with_the_first_place_related():
    [item] = findings("DC000", "bad.compose.yaml")
    assert (item.line, [r.message for r in item.related]) == (5, ["'image' first defined here"])


def test_keys_compose_dropped_are_errors_saying_what_replaces_them():
    found = findings("DC001", "bad-v1-keys.compose.yaml")
    assert [f.severity for f in found] == [Severity.ERROR] * 3
    assert "use network_mode" in found[0].message


def test_an_external_name_from_a_variable_is_shown_as_written():
    [item] = findings("DC402", "bad-variable.compose.yaml")
    assert "use `name: ${PROXY_NETWORK:-traefik_proxy}` with `external: true`" in item.message


def test_a_health_check_shared_through_an_anchor_is_one_finding_with_one_edit():
    [item] = findings("DC103", "bad-anchor.compose.yaml")
    assert item.message.startswith('services "api-eu", "api-us" and "api-ap": healthcheck curl has no --fail')
    assert len(item.fix.edits) == 1


def test_a_misspelt_service_key_is_an_error_and_an_unknown_one_a_warning():
    [typo] = [f for f in findings("DC001", "bad.compose.yaml") if "healtcheck" in f.message]
    assert typo.severity == Severity.ERROR and "did you mean 'healthcheck'?" in typo.message
