"""The yum / dnf / microdnf / tdnf and zypper readers, and the wget flags the download rules ask:
facts on realistic commands, each with the span of the word it names."""
from __future__ import annotations

from lint.core.source import MappedText
from lint.shell import parse_script, wget_flags
from lint.shell.tools.rpm import cache_mount_targets, cleans_rpm_cache, mount_covers, RPM_CACHE_DIRS, rpm_call
from lint.shell.tools.zypper import cleans_zypper_cache, zypper_call


def commands(text: str):
    return parse_script(MappedText(text, list(range(len(text) + 1)))).commands


def call(text: str, index: int = 0):
    return rpm_call(commands(text)[index])


def spanned(text: str, word) -> str:
    return text[word.span.start:word.span.end]


def test_rpm_verb_and_yes():
    text = "sudo dnf -q --setopt=tsflags=nodocs install gcc"
    c = call(text)
    assert c.manager == "dnf" and c.verb == "install" and not c.assume_yes
    assert spanned(text, c.verb_words[0]) == "install"
    assert call("yum -qy install git").assume_yes
    assert call("yum -yd1 install git").assume_yes  # -y before a value-taking -d
    assert not call("yum -d1 install git").assume_yes  # 1 is -d's value, not y
    assert call("dnf --assumeyes install git").assume_yes
    assert call("yum --setopt=assumeyes=1 install jq").assume_yes
    assert call("dnf --setopt assumeyes=True install jq").assume_yes


def test_rpm_group_and_module_verbs():
    text = "dnf module enable nodejs:20"
    c = call(text)
    assert c.verb == "module enable" and c.changes_packages and c.fills_cache
    assert [spanned(text, w) for w in c.verb_words] == ["module", "enable"]
    assert call("yum groups install 'Development Tools'").verb == "group install"
    assert not call("yum list installed").changes_packages
    assert not call("dnf makecache").changes_packages and call("dnf makecache").fills_cache


def test_rpm_pins():
    text = "yum install -y httpd mod_ssl-2.4.6-97.el7 java-1.8.0-openjdk python3-devel nginx-1:1.20.1 'jq >= 1.6' git.x86_64"
    pins = {p.word.value: (p.name, p.pin) for p in call(text).packages}
    assert pins == {
        "httpd": ("httpd", "none"),
        "mod_ssl-2.4.6-97.el7": ("mod_ssl", "exact"),
        "java-1.8.0-openjdk": ("java-1.8.0-openjdk", "none"),
        "python3-devel": ("python3-devel", "none"),
        "nginx-1:1.20.1": ("nginx", "exact"),
        "jq >= 1.6": ("jq", "range"),
        "git.x86_64": ("git", "none"),
    }
    first = call(text).packages[0]
    assert spanned(text, first.word) == "httpd"


def test_rpm_pins_leave_out_files_groups_and_variables():
    c = call("yum install -y /tmp/a-1.rpm https://x/epel.rpm @python39 $PACKAGES app-${VERSION}")
    assert [(p.word.value, p.pin) for p in c.packages] == [("app-${VERSION}", "variable")]
    assert [(p.name, p.pin) for p in call("dnf -y module install nodejs:20 ruby").packages] == [
        ("nodejs", "exact"), ("ruby", "none")]
    assert [p.word.value for p in call("yum -y swap -- remove fakesystemd -- install systemd initscripts").packages] == [
        "systemd", "initscripts"]


def test_rpm_cache_clean_up():
    assert cleans_rpm_cache(commands("yum clean all")[0])
    assert cleans_rpm_cache(commands("microdnf clean all")[0])
    assert not cleans_rpm_cache(commands("yum clean metadata")[0])
    for rm in ("rm -rf /var/cache/yum", "rm -rf /var/cache/dnf/*", "rm -rf /var/cache/{dnf,yum}", "rm -rf /var/cache/*"):
        assert cleans_rpm_cache(commands(rm)[0]), rm
    assert not cleans_rpm_cache(commands("rm -rf /var/lib/apt/lists/*")[0])
    assert call("dnf -y --installroot=/rootfs install coreutils").installroot
    assert call("dnf -C -y install gcc").cache_only


def test_cache_mounts():
    class Flag:
        def __init__(self, name, value):
            self.name, self.value = name, value

    class Ins:
        flags = [Flag("mount", "type=cache,target=/var/cache/dnf,sharing=locked"), Flag("mount", "type=bind,target=/src")]

    targets = cache_mount_targets(Ins())
    assert targets == ["/var/cache/dnf"]
    assert mount_covers(targets, RPM_CACHE_DIRS)
    assert mount_covers(["/var/cache"], RPM_CACHE_DIRS)
    assert not mount_covers(["/root/.cache"], RPM_CACHE_DIRS)


def test_zypper_non_interactive_is_global_before_the_command():
    text = "zypper --quiet in -n git-core"
    z = zypper_call(commands(text)[0])
    assert z.verb == "install" and not z.non_interactive  # -n after `in` is --name
    assert spanned(text, z.verb_word) == "in"
    assert zypper_call(commands("zypper -n in git")[0]).non_interactive
    assert zypper_call(commands("zypper --non-interactive install git")[0]).non_interactive
    assert zypper_call(commands("zypper in -y git")[0]).non_interactive
    assert zypper_call(commands("zypper rm --no-confirm git")[0]).non_interactive
    assert zypper_call(commands("zypper -n dup")[0]).verb == "dist-upgrade"


def test_zypper_pins_and_clean_up():
    text = "zypper -n in curl git-core=2.43 'vim>=9' gcc-13.2 git-daemon-2.43-1.1 pattern:devel_basis /tmp/a.rpm tar=${V}"
    pins = {p.word.value: (p.name, p.pin) for p in zypper_call(commands(text)[0]).packages}
    assert pins == {"curl": ("curl", "none"), "git-core=2.43": ("git-core", "exact"), "vim>=9": ("vim", "range"),
                    "gcc-13.2": ("gcc", "exact"), "git-daemon-2.43-1.1": ("git-daemon", "exact"), "tar=${V}": ("tar", "variable")}
    assert cleans_zypper_cache(commands("zypper clean --all")[0])
    assert cleans_zypper_cache(commands("zypper cc")[0])
    assert cleans_zypper_cache(commands("rm -rf /var/cache/zypp/*")[0])
    assert not cleans_zypper_cache(commands("zypper ref")[0])


def test_wget_progress_flags():
    text = "wget --progress=dot:giga -O /tmp/a https://x/a"
    flags = wget_flags(commands(text)[0])
    assert flags.progress is not None and spanned(text, flags.name_word) == "wget"
    assert wget_flags(commands("wget -nv https://x")[0]).no_verbose
    assert wget_flags(commands("wget -o log https://x")[0]).log_file
    assert wget_flags(commands("wget -a log https://x")[0]).log_file
    assert wget_flags(commands("wget -i - -O out")[0]).input_file is not None
    # a version variable in a URL is no option; a variable named like options may be
    assert not wget_flags(commands("wget https://x/curl-${CURL_VERSION}.tgz")[0]).options_unknown
    assert wget_flags(commands("wget $WGET_OPTS https://x")[0]).options_unknown
