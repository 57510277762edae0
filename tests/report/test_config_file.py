"""The config file: discovery, validation with key paths, unknown keys warned, the command line wins."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from bedrock_lifecycle import config_file
from bedrock_lifecycle.cli import _scan_options, main
from bedrock_lifecycle.errors import ConfigError

AS_OF = "2026-11-25"
LEGACY = "models:\n  a: anthropic.claude-sonnet-4-5-20250929-v1:0\n"  # Legacy as of AS_OF: warns by default


def scan(capsys, root: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["scan", str(root), "--as-of", AS_OF, "--jobs", "1", *extra])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "svc" / "infra").mkdir(parents=True)
    (tmp_path / "svc" / "infra" / "app.yaml").write_text(LEGACY)
    return tmp_path


def test_discovery_walks_up_to_the_repository_root(repo):
    start = repo / "svc" / "infra"
    assert config_file.discover(str(start), str(repo)) is None
    (repo / ".bedrock-lifecycle.yaml").write_text("fail_on: legacy\n")
    assert config_file.discover(str(start), str(repo)) == str(repo / ".bedrock-lifecycle.yaml")
    (repo / "svc" / "pyproject.toml").write_text("[tool.bedrock-lifecycle]\nfail_on = ['eol']\n")
    assert config_file.discover(str(start), str(repo)) == str(repo / "svc" / "pyproject.toml")  # nearest wins
    (repo / "svc" / "pyproject.toml").write_text('[project]\ndependencies = ["bedrock-lifecycle>=1"]\n')
    assert config_file.discover(str(start), str(repo)) == str(repo / ".bedrock-lifecycle.yaml")
    assert config_file.find_repo_root(str(start)) == str(repo)


def test_discovery_never_leaves_the_repository_or_a_bare_scan_root(tmp_path):
    (tmp_path / ".bedrock-lifecycle.yaml").write_text("fail_on: legacy\n")
    inner = tmp_path / "repo"
    (inner / ".git").mkdir(parents=True)
    assert config_file.discover(str(inner), str(inner)) is None
    bare = tmp_path / "bare" / "dir"
    bare.mkdir(parents=True)
    assert config_file.discover(str(bare), None) is None  # no .git: only the scan root itself


def test_file_applies_and_the_command_line_overrides_it(capsys, repo):
    root = repo / "svc" / "infra"
    assert scan(capsys, root)[0] == 0
    (repo / ".bedrock-lifecycle.yaml").write_text("fail-on: [legacy]\nwarn_days: 200\n")
    code, out, _ = scan(capsys, root, "-o", "json")
    failed = {r["check_id"] for r in json.loads(out)["results"]["failed_checks"]}
    assert code == 1 and failed == {"BRL_003", "BRL_004"}  # EOL 2027-04-08 is within 200 days
    code, out, _ = scan(capsys, root, "-o", "json", "--fail-on", "eol", "--warn-days", "90")
    assert code == 0 and {r["check_id"] for r in json.loads(out)["results"]["failed_checks"]} == {"BRL_003"}


def test_pyproject_table(capsys, repo):
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.bedrock-lifecycle]\nfail_on = "legacy"\nas_of = 2026-01-01\n'
    )
    code, out, _ = scan(capsys, repo / "svc" / "infra", "-o", "json")
    assert code == 1  # legacy fails per the file ...
    assert json.loads(out)["summary"]["as_of"] == AS_OF  # ... and --as-of on the command line wins


def test_unknown_keys_are_warned_with_their_location(capsys, repo):
    (repo / ".bedrock-lifecycle.yaml").write_text(
        "# settings\nfial_on: eol\nsuppressions:\n  - path: '*'\n    check: BRL_003\n    reason: r\n    reson: typo\n"
    )
    code, _, err = scan(capsys, repo / "svc" / "infra")
    cfg = repo / ".bedrock-lifecycle.yaml"
    assert code == 0
    assert f"warning: {cfg}:2: fial_on: unknown key 'fial_on' (ignored); did you mean 'fail_on'?" in err
    assert f"warning: {cfg}:7: suppressions[0].reson: unknown key 'reson' in a suppression (ignored)" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("warn_days: ninety\n", ":1: warn_days: expected a whole number >= 0, got 'ninety'"),
        ("soft_fail: maybe\n", ":1: soft_fail: expected true or false, got 'maybe'"),
        ("as_of: 25/11/2026\n", ":1: as_of: expected a date (YYYY-MM-DD)"),
        ("check: [BRL_001, BRL_099]\n", ":1: check: unknown check ID(s) or severities BRL_099"),
        ("fail_on: [eol, sometimes]\n", ":1: fail_on: unknown fail-on class(es) sometimes"),
        ("output: [sarif, pdf]\n", ":1: output: unknown output format(s) pdf"),
        ("skip_path: ['(']\n", ":1: skip_path[0]: not a regular expression"),
        ("suppressions:\n  - path: a.json\n    check: BRL_003\n", ":2: suppressions[0]: missing 'reason'"),
        (
            "suppressions:\n  - {path: a.json, check: BRL_03, reason: r}\n",
            ":2: suppressions[0].check: unknown check ID",
        ),
        (
            "suppressions:\n  - path: a.json\n    check: BRL_003\n    reason: r\n    until: 2027-13-01\n",
            ":5: suppressions[0].until: expected a date",
        ),
        ("- just\n- a list\n", ".bedrock-lifecycle.yaml:1: expected a mapping"),
        ("a: [\n", ": not valid YAML"),
    ],
)
def test_invalid_values_exit_2_with_the_key_path(capsys, repo, text, message):
    (repo / ".bedrock-lifecycle.yaml").write_text(text)
    code, out, err = scan(capsys, repo / "svc" / "infra")
    assert code == 2 and out == ""
    assert message in err and err.startswith("bedrock-lifecycle: error: ")


def test_toml_errors_name_the_table_path(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.bedrock-lifecycle]\nwarn_days = -1\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml: tool.bedrock-lifecycle.warn_days: expected a whole"):
        config_file.load(str(path))


def test_explicit_config_file_and_relative_paths(capsys, repo, tmp_path):
    elsewhere = tmp_path / "ci"
    elsewhere.mkdir()
    (elsewhere / "lifecycle.yml").write_text("fail_on: legacy\noutput_file_path: out/r.json\noutput: json\n")
    code, out, _ = scan(capsys, repo / "svc" / "infra", "--config-file", str(elsewhere / "lifecycle.yml"))
    assert code == 1 and out == ""
    assert json.loads((elsewhere / "out" / "r.json").read_text())["summary"]["failed"] == 1  # relative to the file
    code, _, err = scan(capsys, repo, "--config-file", str(tmp_path / "nope.yaml"))
    assert code == 2 and "no such file" in err


def test_every_scan_option_is_settable():
    actions = _scan_options()
    settable = {n for n, a in actions.items() if a.dest not in config_file.NOT_SETTABLE}
    assert settable >= {
        "as_of",
        "warn_days",
        "fail_on",
        "hard_fail_on",
        "soft_fail_on",
        "check",
        "skip_check",
        "skip_path",
        "framework",
        "output",
        "soft_fail",
        "catalog",
        "max_file_size",
        "jobs",
        "strict",
        "baseline",
        "create_baseline",
        "no_inline_skips",
        "sarif_category",
    }
    for name, (dest, _) in config_file.OPTIONS.items():  # our converters name real options
        assert name in actions and actions[name].dest == dest, name
    v = config_file.Validator("f.yaml", config_file._Lines(), (), actions)
    assert settable <= set(config_file.OPTIONS) | set(v.actions)
    assert {"paths", "directory", "file", "config_file"}.isdisjoint(v.actions)


def test_options_without_a_converter_go_through_argparse():
    parser = argparse.ArgumentParser()
    parser.add_argument("--level", type=int, choices=(1, 2, 3))
    parser.add_argument("--tag", action="append")
    parser.add_argument("--fast", action="store_true")
    actions = {a.dest: a for a in parser._actions if a.option_strings}
    v = config_file.Validator("f.yaml", config_file._Lines(), (), actions)
    cfg = v.validate({"level": 2, "tag": ["a", "b"], "fast": True})
    assert cfg.values == {"level": 2, "tag": ["a", "b"], "fast": True}
    with pytest.raises(ConfigError, match="level: invalid choice '7'"):
        v.validate({"level": 7})
    with pytest.raises(ConfigError, match="level: invalid int value: 'x'"):
        v.validate({"level": "x"})


def test_merge_fills_only_what_the_command_line_left_unset():
    args = argparse.Namespace(fail_on=["eol"], warn_days=None, soft_fail=False, skip_path=[])
    config_file.merge(
        args,
        config_file.FileConfig("f", {"fail_on": ["legacy"], "warn_days": 30, "soft_fail": True, "skip_path": ["x"]}),
    )
    assert vars(args) == {"fail_on": ["eol"], "warn_days": 30, "soft_fail": True, "skip_path": ["x"]}


def test_the_config_and_baseline_files_are_never_scanned(capsys, repo):
    (repo / ".bedrock-lifecycle.yaml").write_text(
        "suppressions:\n  - path: '*'\n    check: BRL_003\n    model: anthropic.claude-v2\n    reason: r\n"
    )
    code, out, _ = scan(capsys, repo, "-o", "json")
    files = {r["file_path"] for b in json.loads(out)["results"].values() for r in b}
    assert files == {"/svc/infra/app.yaml"}
    code, out, _ = scan(capsys, repo / ".bedrock-lifecycle.yaml", "-o", "json")  # pre-commit passes it explicitly
    assert code == 0 and json.loads(out)["summary"]["passed"] == 0
