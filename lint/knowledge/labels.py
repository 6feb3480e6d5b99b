"""Label value types of a label schema (hadolint's `label-schema`): what each accepts.

  text     anything
  url      an absolute URI (RFC 3986): a scheme, then for http(s) `//` and a host
  rfc3339  a date and time with a zone: 2024-05-01T12:00:00Z, 2024-05-01T12:00:00.5+02:00
  semver   a semantic version 2.0.0: 1.2.3, 1.2.3-rc.1+build.5 (no leading v)
  hash     a git commit hash: 7 to 40 hex digits
  spdx     an SPDX license expression: ids joined by AND / OR / WITH, parentheses, `+`, LicenseRef-...
  email    an RFC 5322 mailbox: name@example.com or Name <name@example.com>

SPDX ids are checked against the commonly used ones below; an id-shaped word not in the list is given the
benefit of the doubt (the full list has ~600 ids), while free text ("Apache 2.0", "GPL", "MIT License")
is reported.
"""
from __future__ import annotations

import re

TYPES = ("text", "url", "rfc3339", "semver", "hash", "spdx", "email")

URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]+\Z")
WEB_URL = re.compile(r"https?://[^\s/?#]+[^\s]*\Z", re.I)
RFC3339 = re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?"
                     r"([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)\Z")
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\Z")
GIT_HASH = re.compile(r"[0-9a-fA-F]{7,40}\Z")
ADDRESS = r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
EMAIL = re.compile(rf"(?:{ADDRESS}|[^<>@]*<{ADDRESS}>)\Z")
SPDX_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*\+?\Z")
SPDX_TOKEN = re.compile(r"\(|\)|[^\s()]+")

SPDX_IDS = frozenset(i.lower() for i in """
0BSD AFL-3.0 AGPL-1.0-only AGPL-1.0-or-later AGPL-3.0 AGPL-3.0-only AGPL-3.0-or-later Apache-1.0 Apache-1.1
Apache-2.0 APSL-2.0 Artistic-1.0 Artistic-2.0 BlueOak-1.0.0 BSD-1-Clause BSD-2-Clause BSD-2-Clause-Patent
BSD-3-Clause BSD-3-Clause-Clear BSD-4-Clause BSL-1.0 BUSL-1.1 CAL-1.0 CC-BY-1.0 CC-BY-2.0 CC-BY-2.5 CC-BY-3.0
CC-BY-4.0 CC-BY-NC-4.0 CC-BY-NC-SA-4.0 CC-BY-ND-4.0 CC-BY-SA-3.0 CC-BY-SA-4.0 CC0-1.0 CDDL-1.0 CDDL-1.1
CECILL-2.1 CPAL-1.0 CPL-1.0 ECL-2.0 EFL-2.0 Elastic-2.0 EPL-1.0 EPL-2.0 EUPL-1.1 EUPL-1.2 FTL GFDL-1.3-only
GFDL-1.3-or-later GPL-1.0-only GPL-1.0-or-later GPL-2.0 GPL-2.0+ GPL-2.0-only GPL-2.0-or-later GPL-3.0 GPL-3.0+
GPL-3.0-only GPL-3.0-or-later HPND ICU IJG ImageMagick Imlib2 Info-ZIP IPL-1.0 ISC JSON LGPL-2.0 LGPL-2.0-only
LGPL-2.0-or-later LGPL-2.1 LGPL-2.1+ LGPL-2.1-only LGPL-2.1-or-later LGPL-3.0 LGPL-3.0+ LGPL-3.0-only
LGPL-3.0-or-later Libpng libtiff LPL-1.02 LPPL-1.3c MirOS MIT MIT-0 MIT-CMU MPL-1.0 MPL-1.1 MPL-2.0
MPL-2.0-no-copyleft-exception MS-PL MS-RL MulanPSL-2.0 NCSA OFL-1.1 OpenSSL OSL-3.0 PHP-3.0 PHP-3.01 PostgreSQL
PSF-2.0 Python-2.0 Python-2.0.1 Ruby SGI-B-2.0 SISSL SSPL-1.0 TCL Unicode-DFS-2016 Unicode-3.0 Unlicense UPL-1.0
Vim W3C WTFPL X11 Xnet zlib Zlib ZPL-2.0 ZPL-2.1 curl
""".split())
SPDX_EXCEPTIONS = frozenset(i.lower() for i in """
Classpath-exception-2.0 GCC-exception-3.1 LLVM-exception OpenJDK-assembly-exception-1.0 Autoconf-exception-3.0
Bison-exception-2.2 Font-exception-2.0 Linux-syscall-note Qt-LGPL-exception-1.1 WxWindows-exception-3.1
""".split())
# free-text names people write for a licence: never an SPDX id
NOT_SPDX = frozenset({"gpl", "gplv2", "gplv3", "lgpl", "lgplv2", "lgplv3", "agpl", "bsd", "apache", "apache2",
                      "apache-2", "apachev2", "apl2", "mpl", "epl", "cc", "proprietary", "commercial", "license",
                      "licence", "public", "domain", "unknown", "none", "other", "see"})


def spdx_problem(value: str) -> bool:
    tokens = SPDX_TOKEN.findall(value)
    expect_license = True
    after_with = False
    depth = 0
    for token in tokens:
        upper = token.upper()
        if token == "(":
            if not expect_license:
                return True
            depth += 1
        elif token == ")":
            if expect_license or depth == 0:
                return True
            depth -= 1
        elif upper in ("AND", "OR", "WITH"):
            if expect_license:
                return True
            expect_license, after_with = True, upper == "WITH"
        else:
            if not expect_license:
                return True  # two names in a row: free text ("Apache 2.0", "MIT License")
            lower = token.lower()
            if after_with:
                if lower not in SPDX_EXCEPTIONS and not SPDX_ID.match(token):
                    return True
            elif lower.startswith(("licenseref-", "documentref-")):
                pass
            elif lower.rstrip("+") in NOT_SPDX or not SPDX_ID.match(token):
                return True
            expect_license, after_with = False, False
    return expect_license or depth != 0


def label_value_problem(kind: str, value: str) -> str | None:
    """What is wrong with a label value for its schema type, or None (also for an unknown type)."""
    value = value.strip()
    shown = value if len(value) <= 24 else value[:21] + "..."
    if kind == "url" and not (URL.match(value) and (not value.lower().startswith(("http:", "https:"))
                                                    or WEB_URL.match(value))):
        return f"is not a URL ('{shown}'): give its scheme (https://...)"
    if kind == "rfc3339" and not RFC3339.match(value):
        return f"is not an RFC 3339 time ('{shown}'): write 2024-05-01T12:00:00Z"
    if kind == "semver" and not SEMVER.match(value):
        return f"is not a semantic version ('{shown}'): write MAJOR.MINOR.PATCH, as 1.2.0"
    if kind == "hash" and not GIT_HASH.match(value):
        return f"is not a git commit hash ('{shown}'): 7 to 40 hex digits"
    if kind == "spdx" and spdx_problem(value):
        return f"is not an SPDX expression ('{shown}'): use ids such as Apache-2.0"
    if kind == "email" and not EMAIL.match(value):
        return f"is not an email address ('{shown}'): write name@example.com"
    return None
