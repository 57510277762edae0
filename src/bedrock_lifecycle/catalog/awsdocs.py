"""Read the Amazon Bedrock User Guide pages the catalog is built from.

The catalog build (``scripts/build_catalog.py``) reads stored copies of the AWS pages
directly, so every date in the catalog can name the page and the field it came from.
This module knows the page formats and nothing about the catalog; it never touches the
network.

Stored page files (one per page version) start with a header block that is not part of the
page::

    <!-- aws-docs snapshot header (...)
    source_url: https://docs.aws.amazon.com/bedrock/latest/userguide/<page>.html
    mirror_commit: ...
    completeness: FULL (...) | PARTIAL: first N of M characters ...
    date_bracket: the crawl date inferred from the page content
    -->
    <page text>

A file without that header is read as page text alone (``url`` from the file name).

Pages understood:

* model cards (``model-card-*.html``), both 2026 layouts: the details list ("Model launch
  date", "EOL no sooner than", "Legacy period", "Model lifecycle policy", "Model EOL date",
  "Model lifecycle", "Context window", "Max output tokens"), the modality / API / endpoint
  tables and the "Programmatic Access" table (model ID per endpoint, geo and global
  inference-profile IDs): :func:`parse_card`;
* the lifecycle pages: rows with a model ID (the post-split legacy page's table and bullet
  lists, the pre-split bullet list), :func:`parse_lifecycle_rows`; the late-2025 page's tables
  keyed by model *name* with replacement columns, :func:`parse_named_rows`, and its Active
  table, :func:`parse_active_rows`;
* the models-at-a-glance index (``model-cards.html``): provider and card names,
  :func:`parse_card_index`;
* any page: every Bedrock model or inference-profile ID written in it, :func:`ids_in_text`.

Dates are returned as :class:`datetime.date`; a month-only date ("Jul 2025") is ``None``
with its text kept, because a day cannot be invented.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

__all__ = [
    "ActiveRow",
    "Card",
    "CardId",
    "IndexEntry",
    "LifecycleRow",
    "NamedRow",
    "Page",
    "ids_in_text",
    "parse_active_rows",
    "parse_card",
    "parse_card_index",
    "parse_date",
    "parse_lifecycle_rows",
    "parse_named_rows",
    "read_page",
    "split_dated_cell",
]

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_NAMED_DATE = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_REGION = re.compile(r"\b[a-z]{2,5}(?:-[a-z]+)+-\d{1,2}\b")
# A Bedrock model ID or a system inference-profile ID as written on a page (id-forms.md §1, §4).
_ID = re.compile(
    r"(?<![\w./-])(?:[a-z]{2,6}(?:-[a-z]{3})?\.)?[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9][a-z0-9.:-]*[a-z0-9k](?![\w/])"
)
_YES = "icon-yes"
_NO = "icon-no"


def parse_date(text: str) -> date | None:
    """The first full date in ``text`` ("Dec 06, 2024", "September 1, 2026", "3/25/2026",
    "July 15th, 2025", "2026-09-28"); ``None`` when it holds none (or a month only)."""
    candidates: list[tuple[int, date]] = []
    for m in _NAMED_DATE.finditer(text):
        month = _MONTHS.get(m.group(1).lower())
        if month:
            try:
                candidates.append((m.start(), date(int(m.group(3)), month, int(m.group(2)))))
            except ValueError:
                pass
    for m in _NUMERIC_DATE.finditer(text):
        try:
            candidates.append((m.start(), date(int(m.group(3)), int(m.group(1)), int(m.group(2)))))
        except ValueError:
            pass
    for m in _ISO_DATE.finditer(text):
        try:
            candidates.append((m.start(), date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))
        except ValueError:
            pass
    return min(candidates)[1] if candidates else None


def _dates_in(text: str) -> list[tuple[int, int, date]]:
    found: list[tuple[int, int, date]] = []
    for rx, order in ((_NAMED_DATE, "named"), (_NUMERIC_DATE, "numeric")):
        for m in rx.finditer(text):
            try:
                if order == "named":
                    month = _MONTHS.get(m.group(1).lower())
                    if not month:
                        continue
                    d = date(int(m.group(3)), month, int(m.group(2)))
                else:
                    d = date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
            except ValueError:
                continue
            found.append((m.start(), m.end(), d))
    return sorted(found)


def split_dated_cell(text: str) -> list[tuple[date, tuple[str, ...] | None]]:
    """A table cell such as "Mar 1, 2026 (us-east-1, us-west-2 Regions)<br>Jul 30, 2026 (ap-south-1)"
    as (date, Regions) pairs. Regions is ``None`` when the cell names none ("(all Regions)" or bare)."""
    dates = _dates_in(text)
    out: list[tuple[date, tuple[str, ...] | None]] = []
    for i, (_start, end, d) in enumerate(dates):
        stop = dates[i + 1][0] if i + 1 < len(dates) else len(text)
        tail = text[end:stop]
        regions = tuple(sorted(set(_REGION.findall(tail))))
        out.append((d, regions or None))
    return out


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class Page:
    """One stored page version."""

    file: str  # file name in the snapshot directory
    url: str
    text: str  # the page text (after the header)
    date: date | None  # the earliest date the stored content is evidenced (lower end of its date bracket)
    date_bracket: str
    complete: bool
    commit: str | None = None

    @property
    def name(self) -> str:
        """The page's own name, e.g. ``model-card-meta-llama-3-3-70b-instruct``."""
        return self.url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html")


