"""The records that flow through the pipeline.

discover -> parse (Document) -> extract (Reference) -> resolve (Resolution)
-> evaluate (Finding) -> report (ScanResult).

Every record is a frozen dataclass with plain fields, so results can cross a
process boundary and be sorted deterministically. This module imports only the
standard library; every other layer may import it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date


class Status(str, enum.Enum):
    """Lifecycle status of a reference, computed against an ``as_of`` date."""

    ACTIVE = "ACTIVE"
    LEGACY = "LEGACY"
    EOL = "EOL"
    UNKNOWN = "UNKNOWN"  # looks like a Bedrock model ID, not in the catalog
    OPAQUE = "OPAQUE"  # a recognised form whose model cannot be known statically


class Severity(str, enum.Enum):
    INFO = "INFO"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    CRITICAL = "CRITICAL"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}


class Result(str, enum.Enum):
    PASSED = "PASSED"
    FAILED = "FAILED"
    SKIPPED = "SKIPPED"


@dataclass(frozen=True, order=True)
class Span:
    """A 1-based, inclusive line range with 1-based columns (end column exclusive)."""

    path: str
    start_line: int
    start_col: int
    end_line: int
    end_col: int


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A file that could not be (fully) scanned. Never raised; always reported."""

    path: str
    line: int | None
    code: str
    message: str
    col: int | None = None

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line or 0, self.code, self.message)


@dataclass(frozen=True)
class Step:
    """One hop a value took from its literal to its use (variable, parameter, ...)."""

    path: str
    line: int
    via: str


@dataclass(frozen=True)
class Suppression:
    """An inline or metadata skip (``checkov:skip=ID:reason``)."""

    check_id: str
    reason: str
    line: int
    until: date | None = None
    source: str = "inline"
    origin: str | None = None  # "file:line" of a skip written outside the file (config-file suppressions)
    problem: str | None = None  # why it is malformed (a bad until date); a malformed skip never suppresses


@dataclass(frozen=True)
class Scalar:
    """A string value of a parsed document, with its position in the raw text.

    ``start``/``end`` are character offsets of the value's source text (quotes
    included) so extractors can locate a model ID inside it exactly.
    """

    value: str
    key_path: tuple[str | int, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Reference:
    """A model reference found in a file: the literal and the place that uses it."""

    text: str  # the reference as written (original case)
    span: Span  # where the literal sits: the line a developer edits
    resource: str  # resource address or key path of the use site
    kind: str  # document kind: yaml, json, dotenv, text, terraform, ...
    attribute: str = ""  # the key/attribute that holds it, when there is one
    provenance: tuple[Step, ...] = ()
    region: str | None = None  # region pinned by the reference or its context
    possible: bool = False  # one of several values the use site may take
    roles: frozenset[str] = frozenset()  # e.g. {"provisioned_throughput"}
    suppressions: tuple[Suppression, ...] = ()


@dataclass(frozen=True)
class ParsedId:
    """The syntactic reading of a reference (see resolve.ids)."""

    form: str  # base, inference-profile, foundation-model-arn, ... (resolve.ids.Form)
    candidate: str | None  # lower-case ID to look up; None when opaque
    geo: str | None = None
    region: str | None = None
    partition: str | None = None
    problem: str | None = None  # why it cannot be a valid ID (unknown geo prefix, ...)

    @property
    def opaque(self) -> bool:
        return self.candidate is None


@dataclass(frozen=True)
class Resolution:
    """A reference resolved against the catalog, as of a date."""

    reference: Reference
    parsed: ParsedId
    status: Status
    model_id: str | None = None  # catalog ID it resolved to (base of a variant stays as named)
    name: str | None = None
    provider: str | None = None
    extended_access: bool = False
    legacy_date: date | None = None
    extended_access_date: date | None = None
    eol_date: date | None = None
    replacement: str | None = None  # an Active model, found by following the catalog's replacement chain
    replacement_note: str | None = None  # why there is none, or how an inferred replacement was chosen
    replacement_inferred: bool = False  # not a replacement AWS named (the reference's or the family inference)
    legacy_date_bound: str | None = None  # "no later than": the Legacy date is an upper bound (a card, no date)
    source_url: str | None = None
    suggestions: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Finding:
    check_id: str
    check_name: str
    severity: Severity
    guideline: str
    result: Result
    message: str
    resolution: Resolution
    suppress_comment: str | None = None
    failing: bool = True  # a FAILED result that fails the run (see --fail-on)
    enforced: bool = False  # the fail policy enforces this FAILED result (before --soft-fail); SARIF level
    suppression: Suppression | None = None  # the skip that made it SKIPPED

    @property
    def span(self) -> Span:
        return self.resolution.reference.span

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        ref = self.resolution.reference
        return (ref.span.path, ref.span.start_line, ref.span.start_col, self.check_id, ref.resource, ref.text)


@dataclass(frozen=True, order=True)
class BaselineEntry:
    """An accepted finding of a baseline: identified by content, never by line (detect-secrets)."""

    path: str
    resource: str
    check_id: str
    model: str  # the resolved catalog ID, else the reference as written (lower case)
    count: int = 1  # identical findings (same key) accepted


# Reference kinds of documentation (framework 'docs'): reported, but they fail the run only with --fail-on-docs.
DOC_KINDS = frozenset({"markdown", "rst", "asciidoc", "notebook-output"})


@dataclass(frozen=True, order=True)
class FileRecord:
    """Coverage: one discovered file, the parser and framework that read it, or why it was skipped."""

    path: str  # scan-root-relative POSIX path; a directory skipped whole ends with '/'
    parser: str | None = None  # the parser that read the file (None when skipped)
    framework: str | None = None  # terraform, cloudformation, config, source, docs
    skipped: str | None = None  # a reason of bedrock_lifecycle.coverage.REASONS when not read

    @property
    def scanned(self) -> bool:
        return self.skipped is None


@dataclass(frozen=True)
class ScanResult:
    findings: tuple[Finding, ...]
    diagnostics: tuple[Diagnostic, ...]
    as_of: date
    catalog_date: str
    catalog_source: str
    root: str
    files_scanned: int = 0
    baseline: str | None = None  # the baseline file compared against (--baseline), as given
    accepted: tuple[Finding, ...] = ()  # FAILED findings the baseline accepts: left out of findings
    stale: tuple[BaselineEntry, ...] = ()  # baseline entries no longer found
    catalog_sources_date: str | None = None  # the newest AWS page the catalog was built from
    files: tuple[FileRecord, ...] = ()  # coverage: every discovered file (and skipped directory), sorted
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def baselined(self) -> int:
        return len(self.accepted)

    @staticmethod
    def build(
        findings: list[Finding],
        diagnostics: list[Diagnostic],
        *,
        as_of: date,
        catalog_date: str,
        catalog_source: str,
        root: str,
        files_scanned: int,
        catalog_sources_date: str | None = None,
        files: tuple[FileRecord, ...] = (),
    ) -> ScanResult:
        return ScanResult(
            findings=tuple(sorted(findings, key=Finding.sort_key)),
            diagnostics=tuple(sorted(set(diagnostics), key=Diagnostic.sort_key)),
            as_of=as_of,
            catalog_date=catalog_date,
            catalog_source=catalog_source,
            root=root,
            files_scanned=files_scanned,
            catalog_sources_date=catalog_sources_date,
            files=tuple(sorted(files)),
        )
