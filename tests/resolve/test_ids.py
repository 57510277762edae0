"""IdParser, Recognizer and resolve() against every form in id-forms.md.

The facts (IDs, prefixes, partitions, ARN shapes) come from
shared/reference/bedrock-lifecycle/id-forms.md; the catalog is the embedded one.
"""

from __future__ import annotations

from datetime import date

import pytest

from bedrock_lifecycle.catalog import load_embedded
from bedrock_lifecycle.model import ParsedId, Reference, Span, Status
from bedrock_lifecycle.resolve.ids import Form, IdParser, Recognizer, resolve

CATALOG = load_embedded()
PARSER = IdParser.for_catalog(CATALOG)
RECOGNIZER = Recognizer.for_catalog(CATALOG)
AS_OF = date(2026, 11, 25)  # the reference facts' date

BASE = Form.BASE.value
PROFILE = Form.PROFILE.value
FM_ARN = Form.FOUNDATION_ARN.value
PROFILE_ARN = Form.PROFILE_ARN.value
CUSTOM_ARN = Form.CUSTOM_MODEL_ARN.value
WILDCARD = Form.WILDCARD.value

GEO_PREFIXES = ("us", "eu", "apac", "us-gov", "global", "jp", "au", "ca", "in")
CLAUDE3_HAIKU = "anthropic.claude-3-haiku-20240307-v1:0"


def ref(text: str, region: str | None = None) -> Reference:
    return Reference(text=text, span=Span("main.tf", 1, 1, 1, len(text) + 1), resource="r", kind="text", region=region)


def resolved(text: str, as_of: date = AS_OF, region: str | None = None):
    parsed = PARSER.parse(text)
    assert parsed is not None, text
    return resolve(ref(text, region), parsed, CATALOG, as_of)


def matches(text: str) -> list[tuple[int, int, str, str, str | None]]:
    return [(m.start, m.end, m.text, m.parsed.form, m.parsed.candidate) for m in RECOGNIZER.finditer(text)]


def whole(text: str, form: str, candidate: str | None) -> list[tuple[int, int, str, str, str | None]]:
    """The one match the Recognizer should report for a reference on its own."""
    return [(0, len(text), text, form, candidate)]


def lookup_id(candidate: str | None) -> str | None:
    entry = CATALOG.lookup(candidate) if candidate is not None else None
    return entry.model_id if entry is not None else None


# ----------------------------------------------------------------- §1 base IDs

BASE_IDS = [
    # no suffix
    "anthropic.claude-v2",
    "anthropic.claude-instant-v1",
    "amazon.titan-text-express-v1",
    "cohere.command-text-v14",
    "stability.stable-diffusion-xl-v1",
    "amazon.titan-tg1-large",
    "cohere.embed-english-v3",
    # ':N' minor version
    "anthropic.claude-v2:1",
    "amazon.titan-embed-text-v2:0",
    "amazon.nova-reel-v1:1",
    "amazon.nova-reel-v1:0",
    "stability.stable-image-core-v1:1",
    "stability.stable-image-core-v1:0",
    "mistral.mistral-7b-instruct-v0:2",
    "mistral.mixtral-8x7b-instruct-v0:1",
    # date-stamped '-vN:M', and '-N:M' without a 'v'
    "anthropic.claude-3-5-sonnet-20241022-v2:0",
    "anthropic.claude-sonnet-4-5-20250929-v1:0",
    "openai.gpt-oss-120b-1:0",
    # 2026 style, no colon
    "anthropic.claude-opus-4-6-v1",
    "anthropic.claude-sonnet-4-6",
    "anthropic.claude-opus-4-7",
    "anthropic.claude-opus-4-8",
    "anthropic.claude-sonnet-5",
    "anthropic.claude-opus-5",
    "anthropic.claude-fable-5",
    # dots in the model part: only the first dot separates the provider
    "openai.gpt-6.1-sol",
    "deepseek.v3.2",
    "minimax.minimax-m2.1",
    "xai.grok-4.7",
    "zai.glm-4.7-flash",
    # provider 'moonshot' (Kimi K2 Thinking) next to 'moonshotai'
    "moonshot.kimi-k2-thinking",
    "moonshotai.kimi-k3",
    # bedrock-mantle IDs that are catalog entries (§6)
    "anthropic.claude-haiku-4-5",
    "anthropic.claude-mythos-5",
    "openai.gpt-5.6-cyber",
    "google.gemma-4-e2b",
]


@pytest.mark.parametrize("model_id", BASE_IDS)
def test_base_id_parses_and_resolves_exactly(model_id: str) -> None:
    assert PARSER.parse(model_id) == ParsedId(BASE, model_id)
    entry = CATALOG.lookup(model_id)
    assert entry is not None and entry.model_id == model_id
    res = resolved(model_id)
    assert res.model_id == model_id
    assert res.status == entry.lifecycle(AS_OF).status
    assert res.status in (Status.ACTIVE, Status.LEGACY, Status.EOL)
    assert res.source_url == entry.source_url
    assert matches(model_id) == whole(model_id, BASE, model_id)


@pytest.mark.parametrize(
    ("model_id", "status"),
    [
        ("anthropic.claude-v2", Status.EOL),
        ("anthropic.claude-v2:1", Status.EOL),
        ("anthropic.claude-sonnet-4-5-20250929-v1:0", Status.LEGACY),
        ("anthropic.claude-opus-4-1-20250805-v1:0", Status.LEGACY),
        ("anthropic.claude-sonnet-4-6", Status.ACTIVE),
        ("openai.gpt-6.1-sol", Status.ACTIVE),
        ("deepseek.v3.2", Status.ACTIVE),
        ("amazon.nova-reel-v1:0", Status.EOL),
        ("stability.stable-image-core-v1:1", Status.ACTIVE),
        ("stability.stable-image-core-v1:0", Status.EOL),
    ],
)
def test_base_id_status_as_of_reference_date(model_id: str, status: Status) -> None:
    assert resolved(model_id).status is status


def test_minor_versions_are_separate_entries() -> None:
    # id-forms §1: 'anthropic.claude-v2' and 'anthropic.claude-v2:1' are separate entries;
    # look up the exact string.
    plain, minor = CATALOG.lookup("anthropic.claude-v2"), CATALOG.lookup("anthropic.claude-v2:1")
    assert plain is not None and minor is not None and plain is not minor
    assert CATALOG.lookup("amazon.nova-reel-v1:0") is not CATALOG.lookup("amazon.nova-reel-v1:1")
    # The unversioned embed ID and the retired v1.1 are different lifecycles.
    assert CATALOG.lookup("amazon.titan-embed-text-v1").model_id == "amazon.titan-embed-text-v1"
    assert CATALOG.lookup("amazon.titan-embed-text-v1:1").model_id == "amazon.titan-embed-text-v1:1"
    assert resolved("amazon.titan-embed-text-v1").status is Status.ACTIVE
    assert resolved("amazon.titan-embed-text-v1:1").status is Status.EOL


