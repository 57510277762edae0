"""Source-code parsers: string literals only, one parser per language (framework 'source').

A source Document holds one Scalar per string literal: ``value`` is the
literal's interior, masked to the same length as the source (escapes and
interpolation holes blanked, see source_mask), ``start``/``end`` are the
interior's offsets in the file, and ``key_path`` is the literal's context (see
source_context). Comments become Document.comments, for inline suppressions.
Python is read by the stdlib tokenizer; the other languages by the C-family
lexer with a per-language table.
"""

from __future__ import annotations

from collections.abc import Callable

from bedrock_lifecycle.document import Comment, Document
from bedrock_lifecycle.model import Scalar
from bedrock_lifecycle.parsers.base import basename
from bedrock_lifecycle.parsers.source_clike import (
    CSHARP,
    GO,
    JAVA,
    JAVASCRIPT,
    KOTLIN,
    RUBY,
    TYPESCRIPT,
    CLang,
    lex_clike,
)
from bedrock_lifecycle.parsers.source_python import lex_python

Lex = Callable[[str], tuple[list[Scalar], list[Comment]]]


class SourceParser:
    frameworks = ("source",)

    def __init__(
        self,
        name: str,
        extensions: tuple[str, ...],
        lex: Lex,
        comment_markers: tuple[str, ...],
        filenames: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.extensions = extensions
        self.filenames = filenames
        self.comment_markers = comment_markers
        self._lex = lex

    def claims(self, path: str) -> bool:
        return path.endswith(self.extensions) or basename(path) in self.filenames

    def parse(self, path: str, text: str) -> Document:
        scalars, comments = self._lex(text)
        return Document(path, self.name, text, scalars=tuple(scalars), comments=tuple(comments))

    def __repr__(self) -> str:
        return f"SourceParser({self.name!r})"


def _clike(lang: CLang) -> Lex:
    return lambda text: lex_clike(text, lang)


PYTHON_PARSER = SourceParser("python", (".py", ".pyw"), lex_python, ("#",))
SOURCE_PARSERS: tuple[SourceParser, ...] = (
    PYTHON_PARSER,
    SourceParser("javascript", (".js", ".mjs", ".cjs", ".jsx"), _clike(JAVASCRIPT), ("//",)),
    SourceParser("typescript", (".ts", ".mts", ".cts", ".tsx"), _clike(TYPESCRIPT), ("//",)),
    SourceParser("java", (".java",), _clike(JAVA), ("//",)),
    SourceParser("go", (".go",), _clike(GO), ("//",)),
    SourceParser("csharp", (".cs",), _clike(CSHARP), ("//",)),
    SourceParser("kotlin", (".kt", ".kts"), _clike(KOTLIN), ("//",)),
    SourceParser("ruby", (".rb", ".rake", ".gemspec"), _clike(RUBY), ("#",), filenames=("Rakefile",)),
)
SOURCE_KINDS = frozenset(p.name for p in SOURCE_PARSERS)