def read_page(path: Path) -> Page:
    raw = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    text = raw
    if raw.startswith("<!--") and "-->\n" in raw:
        head, text = raw.split("-->\n", 1)
        for line in head.splitlines()[1:]:
            key, sep, value = line.partition(":")
            if sep and key.strip() and " " not in key.strip():
                header[key.strip()] = value.strip()
    stem = path.name.split(".", 1)[0]
    url = header.get("source_url") or f"https://docs.aws.amazon.com/bedrock/latest/userguide/{stem}.html"
    bracket = header.get("date_bracket", "")
    return Page(
        file=path.name,
        url=url,
        text=text,
        date=_bracket_date(bracket),
        date_bracket=bracket,
        complete=not header.get("completeness", "FULL").startswith("PARTIAL"),
        commit=header.get("mirror_commit") or None,
    )


def _bracket_date(bracket: str) -> date | None:
    m = _ISO_DATE.search(bracket)
    if not m:
        return None
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


# --------------------------------------------------------------------------- markdown tables


@dataclass(frozen=True)
class _Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    start: int  # offset in the page text


def _cells(line: str) -> tuple[str, ...]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return tuple(c.strip() for c in body.split("|"))


def _tables(text: str) -> Iterator[_Table]:
    lines = text.split("\n")
    offset = 0
    offsets = []
    for line in lines:
        offsets.append(offset)
        offset += len(line) + 1
    i = 0
    while i < len(lines):
        if lines[i].lstrip().startswith("|") and i + 1 < len(lines) and re.match(r"\s*\|\s*:?-{3,}", lines[i + 1]):
            header = _cells(lines[i])
            rows = []
            j = i + 2
            while j < len(lines) and lines[j].lstrip().startswith("|"):
                rows.append(_cells(lines[j]))
                j += 1
            yield _Table(tuple(_plain(h) for h in header), tuple(rows), offsets[i])
            i = j
        else:
            i += 1


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def _plain(cell: str) -> str:
    """Cell text without images, links, emphasis or code marks."""
    text = re.sub(r"<br\s*/?>", " ", cell)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = _LINK.sub(r"\1", text)
    text = text.replace("**", "").replace("`", "").replace("\\", "")
    return re.sub(r"\s+", " ", text).strip()


def _flag(cell: str) -> bool | None:
    if _YES in cell:
        return True
    if _NO in cell:
        return False
    return None


# --------------------------------------------------------------------------- model cards


