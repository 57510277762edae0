"""What swapping a dying model for its advised replacement takes: drop-in, code change, re-embed or no target.

Decided from the catalog's compatibility facts alone (``ModelEntry.compat``); a fact the catalog does not record
never makes a swap drop-in.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from bedrock_lifecycle.catalog.model import Catalog, Compat, ModelEntry

LOG = logging.getLogger(__name__)


class SwapClass(str, enum.Enum):
    DROP_IN = "drop-in"  # same request shape and modalities, same profile/Region form: only the ID changes
    CODE_CHANGE = "code-change"  # the request or response shape, the modalities or the invocation route differ
    RE_EMBED = "re-embed"  # an embedding model changes: the index must be rebuilt; never rewritten
    NO_TARGET = "no-target"  # no Active replacement


@dataclass(frozen=True)
class Swap:
    source_model: str
    target_model: str | None
    swap_class: SwapClass
    reasons: tuple[str, ...]  # human-readable: what changes
    inferred: bool  # the target is an inferred replacement, not AWS's
    # Why the literal cannot be rewritten keeping its form (a geo profile or in-Region invocation the target lacks,
    # an endpoint it is not on). Such a swap is never rewritten, even with --unsafe.
    blocked: str | None = None
    api_change: tuple[str, str] | None = None  # (source family name, target family name) when they differ


def family_name(family: str | None, catalog: Catalog) -> str:
    if family is None:
        return "not recorded"
    families = catalog.meta.get("api_families")
    if isinstance(families, dict):
        info = families.get(family)
        if isinstance(info, dict) and info.get("name"):
            return str(info["name"])
    return family


def _tokens(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1000:
        return f"{round(n / 1000)}K"
    return str(n)


def _dims(c: Compat) -> str:
    return "/".join(str(d) for d in c.embedding_dimensions) or "not recorded"


def _profile_blocker(target: ModelEntry, geo_prefix: str | None) -> str | None:
    c = target.compat
    if geo_prefix:
        if c.geo_profiles is None:
            return f"the catalog does not record whether {target.model_id} has a {geo_prefix}. inference profile"
        if geo_prefix not in c.geo_profiles:
            have = ", ".join(f"{p}." for p in c.geo_profiles) or "none"
            return f"{target.model_id} has no {geo_prefix}. inference profile (its profiles: {have})"
        return None
    if c.in_region is False:
        have = ", ".join(f"{p}." for p in c.geo_profiles or ()) or "none recorded"
        return (
            f"{target.model_id} cannot be invoked on demand by its model ID in a Region: it needs an inference "
            f"profile ({have}); choosing one decides where requests may run"
        )
    return None


def classify(source_id: str, target_id: str | None, catalog: Catalog, *, geo_prefix: str | None = None) -> Swap:
    """The class of swapping ``source_id`` for ``target_id`` (None: no Active replacement).

    ``geo_prefix`` is the inference-profile prefix the reference uses ('us', 'global', ...), None for the bare ID,
    a foundation-model ARN or a provisioned variant.
    """
    source = catalog.lookup(source_id)
    source_key = source.model_id if source else source_id
    target = catalog.lookup(target_id) if target_id else None
    inferred = _inferred(source, target_id)
    if target_id is None or target is None:
        why = "no Active replacement in the catalog" if target_id is None else f"{target_id} is not in the catalog"
        return Swap(source_key, target_id, SwapClass.NO_TARGET, (why,), inferred)
    src = source.compat if source else Compat()
    dst = target.compat
    reasons: list[str] = []
    if src.embedding or dst.embedding:
        dims = (
            f"both {_dims(src)} dimensions, different vector spaces"
            if src.embedding_dimensions and src.embedding_dimensions == dst.embedding_dimensions
            else f"{_dims(src)} -> {_dims(dst)} dimensions"
        )
        reasons.append(
            f"embedding model changes ({dims}): vectors of the two models are not comparable; "
            "re-embed the corpus and rebuild the index before switching"
        )
        return Swap(source_key, target.model_id, SwapClass.RE_EMBED, tuple(reasons), inferred)
    code_change = False
    api_change = None
    if src.api_family is None or dst.api_family is None:
        code_change = True
        missing = source_key if src.api_family is None else target.model_id
        reasons.append(f"request API family of {missing} is not recorded: check the request body by hand")
    elif src.api_family != dst.api_family:
        code_change = True
        api_change = (family_name(src.api_family, catalog), family_name(dst.api_family, catalog))
        reasons.append(f"request API family changes: {api_change[0]} -> {api_change[1]}")
    lost_in = [m for m in src.input_modalities if dst.input_modalities and m not in dst.input_modalities]
    if lost_in:
        code_change = True
        reasons.append(f"{target.model_id} does not accept {', '.join(lost_in)} input")
    if src.output_modalities and dst.output_modalities and set(src.output_modalities) != set(dst.output_modalities):
        code_change = True
        reasons.append(
            f"output modalities change: {', '.join(src.output_modalities)} -> {', '.join(dst.output_modalities)}"
        )
    if (src.input_modalities and not dst.input_modalities) or (src.output_modalities and not dst.output_modalities):
        code_change = True
        reasons.append(f"modalities of {target.model_id} are not recorded")
    if src.context_window and dst.context_window and src.context_window != dst.context_window:
        direction = "shrinks" if dst.context_window < src.context_window else "grows"
        reasons.append(
            f"context window {direction}: {_tokens(src.context_window)} -> {_tokens(dst.context_window)} tokens"
        )
    blocked = _profile_blocker(target, geo_prefix)
    if source and source.endpoints == ("bedrock-mantle",) and "bedrock-mantle" not in target.endpoints:
        blocked = blocked or f"{source_key} is a bedrock-mantle ID; {target.model_id} is not recorded on bedrock-mantle"
    if blocked:
        reasons.append(blocked)
    if geo_prefix is None and dst.in_region is None and not blocked:
        reasons.append(f"whether {target.model_id} can be invoked in-Region on demand is not recorded")
    cls = SwapClass.CODE_CHANGE if code_change or blocked else SwapClass.DROP_IN
    if cls is SwapClass.DROP_IN and not reasons:
        reasons.append("same request API family and modalities: only the model ID changes")
    return Swap(source_key, target.model_id, cls, tuple(reasons), inferred, blocked, api_change)


def _inferred(source: ModelEntry | None, target_id: str | None) -> bool:
    """The target is not the replacement AWS recorded for the source (the chain was walked, or it was inferred)."""
    if source is None or target_id is None:
        return False
    if getattr(source, "replacement_inferred", False):
        return True
    return (source.replacement or "").lower() != target_id.lower()
