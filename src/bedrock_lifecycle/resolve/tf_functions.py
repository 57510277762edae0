"""The Terraform functions the static evaluator understands; every other function is Unknown.

Only functions whose result follows from their arguments without touching the
outside world: no ``file``, ``templatefile`` (it reads a file), ``timestamp``,
``uuid``. A function whose arguments hold a Choice is applied to each option.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable

from bedrock_lifecycle.parsers.hcl_ast import Call
from bedrock_lifecycle.resolve.terraform import (
    MAX_OPTIONS,
    NULL,
    ChoiceV,
    ErrorV,
    Evaluator,
    ListV,
    MapV,
    PrimV,
    Seg,
    StrV,
    UnknownV,
    Value,
    choice,
    expand,
    json_segments,
    literal,
    with_prov,
)

LOG = logging.getLogger(__name__)

Pure = Callable[[list[Value]], Value]


def call(ev: Evaluator, expr: Call) -> Value:
    name = expr.name
    if name == "try":
        return _try(ev, expr)
    fn = _PURE.get(name)
    if fn is None:
        return ev.unknown(expr)
    args = [ev.eval(a) for a in expr.args]
    if any(isinstance(a, ErrorV) for a in args):
        return ErrorV()
    if name != "jsonencode" and any(isinstance(a, ChoiceV) for a in args):
        options = [a.options if isinstance(a, ChoiceV) else (a,) for a in args]
        results = [fn(list(combo)) for combo in itertools.islice(itertools.product(*options), MAX_OPTIONS)]
        result = results[0] if len(set(results)) == 1 else choice(results)
    else:
        result = fn(args)
    return ev.unknown(expr) if isinstance(result, UnknownV) else result


def _try(ev: Evaluator, expr: Call) -> Value:
    """The first argument that evaluates; past an unknown one, the result is only possible."""
    skipped = False
    for arg in expr.args:
        value = ev.eval(arg)
        if isinstance(value, ErrorV):
            continue
        if isinstance(value, UnknownV):
            skipped = True
            continue
        return choice([value]) if skipped else value
    return ev.unknown(expr)


def _coalesce(args: list[Value]) -> Value:
    """The first non-null, non-empty argument; past an unknown one, the result is only possible."""
    skipped = False
    for value in args:
        if isinstance(value, ErrorV):
            return value
        if isinstance(value, UnknownV):
            skipped = True
            continue
        if value == NULL or (isinstance(value, StrV) and value.known and value.text == ""):
            continue
        return choice([value]) if skipped else value
    return UnknownV() if skipped else ErrorV()


def _lookup(args: list[Value]) -> Value:
    if len(args) < 2 or not isinstance(args[0], MapV):
        return UnknownV()
    key = literal(args[1])
    if key is None:
        return UnknownV()
    found = args[0].get(key)
    if found is not None:
        return found
    return args[2] if len(args) > 2 else ErrorV()


_VERB = re.compile(r"%(?:%|[-+# 0]*\d*(?:\.\d+)?([sdvqftbeEgGxXo]))")


def _format(args: list[Value]) -> Value:
    if not args or not isinstance(args[0], StrV) or not args[0].known:
        return UnknownV()
    segs: list[Seg] = []
    rest = list(args[1:])
    for fseg in args[0].segs:
        pos = 0
        for m in _VERB.finditer(fseg.text):
            if m.start() > pos:
                segs.append(Seg(fseg.text[pos : m.start()], fseg.loc, fseg.prov))
            pos = m.end()
            if m.group() == "%%":
                segs.append(Seg("%"))
                continue
            arg = rest.pop(0) if rest else None
            if arg is None:
                return ErrorV()
            if isinstance(arg, StrV) and m.group(1) in ("s", "v"):
                segs += arg.segs
            elif isinstance(arg, PrimV) and arg.value is not None and m.group(1) in ("s", "v", "d"):
                text = literal(arg)
                segs.append(Seg(text or ""))
            else:
                segs.append(Seg("${?}", unknown=True))
        if pos < len(fseg.text):
            segs.append(Seg(fseg.text[pos:], fseg.loc, fseg.prov))
    return StrV(tuple(segs))


def _jsonencode(args: list[Value]) -> Value:
    if len(args) != 1 or isinstance(args[0], UnknownV):
        return UnknownV()
    values = list(dict.fromkeys(StrV(tuple(json_segments(v))) for v in expand(args[0])))
    return values[0] if len(values) == 1 else ChoiceV(tuple(values))


def _join(args: list[Value]) -> Value:
    if len(args) < 2 or not isinstance(args[0], StrV):
        return UnknownV()
    sep = args[0]
    segs: list[Seg] = []
    first = True
    for lst in args[1:]:
        if not isinstance(lst, ListV):
            return UnknownV()
        for item in lst.items:
            item = with_prov(item, lst.prov)
            if not first:
                segs += sep.segs
            first = False
            if isinstance(item, StrV):
                segs += item.segs
            elif isinstance(item, PrimV) and item.value is not None:
                segs.append(Seg(literal(item) or ""))
            else:
                segs.append(Seg("${?}", unknown=True))
    return StrV(tuple(segs))


def _case(transform: Callable[[str], str]) -> Pure:
    def fn(args: list[Value]) -> Value:
        if len(args) != 1 or not isinstance(args[0], StrV):
            return UnknownV()
        return StrV(
            tuple(Seg(transform(s.text), s.loc, s.prov, s.unknown) if not s.unknown else s for s in args[0].segs)
        )

    return fn


def _trimspace(args: list[Value]) -> Value:
    if len(args) != 1 or not isinstance(args[0], StrV):
        return UnknownV()
    segs = list(args[0].segs)
    while segs and not segs[0].unknown and not segs[0].text.strip():
        segs.pop(0)
    while segs and not segs[-1].unknown and not segs[-1].text.strip():
        segs.pop()
    if segs and not segs[0].unknown:
        segs[0] = Seg(segs[0].text.lstrip(), segs[0].loc, segs[0].prov)
    if segs and not segs[-1].unknown:
        segs[-1] = Seg(segs[-1].text.rstrip(), segs[-1].loc, segs[-1].prov)
    return StrV(tuple(segs))


def _identity(args: list[Value]) -> Value:
    return args[0] if len(args) == 1 else UnknownV()


def _merge(args: list[Value]) -> Value:
    items: list[tuple[str, Value]] = []
    for m in args:
        if m == NULL:
            continue
        if not isinstance(m, MapV):
            return UnknownV()
        items += [(k, with_prov(v, m.prov)) for k, v in m.items]
    return MapV(tuple(items))


def _concat(args: list[Value]) -> Value:
    items: list[Value] = []
    for lst in args:
        if not isinstance(lst, ListV):
            return UnknownV()
        items += [with_prov(i, lst.prov) for i in lst.items]
    return ListV(tuple(items))


def _flatten(args: list[Value]) -> Value:
    if len(args) != 1 or not isinstance(args[0], ListV):
        return UnknownV()
    out: list[Value] = []
    stack: list[Value] = [args[0]]
    while stack:
        item = stack.pop()
        if isinstance(item, ListV):
            stack.extend(reversed([with_prov(i, item.prov) for i in item.items]))
        elif isinstance(item, (UnknownV, ChoiceV)):
            return UnknownV()
        else:
            out.append(item)
    return ListV(tuple(out))


def _element(args: list[Value]) -> Value:
    if len(args) != 2 or not isinstance(args[0], ListV) or not isinstance(args[1], PrimV):
        return UnknownV()
    index = args[1].value
    if not isinstance(index, int) or isinstance(index, bool) or not args[0].items:
        return ErrorV()
    return with_prov(args[0].items[index % len(args[0].items)], args[0].prov)


def _one(args: list[Value]) -> Value:
    if len(args) != 1 or not isinstance(args[0], ListV) or len(args[0].items) > 1:
        return UnknownV() if not (len(args) == 1 and isinstance(args[0], ListV)) else ErrorV()
    return with_prov(args[0].items[0], args[0].prov) if args[0].items else NULL


def _values(args: list[Value]) -> Value:
    if len(args) != 1 or not isinstance(args[0], MapV):
        return UnknownV()
    m = args[0]
    merged = {k: v for k, v in m.items}
    return ListV(tuple(with_prov(merged[k], m.prov) for k in sorted(merged)))


def _keys(args: list[Value]) -> Value:
    if len(args) != 1 or not isinstance(args[0], MapV):
        return UnknownV()
    return ListV(tuple(StrV((Seg(k),)) for k in sorted({k for k, _ in args[0].items})))


_PURE: dict[str, Pure] = {
    "lookup": _lookup,
    "coalesce": _coalesce,
    "format": _format,
    "jsonencode": _jsonencode,
    "join": _join,
    "lower": _case(str.lower),
    "upper": _case(str.upper),
    "trimspace": _trimspace,
    "tostring": _identity,
    "tolist": _identity,
    "toset": _identity,
    "tomap": _identity,
    "tonumber": _identity,
    "sensitive": _identity,
    "nonsensitive": _identity,
    "merge": _merge,
    "concat": _concat,
    "flatten": _flatten,
    "element": _element,
    "one": _one,
    "values": _values,
    "keys": _keys,
}

FUNCTIONS = frozenset(_PURE) | {"try"}
