"""Every form a Bedrock model can be referenced by, read statically.

Two jobs, both driven by the catalog's provider and geo-prefix sets (no model ID
appears here):

* ``Recognizer.finditer(text)`` finds model references inside arbitrary text,
  with token boundaries, so host names, Java packages, ``import.meta.env`` and
  non-Bedrock model names are not taken for models.
* ``IdParser.parse(text)`` classifies one reference (base ID, inference profile,
  foundation-model / inference-profile / custom-model ARN, LiteLLM ``bedrock/``
  route, or an opaque ARN) and yields the candidate ID to look up.

``resolve(parsed, catalog, as_of)`` turns that into a catalog entry and status.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from bedrock_lifecycle.catalog.model import Catalog
from bedrock_lifecycle.model import ParsedId, Reference, Resolution, Status


class Form(str, enum.Enum):
    BASE = "base"
    PROFILE = "inference-profile"
    FOUNDATION_ARN = "foundation-model-arn"
    PROFILE_ARN = "inference-profile-arn"
    CUSTOM_MODEL_ARN = "custom-model-arn"
    APP_PROFILE_ARN = "application-inference-profile-arn"
    PROVISIONED_ARN = "provisioned-model-arn"
    DEPLOYMENT_ARN = "custom-model-deployment-arn"
    IMPORTED_ARN = "imported-model-arn"
    DEFAULT_ROUTER_ARN = "default-prompt-router-arn"
    ROUTER_ARN = "prompt-router-arn"
    PROMPT_ARN = "prompt-arn"
    WILDCARD = "wildcard"
    CDK_CONSTANT = "cdk-constant"  # FoundationModelIdentifier.X, BedrockFoundationModel.X (resolve.cdk)


# ARN resource types whose model cannot be known from the ARN itself.
_OPAQUE_ARNS = {
    "application-inference-profile": (
        Form.APP_PROFILE_ARN,
        "application inference profile: its model is set where the profile is created",
    ),
    "provisioned-model": (
        Form.PROVISIONED_ARN,
        "provisioned throughput: its model is set where the throughput is purchased",
    ),
    "custom-model-deployment": (
        Form.DEPLOYMENT_ARN,
        "custom-model deployment: its model is set where the deployment is created",
    ),
    "imported-model": (Form.IMPORTED_ARN, "imported model: customer weights, outside the Bedrock lifecycle"),
    "default-prompt-router": (Form.DEFAULT_ROUTER_ARN, "default prompt router: names a model family, not a model"),
    "prompt-router": (Form.ROUTER_ARN, "prompt router: its target models are set where the router is created"),
    "prompt": (Form.PROMPT_ARN, "prompt: its model is set in the prompt's variants"),
}
_REGION = re.compile(r"[a-z]{2,5}(?:-[a-z]+)+-\d{1,2}")
_FIELD = r"((?:\$\{[^}]*\}|[^:$])*)"  # an ARN field; CloudFormation/Terraform placeholders allowed
# The partition may be a placeholder too (``arn:${AWS::Partition}:bedrock:...``, CloudFormation's usual form).
_ARN = re.compile(rf"arn:(aws[a-z-]*|\$\{{[^}}]*\}}):bedrock:{_FIELD}:{_FIELD}:([a-z-]+)/(.+)")
_LITELLM = re.compile(r"bedrock/(?:([a-z_]+)/)?")
_WILD = re.compile(r"[*?]")
# A shell/compose parameter expansion whose default (or alternative) value follows: '${MODEL_ID:-',
# '${MODEL_ID-', '${MODEL_ID:=', '${MODEL_ID=', '${MODEL_ID:+'. The value after it is a reference in its
# own right ('${MODEL_ID:-<model-id>}' uses that model when MODEL_ID is unset), although the
# '-' before it would otherwise read as part of a longer name. The recogniser consumes '${' and this
# before the reference's own group, so every format (compose, .env, YAML, shell, source) reads defaults.
# Shell positional parameters have defaults too: 'local model="${1:-<model-id>}"'.
INTERPOLATION_DEFAULT = r"(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+):?[-=+]"  # after '${'


@dataclass(frozen=True)
class IdParser:
    providers: frozenset[str]
    geo_prefixes: frozenset[str]

    @classmethod
    def for_catalog(cls, catalog: Catalog) -> IdParser:
        return cls(frozenset(catalog.providers), frozenset(catalog.geo_prefixes))

    def parse(self, text: str) -> ParsedId | None:
        """Classify one reference; None when it is not a model reference at all."""
        if text[:1] in "FB" and ("FoundationModel" in text):
            constant = _parse_constant(text)
            if constant is not None:
                return constant
        s = text.strip().lower()
        litellm = _LITELLM.match(s)
        if litellm:
            s = s[litellm.end() :]
        parsed = self._parse_arn(s) if s.startswith("arn:") else self._parse_bare(s)
        if parsed is not None and litellm:
            parsed = ParsedId(
                f"litellm/{parsed.form}", parsed.candidate, parsed.geo, parsed.region, parsed.partition, parsed.problem
            )
        return parsed

    def _parse_bare(
        self,
        s: str,
        *,
        region: str | None = None,
        partition: str | None = None,
        form: Form = Form.BASE,
        profile_form: Form = Form.PROFILE,
    ) -> ParsedId | None:
        if _WILD.search(s):
            # A model glob ('*', 'anthropic.*', 'us.anthropic.*', '*.anthropic.claude-*'), not '*.txt'.
            first, _, rest = s.partition(".")
            second = rest.split(".", 1)[0]
            model_glob = (
                s == "*"
                or first in self.providers
                or first in self.geo_prefixes
                or (_WILD.search(first) is not None and second in self.providers)
            )
            return ParsedId(Form.WILDCARD.value, None) if model_glob else None
        first, dot, rest = s.partition(".")
        if not dot or not rest:
            return None
        if first in self.providers:
            return ParsedId(form.value, s, region=region, partition=partition)
        second = rest.split(".", 1)[0]
        if second in self.providers and "." in rest:
            problem = None if first in self.geo_prefixes else f"'{first}.' is not a known inference-profile prefix"
            return ParsedId(profile_form.value, rest, geo=first, region=region, partition=partition, problem=problem)
        return None

    def _parse_arn(self, s: str) -> ParsedId | None:
        m = _ARN.fullmatch(s)
        if not m:
            return None
        partition, region_text, _account, rtype, resource = m.groups()
        partition = None if partition.startswith("${") else partition
        region = region_text if _REGION.fullmatch(region_text) else None
        if rtype in _OPAQUE_ARNS:
            form, why = _OPAQUE_ARNS[rtype]
            return ParsedId(form.value, None, region=region, partition=partition, problem=why)
        if _WILD.search(resource):
            return ParsedId(Form.WILDCARD.value, None, region=region, partition=partition)
        if rtype == "foundation-model":
            return self._parse_bare(
                resource, region=region, partition=partition, form=Form.FOUNDATION_ARN, profile_form=Form.PROFILE_ARN
            )
        if rtype == "inference-profile":
            return self._parse_bare(
                resource, region=region, partition=partition, form=Form.PROFILE_ARN, profile_form=Form.PROFILE_ARN
            )
        if rtype == "custom-model":
            if resource.startswith("imported/"):
                return ParsedId(
                    Form.IMPORTED_ARN.value,
                    None,
                    region=region,
                    partition=partition,
                    problem=_OPAQUE_ARNS["imported-model"][1],
                )
            base = resource.rsplit("/", 1)[0] if "/" in resource else resource
            return self._parse_bare(
                base, region=region, partition=partition, form=Form.CUSTOM_MODEL_ARN, profile_form=Form.CUSTOM_MODEL_ARN
            )
        return None  # agents, knowledge bases, guardrails...: Bedrock ARNs that name no model


def _parse_constant(text: str) -> ParsedId | None:
    """A CDK model constant: its model ID from the derived table, or unknown with its name."""
    from bedrock_lifecycle.resolve import cdk

    parts = cdk.split(text)
    if parts is None:
        return None
    model = cdk.model_id(*parts)
    if model is None:
        return ParsedId(Form.CDK_CONSTANT.value, text.strip().lower(), problem=cdk.unknown_note(*parts))
    return ParsedId(Form.CDK_CONSTANT.value, model.lower())


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    parsed: ParsedId


class Recognizer:
    """Finds model references in text. Built once per catalog; one compiled regex."""

    def __init__(
        self,
        providers: Iterable[str],
        geo_prefixes: Iterable[str],
        *,
        dot_letter: bool = False,
        known: Iterable[str] = (),
    ) -> None:
        self.parser = IdParser(frozenset(providers), frozenset(geo_prefixes))
        self.known = frozenset(k.lower() for k in known)  # the catalog's model IDs: see is_exact
        prov = "|".join(re.escape(p) for p in sorted(self.parser.providers, key=lambda p: (-len(p), p)))
        placeholder = r"\$\{[^}\s]*\}"
        arn = (
            rf"arn:(?:aws[a-z-]*|{placeholder}):bedrock:(?:{placeholder}|[a-z0-9*-])*:(?:{placeholder}|[0-9*])*:[a-z-]+/"
            r"[a-z0-9*?](?:[a-z0-9*?_/-]|[.:](?=[a-z0-9*?]))*"
        )
        # Inside the model part a dot is a version dot (claude-4.7, v3.2), so it must be followed by a
        # digit, unless the catalog holds IDs with a dot before a letter: then 'meta.llama3-logo.png' or
        # 'amazon.nova-pro-v1.json' (file names) are not read as models.
        after_dot = "a-z0-9" if dot_letter else "0-9"
        bare = (
            r"(?:bedrock/(?:[a-z_]+/)?)?"
            r"(?:[a-z][a-z-]{1,7}\.)?"
            rf"(?:{prov})\."
            rf"[a-z0-9*](?:[a-z0-9*?-]|:(?=[a-z0-9*?])|\.(?=[{after_dot}*?]))*"
        )
        # '${us-gov.anthropic...}' is a profile inside braces, not 'us' defaulting to 'gov.anthropic...'.
        geos = "|".join(re.escape(g) for g in sorted(self.parser.geo_prefixes, key=lambda g: (-len(g), g)))
        not_geo = rf"(?!(?:{geos})\.)" if geos else ""
        default = rf"\$\{{{not_geo}{INTERPOLATION_DEFAULT}"
        left = rf"(?:{default}|(?<=\}}\.)|(?<![a-z0-9_.@$-]))"
        # Right boundary: no identifier character, and no '.'/':' that the match had to give back
        # ('acme.model-v2:1_old' is no match, never 'acme.model-v2').
        right = r"(?![a-z0-9_-]|[.:][a-z0-9_])"
        self.pattern = re.compile(rf"{left}(?P<ref>{arn}|{bare}){right}", re.IGNORECASE)
        # Bytes that can start a reference: a provider prefix with an ID-shaped model part (a digit or
        # hyphen, as in finditer; so 'amazon.com' and Java packages do not make a file worth parsing),
        # a wildcard model part (which finditer classifies), or a Bedrock ARN.
        # CDK model constants (resolve.cdk) name a model without its ID: a file using one is worth parsing.
        self._gates = (
            b"arn:",
            b"foundationmodelidentifier",
            b"bedrockfoundationmodel",
            *(p.encode() + b"." for p in sorted(self.parser.providers)),
        )
        self.prefilter = re.compile(
            rb"(?i)(?:" + "|".join(re.escape(p) for p in sorted(self.parser.providers)).encode() + rb")\."
            rb"(?:[a-z0-9]*[0-9*-]|[a-z0-9]+\.[a-z0-9]*[0-9])"
            rb"|arn:(?:aws[a-z-]*|\$\{[^}\s]*\}):bedrock:"
            rb"|(?:FoundationModelIdentifier|BedrockFoundationModel)\s*[._]\s*[a-z]"
        )

    @classmethod
    def for_catalog(cls, catalog: Catalog) -> Recognizer:
        dot_letter = any(re.search(r"\.[a-z]", key.split(".", 1)[1]) for key in catalog.entries)
        return cls(catalog.providers, catalog.geo_prefixes, dot_letter=dot_letter, known=catalog.entries)

    def is_exact(self, match: Match) -> bool:
        """Whether the match names a catalog model exactly (as an ID, a profile or an ARN of one), not a
        prefix or a near miss: such a literal is a reference wherever it appears, even in a probe."""
        candidate = match.parsed.candidate
        return candidate is not None and candidate.lower() in self.known

    def may_contain(self, data: bytes) -> bool:
        # A case-insensitive alternation has no literal fast path in `re`; plain substring tests on the
        # lowered bytes do (5x faster over a monorepo), so the regex runs only where a prefix occurs.
        low = data.lower()
        if not any(gate in low for gate in self._gates):
            return False
        return self.prefilter.search(data) is not None

    def finditer(self, text: str) -> Iterator[Match]:
        for m in self.pattern.finditer(text):
            found = m.group("ref")
            parsed = self.parser.parse(found)
            if parsed is None:
                continue
            if parsed.form in (Form.BASE.value, Form.PROFILE.value, "litellm/base", "litellm/inference-profile"):
                if not _id_shaped(parsed.candidate or ""):
                    continue
            yield Match(m.start("ref"), m.end("ref"), found, parsed)


def _id_shaped(candidate: str) -> bool:
    """A model part with a digit or a hyphen: 'claude-v2' yes, 'com'/'env'/'awssdk' no."""
    model = candidate.split(".", 1)[1] if "." in candidate else ""
    return any(c.isdigit() or c == "-" for c in model)


def resolve(ref: Reference, parsed: ParsedId, catalog: Catalog, as_of: date) -> Resolution:
    """Resolve a parsed reference against the catalog, as of a date."""
    if parsed.candidate is None:
        return Resolution(ref, parsed, Status.OPAQUE, note=parsed.problem)
    entry = None if parsed.problem else catalog.lookup(parsed.candidate)
    if entry is None:
        from bedrock_lifecycle.resolve.family import family_note

        family = None if parsed.problem else family_note(parsed.candidate, catalog, as_of, ref.region or parsed.region)
        return Resolution(
            ref,
            parsed,
            Status.UNKNOWN,
            note=parsed.problem or family,
            suggestions=catalog.suggest(parsed.candidate),
        )
    region = ref.region or parsed.region
    lc = entry.lifecycle(as_of, region)
    note = lc.note
    if entry.overlay:
        from bedrock_lifecycle.catalog.overlay import overlay_note

        note = "; ".join(x for x in (lc.note, overlay_note(entry)) if x)
    return Resolution(
        reference=ref,
        parsed=parsed,
        status=lc.status,
        model_id=entry.model_id,
        name=entry.name,
        provider=entry.provider,
        extended_access=lc.extended_access,
        legacy_date=lc.legacy_date,
        extended_access_date=lc.extended_access_date,
        eol_date=lc.eol_date,
        replacement=entry.replacement,
        source_url=entry.source_url,
        note=note,
        legacy_date_bound=entry.legacy_date_bound if lc.legacy_date == entry.dates.legacy_date else None,
    )
