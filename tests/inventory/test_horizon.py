"""--horizon: what turns Legacy, enters extended access or reaches EOL in a window after the as-of date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bedrock_lifecycle.cli import main
from bedrock_lifecycle.inventory import HorizonSpec, ModelRecord, add_months, horizon

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = ROOT / "fixtures" / "inventory" / "platform" / "repo"
PROJECTION = ROOT / "fixtures" / "inventory" / "projection" / "repo"
AS_OF = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("180d", date(2027, 5, 24)),
        ("180", date(2027, 5, 24)),
        ("26w", date(2027, 5, 26)),
        ("6m", date(2027, 5, 25)),
        ("2q", date(2027, 5, 25)),
        ("1y", date(2027, 11, 25)),
        ("2027-06-30", date(2027, 6, 30)),
        (" 6M ", date(2027, 5, 25)),
    ],
)
def test_spans_accepted(text, end):
    assert HorizonSpec.parse(text).end(AS_OF) == end


@pytest.mark.parametrize("text", ["", "0d", "-5d", "6x", "soon", "1.5m", "d", "2027-13-01", "99999d", "9999y", "401q"])
def test_spans_refused(text):
    with pytest.raises(ValueError, match="not a horizon"):
        HorizonSpec.parse(text)


def test_calendar_months_clamp_to_the_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 11, 25), -36) == date(2023, 11, 25)


def _model(key: str, legacy=None, ext=None, eol=None) -> ModelRecord:
    return ModelRecord(
        key=key,
        model_id=key,
        name=None,
        provider=None,
        phase="active",
        legacy_date=legacy,
        extended_access_date=ext,
        eol_date=eol,
        source_url=None,
        occurrences=(),
        migration=None,
    )


def test_window_excludes_the_as_of_day_and_includes_the_end_day_ordered_by_date():
    models = [
        _model("p.b", legacy=date(2026, 12, 1), ext=date(2027, 3, 1), eol=date(2027, 6, 1)),
        _model("p.a", legacy=AS_OF, eol=date(2027, 3, 1)),  # Legacy today: not a change to come
        _model("p.c", eol=date(2026, 12, 1)),
        _model("p.d", legacy=date(2027, 5, 24), eol=date(2027, 5, 25)),  # EOL one day past 180d
    ]
    h = horizon(models, AS_OF, HorizonSpec.parse("180d"))
    assert [(e.day.isoformat(), e.change, e.model.key) for e in h.events] == [
        ("2026-12-01", "legacy", "p.b"),
        ("2026-12-01", "eol", "p.c"),
        ("2027-03-01", "extended-access", "p.b"),
        ("2027-03-01", "eol", "p.a"),
        ("2027-05-24", "legacy", "p.d"),
    ]
    assert (h.start, h.end) == (AS_OF, date(2027, 5, 24))


def _run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_scan_json_gains_a_horizon_section_and_nothing_else(capsys):
    base = ["scan", str(PLATFORM), "--as-of", "2026-11-25", "-o", "json", "--jobs", "1"]
    code_plain, plain = _run(capsys, *base)
    code_h, with_h = _run(capsys, *base, "--horizon", "180d")
    assert code_plain == code_h
    doc = json.loads(with_h)
    section = doc.pop("horizon")
    assert doc == json.loads(plain) and "horizon" not in json.loads(plain)
    assert (section["from"], section["to"], section["horizon"]) == ("2026-11-25", "2027-05-24", "180d")
    assert [(c["date"], c["change"], c["model"]) for c in section["changes"]] == [
        ("2026-11-26", "eol", "ai21.jamba-1-5-mini-v1:0"),
        ("2026-11-30", "eol", "twelvelabs.marengo-embed-2-7-v1:0"),
        ("2027-01-08", "extended-access", "anthropic.claude-sonnet-4-5-20250929-v1:0"),
        ("2027-01-08", "eol", "anthropic.claude-opus-4-1-20250805-v1:0"),
        ("2027-04-08", "eol", "anthropic.claude-sonnet-4-5-20250929-v1:0"),
    ]
    marengo = section["changes"][1]["migration"]
    assert marengo["replacement"] == "twelvelabs.marengo-embed-3-0-v1:0"
    assert marengo["replacement_status"] == "ACTIVE"


def test_scan_console_gains_the_plan_and_other_formats_are_unchanged(capsys):
    base = ["scan", str(PROJECTION), "--as-of", "2026-03-01", "--jobs", "1"]
    _, plain = _run(capsys, *base, "--compact")
    _, with_h = _run(capsys, *base, "--compact", "--horizon", "2q")
    assert with_h.startswith(plain) and "Horizon 2q: 4 changes after 2026-03-01 up to 2026-09-01" in with_h
    assert "2026-03-10  Legacy           anthropic.claude-3-haiku-20240307-v1:0" in with_h
    _, sarif_plain = _run(capsys, *base, "-o", "sarif")
    _, sarif_h = _run(capsys, *base, "-o", "sarif", "--horizon", "2q")
    assert sarif_plain == sarif_h


def test_empty_window_says_so(capsys):
    _, out = _run(capsys, "inventory", str(PROJECTION), "--as-of", "2026-03-01", "--horizon", "5d")
    assert "Horizon 5d: 0 changes after 2026-03-01 up to 2026-03-06" in out
    assert "(no model changes phase in this window)" in out


def test_scan_refuses_a_bad_horizon(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["scan", ".", "--horizon", "6x"])
    assert exc.value.code == 2 and "not a horizon: '6x'" in capsys.readouterr().err
