"""Run the CLI on hostile input in a guarded subprocess, and read back what it did.

Each run is a real ``python -m bedrock_lifecycle scan`` in a child process:

* peak memory is the child's ``ru_maxrss``, from ``os.wait4`` (the per-child form
  of ``resource.getrusage(RUSAGE_CHILDREN)``: it covers that one run only);
* ``RLIMIT_CPU`` turns a runaway (quadratic, looping) scan into a kill by SIGXCPU,
  and a generous wall-clock limit turns a blocked one (a FIFO opened) into a kill:
  both are reported as such, never as a slow pass; nothing asserts on speed;
* ``guard/sitecustomize.py`` records every file the scan opens and refuses
  network, process creation and command execution (see that file).
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
GUARD = Path(__file__).resolve().parent / "guard"
AS_OF = "2026-11-25"
MEMORY_BOUND_MIB = 256  # every corpus item; measured 25-85 MiB (the 50 MB JSON skipped by the size limit: 25)
CPU_SECONDS = 60  # a linear scan of any corpus item needs about a second of CPU
WALL_SECONDS = 300


def load_corpus() -> Any:
    spec = importlib.util.spec_from_file_location("make_hostile_corpus", REPO / "scripts" / "make_hostile_corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_hostile_corpus", module)
    spec.loader.exec_module(module)
    return module


CORPUS = load_corpus()
MODEL = CORPUS.MODEL


@dataclass(frozen=True)
class CliRun:
    code: int  # exit status; negative: killed by that signal
    stdout: str
    stderr: str
    maxrss_mib: float
    audit: tuple[str, ...]  # guard log lines: "open\t<path>", "FORBIDDEN\t<event>\t<args>", ...
    cwd: str = "."

    @property
    def report(self) -> dict[str, Any]:
        assert self.code >= 0, f"the scan was killed by signal {-self.code}: {self.stderr[-2000:]}"
        return json.loads(self.stdout)

    def records(self) -> list[dict[str, Any]]:
        res = self.report["results"]
        return res["failed_checks"] + res["passed_checks"] + res["skipped_checks"]

    def found(self) -> set[tuple[str, int]]:
        """(file_path, line) of every BRL_001 finding: one per reference to the corpus's EOL model."""
        return {(r["file_path"], r["file_line_range"][0]) for r in self.records() if r["check_id"] == "BRL_001"}

    def found_list(self) -> list[tuple[str, int]]:
        return sorted((r["file_path"], r["file_line_range"][0]) for r in self.records() if r["check_id"] == "BRL_001")

    def diags(self) -> set[tuple[str, str, int | None]]:
        return {(d["code"], d["file_path"], d["line"]) for d in self.report["diagnostics"]}

    def opened(self) -> list[str]:
        """Every path the run opened or listed, absolute (relative ones are relative to its cwd)."""
        return [
            os.path.join(self.cwd, line.split("\t", 1)[1])
            for line in self.audit
            if line.startswith(("open\t", "os.scandir\t", "os.listdir\t"))
        ]

    def forbidden(self) -> list[str]:
        return [line for line in self.audit if line.startswith("FORBIDDEN")]


def run_cli(
    args: list[str],
    cwd: Path,
    *,
    deny: tuple[Path, ...] = (),
    cpu: int = CPU_SECONDS,
    wall: int = WALL_SECONDS,
    log: Path | None = None,
    module: bool = True,
) -> CliRun:
    """``bedrock-lifecycle <args>`` from cwd, under the guard; never raises on the scan's behalf.

    module=False runs ``python <args>`` instead (the guard's own test).
    """
    log = log or cwd / f".guard-{os.getpid()}-{threading.get_ident()}.log"
    log.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRL_", "PYTHON"))}
    env.update(
        PYTHONPATH=str(GUARD),
        BRL_GUARD_LOG=str(log),
        PYTHONDONTWRITEBYTECODE="1",
        BRL_GUARD_DENY=os.pathsep.join(str(p) for p in deny),
        NO_COLOR="1",
    )
    out, err = cwd / ".stdout", cwd / ".stderr"

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))

    with open(out, "wb") as fo, open(err, "wb") as fe:
        command = [sys.executable, *(["-m", "bedrock_lifecycle"] if module else []), *args]
        proc = subprocess.Popen(
            command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=fo, stderr=fe, preexec_fn=limits
        )
        timer = threading.Timer(wall, lambda: os.kill(proc.pid, signal.SIGKILL))
        timer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    audit = tuple(log.read_text(encoding="utf-8").splitlines()) if log.exists() else ()
    run = CliRun(
        proc.returncode,
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
        usage.ru_maxrss / 1024,
        audit,
        str(cwd),
    )
    for f in (out, err, log):
        f.unlink(missing_ok=True)
    return run


def scan_args(target: str = "repo", *extra: str) -> list[str]:
    return ["scan", target, "-o", "json", "--as-of", AS_OF, "--strict", "--jobs", "1", *extra]


def build(item: str, base: Path) -> tuple[Path, Path]:
    """Write one corpus item under base: (scan root, the outside directory)."""
    root, outside = base / "repo", base / "outside"
    CORPUS.make(item, root, outside)
    return root, outside


def scan_item(item: str, base: Path, *extra: str, deny: tuple[Path, ...] = ()) -> CliRun:
    build(item, base)
    return run_cli(scan_args("repo", *extra), base, deny=deny)


def assert_sound(run: CliRun, outside: Path | None = None) -> None:
    """What every hostile run must show: it finished, within memory, touching nothing it must not."""
    assert run.code >= 0, f"killed by signal {-run.code} (SIGXCPU: CPU limit; SIGKILL: hung)\n{run.stderr[-2000:]}"
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr[-2000:]
    assert run.maxrss_mib < MEMORY_BOUND_MIB, f"peak RSS {run.maxrss_mib:.0f} MiB"
    assert run.forbidden() == []
    assert ("/healthy.yaml", CORPUS.HEALTHY_LINE) in run.found(), "the healthy file's reference was lost"
    if outside is not None:
        real = os.path.realpath(outside)
        leaked = [p for p in run.opened() if os.path.realpath(p).startswith(real)]
        assert leaked == [], f"opened outside the scan root: {leaked}"
        assert str(outside) not in run.stdout
