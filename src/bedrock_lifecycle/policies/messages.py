"""The one sentence each finding carries: the model, its status, the dates, the replacement."""

from __future__ import annotations

from datetime import date

from bedrock_lifecycle.model import Resolution, Status


def _d(value: date | None) -> str:
    return value.isoformat() if value else "unknown"


def replacement_phrase(replacement: str | None, inferred: bool, note: str | None) -> str:
    """The advice as every output words it: always an Active model, or a plain "no Active replacement"."""
    if replacement:
        if note:
            return f"migrate to {replacement} ({note})"
        return f"migrate to {replacement}" + (" (inferred: AWS names no Active replacement)" if inferred else "")
    return note or "no Active replacement"


def describe(res: Resolution, as_of: date) -> str:
    ref = res.reference
    details = [res.name] if res.name and res.name != res.model_id else []
    if res.model_id and res.model_id.lower() != ref.text.lower():
        details.append(f"model {res.model_id}")
    shown = ref.text
    name = f" ({', '.join(details)})" if details else ""
    if res.status is Status.UNKNOWN and res.parsed.form == "cdk-constant":  # resolve.cdk
        if res.note:  # a constant the table does not hold
            return f"'{ref.text}' is not a known CDK model constant: {res.note}."
        hint = f" Did you mean: {', '.join(res.suggestions)}?" if res.suggestions else ""
        return f"'{ref.text}' stands for {res.parsed.candidate}, which is not in the lifecycle catalog.{hint}"
    if res.status is Status.UNKNOWN:
        why = f" {res.note}." if res.note else ""
        hint = f" Did you mean: {', '.join(res.suggestions)}?" if res.suggestions else ""
        return f"'{ref.text}' looks like a Bedrock model ID but is not in the lifecycle catalog.{why}{hint}"
    if res.status is Status.OPAQUE:
        return f"'{ref.text}' cannot be resolved to a model statically: {res.note or 'opaque identifier'}."
    parts: list[str] = []
    if res.status is Status.EOL:
        parts.append(f"{shown}{name} reached End-of-Life on {_d(res.eol_date)}; requests fail")
    elif res.status is Status.LEGACY:
        since = f" since {res.legacy_date_bound} " if res.legacy_date_bound else " since "
        text = f"{shown}{name} is Legacy" + (f"{since}{_d(res.legacy_date)}" if res.legacy_date else "")
        if res.extended_access:
            text += f", in public extended access (higher price) since {_d(res.extended_access_date)}"
        elif res.extended_access_date:
            text += f"; public extended access from {_d(res.extended_access_date)}"
        if res.eol_date:
            days = (res.eol_date - as_of).days
            text += f"; End-of-Life on {_d(res.eol_date)} (in {days} day{'s' if days != 1 else ''})"
        parts.append(text)
    else:
        parts.append(f"{shown}{name} is Active")
    if res.note:
        parts.append(res.note)
    if res.status is not Status.ACTIVE:
        parts.append(replacement_phrase(res.replacement, res.replacement_inferred, res.replacement_note))
    if ref.possible:
        parts.append("one of several values this setting can take")
    return "; ".join(parts) + "."