@dataclass(frozen=True)
class CardId:
    """One row of a card's Programmatic Access table."""

    endpoint: str  # bedrock-runtime | bedrock-mantle
    model_id: str
    in_region: bool  # an in-Region endpoint URL is printed (not "N/A" / "Not supported")
    geo_ids: tuple[str, ...]
    global_ids: tuple[str, ...]


@dataclass(frozen=True)
class Card:
    page: Page
    name: str
    provider: str
    fields: dict[str, str]  # the details list as printed (label -> text, links removed)
    launch_date: date | None
    eol_no_sooner_than: date | None
    eol_date: date | None  # "Model EOL date" when it prints a date (not "N/A", not "No sooner than")
    lifecycle: str | None  # "Active" | "Legacy" | ... as printed
    policy: str | None  # "legacy" (launched before 2026-09-07) | "new"
    legacy_period: str | None
    context_window: int | None  # tokens (K = 1,000; M = 1,000,000, as AWS prints them)
    max_output_tokens: int | None
    input_modalities: tuple[str, ...]
    output_modalities: tuple[str, ...]
    apis: tuple[str, ...]
    apis_by_endpoint: dict[str, tuple[str, ...]]
    endpoints: tuple[str, ...]
    ids: tuple[CardId, ...]
    field_of: dict[str, str] = field(default_factory=dict)  # catalog field -> card label it came from

    def ids_for(self, endpoint: str) -> tuple[str, ...]:
        return tuple(i.model_id for i in self.ids if i.endpoint == endpoint)

    @property
    def profile_ids(self) -> tuple[str, ...]:
        return tuple(sorted({p for i in self.ids for p in (*i.geo_ids, *i.global_ids)}))


_DETAIL = re.compile(r"^\+ \*\*([^*]+?):?\*\*:?\s*(.*)$")


def _tokens(text: str) -> int | None:
    m = re.search(r"(\d+(?:\.\d+)?)\s*([KkMm])?\b", re.sub(r"(?<=\d),(?=\d{3})", "", text))
    if not m:
        return None
    n = float(m.group(1))
    unit = (m.group(2) or "").upper()
    return int(n * {"K": 1_000, "M": 1_000_000}.get(unit, 1))