@pytest.mark.parametrize(
    "text",
    [
        # wrong minor version: never stripped to a neighbour
        "anthropic.claude-v2:5",
        "anthropic.claude-v2:2",
        "amazon.nova-pro-v1:1",
        "amazon.titan-embed-text-v2:1",
        "anthropic.claude-sonnet-4-6:0",
        "anthropic.claude-instant-v1:2",
        # common wrong forms (id-forms §1) and the undated ID (policy §7.4)
        "anthropic.claude-sonnet-4-5-v1:0",
        "anthropic.claude-sonnet-4-5:0",
        "anthropic.claude-sonnet-4-6-v1",
        "anthropic.claude-sonnet-4-5",
        # a two-digit bare segment is a minor version, not a context size
        "cohere.embed-english-v3:0:12",
    ],
)
def test_wrong_or_malformed_base_id_is_unknown_never_fuzzy(text: str) -> None:
    parsed = PARSER.parse(text)
    assert parsed == ParsedId(BASE, text)
    assert CATALOG.lookup(text) is None
    res = resolve(ref(text), parsed, CATALOG, AS_OF)
    assert res.status is Status.UNKNOWN
    assert res.model_id is None and res.name is None and res.eol_date is None and res.replacement is None
    assert all(CATALOG.get(s) is not None for s in res.suggestions)  # suggestions, if any, are real IDs
    assert text not in res.suggestions


def test_wrong_minor_version_gets_suggestions_not_a_match() -> None:
    res = resolved("anthropic.claude-v2:5")
    assert res.status is Status.UNKNOWN and res.model_id is None
    assert "anthropic.claude-v2:1" in res.suggestions


@pytest.mark.parametrize(
    ("text", "geo"),
    [
        ("us.anthropic.claude-sonnet-4-5-v1:0", "us"),
        ("global.anthropic.claude-sonnet-4-5:0", "global"),
        ("eu.anthropic.claude-v2:5", "eu"),
    ],
)
def test_malformed_id_behind_a_valid_prefix_is_unknown(text: str, geo: str) -> None:
    parsed = PARSER.parse(text)
    assert parsed == ParsedId(PROFILE, text.split(".", 1)[1], geo=geo)
    res = resolve(ref(text), parsed, CATALOG, AS_OF)
    assert res.status is Status.UNKNOWN and res.model_id is None


# ----------------------------------------------------------------- §2 provisioned-throughput variants

# Every variant of the id-forms §2 table that is a catalog entry: exact lookup, and variant_of names the base.
PT_VARIANTS = [
    ("amazon.titan-text-lite-v1:0:4k", "amazon.titan-text-lite-v1"),
    ("amazon.titan-text-express-v1:0:8k", "amazon.titan-text-express-v1"),
    ("amazon.titan-text-premier-v1:0:32k", "amazon.titan-text-premier-v1:0"),
    ("amazon.titan-embed-text-v1:2:8k", "amazon.titan-embed-text-v1"),
    ("amazon.titan-embed-text-v2:0:8k", "amazon.titan-embed-text-v2:0"),
    ("amazon.titan-embed-image-v1:0", "amazon.titan-embed-image-v1"),
    ("amazon.titan-image-generator-v1:0", "amazon.titan-image-generator-v1"),
    ("amazon.nova-lite-v1:0:24k", "amazon.nova-lite-v1:0"),
    ("amazon.nova-lite-v1:0:300k", "amazon.nova-lite-v1:0"),
    ("amazon.nova-micro-v1:0:24k", "amazon.nova-micro-v1:0"),
    ("amazon.nova-micro-v1:0:128k", "amazon.nova-micro-v1:0"),
    ("amazon.nova-pro-v1:0:24k", "amazon.nova-pro-v1:0"),
    ("amazon.nova-pro-v1:0:300k", "amazon.nova-pro-v1:0"),
    ("amazon.nova-2-lite-v1:0:256k", "amazon.nova-2-lite-v1:0"),
    ("anthropic.claude-v2:0:18k", "anthropic.claude-v2"),
    ("anthropic.claude-v2:0:100k", "anthropic.claude-v2"),
    ("anthropic.claude-v2:1:18k", "anthropic.claude-v2:1"),
    ("anthropic.claude-v2:1:200k", "anthropic.claude-v2:1"),
    ("anthropic.claude-instant-v1:2:100k", "anthropic.claude-instant-v1"),
    ("anthropic.claude-3-sonnet-20240229-v1:0:28k", "anthropic.claude-3-sonnet-20240229-v1:0"),
    ("anthropic.claude-3-sonnet-20240229-v1:0:200k", "anthropic.claude-3-sonnet-20240229-v1:0"),
    ("anthropic.claude-3-haiku-20240307-v1:0:48k", CLAUDE3_HAIKU),
    ("anthropic.claude-3-haiku-20240307-v1:0:200k", CLAUDE3_HAIKU),
    ("anthropic.claude-3-opus-20240229-v1:0:12k", "anthropic.claude-3-opus-20240229-v1:0"),
    ("anthropic.claude-3-opus-20240229-v1:0:28k", "anthropic.claude-3-opus-20240229-v1:0"),
    ("anthropic.claude-3-opus-20240229-v1:0:200k", "anthropic.claude-3-opus-20240229-v1:0"),
    ("anthropic.claude-3-5-sonnet-20240620-v1:0:18k", "anthropic.claude-3-5-sonnet-20240620-v1:0"),
    ("anthropic.claude-3-5-sonnet-20240620-v1:0:51k", "anthropic.claude-3-5-sonnet-20240620-v1:0"),
    ("anthropic.claude-3-5-sonnet-20240620-v1:0:200k", "anthropic.claude-3-5-sonnet-20240620-v1:0"),
    ("anthropic.claude-3-5-sonnet-20241022-v2:0:18k", "anthropic.claude-3-5-sonnet-20241022-v2:0"),
    ("anthropic.claude-3-5-sonnet-20241022-v2:0:51k", "anthropic.claude-3-5-sonnet-20241022-v2:0"),
    ("anthropic.claude-3-5-sonnet-20241022-v2:0:200k", "anthropic.claude-3-5-sonnet-20241022-v2:0"),
    ("cohere.command-text-v14:7:4k", "cohere.command-text-v14"),
    ("cohere.command-light-text-v14:7:4k", "cohere.command-light-text-v14"),
    ("cohere.embed-english-v3:0:512", "cohere.embed-english-v3"),
    ("cohere.embed-multilingual-v3:0:512", "cohere.embed-multilingual-v3"),
    ("meta.llama2-13b-v1:0:4k", "meta.llama2-13b-v1"),
    ("meta.llama2-13b-chat-v1:0:4k", "meta.llama2-13b-chat-v1"),
    ("meta.llama2-70b-v1:0:4k", "meta.llama2-70b-v1"),
    ("meta.llama2-70b-chat-v1:0:4k", "meta.llama2-70b-chat-v1"),
    ("meta.llama3-1-8b-instruct-v1:0:128k", "meta.llama3-1-8b-instruct-v1:0"),
    ("meta.llama3-1-70b-instruct-v1:0:128k", "meta.llama3-1-70b-instruct-v1:0"),
    ("meta.llama3-2-1b-instruct-v1:0:128k", "meta.llama3-2-1b-instruct-v1:0"),
    ("meta.llama3-2-3b-instruct-v1:0:128k", "meta.llama3-2-3b-instruct-v1:0"),
    ("meta.llama3-2-11b-instruct-v1:0:128k", "meta.llama3-2-11b-instruct-v1:0"),
    ("meta.llama3-2-90b-instruct-v1:0:128k", "meta.llama3-2-90b-instruct-v1:0"),
    ("stability.stable-diffusion-xl-v1:0", "stability.stable-diffusion-xl-v1"),
]


@pytest.mark.parametrize(("variant", "base"), PT_VARIANTS)
def test_pt_variant_is_found_by_exact_lookup(variant: str, base: str) -> None:
    assert PARSER.parse(variant) == ParsedId(BASE, variant)
    entry = CATALOG.lookup(variant)
    assert entry is not None
    assert entry.model_id == variant  # the variant entry itself, not its base
    assert entry.variant_of == base
    res = resolved(variant)
    assert res.model_id == variant
    assert res.status is CATALOG.get(base).lifecycle(AS_OF).status
    assert matches(variant) == whole(variant, BASE, variant)


