"""The HTML report: self-contained, escaped, a drawn timeline, sortable findings; renders in Chromium."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import sys
from datetime import date
from pathlib import Path

import pytest
from inventory_snapshots import ROOT, cases, outputs

from bedrock_lifecycle import inventory
from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.cli import main
from bedrock_lifecycle.config import Config
from bedrock_lifecycle.report import html
from bedrock_lifecycle.scan import scan

sys.path.insert(0, str(ROOT / "scripts"))
import render_html_report as chromium  # noqa: E402

from needs import missing

CASES = list(cases())
AS_OF = date(2026, 11, 25)
CATALOG = load_embedded()


def page(
    root: Path, as_of: date = AS_OF, *, today: date | None = AS_OF, link_base: str = "", horizon: str = "180d"
) -> str:
    result = scan(Config(paths=(str(root),), root=str(root), as_of=as_of), CATALOG)
    inv = inventory.build(result, CATALOG, inventory.HorizonSpec.parse(horizon))
    return html.render_report(result, inv, today=today, link_base=link_base)


@pytest.fixture
def tree(tmp_path):
    def make(files: dict[str, str]) -> Path:
        for name, text in files.items():
            p = tmp_path / "repo" / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text)
        return tmp_path / "repo"

    return make


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_snapshot(case):
    got = outputs(case)["inventory.html"]
    path = case / "inventory.html"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{path} differs: rebuild and read the diff"


# --- self-contained and safe ---


def _sha(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_self_contained_nothing_loads_from_anywhere():
    text = (CASES[0] / "inventory.html").read_text()
    assert not re.search(r"<(link|img|iframe|object|embed|audio|video|source)\b", text, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", text, re.I)
    assert "@import" not in text and "url(" not in text and "@font-face" not in text
    # The policy allows exactly the inline style and script, by hash, and nothing from the network.
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    style = re.search(r"<style>(.*?)</style>", text, re.S).group(1)
    script = re.search(r"<script>(.*?)</script>", text, re.S).group(1)
    assert f"style-src '{_sha(style)}'" in csp and f"script-src '{_sha(script)}'" in csp
    assert "default-src 'none'" in csp and "unsafe" not in csp
    assert text.count("<script") == 1 and text.count("<style") == 1
    assert ' style="' not in text  # inline style attributes would be refused by the policy


def test_scanned_content_is_escaped_and_file_links_cannot_carry_a_scheme(tree):
    root = tree({"javascript:alert(1).json": '{"<script>alert(2)</script>": "anthropic.claude-v2:1"}'})
    text = page(root)
    assert "<script>alert(2)" not in text and "&lt;script&gt;alert(2)&lt;/script&gt;" in text
    assert 'href="./javascript%3Aalert%281%29.json#L1"' in text
    assert 'href="javascript:' not in text


def test_file_links():
    assert html.file_link("a b/c.yaml", 7) == "./a%20b/c.yaml#L7"
    assert html.file_link("c.yaml", 7, "repo") == "repo/c.yaml#L7"
    assert html.file_link("c.yaml", 7, "../x/") == "../x/c.yaml#L7"
    assert (
        html.file_link("c.yaml", 7, "https://github.com/o/r/blob/main/") == "https://github.com/o/r/blob/main/c.yaml#L7"
    )


def test_cli_links_are_relative_to_where_the_page_is_written(tmp_path, capsys):
    repo = CASES[1] / "repo"
    out = tmp_path / "reports" / "r.html"
    assert main(["inventory", str(repo), "--as-of", "2026-03-01", "--html", str(out)]) == 0
    rel = os.path.relpath(repo, out.parent).replace(os.sep, "/")
    assert f'href="{rel}/llm-gateway.yaml#L4"' in out.read_text()


# --- content ---


def test_summary_counts_by_status():
    text = (CASES[0] / "inventory.html").read_text()
    cards = dict(re.findall(r'<div class="card ([a-z-]+)"><b>(\d+)</b>', text))
    assert cards == {
        "eol": "5",
        "extended-access": "3",
        "legacy": "1",
        "unknown": "1",
        "opaque": "1",
        "active": "4",
        "failing": "8",
    }


def test_timeline_draws_each_phase_with_today_and_as_of_lines(tree):
    root = tree({"m.yaml": "a: anthropic.claude-3-haiku-20240307-v1:0\nb: amazon.nova-micro-v1:0\n"})
    text = page(root, date(2026, 3, 1), today=date(2026, 11, 25))
    svg = re.search(r"<svg.*?</svg>", text, re.S).group(0)
    for phase in ("Active", "Legacy", "Extended access", "EOL"):
        assert f"anthropic.claude-3-haiku-20240307-v1:0: {phase}: " in svg
    assert "amazon.nova-micro-v1:0: Active: no retirement announced" in svg
    assert ">as of 2026-03-01</text>" in svg and ">today 2026-11-25</text>" in svg
    assert "horizon 180d (to 2026-08-28)" in svg
    same = page(root, AS_OF, today=AS_OF)
    assert ">today = as of 2026-11-25</text>" in same
    assert ">today" not in page(root, today=None)


def test_migration_plan_shows_the_replacement_with_its_status_and_the_guide():
    text = (CASES[0] / "inventory.html").read_text()
    plan = re.search(r'<section id="plan">.*?</section>', text, re.S).group(0)
    assert "migrate to anthropic.claude-haiku-4-5-20251001-v1:0 (Active)" in plan
    assert (
        "no Active replacement as of 2026-11-25 (the recorded chain amazon.nova-canvas-v1:0 reaches no Active model)"
    ) in plan
    assert (
        'href="https://github.com/bedrock-lifecycle/bedrock-lifecycle/blob/main/docs/policies.md'
        '#migrating-a-model"' in plan
    )
    assert "<b>2026-11-26</b> <code>ai21.jamba-1-5-mini-v1:0</code> becomes" in plan


def test_findings_table_is_sortable_and_links_each_finding():
    text = (CASES[0] / "inventory.html").read_text()
    findings = re.search(r'<section id="findings">.*?</section>', text, re.S).group(0)
    assert '<table class="sortable">' in findings
    rows = re.findall(r"<tr class=\"(passed|problem)\">", findings)
    assert rows.count("problem") == 16 and rows.count("passed") == 66
    assert (
        'href="https://github.com/example/platform/blob/main/services/assistant/config.yaml#L7">'
        "services/assistant/config.yaml:7</a>"
    ) in findings


def test_scan_dash_o_html(tmp_path, capsys):
    out = tmp_path / "scan.html"
    code = main(
        [
            "scan",
            str(CASES[0] / "repo"),
            "--as-of",
            "2026-11-25",
            "-o",
            "html",
            "--output-file-path",
            str(out),
            "--jobs",
            "1",
        ]
    )
    assert code == 1  # the scan's exit code is unchanged: EOL models fail the run
    text = out.read_text()
    assert text.startswith("<!DOCTYPE html>") and "Coming up: horizon 180d" in text
    assert (
        "the recorded chain ai21.jamba-instruct-v1:0 -&gt; ai21.jamba-1-5-mini-v1:0" in text
    )  # the catalog reached the page


# --- headless Chromium (Debian package `chromium`) ---


@pytest.fixture(scope="module")
def browser() -> str:
    found = chromium.find_chromium()
    if found is None:
        missing("chromium is not installed (apt-get install -y chromium); the HTML render check did not run")
    return found


def test_renders_in_chromium_without_console_errors_and_the_script_runs(browser, tmp_path):
    page_file = tmp_path / "report.html"
    page_file.write_text((CASES[0] / "inventory.html").read_text())
    png = tmp_path / "shot.png"
    shot = chromium.render(browser, page_file, png=png)
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 50_000
    assert chromium.problems(shot.stderr) == []
    dom = chromium.render(browser, page_file, dump_dom=True)
    assert chromium.problems(dom.stderr) == []
    assert 'data-js="ready"' in dom.stdout  # the sorting script ran under the page's CSP


def test_the_console_check_catches_errors(browser, tmp_path):
    """The check can fail: an uncaught error and a script the CSP refuses are both reported."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="script-src \'none\'">'
        "<p>x</p><script>nope()</script>"
    )
    found = chromium.problems(chromium.render(browser, bad).stderr)
    assert any("violates the following Content Security Policy" in m for m in found), found
    worse = tmp_path / "worse.html"
    worse.write_text("<!DOCTYPE html><p>x</p><script>nope()</script>")
    found = chromium.problems(chromium.render(browser, worse).stderr)
    assert any("Uncaught ReferenceError" in m for m in found), found