def _api_name(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def parse_card(page: Page) -> Card:
    text = page.text
    title = re.search(r"^# (.+)$", text, re.M)
    header = re.search(r"^## .*?\)\s*(.+?)\s+—\s+(.+)$", text, re.M)
    provider = header.group(1).strip() if header else ""
    name = (header.group(2) if header else title.group(1) if title else page.name).strip()
    fields: dict[str, str] = {}
    for line in text.split("\n"):
        m = _DETAIL.match(line.strip())
        if m and m.group(1).strip() not in fields:
            fields[m.group(1).strip()] = _plain(m.group(2))
    field_of: dict[str, str] = {}

    def get(label: str, catalog_field: str) -> str | None:
        value = fields.get(label)
        if value is not None:
            field_of[catalog_field] = label
        return value

    launch_text = get("Model launch date", "launch_date")
    floor_text = get("EOL no sooner than", "eol_no_sooner_than")
    eol_text = fields.get("Model EOL date")
    eol_date = None
    if eol_text and re.match(r"\s*no sooner than", eol_text, re.I):
        # An older card layout prints the floor in the EOL field ("No sooner than 3/25/2026").
        if floor_text is None:
            floor_text = eol_text
            field_of["eol_no_sooner_than"] = "Model EOL date"
    elif eol_text:
        eol_date = parse_date(eol_text)
        if eol_date:
            field_of["eol_date"] = "Model EOL date"
    lifecycle = fields.get("Model lifecycle")
    if lifecycle:
        field_of["lifecycle"] = "Model lifecycle"
    policy_text = fields.get("Model lifecycle policy", "")
    policy = None
    if policy_text:
        policy = "legacy" if re.search(r"prior to|legacy", policy_text, re.I) else "new"
    inputs: list[str] = []
    outputs: list[str] = []
    apis: set[str] = set()
    by_endpoint: dict[str, tuple[str, ...]] = {}
    endpoints: set[str] = set()
    ids: list[CardId] = []
    for table in _tables(text):
        head = [h.lower() for h in table.header]
        if head and head[0] == "input modalities":
            for row in table.rows:
                for col, cell in zip(head, row, strict=False):
                    label = _plain(cell)
                    if not label or _flag(cell) is not True:
                        continue
                    if col == "input modalities":
                        inputs.append(label.lower())
                    elif col == "output modalities":
                        outputs.append(label.lower())
                    elif col.startswith("apis supported"):
                        apis.add(_api_name(label))
                    elif col.startswith("endpoints supported"):
                        endpoints.add(label.lower())
        elif head[:2] == ["endpoint", "supported"]:
            for row in table.rows:
                if len(row) >= 2 and _flag(row[1]) is True:
                    endpoints.add(_plain(row[0]).lower())
        elif head[:2] == ["endpoint", "model id"]:
            for row in table.rows:
                if len(row) < 5:
                    continue
                endpoint, model_id = _plain(row[0]).lower(), _plain(row[1])
                if not model_id or " " in model_id:
                    continue
                url = _plain(row[2])
                ids.append(
                    CardId(
                        endpoint=endpoint,
                        model_id=model_id,
                        in_region=url.startswith("http"),
                        geo_ids=tuple(i for i in ids_in_text(row[3]) if i != model_id),
                        global_ids=tuple(i for i in ids_in_text(row[4]) if i != model_id),
                    )
                )
                endpoints.add(endpoint)
        else:
            # "APIs supported on `bedrock-runtime` endpoint": a header of API names, one row of flags.
            before = text[max(0, table.start - 200) : table.start]
            m = re.search(r"APIs supported on (?:the )?`?([a-z-]+)`? endpoint\**\s*$", before.rstrip())
            if m and table.rows:
                names = tuple(
                    sorted(_api_name(h) for h, c in zip(table.header, table.rows[0], strict=False) if _flag(c))
                )
                by_endpoint[m.group(1)] = names
                apis.update(names)
    return Card(
        page=page,
        name=name,
        provider=provider,
        fields=fields,
        launch_date=parse_date(launch_text) if launch_text else None,
        eol_no_sooner_than=parse_date(floor_text) if floor_text else None,
        eol_date=eol_date,
        lifecycle=lifecycle,
        policy=policy,
        legacy_period=fields.get("Legacy period"),
        context_window=_tokens(fields["Context window"]) if "Context window" in fields else None,
        max_output_tokens=_tokens(fields["Max output tokens"]) if "Max output tokens" in fields else None,
        input_modalities=tuple(sorted(set(inputs))),
        output_modalities=tuple(sorted(set(outputs))),
        apis=tuple(sorted(apis)),
        apis_by_endpoint=by_endpoint,
        endpoints=tuple(sorted(endpoints)),
        ids=tuple(ids),
        field_of=field_of,
    )


# --------------------------------------------------------------------------- lifecycle pages


@dataclass(frozen=True)
class LifecycleRow:
    """A lifecycle row that names a model ID (post-split legacy page, pre-split list)."""

    page: Page
    section: str  # "scheduled" | "reached-eol" | "legacy" (a page without the split)
    provider: str
    name: str
    model_id: str
    regions: tuple[str, ...]
    legacy_date: date | None
    eol_date: date | None
    extended_access_date: date | None
    text: str  # the row as printed (for reports)


def _section_at(text: str, offset: int) -> str:
    before = text[:offset]
    reached = before.rfind("reached EOL")
    scheduled = before.rfind("scheduled EOL date")
    if reached < 0 and scheduled < 0:
        return "legacy"
    return "reached-eol" if reached > scheduled else "scheduled"


def parse_lifecycle_rows(page: Page) -> list[LifecycleRow]:
    """Rows of a lifecycle page that carry a model ID, in page order."""
    rows: list[LifecycleRow] = []
    text = page.text
    for table in _tables(text):
        head = [h.lower() for h in table.header]
        if "model id" not in head or "legacy date" not in head:
            continue
        col = {h: i for i, h in enumerate(head)}
        pea_col = next((i for h, i in col.items() if h.startswith("public extended access")), None)
        for row in table.rows:
            if len(row) < len(head):
                continue
            rows.append(
                LifecycleRow(
                    page=page,
                    section=_section_at(text, table.start),
                    provider=_plain(row[col.get("model provider", 0)]),
                    name=_plain(row[col.get("model name", 1)]),
                    model_id=_plain(row[col["model id"]]),
                    regions=tuple(sorted(set(_REGION.findall(row[col["regions"]])))) if "regions" in col else (),
                    legacy_date=parse_date(row[col["legacy date"]]),
                    eol_date=parse_date(row[col["eol date"]]) if "eol date" in col else None,
                    extended_access_date=parse_date(row[pea_col]) if pea_col is not None else None,
                    text=" | ".join(_plain(c) for c in row),
                )
            )
    # Bullet blocks: "- **Provider**" then "  - **Model name:** ...", "  - **Model ID:** ...", one or
    # more "  - **Regions:** ..." lines (a line may carry its own dates after " / ").
    for block in re.finditer(r"^- \*\*(?P<provider>[^*\n]+)\*\*\n(?P<body>(?:  - .*\n?)+)", text, re.M):
        body = block.group("body")
        values: dict[str, str] = {}
        region_lines: list[str] = []
        for line in body.splitlines():
            m = re.match(r"\s*- \*\*([^*]+?):\*\*\s*(.*)$", line)
            if not m:
                continue
            label, value = m.group(1).strip().lower(), m.group(2)
            if label == "regions":
                region_lines.append(value)
            else:
                values.setdefault(label, value)
        model_id = _plain(values.get("model id", ""))
        if not model_id:
            continue
        for line in region_lines or [""]:
            parts = {"regions": line.split(" / ", 1)[0]}
            for seg in line.split(" / ")[1:]:
                m = re.match(r"\*\*([^*]+?):\*\*\s*(.*)$", seg.strip())
                if m:
                    parts[m.group(1).strip().lower()] = m.group(2)
            merged = {**values, **parts}
            pea = next((v for k, v in merged.items() if k.startswith("public extended access")), "")
            rows.append(
                LifecycleRow(
                    page=page,
                    section=_section_at(text, block.start()),
                    provider=_plain(block.group("provider")),
                    name=_plain(values.get("model name", "")),
                    model_id=model_id,
                    regions=tuple(sorted(set(_REGION.findall(parts["regions"])))),
                    legacy_date=parse_date(merged.get("legacy date", "")),
                    eol_date=parse_date(merged.get("eol date", "")),
                    extended_access_date=parse_date(pea),
                    text=_plain(block.group(0)),
                )
            )
    return rows


@dataclass(frozen=True)
class NamedRow:
    """A row of the late-2025 Legacy or EOL table: keyed by the model's *name*, with replacement columns."""

    page: Page
    section: str  # "legacy" | "eol"
    name: str
    legacy: tuple[tuple[date, tuple[str, ...] | None], ...]
    extended_access: tuple[tuple[date, tuple[str, ...] | None], ...]
    eol: tuple[tuple[date, tuple[str, ...] | None], ...]
    replacement_name: str
    replacement_ids: tuple[str, ...]  # as printed (may be malformed: the build checks them)
    replacement_text: str


def parse_named_rows(page: Page) -> list[NamedRow]:
    rows: list[NamedRow] = []
    for table in _tables(page.text):
        head = [h.lower() for h in table.header]
        if not head or head[0] != "model version":
            continue
        col = {h: i for i, h in enumerate(head)}
        pea_col = next((i for h, i in col.items() if h.startswith("public extended access")), None)
        section = "legacy" if pea_col is not None else "eol"
        rid = col.get("recommended model id")
        rname = col.get("recommended model version replacement")
        for row in table.rows:
            if len(row) < len(head):
                continue
            rows.append(
                NamedRow(
                    page=page,
                    section=section,
                    name=_plain(row[0]),
                    legacy=tuple(split_dated_cell(row[col["legacy date"]])),
                    extended_access=tuple(split_dated_cell(row[pea_col])) if pea_col is not None else (),
                    eol=tuple(split_dated_cell(row[col["eol date"]])),
                    replacement_name=_plain(row[rname]) if rname is not None else "",
                    replacement_ids=tuple(_replacement_ids(row[rid])) if rid is not None else (),
                    replacement_text=_plain(row[rid]) if rid is not None else "",
                )
            )
    return rows


def _replacement_ids(cell: str) -> list[str]:
    out = []
    for part in re.split(r"\s+(?:and|or)\s+|,\s*", _plain(cell)):
        token = part.strip().split(" ", 1)[0]
        if "." in token and re.fullmatch(r"[a-z0-9-]+\.[a-z0-9.:-]+", token):
            out.append(token)
    return out


@dataclass(frozen=True)
class ActiveRow:
    """A row of the late-2025 Active table."""

    page: Page
    provider: str
    name: str
    model_id: str
    launch_dates: tuple[date, ...]  # one per Region group, as printed
    eol_no_sooner_than: tuple[date, ...]
    input_modalities: tuple[str, ...]
    output_modalities: tuple[str, ...]


def parse_active_rows(page: Page) -> list[ActiveRow]:
    rows: list[ActiveRow] = []
    for table in _tables(page.text):
        head = [h.lower() for h in table.header]
        if "model id" not in head or "launch date" not in head:
            continue
        col = {h: i for i, h in enumerate(head)}
        for row in table.rows:
            if len(row) < len(head):
                continue

            def mods(name: str, row: tuple[str, ...] = row, col: dict[str, int] = col) -> tuple[str, ...]:
                if name not in col:
                    return ()
                return tuple(sorted({m.strip().lower() for m in _plain(row[col[name]]).split(",") if m.strip()}))

            rows.append(
                ActiveRow(
                    page=page,
                    provider=_plain(row[col.get("provider", 0)]),
                    name=_plain(row[col.get("model name", 1)]),
                    model_id=_plain(row[col["model id"]]),
                    launch_dates=tuple(d for _s, _e, d in _dates_in(row[col["launch date"]])),
                    eol_no_sooner_than=tuple(d for _s, _e, d in _dates_in(row[col["eol date"]]))
                    if "eol date" in col
                    else (),
                    input_modalities=mods("input modalities"),
                    output_modalities=mods("output modalities"),
                )
            )
    return rows


# --------------------------------------------------------------------------- index and IDs


@dataclass(frozen=True)
class IndexEntry:
    provider: str
    name: str
    card: str  # the card page name, e.g. model-card-meta-llama-3-3-70b-instruct


def parse_card_index(page: Page) -> list[IndexEntry]:
    out: list[IndexEntry] = []
    for table in _tables(page.text):
        head = [h.lower() for h in table.header]
        if "provider" not in head:
            continue
        p_col = head.index("provider")
        for row in table.rows:
            if len(row) <= p_col + 1:
                continue
            provider = _plain(row[p_col])
            for cell in row[p_col + 1 :]:
                for m in re.finditer(r"\[([^\]]+)\]\((model-card-[^)#]+?)(?:\.md|\.html)?\)", cell):
                    out.append(IndexEntry(provider, m.group(1).strip(), m.group(2)))
    return out


def ids_in_text(text: str) -> list[str]:
    """Every model or inference-profile ID written in ``text`` (code spans, table cells, prose)."""
    found = []
    for m in _ID.finditer(text.replace("`", " ")):
        token = m.group(0).rstrip(".:")
        head = token.split(".", 1)[0]
        if not re.search(r"[a-z]", head) or token.startswith(("www.", "docs.")) or "/" in token:
            continue
        if re.search(r"\.(html|md|png|json|py|com|aws|txt)$", token):
            continue
        found.append(token)
    return found
