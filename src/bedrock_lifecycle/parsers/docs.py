"""Documentation: Markdown, reStructuredText and AsciiDoc (framework 'docs', read only with --include-docs).

Documentation is read line by line: prose and code blocks alike, because a
README's copy-paste snippet is where users get model IDs from. Each line is a
Scalar whose key path is its place in the document, which becomes the
finding's resource: the nearest heading (``Quick start``) or the code block
under it (``Quick start > code block 2 (bash)``). Comments (``<!-- -->``,
``.. `` comments, ``//``) are not scanned but hold suppressions
(``<!-- bedrock-lifecycle:skip=BRL_001:reason -->``). These parsers never fail.
"""

from __future__ import annotations

import logging
import re

from bedrock_lifecycle.document import Comment, Document
from bedrock_lifecycle.model import DOC_KINDS, Scalar

LOG = logging.getLogger(__name__)

__all__ = ["DOCS_PARSERS", "DOC_KINDS", "DocsParser", "parse_markdown", "parse_plain"]


_MD_HEADING = re.compile(r" {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_MD_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
_MD_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)")
_RST_ADORN = re.compile(r"""([=\-`:'"~^_*+#<>.!$%&,/;?@\\|])\1{2,}[ \t]*$""")
_RST_CODE = re.compile(r"([ \t]*)\.\.[ \t]+(?:code-block|code|sourcecode)::[ \t]*(\S*)")
_RST_EXPLICIT = re.compile(r"([ \t]*)\.\.(?:[ \t]+(.*))?$")
_RST_DIRECTIVE = re.compile(r"[\w:+-]+::|_[^:]*:|\[[^\]]*\]|\|[^|]*\|")
_ADOC_HEADING = re.compile(r"(={1,6}|#{1,6})[ \t]+(\S.*?)[ \t]*$")
_ADOC_SOURCE = re.compile(r"\[(?:source)?,[ \t]*([\w+-]+)|\[source\]")
_ADOC_DELIM = re.compile(r"(-{4,}|\.{4,}|`{3,})[ \t]*$")


class DocsParser:
    frameworks = ("docs",)
    comment_markers: tuple[str, ...] = ()

    def __init__(self, name: str, extensions: tuple[str, ...]) -> None:
        self.name = name
        self.extensions = extensions

    def claims(self, path: str) -> bool:
        return path.lower().endswith(self.extensions)

    def parse(self, path: str, text: str) -> Document:
        if self.name == "rst":
            return _parse(path, text, "rst", _rst_lines(text))
        if self.name == "asciidoc":
            return _parse(path, text, "asciidoc", _adoc_lines(text))
        return parse_markdown(path, text)

    def __repr__(self) -> str:
        return f"DocsParser({self.name!r})"


DOCS_PARSERS: tuple[DocsParser, ...] = (
    DocsParser("markdown", (".md", ".markdown", ".mdx", ".mkd")),
    DocsParser("rst", (".rst",)),
    DocsParser("asciidoc", (".adoc", ".asciidoc", ".asc")),
)

# Per line: ('text' | 'comment' | 'skip', label or comment text)
_Line = tuple[str, str]


def parse_markdown(path: str, text: str) -> Document:
    return _parse(path, text, "markdown", _markdown_lines(text))


def parse_plain(path: str, text: str, kind: str) -> Document:
    """Text without structure (a notebook output): every line, named by the key before it if any."""
    scalars = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            scalars.append(Scalar(line, (), offset, offset + len(line)))
        offset += len(line) + 1
    return Document(path, kind, text, scalars=tuple(scalars))


def _parse(path: str, text: str, kind: str, labels: list[_Line]) -> Document:
    scalars: list[Scalar] = []
    comments: list[Comment] = []
    offset = 0
    for number, (line, (role, label)) in enumerate(zip(text.split("\n"), labels, strict=True), start=1):
        if role == "comment":
            comments.append(Comment(number, label))
        elif role == "text" and line.strip():
            code, trailing = _trailing_html_comment(line) if kind == "markdown" else (line, None)
            scalars.append(Scalar(code, (label or path,), offset, offset + len(code)))
            if trailing is not None:
                comments.append(Comment(number, trailing, False))
        offset += len(line) + 1
    return Document(path, kind, text, scalars=tuple(scalars), comments=tuple(comments))


def _trailing_html_comment(line: str) -> tuple[str, str | None]:
    at = line.find("<!--")
    if at == -1:
        return line, None
    end = line.find("-->", at)
    body = line[at + 4 : end if end != -1 else len(line)]
    return line[:at], body.strip()


