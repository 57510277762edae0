"""Where command output goes: stdout or files (written atomically), and the dates and links reports show."""

from __future__ import annotations

import logging
import os
from datetime import date

from bedrock_lifecycle.errors import FatalError
from bedrock_lifecycle.report import output_format

LOG = logging.getLogger(__name__)


def write(path: str, text: str) -> None:
    try:
        parent = os.path.dirname(path)
        if parent:
            os.makedirs(parent, exist_ok=True)
        tmp = f"{path}.tmp{os.getpid()}"
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise FatalError(f"cannot write {path}: {exc.strerror or exc}") from None


def destinations(outputs: list[str], spec: str | None) -> list[str | None]:
    """Where each output goes: None for stdout, else a file path (Checkov's --output-file-path)."""
    if not spec:
        return [None] * len(outputs)
    parts = [p.strip() for p in spec.split(",")]
    if len(parts) > 1:
        if len(parts) != len(outputs):
            raise FatalError(f"--output-file-path names {len(parts)} paths for {len(outputs)} outputs")
        return [None if p == "console" else p for p in parts]
    path = parts[0]
    ext = os.path.splitext(path)[1].lstrip(".")
    if len(outputs) == 1 and ext and not os.path.isdir(path):
        return [None if path == "console" else path]
    return [
        None if fmt == "cli" else os.path.join(path, f"results_{fmt}.{output_format('scan', fmt).suffix}")
        for fmt in outputs
    ]


def today() -> date:
    """Today, or the day of SOURCE_DATE_EPOCH (reproducible builds' convention) for reproducible reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        from datetime import datetime, timezone

        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def link_base(root: str, html_path: str | None, explicit: str | None = None) -> str:
    """File links in the HTML: the given URL, else the scan root relative to where the HTML is written."""
    if explicit:
        return explicit
    where = os.path.dirname(os.path.abspath(html_path)) if html_path else os.getcwd()
    rel = os.path.relpath(root, where)
    return "" if rel == "." else rel.replace(os.sep, "/")
