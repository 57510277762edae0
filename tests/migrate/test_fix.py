"""`bedrock-lifecycle fix` end to end on the fixture repositories (fixtures/fix/<case>/repo).

Each case's patch and notes are snapshots; every patch is accepted by `git apply --check` and applies to exactly
what `fix --write` writes; after `--write` a scan no longer reports the fixed findings and reports the rest
unchanged; a second `--write` changes nothing; files keep their bytes outside the edited spans.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from fix_snapshots import AS_OF, CASES_DIR, case_args, cases, run_fix

from needs import missing

CASES = list(cases())
IDS = [c.name for c in CASES]
PATCHED = [c for c in CASES if (c / "fix.diff").read_bytes()]  # cases where fix rewrites something
GIT = shutil.which("git")


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")  # keep CRLF lines of the patch as they are


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _copy(case: Path, tmp_path: Path) -> Path:
    work = tmp_path / case.name
    shutil.copytree(case, work, symlinks=True)
    return work


def _failing(case: Path) -> dict[tuple[str, int, int, str, str], str]:
    """(file, line, column, check, resource) -> reference, for every FAILED finding that fails the run."""
    import contextlib
    import io
    import os

    from bedrock_lifecycle.cli import main

    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(case)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            main(["scan", "repo", "-o", "json", "--as-of", AS_OF, "--jobs", "1", *_scan_args(case)])
    finally:
        os.chdir(cwd)
    doc = json.loads(out.getvalue())
    return {
        (r["file_path"], r["file_line_range"][0], r["bedrock"]["column"], r["check_id"], r["resource"]): r["bedrock"][
            "reference"
        ]
        for r in doc["results"]["failed_checks"]
        if r["bedrock"]["fails_run"]
    }


def _scan_args(case: Path) -> list[str]:
    return [a for a in case_args(case) if a != "--unsafe"]


def test_there_is_a_case_for_every_form() -> None:
    assert {
        "terraform",
        "terragrunt",
        "cloudformation",
        "sam",
        "serverless",
        "containers",
        "dotenv",
        "litellm",
        "notebook",
        "source",
        "encodings",
        "swap-classes",
        "unsafe",
        "skips",
    } <= set(IDS)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_patch_and_notes_match_the_snapshot(case: Path) -> None:
    code, diff, notes = run_fix(case)
    assert diff == _text(case / "fix.diff")
    assert notes == _text(case / "fix.notes")
    assert code == (1 if diff or "left for a person" in notes else 0)


@pytest.mark.parametrize("case", PATCHED, ids=[c.name for c in PATCHED])
def test_git_apply_takes_the_patch_and_it_equals_write(case: Path, tmp_path: Path) -> None:
    if GIT is None:
        missing("git is not installed")
    patch = case / "fix.diff"
    applied = _copy(case, tmp_path / "applied") / "repo"
    written = _copy(case, tmp_path / "written")
    subprocess.run([GIT, "apply", "--check", str(patch)], cwd=applied, check=True, capture_output=True)
    subprocess.run([GIT, "apply", str(patch)], cwd=applied, check=True, capture_output=True)
    code, out, _ = run_fix(written, "--write")
    assert out == ""
    assert _tree(applied) == _tree(written / "repo")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_after_write_a_scan_reports_none_of_the_fixed_findings_and_the_rest_unchanged(
    case: Path, tmp_path: Path
) -> None:
    work = _copy(case, tmp_path)
    before = _failing(work)
    patch = _text(case / "fix.diff")
    fixed_lines = {
        (f"/{line.split(':')[0][2:]}", int(line.split(":")[1]), int(line.split(":")[2]))
        for line in patch.splitlines()
        if line.startswith("# ")
    }
    run_fix(work, "--write")
    after = _failing(work)
    expected = {k: v for k, v in before.items() if k[:3] not in fixed_lines}
    assert after == expected
    if fixed_lines:
        assert len(after) < len(before)


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_second_write_changes_nothing(case: Path, tmp_path: Path) -> None:
    work = _copy(case, tmp_path)
    run_fix(work, "--write")
    once = _tree(work / "repo")
    code, out, notes = run_fix(work, "--write")
    assert out == ""
    assert "rewrote 0 literal(s) in 0 file(s)" in notes
    assert _tree(work / "repo") == once
    _, diff, _ = run_fix(work)
    assert diff == ""


def test_crlf_bom_tabs_and_a_missing_final_newline_round_trip_outside_the_edited_span(tmp_path: Path) -> None:
    case = CASES_DIR / "encodings"
    work = _copy(case, tmp_path)
    before = _tree(work / "repo")
    run_fix(work, "--write")
    after = _tree(work / "repo")
    changed = [name for name in before if before[name] != after[name]]
    assert sorted(changed) == [
        "bom.json",
        "crlf.yaml",
        "no-final-newline.env",
        "tabs.tf",
        "unicode.py",  # non-ASCII before the literal on its line: columns are characters
        "unicode.tf",
        "unicode.yaml",
    ]
    # Every byte but the rewritten IDs is the same: redo the patch's swaps by hand on the original bytes.
    expected = dict(before)
    for line in _text(case / "fix.diff").splitlines():
        if line.startswith("# "):
            where, _, swap = line[2:].partition(": ")
            old_text, _, rest = swap.partition(" -> ")
            new_text = rest.split(" (", 1)[0]
            name = where.split(":")[0]
            assert expected[name].count(old_text.encode()) == 1
            expected[name] = expected[name].replace(old_text.encode(), new_text.encode())
    assert after == expected
    assert after["bom.json"].startswith(b"\xef\xbb\xbf") and "café — 日本".encode() in after["bom.json"]
    assert after["crlf.yaml"].count(b"\r\n") == before["crlf.yaml"].count(b"\r\n") == 4
    assert after["crlf.yaml"].count(b"\n") == 4
    assert after["tabs.tf"].count(b"\t") == before["tabs.tf"].count(b"\t")
    assert not after["no-final-newline.env"].endswith(b"\n")


def test_nothing_outside_the_scan_root_and_no_unparseable_file_is_touched(tmp_path: Path) -> None:
    work = _copy(CASES_DIR / "skips", tmp_path)
    outside = tmp_path / "outside.yaml"
    outside.write_text("chat: us.anthropic.claude-3-haiku-20240307-v1:0\n", encoding="utf-8")
    (work / "repo" / "linked.yaml").symlink_to(outside)
    broken = (work / "repo" / "broken.yaml").read_bytes()
    run_fix(work, "--write")
    assert outside.read_text(encoding="utf-8") == "chat: us.anthropic.claude-3-haiku-20240307-v1:0\n"
    assert (work / "repo" / "broken.yaml").read_bytes() == broken


def test_suppressed_and_baselined_findings_are_not_fixed() -> None:
    diff = _text(CASES_DIR / "skips" / "fix.diff")
    assert "+chat: us.anthropic.claude-haiku-4-5-20251001-v1:0" in diff
    assert "+batch:" not in diff  # suppressed inline
    assert "+image:" not in diff  # accepted by the baseline


def test_a_shared_literal_changes_once_and_names_every_resource_it_reaches() -> None:
    diff = _text(CASES_DIR / "terraform" / "fix.diff")
    header = next(line for line in diff.splitlines() if line.startswith("# variables.tf:4:"))
    assert "reaches: data.aws_iam_policy_document.invoke, module.assistant.aws_bedrockagent_agent.this" in header
    assert diff.count('+  default     = "us.anthropic.claude-haiku-4-5-20251001-v1:0"') == 1


def test_fail_on_check_and_skip_check_choose_what_to_fix() -> None:
    case = CASES_DIR / "swap-classes"
    code, diff, notes = run_fix(case, "--fail-on", "none")
    assert (code, diff) == (0, "") and notes == "would rewrite 0 literal(s) in 0 file(s)\n"
    code, diff, _ = run_fix(case, "--skip-check", "BRL_001")
    assert diff == ""
    code, diff, _ = run_fix(case, "--check", "BRL_001")
    assert "+chat: us.anthropic.claude-haiku-4-5-20251001-v1:0" in diff and code == 1


def test_write_reports_what_it_rewrote_and_exits_1_while_literals_are_left(tmp_path: Path) -> None:
    work = _copy(CASES_DIR / "swap-classes", tmp_path)
    code, out, notes = run_fix(work, "--write")
    assert out == "" and code == 1
    assert notes.endswith("rewrote 1 literal(s) in 1 file(s); 5 left for a person (see above)\n")
    work = _copy(CASES_DIR / "sam", tmp_path / "sam")
    code, _, notes = run_fix(work, "--write", "--unsafe")
    assert code == 0 and "left for a person" not in notes
