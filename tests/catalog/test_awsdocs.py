"""The AWS page parsers (catalog/awsdocs.py) on small pages in each layout AWS has used."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bedrock_lifecycle.catalog import awsdocs

YES = "![Green circle](https://docs.aws.amazon.com/bedrock/latest/userguide/images/icons/icon-yes.png)"
NO = "![Red circle](https://docs.aws.amazon.com/bedrock/latest/userguide/images/icons/icon-no.png)"

HEADER = """<!-- aws-docs snapshot header (not part of the page; the stored text starts on the line after '-->')
source_url: https://docs.aws.amazon.com/bedrock/latest/userguide/{name}.html
mirror_commit: 0123456789abcdef
completeness: {completeness}
date_bracket: {bracket}
-->
"""

# The late-2026 layout: one table with modalities, APIs and endpoints; mantle and runtime IDs.
CARD_2026 = f"""# Acme Widget 2
## ![logo](x.png) Acme — Acme Widget 2
+ **Model launch date:** Dec 06, 2024
+ **EOL no sooner than:** Dec 06, 2025
+ **Legacy period:** at least 6 months
+ **Model lifecycle policy:** [Model lifecycle (For Models Launched Prior to Sept 7 2026)](model-lifecycle-legacy.md)
+ **Model EOL date:** March 30, 2027
+ **Model lifecycle:** Legacy
+ **Context window:** 128K tokens
+ **Max output tokens:** 4K

| **Input Modalities** | **Output Modalities** | **[APIs supported](apis.html)** | **[Endpoints supported](endpoints.html)** |
| --- | --- | --- | --- |
| {NO} Audio | {NO} Embedding | {NO} Responses | {YES} bedrock-runtime |
| {YES} Image | {NO} Image | {YES} Chat Completions | {YES} bedrock-mantle |
| {YES} Text | {YES} Text | {YES} Converse |  |

| **Endpoint** | **Model ID** | **In-Region endpoint URL** | **Geo inference ID** | **Global inference ID** |
| --- | --- | --- | --- | --- |
| bedrock-runtime | acme.widget-2-v1:0 | https://bedrock-runtime.{{region}}.amazonaws.com | `us.acme.widget-2-v1:0`<br />`eu.acme.widget-2-v1:0` | global.acme.widget-2-v1:0 |
| bedrock-mantle | acme.widget-2 | https://bedrock-mantle.{{region}}.api.aws/v1 | Not supported | Not supported |
"""

# The September-2026 layout: separate endpoint and per-endpoint API tables, floor in the EOL field.
CARD_SEPT = f"""# Acme Gizmo
## ![logo](x.png) Acme — Acme Gizmo
+ **Model launch date:** July 13, 2026
+ **Model EOL date:** No sooner than 3/25/2027
+ **Model lifecycle:** Active
+ **Context window:** 1,050,000 tokens

| **Input modalities** | **Output modalities** |
| --- | --- |
| {YES} Text | {YES} Text |

| **Endpoint** | **Supported** |
| --- | --- |
| bedrock-runtime | {YES} |
| bedrock-mantle | {NO} |

**APIs supported on the `bedrock-runtime` endpoint**

| **Messages** | **Responses** | **Chat Completions** | **Converse** | **Invoke** |
| --- | --- | --- | --- | --- |
| {YES} | {NO} | {NO} | {YES} | {YES} |

| **Endpoint** | **Model ID** | **In-Region endpoint URL** | **Geo inference ID** | **Global inference ID** |
| --- | --- | --- | --- | --- |
| bedrock-runtime | acme.gizmo | Not supported | us.acme.gizmo in the commercial AWS Regions, in.acme.gizmo in the India Regions | global.acme.gizmo |
"""

LEGACY_PAGE = """# Model lifecycle (Legacy)

**Models with a scheduled EOL date**

| Model provider | Model name | Model ID | Regions | Legacy date | EOL date | Public extended access start date |
| --- | --- | --- | --- | --- | --- | --- |
| Acme | Widget 1 | acme.widget-1-v1:0 | us-west-2, us-east-1 | May 26, 2026 | November 26, 2026 | August 26, 2026 |

**Models that have reached EOL**

- **Acme**
  - **Model name:** Gadget
  - **Model ID:** acme.gadget-v1:0
  - **Regions:** us-east-1, eu-west-1 / **Legacy date:** March 10, 2026 / **EOL date:** September 10, 2026 / **Public extended access start date:** June 10, 2026
  - **Regions:** us-gov-west-1 / **Legacy date:** March 10, 2026 / **EOL date:** October 10, 2026 / **Public extended access start date:** —

- **Acme**
  - **Model name:** Broken row
  - **Model ID:** us-east-1, us-west-2
  - **Regions:** February 19, 2026
