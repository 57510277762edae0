"""Python string literals through the stdlib ``tokenize`` module.

``tokenize`` knows every Python string form (prefixes, triple quotes, implicit
line joins), so only its STRING tokens are read: comments and identifiers can
never match. f-strings keep their literal parts; the ``{...}`` expressions are
masked (3.12+ splits an f-string into FSTRING_* tokens; its whole source span
is read back as one literal so both versions behave the same). A string that
is a statement of its own (a docstring) is documentation, not a value, and is
left out.
"""

from __future__ import annotations

import io
import tokenize
from collections.abc import Iterator

from bedrock_lifecycle.document import Comment
from bedrock_lifecycle.errors import ParseFailure
from bedrock_lifecycle.model import Scalar
from bedrock_lifecycle.parsers.source_context import PROBE_IN, Tracker
from bedrock_lifecycle.parsers.source_mask import hole_literals, mask

_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_END = getattr(tokenize, "FSTRING_END", -1)
_OPEN = {"(", "[", "{"}
_CLOSE = {")", "]", "}"}
_SEPARATORS = {"=", ":=", ":", ",", ";", ".", "->", "<", ">", "+=", "|="}


def lex_python(text: str) -> tuple[list[Scalar], list[Comment]]:
    """String literals (with context) and comments; raises ParseFailure when tokenize gives up."""
    lexer = _PythonLexer(text)
    try:
        lexer.run()
    except tokenize.TokenError as exc:
        msg, pos = exc.args[0], exc.args[1] if len(exc.args) > 1 else (None, None)
        line, col = pos if isinstance(pos, tuple) else (None, None)
        raise ParseFailure(str(msg), line, col + 1 if col is not None else None) from None
    except SyntaxError as exc:  # IndentationError, and 3.12's stricter tokenizer
        raise ParseFailure(exc.msg or "syntax error", exc.lineno, exc.offset) from None
    return lexer.tracker.scalars, lexer.comments