@pytest.mark.parametrize(
    ("variant", "base"),
    [
        # step 2: strip ':<digits>k' and retry
        ("anthropic.claude-3-haiku-20240307-v1:0:28k", CLAUDE3_HAIKU),
        ("amazon.nova-pro-v1:0:128k", "amazon.nova-pro-v1:0"),
        ("amazon.nova-lite-v1:0:128k", "amazon.nova-lite-v1:0"),
        ("meta.llama3-1-8b-instruct-v1:0:64k", "meta.llama3-1-8b-instruct-v1:0"),
        ("anthropic.claude-3-5-sonnet-20241022-v2:0:100k", "anthropic.claude-3-5-sonnet-20241022-v2:0"),
        ("anthropic.claude-sonnet-4-6:200k", "anthropic.claude-sonnet-4-6"),
        # step 2 finds the ':N' minor version before step 3 could strip it
        ("anthropic.claude-v2:1:100k", "anthropic.claude-v2:1"),
        # step 2 with a bare three-or-more-digit segment
        ("amazon.nova-pro-v1:0:512", "amazon.nova-pro-v1:0"),
        # step 3: strip one more ':<digits>' segment
        ("amazon.titan-text-express-v1:0:4k", "amazon.titan-text-express-v1"),
        ("amazon.titan-text-lite-v1:0:8k", "amazon.titan-text-lite-v1"),
        ("amazon.titan-embed-text-v1:2:4k", "amazon.titan-embed-text-v1"),
        ("anthropic.claude-v2:0:200k", "anthropic.claude-v2"),
        ("cohere.command-text-v14:7:8k", "cohere.command-text-v14"),
        ("cohere.embed-english-v3:0:1024", "cohere.embed-english-v3"),
        ("meta.llama2-13b-chat-v1:0:8k", "meta.llama2-13b-chat-v1"),
        ("cohere.command-light-text-v14:7:2k", "cohere.command-light-text-v14"),
        # id-forms §2 step 3 applies after step 2 even when ':N' is not a real minor version
        ("anthropic.claude-v2:5:18k", "anthropic.claude-v2"),
    ],
)
def test_pt_variant_not_in_catalog_resolves_by_suffix_stripping(variant: str, base: str) -> None:
    assert CATALOG.get(variant) is None  # otherwise this would be an exact hit
    assert PARSER.parse(variant) == ParsedId(BASE, variant)
    assert lookup_id(variant) == base
    res = resolved(variant)
    assert res.model_id == base
    assert res.status is CATALOG.get(base).lifecycle(AS_OF).status


@pytest.mark.parametrize(
    "text",
    [
        "anthropic.claude-v2:5",  # a bare ':N' alone is never stripped
        "anthropic.claude-sonnet-4-5-v1:0:28k",  # stripping cannot repair a malformed base
        "anthropic.claude-sonnet-4-5:0:200k",
        "amazon.nova-pro-v2:0:24k",
    ],
)
def test_suffix_stripping_never_reaches_a_wrong_base(text: str) -> None:
    assert CATALOG.lookup(text) is None
    assert resolved(text).status is Status.UNKNOWN


def test_lookup_is_case_insensitive_including_suffix_stripping() -> None:
    assert CATALOG.lookup("ANTHROPIC.CLAUDE-V2:1").model_id == "anthropic.claude-v2:1"
    assert CATALOG.lookup("ANTHROPIC.CLAUDE-3-HAIKU-20240307-V1:0:28K").model_id == CLAUDE3_HAIKU
    assert CATALOG.lookup("Amazon.Titan-Text-Express-V1:0:4K").model_id == "amazon.titan-text-express-v1"


def test_lookup_by_alias() -> None:
    # Every CDK alias in the reference is also an entry of its own, so the alias index is empty today;
    # an alias that is not an entry resolves to its model.
    entries = [e for e in CATALOG if e.model_id != "ai21.j2-mid"]
    cat = CATALOG.with_entries(entries)
    assert cat.aliases == {"ai21.j2-mid": "ai21.j2-mid-v1"}
    assert cat.lookup("ai21.j2-mid").model_id == "ai21.j2-mid-v1"
    assert cat.lookup("AI21.J2-MID").model_id == "ai21.j2-mid-v1"
    assert CATALOG.lookup("ai21.j2-mid").model_id == "ai21.j2-mid"  # an entry wins over an alias


# ----------------------------------------------------------------- §3 foundation-model ARNs

HAIKU_48K = "anthropic.claude-3-haiku-20240307-v1:0:48k"