"""

LATE_2025 = """## Legacy versions

| Model version | Legacy date | Public extended access date | EOL date | Recommended model version replacement | Recommended model ID |
| --- | --- | --- | --- | --- | --- |
| Widget 0 | August 25, 2025 (us-east-1 and us-west-2<br>Regions) | December 1, 2025 | Mar 1, 2026 (us-east-1 and us-west-2 Regions) | Widget 2 | acme.widget-2-v1:0 |

## End-of-Life (EOL) versions

| Model version | Legacy date | EOL date | Recommended model version replacement | Recommended model ID |
| --- | --- | --- | --- | --- |
| Acme Gadget<br>• Lite | July 15th, 2025 (all Regions) | January 15th, 2026 (all Regions) | Widget 1 or Widget 2 | acme.widget-1-v1 or acme.widget-2-v1:0 in US East (N. Virginia) |

| Provider | Model name | Model ID | Regions supported | Launch date | EOL date | Input modalities | Output modalities |
| --- | --- | --- | --- | --- | --- | --- | --- |
| Acme | Widget 2 | acme.widget-2-v1:0 | • us-east-1<br>• us-west-2 | • 6/20/2024<br>_<br>• 7/30/2024 | No sooner than 7/30/2025 | Text, Image | Text, Chat |
"""

INDEX = """| Logo | Provider | Supported models |
| --- | --- | --- |
| ![x](a.png) | [Acme](model-cards-acme.md) | **Widgets:** [Widget 2](model-card-acme-widget-2.md), [Gizmo](model-card-acme-gizmo.md) |
"""


def page(
    tmp_path: Path, name: str, body: str, *, bracket: str = "after 2026-09-28 (crawl)", full: bool = True
) -> awsdocs.Page:
    path = tmp_path / f"{name}.md"
    completeness = "FULL (every character read)" if full else "PARTIAL: first 100 of 200 characters"
    path.write_text(HEADER.format(name=name, bracket=bracket, completeness=completeness) + body, encoding="utf-8")
    return awsdocs.read_page(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dec 06, 2024", date(2024, 12, 6)),
        ("September 1, 2026", date(2026, 9, 1)),
        ("No sooner than 3/25/2026", date(2026, 3, 25)),
        ("July 15th, 2025 (all Regions)", date(2025, 7, 15)),
        ("Sept 7, 2026", date(2026, 9, 7)),
        ("2026-09-28 .. ~2026-10-08", date(2026, 9, 28)),
        ("Jul 2025", None),  # a month alone: no day is invented
        ("N/A", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert awsdocs.parse_date(text) == expected


def test_split_dated_cell() -> None:
    cell = "Mar 1, 2026 (us-east-1, us-west-2 Regions)<br>Jul 30, 2026 (ap-south-1)<br>June 1, 2026"
    assert awsdocs.split_dated_cell(cell) == [
        (date(2026, 3, 1), ("us-east-1", "us-west-2")),
        (date(2026, 7, 30), ("ap-south-1",)),
        (date(2026, 6, 1), None),
    ]


def test_read_page_header(tmp_path: Path) -> None:
    p = page(tmp_path, "model-card-acme-widget-2", CARD_2026, full=False)
    assert p.url == "https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-acme-widget-2.html"
    assert (p.date, p.complete, p.commit, p.name) == (
        date(2026, 9, 28),
        False,
        "0123456789abcdef",
        "model-card-acme-widget-2",
    )
    assert p.text.startswith("# Acme Widget 2")


def test_card_2026_layout(tmp_path: Path) -> None:
    card = awsdocs.parse_card(page(tmp_path, "model-card-acme-widget-2", CARD_2026))
    assert (card.provider, card.name) == ("Acme", "Acme Widget 2")
    assert (card.launch_date, card.eol_no_sooner_than, card.eol_date) == (
        date(2024, 12, 6),
        date(2025, 12, 6),
        date(2027, 3, 30),
    )
    assert (card.lifecycle, card.policy, card.legacy_period) == ("Legacy", "legacy", "at least 6 months")
    assert (card.context_window, card.max_output_tokens) == (128_000, 4_000)
    assert card.input_modalities == ("image", "text") and card.output_modalities == ("text",)
    assert card.apis == ("chat-completions", "converse")
    assert card.endpoints == ("bedrock-mantle", "bedrock-runtime")
    assert card.ids_for("bedrock-runtime") == ("acme.widget-2-v1:0",)
    assert card.ids_for("bedrock-mantle") == ("acme.widget-2",)
    runtime = card.ids[0]
    assert runtime.in_region and runtime.geo_ids == ("us.acme.widget-2-v1:0", "eu.acme.widget-2-v1:0")
    assert runtime.global_ids == ("global.acme.widget-2-v1:0",)
    assert card.ids[1].geo_ids == () and card.ids[1].global_ids == ()
    assert card.field_of["eol_date"] == "Model EOL date"


def test_card_september_layout(tmp_path: Path) -> None:
    card = awsdocs.parse_card(page(tmp_path, "model-card-acme-gizmo", CARD_SEPT))
    # The older layout prints the floor in the EOL field: a floor, never an EOL date.
    assert (card.eol_no_sooner_than, card.eol_date, card.field_of["eol_no_sooner_than"]) == (
        date(2027, 3, 25),
        None,
        "Model EOL date",
    )
    assert (card.lifecycle, card.policy, card.context_window) == ("Active", None, 1_050_000)
    assert card.endpoints == ("bedrock-runtime",)  # mantle "not supported"
    assert card.apis_by_endpoint == {"bedrock-runtime": ("converse", "invoke", "messages")}
    only = card.ids[0]
    assert not only.in_region  # profile-only on bedrock-runtime
    assert only.geo_ids == ("us.acme.gizmo", "in.acme.gizmo") and only.global_ids == ("global.acme.gizmo",)
    assert card.profile_ids == ("global.acme.gizmo", "in.acme.gizmo", "us.acme.gizmo")


def test_lifecycle_rows_table_and_bullets(tmp_path: Path) -> None:
    rows = awsdocs.parse_lifecycle_rows(page(tmp_path, "model-lifecycle-legacy", LEGACY_PAGE))
    got = [(r.section, r.model_id, r.regions, r.legacy_date, r.extended_access_date, r.eol_date) for r in rows]
    assert got == [
        (
            "scheduled",
            "acme.widget-1-v1:0",
            ("us-east-1", "us-west-2"),
            date(2026, 5, 26),
            date(2026, 8, 26),
            date(2026, 11, 26),
        ),
        (
            "reached-eol",
            "acme.gadget-v1:0",
            ("eu-west-1", "us-east-1"),
            date(2026, 3, 10),
            date(2026, 6, 10),
            date(2026, 9, 10),
        ),
        ("reached-eol", "acme.gadget-v1:0", ("us-gov-west-1",), date(2026, 3, 10), None, date(2026, 10, 10)),
        # A column-shifted row is returned as printed; the build reports it (its "ID" is not an ID).
        ("reached-eol", "us-east-1, us-west-2", (), None, None, None),
    ]


def test_named_rows_with_replacement_columns(tmp_path: Path) -> None:
    rows = awsdocs.parse_named_rows(page(tmp_path, "model-lifecycle", LATE_2025))
    legacy, eol = rows
    assert (legacy.section, legacy.name) == ("legacy", "Widget 0")
    assert legacy.legacy == ((date(2025, 8, 25), ("us-east-1", "us-west-2")),)
    assert legacy.extended_access == ((date(2025, 12, 1), None),)
    assert legacy.eol == ((date(2026, 3, 1), ("us-east-1", "us-west-2")),)
    assert legacy.replacement_ids == ("acme.widget-2-v1:0",)
    assert (eol.section, eol.name) == ("eol", "Acme Gadget • Lite")
    assert eol.legacy == ((date(2025, 7, 15), None),) and eol.eol == ((date(2026, 1, 15), None),)
    # As printed, including a malformed ID (no ':0'): the build checks each against the catalog.
    assert eol.replacement_ids == ("acme.widget-1-v1", "acme.widget-2-v1:0")


def test_active_rows(tmp_path: Path) -> None:
    (row,) = awsdocs.parse_active_rows(page(tmp_path, "model-lifecycle", LATE_2025))
    assert (row.model_id, row.launch_dates, row.eol_no_sooner_than) == (
        "acme.widget-2-v1:0",
        (date(2024, 6, 20), date(2024, 7, 30)),
        (date(2025, 7, 30),),
    )
    assert (row.input_modalities, row.output_modalities) == (("image", "text"), ("chat", "text"))


def test_card_index(tmp_path: Path) -> None:
    items = awsdocs.parse_card_index(page(tmp_path, "model-cards", INDEX))
    assert [(i.provider, i.name, i.card) for i in items] == [
        ("Acme", "Widget 2", "model-card-acme-widget-2"),
        ("Acme", "Gizmo", "model-card-acme-gizmo"),
    ]


def test_ids_in_text() -> None:
    text = (
        "call `us.acme.widget-2-v1:0` from us-east-2, see [cards](model-cards.md) or docs.aws.amazon.com; "
        "mantle acme.widget-2 and acme.v3.1, not example.com/x.html"
    )
    assert awsdocs.ids_in_text(text) == ["us.acme.widget-2-v1:0", "acme.widget-2", "acme.v3.1"]