def test_clicking_a_header_sorts_the_rows(browser, tmp_path):
    """The page's own script, driven by clicks: File ascending, then descending (line numbers numerically)."""
    text = (CASES[0] / "inventory.html").read_text()
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)  # let the test script run
    probe = (
        "<script>var th = document.querySelectorAll('#findings th')[4];"
        "function order() { return Array.prototype.map.call(document.querySelectorAll("
        "'#findings tbody td:nth-child(5)'), function (td) { return td.textContent; }).join(','); }"
        "th.click(); document.body.setAttribute('data-asc', order());"
        "th.click(); document.body.setAttribute('data-desc', order());</script>"
    )
    page_file = tmp_path / "sort.html"
    page_file.write_text(text.replace("</body>", probe + "</body>"))
    dom = chromium.render(browser, page_file, dump_dom=True)
    assert chromium.problems(dom.stderr) == []
    asc = re.search(r'data-asc="([^"]*)"', dom.stdout).group(1).split(",")
    desc = re.search(r'data-desc="([^"]*)"', dom.stdout).group(1).split(",")

    def key(loc: str) -> tuple[str, int]:
        path, line = loc.rsplit(":", 1)
        return path, int(line)

    assert len(asc) == 82 and asc == sorted(asc, key=key) and desc == sorted(asc, key=key, reverse=True)
    assert asc[0].startswith("config/models.json:")