@pytest.mark.parametrize(
    ("arn", "partition", "region", "candidate"),
    [
        # the real ListFoundationModels example, a PT variant
        (f"arn:aws:bedrock:ap-south-1::foundation-model/{HAIKU_48K}", "aws", "ap-south-1", HAIKU_48K),
        (
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2",
            "aws",
            "us-east-1",
            "anthropic.claude-v2",
        ),
        (
            "arn:aws:bedrock:ap-southeast-6::foundation-model/amazon.nova-pro-v1:0",
            "aws",
            "ap-southeast-6",
            "amazon.nova-pro-v1:0",
        ),
        (
            "arn:aws:bedrock:ca-west-1::foundation-model/openai.gpt-6.1-sol",
            "aws",
            "ca-west-1",
            "openai.gpt-6.1-sol",
        ),
        (
            "arn:aws:bedrock:mx-central-1::foundation-model/deepseek.v3.2",
            "aws",
            "mx-central-1",
            "deepseek.v3.2",
        ),
        (
            "arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0",
            "aws-us-gov",
            "us-gov-west-1",
            "anthropic.claude-3-5-sonnet-20240620-v1:0",
        ),
        (
            f"arn:aws-us-gov:bedrock:us-gov-east-1::foundation-model/{CLAUDE3_HAIKU}",
            "aws-us-gov",
            "us-gov-east-1",
            CLAUDE3_HAIKU,
        ),
        (
            "arn:aws-iso:bedrock:us-iso-east-1::foundation-model/anthropic.claude-v2",
            "aws-iso",
            "us-iso-east-1",
            "anthropic.claude-v2",
        ),
        (
            "arn:aws-iso-b:bedrock:us-isob-east-1::foundation-model/anthropic.claude-v2:1",
            "aws-iso-b",
            "us-isob-east-1",
            "anthropic.claude-v2:1",
        ),
        (
            "arn:aws-iso-f:bedrock:us-isof-east-1::foundation-model/amazon.titan-embed-text-v2:0",
            "aws-iso-f",
            "us-isof-east-1",
            "amazon.titan-embed-text-v2:0",
        ),
        (
            "arn:aws-iso-f:bedrock:us-isof-south-1::foundation-model/amazon.titan-embed-text-v2:0",
            "aws-iso-f",
            "us-isof-south-1",
            "amazon.titan-embed-text-v2:0",
        ),
        (
            "arn:aws-eusc:bedrock:eusc-de-east-1::foundation-model/anthropic.claude-sonnet-4-6",
            "aws-eusc",
            "eusc-de-east-1",
            "anthropic.claude-sonnet-4-6",
        ),
        # the API regexes accept aws-cn although it has no Bedrock endpoint
        (
            "arn:aws-cn:bedrock:cn-north-1::foundation-model/anthropic.claude-v2",
            "aws-cn",
            "cn-north-1",
            "anthropic.claude-v2",
        ),
        # no Region
        ("arn:aws:bedrock:::foundation-model/anthropic.claude-v2", "aws", None, "anthropic.claude-v2"),
        (
            "arn:aws-us-gov:bedrock:::foundation-model/anthropic.claude-v2",
            "aws-us-gov",
            None,
            "anthropic.claude-v2",
        ),
        (
            "arn:aws-iso:bedrock:::foundation-model/anthropic.claude-v2",
            "aws-iso",
            None,
            "anthropic.claude-v2",
        ),
        (
            "arn:aws-iso-b:bedrock:::foundation-model/anthropic.claude-v2",
            "aws-iso-b",
            None,
            "anthropic.claude-v2",
        ),
        (
            "arn:aws-iso-f:bedrock:::foundation-model/anthropic.claude-v2",
            "aws-iso-f",
            None,
            "anthropic.claude-v2",
        ),
        (
            "arn:aws-eusc:bedrock:::foundation-model/anthropic.claude-v2",
            "aws-eusc",
            None,
            "anthropic.claude-v2",
        ),
        # CloudFormation / Terraform placeholders: the Region is not known statically
        (
            "arn:aws:bedrock:${AWS::Region}::foundation-model/anthropic.claude-v2",
            "aws",
            None,
            "anthropic.claude-v2",
        ),
        (
            "arn:aws-us-gov:bedrock:${AWS::Region}::foundation-model/anthropic.claude-v2",
            "aws-us-gov",
            None,
            "anthropic.claude-v2",
        ),
        (
            "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/anthropic.claude-v2",
            None,
            None,
            "anthropic.claude-v2",
        ),
        (
            "arn:${AWS::Partition}:bedrock:us-west-2::foundation-model/anthropic.claude-v2",
            None,
            "us-west-2",
            "anthropic.claude-v2",
        ),
        (
            "arn:aws:bedrock:${var.region}::foundation-model/anthropic.claude-v2",
            "aws",
            None,
            "anthropic.claude-v2",
        ),
        (
            "arn:aws:bedrock:${data.aws_region.current.name}::foundation-model/amazon.nova-pro-v1:0",
            "aws",
            None,
            "amazon.nova-pro-v1:0",
        ),
        # IAM: wildcard Region only, still one specific model
        ("arn:aws:bedrock:*::foundation-model/anthropic.claude-v2", "aws", None, "anthropic.claude-v2"),
        ("arn:aws:bedrock:*:*:foundation-model/anthropic.claude-v2", "aws", None, "anthropic.claude-v2"),
        # a PT variant not in the catalog, inside an ARN
        (
            "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1:0:4k",
            "aws",
            "us-east-1",
            "amazon.titan-text-express-v1:0:4k",
        ),
    ],
)
def test_foundation_model_arn(arn: str, partition: str | None, region: str | None, candidate: str) -> None:
    parsed = PARSER.parse(arn)
    assert parsed == ParsedId(FM_ARN, candidate, region=region, partition=partition)
    assert lookup_id(candidate) is not None
    assert matches(arn) == whole(arn, FM_ARN, candidate)
    res = resolve(ref(arn), parsed, CATALOG, AS_OF)
    assert res.model_id == lookup_id(candidate)


def test_foundation_model_arn_region_selects_the_regional_schedule() -> None:
    # Claude 3.5 Sonnet v1: us-east-1 reached EOL on 2026-03-01, ap-northeast-1 only on 2026-07-30.
    model = "anthropic.claude-3-5-sonnet-20240620-v1:0"
    day = date(2026, 3, 2)
    us = resolved(f"arn:aws:bedrock:us-east-1::foundation-model/{model}", day)
    ap = resolved(f"arn:aws:bedrock:ap-northeast-1::foundation-model/{model}", day)
    anywhere = resolved(f"arn:aws:bedrock:${{AWS::Region}}::foundation-model/{model}", day)
    assert (us.status, us.eol_date) == (Status.EOL, date(2026, 3, 1))
    assert (ap.status, ap.extended_access, ap.eol_date) == (Status.LEGACY, False, date(2026, 7, 30))
    assert (anywhere.status, anywhere.extended_access, anywhere.eol_date) == (
        Status.LEGACY,
        True,
        date(2026, 7, 30),
    )
    assert anywhere.note == "already EOL in eu-central-1, eu-west-1, eu-west-3, us-east-1, us-east-2, us-west-2"


def test_reference_region_applies_when_the_id_names_none() -> None:
    model = "anthropic.claude-3-5-sonnet-20240620-v1:0"
    day = date(2026, 3, 2)
    assert resolved(model, day, region="us-east-1").status is Status.EOL
    assert resolved(model, day, region="ap-northeast-1").status is Status.LEGACY
    assert resolved(f"us.{model}", day, region="us-west-2").status is Status.EOL


def test_uppercase_arn() -> None:
    arn = "ARN:AWS:BEDROCK:US-EAST-1::FOUNDATION-MODEL/ANTHROPIC.CLAUDE-V2"
    assert PARSER.parse(arn) == ParsedId(FM_ARN, "anthropic.claude-v2", region="us-east-1", partition="aws")
    assert matches(arn) == whole(arn, FM_ARN, "anthropic.claude-v2")


# ----------------------------------------------------------------- §4 inference profiles

PROFILE_EXAMPLES = [
    ("us", CLAUDE3_HAIKU),
    ("us", "anthropic.claude-sonnet-4-6"),
    ("eu", "anthropic.claude-3-7-sonnet-20250219-v1:0"),
    ("eu", "amazon.nova-2-lite-v1:0"),
    ("eu", "cohere.embed-v4:0"),
    ("apac", CLAUDE3_HAIKU),
    ("us-gov", CLAUDE3_HAIKU),
    ("global", "anthropic.claude-haiku-4-5-20251001-v1:0"),
    ("global", "amazon.nova-2-lite-v1:0"),
    ("global", "twelvelabs.pegasus-1-2-v1:0"),
    ("global", "openai.gpt-6.1-sol"),
    ("global", "anthropic.claude-opus-4-7"),
    ("jp", "anthropic.claude-sonnet-4-5-20250929-v1:0"),
    ("jp", "amazon.nova-2-lite-v1:0"),
    ("au", "anthropic.claude-sonnet-4-5-20250929-v1:0"),
    ("au", "anthropic.claude-opus-4-7"),
    ("ca", "amazon.nova-lite-v1:0"),
    ("in", "anthropic.claude-haiku-4-5-20251001-v1:0"),
    ("in", "moonshotai.kimi-k3"),
]


def test_catalog_geo_prefixes_are_exactly_the_documented_ones() -> None:
    assert set(CATALOG.geo_prefixes) == set(GEO_PREFIXES)
    assert not set(CATALOG.geo_prefixes) & set(CATALOG.providers)  # stripping is unambiguous


@pytest.mark.parametrize(("geo", "model_id"), PROFILE_EXAMPLES)
def test_inference_profile_id(geo: str, model_id: str) -> None:
    text = f"{geo}.{model_id}"
    parsed = PARSER.parse(text)
    assert parsed == ParsedId(PROFILE, model_id, geo=geo)
    res = resolve(ref(text), parsed, CATALOG, AS_OF)
    assert res.model_id == model_id
    assert res.status is CATALOG.get(model_id).lifecycle(AS_OF).status
    assert matches(text) == whole(text, PROFILE, model_id)


