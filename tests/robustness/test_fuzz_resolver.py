"""Property tests for the model-ID resolver: any string is safe, every ID form round-trips in context.

Hypothesis runs derandomized (a fixed seed per test) with a bounded number of
examples, so CI runs the same cases every time. tests/resolve/test_ids.py holds
the exhaustive per-entry round trip of a reference on its own; here the forms are
combined at random (any geo prefix, partition, Region, case, LiteLLM route) and
embedded in surrounding text, where the recognizer's boundaries matter.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.model import ParsedId
from bedrock_lifecycle.resolve.ids import Form, IdParser, Recognizer

CATALOG = load_embedded()
PARSER = IdParser.for_catalog(CATALOG)
RECOGNIZER = Recognizer.for_catalog(CATALOG)
ENTRIES = sorted(e.model_id for e in CATALOG)
FORMS = {f.value for f in Form} | {f"litellm/{f.value}" for f in Form}
FUZZ = settings(derandomize=True, max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of real references, so random strings reach the deep branches of the parser.
FRAGMENTS = sorted(
    {
        *(p + "." for p in CATALOG.providers),
        *(g + "." for g in CATALOG.geo_prefixes),
        *ENTRIES[:40],
        "arn:",
        "aws",
        "aws-us-gov",
        "aws-cn",
        ":bedrock:",
        "us-east-1",
        "::",
        ":",
        "123456789012",
        "foundation-model/",
        "inference-profile/",
        "custom-model/",
        "application-inference-profile/",
        "provisioned-model/",
        "prompt-router/",
        "default-prompt-router/",
        "imported-model/",
        "prompt/",
        "bedrock/",
        "converse/",
        "invoke/",
        "${AWS::Region}",
        "${",
        "}",
        "*",
        "?",
        "-v1:0",
        ":28k",
        ":0:512",
        "/abcdefghijkl",
        ".",
        "-",
        "_",
        "@",
        "$",
        " ",
        "\n",
        '"',
        "'",
        "\u0130",
        "\u212a",
        "\x00",
        "\ufffd",
        "\U0001f600",
    }
)
REFERENCE_TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=12).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), REFERENCE_TEXT)


def _check_parsed(parsed: ParsedId | None) -> None:
    if parsed is None:
        return
    assert parsed.form in FORMS
    assert parsed.candidate is None or parsed.candidate == parsed.candidate.lower()


@FUZZ
@given(ANY_TEXT)
def test_parse_never_raises(text):
    _check_parsed(PARSER.parse(text))


@FUZZ
@given(ANY_TEXT)
def test_finditer_never_raises_and_reports_exact_offsets(text):
    end = 0
    for m in RECOGNIZER.finditer(text):
        assert end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.parsed == PARSER.parse(m.text)
        _check_parsed(m.parsed)
        end = m.end


@FUZZ
@given(st.binary(max_size=300))
def test_prefilter_never_raises(data):
    RECOGNIZER.may_contain(data)


PARTITIONS = ("aws", "aws-us-gov", "aws-cn", "aws-iso", "aws-iso-b", "aws-iso-f", "aws-eusc")
REGIONS = ("us-east-1", "us-gov-west-1", "eusc-de-east-1", "ap-southeast-6", "cn-north-1", "${AWS::Region}")
GEOS = sorted(CATALOG.geo_prefixes)


@st.composite
def reference_forms(draw):
    """(text, form) of one catalog ID written in one of its forms."""
    model = draw(st.sampled_from(ENTRIES))
    geo, partition = draw(st.sampled_from(GEOS)), draw(st.sampled_from(PARTITIONS))
    region = draw(st.sampled_from(REGIONS))
    forms = {
        "base": (model, Form.BASE.value),
        "profile": (f"{geo}.{model}", Form.PROFILE.value),
        "fm-arn": (f"arn:{partition}:bedrock:{region}::foundation-model/{model}", Form.FOUNDATION_ARN.value),
        "profile-arn": (
            f"arn:{partition}:bedrock:{region}:123456789012:inference-profile/{geo}.{model}",
            Form.PROFILE_ARN.value,
        ),
        "custom-arn": (
            f"arn:{partition}:bedrock:{region}:123456789012:custom-model/{model}/a1b2c3d4e5f6",
            Form.CUSTOM_MODEL_ARN.value,
        ),
        "litellm": (f"bedrock/{model}", "litellm/base"),
        "litellm-profile": (f"bedrock/converse/{geo}.{model}", "litellm/inference-profile"),
    }
    text, form = forms[draw(st.sampled_from(sorted(forms)))]
    case = draw(st.sampled_from(("lower", "upper", "title")))
    text = {"lower": text, "upper": text.upper(), "title": text.title()}[case] if "${" not in text else text
    return model, text, form


# What can sit either side of a reference: quotes, assignments, YAML, JSON, interpolation, prose.
WRAPPERS = [
    ('"', '"'),
    ("'", "'"),
    ("`", "`"),
    ("= ", "\n"),
    ("model_id: ", "\n"),
    ('{"model": "', '"}'),
    ("(", ")"),
    ("[", "]"),
    ("${", "}"),
    ("\t", " "),
    ("export MODEL=", ""),
    ("", ","),
    ("<", ">"),
]
FILLER = st.text(alphabet=st.characters(blacklist_characters=".:/", blacklist_categories=("Cs",)), max_size=20)


@settings(derandomize=True, max_examples=600, deadline=None)
@given(reference_forms(), st.sampled_from(WRAPPERS), FILLER, FILLER)
def test_every_form_round_trips_inside_text(ref, wrapper, before, after):
    model, text, form = ref
    left, right = wrapper
    # the filler never forms a reference of its own (no '.', ':' or '/'), and a separator bounds the reference
    document = f"{before} {left}{text}{right} {after}"
    found = list(RECOGNIZER.finditer(document))
    assert [m.text for m in found] == [text], document
    [m] = found
    assert document[m.start : m.end] == text
    assert m.parsed.form == form
    entry = CATALOG.lookup(m.parsed.candidate)
    assert entry is not None and entry.model_id == model
