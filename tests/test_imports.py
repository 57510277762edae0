"""Start-up stays light: the CLI module imports no heavy library (checked, not timed)."""

from __future__ import annotations

import subprocess
import sys

from bedrock_lifecycle.parsers.treesitter import GRAMMARS

HEAVY = {"boto3", "botocore", "checkov", "hcl2", "lark", "yaml", "jsonschema", "tree_sitter"}
HEAVY |= {module for module, _ in GRAMMARS.values()}  # every tree-sitter grammar wheel


def _loaded(code: str) -> list[str]:
    probe = f"{code}; import sys; print(sorted({{m.split('.')[0] for m in sys.modules}} & set({sorted(HEAVY)!r})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return eval(out.strip().splitlines()[-1])  # the printed list of names (last line)


def test_cli_import_loads_no_heavy_module():
    assert _loaded("import bedrock_lifecycle.cli") == []


def test_scan_of_json_only_tree_never_imports_yaml_or_hcl(tmp_path):
    (tmp_path / "a.json").write_text('{"m": "anthropic.claude-v2"}')
    code = f"from bedrock_lifecycle.cli import main; main(['scan', {str(tmp_path)!r}, '-o', 'json'])"
    assert _loaded(code) == []


def test_a_dockerfile_loads_its_grammars_only(tmp_path):
    """A Dockerfile loads tree-sitter with the Dockerfile and bash grammars (its RUN line), and nothing else;
    a Dockerfile without a model ID (the prefilter) loads none."""
    (tmp_path / "Dockerfile").write_text("FROM python:3.12\nRUN serve --model anthropic.claude-v2\n")
    (tmp_path / "plain" / "Dockerfile").parent.mkdir()
    (tmp_path / "plain" / "Dockerfile").write_text("FROM python:3.12\nRUN pip install boto3\n")
    code = f"from bedrock_lifecycle.cli import main; main(['scan', {str(tmp_path)!r}, '-o', 'json', '--jobs', '1'])"
    assert _loaded(code) == ["tree_sitter", "tree_sitter_bash", "tree_sitter_dockerfile"]
    code = f"from bedrock_lifecycle.cli import main; main(['scan', {str(tmp_path / 'plain')!r}, '-o', 'json'])"
    assert _loaded(code) == []


def test_core_modules_do_not_import_each_other_backwards():
    """parsers import only model/document/errors; policies and reports never import a parser; the
    diagnostic-code registry imports nothing of the package."""
    import ast
    from pathlib import Path

    src = Path(__file__).resolve().parent.parent / "src" / "bedrock_lifecycle"
    rules = {
        "parsers": {"parsers", "model", "document", "errors"},
        "policies": {"policies", "model"},
        "report": {"report", "model", "policies", "inventory", "diagnostics", "migrate", "coverage"},
        "coverage": {"model"},
        "diagnostics": set(),
    }  # inventory: per-model view of a result; migrate: the assistant's proposals and plan (the CLI computes edits);
    # coverage: counts of a result's file records
    for name, allowed in rules.items():
        module = src / f"{name}.py"
        for path in [module] if module.exists() else (src / name).glob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bedrock_lifecycle."):
                    top = node.module.split(".")[1]
                    assert top in allowed, f"{path.name} imports {node.module}"
                    if name == "report" and top == "migrate":  # never the rewriting engine itself
                        names = node.module.split(".")[2:3] or [a.name for a in node.names]
                        assert set(names) <= {"plan", "proposals"}, f"{path.name} imports {node.module}"


def test_parser_registry_loads_no_reader_until_a_file_needs_it():
    """The registry holds light parser classes; the HCL tree and converter and the source readers load on
    the first file of their kind (start-up of a one-file scan, tests/performance)."""
    lazy = ["hcl_ast", "hcl_ts", "source_ts", "source_python", "tf_json"]
    probe = (
        "import sys, bedrock_lifecycle.parsers as p; "
        "assert p.parser_for('main.tf') and p.parser_for('app.ts'); "
        f"print(sorted(m for m in {lazy!r} if 'bedrock_lifecycle.parsers.' + m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
