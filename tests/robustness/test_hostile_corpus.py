"""One test per hostile-corpus item (scripts/make_hostile_corpus.py), each a real CLI run.

Every run: ``scan repo -o json --strict --jobs 1 --as-of 2026-11-25`` in a child
process under the guard (hostile_harness.py), and every test asserts

* the exit code: 1 (the EOL reference in healthy.yaml fails the run), ORed with 4
  when a file could not be fully scanned (--strict);
* the exact diagnostics: one per problem file, with code, path and line where known;
* the exact references found (every literal in the readable parts, once);
* peak memory under MEMORY_BOUND_MIB (256 MiB; measured 25-85 MiB), no network,
  no process started, nothing opened outside the scan root.

Codes: E001 parse error (text fallback ran), E002 unreadable, E003 bad encoding,
E004 over --max-file-size, E005 binary, E006 link (loop or out of the root),
E007 internal error, E008 not a regular file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hostile_harness import CORPUS, MODEL, assert_sound, build, run_cli, scan_args, scan_item

HEALTHY = ("/healthy.yaml", CORPUS.HEALTHY_LINE)
OK, INCOMPLETE = 1, 1 | 4


def columns(run, path: str) -> set[tuple[int, int]]:
    return {
        (r["file_line_range"][0], r["bedrock"]["column"])
        for r in run.records()
        if r["file_path"] == path and r["check_id"] == "BRL_001"
    }


def test_every_item_has_a_test():
    tested = {name[len("test_") :] for name in globals() if name.startswith("test_")}
    assert set(CORPUS.ITEMS) <= tested


def test_billion_laughs(tmp_path):
    run = scan_item("billion_laughs", tmp_path)
    assert_sound(run)
    assert run.code == OK and run.diags() == set()
    # one finding per literal: the aliased list (9**9 uses) is walked once
    assert run.found_list() == sorted([HEALTHY, ("/laughs.yaml", 1), ("/laughs.yaml", 10)])


def test_deep_yaml(tmp_path):
    run = scan_item("deep_yaml", tmp_path)
    assert_sound(run)
    files = ("/block.yaml", "/flow.yaml", "/mapping.yaml")
    assert run.code == INCOMPLETE
    assert run.diags() == {("BRL_E001", f, 1) for f in files}
    assert all("maximum nesting depth" in d["message"] for d in run.report["diagnostics"])
    assert run.found() == {HEALTHY} | {(f, 1) for f in files}


def test_deep_json(tmp_path):
    run = scan_item("deep_json", tmp_path)
    assert_sound(run)
    assert run.code == OK and run.diags() == set()  # the JSON parser keeps its own stack: no limit hit
    assert run.found() == {HEALTHY, ("/deep.json", 1)}
    deep = [r for r in run.records() if r["file_path"] == "/deep.json"]
    assert all(len(r["resource"]) < 1000 for r in deep)  # key paths are capped, not 100,000 parts long


def test_deep_hcl(tmp_path):
    run = scan_item("deep_hcl", tmp_path)
    assert_sound(run)
    files = ("/tuples.tf", "/parens.tf", "/blocks.tf")
    assert run.code == INCOMPLETE
    assert run.diags() == {("BRL_E001", f, None) for f in files}
    assert run.found() == {HEALTHY} | {(f, 2) for f in files}


def test_deep_cloudformation(tmp_path):
    """FAILS (killed by the CPU limit) until extract/cloudformation.py (CloudFormation) stops copying
    ever-longer key paths in its own template walker: quadratic in depth (100,000 levels: 6.5 s;
    250,000: about 40 s). document.walk() caps its key paths for the same reason."""
    build("deep_cloudformation", tmp_path)
    run = run_cli(scan_args("repo"), tmp_path, cpu=15)
    assert_sound(run)
    assert run.code == OK and run.diags() == set()
    assert run.found() == {HEALTHY, ("/template.json", 1)}


def _scan_cfn_alias_bomb(item: str, tmp_path: Path) -> None:
    """The scan finishes in the CPU limit, within memory, and reports the shared literal once and the Agent."""
    build(item, tmp_path)
    run = run_cli(scan_args("repo"), tmp_path, cpu=15)
    assert_sound(run)
    assert run.code == OK and run.diags() == set()
    agent_line = 6 + CORPUS.CFN_BOMB_LEVELS + 4  # FoundationModel, after the Defs lines
    named = sorted(
        (
            r["file_line_range"][0],
            r["resource"],
            r["bedrock"]["attribute"].split(".")[0],
            r["bedrock"]["possible_value"],
        )
        for r in run.records()
        if r["file_path"] == "/template.yaml" and r["check_id"] == "BRL_001"
    )
    # the shared literal is one possible value of Extra, reported once (not once per path to it)
    assert named == [
        (6, "AWS::Bedrock::Agent.Agent", "Extra", True),
        (agent_line, "AWS::Bedrock::Agent.Agent", "FoundationModel", False),
    ]
    assert run.found() == {HEALTHY, ("/template.yaml", 6), ("/template.yaml", agent_line)}


def test_cfn_alias_if_bomb(tmp_path):
    """Was killed by the CPU limit: resolve/cfn.py's !If evaluated both branches at every visit of a
    shared node, 2**30 calls for a 1 KB template (18 levels took 2.5 s, 30 levels hours). Results
    are now memoised per (node, depth) within one top-level evaluation."""
    _scan_cfn_alias_bomb("cfn_alias_if_bomb", tmp_path)


def test_cfn_alias_walk_bomb(tmp_path):
    """Was killed by the CPU limit: extract/cloudformation.py's walk_node walked both map branches of
    an !If at every visit of a shared node, doubling per level under its 100-level depth cap (18
    levels: 2.8 s). A shared node is now walked once per (attribute, possibility, depth)."""
    _scan_cfn_alias_bomb("cfn_alias_walk_bomb", tmp_path)


def test_pathological_source(tmp_path):
    """Source files that once made the hand-written lexer quadratic (each nested `${ re-blanked the whole
    text; each block comment on a long line re-read the line from its start): 20,000 nested template
    literals took 70 s, 200 KB of /* comments on one line 41 s. The tree-sitter reader must stay linear:
    it descends to each literal once (no parent climbing) and finds a comment's line lead-in once."""
    build("pathological_source", tmp_path)
    run = run_cli(scan_args("repo"), tmp_path, cpu=15)
    assert_sound(run)
    assert run.code == OK and run.diags() == set()
    assert run.found() == {HEALTHY, ("/nested.ts", 1), ("/comments.go", 3)}


def test_reference_flood(tmp_path):
    """Memory grows with the references found (five JSON records each), not more: 10,000 of them in
    a 400 KB file peak at about 200 MiB. (A 2 MiB file of 50,000: 876 MiB; 2.2 GB before report/json_.py
    encoded records one at a time.)"""
    run = scan_item("reference_flood", tmp_path)
    assert run.code == OK and run.diags() == set() and run.forbidden() == []
    assert run.maxrss_mib < 400, run.maxrss_mib
    lines = [line for path, line in run.found_list() if path == "/models.yaml"]
    assert lines == list(range(1, 10_001))


def test_big_json(tmp_path):
    """50 MB on one line: skipped by the default 2 MiB limit, with a diagnostic that says so.

    Only max-file-size + 1 bytes are read (memory stays at the baseline); scanning it with a
    raised limit works too (measured: 1.4 GB peak, 29 s), too slow for this suite.
    """
    run = scan_item("big_json", tmp_path)
    assert_sound(run)
    assert (tmp_path / "repo" / "big.json").stat().st_size > 49_000_000
    assert run.code == INCOMPLETE and run.diags() == {("BRL_E004", "/big.json", None)}
    message = run.report["diagnostics"][0]["message"]
    assert "not scanned" in message and "--max-file-size" in message
    assert run.found() == {HEALTHY}


def test_huge_file(tmp_path):
    run = scan_item("huge_file", tmp_path)
    assert_sound(run)
    assert run.code == INCOMPLETE and run.diags() == {("BRL_E004", "/huge.yaml", None)}
    assert "not scanned" in run.report["diagnostics"][0]["message"]
    assert run.found() == {HEALTHY}
    # scanned with a raised limit: the ID on the last line is found on its line
    raised = run_cli(scan_args("repo", "--max-file-size", str(4 * 1024 * 1024)), tmp_path)
    assert_sound(raised)
    assert raised.code == OK and raised.diags() == set()
    assert raised.found() == {HEALTHY, ("/huge.yaml", 100_001)}


def test_binary_named(tmp_path):
    """NUL bytes mean binary: not parsed, but scanned as text, so a NUL cannot hide a model ID."""
    run = scan_item("binary_named", tmp_path)
    assert_sound(run)
    assert run.code == INCOMPLETE
    assert run.diags() == {("BRL_E005", "/main.tf", None), ("BRL_E005", "/values.yaml", None)}
    assert all("scanned as text" in d["message"] for d in run.report["diagnostics"])
    assert {p for p, _line in run.found()} == {"/healthy.yaml", "/main.tf", "/values.yaml"}
    assert ("/values.yaml", 2) in run.found()


def test_utf16(tmp_path):
    run = scan_item("utf16", tmp_path)
    assert_sound(run)
    assert run.code == INCOMPLETE and run.diags() == {("BRL_E003", "/lone.yaml", 2)}
    assert run.found() == {HEALTHY, ("/le.yaml", 3), ("/be.yaml", 3), ("/lone.yaml", 3)}
    assert columns(run, "/le.yaml") == columns(run, "/be.yaml") == {(3, 11)}


def test_latin1(tmp_path):
    run = scan_item("latin1", tmp_path)
    assert_sound(run)
    assert run.code == INCOMPLETE and run.diags() == {("BRL_E003", "/latin1.yaml", 1)}
    assert run.found() == {HEALTHY, ("/latin1.yaml", 3)}


def test_utf8_bom(tmp_path):
    run = scan_item("utf8_bom", tmp_path)
    assert_sound(run)
    assert run.code == OK and run.diags() == set()
    assert columns(run, "/bom.yaml") == {(1, 11)}
    assert columns(run, "/bom.json") == {(1, 15)}
    assert columns(run, "/bom.tf") == {(2, 23)}


def test_invalid_utf8_template(tmp_path):
    run = scan_item("invalid_utf8_template", tmp_path)
    assert_sound(run)
    assert run.code == INCOMPLETE and run.diags() == {("BRL_E003", "/template.yaml", 7)}
    assert run.found() == {HEALTHY, ("/template.yaml", 6), ("/template.yaml", 11)}
    # still read as a CloudFormation template: the resources are named
    assert {r["resource"] for r in run.records() if r["file_path"] == "/template.yaml"} == {
        "AWS::Bedrock::Agent.First",
        "AWS::Bedrock::Agent.Second",
    }


def test_nul_bytes(tmp_path):
    run = scan_item("nul_bytes", tmp_path)
    assert_sound(run)
    assert run.code == INCOMPLETE
    assert run.diags() == {("BRL_E005", "/early.yaml", None), ("BRL_E001", "/late.yaml", 201)}
    assert run.found() == {HEALTHY, ("/early.yaml", 2), ("/late.yaml", 202)}


def test_line_endings(tmp_path):
    run = scan_item("line_endings", tmp_path)
    assert_sound(run)
    assert run.code == OK and run.diags() == set()  # CRLF .tf files parse (HCL's grammar sees LF only)
    expected_col = {"yaml": 11, "json": 16, "env": 10, "tf": 23, "py": 13}
    for tag in ("crlf", "cr"):
        for ext, col in expected_col.items():
            assert columns(run, f"/{tag}.{ext}") == {(3, col)}, (tag, ext)


def test_unterminated(tmp_path):
    run = scan_item("unterminated", tmp_path)
    assert_sound(run)
    assert run.code == INCOMPLETE
    assert run.found() == {
        HEALTHY,
        ("/unterminated_heredoc.tf", 3),
        ("/unterminated_string.tf", 3),
        ("/unterminated_string.json", 2),
        ("/unterminated_quote.yaml", 1),
        ("/quote.env", 1),
        ("/string.py", 1),
    }
    diags = run.diags()
    assert {(code, path) for code, path, _line in diags} == {
        ("BRL_E001", "/unterminated_heredoc.tf"),
        ("BRL_E001", "/unterminated_string.tf"),
        ("BRL_E001", "/unterminated_string.json"),
        ("BRL_E001", "/unterminated_quote.yaml"),
        ("BRL_E001", "/string.py"),
    }  # a .env value has no syntax to break
    assert all(line is not None for _code, _path, line in diags)
    assert ("BRL_E001", "/unterminated_quote.yaml", 3) in diags and ("BRL_E001", "/string.py", 2) in diags


def test_reports_never_echo_the_broken_text(tmp_path):
    """Parse errors name a position, not the text there: a secret in a broken file stays out of reports.

    FAILS until parsers/hcl.py (Terraform) stops quoting lark's token text in its messages: an
    unterminated heredoc puts the rest of the file, SECRET-TOKEN included, into the diagnostic.
    """
    root, _outside = build("unterminated", tmp_path)
    assert CORPUS.SECRET in (root / "unterminated_heredoc.tf").read_text()
    leaks = {}
    for fmt in ("json", "cli", "sarif"):
        run = run_cli(["scan", "repo", "-o", fmt, "--as-of", "2026-11-25", "--jobs", "1"], tmp_path)
        assert run.code == 1, run.stderr
        leaks[fmt] = sorted({line.strip()[:160] for line in run.stdout.splitlines() if CORPUS.SECRET in line})
    assert leaks == {"json": [], "cli": [], "sarif": []}


def test_duplicate_keys(tmp_path):
    run = scan_item("duplicate_keys", tmp_path)
    assert_sound(run)
    assert run.code == INCOMPLETE and run.diags() == {("BRL_E001", "/duplicate_keys.yaml", 4)}
    assert run.found() == {HEALTHY, ("/duplicate_keys.yaml", 2), ("/duplicate_keys.yaml", 4)}


def test_unknown_tags(tmp_path):
    """!!python/object/apply:os.system would create a marker file if it were ever constructed."""
    run = scan_item("unknown_tags", tmp_path)
    assert_sound(run, tmp_path / "outside")
    marker = tmp_path / "outside" / CORPUS.MARKER
    assert str(marker) in (tmp_path / "repo" / "tags.yaml").read_text()
    assert not marker.exists()
    assert run.code == OK and run.diags() == set()
    assert run.found() == {HEALTHY, ("/tags.yaml", 1), ("/tags.yaml", 6)}


def test_cfn_tags_everywhere(tmp_path):
    run = scan_item("cfn_tags_everywhere", tmp_path)
    assert_sound(run)
    assert run.code == INCOMPLETE
    # an unknown tag makes the template invalid CloudFormation: one diagnostic, then the text fallback
    assert run.diags() == {("BRL_E001", "/cfn_tags_everywhere.yaml", 3)}
    assert run.found() == {
        HEALTHY,
        ("/cfn_tags_everywhere.yaml", 6),
        ("/cfn_tags_everywhere.yaml", 15),
        ("/cfn_tags_everywhere.yaml", 25),
        ("/cfn_known_tags_everywhere.yaml", 6),
        ("/cfn_known_tags_everywhere.yaml", 10),
    }
    known = {r["resource"] for r in run.records() if r["file_path"] == "/cfn_known_tags_everywhere.yaml"}
    assert "AWS::Bedrock::Agent.Agent" in known  # known tags on every node: still read as a template


def test_symlink_loops(tmp_path):
    run = scan_item("symlink_loops", tmp_path)
    assert_sound(run)
    assert run.code == INCOMPLETE
    assert run.diags() == {("BRL_E006", p, None) for p in ("/self.yaml", "/loop_a.yaml", "/loop_b.yaml", "/dir/up")}
    assert run.found_list() == sorted([HEALTHY, ("/dir/inner.yaml", 1)])  # once, not once per loop


def test_symlink_outside(tmp_path):
    run = scan_item("symlink_outside", tmp_path)
    outside = tmp_path / "outside"
    assert_sound(run, outside)
    assert run.code == INCOMPLETE
    assert run.diags() == {("BRL_E006", p, None) for p in ("/passwd.yaml", "/secret.yaml", "/etc", "/nested/up")}
    assert all("outside the scan root" in d["message"] for d in run.report["diagnostics"])
    assert run.found() == {HEALTHY}


def test_unreadable(tmp_path):
    """Permission 000. Root reads such files anyway (CAP_DAC_OVERRIDE), so as root the guard makes
    open() and os.scandir() of those two paths fail with EACCES inside the scan process: the same
    error at the same boundary (scan.read_text, discover's directory listing) a user would get."""
    root, _outside = build("unreadable", tmp_path)
    locked = (root / "secret.yaml", root / "locked")
    deny = locked if os.geteuid() == 0 else ()
    try:
        run = run_cli(scan_args("repo"), tmp_path, deny=deny)
    finally:
        for p in locked:
            p.chmod(0o755)
    assert_sound(run)
    assert run.code == INCOMPLETE
    assert run.diags() == {("BRL_E002", "/secret.yaml", None), ("BRL_E002", "/locked", None)}
    assert all("Permission denied" in d["message"] for d in run.report["diagnostics"])
    assert run.found() == {HEALTHY}


def test_special_files(tmp_path):
    root, _outside = build("special_files", tmp_path)
    has_device, has_socket = (root / "device.yaml").exists(), (root / "socket.yaml").exists()
    if not (has_device and has_socket):
        print(f"device.yaml created: {has_device} (needs CAP_MKNOD); socket.yaml: {has_socket}")
    run = run_cli(scan_args("repo"), tmp_path)
    assert_sound(run)
    assert run.code == INCOMPLETE
    special = {"/fifo.yaml"} | ({"/socket.yaml"} if has_socket else set()) | ({"/device.yaml"} if has_device else set())
    assert run.diags() == {("BRL_E008", p, None) for p in special} | {("BRL_E006", "/zero.yaml", None)}
    opened = {os.path.basename(p) for p in run.opened()}
    assert opened.isdisjoint({"fifo.yaml", "socket.yaml", "device.yaml", "zero.yaml", "zero"})
    assert run.found() == {HEALTHY}
    if has_device:
        assert stat.S_ISCHR((root / "device.yaml").lstat().st_mode)


def test_odd_names(tmp_path):
    run = scan_item("odd_names", tmp_path)
    assert_sound(run)
    assert run.code == OK and run.diags() == set()
    assert run.found() == {HEALTHY} | {("/" + name, 1) for name in CORPUS.ODD_NAMES}


def test_long_paths(tmp_path):
    run = scan_item("long_paths", tmp_path)
    assert_sound(run)
    long_file = "/" + "/".join(["d" * 50] * 6) + "/model.yaml"
    assert len(long_file) > 255
    assert run.found() == {HEALTHY, (long_file, 1), ("/" + "n" * 250 + ".yaml", 1)}
    # the directory chain beyond PATH_MAX: one diagnostic where listing fails, not a crash
    assert run.code == INCOMPLETE
    [diag] = run.report["diagnostics"]
    assert diag["code"] == "BRL_E002" and diag["file_path"].startswith("/" + "p" * 250)
    assert "too long" in diag["message"]


def test_empty_files(tmp_path):
    run = scan_item("empty_files", tmp_path)
    assert_sound(run)
    assert run.code == OK and run.diags() == set()
    assert run.found() == {HEALTHY}


# --- the whole corpus at once, in parallel ---


def test_whole_corpus_in_one_parallel_scan(tmp_path):
    """Every small item side by side, scanned with two worker processes: the per-item results hold."""
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    # the large and the slow items have their own runs; here they would only add seconds
    skip = {"big_json", "huge_file", "reference_flood", "deep_cloudformation", "pathological_source"}
    deny: list[Path] = []
    for name in CORPUS.ITEMS:
        if name not in skip:
            CORPUS.make(name, repo / name, outside / name)
    unreadable = (repo / "unreadable" / "secret.yaml", repo / "unreadable" / "locked")
    if os.geteuid() == 0:
        deny += unreadable
    try:
        run = run_cli(
            ["scan", "repo", "-o", "json", "--as-of", "2026-11-25", "--strict", "--jobs", "2"],
            tmp_path,
            deny=tuple(deny),
        )
    finally:
        for p in unreadable:
            p.chmod(0o755)
    assert run.code == INCOMPLETE, run.stderr[-2000:]
    assert run.maxrss_mib < 256 and run.forbidden() == []
    real = os.path.realpath(outside)
    assert [p for p in run.opened() if os.path.realpath(p).startswith(real)] == []
    found = run.found()
    for name in CORPUS.ITEMS:
        if name not in skip:
            assert (f"/{name}/healthy.yaml", CORPUS.HEALTHY_LINE) in found, name
    assert ("/billion_laughs/laughs.yaml", 10) in found and ("/line_endings/crlf.tf", 3) in found
    assert not (outside / "unknown_tags" / CORPUS.MARKER).exists()
    codes = {d["code"] for d in run.report["diagnostics"]}
    assert codes == {"BRL_E001", "BRL_E002", "BRL_E003", "BRL_E005", "BRL_E006", "BRL_E008"}


# --- a crash inside the pipeline becomes a diagnostic ---


@pytest.fixture
def small_repo(tmp_path):
    (tmp_path / "a.yaml").write_text(f"model_id: {MODEL}\n")
    (tmp_path / "b.json").write_text(f'{{"model_id": "{MODEL}"}}\n')
    return tmp_path


def _cli(monkeypatch, capsys, root, *extra):
    import json

    from bedrock_lifecycle.cli import main

    monkeypatch.chdir(root)
    code = main(["scan", ".", "-o", "json", "--as-of", "2026-11-25", "--jobs", "1", *extra])
    return code, json.loads(capsys.readouterr().out)


def _diag_tuples(doc):
    return {(d["code"], d["file_path"], d["line"]) for d in doc["diagnostics"]}


def _failed(doc):
    return {
        (r["file_path"], r["file_line_range"][0]) for r in doc["results"]["failed_checks"] if r["check_id"] == "BRL_001"
    }


def test_parser_crash_is_an_internal_error_for_that_file(monkeypatch, capsys, small_repo):
    from bedrock_lifecycle.parsers.yaml_doc import YamlParser

    def boom(self, path, text):
        raise ValueError("injected parser bug")

    monkeypatch.setattr(YamlParser, "parse", boom)
    code, doc = _cli(monkeypatch, capsys, small_repo, "--strict")
    assert code == 1 | 4
    [diag] = doc["diagnostics"]
    assert (diag["code"], diag["file_path"]) == ("BRL_E007", "/a.yaml")
    assert diag["message"].startswith("internal error in yaml parser: ValueError: injected parser bug")
    assert _failed(doc) == {("/a.yaml", 1), ("/b.json", 1)}  # the text fallback still found a.yaml's
    code, _doc = _cli(monkeypatch, capsys, small_repo)
    assert code == 1  # without --strict the incomplete scan does not change the exit code


def test_extractor_crash_is_an_internal_error_for_that_file(monkeypatch, capsys, small_repo):
    import bedrock_lifecycle.scan as scan_mod

    real = scan_mod.extract

    def flaky(doc, recognizer, ctx):
        if doc.kind == "json":
            raise KeyError("injected extractor bug")
        return real(doc, recognizer, ctx)

    monkeypatch.setattr(scan_mod, "extract", flaky)
    code, doc = _cli(monkeypatch, capsys, small_repo, "--strict")
    assert code == 1 | 4
    assert _diag_tuples(doc) == {("BRL_E007", "/b.json", None)}
    assert "internal error in json extractor" in doc["diagnostics"][0]["message"]
    assert ("/a.yaml", 1) in _failed(doc)


def test_check_crash_is_an_internal_error_for_that_reference(monkeypatch, capsys, small_repo):
    from bedrock_lifecycle.policies import POLICY_BY_ID

    policy = POLICY_BY_ID["BRL_003"]

    def boom(res, ctx):
        raise ZeroDivisionError("injected check bug")

    monkeypatch.setattr(policy, "evaluate", boom)
    code, doc = _cli(monkeypatch, capsys, small_repo, "--strict")
    assert code == 1 | 4
    assert _diag_tuples(doc) == {("BRL_E007", "/a.yaml", 1), ("BRL_E007", "/b.json", 1)}
    assert all(
        d["message"].startswith("internal error in check BRL_003: ZeroDivisionError") for d in doc["diagnostics"]
    )
    assert _failed(doc) == {("/a.yaml", 1), ("/b.json", 1)}  # the other checks still ran


def test_resolver_crash_is_an_internal_error_for_that_reference(monkeypatch, capsys, small_repo):
    import bedrock_lifecycle.scan as scan_mod

    def boom(ref, parsed, catalog, as_of):
        raise RuntimeError("injected resolver bug")

    monkeypatch.setattr(scan_mod, "resolve", boom)
    code, doc = _cli(monkeypatch, capsys, small_repo, "--strict")
    assert code == 4
    assert _diag_tuples(doc) == {("BRL_E007", "/a.yaml", 1), ("BRL_E007", "/b.json", 1)}
    assert "internal error in resolver: RuntimeError" in doc["diagnostics"][0]["message"]


def test_the_guard_refuses_network_and_processes(tmp_path):
    """The guard must be able to fail a test: a socket and a subprocess are refused and logged."""
    code = (
        "import socket, subprocess\n"
        "for f in (lambda: socket.socket(), lambda: subprocess.run(['true'])):\n"
        "    try:\n        f()\n    except RuntimeError:\n        pass\n"
    )
    run = run_cli(["-c", code], tmp_path, module=False)
    assert run.code == 0, run.stderr
    assert [line.split("\t")[1] for line in run.forbidden()] == ["socket.__new__", "subprocess.Popen"]
