"""Rewrite rules on small repositories: what is never rewritten, and how the form is kept."""

from __future__ import annotations

from pathlib import Path

from fix_snapshots import run_fix


def _case(tmp_path: Path, name: str, text: str) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_a_custom_model_arn_is_never_rewritten(tmp_path: Path) -> None:
    arn = "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abcdefghijkl"
    case = _case(tmp_path, "models.yaml", f"tuned: {arn}\n")
    code, diff, notes = run_fix(case, "--unsafe")
    assert diff == "" and code == 1
    assert "a custom model is trained on its base model; re-create it on the replacement" in notes


def test_arn_partition_region_and_account_are_kept(tmp_path: Path) -> None:
    arn = (
        "arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0"
    )
    case = _case(tmp_path, "models.yaml", f"profile: '{arn}'\n")
    _, diff, _ = run_fix(case)
    assert (
        "+profile: 'arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/"
        "us.anthropic.claude-haiku-4-5-20251001-v1:0'" in diff
    )


def test_upper_case_reference_and_surrounding_text_stay(tmp_path: Path) -> None:
    case = _case(tmp_path, ".env", "IMAGE_MODEL_ID=stability.stable-image-core-v1:0 # pinned\n")
    _, diff, _ = run_fix(case)
    assert "+IMAGE_MODEL_ID=stability.stable-image-core-v1:1 # pinned" in diff


def test_a_file_changed_after_the_scan_is_not_overwritten(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from bedrock_lifecycle.migrate import rewrite

    case = _case(tmp_path, "models.yaml", "image: stability.stable-image-core-v1:0\n")
    real = rewrite.read_source

    def changed_underneath(path: str) -> rewrite.SourceFile:
        source = real(path)
        if path.endswith("models.yaml") and "core-v1:0" in source.text:
            (case / "repo" / "models.yaml").write_text("image: stability.stable-image-ultra-v1:0\n", encoding="utf-8")
        return source

    monkeypatch.setattr(rewrite, "read_source", changed_underneath)
    code, _, notes = run_fix(case, "--write")
    assert code == 2
    assert "fix stopped: models.yaml:1: the file changed since it was scanned" in notes
    assert (case / "repo" / "models.yaml").read_text(encoding="utf-8") == "image: stability.stable-image-ultra-v1:0\n"


def test_the_config_file_applies_as_for_scan(tmp_path: Path) -> None:
    case = _case(
        tmp_path,
        "models.yaml",
        "chat: us.anthropic.claude-3-haiku-20240307-v1:0\nimage: stability.stable-image-core-v1:0\n",
    )
    (case / "repo" / ".bedrock-lifecycle.yaml").write_text(
        "suppressions:\n"
        "  - path: models.yaml\n"
        "    check: BRL_001\n"
        "    resource: image\n"
        "    reason: the image service is retired in Q1 (IMG-9)\n",
        encoding="utf-8",
    )
    code, diff, _ = run_fix(case)
    assert "+chat: us.anthropic.claude-haiku-4-5-20251001-v1:0" in diff and "+image:" not in diff
    (case / "repo" / ".bedrock-lifecycle.yaml").write_text("fail_on: none\n", encoding="utf-8")
    code, diff, notes = run_fix(case)
    assert (code, diff) == (0, "")
