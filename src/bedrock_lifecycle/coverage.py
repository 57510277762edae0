"""What a scan covered: each discovered file's parser, or why it was skipped, and the totals by framework.

A clean scan is only worth trusting when it says what it looked at. Every
file the walk meets gets one FileRecord: the parser and framework that read it,
or the reason it was not read. Directories skipped whole (vendored and tool
directories, --skip-path) are recorded once, with a trailing '/'. A file the
byte prefilter ruled out was read and found to hold nothing model-like: it
counts as scanned.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from bedrock_lifecycle.model import FileRecord

LOG = logging.getLogger(__name__)

# Skip reasons, in the order reports list them.
NO_PARSER = "no parser"  # no parser claims the file type
DOCUMENTATION = "documentation"  # Markdown, reStructuredText, AsciiDoc: read only with --include-docs
GENERATED = "generated"  # lock files, minified bundles, source maps, .d.ts
VENDORED = "vendored"  # node_modules/, vendor/, .terraform/, .venv/ and other tool directories
TOO_LARGE = "too large"  # over --max-file-size
BINARY = "binary"  # NUL bytes: not parsed (its text is still searched)
EXCLUDED = "excluded by option"  # --skip-path, --framework/--skip-framework, the tool's own files
UNREADABLE = "unreadable"  # permissions, symlink loops and escapes, FIFOs and devices
REASONS = (NO_PARSER, DOCUMENTATION, GENERATED, VENDORED, TOO_LARGE, BINARY, EXCLUDED, UNREADABLE)

__all__ = ["REASONS", "Coverage", "FileRecord", "listing"]


@dataclass(frozen=True)
class Coverage:
    scanned: int
    by_framework: dict[str, int]
    by_parser: dict[str, int]
    skipped: int  # files and directories
    by_reason: dict[str, int]

    @staticmethod
    def of(records: Iterable[FileRecord]) -> Coverage:
        frameworks: Counter[str] = Counter()
        parsers: Counter[str] = Counter()
        reasons: Counter[str] = Counter()
        for r in records:
            if r.skipped is None:
                frameworks[r.framework or "unknown"] += 1
                parsers[r.parser or "unknown"] += 1
            else:
                reasons[r.skipped] += 1
        order = {reason: i for i, reason in enumerate(REASONS)}
        return Coverage(
            scanned=sum(frameworks.values()),
            by_framework=dict(sorted(frameworks.items())),
            by_parser=dict(sorted(parsers.items())),
            skipped=sum(reasons.values()),
            by_reason=dict(sorted(reasons.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))),
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "files_scanned": self.scanned,
            "scanned_by_framework": self.by_framework,
            "scanned_by_parser": self.by_parser,
            "skipped": self.skipped,
            "skipped_by_reason": self.by_reason,
        }

    def sentence(self) -> str:
        """One line: 'Coverage: 12 files scanned (config 4, source 8); 30 skipped (no parser 20, ...)'."""
        scanned = ", ".join(f"{k} {v}" for k, v in self.by_framework.items())
        text = f"Coverage: {self.scanned} file{'s' if self.scanned != 1 else ''} scanned"
        text += f" ({scanned})" if scanned else ""
        skipped = ", ".join(f"{k} {v}" for k, v in self.by_reason.items())
        text += f"; {self.skipped} skipped" + (f" ({skipped})" if skipped else "")
        return text


def listing(records: Iterable[FileRecord]) -> str:
    """--list-files: one line per file, its parser and framework or its skip reason."""
    lines = []
    for r in sorted(records):
        if r.skipped is None:
            lines.append(f"{r.path}\t{r.parser} ({r.framework})")
        else:
            lines.append(f"{r.path}\tskipped: {r.skipped}")
    return "\n".join(lines) + ("\n" if lines else "")