# --- the migration plan section (migrate.plan, shared with `scan -o migration`) ---

MIGRATION_CASE = ROOT / "fixtures" / "migration" / "plan" / "repo"


def _plan_page(tmp_path) -> str:
    out = tmp_path / "plan.html"
    main(["scan", str(MIGRATION_CASE), "--as-of", "2026-11-25", "-o", "html", "--output-file-path", str(out)])
    return out.read_text()


def test_migration_plan_has_one_article_per_dying_model_with_swap_uses_and_checks(tmp_path):
    text = _plan_page(tmp_path)
    plan = re.search(r'<section id="plan">.*?</section>', text, re.S).group(0)
    articles = re.findall(r'<article class="mig">(.*?)</article>', plan, re.S)
    assert len(articles) == 6
    haiku = next(a for a in articles if "<code>anthropic.claude-3-5-haiku-20241022-v1:0</code>" in a.split("</h3>")[0])
    assert '&rarr; <code>anthropic.claude-haiku-4-5-20251001-v1:0</code> <span class="badge s-drop-in">' in haiku
    assert "Legacy 2025-12-19, extended access 2026-03-19, EOL 2026-06-19" in haiku
    assert "migrate to anthropic.claude-haiku-4-5-20251001-v1:0 (Active)" in haiku
    rows = re.findall(r"<tr><td><a href=\"[^\"]+\">([^<]+)</a></td><td><code>([^<]+)</code>", haiku)
    assert rows == [
        ("infra/agent/variables.tf:4", "aws_bedrockagent_agent.support"),
        ("infra/agent/variables.tf:4", "aws_lambda_function.router"),
    ]
    assert "variable default var.agent_model (<a" in haiku and "<code>fix</code>" in haiku
    assert haiku.count('<input type="checkbox">') == 5 and "Request quota for <code>" in haiku
    counts = re.search(r'<p class="toolbar">(.*?)</p>', plan, re.S).group(1)
    assert "6 models to migrate" in counts and "rewrites 2 literals" in counts
    for swap in ("drop-in", "code-change", "re-embed", "no-target"):
        assert f'class="badge s-{swap}"' in plan


def test_migration_plan_renders_in_chromium(browser, tmp_path):
    page_file = tmp_path / "plan.html"
    page_file.write_text(_plan_page(tmp_path))
    dom = chromium.render(browser, page_file, dump_dom=True)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert chromium.problems(dom.stderr) == []
    assert 'data-js="ready"' in dom.stdout
    assert dom.stdout.count('<article class="mig">') == 6 and "Before cutting over" in dom.stdout
    png = tmp_path / "plan.png"
    shot = chromium.render(browser, page_file, png=png)
    assert shot.returncode == 0 and chromium.problems(shot.stderr) == []
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
