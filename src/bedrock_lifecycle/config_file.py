"""The config file: ``.bedrock-lifecycle.yaml`` or ``[tool.bedrock-lifecycle]`` in ``pyproject.toml``.

Found by walking up from the scan root to the repository root (the first
directory holding ``.git``; without one, only the scan root is looked at, so a
stray file in /tmp or $HOME never changes a scan), or named with
``--config-file``. Keys are the scan command's long options (``fail_on`` or
``fail-on``) plus ``suppressions:``. Validation is done here, once, in the
style of cfgv: a wrong value is a ConfigError naming the file, the line and the
key path (exit 2); an unknown key is a warning with its location, never an
error, so an older tool reads a newer team's file. The command line overrides
the file: the CLI merges only the options it was not given. The YAML is
composed by our own parser (never constructed), so nothing in the file runs.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
from argparse import Namespace
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bedrock_lifecycle.errors import ConfigError
from bedrock_lifecycle.paths import within
from bedrock_lifecycle.suppress import SuppressionRule

LOG = logging.getLogger(__name__)

CONFIG_NAMES = (".bedrock-lifecycle.yaml", ".bedrock-lifecycle.yml")
PYPROJECT = "pyproject.toml"
TOOL_TABLE = "bedrock-lifecycle"
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class FileConfig:
    path: str  # the file read
    values: dict[str, Any]  # argparse dest -> value in the shape the CLI would have produced
    suppressions: tuple[SuppressionRule, ...] = ()
    warnings: tuple[str, ...] = ()


# --- discovery ---


def find_repo_root(start: str) -> str | None:
    """The nearest directory at or above ``start`` holding ``.git`` (a directory, or a worktree's file)."""
    current = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def discover(start: str, stop: str | None) -> str | None:
    """The config file nearest the scan root, looking no higher than ``stop`` (the repository root)."""
    current = os.path.abspath(start)
    top = os.path.abspath(stop) if stop else current
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(current, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(current, PYPROJECT)
        if os.path.isfile(pyproject) and _has_tool_table(pyproject):
            return pyproject
        parent = os.path.dirname(current)
        if current == top or parent == current or not within(current, top):
            return None
        current = parent


def _has_tool_table(path: str) -> bool:
    """Whether a pyproject.toml has [tool.bedrock-lifecycle] (not merely our name, e.g. as a dependency)."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    if b"bedrock-lifecycle" not in data:
        return False
    try:
        import importlib

        doc = importlib.import_module("tomllib").loads(data.decode("utf-8"))
    except (ImportError, ValueError):  # 3.10 or a broken file: let load() say what is wrong, if it is ours
        return re.search(rb'^\s*\[\s*tool\s*\.\s*"?bedrock-lifecycle', data, re.MULTILINE) is not None
    tool = doc.get("tool")
    return isinstance(tool, dict) and TOOL_TABLE in tool


# --- reading ---


class _Lines:
    """Key path -> line number, where the format gives one (YAML yes, TOML no)."""

    def __init__(self) -> None:
        self.lines: dict[Path_, int] = {}

    def at(self, path: Path_) -> int | None:
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


def load(path: str, actions: Mapping[str, argparse.Action] | None = None) -> FileConfig:
    """Read and validate a config file. ``actions`` (option name -> argparse action of the scan
    command) makes any scan option this module has no converter for settable through argparse itself."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            text = fh.read()
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"config file {path}: not UTF-8 ({exc.reason})") from None
    lines = _Lines()
    prefix: Path_
    if path.endswith(".toml"):
        data, prefix = _toml(text, path), ("tool", TOOL_TABLE)
    else:
        data, prefix = _yaml(text, path, lines), ()
    return Validator(path, lines, prefix, actions or {}).validate(data)


def _toml(text: str, path: str) -> Any:
    import importlib

    try:
        tomllib = importlib.import_module("tomllib")
    except ImportError:  # Python 3.10: the same parser as the tomli package
        try:
            tomllib = importlib.import_module("tomli")
        except ImportError:
            raise ConfigError(
                f"{path}: reading pyproject.toml needs Python 3.11+ or the 'tomli' package; "
                "use .bedrock-lifecycle.yaml instead"
            ) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    table = doc.get("tool", {}).get(TOOL_TABLE) if isinstance(doc.get("tool"), dict) else None
    return {} if table is None else table


def _yaml(text: str, path: str, lines: _Lines) -> Any:
    from bedrock_lifecycle.document import LineIndex
    from bedrock_lifecycle.errors import ParseFailure
    from bedrock_lifecycle.parsers.yaml_doc import compose

    try:
        roots = compose(text)
    except ParseFailure as exc:
        where = f"{path}:{exc.line}" if exc.line else path
        raise ConfigError(f"{where}: not valid YAML: {exc.message}") from None
    if len(roots) > 1:
        raise ConfigError(f"{path}: expected one YAML document, found {len(roots)}")
    if not roots:
        return {}
    return _plain(roots[0], (), LineIndex(text), lines, path, 0)


def _plain(node: Any, key_path: Path_, index: Any, lines: _Lines, path: str, depth: int) -> Any:
    from bedrock_lifecycle.document import MapNode, SeqNode

    if depth > MAX_DEPTH:
        raise ConfigError(f"{path}: nesting deeper than {MAX_DEPTH} levels")
    lines.lines.setdefault(key_path, index.position(node.start)[0])
    if isinstance(node, MapNode):
        out = {}
        for k, v in node.items:
            lines.lines[key_path + (k.value,)] = index.position(k.start)[0]
            out[k.value] = _plain(v, key_path + (k.value,), index, lines, path, depth + 1)
        return out
    if isinstance(node, SeqNode):
        return [_plain(v, key_path + (i,), index, lines, path, depth + 1) for i, v in enumerate(node.items)]
    if node.is_string:
        return node.value
    return _scalar(node.value)


_BOOLS = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _scalar(text: str) -> Any:
    """A YAML scalar resolved as int/float/bool/null, the way YAML 1.1 tags it."""
    low = text.lower()
    if low in ("", "~", "null"):
        return None
    if low in _BOOLS:
        return _BOOLS[low]
    try:
        return int(text.replace("_", ""), 0)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


# --- validation ---


def _words(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [w.strip() for w in value.split(",") if w.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [w.strip() for v in value for w in v.split(",") if w.strip()]
    return None


class Validator:
    def __init__(
        self, path: str, lines: _Lines, prefix: Path_, actions: Mapping[str, argparse.Action] | None = None
    ) -> None:
        self.path = path
        self.lines = lines
        self.prefix = prefix
        self.actions = {k: a for k, a in (actions or {}).items() if k not in NOT_SETTABLE}
        self.warnings: list[str] = []

    def where(self, key_path: Path_) -> str:
        line = self.lines.at(key_path)
        shown = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.prefix + key_path).lstrip(".")
        where = f"{self.path}:{line}" if line else self.path
        return f"{where}: {shown}" if shown else where

    def fail(self, key_path: Path_, problem: str) -> ConfigError:
        return ConfigError(f"{self.where(key_path)}: {problem}")

    def warn(self, key_path: Path_, problem: str) -> None:
        self.warnings.append(f"{self.where(key_path)}: {problem}")

    def validate(self, data: Any) -> FileConfig:
        if not isinstance(data, dict):
            raise self.fail((), "expected a mapping of option names to values")
        values: dict[str, Any] = {}
        rules: tuple[SuppressionRule, ...] = ()
        for raw_key, value in data.items():
            name = str(raw_key).replace("-", "_")
            kp: Path_ = (raw_key,)
            if name == "suppressions":
                rules = self.suppressions(value, kp)
            elif name in OPTIONS:
                dest, convert = OPTIONS[name]
                values[dest] = convert(self, value, kp)
            elif name in self.actions:
                values[self.actions[name].dest] = self.via_argparse(self.actions[name], value, kp)
            else:
                hint = _close(name, self.actions)
                self.warn(kp, f"unknown key {raw_key!r} (ignored){f'; did you mean {hint!r}?' if hint else ''}")
        return FileConfig(self.path, values, rules, tuple(self.warnings))

    # converters: (validator, value, key path) -> the value argparse would have produced

    def via_argparse(self, action: argparse.Action, value: Any, kp: Path_) -> Any:
        """An option with no converter here: let its own argparse type and choices judge the value."""
        if action.nargs == 0:
            return self.boolean(value, kp)
        many = isinstance(action, argparse._AppendAction)
        items = value if many and isinstance(value, list) else [value]
        out = []
        for i, item in enumerate(items):
            ikp = kp + (i,) if many and isinstance(value, list) else kp
            if isinstance(item, (dict, list)) or item is None:
                raise self.fail(ikp, f"expected a single value, got {item!r}")
            text = (
                item.isoformat()
                if isinstance(item, date)
                else str(item).lower()
                if isinstance(item, bool)
                else str(item)
            )
            try:
                converted = action.type(text) if callable(action.type) else text
            except argparse.ArgumentTypeError as exc:
                raise self.fail(ikp, str(exc)) from None
            except (TypeError, ValueError):
                raise self.fail(ikp, f"invalid {getattr(action.type, '__name__', '')} value: {text!r}") from None
            if action.choices is not None and converted not in action.choices:
                raise self.fail(ikp, f"invalid choice {text!r}; choose from {', '.join(map(str, action.choices))}")
            out.append(converted)
        return out if many else out[0]

    def boolean(self, value: Any, kp: Path_) -> bool:
        if isinstance(value, bool):
            return value
        raise self.fail(kp, f"expected true or false, got {value!r}")

    def count(self, value: Any, kp: Path_) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise self.fail(kp, f"expected a whole number >= 0, got {value!r}")

    def day(self, value: Any, kp: Path_) -> date:
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(kp, f"expected a date (YYYY-MM-DD), got {value!r}")

    def text(self, value: Any, kp: Path_) -> str:
        if isinstance(value, str) and value:
            return value
        raise self.fail(kp, f"expected a non-empty string, got {value!r}")

    def file_path(self, value: Any, kp: Path_) -> str:
        """A path relative to the config file's directory."""
        return os.path.join(os.path.dirname(os.path.abspath(self.path)), self.text(value, kp))

    def output_paths(self, value: Any, kp: Path_) -> str:
        base = os.path.dirname(os.path.abspath(self.path))
        parts = [p.strip() for p in self.text(value, kp).split(",")]
        return ",".join(p if p == "console" else os.path.join(base, p) for p in parts)

    def word_list(self, value: Any, kp: Path_, allowed: set[str] | None, what: str, upper: bool = False) -> list[str]:
        words = _words(value)
        if words is None:
            raise self.fail(kp, f"expected a list of {what} or a comma-separated string, got {value!r}")
        if upper:
            words = [w.upper() for w in words]
        if allowed is not None:
            unknown = sorted(set(words) - allowed)
            if unknown:
                raise self.fail(kp, f"unknown {what} {', '.join(unknown)}; choose from {', '.join(sorted(allowed))}")
        return [",".join(words)] if words else []

    def checks(self, value: Any, kp: Path_) -> list[str]:
        from bedrock_lifecycle.model import Severity
        from bedrock_lifecycle.policies import POLICY_BY_ID

        return self.word_list(
            value,
            kp,
            set(POLICY_BY_ID) | {s.value for s in Severity},
            "check ID(s) or severities",
            upper=True,
        )

    def fail_on(self, value: Any, kp: Path_) -> list[str]:
        from bedrock_lifecycle.policies import FAIL_CLASSES

        return self.word_list(value, kp, set(FAIL_CLASSES) | {"all", "none"}, "fail-on class(es)")

    def frameworks(self, value: Any, kp: Path_) -> list[str]:
        from bedrock_lifecycle.config import FRAMEWORKS

        return self.word_list(value, kp, set(FRAMEWORKS) | {"all"}, "framework(s)")

    def outputs(self, value: Any, kp: Path_) -> list[str]:
        from bedrock_lifecycle.report import FORMATS

        words = self.word_list(value, kp, set(FORMATS), "output format(s)")
        return words[0].split(",") if words else []

    def regexes(self, value: Any, kp: Path_) -> list[str]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise self.fail(kp, f"expected a list of regular expressions, got {value!r}")
        for i, pattern in enumerate(items):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise self.fail(
                    kp + (i,) if isinstance(value, list) else kp, f"not a regular expression: {exc}"
                ) from None
        return list(items)

    def suppressions(self, value: Any, kp: Path_) -> tuple[SuppressionRule, ...]:
        from bedrock_lifecycle.policies import POLICY_BY_ID

        if not isinstance(value, list):
            raise self.fail(
                kp,
                "expected a list of suppressions (path, check, reason, optional resource, model and until)",
            )
        rules = []
        for i, entry in enumerate(value):
            ekp = kp + (i,)
            if not isinstance(entry, dict):
                raise self.fail(ekp, "expected a mapping with path, check and reason")
            known = {"path", "check", "check_id", "id", "reason", "until", "resource", "model"}
            for k in entry:
                if k not in known:
                    self.warn(ekp + (k,), f"unknown key {k!r} in a suppression (ignored)")
            check_key = next((k for k in ("check", "check_id", "id") if k in entry), "check")
            for required in ("path", check_key, "reason"):
                if required not in entry:
                    raise self.fail(
                        ekp,
                        f"missing '{required}' (a suppression needs a path glob, a check ID and a reason)",
                    )
            check_id = self.text(entry[check_key], ekp + (check_key,)).upper()
            if check_id not in POLICY_BY_ID:
                raise self.fail(
                    ekp + (check_key,),
                    f"unknown check ID {check_id!r}; choose from {', '.join(sorted(POLICY_BY_ID))}",
                )
            until = self.day(entry["until"], ekp + ("until",)) if entry.get("until") is not None else None
            line = self.lines.at(ekp)
            origin = (
                f"{os.path.basename(self.path)}:{line}" if line else f"{os.path.basename(self.path)} suppressions[{i}]"
            )
            rules.append(
                SuppressionRule(
                    path=self.text(entry["path"], ekp + ("path",)),
                    check_id=check_id,
                    reason=self.text(entry["reason"], ekp + ("reason",)),
                    until=until,
                    resource=self.text(entry["resource"], ekp + ("resource",)) if "resource" in entry else None,
                    model=self.text(entry["model"], ekp + ("model",)) if "model" in entry else None,
                    origin=origin,
                )
            )
        return tuple(rules)


Converter = Callable[[Validator, Any, Path_], Any]

# What to scan is the command line's business, and a config file cannot name another config file.
NOT_SETTABLE = frozenset({"paths", "directory", "file", "config_file", "help"})

# key -> (argparse dest, converter). Every scan option except the paths to scan.
OPTIONS: dict[str, tuple[str, Converter]] = {
    "as_of": ("as_of", Validator.day),
    "warn_days": ("warn_days", Validator.count),
    "fail_on": ("fail_on", Validator.fail_on),
    "hard_fail_on": ("hard_fail_on", Validator.checks),
    "soft_fail_on": ("soft_fail_on", Validator.checks),
    "soft_fail": ("soft_fail", Validator.boolean),
    "check": ("check", Validator.checks),
    "skip_check": ("skip_check", Validator.checks),
    "skip_path": ("skip_path", Validator.regexes),
    "framework": ("framework", Validator.frameworks),
    "skip_framework": ("skip_framework", Validator.frameworks),
    "output": ("output", Validator.outputs),
    "output_file_path": ("output_file_path", Validator.output_paths),
    "compact": ("compact", Validator.boolean),
    "quiet": ("quiet", Validator.boolean),
    "no_color": ("no_color", Validator.boolean),
    "catalog": ("catalog", Validator.file_path),
    "catalog_overlay": ("catalog_overlay", Validator.file_path),
    "max_file_size": ("max_file_size", Validator.count),
    "jobs": ("jobs", Validator.count),
    "strict": ("strict", Validator.boolean),
    "no_inline_skips": ("no_inline_skips", Validator.boolean),
    "baseline": ("baseline", Validator.file_path),
    "create_baseline": ("create_baseline", Validator.boolean),
    "sarif_category": ("sarif_category", Validator.text),
    "sarif_include_suppressed": ("sarif_include_suppressed", Validator.boolean),
    "repo_root": ("repo_root", Validator.file_path),
    "debug": ("debug", Validator.boolean),
}


def _close(name: str, extra: Mapping[str, object]) -> str | None:
    import difflib

    found = difflib.get_close_matches(name, sorted({*OPTIONS, *extra, "suppressions"}), n=1, cutoff=0.75)
    return found[0] if found else None


# --- merging ---


def _unset(value: Any) -> bool:
    return value is None or value is False or value == []


def merge(args: Namespace, fc: FileConfig) -> None:
    """Fill in every option the command line did not give (the command line wins)."""
    for dest, value in fc.values.items():
        if _unset(getattr(args, dest, None)):
            setattr(args, dest, value)
