#!/usr/bin/env python3
"""Render the HTML report to a PNG in headless Chromium, to see that it looks right.

    python scripts/render_html_report.py                   # -> docs/screenshots/html-report.png
    python scripts/render_html_report.py report.html out.png

With no HTML file given, the report of fixtures/inventory/platform is built first
(as of 2026-11-25, "today" pinned by SOURCE_DATE_EPOCH). Needs Debian's
`chromium` package (`apt-get install -y chromium`). Chromium's console messages
are printed; the exit status is 1 when the page logged an uncaught error or a
Content-Security-Policy refusal. tests/inventory/test_html.py uses the same command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PNG = ROOT / "docs" / "screenshots" / "html-report.png"
FIXTURE = ROOT / "fixtures" / "inventory" / "platform"
TODAY_EPOCH = "1795564800"  # 2026-11-25T00:00:00Z
WINDOW = "1400,1800"
# Console lines Chromium writes with --enable-logging=stderr, e.g.
#   [...:INFO:CONSOLE:1] "Uncaught ReferenceError: nope is not defined", source: file:///... (1)
# (older versions write ':CONSOLE(1)]').
CONSOLE = re.compile(r":CONSOLE(?:\(\d+\)|:\d+)?\]\s*(.*)")
PROBLEM = re.compile(r"Uncaught|Refused to|Content Security Policy|Failed to load|ERR_|\bError\b", re.I)


def find_chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def command(browser: str, page: Path, profile: Path, *, png: Path | None = None, dump_dom: bool = False) -> list[str]:
    cmd = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        f"--window-size={WINDOW}",
        "--enable-logging=stderr",
        "--v=0",
    ]
    if png is not None:
        cmd.append(f"--screenshot={png}")
    if dump_dom:
        cmd.append("--dump-dom")
    return cmd + [page.resolve().as_uri()]


def console_messages(stderr: str) -> list[str]:
    return [m.group(1) for m in (CONSOLE.search(line) for line in stderr.splitlines()) if m]


def problems(stderr: str) -> list[str]:
    """Console errors of the page: uncaught exceptions, CSP refusals, failed loads."""
    return [msg for msg in console_messages(stderr) if PROBLEM.search(msg)]


def render(
    browser: str, page: Path, *, png: Path | None = None, dump_dom: bool = False
) -> subprocess.CompletedProcess[str]:
    """Load the page once (headless Chromium exits after a screenshot or a DOM dump; one is always asked)."""
    with tempfile.TemporaryDirectory() as profile:
        cmd = command(browser, page, Path(profile), png=png, dump_dom=dump_dom or png is None)
        return subprocess.run(cmd, capture_output=True, text=True, timeout=90, check=False)


def build_fixture_report(out: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH=TODAY_EPOCH)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bedrock_lifecycle",
            "inventory",
            "repo",
            "--as-of",
            "2026-11-25",
            "--horizon",
            "180d",
            "--html",
            str(out),
            "-o",
            "json",
        ],
        cwd=FIXTURE,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main(argv: list[str]) -> int:
    browser = find_chromium()
    if browser is None:
        print("chromium not found: apt-get install -y chromium (or set CHROMIUM=/path/to/browser)", file=sys.stderr)
        return 2
    png = Path(argv[2]) if len(argv) > 2 else DEFAULT_PNG
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(argv[1]) if len(argv) > 1 else Path(tmp) / "report.html"
        if len(argv) <= 1:
            build_fixture_report(page)
        proc = render(browser, page, png=png.resolve())
    for msg in console_messages(proc.stderr):
        print(f"console: {msg}")
    bad = problems(proc.stderr)
    if proc.returncode != 0 or not png.exists():
        print(proc.stderr[-2000:], file=sys.stderr)
        return 1
    print(f"wrote {png} ({png.stat().st_size} bytes); {len(bad)} console error(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
