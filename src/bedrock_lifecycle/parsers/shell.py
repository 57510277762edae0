"""Shell scripts, Dockerfiles, Makefiles and Procfiles (framework 'shell'), on tree-sitter grammars.

Each file becomes flat scalars: the values a model ID can sit in, each with its
source offsets and a key path ``(resource, attribute)`` that names the use site:

* assignments and exports: ``MODEL_ID=...`` -> ``MODEL_ID``, ``export BEDROCK_MODEL=...``
  -> ``export BEDROCK_MODEL``; Dockerfile ``ENV K=V``/``ENV K V`` -> ``ENV K``, ``ARG K=V``
  -> ``ARG K``; make ``X := ...``/``X ?= ...`` -> ``X`` (``export X``, ``define X``, and
  ``target: X = ...`` -> ``target: X``);
* command arguments: the command and its sub-commands, then the option the value
  belongs to: ``aws bedrock-runtime invoke-model --model-id``, ``docker run -e MODEL``,
  ``python app.py --model-id``; a positional argument is named by the command alone;
* Dockerfile ``RUN``/``CMD``/``ENTRYPOINT`` (shell form read with the bash grammar, exec
  form as its argument list) and make recipes (bash, named by their target) prefix that.

Comments are never values (they become Document.comments, for inline skips), and
neither is prose: a heredoc line is read only when it is ``key: value``/``key=value``
(a config file written by the script), a ``LABEL`` only when its value is one token.
``${VAR:-default}`` stays in the value, where the recogniser reads its default.

The bash grammar reads ``.sh``, ``.bash``, ``.bats`` and ``.zsh`` alike (there is no
maintained zsh grammar; zsh-only syntax is a parse error). tree-sitter recovers
from a syntax error: the statement, instruction or rule that holds it becomes a
diagnostic (line and column, never its text) and is scanned as text with comments
left out, and the rest of the file keeps its structure. A syntax error inside one
``RUN`` or recipe line leaves just that command to be read as text, silently: Docker
and make hand it to a shell they do not check either.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from bedrock_lifecycle.document import Comment, Document, LineIndex, SyntaxProblem
from bedrock_lifecycle.model import Scalar
from bedrock_lifecycle.parsers import treesitter
from bedrock_lifecycle.parsers.base import basename

if TYPE_CHECKING:
    from tree_sitter import Node

SHELL_KINDS = frozenset({"shell", "dockerfile", "make", "procfile"})

_SUBSTITUTIONS = frozenset({"command_substitution", "process_substitution"})
_SUBSTITUTION_MARKS = ("$(", "`", "<(", ">(")
_VALUES = frozenset(
    {
        "word",
        "string",
        "raw_string",
        "ansi_c_string",
        "translated_string",
        "concatenation",
        "expansion",
        "simple_expansion",
        "number",
        "array",
        "extglob_pattern",  # a case pattern: '<model-id>)'
    }
)
# 'name: value', 'name = value', '"name": "value"', 'NAME=value' at the start of a heredoc line.
_KEY_LINE = re.compile(r"""[ \t]*(?:export[ \t]+)?["']?([A-Za-z_][\w.-]*)["']?[ \t]*(?::|=|:=)[ \t]*""")
# One item on its line: '  - item', '"item",', '["item",', ' "item"]'.
_ITEM_LINE = re.compile(r"""[ \t]*(?:-[ \t]+|\[[ \t]*)?(["']?[^\s"',\[\]{}]+["']?)[ \t]*[,\]]*[ \t]*""")
_MAKE_COMMENT = re.compile(r"(?<!\\)#")
_ENV_ARG = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)=")  # '-e MODEL=...', '--build-arg MODEL=...'
_SUBCOMMAND = re.compile(r"(?:\.{1,2}/)?[\w/][\w/-]*(?:\.\w{1,4})?")
_MAX_SUBCOMMANDS = 2  # 'aws bedrock-runtime invoke-model': the command and two sub-commands
_MAX_PROBLEMS = 5  # syntax errors described per file; the rest are counted in the last
# Top-level statements of the Dockerfile and make grammars (anything else there after a syntax error is text).
_DOCKERFILE_ITEMS = frozenset(
    {
        "comment",
        *(
            f"{word}_instruction"
            for word in (
                "from run cmd label expose env add copy entrypoint volume user workdir arg onbuild stopsignal "
                "healthcheck shell maintainer cross_build"
            ).split()
        ),
    }
)
_MAKE_ITEMS = frozenset(
    {
        "comment",
        "variable_assignment",
        "shell_assignment",
        "rule",
        "conditional",
        "export_directive",
        "unexport_directive",
        "override_directive",
        "private_directive",
        "define_directive",
        "undefine_directive",
        "include_directive",
        "vpath_directive",
    }
)


