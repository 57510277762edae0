"""Source-code parsers: string literals only, one parser per language (framework 'source').

A source Document holds one Scalar per string literal: ``value`` is the
literal's interior, masked to the same length as the source (escapes and
interpolation holes blanked, see source_mask), ``start``/``end`` are the
interior's offsets in the file, and ``key_path`` is the literal's context (see
source_context). Comments become Document.comments, for inline suppressions.
Python is read by the stdlib tokenizer (source_python); the other languages by
their tree-sitter grammars with a per-language table (source_ts).
"""

from __future__ import annotations

from collections.abc import Callable

from bedrock_lifecycle.document import Document
from bedrock_lifecycle.parsers.base import basename

# The readers (source_python, source_ts and their tables) are imported on a language's first file:
# the registry, and a scan without source code, pay nothing for them.

Read = Callable[[str, str], Document]  # (path, text) -> the file's literals, comments and syntax problems


class SourceParser:
    frameworks = ("source",)

    def __init__(
        self,
        name: str,
        extensions: tuple[str, ...],
        read: Read,
        comment_markers: tuple[str, ...],
        filenames: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.extensions = extensions
        self.filenames = filenames
        self.comment_markers = comment_markers
        self._read = read

    def claims(self, path: str) -> bool:
        return path.endswith(self.extensions) or basename(path) in self.filenames

    def parse(self, path: str, text: str) -> Document:
        return self._read(path, text)

    def __repr__(self) -> str:
        return f"SourceParser({self.name!r})"


def _tree(lang: str, jsx: str | None = None) -> Read:
    """Read with the tree-sitter table named ``lang`` in source_ts; ``jsx`` is the table for '.tsx' files
    (TSX is its own grammar). Text the grammar skipped goes to the text fallback (Document.unparsed)."""

    def read(path: str, text: str) -> Document:
        from bedrock_lifecycle.parsers import source_ts

        table = jsx if jsx is not None and path.endswith(".tsx") else lang
        return source_ts.read_document(path, text, getattr(source_ts, table))

    return read


def _python(path: str, text: str) -> Document:
    from bedrock_lifecycle.parsers.source_python import lex_python

    scalars, comments = lex_python(text)  # a tokenize error is a ParseFailure: the whole file as text
    return Document(path, "python", text, scalars=tuple(scalars), comments=tuple(comments))


PYTHON_PARSER = SourceParser("python", (".py", ".pyw"), _python, ("#",))
SOURCE_PARSERS: tuple[SourceParser, ...] = (
    PYTHON_PARSER,
    SourceParser("javascript", (".js", ".mjs", ".cjs", ".jsx"), _tree("JAVASCRIPT"), ("//",)),
    SourceParser("typescript", (".ts", ".mts", ".cts", ".tsx"), _tree("TYPESCRIPT", "TSX"), ("//",)),
    SourceParser("java", (".java",), _tree("JAVA"), ("//",)),
    SourceParser("go", (".go",), _tree("GO"), ("//",)),
    SourceParser("csharp", (".cs",), _tree("CSHARP"), ("//",)),
    SourceParser("kotlin", (".kt", ".kts"), _tree("KOTLIN"), ("//",)),
    SourceParser("ruby", (".rb", ".rake", ".gemspec"), _tree("RUBY"), ("#",), filenames=("Rakefile",)),
)
SOURCE_KINDS = frozenset(p.name for p in SOURCE_PARSERS)