class _PythonLexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        pos = text.find("\n")
        while pos != -1:
            self.starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self.tracker = Tracker()
        self.comments: list[Comment] = []
        self.level = 0
        self.scope_levels: list[int] = []
        self.def_word: str | None = None  # 'def'/'class' just seen at statement start
        self.pending_scope: str | None = None  # a def/class waiting for its INDENT
        self.after_newline = False
        self.held: list[tuple[int, str]] = []  # strings that start a statement: a docstring unless used
        # scalars of the last string token, while only 'not' followed it: an 'in' next makes them probes
        self.last_string: tuple[int, int] | None = None

    def offset(self, row: int, col: int) -> int:
        return self.starts[row - 1] + col

    def run(self) -> None:
        for kind, string, start, _end in self.tokens():
            if kind == tokenize.COMMENT:
                self.comment(string, start)
                continue
            if kind == tokenize.NL:
                continue
            if kind == tokenize.STRING and self.at_statement_start():
                self.held.append((self.offset(*start), string))
                continue
            if self.held:
                if kind in (tokenize.NEWLINE, tokenize.ENDMARKER):
                    self.held = []  # a docstring or a bare string statement
                else:
                    held, self.held = self.held, []
                    for at, s in held:
                        self.string(at, s)
            self.probe(kind, string)
            self.token(kind, string, start)

    def probe(self, kind: int, string: str) -> None:
        """'"anthropic.claude-3-" in name' / 'not in': the string before 'in' is a substring probe."""
        if self.last_string is None or kind in (tokenize.NL, tokenize.COMMENT):
            return
        if kind == tokenize.NAME and string == "not":
            return  # 'not in' goes on
        if kind == tokenize.NAME and string == "in":
            scalars = self.tracker.scalars
            a, b = self.last_string
            for i in range(a, min(b, len(scalars))):
                s = scalars[i]
                scalars[i] = Scalar(s.value, s.key_path + (PROBE_IN,), s.start, s.end)
        if kind != tokenize.STRING:
            self.last_string = None

    def tokens(self) -> Iterator[tuple[int, str, tuple[int, int], tuple[int, int]]]:
        """tokenize's stream, with each 3.12+ f-string folded back into one STRING token."""
        stream = tokenize.generate_tokens(io.StringIO(self.text).readline)
        for tok in stream:
            if tok.type == _FSTRING_START:
                depth = 1
                end = tok.end
                for inner in stream:
                    if inner.type == _FSTRING_START:
                        depth += 1
                    elif inner.type == _FSTRING_END:
                        depth -= 1
                        if depth == 0:
                            end = inner.end
                            break
                a, b = self.offset(*tok.start), self.offset(*end)
                yield tokenize.STRING, self.text[a:b], tok.start, end
            else:
                yield tok.type, tok.string, tok.start, tok.end

    def at_statement_start(self) -> bool:
        if self.held:
            return True  # implicit concatenation of a held string
        top = self.tracker.stack[-1]
        return top.kind in ("root", "scope") and not top.member

    def token(self, kind: int, string: str, start: tuple[int, int]) -> None:
        t = self.tracker
        if self.after_newline and kind not in (tokenize.INDENT, tokenize.NEWLINE):
            self.pending_scope = None  # 'def f(): return x' has no indented body
        self.after_newline = False
        if kind == tokenize.STRING:
            self.string(self.offset(*start), string)
        elif kind == tokenize.NAME:
            if self.def_word:
                self.pending_scope = ("t:" if self.def_word == "class" else "f:") + string
                self.def_word = None
            elif string in ("def", "class") and self.at_statement_start_or_async():
                self.def_word = string
            t.name(string, self.offset(*start))
        elif kind == tokenize.OP:
            if string in _OPEN:
                t.open(string)
            elif string in _CLOSE:
                t.close(string)
            elif string in _SEPARATORS:
                t.op(string)
            else:
                t.other(string)
        elif kind == tokenize.NEWLINE:
            t.newline()
            self.after_newline = self.pending_scope is not None
        elif kind == tokenize.INDENT:
            self.level += 1
            if self.pending_scope:
                t.push_scope(self.pending_scope)
                self.scope_levels.append(self.level)
                self.pending_scope = None
        elif kind == tokenize.DEDENT:
            self.level -= 1
            while self.scope_levels and self.scope_levels[-1] > self.level:
                self.scope_levels.pop()
                t.pop_scope()
        elif kind != tokenize.ENDMARKER:
            t.other(string)

    def at_statement_start_or_async(self) -> bool:
        top = self.tracker.stack[-1]
        return top.kind in ("root", "scope") and all(tok.text == "async" for tok in top.member)

    def string(self, at: int, s: str) -> None:
        first = len(self.tracker.scalars)
        self._string(at, s)
        a = self.last_string[0] if self.last_string is not None else first  # 'a' 'b' in x: both
        self.last_string = (a, len(self.tracker.scalars))

    def _string(self, at: int, s: str) -> None:
        q = next((i for i, c in enumerate(s) if c in "\"'"), None)
        if q is None:
            self.tracker.other(s)
            return
        prefix = s[:q].lower()
        quote = s[q : q + 3] if s[q : q + 3] in ('"""', "'''") and len(s) >= q + 6 else s[q]
        i0, i1 = q + len(quote), len(s) - len(quote)
        interior = s[i0:i1]
        fmt = "f" in prefix
        raw = "r" in prefix
        value, clean = mask(interior, escapes=not raw, holes=("{",) if fmt else (), brace_escape=fmt)
        self.tracker.literal(at + i0, at + i1, value, interior if clean else None)
        if fmt and "{" in interior:  # f"{geo}.{'anthropic...'}": a literal inside a hole is a literal too
            for a, b in hole_literals(interior):
                inner, _clean = mask(interior[a:b])
                self.tracker.literal(at + i0 + a, at + i0 + b, inner, None, token=False)

    def comment(self, string: str, start: tuple[int, int]) -> None:
        row, col = start
        line_text = self.text[self.starts[row - 1] : self.starts[row - 1] + col]
        self.comments.append(Comment(row, string.lstrip("#").strip(), not line_text.strip()))
