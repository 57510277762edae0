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


def mask(interior: str, *, escapes: bool = True, holes: tuple[str, ...] = (), brace_escape: bool = False,
         dollar_names: bool = False) -> tuple[str, bool]:
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


def apply(interior: str, base: int, escapes: list[tuple[int, int]], holes: list[tuple[int, int]],
          dollar_names: bool = False) -> tuple[str, bool]:
    """Mask known escape and hole ranges (absolute offsets; ``base`` is the interior's offset)."""
    if not escapes and not holes and not dollar_names and "%" not in interior:
        return interior, True
    out = list(interior)
    for at, length in escapes:
        for k in range(at - base, min(at - base + length, len(out))):
            if out[k] != "\n":
                out[k] = " "
    for start, end in holes:
        blank(out, start - base, end - base)
    text = "".join(out)
    if dollar_names and "$" in text:
        text = _DOLLAR_NAME.sub(lambda m: "{" + "_" * (len(m.group()) - 2) + "}", text)
    if "%" in text:
        text = _PRINTF.sub(lambda m: "{" + "_" * (len(m.group()) - 2) + "}", text)
    return text, not escapes and not holes and text == interior