@pytest.mark.parametrize("geo", GEO_PREFIXES)
def test_every_geo_prefix(geo: str) -> None:
    text = f"{geo}.anthropic.claude-sonnet-4-5-20250929-v1:0"
    assert PARSER.parse(text) == ParsedId(PROFILE, "anthropic.claude-sonnet-4-5-20250929-v1:0", geo=geo)
    assert resolved(text).status is Status.LEGACY
    assert matches(text) == whole(text, PROFILE, "anthropic.claude-sonnet-4-5-20250929-v1:0")


@pytest.mark.parametrize(
    ("text", "geo", "candidate"),
    [
        ("sa.anthropic.claude-3-haiku-20240307-v1:0", "sa", CLAUDE3_HAIKU),
        ("uk.anthropic.claude-3-haiku-20240307-v1:0", "uk", CLAUDE3_HAIKU),
        ("sa.amazon.nova-pro-v1:0", "sa", "amazon.nova-pro-v1:0"),
        ("uk.anthropic.claude-sonnet-4-6", "uk", "anthropic.claude-sonnet-4-6"),
        ("apj.anthropic.claude-v2", "apj", "anthropic.claude-v2"),
    ],
)
def test_unknown_geo_prefix_is_unknown_with_a_problem(text: str, geo: str, candidate: str) -> None:
    problem = f"'{geo}.' is not a known inference-profile prefix"
    parsed = PARSER.parse(text)
    assert parsed == ParsedId(PROFILE, candidate, geo=geo, problem=problem)
    res = resolve(ref(text), parsed, CATALOG, AS_OF)
    assert res.status is Status.UNKNOWN
    assert res.model_id is None
    assert res.note == problem
    assert matches(text) == whole(text, PROFILE, candidate)  # still reported, so the user sees it


PROFILE_ARNS = [
    (
        f"arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.{CLAUDE3_HAIKU}",
        "aws",
        "us-east-1",
        "us",
    ),
    (
        f"arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.{CLAUDE3_HAIKU}",
        "aws",
        "eu-west-1",
        "eu",
    ),
    (
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/global.anthropic.claude-opus-4-7",
        "aws",
        "us-east-1",
        "global",
    ),
    (
        f"arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us-gov.{CLAUDE3_HAIKU}",
        "aws-us-gov",
        "us-gov-west-1",
        "us-gov",
    ),
    (
        f"arn:aws:bedrock:::inference-profile/us.{CLAUDE3_HAIKU}",
        "aws",
        None,
        "us",
    ),  # empty region and account
    (
        f"arn:aws:bedrock:ap-northeast-1::inference-profile/apac.{CLAUDE3_HAIKU}",
        "aws",
        "ap-northeast-1",
        "apac",
    ),
    (
        f"arn:aws:bedrock:us-east-1:${{AWS::AccountId}}:inference-profile/us.{CLAUDE3_HAIKU}",
        "aws",
        "us-east-1",
        "us",
    ),
    (
        f"arn:aws:bedrock:${{AWS::Region}}:${{AWS::AccountId}}:inference-profile/us.{CLAUDE3_HAIKU}",
        "aws",
        None,
        "us",
    ),
    (
        f"arn:${{AWS::Partition}}:bedrock:${{AWS::Region}}:${{AWS::AccountId}}:inference-profile/us.{CLAUDE3_HAIKU}",
        None,
        None,
        "us",
    ),
    (
        f"arn:aws:bedrock:ap-south-1:123456789012:inference-profile/in.{CLAUDE3_HAIKU}",
        "aws",
        "ap-south-1",
        "in",
    ),
]


@pytest.mark.parametrize(("arn", "partition", "region", "geo"), PROFILE_ARNS)
def test_inference_profile_arn(arn: str, partition: str | None, region: str | None, geo: str) -> None:
    candidate = arn.split("inference-profile/", 1)[1].split(".", 1)[1]
    parsed = PARSER.parse(arn)
    assert parsed == ParsedId(PROFILE_ARN, candidate, geo=geo, region=region, partition=partition)
    assert resolve(ref(arn), parsed, CATALOG, AS_OF).model_id == candidate
    assert matches(arn) == whole(arn, PROFILE_ARN, candidate)


def test_inference_profile_arn_with_unknown_prefix() -> None:
    arn = f"arn:aws:bedrock:us-east-1:123456789012:inference-profile/sa.{CLAUDE3_HAIKU}"
    parsed = PARSER.parse(arn)
    assert parsed == ParsedId(
        PROFILE_ARN,
        CLAUDE3_HAIKU,
        geo="sa",
        region="us-east-1",
        partition="aws",
        problem="'sa.' is not a known inference-profile prefix",
    )
    res = resolve(ref(arn), parsed, CATALOG, AS_OF)
    assert (res.status, res.model_id) == (Status.UNKNOWN, None)


# ----------------------------------------------------------------- §5 custom models


@pytest.mark.parametrize(
    ("arn", "candidate", "model_id"),
    [
        (
            "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abcdefghijkl",
            "amazon.titan-text-express-v1:0:8k",
            "amazon.titan-text-express-v1:0:8k",
        ),
        (
            f"arn:aws:bedrock:us-east-1:123456789012:custom-model/{CLAUDE3_HAIKU}:200k/a1b2c3d4e5f6",
            f"{CLAUDE3_HAIKU}:200k",
            f"{CLAUDE3_HAIKU}:200k",
        ),
        (
            "arn:aws:bedrock:us-west-2:123456789012:custom-model/meta.llama3-1-8b-instruct-v1:0:128k/abcdefghijkl",
            "meta.llama3-1-8b-instruct-v1:0:128k",
            "meta.llama3-1-8b-instruct-v1:0:128k",
        ),
        (
            "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-micro-v1:0:24k/abcdefghijkl",
            "amazon.nova-micro-v1:0:24k",
            "amazon.nova-micro-v1:0:24k",
        ),
        # a variant that is not an entry: suffix stripping
        (
            "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-lite-v1:0:128k/abcdefghijkl",
            "amazon.nova-lite-v1:0:128k",
            "amazon.nova-lite-v1:0",
        ),
        # an on-demand base ID, no model suffix
        (
            "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.nova-pro-v1:0/abcdefghijkl",
            "amazon.nova-pro-v1:0",
            "amazon.nova-pro-v1:0",
        ),
        # without the trailing 12-character ID
        (
            "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k",
            "amazon.titan-text-express-v1:0:8k",
            "amazon.titan-text-express-v1:0:8k",
        ),
    ],
)
def test_custom_model_arn_embeds_its_base(arn: str, candidate: str, model_id: str) -> None:
    parsed = PARSER.parse(arn)
    assert parsed == ParsedId(CUSTOM_ARN, candidate, region=arn.split(":")[3], partition="aws")
    res = resolve(ref(arn), parsed, CATALOG, AS_OF)
    assert res.model_id == model_id
    assert res.status is CATALOG.get(model_id).lifecycle(AS_OF, parsed.region).status
    assert matches(arn) == whole(arn, CUSTOM_ARN, candidate)


def test_custom_model_variant_carries_its_base_lifecycle() -> None:
    arn = "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abcdefghijkl"
    res = resolved(arn)
    base = CATALOG.get("amazon.titan-text-express-v1")
    assert CATALOG.get(res.model_id).variant_of == base.model_id
    assert (res.status, res.eol_date) == (Status.EOL, base.dates.eol_date)


