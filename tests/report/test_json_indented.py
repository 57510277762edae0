"""The JSON report's record writer is byte-identical to json.dumps(indent=2, sort_keys=True)."""

from __future__ import annotations

import json
import random

from bedrock_lifecycle.report.json_ import _indented

SCALARS = ['a"b\\\n\u00e9\u2028\x00', "", 0, -5, 1.5, 1e20, 1e-7, True, False, None, "anthropic.claude-v2:1", 10**20]


def _value(rnd: random.Random, depth: int = 0) -> object:
    roll = rnd.random()
    if depth > 3 or roll < 0.4:
        return rnd.choice(SCALARS)
    if roll < 0.7:
        return {
            rnd.choice(["b", "a", "é", "Z", "\u2028"]) + str(i): _value(rnd, depth + 1)
            for i in range(rnd.randint(0, 4))
        }
    return [_value(rnd, depth + 1) for _ in range(rnd.randint(0, 4))]


def test_indented_matches_json_dumps_on_random_trees():
    rnd = random.Random(20261205)  # fixed: the same trees on every run
    for _ in range(2000):
        value = _value(rnd)
        out: list[str] = []
        _indented(value, "      ", out)
        assert "".join(out) == json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False).replace("\n", "\n      ")