def _block(heading: str, n: int, lang: str) -> str:
    where = f"{heading} > " if heading else ""
    return f"{where}code block {n}" + (f" ({lang})" if lang else "")


def _markdown_lines(text: str) -> list[_Line]:
    lines = text.split("\n")
    out: list[_Line] = []
    heading = ""
    fence: str | None = None
    block = ""
    blocks = 0
    in_comment = False
    underline = False  # the '===' / '---' line under a Setext heading
    for i, line in enumerate(lines):
        if fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = None
                out.append(("skip", ""))
            else:
                out.append(("text", block))
            continue
        if in_comment:
            end = line.find("-->")
            out.append(("comment", line[: end if end != -1 else len(line)].strip()))
            in_comment = end == -1
            continue
        stripped = line.strip()
        if stripped.startswith("<!--"):
            end = stripped.find("-->")
            out.append(("comment", stripped[4 : end if end != -1 else len(stripped)].strip()))
            in_comment = end == -1
            continue
        m = _MD_FENCE.match(line)
        if m:
            fence = m.group(1)
            blocks += 1
            block = _block(heading, blocks, m.group(2))
            out.append(("skip", ""))
            continue
        h = _MD_HEADING.match(line)
        if h:
            heading = h.group(2).strip()
            out.append(("text", heading))
            continue
        if underline:
            underline = False
            out.append(("skip", ""))
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if stripped and _MD_SETEXT.match(nxt) and not _MD_SETEXT.match(line):
            heading = stripped
            underline = True
            out.append(("text", heading))
            continue
        out.append(("text", heading))
    return out


def _rst_lines(text: str) -> list[_Line]:
    lines = text.split("\n")
    out: list[_Line] = []
    heading = ""
    blocks = 0
    block: tuple[int, str] | None = None  # (indent of the directive, label) while inside a code block
    comment_indent: int | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        indent = len(line) - len(line.lstrip())
        if block is not None:
            if not line.strip() or indent > block[0]:
                out.append(("text", block[1]))
                i += 1
                continue
            block = None
        if comment_indent is not None:
            if not line.strip() or indent > comment_indent:
                out.append(("comment", line.strip()))
                i += 1
                continue
            comment_indent = None
        code = _RST_CODE.match(line)
        if code:
            blocks += 1
            block = (len(code.group(1)), _block(heading, blocks, code.group(2)))
            out.append(("skip", ""))
            i += 1
            continue
        explicit = _RST_EXPLICIT.match(line)
        if explicit and not _RST_DIRECTIVE.match(explicit.group(2) or "::"):
            comment_indent = len(explicit.group(1))
            out.append(("comment", (explicit.group(2) or "").strip()))
            i += 1
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and not _RST_ADORN.match(line) and _RST_ADORN.match(nxt):
            heading = line.strip()
            out += [("text", heading), ("skip", "")]
            i += 2
            continue
        if _RST_ADORN.match(line):
            out.append(("skip", ""))
            i += 1
            continue
        if line.rstrip().endswith("::") and not explicit:  # 'Example::' starts a literal block
            out.append(("text", heading))
            blocks += 1
            block = (indent, _block(heading, blocks, ""))
            i += 1
            continue
        out.append(("text", heading))
        i += 1
    return out


def _adoc_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    heading = ""
    blocks = 0
    delim: str | None = None
    block = ""
    lang = ""
    in_comment = False
    for line in text.split("\n"):
        stripped = line.strip()
        if in_comment:
            in_comment = stripped != "////"
            out.append(("comment", stripped if in_comment else ""))
            continue
        if delim is not None:
            if stripped == delim:
                delim = None
                out.append(("skip", ""))
            else:
                out.append(("text", block))
            continue
        if stripped == "////":
            in_comment = True
            out.append(("skip", ""))
            continue
        if stripped.startswith("//"):
            out.append(("comment", stripped[2:].strip()))
            continue
        src = _ADOC_SOURCE.match(stripped)
        if src:
            lang = src.group(1) or ""
            out.append(("skip", ""))
            continue
        d = _ADOC_DELIM.match(stripped)
        if d:
            delim = d.group(1)
            blocks += 1
            block = _block(heading, blocks, lang)
            lang = ""
            out.append(("skip", ""))
            continue
        h = _ADOC_HEADING.match(line)
        if h:
            heading = h.group(2)
            out.append(("text", heading))
            continue
        out.append(("text", heading))
    return out