# ----------------------------------------------------------------- LiteLLM routes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bedrock/anthropic.claude-v2", ParsedId("litellm/base", "anthropic.claude-v2")),
        ("bedrock/anthropic.claude-v2:1", ParsedId("litellm/base", "anthropic.claude-v2:1")),
        (
            "bedrock/converse/us.anthropic.claude-3-haiku-20240307-v1:0",
            ParsedId("litellm/inference-profile", CLAUDE3_HAIKU, geo="us"),
        ),
        (
            "bedrock/converse/anthropic.claude-sonnet-4-6",
            ParsedId("litellm/base", "anthropic.claude-sonnet-4-6"),
        ),
        ("bedrock/invoke/anthropic.claude-v2", ParsedId("litellm/base", "anthropic.claude-v2")),
        (
            "bedrock/invoke/global.openai.gpt-6.1-sol",
            ParsedId("litellm/inference-profile", "openai.gpt-6.1-sol", geo="global"),
        ),
        (
            "bedrock/us.amazon.nova-pro-v1:0",
            ParsedId("litellm/inference-profile", "amazon.nova-pro-v1:0", geo="us"),
        ),
        (
            "bedrock/arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2",
            ParsedId("litellm/foundation-model-arn", "anthropic.claude-v2", region="us-east-1", partition="aws"),
        ),
    ],
)
def test_litellm_prefix(text: str, expected: ParsedId) -> None:
    parsed = PARSER.parse(text)
    assert parsed == expected
    assert resolve(ref(text), parsed, CATALOG, AS_OF).model_id == expected.candidate


@pytest.mark.parametrize(
    ("text", "form", "candidate"),
    [
        ("bedrock/anthropic.claude-v2", "litellm/base", "anthropic.claude-v2"),
        (
            "bedrock/converse/us.anthropic.claude-3-haiku-20240307-v1:0",
            "litellm/inference-profile",
            CLAUDE3_HAIKU,
        ),
        ("bedrock/invoke/anthropic.claude-v2", "litellm/base", "anthropic.claude-v2"),
    ],
)
def test_recognizer_keeps_the_litellm_prefix(text: str, form: str, candidate: str) -> None:
    assert matches(text) == whole(text, form, candidate)
    line = f'model = "{text}"'
    assert matches(line) == [(9, 9 + len(text), text, form, candidate)]


# ----------------------------------------------------------------- opaque forms

OPAQUE = [
    (
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abcdef123456",
        Form.APP_PROFILE_ARN,
        "us-east-1",
        "aws",
    ),
    (
        "arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:application-inference-profile/abcdef123456",
        Form.APP_PROFILE_ARN,
        "us-gov-west-1",
        "aws-us-gov",
    ),
    (
        "arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:application-inference-profile/abcdef123456",
        Form.APP_PROFILE_ARN,
        None,
        None,
    ),
    (
        "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdef123456",
        Form.PROVISIONED_ARN,
        "us-east-1",
        "aws",
    ),
    (
        "arn:aws-iso-b:bedrock:us-isob-east-1:123456789012:provisioned-model/abcdef123456",
        Form.PROVISIONED_ARN,
        "us-isob-east-1",
        "aws-iso-b",
    ),
    (
        "arn:aws:bedrock:us-east-1:123456789012:custom-model-deployment/abcdef123456",
        Form.DEPLOYMENT_ARN,
        "us-east-1",
        "aws",
    ),
    (
        "arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdef123456",
        Form.IMPORTED_ARN,
        "us-east-1",
        "aws",
    ),
    (
        "arn:aws:bedrock:us-east-1:123456789012:custom-model/imported/abcdef123456",
        Form.IMPORTED_ARN,
        "us-east-1",
        "aws",
    ),
    (
        "arn:aws:bedrock:ap-south-1:111122223333:default-prompt-router/anthropic.claude:1",
        Form.DEFAULT_ROUTER_ARN,
        "ap-south-1",
        "aws",
    ),
    (
        "arn:aws:bedrock:ap-south-1:111122223333:default-prompt-router/meta.llama:1",
        Form.DEFAULT_ROUTER_ARN,
        "ap-south-1",
        "aws",
    ),
    (
        "arn:aws:bedrock:us-east-1:123456789012:prompt-router/abcdef123456",
        Form.ROUTER_ARN,
        "us-east-1",
        "aws",
    ),
    ("arn:aws:bedrock:us-east-1:123456789012:prompt/ABCDEFGHIJ", Form.PROMPT_ARN, "us-east-1", "aws"),
    ("arn:aws:bedrock:us-east-1:123456789012:prompt/ABCDEFGHIJ:3", Form.PROMPT_ARN, "us-east-1", "aws"),
    (
        "arn:aws-eusc:bedrock:eusc-de-east-1:123456789012:prompt/ABCDEFGHIJ",
        Form.PROMPT_ARN,
        "eusc-de-east-1",
        "aws-eusc",
    ),
]


@pytest.mark.parametrize(("arn", "form", "region", "partition"), OPAQUE)
def test_opaque_form_is_recognised_but_never_guessed(
    arn: str, form: Form, region: str | None, partition: str | None
) -> None:
    parsed = PARSER.parse(arn)
    assert parsed is not None
    assert parsed.problem  # why it is opaque
    assert parsed == ParsedId(form.value, None, region=region, partition=partition, problem=parsed.problem)
    assert parsed.opaque
    res = resolve(ref(arn), parsed, CATALOG, AS_OF)
    assert res.status is Status.OPAQUE
    assert res.model_id is None and res.name is None and res.eol_date is None and res.suggestions == ()
    assert res.note == parsed.problem
    assert matches(arn) == whole(arn, form.value, None)  # one match, no model found inside it


# ----------------------------------------------------------------- wildcards


@pytest.mark.parametrize(
    ("text", "region", "partition"),
    [
        ("anthropic.claude-3-*", None, None),
        ("*", None, None),
        ("anthropic.*", None, None),
        ("amazon.nova-reel-v1:*", None, None),
        ("anthropic.claude-v2:?", None, None),
        ("us.anthropic.*", None, None),
        ("*.anthropic.claude-3-haiku-20240307-v1:0", None, None),
        ("arn:aws:bedrock:*::foundation-model/*", None, "aws"),
        ("arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-*", None, "aws"),
        ("arn:aws:bedrock:us-east-1::foundation-model/anthropic.*", "us-east-1", "aws"),
        ("arn:aws:bedrock:us-east-1:*:inference-profile/*", "us-east-1", "aws"),
        ("arn:aws:bedrock:*:123456789012:inference-profile/us.anthropic.*", None, "aws"),
        ("arn:aws-us-gov:bedrock:*::foundation-model/*", None, "aws-us-gov"),
    ],
)
def test_wildcard_is_not_a_model(text: str, region: str | None, partition: str | None) -> None:
    parsed = PARSER.parse(text)
    assert parsed == ParsedId(WILDCARD, None, region=region, partition=partition)
    res = resolve(ref(text), parsed, CATALOG, AS_OF)
    assert res.status is Status.OPAQUE
    assert res.model_id is None


@pytest.mark.parametrize(
    "text",
    [
        "anthropic.claude-3-*",
        "anthropic.*",
        "amazon.nova-reel-v1:*",
        "arn:aws:bedrock:*::foundation-model/*",
        "arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-*",
    ],
)
def test_recognizer_reports_wildcards_as_wildcards(text: str) -> None:
    assert matches(text) == whole(text, WILDCARD, None)


def test_wildcard_region_with_specific_model_is_that_model() -> None:
    arn = "arn:aws:bedrock:*::foundation-model/anthropic.claude-v2"
    res = resolved(arn)
    assert res.parsed.form == FM_ARN
    assert (res.model_id, res.status) == ("anthropic.claude-v2", Status.EOL)


