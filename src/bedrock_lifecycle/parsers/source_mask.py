"""Masking a literal's interior so a model ID is matched in its literal parts only.

The masked text has exactly the length of the source interior, so a match at
offset k of the masked value sits at interior-start + k in the file and the
reference is read back from the file as written. Escapes become spaces (so
'\\nanthropic...' still has a token boundary), interpolation holes keep their
delimiters and have their expression replaced by '_' (so the literal part after
'${geo}.' or '{}.' is still found, and an expression is never matched), and a
printf verb before a dot ('%s.anthropic...') reads as an empty hole.
"""

from __future__ import annotations

import re

_PRINTF = re.compile(r"%(?:\([A-Za-z_]\w*\))?[sv](?=\.)")
_DOLLAR_NAME = re.compile(r"\$[A-Za-z_]\w*")
_PAIRS = {"(": ")", "[": "]", "{": "}"}


def mask(
    interior: str,
    *,
    escapes: bool = True,
    holes: tuple[str, ...] = (),
    brace_escape: bool = False,
    dollar_names: bool = False,
) -> tuple[str, bool]:
    """(masked interior, clean): clean when there was no escape and no hole (the text is its own value)."""
    if not holes and not dollar_names and "%" not in interior and (not escapes or "\\" not in interior):
        return interior, True
    out = list(interior)
    clean = True
    i = 0
    n = len(interior)
    while i < n:
        c = interior[i]
        if escapes and c == "\\":
            out[i] = " "
            if i + 1 < n and interior[i + 1] != "\n":
                out[i + 1] = " "
            clean = False
            i += 2
            continue
        if brace_escape and interior.startswith(("{{", "}}"), i):
            i += 2
            continue
        opener = next((h for h in holes if interior.startswith(h, i)), None)
        if opener is not None:
            start = i + len(opener)
            end = hole_end(interior, start)
            blank(out, start, end)
            clean = False
            i = end + 1
            continue
        i += 1
    text = "".join(out)
    if dollar_names and "$" in text:
        text = _DOLLAR_NAME.sub(lambda m: "{" + "_" * (len(m.group()) - 2) + "}", text)
    if "%" in text:
        text = _PRINTF.sub(lambda m: "{" + "_" * (len(m.group()) - 2) + "}", text)
    return text, clean and text == interior


_QUOTED = re.compile(r"""('''|\"\"\"|'|")((?:\\.|(?!\1).)*?)\1""", re.S)


def hole_literals(interior: str) -> list[tuple[int, int]]:
    """(start, end) of the string literals written inside the ``{...}`` holes of an f-string."""
    out: list[tuple[int, int]] = []
    i = 0
    n = len(interior)
    while i < n:
        if interior.startswith(("{{", "}}"), i):
            i += 2
        elif interior[i] == "\\":
            i += 2
        elif interior[i] == "{":
            end = hole_end(interior, i + 1)
            out.extend((m.start(2), m.end(2)) for m in _QUOTED.finditer(interior, i + 1, end))
            i = end + 1
        else:
            i += 1
    return out


def hole_end(text: str, i: int) -> int:
    """Offset of the '}' closing a hole whose expression starts at i (brackets and quotes skipped)."""
    depth = 1
    n = len(text)
    while i < n:
        c = text[i]
        if c in "\"'`":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c in _PAIRS:
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return n


def blank(out: list[str], start: int, end: int) -> None:
    for k in range(start, min(end, len(out))):
        if out[k] != "\n":
            out[k] = "_"


# A hole longer than this ends one Scalar and starts the next (see apply): a model ID never spans an
# expression this long, and keeping every enclosing literal's blanked copy of a deeply nested hole made
# the values of N nested template literals O(N^2) characters (30,000 levels: gigabytes).
LONG_HOLE = 128
_KEEP = 2  # blanked characters kept on each side of a long hole: lookarounds see the same text


def apply(
    text: str,
    start: int,
    end: int,
    escapes: list[tuple[int, int]],
    holes: list[tuple[int, int]],
    dollar_names: bool = False,
) -> tuple[list[tuple[int, str]], bool]:
    """Mask the literal ``text[start:end]`` given its escape and hole ranges (absolute offsets).

    Returns ([(offset, masked value)], clean). Usually one piece, the whole interior; a hole longer
    than LONG_HOLE splits it: the piece before keeps the hole's opener and first blanked characters,
    the one after starts just before the hole's '}'. Work and output are linear in the literal's own
    text (a long hole is never copied), so nested template literals lex in linear time.
    """
    if not escapes and not holes:
        interior = text[start:end]
        if not dollar_names and "%" not in interior:
            return [(start, interior)], True
        value = _substitute(interior, dollar_names)
        return [(start, value)], value == interior
    pieces: list[tuple[int, str]] = []
    chunks: list[str] = []
    piece_start = pos = start
    k = 0
    for hole_start, hole_end in [*holes, (end, end)]:
        seg_end = min(max(hole_start, pos), end)
        seg = text[pos:seg_end]
        if k < len(escapes) and escapes[k][0] < seg_end:
            out = list(seg)
            while k < len(escapes) and escapes[k][0] < seg_end:
                at, length = escapes[k]
                for j in range(max(at, pos) - pos, min(at + length, seg_end) - pos):
                    if out[j] != "\n":
                        out[j] = " "
                k += 1
            seg = "".join(out)
        chunks.append(seg)
        if hole_start >= end:
            break
        hole_end = min(hole_end, end)
        if hole_end - seg_end > LONG_HOLE:
            chunks.append(_blanked(text[seg_end : seg_end + _KEEP]))
            pieces.append((piece_start, _substitute("".join(chunks), dollar_names)))
            piece_start = hole_end - _KEEP
            chunks = [_blanked(text[piece_start:hole_end])]
        else:
            chunks.append(_blanked(text[seg_end:hole_end]))
        pos = hole_end
    pieces.append((piece_start, _substitute("".join(chunks), dollar_names)))
    return pieces, False


def _blanked(s: str) -> str:
    """A hole's expression as '_' (line ends kept, so lines stay where they were)."""
    return "_" * len(s) if "\n" not in s else "\n".join("_" * len(part) for part in s.split("\n"))


def _substitute(text: str, dollar_names: bool) -> str:
    if dollar_names and "$" in text:
        text = _DOLLAR_NAME.sub(lambda m: "{" + "_" * (len(m.group()) - 2) + "}", text)
    if "%" in text:
        text = _PRINTF.sub(lambda m: "{" + "_" * (len(m.group()) - 2) + "}", text)
    return text