class Arg(NamedTuple):
    """One command argument: its text (quotes removed for the name), and its node or offsets."""

    text: str
    node: Node | None
    start: int  # character offsets in the document (for exec-form arguments without a node)
    end: int


class _Reader:
    """Collects scalars and comments from one document (which may embed bash in several places)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.index = LineIndex(text)
        self.scalars: list[Scalar] = []
        self.comments: list[Comment] = []
        self.problems: list[SyntaxProblem] = []
        self.unparsed: list[tuple[int, int]] = []

    # --- output ---

    def add(self, start: int, end: int, resource: str, attribute: str = "") -> None:
        value = self.text[start:end]
        if value.strip():
            self.scalars.append(Scalar(value, (resource, attribute or resource), start, end))

    def comment(self, start: int, end: int) -> None:
        line, col = self.index.position(start)
        own = not self.text[self.index.line_start(line) : start].strip()
        self.comments.append(Comment(line, self.text[start:end].lstrip("#").strip(), own))

    def document(self, path: str, kind: str) -> Document:
        scalars = sorted(self.scalars, key=lambda s: (s.start, s.end))
        comments = sorted(set(self.comments), key=lambda c: (c.line, c.own_line, c.text))
        problems = self.problems[:_MAX_PROBLEMS]
        if len(self.problems) > _MAX_PROBLEMS:
            last = problems[-1]
            more = len(self.problems) - _MAX_PROBLEMS
            problems[-1] = SyntaxProblem(f"{last.message} (and {more} more)", last.line, last.col)
        return Document(
            path,
            kind,
            self.text,
            scalars=tuple(scalars),
            comments=tuple(comments),
            problems=tuple(problems),
            unparsed=tuple(self.unparsed),
        )

    def recover(
        self,
        root: Node,
        src: treesitter.Source,
        base: int,
        language: str,
        statements: frozenset[str] | None = None,
        report: bool = True,
    ) -> list[Node]:
        """The top-level items of ``root`` that parsed; each one that did not is a problem and a text range.

        tree-sitter recovers from a syntax error with ERROR and MISSING nodes inside an otherwise
        complete tree: the statement (or instruction) holding one is described, never quoted, and
        left to the text fallback, and every other statement is read with its full structure. Loose
        tokens the recovery leaves at the top level (not one of ``statements``, when given) are
        scanned as text too, without a problem of their own: nothing is dropped. Without ``report``
        (a grammar known not to cover its language) the ranges are scanned as text and no problem is described.
        """
        good = []
        for item in root.children:
            broken = item.has_error or item.is_missing or item.type == "ERROR"
            if not broken and (statements is None or item.type in statements):
                good.append(item)
                continue
            start, end = base + src.char(item.start_byte), base + src.char(item.end_byte)
            if not broken or not report:
                if end > start:
                    self.unparsed.append((start, end))
                continue
            if end > start:
                self.unparsed.append((start, end))
            bad = treesitter.first_error(item) or item
            line, col = self.index.position(base + src.char(bad.start_byte))
            first = self.index.position(start)[0]
            if bad.is_missing:
                what = f"missing {bad.type!r}"
            elif bad.start_byte >= len(src.data.rstrip()):
                what = "unexpected end of input"
            else:
                what = "unexpected input"
            where = f" in the statement from line {first}" if first != line else ""
            self.problems.append(SyntaxProblem(f"{language} syntax error ({what}){where}", line, col))
        return good

    # --- bash ---

    def bash(self, start: int, end: int, prefix: str = "", strict: bool = False) -> None:
        """The bash text at [start, end) of the document; names get ``prefix`` (``RUN ``, ``target: ``).

        A syntax error in a whole script (``strict``) costs only its statement (see recover); in one
        command inside a Dockerfile or a Makefile, that command is read line by line without comments.
        """
        text = self.text[start:end]
        if not strict and "." not in text and "arn:" not in text and "#" not in text:  # nothing to read
            return
        chunk = treesitter.Source(text)
        root = treesitter.parse("bash", chunk).root_node
        if not root.has_error:
            _BashWalk(self, chunk, start, prefix).run(root)
        elif strict:
            walk = _BashWalk(self, chunk, start, prefix)
            for item in self.recover(root, chunk, start, "bash"):
                walk.run(item)
        else:
            self.plain(start, end, prefix.strip().rstrip(":") or "shell")

    def key_lines(self, start: int, end: int, resource: str) -> None:
        """Heredoc lines of a file the script writes: ``key: value`` lines, and lines that are one item (a
        YAML ``- item``, a JSON ``"item",``, a bare word). A line of several words is prose, not a value."""
        offset = start
        for line in self.text[start:end].split("\n"):
            m = _KEY_LINE.match(line)
            if m and m.end() < len(line):
                self.add(offset + m.end(), offset + len(line.rstrip()), f"{resource} {m.group(1)}", m.group(1))
            else:
                item = _ITEM_LINE.fullmatch(line)
                if item:
                    self.add(offset + item.start(1), offset + item.end(1), resource)
            offset += len(line) + 1

    def plain(self, start: int, end: int, resource: str) -> None:
        """Lines of [start, end) without their '#' comments: the fallback for a command that does not parse."""
        offset = start
        for line in self.text[start:end].split("\n"):
            cut = _hash_comment(line)
            self.add(offset, offset + (len(line) if cut is None else cut), resource)
            offset += len(line) + 1


def _hash_comment(line: str) -> int | None:
    """Where a shell '#' comment starts on a line (a '#' at a word start, outside quotes)."""
    quote = None
    i = 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\" and quote == '"':
                i += 2
                continue
            if c == quote:
                quote = None
        elif c == "\\":
            i += 2
            continue
        elif c in "\"'":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t;|&("):
            return i
        i += 1
    return None


class _BashWalk:
    """Walks one bash syntax tree: assignments, commands, heredocs, comments, and any other value."""

    def __init__(self, reader: _Reader, src: treesitter.Source, base: int, prefix: str) -> None:
        self.r = reader
        self.src = src
        self.base = base
        self.prefix = prefix
        self.stack: list[tuple[Node, str]] = []

    def span(self, node: Node) -> tuple[int, int]:
        return self.base + self.src.char(node.start_byte), self.base + self.src.char(node.end_byte)

    def run(self, root: Node) -> None:
        self.stack.append((root, ""))
        while self.stack:
            node, context = self.stack.pop()
            kind = node.type
            if kind == "comment":
                self.r.comment(*self.span(node))
            elif kind == "variable_assignment":
                self.assignment(node, "")
            elif kind == "declaration_command":
                self.declaration(node)
            elif kind == "command":
                self.command(node)
            elif kind == "redirected_statement":
                self.redirected(node)
            elif kind in _VALUES:
                self.value(node, self.prefix + (context or "shell"), "")
            else:
                if kind == "for_statement":
                    var = node.child_by_field_name("variable")
                    context = "for " + (self.src.node_text(var) if var is not None else "")
                elif kind == "case_statement":
                    val = node.child_by_field_name("value")
                    context = "case " + _name_of(self.src.node_text(val) if val is not None else "")
                elif kind == "test_command":
                    context = "test"
                self.children(node, context)

    def children(self, node: Node, context: str = "") -> None:
        self.stack.extend((c, context) for c in reversed(node.children))

    def dotless(self, node: Node) -> bool:
        """Neither '.' nor 'arn:' in the node: it holds no model reference (an ID has a dot, an opaque ARN
        such as an application inference profile's may not), so it is not read at all.

        Without this gate a long script of plain commands cost a scalar per word (7 s for 800 KB)."""
        data, a, b = self.src.data, node.start_byte, node.end_byte
        return data.find(b".", a, b) == -1 and data.find(b"arn:", a, b) == -1

    def value(self, node: Node, resource: str, attribute: str) -> None:
        """A value node: read whole, except command substitutions, which are walked as commands."""
        if self.dotless(node):
            return
        if node.type in _SUBSTITUTIONS:  # 'X=$(aws ... --model-id m)': the command names its own arguments
            self.stack.append((node, ""))
            return
        text = self.src.node_text(node)
        if not any(mark in text for mark in _SUBSTITUTION_MARKS):
            self.r.add(*self.span(node), resource, attribute)
            return
        for child in node.children:
            if child.type in _SUBSTITUTIONS:
                self.stack.append((child, ""))
            elif child.child_count or child.type in _VALUES or child.type == "string_content":
                self.value(child, resource, attribute)

    def assignment(self, node: Node, declare: str) -> None:
        name_node = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        name = self.src.node_text(name_node) if name_node is not None else ""
        if value is not None:
            resource = self.prefix + (f"{declare} {name}" if declare else name)
            self.value(value, resource, name)

    def declaration(self, node: Node) -> None:
        declare = node.children[0].type if node.children else "declare"
        for child in node.children[1:]:
            if child.type == "variable_assignment":
                self.assignment(child, declare)
            elif child.type in _SUBSTITUTIONS or child.child_count:
                self.stack.append((child, ""))

    def redirected(self, node: Node) -> None:
        body = node.child_by_field_name("body")
        name = ""
        if body is not None and body.type == "command":
            cmd = body.child_by_field_name("name")
            name = self.src.node_text(cmd) if cmd is not None else ""
        for child in node.children:
            if child.type == "heredoc_redirect":
                self.heredoc(child, name)
            else:
                self.stack.append((child, ""))

    def heredoc(self, node: Node, command: str) -> None:
        delimiter = ""
        for child in node.children:
            if child.type == "heredoc_start":
                delimiter = self.src.node_text(child).strip("'\"")
            elif child.type == "heredoc_body":
                start, end = self.span(child)
                self.r.key_lines(start, end, f"{self.prefix}{command or 'cat'} <<{delimiter}")
            elif child.type not in ("heredoc_end", "<<", "<<-"):
                self.stack.append((child, ""))

    def command(self, node: Node) -> None:
        if self.dotless(node):
            return
        args: list[Arg] = []
        name = ""
        for i, child in enumerate(node.children):
            field = node.field_name_for_child(i)
            if child.type == "variable_assignment":  # 'MODEL=x python app.py': an environment prefix
                self.assignment(child, "")
            elif field == "name":
                name = self.src.node_text(child)
                if any(mark in name for mark in _SUBSTITUTION_MARKS):
                    self.stack.append((child, ""))
            elif field == "argument":
                args.append(Arg(_unquote(self.src.node_text(child)), child, *self.span(child)))
            elif child.type in ("herestring_redirect", "file_redirect") or child.child_count:
                self.stack.append((child, ""))
        for arg, resource, attribute in command_arguments(name, args):
            if arg.node is not None:
                self.value(arg.node, self.prefix + resource, attribute)


def command_arguments(name: str, args: list[Arg]) -> Iterator[tuple[Arg, str, str]]:
    """Each argument with the resource that names it: command, sub-commands, then its option."""
    words = [_name_of(name)] if name else []
    i = 0
    if words and words[0].startswith("python") and len(args) > 1 and args[0].text == "-m":
        words += ["-m", args[1].text]  # 'python -m gateway': the module is the program
        i = 2
    while i < len(args) and len(words) <= _MAX_SUBCOMMANDS + 2 * (i > 0) and _subcommand(args[i].text):
        words.append(args[i].text)
        i += 1
    head = " ".join(words) or "shell"
    for k, arg in enumerate(args):
        if k < i:
            yield arg, head, words[-1] if words else ""  # a sub-command itself holds no model, but it is read
            continue
        text = arg.text
        if text.startswith("-") and "=" in text:  # '--model-id=anthropic...'
            option = text.split("=", 1)[0]
            yield arg, f"{head} {option}", option.lstrip("-")
            continue
        previous = args[k - 1].text if k > 0 else ""
        if previous.startswith("-") and "=" not in previous and not text.startswith("-"):
            env = _ENV_ARG.match(text)
            if env:  # '-e MODEL=...', '--build-arg MODEL=...', '--env MODEL=...'
                yield arg, f"{head} {previous} {env.group(1)}", env.group(1)
            else:
                yield arg, f"{head} {previous}", previous.lstrip("-")
            continue
        env = _ENV_ARG.match(text)
        if env:  # 'env MODEL=...', 'make MODEL=...', "alias summarise='...'"
            yield arg, f"{head} {env.group(1)}", env.group(1)
        else:
            yield arg, head, ""


def _subcommand(text: str) -> bool:
    """A word that continues a command's name ('bedrock-runtime', 'run', 'app.py'), not a value.

    A dot is allowed only before a short file extension ('app.py', './bin/serve.js'), so a model
    ID ('<provider>.<model>') is an argument, never part of the name.
    """
    return _SUBCOMMAND.fullmatch(text) is not None


def _name_of(text: str) -> str:
    """A command as it is named: '/usr/bin/aws' -> 'aws', '"$AWS"' -> '$AWS'."""
    text = _unquote(text.strip())
    return text.rsplit("/", 1)[-1] if "/" in text and not text.startswith("$") else text


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


# --- the parsers ---


class ShellParser:
    name = "shell"
    frameworks = ("shell",)
    comment_markers = ("#",)
    extensions = (".sh", ".bash", ".zsh", ".bats", ".ksh")
    filenames = (".envrc",)  # direnv: bash that exports the project's environment

    def claims(self, path: str) -> bool:
        return path.endswith(self.extensions) or basename(path) in self.filenames

    def parse(self, path: str, text: str) -> Document:
        reader = _Reader(text)
        reader.bash(0, len(text), strict=True)
        return reader.document(path, self.name)


class DockerfileParser:
    """Dockerfile instructions with the Dockerfile grammar; shell-form commands with the bash grammar."""

    name = "dockerfile"
    frameworks = ("shell",)
    comment_markers = ("#",)

    def claims(self, path: str) -> bool:
        name = basename(path)
        lower = name.lower()
        return (
            lower in ("dockerfile", "containerfile")
            or lower.startswith(("dockerfile.", "containerfile."))
            or lower.endswith((".dockerfile", ".containerfile"))
        )

    def parse(self, path: str, text: str) -> Document:
        reader = _Reader(text)
        src = treesitter.Source(text)
        root = treesitter.parse("dockerfile", src).root_node
        items = reader.recover(root, src, 0, "Dockerfile", _DOCKERFILE_ITEMS) if root.has_error else root.children
        for node in _instructions(items):
            _dockerfile_instruction(reader, src, node)
        return reader.document(path, self.name)


def _instructions(items: list[Node]) -> Iterator[Node]:
    stack = list(reversed(items))
    while stack:
        node = stack.pop()
        if node.type == "onbuild_instruction" or node.type == "healthcheck_instruction":
            stack.extend(reversed(node.children))  # 'ONBUILD RUN ...', 'HEALTHCHECK CMD ...'
        else:
            yield node


def _dockerfile_instruction(reader: _Reader, src: treesitter.Source, node: Node) -> None:
    kind = node.type

    def span(n: Node) -> tuple[int, int]:
        return src.char(n.start_byte), src.char(n.end_byte)

    if kind == "comment":
        reader.comment(*span(node))
    elif kind == "env_instruction":
        for pair in node.children:
            name, value = pair.child_by_field_name("name"), pair.child_by_field_name("value")
            if pair.type == "env_pair" and name is not None and value is not None:
                key = src.node_text(name)
                reader.add(*span(value), f"ENV {key}", key)
    elif kind == "arg_instruction":
        name, default = node.child_by_field_name("name"), node.child_by_field_name("default")
        if name is not None and default is not None:
            key = src.node_text(name)
            reader.add(*span(default), f"ARG {key}", key)
    elif kind in ("copy_instruction", "add_instruction"):
        _heredoc_files(reader, src, node)
    elif kind == "label_instruction":
        for pair in node.children:
            key_node, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
            if pair.type == "label_pair" and key_node is not None and value is not None:
                written = _unquote(src.node_text(value)).strip()
                if written and not any(c.isspace() for c in written):  # a prose description is not a value
                    label = _unquote(src.node_text(key_node))
                    reader.add(*span(value), f"LABEL {label}", label)
    elif kind in ("run_instruction", "cmd_instruction", "entrypoint_instruction", "shell_instruction"):
        keyword = node.children[0].type.upper() if node.children else "RUN"
        for child in node.children:
            if child.type == "heredoc_block":  # 'RUN <<EOF': a script
                lines = [c for c in child.children if c.type == "heredoc_line"]
                if lines:
                    reader.bash(src.char(lines[0].start_byte), src.char(lines[-1].end_byte), prefix=f"{keyword} ")
            elif child.type == "shell_command":
                reader.bash(*span(child), prefix=f"{keyword} ")
            elif child.type == "json_string_array":
                args = [
                    Arg(_json_unquote(src.node_text(s)), s, *span(s)) for s in child.children if s.type == "json_string"
                ]
                _exec_form(reader, keyword, args)


def _heredoc_files(reader: _Reader, src: treesitter.Source, node: Node) -> None:
    """'COPY <<EOF /app/config.yaml': the file's ``key: value`` lines, named by the instruction and destination."""
    keyword = node.children[0].type.upper() if node.children else "COPY"
    paths = [src.node_text(c) for c in node.children if c.type == "path" and not src.node_text(c).startswith("<<")]
    resource = f"{keyword} {paths[-1]}" if paths else keyword
    for child in node.children:
        if child.type == "heredoc_block":
            for line in child.children:
                if line.type == "heredoc_line":
                    reader.key_lines(src.char(line.start_byte), src.char(line.end_byte), resource)


def _exec_form(reader: _Reader, keyword: str, args: list[Arg]) -> None:
    """CMD/ENTRYPOINT/RUN ["cmd", "arg", ...]: the first string is the command."""
    if not args:
        return
    for arg, resource, attribute in command_arguments(args[0].text, args[1:]):
        reader.add(arg.start + 1, arg.end - 1, f"{keyword} {resource}", attribute)  # inside the quotes


def _json_unquote(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] == '"' == text[-1] else text


class MakefileParser:
    """make variables with the make grammar; recipe lines with the bash grammar, named by their target."""

    name = "make"
    frameworks = ("shell",)
    comment_markers = ("#",)

    def claims(self, path: str) -> bool:
        name = basename(path)
        return name in ("Makefile", "makefile", "GNUmakefile") or name.endswith((".mk", ".make"))

    def parse(self, path: str, text: str) -> Document:
        reader = _Reader(text)
        src = treesitter.Source(text)
        root = treesitter.parse("make", src).root_node
        # tree-sitter-make misses valid GNU make (pattern rules like '%: Makefile', '$$(' in recipes, computed
        # variable names): what it cannot read is scanned as text, without calling a working Makefile broken.
        items = reader.recover(root, src, 0, "Makefile", _MAKE_ITEMS, report=False) if root.has_error else root.children
        stack: list[tuple[Node, str]] = [(c, "") for c in reversed(items)]
        while stack:
            node, target = stack.pop()
            kind = node.type
            if kind == "comment":
                reader.comment(src.char(node.start_byte), src.char(node.end_byte))
            elif kind in ("variable_assignment", "shell_assignment"):  # 'X := v', 'X != command'
                _make_assignment(reader, src, node, target)
            elif kind in ("export_directive", "override_directive", "private_directive"):
                word = kind.split("_", 1)[0]
                for child in node.children:
                    if child.type == "variable_assignment":
                        _make_assignment(reader, src, child, target, word)
            elif kind == "define_directive":
                name_node, value = node.child_by_field_name("name"), node.child_by_field_name("value")
                if name_node is not None and value is not None:
                    key = src.node_text(name_node)
                    reader.add(src.char(value.start_byte), src.char(value.end_byte), f"define {key}", key)
            elif kind == "rule":
                targets = next((c for c in node.children if c.type == "targets"), None)
                name = src.node_text(targets).strip() if targets is not None else ""
                stack.extend((c, name) for c in reversed(node.children) if c.type != "targets")
            elif kind == "recipe_line":
                _recipe_line(reader, src, node, target)
            else:
                stack.extend((c, target) for c in reversed(node.children))
        return reader.document(path, self.name)


def _make_assignment(reader: _Reader, src: treesitter.Source, node: Node, target: str, word: str = "") -> None:
    name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
    if name is None or value is None:
        return
    key = src.node_text(name)
    scope = _make_target(src, node) or target
    resource = (f"{scope}: " if scope else "") + (f"{word} {key}" if word else key)
    start, end = src.char(value.start_byte), src.char(value.end_byte)
    hash_at = _MAKE_COMMENT.search(reader.text, start, end)
    if hash_at:  # 'X = value  # comment': make ends the value at an unescaped '#'
        reader.comment(hash_at.start(), end)
        end = hash_at.start()
    while end > start and reader.text[end - 1] in " \t":
        end -= 1
    reader.add(start, end, resource, key)


def _make_target(src: treesitter.Source, node: Node) -> str:
    scope = node.child_by_field_name("target_or_pattern")
    return src.node_text(scope).strip() if scope is not None else ""


def _recipe_line(reader: _Reader, src: treesitter.Source, node: Node, target: str) -> None:
    """One recipe line (continuations included) as bash, after make's '@', '-' and '+' prefixes."""
    start, end = src.char(node.start_byte), src.char(node.end_byte)
    text = reader.text
    while start < end and text[start] in "@-+ \t":
        start += 1
    reader.bash(start, end, prefix=f"{target}: " if target else "")


class ProcfileParser:
    """Procfile: 'process: command' lines, each command read with the bash grammar."""

    name = "procfile"
    frameworks = ("shell",)
    comment_markers = ("#",)
    _LINE = re.compile(r"[ \t]*([A-Za-z0-9_-]+)[ \t]*:[ \t]*")

    def claims(self, path: str) -> bool:
        name = basename(path)
        return name == "Procfile" or name.startswith("Procfile.")

    def parse(self, path: str, text: str) -> Document:
        reader = _Reader(text)
        offset = 0
        for line in text.split("\n"):
            if line.lstrip().startswith("#"):
                reader.comment(offset + line.index("#"), offset + len(line))
            else:
                m = self._LINE.match(line)
                if m and m.end() < len(line):
                    reader.bash(offset + m.end(), offset + len(line), prefix=f"{m.group(1)}: ")
            offset += len(line) + 1
        return reader.document(path, self.name)
