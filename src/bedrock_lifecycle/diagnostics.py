"""The diagnostic codes: an explicit, ordered registry, like the checks' POLICIES.

A diagnostic says a file could not be fully scanned (``BRL_E...``) or gives a note about the run itself
(catalog age, baseline, SARIF limit). Each code has a stable ID that is never reused, a title, a severity
(SARIF's level: ``error`` the tool failed, ``warning`` the input could not be fully read, ``note``
information) and the docs text (what still happens). Reporters take the level and the parse-error test from
here, and ``scripts/gen_docs.py`` writes the table in ``docs/policies.md`` from ``DIAGNOSTICS``.

To add one: define it below, add it to ``DIAGNOSTICS``, use ``CODE.code`` where the ``Diagnostic`` is made,
and run ``python scripts/gen_docs.py``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

LOG = logging.getLogger(__name__)

Level = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class DiagnosticCode:
    code: str
    title: str
    severity: Level
    docs: str  # what still happens to the file, or what the note means (one sentence for docs/)
    file: bool = True  # about one file (a Diagnostic record); False: a note about the run (SARIF notification)


PARSE_ERROR = DiagnosticCode(
    "BRL_E001",
    "parse error (bad syntax, nesting too deep, duplicate YAML key, unknown CloudFormation tag)",
    "warning",
    "the text fallback finds the references line by line",
)
UNREADABLE = DiagnosticCode(
    "BRL_E002", "unreadable (permission denied, path too long)", "warning", "nothing can be read"
)
ENCODING = DiagnosticCode(
    "BRL_E003", "invalid UTF-8 or UTF-16", "warning", "undecodable bytes are replaced; the file is parsed"
)
TOO_LARGE = DiagnosticCode(
    "BRL_E004", "larger than `--max-file-size`", "warning", "not scanned; raise the limit to scan it"
)
BINARY = DiagnosticCode(
    "BRL_E005",
    "binary (a NUL byte in the first 8 KiB)",
    "warning",
    "not parsed, but scanned as text: a NUL byte cannot hide a model ID",
)
LINK = DiagnosticCode("BRL_E006", "a symlink loop, or a link out of the scan root", "warning", "not followed")
INTERNAL = DiagnosticCode(
    "BRL_E007",
    "internal error in a parser, extractor, resolver or check",
    "error",
    "the text fallback runs; other checks still run",
)
SPECIAL_FILE = DiagnosticCode("BRL_E008", "not a regular file (FIFO, socket, device)", "warning", "never opened")

CATALOG_AGE = DiagnosticCode(
    "BRL_CATALOG_AGE",
    "the lifecycle catalog is older than the age reports warn at",
    "warning",
    "run `bedrock-lifecycle catalog sync` or upgrade; dates newer than the catalog are not known",
    file=False,
)
SARIF_LIMIT = DiagnosticCode(
    "BRL_SARIF_LIMIT",
    "more results than GitHub code scanning accepts in one run",
    "warning",
    "the least severe, non-failing results are left out of the SARIF file; the JSON report has them all",
    file=False,
)
BASELINE = DiagnosticCode(
    "BRL_BASELINE",
    "a baseline was applied",
    "note",
    "the findings it accepts are not reported; the note counts them and the stale entries",
    file=False,
)
BASELINE_STALE = DiagnosticCode(
    "BRL_BASELINE_STALE",
    "a baseline entry no longer occurs",
    "note",
    "re-create the baseline (`--create-baseline`) to drop it",
    file=False,
)

DIAGNOSTICS: tuple[DiagnosticCode, ...] = (
    PARSE_ERROR,
    UNREADABLE,
    ENCODING,
    TOO_LARGE,
    BINARY,
    LINK,
    INTERNAL,
    SPECIAL_FILE,
    CATALOG_AGE,
    SARIF_LIMIT,
    BASELINE,
    BASELINE_STALE,
)
DIAGNOSTIC_BY_CODE = {d.code: d for d in DIAGNOSTICS}
FILE_CODE_PREFIX = "BRL_E"  # every per-file code starts so (the JUnit suite of diagnostics is named by it)


def level(code: str) -> Level:
    """SARIF level of a code; an unregistered code (a newer tool's baseline, a plugin) is a warning."""
    found = DIAGNOSTIC_BY_CODE.get(code)
    return found.severity if found else "warning"
