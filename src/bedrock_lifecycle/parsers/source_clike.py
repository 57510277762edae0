"""A string-literal lexer for C-family languages and Ruby, one small table per language.

It knows just enough of each language to tell code from literals from comments:
quotes and escapes, JS/TS template literals (``${}`` holes are lexed as code,
so a literal inside a hole is a literal of its own), Go raw strings, Java text
blocks, Kotlin raw strings and ``$name``/``${}`` templates, C# verbatim, raw and
interpolated strings, Ruby ``#{}``, ``%q()``-style literals and heredocs, and
regular-expression literals where JS and Ruby allow them (a quote inside a
regex must not open a string). It never fails: an unterminated single-line
string is dropped at the end of its line and lexing goes on, so one odd line
(JSX text, a stray apostrophe) cannot derail the rest of the file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from bedrock_lifecycle.document import Comment, LineIndex
from bedrock_lifecycle.model import Scalar
from bedrock_lifecycle.parsers.source_context import Tracker
from bedrock_lifecycle.parsers.source_mask import apply, mask


@dataclass(frozen=True)
class CLang:
    name: str
    single_quote: str = "char"  # "string" (JS), "char" (Java, C#, Go, Kotlin), "ruby"
    backtick: str | None = None  # "template" (JS), "raw" (Go), "name" (Kotlin), "command" (Ruby)
    triple: str | None = None  # "java" text block, "kotlin" raw string, "csharp" raw string
    dq_holes: tuple[str, ...] = ()  # interpolation in "...": ("${",) Kotlin, ("#{",) Ruby
    dollar_names: bool = False  # Kotlin "$name"
    csharp: bool = False  # @"...", $"...", $@"..."
    ruby: bool = False
    regex: bool = False  # JS and Ruby regular-expression literals
    slash_comments: bool = True  # '//' and '/* */'
    hash_comments: bool = False  # Ruby '#', C# preprocessor lines
    names_first: bool = False  # Go declarations: name before type
    newline_ends: bool = True  # a line end may end a statement (not in Java and C#)


JAVASCRIPT = CLang("javascript", single_quote="string", backtick="template", regex=True)
TYPESCRIPT = CLang("typescript", single_quote="string", backtick="template", regex=True)
JAVA = CLang("java", triple="java", newline_ends=False)
GO = CLang("go", backtick="raw", names_first=True)
CSHARP = CLang("csharp", triple="csharp", csharp=True, hash_comments=True, newline_ends=False)
KOTLIN = CLang("kotlin", backtick="name", triple="kotlin", dq_holes=("${",), dollar_names=True)
RUBY = CLang(
    "ruby",
    single_quote="ruby",
    backtick="command",
    dq_holes=("#{",),
    ruby=True,
    regex=True,
    slash_comments=False,
    hash_comments=True,
)

_NAME = re.compile(r"(?:[^\W\d]|\$)[\w$]*")
_NUMBER = re.compile(r"\d[\w.]*")
_OPS = (
    "===",
    "!==",
    "??=",
    "||=",
    "==",
    "!=",
    "<=",
    ">=",
    "=>",
    ":=",
    "::",
    "?.",
    "??",
    "&&",
    "||",
    "->",
    "+=",
    "-=",
    "*=",
    "|=",
    "&=",
)
_OP = re.compile("|".join(re.escape(o) for o in _OPS) + r"|.", re.S)
_SPACE = re.compile(r"[ \t\r\f\v]+")
_REGEX_AFTER_WORDS = frozenset(
    {
        "return",
        "typeof",
        "case",
        "do",
        "else",
        "in",
        "of",
        "new",
        "delete",
        "void",
        "throw",
        "yield",
        "await",
        "when",
        "if",
        "unless",
        "and",
        "or",
        "not",
        "elsif",
        "while",
        "until",
    }
)
_HEREDOC = re.compile(r"<<([~-]?)(['\"`]?)([A-Za-z_]\w*)\2")
_PERCENT = re.compile(r"%([qQwWiIrsx]?)([^\w\s])")
_CLOSERS = {"(": ")", "[": "]", "{": "}", "<": ">"}
_LEAD_IN = re.compile(r"\s*[/*#]*\s*")


@dataclass
class _Str:
    start: int  # interior start
    close: str
    escapes: bool = True
    holes_open: tuple[str, ...] = ()
    brace_escape: bool = False  # C#: '{{' and '}}' are literal braces
    doubled: bool = False  # C# verbatim: '""' is a literal quote
    multiline: bool = False
    emit: bool = True
    dollar_names: bool = False
    esc: list[tuple[int, int]] = field(default_factory=list)
    holes: list[tuple[int, int]] = field(default_factory=list)
    hole_start: int = 0


@functools.lru_cache(maxsize=64)
def _special_for(
    close: str, escapes: bool, holes: tuple[str, ...], brace_escape: bool, multiline: bool
) -> re.Pattern[str]:
    """The characters where something can happen inside a string of this kind (the rest is skipped)."""
    chars = {close[0]} | {h[0] for h in holes}
    if escapes:
        chars.add("\\")
    if brace_escape:
        chars |= {"{", "}"}
    if not multiline:
        chars.add("\n")
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def _special(st: _Str) -> re.Pattern[str]:
    return _special_for(st.close, st.escapes, st.holes_open, st.brace_escape, st.multiline)


def lex_clike(text: str, lang: CLang) -> tuple[list[Scalar], list[Comment]]:
    lexer = _Lexer(text, lang)
    lexer.run()
    return lexer.tracker.scalars, lexer.comments


class _Lexer:
    def __init__(self, text: str, lang: CLang) -> None:
        self.text = text
        self.lang = lang
        self.index = LineIndex(text)
        self.tracker = Tracker(names_first=lang.names_first, newline_ends=lang.newline_ends)
        self.comments: list[Comment] = []
        self.suspended: list[_Str] = []  # strings waiting for a hole to close
        # open heredocs: (identifier, indented terminator, interpolates, context at the '<<')
        self.heredocs: list[tuple[str, bool, bool, tuple[str, ...]]] = []
        self.last = ""  # kind of the last significant token: name, word, value, close, op, ''
        self.ruby_scopes: list[int] = []  # columns of the open Ruby def/class/module lines
        self.ruby_def: str | None = None  # 'f:' or 't:' while the name after def/class/module is awaited
        self.line_col = 0
        self.lead_in = (0, 0)  # (line, marker_prefix_end(line)) for the last line asked about

    # --- the main loop ---

    def run(self) -> None:
        text, n, lang, t = self.text, len(self.text), self.lang, self.tracker
        i = 0
        line_start = True
        while i < n:
            c = text[i]
            if c == "\n":
                t.newline()
                i += 1
                if self.heredocs:
                    i = self.heredoc_bodies(i)
                line_start = True
                continue
            if c in " \t\r\f\v":
                i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
                continue
            at_line_start, line_start = line_start, False
            if at_line_start and lang.ruby:
                self.ruby_line(i)
            if lang.ruby and at_line_start and text.startswith("=begin", i):
                i = self.block_comment(i, "\n=end", 0)
                continue
            if lang.ruby and at_line_start and text.startswith("__END__", i):
                return
            if lang.slash_comments and text.startswith("//", i):
                i = self.line_comment(i, 2)
                continue
            if lang.slash_comments and text.startswith("/*", i):
                i = self.block_comment(i, "*/", 2)
                continue
            if lang.hash_comments and c == "#":
                i = self.line_comment(i, 1)
                continue
            if c == '"' or c == "'" or c == "`" or (c in "@$" and lang.csharp and self.csharp_prefix(i)):
                i = self.string(i)
                continue
            if c == "}" and t.hole_closes():
                st = self.suspended.pop()
                st.holes.append((st.hole_start, i))
                t.close_hole()
                i = self.continue_string(st, i + 1)
                continue
            if c == "/" and lang.regex and self.regex_allowed():
                end = self.regex_end(i)
                if end is not None:
                    t.other("regex")
                    self.last = "value"
                    i = end
                    continue
            if lang.ruby:
                j = self.ruby_special(i)
                if j is not None:
                    i = j
                    continue
            m = _NAME.match(text, i)
            if m:
                word = m.group()
                i = m.end()
                if lang.ruby and i < n and text[i] == ":" and text[i + 1 : i + 2] != ":":
                    t.name(word)
                    t.op("label")
                    i += 1
                    self.last = "op"
                    continue
                if lang.ruby:
                    self.ruby_scope(word, at_line_start)
                t.name(word, m.start())
                self.last = "word" if word in _REGEX_AFTER_WORDS else "name"
                continue
            m = _NUMBER.match(text, i)
            if m:
                t.other(m.group())
                self.last = "value"
                i = m.end()
                continue
            if c in "([{":
                t.open(c)
                self.last = "op"
                i += 1
                continue
            if c in ")]}":
                t.close(c)
                self.last = "close"
                i += 1
                continue
            op = _OP.match(text, i).group()  # type: ignore[union-attr]
            t.op(op)
            self.last = "op"
            i += len(op)

    # --- comments ---

    def line_comment(self, i: int, marker: int) -> int:
        end = self.text.find("\n", i)
        end = len(self.text) if end == -1 else end
        self.add_comment(i, self.text[i + marker : end])
        return end

    def block_comment(self, i: int, close: str, marker: int) -> int:
        end = self.text.find(close, i + marker)
        end = len(self.text) if end == -1 else end + len(close)
        body = self.text[i + marker : end]
        offset = i + marker
        for k, part in enumerate(body.split("\n")):
            self.add_comment(offset, part, own=None if k == 0 else True)
            offset += len(part) + 1
        return end

    def marker_prefix_end(self, line: int) -> int:
        """End of the line's lead-in of white space, comment markers (/, *, #) and white space.

        A comment owns its line when nothing else precedes it. Found once per line (comments come
        in line order), not by re-reading the line from its start for each comment: 40,000 '/*'
        on one line made that quadratic.
        """
        if self.lead_in[0] != line:
            start = self.index.line_start(line)
            end = self.text.find("\n", start)
            m = _LEAD_IN.match(self.text, start, len(self.text) if end == -1 else end)
            self.lead_in = (line, m.end())  # type: ignore[union-attr]
        return self.lead_in[1]

    def add_comment(self, at: int, body: str, own: bool | None = None) -> None:
        line, col = self.index.position(at)
        if own is None:
            own = at <= self.marker_prefix_end(line)
        cleaned = body.strip().lstrip("*/#!").strip()
        if cleaned.endswith("*/"):
            cleaned = cleaned[:-2].rstrip()
        self.comments.append(Comment(line, cleaned, own))

    # --- strings ---

    def csharp_prefix(self, i: int) -> bool:
        return (
            self.text[i + 1 : i + 2] == '"' or self.text[i : i + 3] in ('$@"', '@$"') or self.text.startswith('$$"', i)
        )

    def string(self, i: int) -> int:
        text, lang = self.text, self.lang
        c = text[i]
        self.last = "value"
        if lang.csharp and c in "@$":
            j = i
            verbatim = interp = False
            while text[j] in "@$":
                verbatim |= text[j] == "@"
                interp |= text[j] == "$"
                j += 1
            if text.startswith('"""', j):
                return self.csharp_raw(j, interp)
            st = _Str(
                j + 1,
                '"',
                escapes=not verbatim,
                holes_open=("{",) if interp else (),
                brace_escape=interp,
                doubled=verbatim,
                multiline=verbatim,
            )
            return self.continue_string(st, j + 1)
        if c == "`":
            mode = lang.backtick
            if mode == "template":
                return self.continue_string(_Str(i + 1, "`", holes_open=("${",), multiline=True), i + 1)
            if mode == "raw":
                return self.continue_string(_Str(i + 1, "`", escapes=False, multiline=True), i + 1)
            if mode == "command":
                return self.continue_string(_Str(i + 1, "`", multiline=True, emit=False), i + 1)
            end = text.find("`", i + 1)  # Kotlin `backtick names`
            self.tracker.name(text[i + 1 : end] if end != -1 else "")
            self.last = "name"
            return len(text) if end == -1 else end + 1
        if c == "'":
            if lang.single_quote == "string":
                return self.continue_string(_Str(i + 1, "'"), i + 1)
            if lang.single_quote == "ruby":
                return self.continue_string(_Str(i + 1, "'", multiline=True), i + 1)
            return self.continue_string(_Str(i + 1, "'", emit=False), i + 1)  # a char literal
        if text.startswith('"""', i) and lang.triple:
            if lang.triple == "csharp":
                return self.csharp_raw(i, False)
            if lang.triple == "kotlin":
                raw = _Str(i + 3, '"""', escapes=False, holes_open=("${",), multiline=True, dollar_names=True)
                return self.continue_string(raw, i + 3)
            return self.continue_string(_Str(i + 3, '"""', multiline=True), i + 3)  # Java text block
        return self.continue_string(
            _Str(i + 1, '"', holes_open=lang.dq_holes, dollar_names=lang.dollar_names, multiline=lang.ruby), i + 1
        )

    def csharp_raw(self, j: int, interp: bool) -> int:
        k = j
        while k < len(self.text) and self.text[k] == '"':
            k += 1
        quotes = '"' * (k - j)
        return self.continue_string(
            _Str(k, quotes, escapes=False, holes_open=("{",) if interp else (), multiline=True), k
        )

    def continue_string(self, st: _Str, j: int) -> int:
        """Scan a string from j: to its end (emitted), to a hole (suspended), or abandoned at a line end."""
        text = self.text
        n = len(text)
        close = st.close
        special = _special(st)
        while j < n:
            m = special.search(text, j)
            if m is None:
                break
            j = m.start()
            ch = text[j]
            if st.escapes and ch == "\\":
                st.esc.append((j, 2))
                j += 2
                continue
            if ch == close[0] and text.startswith(close, j):
                if st.doubled and text.startswith(close * 2, j):
                    st.esc.append((j, 2))
                    j += 2
                    continue
                if close == '"""':
                    while text.startswith('"', j + 3):
                        j += 1  # Kotlin/Java: extra quotes belong to the content
                self.emit(st, j)
                return j + len(close)
            if st.holes_open:
                if st.brace_escape and (text.startswith("{{", j) or text.startswith("}}", j)):
                    j += 2
                    continue
                opener = next((h for h in st.holes_open if text.startswith(h, j)), None)
                if opener is not None:
                    st.hole_start = j + len(opener)
                    self.suspended.append(st)
                    self.tracker.open_hole()
                    self.last = "op"
                    return j + len(opener)
            if ch == "\n" and not st.multiline:
                self.tracker.other()
                return j  # unterminated: dropped; the line end is lexed as code
            j += 1
        self.tracker.other()
        return n

    def emit(self, st: _Str, end: int) -> None:
        if not st.emit:
            self.tracker.other()
            return
        pieces, clean = apply(self.text, st.start, end, st.esc, st.holes, st.dollar_names)
        if len(pieces) == 1:
            value = pieces[0][1]
            self.tracker.literal(st.start, end, value, value if clean else None)
            return
        for k, (at, value) in enumerate(pieces):  # split at long holes (see source_mask.apply)
            self.tracker.literal(at, at + len(value), value, None, token=k == len(pieces) - 1)

    # --- regular expressions (JS, Ruby) ---

    def regex_allowed(self) -> bool:
        return self.last in ("", "op", "word")

    def regex_end(self, i: int) -> int | None:
        text = self.text
        if text.startswith(("//", "/*"), i) and self.lang.slash_comments:
            return None
        j = i + 1
        in_class = False
        n = len(text)
        while j < n:
            ch = text[j]
            if ch == "\n":
                return None
            if ch == "\\":
                j += 2
                continue
            if ch == "[":
                in_class = True
            elif ch == "]":
                in_class = False
            elif ch == "/" and not in_class:
                j += 1
                while j < n and text[j].isalpha():
                    j += 1
                return j
            j += 1
        return None

    # --- Ruby ---

    def ruby_line(self, i: int) -> None:
        """A new line at column col closes the def/class/module bodies indented at or past it."""
        self.line_col = i - (self.text.rfind("\n", 0, i) + 1)
        self.ruby_def = None
        while self.ruby_scopes and self.ruby_scopes[-1] >= self.line_col:
            self.ruby_scopes.pop()
            self.tracker.pop_scope()

    def ruby_scope(self, word: str, at_line_start: bool) -> None:
        if self.ruby_def is not None:
            if word != "self":
                self.tracker.push_scope(self.ruby_def + word)
                self.ruby_scopes.append(self.line_col)
                self.ruby_def = None
        elif at_line_start and word in ("def", "class", "module"):
            self.ruby_def = "f:" if word == "def" else "t:"

    def ruby_special(self, i: int) -> int | None:
        text, t = self.text, self.tracker
        c = text[i]
        if c == "<" and text.startswith("<<", i):
            m = _HEREDOC.match(text, i)
            if m and (m.group(1) or m.group(2) or m.group(3)[0].isupper()):
                self.heredocs.append((m.group(3), bool(m.group(1)), m.group(2) != "'", t.segments()))
                t.other("heredoc")
                self.last = "value"
                return m.end()
        if c == "%" and (self.last in ("", "op", "word") or text[i + 1 : i + 2] in tuple("qQwWiI")):
            m = _PERCENT.match(text, i)
            if m:
                return self.percent_literal(m.end(), m.group(1), m.group(2))
        if c == ":" and text[i + 1 : i + 2] == '"':
            return self.string(i + 1)  # :"symbol"
        if c == "?" and self.last in ("", "op", "word") and i + 2 <= len(text) and text[i + 1] not in " \t\n":
            t.other("?")
            self.last = "value"
            return i + 2  # ?x character literal
        return None

    def percent_literal(self, j: int, kind: str, opener: str) -> int:
        closer = _CLOSERS.get(opener, opener)
        text = self.text
        depth = 1
        k = j
        while k < len(text):
            ch = text[k]
            if ch == "\\":
                k += 2
                continue
            if ch == opener and closer != opener:
                depth += 1
            elif ch == closer:
                depth -= 1
                if depth == 0:
                    break
            k += 1
        interior = text[j:k]
        self.last = "value"
        if kind in ("r", "s", "x"):
            self.tracker.other()
        else:
            holes = ("#{",) if kind in ("Q", "W", "I", "") else ()
            value, clean = mask(interior, holes=holes)
            self.tracker.literal(j, k, value, interior if clean else None)
        return min(k + 1, len(text))

    def heredoc_bodies(self, i: int) -> int:
        """Bodies of the heredocs opened on the line that just ended; returns where code resumes."""
        text = self.text
        pending, self.heredocs = self.heredocs, []
        for ident, indented, interpolates, ctx in pending:
            body_start = i
            pos = i
            while pos < len(text):
                eol = text.find("\n", pos)
                eol = len(text) if eol == -1 else eol
                line = text[pos:eol].rstrip("\r")
                if (line.strip() if indented else line) == ident:
                    value, _clean = mask(text[body_start:pos], holes=("#{",) if interpolates else ())
                    if value.strip():
                        self.tracker.scalars.append(Scalar(value, ctx, body_start, pos))
                    i = min(eol + 1, len(text))
                    break
                pos = eol + 1
            else:
                return len(text)
        return i