@pytest.mark.parametrize("text", ["*.txt", "logs/*.log", "*.amazonaws.com", "s3://bucket/*", "src/**/*.py", "?"])
def test_non_model_glob_is_not_a_reference(text: str) -> None:
    assert PARSER.parse(text) is None
    assert matches(text) == []


# ----------------------------------------------------------------- case


@pytest.mark.parametrize(
    ("text", "form", "candidate"),
    [
        ("ANTHROPIC.CLAUDE-V2", BASE, "anthropic.claude-v2"),
        ("Anthropic.Claude-V2:1", BASE, "anthropic.claude-v2:1"),
        ("US.Anthropic.Claude-3-Haiku-20240307-V1:0", PROFILE, CLAUDE3_HAIKU),
        ("Global.OpenAI.GPT-6.1-Sol", PROFILE, "openai.gpt-6.1-sol"),
        ("Amazon.Nova-Pro-V1:0:300K", BASE, "amazon.nova-pro-v1:0:300k"),
        ("arn:aws:bedrock:us-east-1::foundation-model/Anthropic.Claude-V2", FM_ARN, "anthropic.claude-v2"),
    ],
)
def test_case_insensitive_with_original_text_reported(text: str, form: str, candidate: str) -> None:
    parsed = PARSER.parse(text)
    assert (parsed.form, parsed.candidate) == (form, candidate)
    assert lookup_id(candidate) == candidate
    line = f"model: {text}\n"
    assert matches(line) == [(7, 7 + len(text), text, form, candidate)]  # original case, not lower-cased


# ----------------------------------------------------------------- Recognizer precision


@pytest.mark.parametrize(
    "text",
    [
        "bedrock-runtime.us-east-1.amazonaws.com",
        "https://bedrock-runtime.us-east-1.amazonaws.com",
        "amazon.com",
        "https://aws.amazon.com/bedrock/",
        "import.meta.env.VITE_MODEL",
        "const m = import.meta.env.VITE_MODEL;",
        "software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient",
        "import software.amazon.awssdk.services.bedrockruntime.model.InvokeModelRequest;",
        "AMAZON.UserInput",
        "AMAZON.FallbackIntent",
        "gpt-4o-mini",
        "claude-3-5-sonnet-20240620",
        "meta-textgeneration-llama-2-7b",
        "meta-llama/Llama-3.1-8B-Instruct",
        "publishers/google/models/gemini-1.5-pro",
        "arn:aws:bedrock:us-east-1:123456789012:agent/ABCDEFGHIJ",
        "arn:aws:bedrock:us-east-1:123456789012:agent-alias/ABCDEFGHIJ/TSTALIASID",
        "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/ABCDEFGHIJ",
        "arn:aws:bedrock:us-east-1:123456789012:guardrail/abcdefghijkl",
        "arn:aws:bedrock:us-east-1:123456789012:guardrail/abcdefghijkl:1",
        "arn:aws:bedrock:us-east-1:123456789012:model-invocation-job/abcdefghijkl",
        "arn:aws:bedrock:us-east-1::foundation-model/",
        "docs.anthropic.com",
        "www.meta.com",
        "mistral.ai",
        "anthropic.claude",
        "amazon.titan",
        "meta.llama",
        "someone@anthropic.claude-v2",
        "$anthropic.claude-v2",
        "my_anthropic.claude-v2",
        "foo.us.anthropic.claude-v2",
        "x.anthropic.claude-v2",
        # a partial token must not yield a shorter, different model
        "anthropic.claude-v2:1_old",
        "amazon.nova-pro-v1:0_backup",
        "us.anthropic.claude-v2:1_old",
        "anthropic.claude-v2_x",
    ],
)
def test_recognizer_precision(text: str) -> None:
    assert matches(text) == []


def test_prefilter() -> None:
    assert RECOGNIZER.may_contain(b'model: "anthropic.claude-v2"')
    assert RECOGNIZER.may_contain(b"ANTHROPIC.CLAUDE-V2")
    assert RECOGNIZER.may_contain(b"arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdef123456")
    assert RECOGNIZER.may_contain(b"arn:${AWS::Partition}:bedrock:us-east-1:1:provisioned-model/abcdef123456")
    assert not RECOGNIZER.may_contain(b"gpt-4o-mini and claude-3-5-sonnet-20240620")
    assert not RECOGNIZER.may_contain(b"arn:aws:s3:::bucket/key")


# ----------------------------------------------------------------- Recognizer in context


def spans(text: str, *found: tuple[str, str, str | None], start: int = 0) -> list[tuple]:
    """Expected matches, each located by searching for its text from the end of the previous one."""
    out = []
    for sub, form, candidate in found:
        i = text.index(sub, start)
        out.append((i, i + len(sub), sub, form, candidate))
        start = i + len(sub)
    return out


