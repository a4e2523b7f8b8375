"""Header wordings: which spreadsheet column holds which tidy field.

Headers are matched ignoring case, spacing and punctuation against the words in
:data:`MILESTONE_HEADERS` and :data:`MEASURE_HEADERS`. A header that names a
period as well as a field (``Q2 Status``, ``RAG Q2``, ``2023/24 Target``,
``Q1 2023/24``) is a *period column* of a wide layout. Anything else can be
mapped by hand with ``columns={"Header as typed": "field"}``, where a field may
carry a period: ``{"Jul update": "commentary@2023/24 Q2"}``.

Examples
--------
>>> from perfkit.columns import split_header
>>> split_header("Q2 RAG", "milestones")
('status', 'Q2')
>>> split_header("2023/24 Target", "measures")
('target', '2023/24')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import ConfigError, PeriodError
from .periods import parse_span

_SHARED = {
    "priority": ["priority", "council plan priority", "corporate priority", "plan priority", "theme", "priority area",
                 "outcome", "ambition", "pillar", "strategic priority", "priority theme", "council priority"],
    "objective": ["objective", "strategic objective", "council objective", "corporate objective"],
    "strategy": ["strategy", "strategies"],
    "tactic": ["tactic", "tactics"],
    "directorate": ["directorate", "service", "department", "service area", "portfolio", "division"],
    "lead": ["lead", "lead officer", "responsible officer", "owner", "officer", "accountable officer", "responsible",
             "lead owner", "action owner", "milestone owner", "measure owner", "lead officers", "head of service", "responsible lead"],
    "commentary": ["commentary", "comments", "comment", "update", "progress update", "narrative", "notes", "note",
                   "progress commentary", "latest update", "progress", "progress comments", "explanation", "officer commentary"],
    "period": ["period", "quarter", "reporting period", "reporting quarter", "qtr", "date period"],
    "year": ["financial year", "year", "fy", "reporting year"],
}

MILESTONE_HEADERS = {
    "milestone_id": ["ref", "reference", "id", "no", "number", "ref no", "milestone ref", "milestone id", "milestone no",
                     "action ref", "action no", "action id", "code", "milestone number", "item", "item no"],
    "title": ["milestone", "action", "milestone action", "action milestone", "milestone action project", "project",
              "milestone description", "action description", "description", "title", "deliverable", "activity",
              "key action", "commitment", "key milestone", "milestones", "actions", "what we will do", "task"],
    "due_date": ["due date", "target date", "deadline", "due", "completion date", "target completion date", "end date",
                 "date due", "due by", "target completion", "timescale", "delivery date", "by when"],
    "status": ["status", "rag", "rag status", "progress status", "overall status", "current status", "rating",
               "rag rating", "rag rating status", "delivery status"],
    **_SHARED,
}

MEASURE_HEADERS = {
    "measure_id": ["ref", "reference", "id", "no", "code", "pi ref", "kpi ref", "indicator ref", "measure ref",
                   "pi code", "kpi code", "indicator code", "measure id", "kpi no", "pi no", "measure code"],
    "name": ["measure", "indicator", "kpi", "performance indicator", "measure name", "indicator name", "measure title",
             "description", "title", "pi", "measure description", "kpi description", "indicator description",
             "performance measure", "kpi name", "pi description", "measures", "indicators"],
    "unit": ["unit", "units", "unit of measure", "measure type", "format", "measure unit", "unit type"],
    "polarity": ["polarity", "good performance is", "good performance", "direction", "good is", "aim",
                 "better if", "desired direction", "higher or lower is better", "higher is better",
                 "is higher better", "what good looks like", "ranking type", "good direction", "direction of good"],
    "frequency": ["frequency", "reporting frequency", "collected", "periodicity", "collection frequency", "reported"],
    "target": ["target", "annual target", "target value", "year target", "year end target", "targets"],
    "tolerance": ["tolerance", "threshold", "amber threshold", "tolerance level", "amber tolerance"],
    "actual": ["actual", "value", "outturn", "result", "performance", "actuals", "outturns", "data", "figure"],
    "reported_status": ["status", "rag", "rag status", "rating", "rag rating", "performance status"],
    **_SHARED,
}

HEADERS = {"milestones": MILESTONE_HEADERS, "measures": MEASURE_HEADERS}

# Which fields a table must have for its header row to count.
REQUIRED = {"milestones": ("title",), "measures": ("name",)}
# Fields that may repeat with a period in the header: the wide layout.
PERIOD_FIELDS = {
    "milestones": ("status", "commentary"),
    "measures": ("actual", "target", "reported_status", "commentary", "tolerance"),
}
# What a bare period header (``Q1 2023/24``) holds.
BARE_PERIOD_FIELD = {"milestones": "status", "measures": "actual"}

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
_FY = r"(?:fy\s*)?\d{2,4}\s*[/\-–_]\s*\d{2,4}"
_Q = r"(?:q|qtr|quarter)\s*[1-4]"
_H = r"(?:h|half)\s*[12]"
_PERIOD_TOKEN = re.compile(
    rf"(?<![a-z0-9])("
    rf"{_FY}\s*,?\s*(?:{_Q}|{_H})|(?:{_Q}|{_H})\s*,?\s*(?:\({_MONTH}\s*[-–]\s*{_MONTH}\)\s*)?{_FY}"
    rf"|{_MONTH}\s*[-–]\s*{_MONTH}\s*\d{{2,4}}|{_Q}\s*\({_MONTH}\s*[-–]\s*{_MONTH}\)|{_Q}|{_H}|{_FY}"
    rf")(?![a-z0-9])"
)


def normalise_header(text) -> str:
    """Lower case, punctuation to spaces, spaces collapsed: ``' Lead  Officer:'`` -> ``'lead officer'``."""
    if text is None:
        return ""
    text = str(text).lower().replace("&", " and ").replace("\u00a0", " ")
    text = re.sub(r"[^a-z0-9%£]+", " ", text)
    return " ".join(text.split())


def _lookup(kind: str) -> dict[str, str]:
    out = {}
    for fld, words in HEADERS[kind].items():
        for w in words:
            out.setdefault(normalise_header(w), fld)
    return out


_LOOKUPS = {k: _lookup(k) for k in HEADERS}


def split_header(text, kind: str) -> tuple[str | None, str | None]:
    """The field a header names and the period token in it, if any.

    Returns ``(field, token)``; ``field`` is None when the header is not recognised,
    ``token`` is None when the header names no period. The token is the text as
    typed (``Q2``, ``2023/24 Q2``, ``2023/24``); :func:`resolve_token` turns it into periods.
    """
    if text is None or (isinstance(text, str) and not text.strip()):
        return None, None
    typed = str(text).replace("\u00a0", " ")
    raw = typed.lower()
    lookup = _LOOKUPS[kind]
    whole = normalise_header(raw)
    if whole in lookup and not _PERIOD_TOKEN.search(raw):
        return lookup[whole], None
    m = _PERIOD_TOKEN.search(raw)
    if not m:
        return lookup.get(whole), None
    token = typed[m.start(1) : m.end(1)].strip()
    rest = normalise_header(raw[: m.start()] + " " + raw[m.end() :])
    rest = re.sub(r"\b(?:update|for|in|of|the|as at|at|year|annual|to date|ytd|end)\b", lambda w: w.group(0) if rest in lookup else "", rest)
    rest = " ".join(rest.split())
    if not rest:
        return BARE_PERIOD_FIELD[kind], token
    fld = lookup.get(rest)
    if fld is None:
        return None, None
    if fld not in PERIOD_FIELDS[kind]:
        # "2023/24 Target" style for a field that does not repeat: keep the field, drop the period.
        return fld, None
    return fld, token


@dataclass
class PeriodColumn:
    """A wide-layout column: ``field`` for ``token`` (e.g. status for Q2) at column ``col``."""

    col: int
    field: str
    token: str
    header: str


@dataclass
class ColumnMap:
    """Where each tidy field sits in a sheet (0-based columns)."""

    kind: str
    header_row: int
    fields: dict[str, int] = field(default_factory=dict)
    period_columns: list[PeriodColumn] = field(default_factory=list)
    headers: dict[int, str] = field(default_factory=dict)
    unmapped: list[int] = field(default_factory=list)

    @property
    def score(self) -> int:
        return len(self.fields) + len({(p.field, p.token) for p in self.period_columns})

    def fits(self) -> bool:
        have = set(self.fields) | {p.field for p in self.period_columns}
        needs_value = {"milestones": {"status"}, "measures": {"actual", "target"}}[self.kind]
        return all(f in have for f in REQUIRED[self.kind]) and bool(have & needs_value)


def map_header_row(row: list, row_index: int, kind: str, columns: dict | None = None) -> ColumnMap:
    """Match one row's cells to fields, honouring an explicit ``columns`` mapping first."""
    explicit = {normalise_header(k): v for k, v in (columns or {}).items()}
    valid = set(HEADERS[kind]) | {"ignore"}
    cmap = ColumnMap(kind, row_index)
    for col, cell in enumerate(row):
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        header = str(cell).strip()
        cmap.headers[col] = header
        key = normalise_header(header)
        if key in explicit:
            target = explicit[key]
            fld, _, token = str(target).partition("@")
            if fld not in valid:
                raise ConfigError(f"columns=: {header!r} is mapped to {fld!r}, which is not a {kind} field ({', '.join(sorted(valid))})")
            if fld == "ignore":
                continue
            if token:
                cmap.period_columns.append(PeriodColumn(col, fld, token, header))
            elif fld not in cmap.fields:
                cmap.fields[fld] = col
            continue
        fld, token = split_header(header, kind)
        if fld is None:
            cmap.unmapped.append(col)
        elif token is not None:
            cmap.period_columns.append(PeriodColumn(col, fld, token, header))
        elif fld not in cmap.fields:
            cmap.fields[fld] = col
        else:
            cmap.unmapped.append(col)
    return cmap


def resolve_token(token: str, year: int | None):
    """Turn a header's period token into a :class:`~perfkit.periods.Span`, using ``year`` where it names none.

    Raises :class:`~perfkit.errors.PeriodError` when the token needs a year and none is known.
    """
    t = re.sub(r"\([a-z]+\s*[-–]\s*[a-z]+\)", "", token.strip().lower()).strip()  # "q2 (jul-sep)" -> "q2"
    if re.fullmatch(rf"{_Q}|{_H}", t):
        if year is None:
            raise PeriodError(f"the header names {token!r} without a year")
        return parse_span(f"{year - 1}/{year % 100:02d} {t}")
    return parse_span(t)
