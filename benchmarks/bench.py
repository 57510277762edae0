#!/usr/bin/env python3
"""Benchmark: bedrock-lifecycle vs Checkov (this project's policies only) vs grep, in one session.

    python benchmarks/bench.py [--runs 3] [--files 10000] [--corpus benchmarks/corpus] [--skip-checkov]

Generates the seeded corpora (benchmarks/corpus.py) once, then, for each corpus, runs the three tools in
alternation (tool, checkov, grep, tool, checkov, grep, ...) and prints the median wall time, the ratios
measured in the same run, and each tool's peak RSS (the largest process, from wait4). Also times one-file,
pre-commit-style invocations (a Terraform file, a CloudFormation template) against `python -c "import yaml"`,
then prints each target of docs/performance.md as MET or MISSED with its margin. Checkov runs from its own
virtual environment (.tools/checkov-venv, made by scripts/test.sh) with --skip-download, --external-checks-dir
policies and --check <our IDs>, on the frameworks our checks cover. Nothing here is a test: no assertion, only
numbers.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus as corpus_mod  # noqa: E402

from bedrock_lifecycle.catalog import load_embedded  # noqa: E402
from bedrock_lifecycle.policies import POLICIES  # noqa: E402


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """(seconds, peak RSS in MiB of the largest process, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss // 1024, proc.returncode


def grep_pattern() -> str:
    catalog = load_embedded()
    providers = "|".join(sorted(catalog.providers))
    return rf"({providers})\.[a-z0-9-]+|arn:aws[a-z-]*:bedrock:"


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{os.cpu_count()} CPUs ({model}){mem}, {system}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--files", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=ROOT / "benchmarks" / "corpus")
    ap.add_argument("--tools", type=Path, default=ROOT / ".tools")
    ap.add_argument("--skip-checkov", action="store_true")
    ap.add_argument("--jobs", type=int, default=0, help="--jobs for bedrock-lifecycle (default: its own default)")
    args = ap.parse_args()

    marker = args.corpus / ".complete"
    if not marker.exists() or f"seed={args.seed}" not in marker.read_text():
        shutil.rmtree(args.corpus, ignore_errors=True)
        print(f"generating corpora in {args.corpus} ...", flush=True)
        print("  ", corpus_mod.generate(args.corpus, args.files, args.seed), flush=True)

    tool = shutil.which("bedrock-lifecycle", path=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    if not tool:
        sys.exit("bedrock-lifecycle is not installed in this Python's environment (pip install .)")
    checkov = args.tools / "checkov-venv" / "bin" / "checkov"
    use_checkov = not args.skip_checkov and checkov.exists()
    if not args.skip_checkov and not use_checkov:
        print(f"note: {checkov} not found (bash scripts/test.sh makes it); Checkov is left out", flush=True)
    ids = ",".join(p.id for p in POLICIES)
    pattern = grep_pattern()
    # An installed package runs from bytecode (pip compiles it): never measure with bytecode writing turned off.
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    env["LOG_LEVEL"] = "ERROR"
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []

    print(f"machine: {machine()}")
    print(f"runs per tool: {args.runs} (alternating); times are medians\n")
    header = (
        f"{'corpus':<16}{'files':>7}  {'tool':>8}  {'checkov':>9}  {'grep':>7}  {'tool/checkov':>12}  "
        f"{'checkov/tool':>12}  {'tool/grep':>9}  {'RSS tool':>8}  {'RSS checkov':>11}"
    )
    print(header)
    print("-" * len(header))
    results: dict[str, dict[str, float]] = {}  # corpus -> median seconds per tool
    tool_rss: dict[str, int] = {}  # corpus -> the tool's peak RSS (MiB)
    for name in ("mixed", "terraform", "cloudformation"):
        tree = args.corpus / name
        n_files = sum(1 for p in tree.rglob("*") if p.is_file())
        cmds = {
            "tool": [tool, "scan", str(tree), "-o", "json", "--soft-fail", *jobs],
            "grep": ["grep", "-rE", pattern, str(tree)],
        }
        if use_checkov:
            cmds["checkov"] = [
                str(checkov),
                "-d",
                str(tree),
                "--skip-download",
                "--quiet",
                "-o",
                "json",
                "--external-checks-dir",
                str(ROOT / "policies"),
                "--check",
                ids,
                "--framework",
                "terraform",
                "cloudformation",
                "serverless",
            ]
        times: dict[str, list[float]] = {k: [] for k in cmds}
        rss: dict[str, int] = {k: 0 for k in cmds}
        for cmd in cmds.values():  # one warm-up run each (page cache, bytecode), not counted
            run(cmd, env)
        for _ in range(args.runs):
            for key, cmd in cmds.items():
                secs, peak, _code = run(cmd, env)
                times[key].append(secs)
                rss[key] = max(rss[key], peak)
        med = {k: statistics.median(v) for k, v in times.items()}
        results[name] = med
        tool_rss[name] = rss["tool"]
        ck = med.get("checkov")
        ck_time = f"{ck:.2f}s" if ck else "n/a"
        tool_over_ck = f"{med['tool'] / ck:.3f}" if ck else "n/a"
        ck_over_tool = f"{ck / med['tool']:.1f}x" if ck else "n/a"
        ck_rss = f"{rss['checkov']} MB" if ck else "n/a"
        print(
            f"{name:<16}{n_files:>7}  {med['tool']:>7.2f}s  {ck_time:>9}  {med['grep']:>6.3f}s  "
            f"{tool_over_ck:>12}  {ck_over_tool:>12}  {med['tool'] / med['grep']:>8.1f}x  "
            f"{rss['tool']:>6} MB  {ck_rss:>11}",
            flush=True,
        )

    # one file, pre-commit style, against importing PyYAML: a Terraform file and a CloudFormation template
    one_tf = sorted((args.corpus / "terraform").rglob("main.tf"))[0]
    one_cfn = sorted((args.corpus / "cloudformation").rglob("*.yaml"))[0]
    one_cmds = {
        "tool (1 .tf file)": [tool, "scan", str(one_tf), "--compact", "--soft-fail"],
        "tool (1 CFN template)": [tool, "scan", str(one_cfn), "--compact", "--soft-fail"],
        "python -c 'import yaml'": [sys.executable, "-c", "import yaml"],
        "python -c pass": [sys.executable, "-c", "pass"],
    }
    one_times: dict[str, list[float]] = {k: [] for k in one_cmds}
    for cmd in one_cmds.values():
        run(cmd, env)
    for _ in range(max(10, args.runs)):
        for key, cmd in one_cmds.items():
            one_times[key].append(run(cmd, env)[0])
    one_med = {k: statistics.median(v) for k, v in one_times.items()}
    print()
    for key, value in one_med.items():
        print(f"{key:<26}{value * 1000:>8.1f} ms")
    yaml_time = one_med["python -c 'import yaml'"]
    for key in ("tool (1 .tf file)", "tool (1 CFN template)"):
        print(f"{'ratio ' + key[6:-1] + ' / import yaml':<38}{one_med[key] / yaml_time:>6.2f}x")

    print()
    print(targets(results, tool_rss, one_med, use_checkov))
    return 0


def targets(
    results: dict[str, dict[str, float]], peak: dict[str, int], one_med: dict[str, float], use_checkov: bool
) -> str:
    """Each target of docs/performance.md as met or missed, with the margin (measured in this run)."""
    rows: list[tuple[str, str, bool | None, str]] = []  # (target, measured, met, margin)

    def at_least(name: str, value: float | None, goal: float, unit: str = "x") -> None:
        if value is None:
            rows.append((name, "n/a (no Checkov)", None, ""))
            return
        ok = value >= goal
        rows.append(
            (name, f"{value:.1f}{unit}", ok, f"by {value / goal:.2f}x" if ok else f"short by {goal / value:.2f}x")
        )

    def at_most(name: str, value: float, goal: float, unit: str = "x") -> None:
        ok = value < goal
        shown = f"{value:.0f} MB" if unit == " MB" else f"{value:.2f}{unit}"
        rows.append((name, shown, ok, f"by {goal / value:.2f}x" if ok else f"over by {value / goal:.2f}x"))

    def speedup(corpus: str) -> float | None:
        med = results[corpus]
        return med["checkov"] / med["tool"] if use_checkov and "checkov" in med else None

    at_least("all-relevant Terraform >= 20x faster than Checkov", speedup("terraform"), 20)
    at_least("mixed 10k files >= 50x faster than Checkov", speedup("mixed"), 50)
    at_most("mixed 10k files within 10x of grep -rE", results["mixed"]["tool"] / results["mixed"]["grep"], 10)
    yaml_time = one_med["python -c 'import yaml'"]
    at_most("one .tf file < 3x python -c 'import yaml'", one_med["tool (1 .tf file)"] / yaml_time, 3)
    at_most("one CFN template < 3x python -c 'import yaml'", one_med["tool (1 CFN template)"] / yaml_time, 3)
    at_most("peak RSS < 150 MB (largest corpus run)", float(max(peak.values())), 150, " MB")
    width = max(len(r[0]) for r in rows)
    lines = ["targets:"]
    for name, measured, ok, margin in rows:
        verdict = "n/a" if ok is None else ("MET" if ok else "MISSED")
        lines.append(f"  {name:<{width}}  {measured:>10}  {verdict:<6}  {margin}")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