CONTEXT = [
    # JSON / YAML quoted values
    (
        '{"modelId": "anthropic.claude-3-haiku-20240307-v1:0", "region": "us-east-1"}',
        [(CLAUDE3_HAIKU, BASE, CLAUDE3_HAIKU)],
    ),
    (
        "model_id: 'us.anthropic.claude-3-haiku-20240307-v1:0'\n",
        [(f"us.{CLAUDE3_HAIKU}", PROFILE, CLAUDE3_HAIKU)],
    ),
    ('ModelId: "amazon.nova-pro-v1:0"  # pinned\n', [("amazon.nova-pro-v1:0", BASE, "amazon.nova-pro-v1:0")]),
    (
        "models:\n  - anthropic.claude-v2\n  - anthropic.claude-v2:1\n",
        [
            ("anthropic.claude-v2", BASE, "anthropic.claude-v2"),
            ("anthropic.claude-v2:1", BASE, "anthropic.claude-v2:1"),
        ],
    ),
    # .env
    (
        "REGION=us-east-1\nMODEL_ID=anthropic.claude-3-haiku-20240307-v1:0\nDEBUG=1\n",
        [(CLAUDE3_HAIKU, BASE, CLAUDE3_HAIKU)],
    ),
    (
        'export BEDROCK_MODEL="eu.amazon.nova-2-lite-v1:0"',
        [("eu.amazon.nova-2-lite-v1:0", PROFILE, "amazon.nova-2-lite-v1:0")],
    ),
    # HCL
    (
        '  model_id = "amazon.titan-embed-text-v2:0"\n',
        [("amazon.titan-embed-text-v2:0", BASE, "amazon.titan-embed-text-v2:0")],
    ),
    # REST paths: the host is not a model
    (
        "POST /model/anthropic.claude-v2/invoke HTTP/1.1",
        [("anthropic.claude-v2", BASE, "anthropic.claude-v2")],
    ),
    (
        f"https://bedrock-runtime.us-east-1.amazonaws.com/model/us.{CLAUDE3_HAIKU}/converse",
        [(f"us.{CLAUDE3_HAIKU}", PROFILE, CLAUDE3_HAIKU)],
    ),
    # template holes: the model part is found
    (
        'model = f"{geo}.anthropic.claude-sonnet-4-6"',
        [("anthropic.claude-sonnet-4-6", BASE, "anthropic.claude-sonnet-4-6")],
    ),
    (
        "const id = `${geo}.anthropic.claude-sonnet-4-6`;",
        [("anthropic.claude-sonnet-4-6", BASE, "anthropic.claude-sonnet-4-6")],
    ),
    (
        'model_id = "${var.geo}.anthropic.claude-sonnet-4-6"',
        [("anthropic.claude-sonnet-4-6", BASE, "anthropic.claude-sonnet-4-6")],
    ),
    ('"{}.anthropic.claude-3-haiku-20240307-v1:0".format(geo)', [(CLAUDE3_HAIKU, BASE, CLAUDE3_HAIKU)]),
    # a sentence ending with a period: the period is not part of the ID
    (
        "We migrated to anthropic.claude-sonnet-4-6.",
        [("anthropic.claude-sonnet-4-6", BASE, "anthropic.claude-sonnet-4-6")],
    ),
    ("We migrated off anthropic.claude-3-haiku-20240307-v1:0.", [(CLAUDE3_HAIKU, BASE, CLAUDE3_HAIKU)]),
    (
        "Use anthropic.claude-v2:1, not anthropic.claude-v2.\n",
        [
            ("anthropic.claude-v2:1", BASE, "anthropic.claude-v2:1"),
            ("anthropic.claude-v2", BASE, "anthropic.claude-v2"),
        ],
    ),
    ("Pinned to deepseek.v3.2.", [("deepseek.v3.2", BASE, "deepseek.v3.2")]),
    ("Set `openai.gpt-6.1-sol` (see docs).", [("openai.gpt-6.1-sol", BASE, "openai.gpt-6.1-sol")]),
    # IAM policy JSON
    (
        '{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": ['
        '"arn:aws:bedrock:*::foundation-model/anthropic.claude-v2", '
        f'"arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.{CLAUDE3_HAIKU}", '
        '"arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-*"]}',
        [
            ("arn:aws:bedrock:*::foundation-model/anthropic.claude-v2", FM_ARN, "anthropic.claude-v2"),
            (
                f"arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.{CLAUDE3_HAIKU}",
                PROFILE_ARN,
                CLAUDE3_HAIKU,
            ),
            ("arn:aws:bedrock:*::foundation-model/anthropic.claude-3-5-sonnet-*", WILDCARD, None),
        ],
    ),
    # CloudFormation !Sub with partition and Region placeholders
    (
        'Resource: !Sub "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/amazon.nova-pro-v1:0"',
        [
            (
                "arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/amazon.nova-pro-v1:0",
                FM_ARN,
                "amazon.nova-pro-v1:0",
            )
        ],
    ),
    # separators
    (
        "anthropic.claude-v2;anthropic.claude-v2:1",
        [
            ("anthropic.claude-v2", BASE, "anthropic.claude-v2"),
            ("anthropic.claude-v2:1", BASE, "anthropic.claude-v2:1"),
        ],
    ),
    (
        '["anthropic.claude-v2","amazon.nova-pro-v1:0:300k"]',
        [
            ("anthropic.claude-v2", BASE, "anthropic.claude-v2"),
            ("amazon.nova-pro-v1:0:300k", BASE, "amazon.nova-pro-v1:0:300k"),
        ],
    ),
    ("(anthropic.claude-v2)", [("anthropic.claude-v2", BASE, "anthropic.claude-v2")]),
    ("model=anthropic.claude-v2,region=us-east-1", [("anthropic.claude-v2", BASE, "anthropic.claude-v2")]),
    ('"anthropic.claude-v2:"', [("anthropic.claude-v2", BASE, "anthropic.claude-v2")]),
]


@pytest.mark.parametrize(("text", "expected"), CONTEXT)
def test_recognizer_in_context(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    found = matches(text)
    assert found == spans(text, *expected)
    for start, end, sub, _form, _cand in found:
        assert text[start:end] == sub


def test_recognizer_offsets_are_exact() -> None:
    text = 'a: "anthropic.claude-v2"\nb: us.amazon.nova-pro-v1:0.\n'
    assert matches(text) == [
        (4, 23, "anthropic.claude-v2", BASE, "anthropic.claude-v2"),
        (28, 51, "us.amazon.nova-pro-v1:0", PROFILE, "amazon.nova-pro-v1:0"),
    ]


def test_recognizer_match_carries_the_parse() -> None:
    text = f"arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/{CLAUDE3_HAIKU}"
    (m,) = list(RECOGNIZER.finditer(f"  {text}  "))
    assert (m.start, m.end, m.text) == (2, 2 + len(text), text)
    assert m.parsed == ParsedId(FM_ARN, CLAUDE3_HAIKU, region="us-gov-west-1", partition="aws-us-gov")


# ----------------------------------------------------------------- round trip over the catalog

ROUND_TRIP = {
    "id": lambda i: (i, BASE, None),
    "us": lambda i: (f"us.{i}", PROFILE, "us"),
    "global": lambda i: (f"global.{i}", PROFILE, "global"),
    "fm-arn": lambda i: (f"arn:aws:bedrock:us-east-1::foundation-model/{i}", FM_ARN, None),
    "profile-arn": lambda i: (
        f"arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.{i}",
        PROFILE_ARN,
        "eu",
    ),
    "upper": lambda i: (i.upper(), BASE, None),
}


@pytest.mark.parametrize("kind", ROUND_TRIP)
@pytest.mark.parametrize("entry", list(CATALOG), ids=lambda e: e.model_id)
def test_round_trip_every_catalog_entry(entry, kind: str) -> None:
    text, form, geo = ROUND_TRIP[kind](entry.model_id)
    parsed = PARSER.parse(text)
    assert parsed is not None
    assert (parsed.form, parsed.candidate, parsed.geo, parsed.problem) == (
        form,
        entry.model_id.lower(),
        geo,
        None,
    )
    assert CATALOG.lookup(parsed.candidate) is entry
    assert matches(text) == [(0, len(text), text, form, entry.model_id.lower())]
    if kind == "id":
        res = resolve(ref(text), parsed, CATALOG, AS_OF)
        assert res.model_id == entry.model_id
        assert res.status is entry.lifecycle(AS_OF).status


@pytest.mark.parametrize("text", ["meta.llama3-logo.png", "icons/amazon.nova-pro-v1.json", "anthropic.claude-v2.yaml"])
def test_file_names_with_a_provider_prefix_are_not_models(text: str) -> None:
    # No catalog ID has a dot before a letter in its model part, so such a dot ends the candidate, and the
    # right boundary then rejects the whole token.
    assert [m.text for m in RECOGNIZER.finditer(text)] == []


def test_dot_before_a_letter_is_allowed_when_the_catalog_has_such_ids() -> None:
    rec = Recognizer(["acme"], ["us"], dot_letter=True)
    assert [m.text for m in rec.finditer("model: acme.fox-1.alpha")] == ["acme.fox-1.alpha"]


@pytest.mark.parametrize(
    ("text", "family", "clause"),
    [
        ("anthropic.claude-instant-v1:2", "anthropic.claude-instant-v1", "reached End-of-Life on 2025-07-21"),
        ("us.anthropic.claude-instant-v1:2", "anthropic.claude-instant-v1", "reached End-of-Life on 2025-07-21"),
        ("anthropic.claude-v2:5", "anthropic.claude-v2", "reached End-of-Life"),
        ("amazon.nova-pro-v1:1", "amazon.nova-pro-v1", "is Active as amazon.nova-pro-v1:0: check the version suffix"),
    ],
)
def test_wrong_minor_version_stays_unknown_and_names_its_family_status(text: str, family: str, clause: str) -> None:
    res = resolved(text)
    assert res.status is Status.UNKNOWN  # BRL_005, never the family's own finding
    assert res.model_id is None
    assert res.note is not None and f"The model family {family} {clause}" in res.note


def test_family_note_is_absent_when_the_family_is_not_catalogued() -> None:
    assert resolved("anthropic.claude-nonexistent-v9:2").note is None
    assert resolved("anthropic.claude-sonnet-4-5-v1:0").note is None  # malformed base, no ':N' family
