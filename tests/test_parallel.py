"""The process pool: same output as serial, and a worker the system kills never hangs the scan."""

from __future__ import annotations

import os
from datetime import date

from bedrock_lifecycle import scan as scan_mod
from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.config import Config
from bedrock_lifecycle.scan import scan


def _tree(tmp_path, n=40):
    for i in range(n):
        (tmp_path / f"m{i:02d}.yaml").write_text(f"model_{i}: anthropic.claude-v2\n")
    return tmp_path


def test_a_killed_worker_becomes_a_diagnostic_and_every_file_is_still_scanned(tmp_path, monkeypatch):
    root = _tree(tmp_path)
    parent = os.getpid()
    original = scan_mod.parse_document

    def dies_in_a_worker(target, text, parser):
        if target.rel == "m07.yaml" and os.getpid() != parent:
            os._exit(137)  # what the kernel's OOM killer or a CPU limit does to a worker
        return original(target, text, parser)

    monkeypatch.setattr(scan_mod, "parse_document", dies_in_a_worker)
    cfg = Config(paths=(str(root),), root=str(root), as_of=date(2026, 11, 25), jobs=2)
    result = scan(cfg, load_embedded())
    found = {f.span.path for f in result.findings}
    assert found == {f"m{i:02d}.yaml" for i in range(40)}  # the main process scanned what the pool lost
    [diag] = [d for d in result.diagnostics if "worker process died" in d.message]
    assert diag.code == "BRL_E007"


def test_parallel_equals_serial(tmp_path):
    root = _tree(tmp_path, 60)
    serial = scan(Config(paths=(str(root),), root=str(root), as_of=date(2026, 11, 25), jobs=1), load_embedded())
    pooled = scan(Config(paths=(str(root),), root=str(root), as_of=date(2026, 11, 25), jobs=2), load_embedded())
    assert serial.findings == pooled.findings and serial.diagnostics == pooled.diagnostics
