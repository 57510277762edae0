"""Suppressions (valid, no reason, unknown ID, expired, malformed, config sidecar, --no-inline-skips) and the
fail policy (--fail-on, --hard-fail-on, --soft-fail-on, --soft-fail)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bedrock_lifecycle.cli import main

AS_OF = "2026-11-25"
LEGACY = "anthropic.claude-sonnet-4-5-20250929-v1:0"  # Legacy since 2026-10-08 (BRL_003, a warning)
EOL = "anthropic.claude-v2:1"  # EOL (BRL_001 CRITICAL, fails the run)


def scan(capsys, root: Path, *extra: str) -> tuple[int, dict]:
    code = main(["scan", str(root), "--as-of", AS_OF, "--jobs", "1", "-o", "json", *extra])
    return code, json.loads(capsys.readouterr().out)


def results(doc: dict, bucket: str) -> list[tuple[str, str]]:
    return [(r["check_id"], r["resource"]) for r in doc["results"][bucket]]


def messages(doc: dict, check_id: str) -> list[str]:
    return [r["message"] for r in doc["results"]["failed_checks"] if r["check_id"] == check_id]


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


def test_valid_skip_suppresses_and_is_not_reported(capsys, tmp_path):
    root = tree(
        tmp_path,
        {
            "a.yaml": f"m: {LEGACY}  # bedrock-lifecycle:skip=BRL_003:PLAT-1 until=2027-01-31\n",
            "b.env": f"# checkov:skip=BRL_003:tracked in PLAT-2\nM={LEGACY}\n",
        },
    )
    code, doc = scan(capsys, root)
    assert code == 0
    assert [(r["check_id"], r["check_result"]["suppress_comment"]) for r in doc["results"]["skipped_checks"]] == [
        ("BRL_003", "PLAT-1"),
        ("BRL_003", "tracked in PLAT-2"),
    ]
    assert not messages(doc, "BRL_008")


def test_skip_without_reason_still_suppresses_but_is_reported(capsys, tmp_path):
    root = tree(tmp_path, {"a.yaml": f"m: {LEGACY}  # checkov:skip=BRL_003\n"})
    code, doc = scan(capsys, root)
    assert code == 0 and results(doc, "skipped_checks") == [("BRL_003", "m")]
    assert messages(doc, "BRL_008") == [f"Suppression on '{LEGACY}': the skip of BRL_003 (line 1) gives no reason."]
    assert scan(capsys, root, "--fail-on", "suppression")[0] == 1  # a team can make it fail


def test_unknown_check_id_is_reported_unless_it_is_checkovs_own(capsys, tmp_path):
    root = tree(
        tmp_path,
        {
            "a.yaml": f"a: {LEGACY}  # bedrock-lifecycle:skip=BRL_03:typo\n"
            f"b: {LEGACY}  # checkov:skip=BRL_0O3:typo\n"
            f"c: {LEGACY}  # checkov:skip=CKV_AWS_116:Checkov's own check\n"
        },
    )
    _, doc = scan(capsys, root)
    assert [m.split(": ", 1)[1] for m in messages(doc, "BRL_008")] == [
        "the skip of BRL_03 (line 1) names no known check.",
        "the skip of BRL_0O3 (line 2) names no known check.",
    ]
    assert sorted(results(doc, "failed_checks")) == [
        ("BRL_003", "a"),
        ("BRL_003", "b"),
        ("BRL_003", "c"),
        ("BRL_008", "a"),
        ("BRL_008", "b"),
    ]


def test_expired_skip_no_longer_suppresses_and_is_reported(capsys, tmp_path):
    root = tree(tmp_path, {"a.yaml": f"m: {EOL}  # bedrock-lifecycle:skip=BRL_001:migrating until=2026-11-24\n"})
    code, doc = scan(capsys, root)
    assert code == 1 and ("BRL_001", "m") in results(doc, "failed_checks")
    assert messages(doc, "BRL_008") == [
        f"Suppression on '{EOL}': the skip of BRL_001 (line 1) expired on 2026-11-24; the check applies again."
    ]
    code, doc = scan(capsys, root, "--as-of", "2026-11-24")  # the last day it holds
    assert code == 0 and results(doc, "skipped_checks") == [("BRL_001", "m")] and not messages(doc, "BRL_008")


def test_malformed_until_never_suppresses(capsys, tmp_path):
    root = tree(tmp_path, {"a.yaml": f"m: {EOL}  # bedrock-lifecycle:skip=BRL_001:later until=2027-02-30\n"})
    code, doc = scan(capsys, root)
    assert code == 1 and not doc["results"]["skipped_checks"]
    assert "is malformed: until date '2027-02-30' is not a date (YYYY-MM-DD)" in messages(doc, "BRL_008")[0]


def test_config_file_suppressions_serve_json(capsys, tmp_path):
    root = tree(
        tmp_path,
        {
            "app.json": json.dumps({"picker": [LEGACY, EOL], "default": LEGACY}, indent=2) + "\n",
            ".bedrock-lifecycle.yaml": (
                "suppressions:\n"
                "  - path: '*.json'\n    check: BRL_003\n    resource: picker[0]\n    reason: PLAT-9\n"
                "  - path: app.json\n    check: BRL_001\n    model: anthropic.claude-v2*\n"
                "    reason: PLAT-10\n"
                "    until: 2026-11-01\n"
            ),
        },
    )
    code, doc = scan(capsys, root)
    assert results(doc, "skipped_checks") == [("BRL_003", "picker[0]")]  # [0] is literal, not a glob class
    assert ("BRL_003", "default") in results(doc, "failed_checks")
    assert code == 1 and ("BRL_001", "picker[1]") in results(doc, "failed_checks")  # expired
    assert messages(doc, "BRL_008") == [
        f"Suppression on '{EOL}': the skip of BRL_001 (.bedrock-lifecycle.yaml:6) "
        "expired on 2026-11-01; the check applies again."
    ]


def test_no_inline_skips_ignores_comments_and_the_config_file(capsys, tmp_path):
    root = tree(
        tmp_path,
        {
            "a.yaml": f"a: {LEGACY}  # checkov:skip=BRL_003\nb: {EOL}  # bedrock-lifecycle:skip=BRL_001:x\n",
            "b.json": json.dumps({"m": LEGACY}),
            ".bedrock-lifecycle.yaml": "suppressions:\n  - {path: b.json, check: BRL_003, reason: r}\n",
        },
    )
    code, doc = scan(capsys, root)
    assert code == 0 and len(doc["results"]["skipped_checks"]) == 3 and len(messages(doc, "BRL_008")) == 1
    code, doc = scan(capsys, root, "--no-inline-skips")
    assert code == 1 and doc["results"]["skipped_checks"] == [] and not messages(doc, "BRL_008")


# --- fail policy ---


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    # BRL_001 CRITICAL (fails by default), BRL_003 MEDIUM (warning), BRL_006 LOW (warning)
    return tree(
        tmp_path,
        {
            "a.yaml": f"a: {EOL}\nb: {LEGACY}\n"
            "c: arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3d4e5f6\n"
        },
    )


def failing(doc: dict) -> set[str]:
    return {r["check_id"] for r in doc["results"]["failed_checks"] if r["bedrock"]["fails_run"]}


@pytest.mark.parametrize(
    ("args", "code", "fails"),
    [
        ((), 1, {"BRL_001"}),
        (("--fail-on", "legacy"), 1, {"BRL_003"}),
        (("--fail-on", "none"), 0, set()),
        (("--soft-fail-on", "BRL_001"), 0, set()),  # soft wins for the listed ones
        (("--soft-fail-on", "CRITICAL"), 0, set()),  # a severity: it and below
        (("--hard-fail-on", "BRL_003"), 1, {"BRL_001", "BRL_003"}),  # hard forces failing on top of --fail-on
        (("--hard-fail-on", "LOW"), 1, {"BRL_001", "BRL_003", "BRL_006"}),  # a severity: it and above
        (("--hard-fail-on", "MEDIUM", "--soft-fail-on", "BRL_003"), 1, {"BRL_001"}),  # an ID beats a severity
        (("--hard-fail-on", "BRL_001", "--soft-fail-on", "BRL_001"), 1, {"BRL_001"}),  # hard ID beats soft ID
        (("--soft-fail-on", "HIGH", "--hard-fail-on", "CRITICAL"), 1, {"BRL_001"}),  # hard severity first
        (("--soft-fail",), 0, set()),
        (
            ("--soft-fail", "--hard-fail-on", "BRL_001"),
            1,
            {"BRL_001"},
        ),  # Checkov: --hard-fail-on beats --soft-fail
    ],
)
def test_fail_policy(capsys, mixed, args, code, fails):
    got, doc = scan(capsys, mixed, *args)
    assert (got, failing(doc)) == (code, fails)


def test_sarif_level_follows_the_policy_not_soft_fail(capsys, mixed):
    main(["scan", str(mixed), "--as-of", AS_OF, "-o", "sarif", "--soft-fail", "--repo-root", str(mixed)])
    levels = {r["ruleId"]: r["level"] for r in json.loads(capsys.readouterr().out)["runs"][0]["results"]}
    assert levels == {"BRL_001": "error", "BRL_003": "warning", "BRL_006": "note"}


def test_unknown_fail_on_ids_are_usage_errors(capsys, mixed):
    assert main(["scan", str(mixed), "--hard-fail-on", "BRL_999"]) == 2
    assert "unknown check ID" in capsys.readouterr().err
