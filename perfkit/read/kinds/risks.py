"""Risk registers: read them, rate them on a matrix, compare before and after mitigation.

Every quarterly monitoring report carries a risk section: each risk's impact and
likelihood before mitigation, the mitigating action, and impact and likelihood
after it; corporate registers score 1-5 x 1-5 and track each risk's residual
score quarter on quarter. This module declares the ``risks`` kind on the layout
engine (:data:`RISKS`, registered on import), its frame builder, the scale and
bands (:class:`RiskMatrix`) and the analysis (:func:`risk_summary`).

The tidy risks frame has one row per risk per assessment period (``period`` is
NaT where the workbook names none):

====================  ===================  =============================================
column                dtype                meaning
====================  ===================  =============================================
risk_id               str                  the workbook's reference (generated ``R001``... if none)
title                 str                  the risk (descriptions continued on the next row joined)
owner                 str                  the risk owner
category              str                  category, else the priority or section heading
period                Period[Q-MAR]        the quarter the residual assessment is for
inherent_impact       float                before mitigation, on the matrix's scale (1..size)
inherent_likelihood   float
inherent_score        float                as given, else impact x likelihood
inherent_rating       ordered categorical  the band the score falls in (as given, if given)
residual_impact       float                after mitigation
residual_likelihood   float
residual_score        float
residual_rating       ordered categorical
target_score          float                the score the owner aims for (NaN if none, or given as a band)
target_rating         category             the band the owner aims for: typed as a word, or the target score's band
mitigation            str                  the mitigating action
direction             str                  the officer's own direction word, as ``increased``,
                                           ``decreased``, ``unchanged``, ``new`` or ``closed`` ("" if none)
source                str                  the residual score's cell, ``Risks!I6``
====================  ===================  =============================================

Examples
--------
>>> m = RiskMatrix.default(5)
>>> m.band(12), m.band(16), m.band(3)
('High', 'Very high', 'Low')
>>> RiskMatrix.default(3).band(6)
'High'
"""

from __future__ import annotations

import math
import re
from itertools import pairwise
from operator import itemgetter
import dataclasses
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from perfkit.read.columns import PeriodColumn, PERIOD_TOKEN, read_header, split_header
from perfkit.core.config import toml_string
from perfkit.core.errors import ConfigError, LayoutError, PeriodError, Report
from perfkit.read.spec import SHARED_HEADERS, KindSpec, normalise_header
from perfkit.read.layout import (
    RISK_APPETITE_HEAD, Table, HEADING_PREFIX, blank, data_rows, get, ids as _ids, numbered_on, other_sheets, period_spans, single_period, text,
)
from perfkit.core.periods import FREQ, period_label
from perfkit.read.workbook import Sheet
from perfkit.core.errors import cell_name, col_letter
from perfkit.read.engine import CLOSED_ON, interleaved_cells, read_kind, report_repeated_ids
from perfkit.core.palette import WHITE, contrast_ratio
from perfkit.read.engine import row_period
from perfkit.core.palette import text_colour_on

# ---------------------------------------------------------------------------------------------- the kind

_BASE = {
    "impact": ["impact", "i", "consequence", "severity", "impact score", "impact rating", "c"],
    "likelihood": ["likelihood", "l", "probability", "p", "likelihood score", "likelihood rating", "prob"],
    "score": ["score", "risk score", "total", "total score", "i x l", "l x i", "ixl", "lxi", "impact x likelihood",
              "likelihood x impact", "rating score", "overall score", "score i x l", "score l x i"],
    "rating": ["rating", "risk rating", "risk level", "level", "overall rating", "risk rag", "rating level"],
}
_ALIASES = {
    "inherent": ["inherent", "gross", "original", "initial", "pre mitigation", "before mitigation", "untreated", "raw",
                 "inherent risk", "gross risk", "original risk", "unmitigated", "before", "pre", "pre mitigated"],
    "residual": ["residual", "net", "current", "post mitigation", "after mitigation", "revised", "treated", "controlled",
                 "residual risk", "net risk", "current risk", "mitigated", "after", "post", "post mitigated"],
    "target": ["target", "tolerable", "desired", "target risk"],
}


def _band_headers() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for band, aliases in _ALIASES.items():
        for base, words in _BASE.items():
            if band == "target" and base == "rating":
                continue
            names = []
            for a in aliases:
                for w in words:
                    names += [f"{a} {w}", f"{w} {a}"]
            out[f"{band}_{base}"] = names
    out["target_score"] += ["target", "target score", "target risk score", "target rating", "target risk", "target residual score",
                            "target residual risk", "target risk level", "target level", "target residual", "risk target"]
    # "Residual Q1 | Residual Q2", "Q1 | Q2" under a "Residual" band, or "Inherent risk | Residual risk" with a score or
    # a rating under each: the band word alone heads a column of that assessment's scores (words are read as ratings).
    # Over Impact | Likelihood the same words are still read as bands (stacked_header tries the two-row reading first).
    out["inherent_score"] += ["inherent", "inherent risk", "gross risk", "original risk", "unmitigated risk",
                              "pre mitigation risk", "before mitigation"]
    out["residual_score"] += ["residual", "residual risk", "net risk", "mitigated risk", "post mitigation risk",
                              "after mitigation", "residual assessment", "residual risk assessment",
                              # a tab of closed risks: the last score each was given
                              "final residual score", "final score", "final risk score", "score at closure",
                              "residual score at closure", "final residual risk score"]
    # "Target risk" alone is a column (the score aimed for); over Impact | Likelihood it is still read as a band.
    return out


RISK_HEADERS = {
    "risk_id": ["ref", "reference", "id", "no", "number", "risk ref", "risk id", "risk no", "risk number", "ref no",
                "code", "risk code", "risk reference", "crr ref", "crr no", "baf ref", "baf no", "baf risk ref", "baf reference",
                "srr ref", "corporate risk ref", "strategic risk ref"],
    "title": ["risk", "risk title", "risk description", "description", "title", "risk name", "risk event", "key risk",
              "risks", "description of risk", "risk identified", "risk and consequence", "risk and impact",
              "risk cause and effect", "risk description cause event effect", "the risk", "risk summary",
              "description of the risk", "risk and its causes", "risk and causes", "risk and its consequences",
              "risk cause and consequence", "risk description and consequences", "description of risk and consequences",
              "risk causes and consequences", "risk and consequences", "nature of the risk", "risk issue", "principal risk",
              "strategic risk", "principal risk description", "risk statement", "corporate risk"],
    "owner": ["owner", "risk owner", "lead", "lead officer", "responsible officer", "accountable officer", "responsible",
              "officer", "owners", "risk lead", "lead member", "risk owners", "head of service", "executive lead",
              "executive owner", "lead executive", "executive director", "lead director", "responsible director",
              "accountable director", "senior responsible owner", "sro"],
    "category": ["category", "risk category", "type", "risk type", "risk area", "category of risk"],
    "mitigation": ["mitigation", "mitigating action", "mitigating actions", "mitigations", "controls", "existing controls",
                   "mitigation actions", "control measures", "controls in place", "actions to mitigate", "key controls",
                   "mitigation and controls", "controls and mitigations", "mitigating controls", "action", "actions",
                   "further actions", "planned actions", "risk response", "response", "treatment", "mitigating measures"],
    "direction": ["direction", "direction of travel", "trend", "movement", "dot", "change since last quarter", "risk direction",
                  "travel", "direction of risk", "risk trend", "change", "since last quarter", "movement since last review",
                  "direction since last review", "direction since last quarter", "change since last review", "since last review",
                  "movement since last quarter", "direction since last update", "change since last update", "movement since last update",
                  # an IJB's or a board's register, reported to each meeting
                  "movement since last report", "change since last report", "direction since last report", "trend since last report",
                  "since last report", "movement since previous report", "movement since last meeting", "change since last meeting",
                  "movement since last committee", "movement since last board"],
    **_BASE,
    **_band_headers(),
    **{k: v for k, v in SHARED_HEADERS.items() if k not in ("lead", "area")},
}

RISK_FIELDS = ["inherent_impact", "inherent_likelihood", "inherent_score", "inherent_rating",
               "residual_impact", "residual_likelihood", "residual_score", "residual_rating"]


COLUMNS = ["risk_id", "title", "owner", "category", "period", *RISK_FIELDS, "target_score", "target_rating", "mitigation",
           "direction", "source"]

# ---------------------------------------------------------------------------------------------- the matrix

# Colours: each at least 3:1 against white, with its text colour 4.5:1 on it (checked by check_matrix).
BAND_COLOURS = {"Low": "#00703c", "Medium": "#8a4b00", "High": "#b1341c", "Very high": "#4c0d1d"}


@dataclass(frozen=True)
class Band:
    """One rating band: its name, the scores it covers (inclusive) and its colours."""

    name: str
    low: float
    high: float
    colour: str
    text_colour: str = "#ffffff"


@dataclass(frozen=True)
class RiskMatrix:
    """A likelihood x impact scale of ``size`` points each, with rating bands by score.

    Parameters
    ----------
    size : int
        Points on each axis (5 for 1-5 x 1-5; 3 for High/Medium/Low).
    bands : sequence of Band or (name, low, high[, colour]) tuples, optional
        Score ranges, lowest first; by default 5x5: 1-4 Low, 5-9 Medium, 10-14 High,
        15-25 Very high; 3x3: 1-2 Low, 3-4 Medium, 6-9 High.
    appetite : float, optional
        The highest residual score the council accepts; risks above it are listed.
    source : str
        Where the bands came from (``"default"``, ``"the key at Risks!A20"``, ``"matrix="``).
    labels : tuple, optional
        The register's own word for each level of an axis, lowest first: ``(("impact", ("Negligible", ...)),)``.

    Examples
    --------
    >>> m = RiskMatrix(4, [("Low", 1, 4), ("High", 5, 16)], appetite=8)
    >>> m.band(6), m.names
    ('High', ['Low', 'High'])
    """

    size: int = 5
    bands: tuple = ()
    appetite: float | None = None
    # where the bands came from is no part of what they are: tabs of one register, each with its key, share one matrix
    source: str = dataclasses.field(default="default", compare=False)
    labels: tuple = ()  # (("impact", ("Negligible", ... "Critical")), ("likelihood", ...)): the register's own words

    def __deepcopy__(self, memo) -> "RiskMatrix":
        return self  # frozen: shared by every copy pandas makes of a frame's attrs

    def __post_init__(self):
        given = list(self.bands) or list(_default_bands(self.size))
        out = []
        for i, b in enumerate(given):
            if not isinstance(b, Band):
                name, low, high, *colour = b
                fill = colour[0] if colour else _band_colour(name, i, len(given))
                b = Band(str(name), float(low), float(high), fill, text_colour_on(fill))
            out.append(b)
        object.__setattr__(self, "bands", tuple(sorted(out, key=lambda b: b.low)))

    @classmethod
    def default(cls, size: int = 5, appetite=None) -> "RiskMatrix":
        """The default bands for a ``size`` x ``size`` matrix."""
        return cls(size, (), appetite)

    @property
    def names(self) -> list[str]:
        return [b.name for b in self.bands]

    @property
    def dtype(self) -> pd.CategoricalDtype:
        return pd.CategoricalDtype(self.names, ordered=True)

    def band(self, score) -> str | None:
        """The band a score falls in (None for a missing score)."""
        if score is None or (isinstance(score, float) and math.isnan(score)):
            return None
        for b in self.bands:
            if b.low <= score <= b.high:
                return b.name
        for b in self.bands:  # gaps between integer bands (4.5 on a 1-4 | 5-9 scale): the band below
            if score < b.low:
                return self.bands[max(self.bands.index(b) - 1, 0)].name
        return self.bands[-1].name

    def __getitem__(self, name: str) -> Band:
        for b in self.bands:
            if b.name.lower() == str(name).lower():
                return b
        raise KeyError(name)

    def axis_labels(self, axis: str) -> tuple[str, ...] | None:
        """The register's own words for the levels of ``impact`` or ``likelihood``, lowest first, where its key gives them."""
        return dict(self.labels).get(axis)

    def describe(self) -> str:
        """``5x5, 1-4 Low, 5-9 Medium, 10-14 High, 15-25 Very high``."""
        parts = [f"{_n(b.low)}-{_n(b.high)} {b.name}" if b.high != b.low else f"{_n(b.low)} {b.name}" for b in self.bands]
        return f"{self.size}x{self.size}, " + ", ".join(parts) + _appetite_said(self.appetite)


def _appetite_said(appetite) -> str:
    """``, appetite 12`` (scores above 12 are outside it), or ``, appetite below 12`` where 12 itself is outside it."""
    if appetite is None:
        return ""
    return f", appetite {_n(appetite)}" if float(appetite).is_integer() else f", appetite below {_n(appetite + 0.5)}"


def _n(v) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _default_bands(size: int):
    if size == 5:
        return [("Low", 1, 4), ("Medium", 5, 9), ("High", 10, 14), ("Very high", 15, 25)]
    if size == 3:
        return [("Low", 1, 2), ("Medium", 3, 4), ("High", 5, 9)]
    top = size * size
    cuts = [round(top * f) for f in (0.16, 0.36, 0.56)]
    return [("Low", 1, cuts[0]), ("Medium", cuts[0] + 1, cuts[1]), ("High", cuts[1] + 1, cuts[2]), ("Very high", cuts[2] + 1, top)]


def _band_colour(name: str, i: int, n: int) -> str:
    key = next((k for k in BAND_COLOURS if k.lower() == str(name).lower()), None)
    if key:
        return BAND_COLOURS[key]
    ramp = list(BAND_COLOURS.values())
    return ramp[min(round(i * (len(ramp) - 1) / max(n - 1, 1)), len(ramp) - 1)]


def check_matrix(matrix: RiskMatrix) -> list[str]:
    """Where a matrix's colours fall short of the contrast rules (empty when all pass).

    Examples
    --------
    >>> check_matrix(RiskMatrix.default(5))
    []
    """

    out = []
    for b in matrix.bands:
        if contrast_ratio(b.colour, WHITE) < 3:
            out.append(f"{b.name} {b.colour} is {contrast_ratio(b.colour, WHITE):.2f}:1 against white (needs 3:1)")
        if contrast_ratio(b.colour, b.text_colour) < 4.5:
            out.append(f"text on {b.name} is {contrast_ratio(b.colour, b.text_colour):.2f}:1 (needs 4.5:1)")
    return out


# ---------------------------------------------------------------------------------------------- words and numbers

_THREE = {"l": 1, "low": 1, "lo": 1, "m": 2, "med": 2, "medium": 2, "h": 3, "high": 3, "hi": 3}
_FIVE = {"vl": 1, "very low": 1, "rare": 1, "negligible": 1, "insignificant": 1, "remote": 1, "very unlikely": 1,
         "l": 2, "low": 2, "unlikely": 2, "minor": 2,
         "m": 3, "med": 3, "medium": 3, "possible": 3, "moderate": 3,
         "h": 4, "high": 4, "likely": 4, "major": 4, "significant": 4, "probable": 4,
         "vh": 5, "very high": 5, "almost certain": 5, "catastrophic": 5, "severe": 5, "critical": 5, "extreme": 5, "very likely": 5}
_FIVE_ONLY = {k for k in _FIVE if k not in _THREE}
_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:$|[-–:=(.)]|\s)")

DIRECTIONS = {
    "increased": ["increased", "increasing", "increase", "up", "↑", "▲", "worse", "worsening", "worsened", "higher",
                  "risk increased", "deteriorating", "deteriorated", "rising", "risen", "escalating"],
    "decreased": ["decreased", "decreasing", "decrease", "down", "↓", "▼", "better", "improving", "improved", "lower",
                  "risk decreased", "reducing", "reduced", "falling", "fallen"],
    "unchanged": ["unchanged", "no change", "same", "stable", "static", "steady", "→", "↔", "-", "–", "=", "level",
                  "no movement", "maintained", "constant", "nc"],
    "new": ["new", "new risk", "added", "n"],
    "closed": ["closed", "risk closed", "retired", "removed", "archived", "to be closed", "propose closure"],
}
_DIRECTION = {w: k for k, ws in DIRECTIONS.items() for w in ws}
_ARROWS = frozenset("↑↓▲▼→↔")


def _word(v) -> str:
    return " ".join(re.sub(r"[^a-z0-9↑↓▲▼→↔=–\-]+", " ", text(v).lower()).split())


def direction_word(value) -> str | None:
    """The officer's direction word as ``increased``, ``decreased``, ``unchanged`` or ``new`` (None if not understood).

    Examples
    --------
    >>> direction_word("↑ Increasing"), direction_word("No change"), direction_word("Improving")
    ('increased', 'unchanged', 'decreased')
    """
    w = _word(value)
    if w in _DIRECTION:
        return _DIRECTION[w]
    for part in w.split():
        if part in _DIRECTION and part not in ("n", "level", "-", "–", "="):
            return _DIRECTION[part]
    return None


# ---------------------------------------------------------------------------------------------- reading helpers


def _join_continuations(table: Table) -> None:
    """Rows that only continue the text of the row above (pasted from a PDF) are joined to it, said aloud.

    A continuation row has text only in the title, mitigation or commentary columns,
    no reference and no scores, and follows a risk. Its text is appended to the risk
    above and the row is emptied (in this read's copy of the sheet only).
    """
    cmap = table.cmap
    text_cols = {cmap.fields[f] for f in ("title", "mitigation", "commentary") if f in cmap.fields}
    text_cols |= {pc.col for pc in cmap.period_columns if pc.field == "commentary"}
    if not text_cols:
        return
    id_col = cmap.fields.get("risk_id")
    first_col = min(cmap.headers) if cmap.headers else 0
    rows = table.sheet.rows
    copied = False
    prev: int | None = None
    for r in range(cmap.header_row + 1, len(rows)):
        row = rows[r]
        if id_col is not None and id_col < len(row):
            v = row[id_col]
            if v.__class__ is not str and v is not None or v.__class__ is str and v and not v.isspace():
                prev = r  # a referenced row: the usual case, decided without looking further
                continue
        filled = [(c, v) for c, v in enumerate(row) if not blank(v)]
        if not filled:
            continue
        cols = {c for c, _ in filled}
        is_cont = (
            prev is not None and cols <= text_cols and (id_col is None or (first_col not in cols and id_col not in cols))
            and not any(r1 == r and c2 > c1 for (r1, c1), (_, c2) in table.sheet.merged)
            and not any(HEADING_PREFIX.match(text(v)) for _, v in filled)
            and (r, min(cols)) not in table.sheet.errors
        )
        if is_cont and id_col is None:
            # Without references, only text that plainly runs on: a lower-case start or a sentence cut off above.
            c0 = filled[0][0]
            above = text(get(rows[prev], c0))
            first = text(filled[0][1])
            is_cont = first[:1].islower() or bool(_RUNS_ON.search(above))
        if is_cont:
            if not copied:
                rows = [list(x) for x in rows]
                table.sheet = Sheet(table.sheet.name, rows, table.sheet.merged, table.sheet.errors, table.sheet.book)
                copied = True
            for c, v in filled:
                before = text(rows[prev][c]) if c < len(rows[prev]) else ""
                while c >= len(rows[prev]):
                    rows[prev].append("")
                rows[prev][c] = f"{before} {text(v)}".strip()
            table.report.add(table.cell(r, filled[0][0]), "title", text(filled[0][1])[:80],
                             f"text continued from row {prev + 1}: joined to that risk, not read as a new one", "info")
            rows[r] = [""] * len(row)
            continue
        prev = r if (id_col is not None and not blank(get(row, id_col))) or cols - text_cols else None


_NAT = np.iinfo(np.int64).min  # pandas' NaT as a period ordinal
_DASH_ONLY = re.compile(r"^\s*[-–—‒]+\s*$")  # a rating cell holding a dash: no rating given (a risk new since)
_RUNS_ON = re.compile(r"(?:,|;|\b(?:of|and|the|to|because|for|with|a|an|in|on|by|or|from|due|that|which|as))\s*$", re.I)


_YEAR_ONLY = re.compile(r"(?:fy\s*)?\d{4}\s*[/\-–]\s*\d{2,4}")
"""A band's period that is a financial year and nothing more (``2024/25``, ``2024-2025``): its columns name the quarters."""
_A_RATING = re.compile(r"(?i)\b(?:rating|risk|score|assessment|position|rag)\b")


def _period_bands(table: Table) -> None:
    """A band that names a period (``Residual risk 2024/25 Q1`` over ``Impact | Likelihood | Score``) gives period columns."""
    cmap, spec = table.cmap, table.spec
    r = cmap.header_row
    if r == 0:
        return
    above, row = table.sheet.rows[r - 1], table.sheet.rows[r]
    labels = {c: text(v) for c, v in enumerate(above) if not blank(v)}
    starts = sorted(labels)
    merged = {(r1, c1): c2 for (r1, c1), (r2, c2) in table.sheet.merged if r1 == r - 1}
    changed = []
    beside_a_period_band = len(labels) > 1 and any(spec.band(t) and PERIOD_TOKEN.search(t.lower()) for t in labels.values())
    for c, label in labels.items():
        if len(label) > 60 or _SENTENCE.search(label):
            continue  # "Scores = Likelihood x Impact (1-5). Residual score shaded: red 15-25": a note, never a band ('15-25' no years)
        band = spec.band(label)
        m = PERIOD_TOKEN.search(label.lower())
        if band is None and m is not None and beside_a_period_band and _A_RATING.search(label):
            band = "residual"  # "Previous rating (Q1 2024/25)" beside "Current rating (Q2 2024/25)": where the risk stood then
        if band is None or m is None:
            continue
        token = label[m.start(1):m.end(1)].strip()
        later = [x for x in starts if x > c]
        end = merged.get((r - 1, c), (later[0] - 1) if later else len(row) - 1)
        for col in range(c, end + 1):
            if col >= len(row) or blank(row[col]):
                continue
            fld, own = split_header(f"{band} {text(row[col])}", spec)
            if fld not in spec.period_fields:
                continue
            # "Residual risk score 2024/25" over "Q1 | Q2 | Q3 | Q4": the band gives the year, each column its quarter
            at = f"{token} {own}" if own and _YEAR_ONLY.fullmatch(token) else token
            for f, fc in list(cmap.fields.items()):
                if fc == col:
                    del cmap.fields[f]
            if col in cmap.unmapped:
                cmap.unmapped.remove(col)
            cmap.period_columns = [pc for pc in cmap.period_columns if pc.col != col]
            cmap.period_columns.append(PeriodColumn(col, fld, at, f"{label} {text(row[col])}"))
            changed.append(col)
    if changed:
        table.unsay_unused(table.cell(r, c) for c in changed)
        table.report.add(f"{table.sheet.name}!{col_letter(min(changed))}{r + 1}:{col_letter(max(changed))}{r + 1}", "", "", f"{len(changed)} columns under bands that name a period read as that period's assessment", "info")


_SENTENCE = re.compile(r"[.;:]\s+\S")


# A band whose words say plainly that it is after mitigation: beside one of these, "Current risk" is the risk before it.
_PLAINLY_AFTER = re.compile(r"\b(?:residual|net|after|post|mitigated|treated|controlled|revised)\b")
_LEVELS = ("impact", "likelihood", "score", "rating")


def band_spans(table: Table) -> list[tuple[int, int, str, str]]:
    """The bands over a risk table's header row: ``(first column, last column, label, prefix)``, left to right.

    A band covers its merged range or, without merges, the columns up to the next label.
    The row above counts as bands only when the header has two rows or the row above
    holds at least two band labels (a lone title such as ``Current risks`` is not a band).
    ``Current risk`` with a band plainly after mitigation to its right (``Residual risk``,
    ``After mitigation``) is the risk before mitigation, its prefix ``inherent``: that is how
    Council Plan monitoring reports print ``Current risk | Mitigating action | Residual risk``.
    Beside ``Target risk`` alone (whatever its words), or after an ``Inherent risk`` band, it stays the residual risk
    (where the risk stands now).
    """
    cmap, spec = table.cmap, table.spec
    r = cmap.header_row
    if r == 0:
        return []
    above, row = table.sheet.rows[r - 1], table.sheet.rows[r]
    starts = [c for c, v in enumerate(above) if not blank(v)]
    merged = {c1: c2 for (r1, c1), (r2, c2) in table.sheet.merged if r1 == r - 1 and r2 == r - 1}
    out = []
    for i, c in enumerate(starts):
        label = text(above[c])
        prefix = spec.band(label)
        if prefix is None:
            continue
        end = merged.get(c, (starts[i + 1] - 1) if i + 1 < len(starts) else len(row) - 1)
        if all(blank(get(row, col)) for col in range(c, end + 1)):
            continue  # a band word with nothing under it is a column's own header
        out.append((c, end, label, prefix))
    if cmap.header_rows < 2 and len(out) < 2:
        return []
    # "Inherent | Current | Target risk (after further actions)": with a band before mitigation given, or only a target's
    # band after it (however it words its "after"), "Current" is where the risk stands now.
    inherent_given = any(p == "inherent" for _, _, _, p in out)
    for i, (c0, c1, label, prefix) in enumerate(out):
        low = normalise_header(label)
        if prefix == "residual" and "current" in low.split() and not _PLAINLY_AFTER.search(low) and not inherent_given \
                and any(p != "target" and _PLAINLY_AFTER.search(normalise_header(other)) for _, _, other, p in out[i + 1:]):
            out[i] = (c0, c1, label, "inherent")
    return out


def before_and_after(table: Table, columns: dict) -> None:
    """Tell the before-mitigation (inherent) and after-mitigation (residual) assessments apart, and say how.

    Three layouts, in the order they are trusted:

    * **bands** over the pairs (``Inherent risk``, ``Before mitigation``; ``Current risk``
      beside ``Residual risk``, see :func:`band_spans`): each column under a band is that
      band's, whatever the survey made of it;
    * **a mitigation column between two pairs** (``Impact | Likelihood | Mitigating action |
      Impact | Likelihood``, as Council Plan monitoring reports print them): the pair before the
      action is inherent, the pair after it residual (a note says so);
    * **two pairs side by side with neither**: read left to right as inherent then residual,
      with a warning naming the cells and the ``perfkit.toml`` lines that confirm it. A
      mapping of the first (``"Impact" = "inherent_impact"``) maps the repeat to the next
      assessment in the sequence (``residual_impact``), and silences the warning.

    ``columns`` is the read's header mapping for the sheet (``Options.columns_for``).
    """
    cmap, spec, report = table.cmap, table.spec, table.report
    r = cmap.header_row
    row = table.sheet.rows[r]
    # What perfkit.toml maps stands as it says: the first column under each mapped header (a repeat is left to the bands).
    mapped = {normalise_header(k) for k, v in (columns or {}).items() if v}
    firsts: dict[str, int] = {}
    for c in sorted(cmap.headers):
        firsts.setdefault(normalise_header(cmap.headers[c]), c)
    in_period = {pc.col for pc in cmap.period_columns} | {c for h, c in firsts.items() if h in mapped}
    spans = band_spans(table)
    want: dict[int, str] = {}
    aside: dict[int, str] = {}  # a target's own impact and likelihood: its score is read, they are not
    for c0, c1, label, prefix in spans:
        for col in range(c0, min(c1, len(row) - 1) + 1):
            base, token = split_header(text(get(row, col)), spec)
            fld = f"{prefix}_{base}"
            if col not in in_period and token is None and base in _LEVELS and fld in spec.fields:
                want[col] = fld
            elif prefix == "target" and token is None and base in ("impact", "likelihood") and col not in in_period:
                aside[col] = label
    for col, label in aside.items():
        for f, fc in list(cmap.fields.items()):
            if fc == col:
                del cmap.fields[f]
                report.add(table.cell(r, col), "", text(row[col]), f"{text(row[col])!r} under {label!r} is the target's: not "
                           "read as where the risk stands (the target's score is what perfkit compares)", "info")
    moved = [col for col, fld in want.items() if cmap.fields.get(fld) != col]
    if moved:
        for col, fld in want.items():
            for f, fc in list(cmap.fields.items()):
                if fc == col and f != fld:
                    del cmap.fields[f]
        for col, fld in want.items():
            held = cmap.fields.get(fld)
            if held is not None and held != col and held not in want:
                continue  # a column headed for itself ("Residual impact") keeps its field
            cmap.fields[fld] = col
            if col in cmap.unmapped:
                cmap.unmapped.remove(col)
        table.unsay_unused(table.cell(r, c) for c in want)
    for c0, c1, label, prefix in spans:
        if prefix == "inherent" and spec.band(label) == "residual":
            after = next(lab for _, _, lab, _ in spans if _PLAINLY_AFTER.search(normalise_header(lab)) and lab != label)
            report.add(f"{table.sheet.name}!{col_letter(c0)}{r}", "", label,
                       f"band {label!r} over {col_letter(c0)}:{col_letter(c1)} sits before {after!r}: read as the risk before "
                       f"mitigation (inherent), {after!r} as after it (residual)", "info")
    _current_columns(table, mapped)
    _repeated_pairs(table, columns, set(want))
    _one_current_assessment(table, mapped)
    _current_risk_column(table, mapped)
    _only_one_assessment(table, mapped)
    _rating_after_both_pairs(table, mapped)


def _rating_after_both_pairs(table: Table, mapped: set) -> None:
    """``Impact (before controls) | Likelihood (before controls) | ... | Impact (after controls) | Likelihood (after
    controls) | Overall rating``: the one rating, after both pairs and saying neither, is where the risk stands now (after
    mitigation). By the order of the kinds' sequences it was the inherent rating, and every risk's was warned as
    disagreeing with its score before controls."""
    cmap, report = table.cmap, table.report
    col = cmap.fields.get("inherent_rating")
    after = [cmap.fields[f] for f in ("residual_impact", "residual_likelihood") if f in cmap.fields]
    if col is None or "residual_rating" in cmap.fields or len(after) < 2 or col < max(after):
        return
    header = normalise_header(cmap.headers.get(col, ""))
    if header in mapped or _BEFORE_WORDS.search(header) or "inherent" in header:
        return
    _to_residual(table, ["inherent_rating"])
    report.add(table.cell(cmap.header_row, col), "residual_rating", cmap.headers[col],
               f"column {cmap.headers[col]!r}, after the impact and likelihood after mitigation, read as the rating after it; if "
               f"it is before, put {toml_string(cmap.headers[col])} = \"inherent_rating\" under "
               f"[sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml", "info")


def _current_risk_column(table: Table, mapped: set) -> None:
    """A column headed ``Current risk`` (not a band over impact and likelihood) holding scores (``L4 x I5 = 20``, 16) in
    a register with no score after mitigation: where each risk stands now, its residual score, said. It had been
    set aside as not used, and every figure after mitigation was empty."""
    cmap, report = table.cmap, table.report
    if _has_residual(cmap):
        return
    rows = table.sheet.rows[cmap.header_row + 1: cmap.header_row + 41]
    for c in sorted(cmap.unmapped):
        header = normalise_header(cmap.headers.get(c, ""))
        if header not in ("current risk", "current risk assessment", "current assessment", "current risk position") or header in mapped:
            continue
        values = [get(row, c) for row in rows if not blank(get(row, c))]
        if len(values) < 2 or sum(1 for v in values if not math.isnan(_number(v)[0])) < 0.8 * len(values):
            continue
        cmap.unmapped.remove(c)
        cmap.fields["residual_score"] = c
        table.unsay_unused([table.cell(cmap.header_row, c)])
        report.add(table.cell(cmap.header_row, c), "residual_score", cmap.headers[c],
                   f"column {cmap.headers[c]!r} read as each risk's score after mitigation (where it stands now); if it is "
                   f"not, put {toml_string(cmap.headers[c])} = \"ignore\" under [sheets.{toml_string(table.sheet.name)}.columns] "
                   "in perfkit.toml", "info")
        return


def _only_one_assessment(table: Table, mapped: set) -> None:
    """``Likelihood | Impact | Score | Risk level`` and nothing else: the register's one assessment is where each risk
    stands now (residual), said. Read by the order of the kinds' sequences as the inherent one, every figure after
    mitigation (which the summary and briefing lead with) was empty. Not where any header says before mitigation, a
    quarter's column holds a later assessment, or perfkit.toml maps the columns."""
    cmap, report = table.cmap, table.report
    held = [f for f in cmap.fields if f.startswith("inherent_") and f.rpartition("_")[2] in _LEVELS]
    # a quarter's column of an earlier assessment ("Previous score (Q1)") leaves the one beside it the current one
    later = any(f.startswith("residual_") for f in cmap.fields) or any(
        pc.field.startswith("residual_") and not _EARLIER_HEAD.search(pc.header) for pc in cmap.period_columns)
    if not held or later:
        return
    if any(normalise_header(cmap.headers.get(cmap.fields[f], "")) in mapped for f in held):
        return
    if any(_BEFORE_WORDS.search(normalise_header(cmap.headers.get(c, ""))) for c in cmap.headers):
        return
    moved = sorted(_to_residual(table, held))
    first = next(f for f, c in cmap.fields.items() if c == moved[0]).replace("residual_", "inherent_")
    report.add(table.cell(cmap.header_row, moved[0]), "", cmap.headers[moved[0]],
               f"{', '.join(repr(cmap.headers[c]) for c in moved)} read as each risk's current assessment (after mitigation): the "
               f"register gives one assessment and none before mitigation; if it is before mitigation, put "
               f"{toml_string(cmap.headers[moved[0]])} = \"{first}\" under [sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml",
               "info")


def _has_residual(cmap) -> bool:
    """Whether any column is read as the assessment after mitigation, for the sheet or for a quarter."""
    return any(f.startswith("residual_") for f in cmap.fields) or any(pc.field.startswith("residual_") for pc in cmap.period_columns)


def _to_residual(table: Table, fields: list[str]) -> list[int]:
    """Move inherent fields to their residual ones, in the order given, unsaying any note that read them as inherent;
    returns their columns."""
    cmap = table.cmap
    moved = []
    for f in fields:
        col = cmap.fields.pop(f)
        cmap.fields[f.replace("inherent_", "residual_")] = col
        moved.append(col)
    table.report.drop(lambda p: any(p.source == table.cell(cmap.header_row, c) and "read as inherent" in p.message for c in moved))
    return moved


def _one_current_assessment(table: Table, mapped: set) -> None:
    """One impact and likelihood beside a score or rating for where the risk stands now (``Likelihood | Impact | Current
    Risk Score``) and nothing before mitigation: the pair is the current (residual) assessment too, said. Read as the
    inherent pair by the order of the kinds' sequences, the register was given a 'before mitigation' it never had."""
    cmap, report = table.cmap, table.report
    pair = [f"inherent_{b}" for b in ("impact", "likelihood") if f"inherent_{b}" in cmap.fields]
    if not pair or any(f"residual_{b}" in cmap.fields for b in ("impact", "likelihood")):
        return
    if any(f in cmap.fields for f in ("inherent_score", "inherent_rating")):
        return
    now = [cmap.fields[f] for f in ("residual_score", "residual_rating") if f in cmap.fields] or sorted(
        (pc.col for pc in cmap.period_columns if pc.field in ("residual_score", "residual_rating")),
        key=lambda c: not _CURRENT.search(cmap.headers.get(c, "")))  # "Current score" beside "Previous score (Q1)"
    if not now or any(normalise_header(cmap.headers.get(cmap.fields[f], "")) in mapped for f in pair):
        return
    if any(_BEFORE_WORDS.search(normalise_header(cmap.headers.get(c, ""))) for c in cmap.headers):
        return
    moved = _to_residual(table, pair)
    report.add(table.cell(cmap.header_row, moved[0]), "", cmap.headers[moved[0]],
               f"{' and '.join(repr(cmap.headers[c]) for c in moved)} read as the current (residual) assessment, beside "
               f"{cmap.headers[now[0]]!r}: the register gives one assessment and none before mitigation; if they are before it, "
               f"put {toml_string(cmap.headers[moved[0]])} = \"{pair[0]}\" under [sheets.{toml_string(table.sheet.name)}.columns] in perfkit.toml",
               "info")


_CURRENT = re.compile(r"(?i)\b(?:current|latest|now)\b")
_EARLIER_HEAD = re.compile(r"(?i)\b(?:previous|prior|last\s+(?:quarter|review|period|assessment))\b")
_BEFORE_WORDS = re.compile(r"\b(inherent|gross|original|before|pre|untreated|raw|initial|uncontrolled)\b")


def _current_columns(table: Table, mapped: set) -> None:
    """``Current risk score`` (or ``Current impact``...) with ``Residual risk score`` to its right: the current one is before mitigation.

    ``current`` alone names the residual risk (where the risk stands now), so the survey reads
    the first as the residual score and leaves the second unread. Beside a column plainly
    after mitigation, the current column is the inherent one; both are read, and said.
    Where an inherent column is given as well, the three cannot be told apart: the current
    column stays the residual risk, with a warning naming the cells and the lines to type.
    """
    cmap, spec, report = table.cmap, table.spec, table.report
    r = cmap.header_row
    for base in _LEVELS:
        fld, before = f"residual_{base}", f"inherent_{base}"
        col = cmap.fields.get(fld)
        if col is None:
            continue
        low = normalise_header(cmap.headers.get(col, ""))
        if "current" not in low.split() or _PLAINLY_AFTER.search(low) or low in mapped:
            continue
        later = [c for c in cmap.unmapped if c > col and split_header(cmap.headers[c], spec) == (fld, None)
                 and _PLAINLY_AFTER.search(normalise_header(cmap.headers[c]))]
        if not later:
            continue
        after = later[0]
        where = table.cell(r, after)
        if before in cmap.fields:
            report.add(where, fld, cmap.headers[after],
                       f"{cmap.headers[col]!r} ({table.cell(r, col)}) and {cmap.headers[after]!r} ({where}) both name the risk after "
                       f"mitigation, beside {cmap.headers[cmap.fields[before]]!r}: read {cmap.headers[col]!r} as the residual risk. "
                       f"If {cmap.headers[after]!r} is the one to report, put \"{cmap.headers[after]}\" = \"{fld}\" and "
                       f"\"{cmap.headers[col]}\" = \"ignore\" under [sheets.\"{table.sheet.name}\".columns] in perfkit.toml", "warning")
            continue
        cmap.fields[before], cmap.fields[fld] = col, after
        cmap.unmapped.remove(after)
        table.unsay_unused([where])
        report.add(table.cell(r, col), before, cmap.headers[col],
                   f"{cmap.headers[col]!r} sits before {cmap.headers[after]!r} ({where}): read as the risk before mitigation "
                   f"({before}), {cmap.headers[after]!r} as after it ({fld})", "info")


def _repeated_pairs(table: Table, columns: dict, banded: set) -> None:
    """Impact, Likelihood (Score, Rating) headed alike twice with no band over them: which is before mitigation, said aloud."""
    cmap, spec, report = table.cmap, table.spec, table.report
    r = cmap.header_row
    explicit = {normalise_header(k): str(v).partition("@")[0].strip() for k, v in (columns or {}).items() if v}
    by_header: dict[str, list[int]] = {}
    for c in sorted(cmap.headers):
        by_header.setdefault(normalise_header(cmap.headers[c]), []).append(c)
    confirmed = []
    for key, cols in by_header.items():  # a mapped header that repeats: the repeat is the next in the sequence
        given = explicit.get(key)
        seq = next((q for q in spec.sequences.values() if given in q), ())
        if len(cols) < 2 or not seq or cmap.fields.get(given) != cols[0]:
            continue
        nxt = seq.index(given) + 1
        if nxt < len(seq) and seq[nxt] not in cmap.fields and cols[1] in cmap.unmapped:
            cmap.fields[seq[nxt]] = cols[1]
            cmap.unmapped.remove(cols[1])
            table.unsay_unused([table.cell(r, cols[1])])
            confirmed.append((cols[0], cols[1], given, seq[nxt]))
    for first, second, f1, f2 in confirmed:
        report.add(table.cell(r, second), f2, cmap.headers[second],
                   f"{cmap.headers[first]!r} in {col_letter(first)} is {f1} as mapped; the second {cmap.headers[second]!r} "
                   f"({col_letter(second)}) read as {f2}", "info")
    pairs = []
    for base in _LEVELS:
        cols = [c for c in sorted(cmap.headers) if c not in banded and split_header(cmap.headers[c], spec) == (base, None)]
        seq = spec.sequences[base]
        if len(cols) >= 2 and explicit.get(normalise_header(cmap.headers[cols[0]])) is None \
                and cmap.fields.get(seq[0]) == cols[0] and cmap.fields.get(seq[1]) == cols[1]:
            pairs.append((base, cols[0], cols[1]))
    if not pairs:
        return
    firsts, seconds = [p[1] for p in pairs], [p[2] for p in pairs]
    lo, hi = max(firsts), min(seconds)
    between = [c for c in sorted(cmap.headers) if lo < c < hi and split_header(cmap.headers[c], spec)[0] == "mitigation"]
    names = " and ".join(dict.fromkeys(cmap.headers[c] for c in firsts))
    before = ", ".join(table.cell(r, c) for c in firsts)
    after = ", ".join(table.cell(r, c) for c in seconds)
    if between:
        report.add(f"{table.sheet.name}!{col_letter(min(firsts))}{r + 1}:{col_letter(max(seconds))}{r + 1}", "", names,
                   f"{names} before {cmap.headers[between[0]]!r} ({table.cell(r, between[0])}) read as the risk before mitigation "
                   f"(inherent: {before}), and after it as the residual risk ({after})", "info")
        return
    sheet = table.sheet.name
    lines = " and ".join(f'"{cmap.headers[c]}" = "{spec.sequences[b][0]}"' for b, c, _ in pairs)
    report.add(f"{sheet}!{col_letter(min(firsts))}{r + 1}:{col_letter(max(seconds))}{r + 1}", "", names,
               f"{names} appear twice ({before}; {after}) with no mitigation column between them and no band over them "
               f"(such as 'Inherent risk' | 'Residual risk'): read the first as the risk before mitigation (inherent) and the "
               f"second as after it (residual). If that is right, put {lines} under [sheets.\"{sheet}\".columns] in "
               f"perfkit.toml (the second of each is then read as residual); if the first pair is the residual risk, map it "
               f"to residual_impact and residual_likelihood instead", "warning")


def _formula_cells(table: Table) -> set[tuple[int, int]]:
    """Cells holding a formula with no saved value (calamine reads them as empty)."""
    book = table.sheet.book
    return book.unsaved_formula_cells(table.sheet.name) if book is not None else set()


# band names: the register's words, or its colours (a RAG-rated register's "1-4 Green, 5-12 Amber, 15-25 Red")
_BAND_NAME = r"very high|very low|low|medium|high|extreme|critical|severe|significant|moderate|minor|major|tolerable|red|amber|green"
# "1-4 Isel / Low": the band's name in another language first, then in English
_KEY_BAND = re.compile(rf"(\d+(?:\.\d+)?)\s*(?:-|–|to)\s*(\d+(?:\.\d+)?)\s*[:=]?\s*\(?\s*(?:[^\W\d_][^\W\d_' ’]{{0,20}}(?:\s[^\W\d_]{{1,20}})?\s*/\s*)?({_BAND_NAME})\b", re.I)
_KEY_BAND_NAME_FIRST = re.compile(rf"\b({_BAND_NAME})\s*[:=(]?\s*(?:(?:score|scores|scored|rating)\s*:?\s*)?(\d+(?:\.\d+)?)\s*(?:-|–|to)\s*"
                                  rf"(\d+(?:\.\d+)?)", re.I)  # "Low (score 1-3)" too
_KEY_ABOVE = re.compile(r"\b(very high|high|extreme|critical|severe|red)\s*[:=(]?\s*(\d+(?:\.\d+)?)\s*(?:\+|and above|or more|or above)", re.I)
# "15+ = High", "20 or more: Very high": the figure first
_KEY_ABOVE_FIRST = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:\+|and above|or more|or above|or higher)\s*[:=]?\s*\(?\s*"
                              r"(very high|high|extreme|critical|severe|red)\b", re.I)  # "15+ Red": a RAG-rated register's top band


# "16 Very high" after "8-12 High": a band of one score, the top of a 4x4 register
_KEY_ONE_SCORE = re.compile(rf"(?<![\d.\-–])(?<!to )(\d+(?:\.\d+)?)\s*[:=]?\s*\(?\s*({_BAND_NAME})\b(?!\s*(?:-|–|to)\s*\d)", re.I)


_COLOUR_THEN_NAME = re.compile(r"(?i)(\d+\s*[-–]\s*\d+)\s+(?:red|amber|green|yellow|blue|orange)\s*\(\s*([a-z][a-z ]*?)\s*\)")
# "10-15 | Red | High", "16+ | Red | Very high": a key table's colour, then its band's name (the name is the band)
_COLOUR_THEN_BAND = re.compile(r"(?i)(\d+\s*[-–]\s*\d+|\d+\s*\+)\s+(?:red|amber|green|yellow|blue|orange)\s+"
                               r"(very\s+high|very\s+low|low|medium|high|extreme|critical|severe|significant|moderate|minor|major|tolerable)\b")
# "Low 1-3 (green)": the band is Low, its colour green in brackets (never a second band, Green, over the same scores)
_NAME_THEN_COLOUR = re.compile(r"(?i)\b((?:very\s+)?(?:high|low)|medium|extreme|critical|severe|significant|moderate|minor|major|"
                               r"tolerable)(\s*[:=]?\s*\d+(?:\.\d+)?\s*(?:-|–|to)\s*\d+(?:\.\d+)?)\s*\(\s*(?:red|amber|green|"
                               r"yellow|blue|orange)\s*\)")


def key_bands(texts: list[str]) -> list[tuple[str, float, float]]:
    """Rating bands read from a key's text (``1-4 Low``, ``Medium: 5-9``, ``Very high 15+``).

    Examples
    --------
    >>> key_bands(["Key: 1-4 Low, 5-9 Medium", "High 10-14; Very high 15-25"])
    [('Low', 1.0, 4.0), ('Medium', 5.0, 9.0), ('High', 10.0, 14.0), ('Very high', 15.0, 25.0)]
    >>> key_bands(["1-4 Isel / Low", "5-10 Canolig / Medium", "12-16 Uchel / High", "20-25 Uchel iawn / Very high"])[3]
    ('Very high', 20.0, 25.0)
    >>> key_bands(["Scores: Likelihood x Impact (1-5). 15+ = High, 8-12 = Medium, 1-6 = Low"])
    [('Low', 1.0, 6.0), ('Medium', 8.0, 12.0), ('High', 15.0, inf)]
    >>> key_bands(["Low 1-3 (green) · Medium 4-6 (amber) · High 8-16 (red)"])
    [('Low', 1.0, 3.0), ('Medium', 4.0, 6.0), ('High', 8.0, 16.0)]
    >>> key_bands(["Scoring: Impact x Likelihood, 1-5 each. 15+ Red, 8-14 Amber, 1-7 Green"])
    [('Green', 1.0, 7.0), ('Amber', 8.0, 14.0), ('Red', 15.0, inf)]
    >>> key_bands(["1-4 Green Low", "5-9 Amber Medium", "10-15 Red High", "16+ Red Very high"])[-2:]
    [('High', 10.0, 15.0), ('Very high', 16.0, inf)]
    >>> key_bands(["Scoring: Likelihood x Impact on a 4x4 matrix. 1-3 Low, 4-6 Medium, 8-12 High, 16 Very high"])[-1]
    ('Very high', 16.0, 16.0)
    """
    found: dict[str, tuple[float, float]] = {}
    for t in texts:
        t = _COLOUR_THEN_NAME.sub(r"\1 \2", t)  # "15-25 Red (high)": the band is High, its colour red
        t = _COLOUR_THEN_BAND.sub(r"\1 \2", t)  # "16+ Red Very high": the band is Very high
        t = _NAME_THEN_COLOUR.sub(r"\1\2", t)  # "Low 1-3 (green)": the band is Low
        for m in _KEY_BAND.finditer(t):
            found.setdefault(m[3].capitalize(), (float(m[1]), float(m[2])))
        for m in _KEY_BAND_NAME_FIRST.finditer(t):
            found.setdefault(m[1].capitalize(), (float(m[2]), float(m[3])))
        for m in _KEY_ABOVE.finditer(t):
            found.setdefault(m[1].capitalize(), (float(m[2]), math.inf))
        for m in _KEY_ABOVE_FIRST.finditer(t):
            found.setdefault(m[2].capitalize(), (float(m[1]), math.inf))
        ranges = [(float(m[1]), float(m[2])) for m in _KEY_BAND.finditer(t)]
        if len(ranges) >= 2:
            # "1-3 Low, 4-6 Medium, 8-12 High, 16 Very high": a 4x4 register's top band, one score alone, after the
            # line's ranges (never an impact scale's "4 Severe" on a line of no ranges)
            top = max(hi for _, hi in ranges)
            for m in _KEY_ONE_SCORE.finditer(t):
                if float(m[1]) > top:
                    found.setdefault(m[2].capitalize(), (float(m[1]), float(m[1])))
    bands = sorted(((n, lo, hi) for n, (lo, hi) in found.items()), key=lambda b: b[1])
    return bands if len(bands) >= 2 else []


# sheets that may state the register's key, bands or appetite: an 'Introduction' or 'Read me' holds the appetite statement
_KEY_SHEET = re.compile(r"(?i)key|matrix|scor|legend|guid|rating|lookup|cover|notes|definitions|intro|read\s?me|about|front|"
                        r"contents|appetite|framework|policy|method")


class _KeyChoices(list):
    """A key sheet's band lines for registers of different sizes, one list of bands each."""


def _key_for_size(table: Table, choices: "_KeyChoices", size: int, where: str) -> list:
    """The band line of a key sheet that fits a register of ``size`` (its top band ends at size x size), said; none
    where no one line fits, with a warning naming the key."""
    fit = [b for b in choices if max(hi for _, _, hi in b if hi != math.inf) == size * size]
    if len(fit) == 1:
        table.report.add(where, "", "", f"the key at {where} gives bands for registers of {len(choices)} sizes: the "
                         f"{size}x{size} one's are used", "info")
        return fit[0]
    table.report.add(where, "", "", f"the key at {where} gives bands for registers of {len(choices)} sizes, and none (or more "
                     f"than one) for a {size}x{size} register: perfkit's default bands are used; give this register's in perfkit.toml, "
                     "e.g. [risks] bands = \"1-2 Low, 3-4 Medium, 6-9 High\"", "warning")
    return []


def _key_sheet_bands(table: Table) -> tuple[list, str] | None:
    """Rating bands from another sheet of the workbook named as a key (``Risk Matrix Key``, ``Scoring guidance``): the
    first whose rows give two bands or more, with where they are; None where no such sheet gives any."""
    for name, rows in other_sheets(table, _KEY_SHEET, 60):
        texts = [" ".join(text(v) for v in row if not blank(v)) for row in rows]
        found = key_bands([t for t in texts if t])
        lines = [(r, b) for r, t in enumerate(texts) if t and len(b := key_bands([t])) >= 2]
        if len({max(hi for _, _, hi in b if hi != math.inf) for _, b in lines}) > 1:
            # "Bands: 1-2 Low, 3-4 Medium, 6-9 High" for the H/M/L register and "1-4 Low, ... 15-25 Very high" for the 5x5
            # ones: each register takes the line of its own size (_key_for_size), never the lines run together
            return _KeyChoices(b for _, b in lines), cell_name(name, lines[0][0], 0) + f":A{lines[-1][0] + 1}"
        if found:
            used = [r for r, t in enumerate(texts) if _KEY_BAND.search(t) or _KEY_BAND_NAME_FIRST.search(t) or _KEY_ABOVE.search(t)]
            return found, cell_name(name, min(used), 0) + (f":A{max(used) + 1}" if len(used) > 1 else "")
    return None


def _find_key(table: Table, warn: bool = True) -> tuple[list, str, list[int]]:
    """A rating key under (or beside) the table: its bands, where it is, and its rows (emptied for the read)."""
    cmap, rows = table.cmap, table.sheet.rows
    score_cols = {c for f, c in cmap.fields.items() if f in RISK_FIELDS or f == "target_score"} | {pc.col for pc in cmap.period_columns if pc.field != "commentary"}
    last_data = cmap.header_row
    for r in range(len(rows) - 1, cmap.header_row, -1):
        joined = " ".join(text(v) for v in rows[r] if not blank(v))
        if re.match(r"(?i)\s*(?:risk\s+)?(?:scoring\s+|rating\s+|score\s+)?key\b", joined) and _KEY_BAND.search(joined):
            continue  # "Risk scoring key: | 1-4 Low | 5-9 Medium | ...": the key laid across the score columns, never a risk
        vals = [get(rows[r], c) for c in score_cols]
        if any(isinstance(v, (int, float)) and not isinstance(v, bool) or isinstance(v, str) and _LEADING_NUMBER.match(v) for v in vals):
            last_data = r
            break
    key_rows, texts = [], []
    for r in range(last_data + 1, len(rows)):
        t = " ".join(text(v) for v in rows[r] if not blank(v))
        if t and (_KEY_BAND.search(t) or _KEY_BAND_NAME_FIRST.search(t) or _KEY_ABOVE.search(t) or _KEY_ABOVE_FIRST.search(t)):
            key_rows.append(r)
            texts.append(t)
    # "15-25 Red (high), 8-12 Amber (medium)": the band's name in brackets after its colour
    texts = [_COLOUR_THEN_NAME.sub(r"\1 \2", t)
             for t in texts]
    if not texts:
        texts = [_COLOUR_THEN_NAME.sub(r"\1 \2", t)
                 for r in range(last_data + 1, len(rows)) for t in [" ".join(text(v) for v in rows[r] if not blank(v))]
                 if re.search(r"(?i)\d+\s*[-–]\s*\d+\s+(?:red|amber|green|yellow|blue|orange)\s*\(", t)]
        key_rows = [r for r in range(last_data + 1, len(rows))
                    if re.search(r"(?i)\d+\s*[-–]\s*\d+\s+(?:red|amber|green|yellow|blue|orange)\s*\(", " ".join(text(v) for v in rows[r] if not blank(v)))]
    bands = key_bands(texts)
    if not bands:  # "Scores are Likelihood x Impact on a 5 x 5 matrix. 1-6 Low, 8-12 Medium, 15-25 High" in a title row
        for r in range(cmap.header_row):
            t = " ".join(text(v) for v in rows[r] if not blank(v))
            if t and (above := key_bands([t])):
                return above, table.column_range(0, [r]), []
        beside = _key_sheet_bands(table)
        if beside is not None:  # a "Risk Matrix Key" sheet: Score | Rating, 15-25 | High...
            return beside[0], beside[1], []
    if not bands:
        ranged = [r for r in range(last_data + 1, len(rows))
                  if len(found := re.findall(_KEY_RANGE, " ".join(text(v) for v in rows[r] if not blank(v)))) >= 2
                  and not all(lo == "1" and int(hi) <= 5 for lo, hi in found)]  # "Likelihood (1-5) x Impact (1-5)": the levels' scales
        if ranged and warn:  # a key perfkit cannot read: never the default bands unsaid
            said = " ".join(text(v) for v in rows[ranged[0]] if not blank(v))
            table.report.add(table.column_range(0, ranged), "", said[:80], f"the rows under the table look like a scoring key "
                             f"({said[:60]!r}) that perfkit cannot read: its risks are rated on the default bands instead; write "
                             "the key as '1-4 Low, 5-9 Medium, 10-14 High, 15-25 Very high', or give the register's bands in "
                             "perfkit.toml, e.g. [risks] bands = \"1-4 Low, 5-9 Medium, 10-14 High, 15-25 Very high\"", "warning")
        return [], "", []
    where = table.column_range(0, key_rows)
    return bands, where, key_rows


# "1-4", "5 – 9" in a key's text; never part of a date ("2024-03-04" in a row of the register under the table)
_KEY_RANGE = re.compile(r"(?<![\d\-/])\b(\d{1,2})\s*[-–]\s*(\d{1,2})\b(?![\-/]\d)")

# "Impact: 1 Minor ...", and "Impact 1 Minimal, 2 Minor ..." with the first level straight after the axis
_KEY_AXIS = re.compile(r"\b(impact|consequence|severity|likelihood|probability)\s*(?:scale|key)?(?:\s*[:\-–=(]\s*|\s+(?=1\b))", re.I)
_KEY_WORD_NUMBER = re.compile(r"([a-z][a-z ]*?)\s*[=:(\-–]?\s*(\d)\b\)?", re.I)
_KEY_NUMBER_WORD = re.compile(r"\b(\d)\s*[=:\-–]\s*([a-z][a-z ]*[a-z])", re.I)
_KEY_NUMBER_SPACE_WORD = re.compile(r"\b(\d)\s+([a-z][a-z ]*[a-z])", re.I)  # "1 Negligible, 2 Minor"
_AXIS = {"impact": "impact", "consequence": "impact", "severity": "impact", "likelihood": "likelihood", "probability": "likelihood"}


def key_levels(texts: list[str], written: dict | None = None) -> dict[str, dict[str, int]]:
    """The words a key under the table gives each level of impact and likelihood.

    ``Impact: Minor 1, Moderate 2, Significant 3, Major 4, Catastrophic 5. Likelihood: Rare 1 ...``
    (or ``1 = Minor``) gives ``{"impact": {"minor": 1, "moderate": 2, ...}, "likelihood": {...}}``.
    A list is kept only where it names at least three levels, each once. ``written``, where given, gets each
    axis's words as the key writes them, by level (``{"impact": {1: "Minor", ...}}``).
    """
    out: dict[str, dict[str, int]] = {}
    for t in texts:
        marks = list(_KEY_AXIS.finditer(t))
        for i, m in enumerate(marks):
            part = t[m.end(): marks[i + 1].start() if i + 1 < len(marks) else len(t)]
            pairs = [(w, int(n)) for n, w in _KEY_NUMBER_WORD.findall(part)] or \
                    [(w, int(n)) for n, w in _KEY_NUMBER_SPACE_WORD.findall(part)] or \
                    [(w, int(n)) for w, n in _KEY_WORD_NUMBER.findall(part)]
            found = {_word(w): n for w, n in pairs if _word(w)}
            if len(found) >= 3 and len(set(found.values())) == len(found):
                out.setdefault(_AXIS[m[1].lower()], {}).update(found)
                if written is not None:
                    written.setdefault(_AXIS[m[1].lower()], {}).update({n: " ".join(w.split()) for w, n in pairs if _word(w)})
    return out


def _level_key(table: Table, after: int, written: dict | None = None) -> tuple[dict[str, dict[str, int]], str]:
    """An impact and likelihood key in the rows below ``after``, else on a key or cover sheet (see :func:`key_levels`),
    and where it is."""
    rows = table.sheet.rows
    found, where = {}, []
    for r in range(after + 1, len(rows)):
        t = " ".join(text(v) for v in rows[r] if not blank(v))
        if t and _KEY_AXIS.search(t):
            levels = key_levels([t], written)
            if levels:
                found.update(levels)
                where.append(r)
    if where:
        return found, table.column_range(0, where)
    for name, other in other_sheets(table, _KEY_SHEET, 60):  # "Impact: 1 Negligible ... 5 Critical" on the cover
        grid = _grid_labels(other, written) or _column_labels(other, written) or _stacked_labels(other, written)
        if grid:
            return grid, f"{name}!A1"
        used = []
        for r, row in enumerate(other):
            t = " ".join(text(v) for v in row if not blank(v))
            if t and _KEY_AXIS.search(t) and (levels := key_levels([t], written)):
                found.update(levels)
                used.append(r)
        if used:
            return found, cell_name(name, min(used), 0) + (f":A{max(used) + 1}" if len(used) > 1 else "")
    return found, ""


_NUMBERED_LABEL = re.compile(r"^\s*(\d)\s*[-–=:.]?\s*([A-Za-z][A-Za-z ]*[A-Za-z])\s*$")
_LABEL_NUMBERED = re.compile(r"^\s*([A-Za-z][A-Za-z ]*[A-Za-z])\s*[(\[]\s*(\d)\s*[)\]]\s*$")  # "Almost certain (4)"


def _grid_labels(rows: list, written: dict | None) -> dict[str, dict[str, int]]:
    """A scoring matrix drawn on a key sheet with its axes labelled in the cells (``4 Very likely`` down the side, ``1 Minor``
    to ``4 Critical`` along the foot, ``Impact`` and ``Likelihood`` beside them): each axis's words by level, as
    :func:`key_levels` gives them; nothing unless both axes say which they are."""
    def labels(cells):
        found = {}
        for v in cells:
            m = _NUMBERED_LABEL.match(v) if isinstance(v, str) else None
            if m:
                found[int(m[1])] = " ".join(m[2].split())
            elif isinstance(v, str) and (m := _LABEL_NUMBERED.match(v)):  # "Minor (1)", the level after its word
                found[int(m[2])] = " ".join(m[1].split())
        return found if len(found) >= 3 and sorted(found) == list(range(1, len(found) + 1)) else {}

    def axis_near(r: int) -> str | None:
        for n in (r + 1, r - 1, r + 2, r - 2):
            if 0 <= n < len(rows):
                for v in rows[n]:
                    m = re.fullmatch(r"(?i)\s*(impact|consequence|severity|likelihood|probability)\s*", v) if isinstance(v, str) else None
                    if m:
                        return _AXIS[m[1].lower()]
        return None

    along = next(((r, found) for r, row in enumerate(rows) if (found := labels(row))), None)
    # down the side: the first of the left-hand columns that labels its levels ("LIKELIHOOD" may stand in the one before)
    down_col, down = next(((c, found) for c in range(6) if (found := labels([row[c] if len(row) > c else "" for row in rows]))), (None, {}))
    if along is None or not down or len(along[1]) != len(down):
        return {}
    axis = axis_near(along[0])
    corner = rows[along[0]][down_col] if down_col is not None and down_col < len(rows[along[0]]) else None
    named = re.fullmatch(r"(?i)\s*(impact|consequence|severity|likelihood|probability)\s*", corner) if isinstance(corner, str) else None
    if axis is None and named is not None:  # "Likelihood | Minor (1) | ... | Major (4)": the corner names the side's axis
        axis = "likelihood" if _AXIS[named[1].lower()] == "impact" else "impact"
    if axis is None:
        return {}
    other = "likelihood" if axis == "impact" else "impact"
    out = {}
    for ax, found in ((axis, along[1]), (other, down)):
        out[ax] = {_word(w): n for n, w in found.items()}
        if written is not None:
            written.setdefault(ax, {}).update(found)
    return out


def _column_labels(rows: list, written: dict | None) -> dict[str, dict[str, int]]:
    """A key sheet's levels in columns under their axis (``Likelihood | Impact`` over ``1 Rare | 1 Negligible`` ...
    ``5 Almost certain | 5 Critical``): each axis's words by level, as :func:`key_levels` gives them; nothing unless
    both axes are headed so, each over three levels or more numbered from 1."""
    for r, row in enumerate(rows):
        heads = {c: _AXIS[m[1].lower()] for c, v in enumerate(row)
                 if isinstance(v, str) and (m := re.fullmatch(r"(?i)\s*(impact|consequence|severity|likelihood|probability)\s*", v))}
        if sorted(heads.values()) != ["impact", "likelihood"]:
            continue
        out = {}
        # "Score | Likelihood | Impact" over "1 | Rare | Negligible": the levels in a column of their own beside the words
        level_col = next((lc for lc in range(len(row)) if lc not in heads and all(
            isinstance(below[lc] if lc < len(below) else None, (int, float)) and not isinstance(below[lc], bool)
            and below[lc] == n for n, below in enumerate(rows[r + 1:r + 4], start=1))), None)
        for c, axis in heads.items():
            found = {}
            for below in rows[r + 1:r + 12]:
                v, beside = (below[c] if c < len(below) else ""), (below[c + 1] if c + 1 < len(below) else "")
                level = below[level_col] if level_col is not None and level_col < len(below) else None
                if isinstance(level, (int, float)) and not isinstance(level, bool) and float(level).is_integer() \
                        and isinstance(v, str) and re.fullmatch(r"[A-Za-z][A-Za-z ]*[A-Za-z]", v.strip()):
                    found[int(level)] = " ".join(v.split())  # the word under its axis, its level in the column beside
                    continue
                if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and isinstance(beside, str) \
                        and re.fullmatch(r"[A-Za-z][A-Za-z ]*[A-Za-z]", beside.strip()):
                    found[int(v)] = " ".join(beside.split())  # "1 | Minimal": the level, then its word in the next column
                    continue
                m = _NUMBERED_LABEL.match(v) if isinstance(v, str) else None
                if m is None:
                    break
                found[int(m[1])] = " ".join(m[2].split())
            if len(found) < 3 or sorted(found) != list(range(1, len(found) + 1)):
                return {}
            out[axis] = found
        for ax, found in out.items():
            if written is not None:
                written.setdefault(ax, {}).update(found)
        return {ax: {_word(w): n for n, w in found.items()} for ax, found in out.items()}
    return {}


def _stacked_labels(rows: list, written: dict | None) -> dict[str, dict[str, int]]:
    """A key sheet's levels one block under another, each under its axis on a row of its own (``Likelihood``, then ``1 |
    Rare`` ... ``5 | Almost certain``; ``Impact``, then ``1 | Negligible`` ... ``5 | Critical``): each axis's words by
    level, as :func:`key_levels` gives them; nothing unless both axes are there, each with three levels or more from 1."""
    out: dict[str, dict[int, str]] = {}
    for r, row in enumerate(rows):
        filled = [(c, v) for c, v in enumerate(row) if not blank(v)]
        if not filled or not isinstance(filled[0][1], str):
            continue
        m = re.fullmatch(r"(?i)\s*(impact|consequence|severity|likelihood|probability)(?:\s+(?:scale|key|levels?))?\s*:?\s*", filled[0][1])
        if m is None or _AXIS[m[1].lower()] in out:
            continue
        c = filled[0][0]
        found: dict[int, str] = {}
        for below in rows[r + 1:r + 12]:
            v, beside = (below[c] if c < len(below) else ""), (below[c + 1] if c + 1 < len(below) else "")
            if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and isinstance(beside, str) \
                    and re.fullmatch(r"[A-Za-z][A-Za-z ]*[A-Za-z]", beside.strip()):
                found[int(v)] = " ".join(beside.split())
                continue
            lab = _NUMBERED_LABEL.match(v) if isinstance(v, str) else None
            if lab is None:
                break
            found[int(lab[1])] = " ".join(lab[2].split())
        if len(found) >= 3 and sorted(found) == list(range(1, len(found) + 1)):
            out[_AXIS[m[1].lower()]] = found
    if sorted(out) != ["impact", "likelihood"] or len(out["impact"]) != len(out["likelihood"]):
        return {}
    for ax, found in out.items():
        if written is not None:
            written.setdefault(ax, {}).update(found)
    return {ax: {_word(w): n for n, w in found.items()} for ax, found in out.items()}


def _level(value, size: int, words: dict) -> tuple[float, str]:
    """An impact or likelihood cell as a level on the scale: (level or NaN, problem or '')."""
    if blank(value):
        return math.nan, ""
    if isinstance(value, bool):
        return math.nan, "bad"
    if isinstance(value, (int, float)):
        v = float(value)
    else:
        t = text(value)
        m = _LEADING_NUMBER.match(t)
        if m:
            v = float(m[1])
        else:
            w = _word(t)
            if w in words:
                # a five-point word on a smaller matrix ('Critical' on a 4x4) is no level of it: said, never a score of 25
                return (float(words[w]), "") if words[w] <= size else (float(words[w]), "range")
            return math.nan, "bad"
    if not (1 <= v <= size):
        return v, "range"
    return v, ""


def _number(value) -> tuple[float, str]:
    if blank(value):
        return math.nan, ""
    if isinstance(value, bool):
        return math.nan, "bad"
    if isinstance(value, (int, float)):
        return float(value), ""
    typed = text(value)
    m = _TIMES.match(typed)
    if m:  # "L4 x I5 = 20", "4 x 5 (20)", "L3xI4": the score its likelihood and impact make, as written after them
        product = float(m["a"]) * float(m["b"])
        if m["score"] is None:
            return product, ""
        return (float(m["score"]), "") if float(m["score"]) == product else (math.nan, "word")
    m = _LEADING_NUMBER.match(typed)
    if m:
        return float(m[1]), ""
    m = _BAND_THEN_SCORE.match(typed)
    if m:  # "Very high (20)": the band and its score, the score read (its band is the matrix's for it)
        return float(m[1]), ""
    return math.nan, "word"


_BAND_THEN_SCORE = re.compile(rf"(?i)^\s*(?:{_BAND_NAME})\s*\(\s*(\d+(?:\.\d+)?)\s*\)\s*$")
# the band typed beside a score: '16 (Very high)', '12 - High', 'High (12)'
_TYPED_BAND = re.compile(rf"(?i)\b({_BAND_NAME})\b")


# What a score cell says where a risk had no score: new that quarter, not assessed
_NOT_SCORED = {"new", "new risk", "not assessed", "not yet assessed", "n/a", "na", "not applicable", "-", "–", "tbc"}

# A score written as its likelihood times its impact: "L4 x I5 = 20", "I5 x L4", "4x5=20", "L4 x I5 (20)".
_TIMES = re.compile(r"(?i)^\s*[lip]?\s*(?P<a>[1-6])\s*[x×*]\s*[lip]?\s*(?P<b>[1-6])\s*(?:(?:=|\()\s*(?P<score>\d{1,2})\s*\)?)?\s*$")


# The same with its letters kept: which number is the likelihood and which the impact ("I5 x L4" as "L4 x I5").
_TIMES_LETTERED = re.compile(r"(?i)^\s*(?P<la>[lip])?\s*(?P<a>[1-9])\s*[x×*]\s*(?P<lb>[lip])?\s*(?P<b>[1-9])"
                             r"\s*(?:(?:=|\()\s*(?P<score>\d{1,2})\s*\)?)?\s*$")
# "16 (4x4)": the score, then its product in brackets
_SCORE_THEN_TIMES = re.compile(r"(?i)^\s*(?P<score>\d{1,2})\s*\(\s*(?P<la>[lip])?\s*(?P<a>[1-9])\s*[x×*]\s*(?P<lb>[lip])?\s*(?P<b>[1-9])\s*\)\s*$")
_LIKELIHOOD_FIRST = re.compile(r"(?i)\b(?:l|likelihood|p|probability)\s*[x×*]\s*(?:i|impact)\b")
_IMPACT_FIRST = re.compile(r"(?i)\b(?:i|impact)\s*[x×*]\s*(?:l|likelihood|p|probability)\b")


def split_products(values: list, header: str) -> tuple[list, list] | None:
    """The likelihood and the impact of each cell of a column that writes them as a product (``L4 x I5``, ``I5 x L4``,
    or ``4 x 5`` under a header that says ``(L x I)``): two lists, "" for a blank cell; None unless every filled cell is
    so written and says which number is which.

    >>> split_products(["L4 x I5", "", "I3 x L2 = 6", "16 (4x4)"], "Inherent risk (L x I)")
    ([4.0, '', 2.0, 4.0], [5.0, '', 3.0, 4.0])
    >>> split_products(["4 x 5"], "Residual (L x I)"), split_products(["4 x 5"], "Residual")
    (([4.0], [5.0]), None)
    """
    filled = False
    for v in values:  # a column of numbers is passed over at its first number
        if v.__class__ is str:
            filled = filled or not v.isspace() and v != ""
        elif not blank(v):
            return None
    if not filled:
        return None
    order = "l" if _LIKELIHOOD_FIRST.search(header or "") else "i" if _IMPACT_FIRST.search(header or "") else None
    likelihood: list = []
    impact: list = []
    for v in values:
        if blank(v) or _word(v) in _NOT_SCORED or _word(v) in ("closed", "closed risk"):  # "New": not assessed that quarter
            likelihood.append("")
            impact.append("")
            continue
        m = _TIMES_LETTERED.match(v) or _SCORE_THEN_TIMES.match(v)
        if m is None:
            return None
        first, second = (m["la"] or "").lower().replace("p", "l"), (m["lb"] or "").lower().replace("p", "l")
        if first and second and {first, second} != {"l", "i"}:
            return None
        lead = first or ("i" if second == "l" else "l" if second == "i" else order)
        if lead is None:
            return None
        a, b = float(m["a"]), float(m["b"])
        likelihood.append(a if lead == "l" else b)
        impact.append(b if lead == "l" else a)
    return likelihood, impact


def _all_tidy(values: list) -> bool:
    """Whether every value is text with no double space, line break, tab or no-break space, and no space at either end:
    asked of the column joined once, where a value's own search would be asked of each (a column of 20,000 titles).

    A value's double space or break is the joined text's; a space at a value's start or end is at the joined text's, or
    beside a separator (``\\x00``). So where the joined text has none, no value has; where it has one, the values are
    looked at one by one.

    Examples
    --------
    >>> _all_tidy(["Fire", "Flood risk"]), _all_tidy(["Fire", " Flood"]), _all_tidy(["Fire ", "Flood"]), _all_tidy(["Fire", 3])
    (True, False, False, False)
    """
    if not set(map(type, values)) <= {str}:
        return False
    joined = "\x00".join(values)
    return not ("  " in joined or "\n" in joined or "\t" in joined or "\xa0" in joined or " \x00" in joined or "\x00 " in joined
                or joined[:1] == " " or joined[-1:] == " ")


def _numeric(values: list) -> np.ndarray | None:
    """A column of plain numbers (blank cells as NaN) as an array, or None when it holds anything else."""
    kinds = set(map(type, values))
    if not kinds <= {int, float, str}:
        return None
    if str in kinds:
        if any(v for v in values if v.__class__ is str):
            return None
        values = [math.nan if v == "" else v for v in values]
    return np.array(values, dtype=float)


def _distinct(values) -> set:
    try:
        return set(values)
    except TypeError:
        return {v for v in values if v.__hash__ is not None}


def _cached(fn, values: list, *args) -> list:
    """``fn(value, *args)`` for each value, worked out once per distinct value."""
    cache: dict = {}
    out = []
    for v in values:
        try:
            out.append(cache[v])
        except KeyError:
            res = cache[v] = fn(v, *args)
            out.append(res)
        except TypeError:
            out.append(fn(v, *args))
    return out


def _scale_size(values: set, given: RiskMatrix | None) -> tuple[int, dict, str]:
    """How many points the impact and likelihood scales have (from the distinct values of their cells), the words they use, and why."""
    words = {_word(v) for v in values if isinstance(v, str) and not blank(v) and not _LEADING_NUMBER.match(v)}
    numbers = [float(v) if isinstance(v, (int, float)) else float(_LEADING_NUMBER.match(text(v))[1])
               for v in values if not blank(v) and not isinstance(v, bool) and (isinstance(v, (int, float)) or _LEADING_NUMBER.match(text(v)))]
    if given is not None:
        size = given.size
        return size, (_THREE if size == 3 else _FIVE), "as given"
    if words & _FIVE_ONLY or (words and numbers and max(numbers) > 3):
        return 5, _FIVE, "five-point words" if words & _FIVE_ONLY else "words and numbers up to 5"
    if words:
        return 3, _THREE, "High/Medium/Low words"
    if numbers and max(numbers) > 5 and float(max(numbers)).is_integer() and max(numbers) <= 10:
        return int(max(numbers)), _FIVE, f"numbers up to {int(max(numbers))}"
    top = max(numbers) if numbers else 5
    return 5, _FIVE, "numbers" + (f" (none above {top:g}: if the register scores 1 to {top:g}, read it with matrix=RiskMatrix.default({top:g}))" if top < 5 else "")


# ---------------------------------------------------------------------------------------------- the builder


def _build_risks(table: Table, opts, id_offset: int = 0, matrix: RiskMatrix | None = None) -> pd.DataFrame:
    """Turn a located risk register into the tidy risks frame (see the module's docstring)."""
    matrix = matrix or opts.extra.get("matrix")
    given_matrix = matrix is not None
    said_bands = opts.config.risk_bands
    if matrix is None and said_bands:  # [risks] bands in perfkit.toml: the officer's word over any key in the workbook
        bands = key_bands([said_bands])
        if not bands:
            raise ConfigError(f"{opts.config.where}: [risks] bands = {said_bands!r} gives no bands perfkit can read",
                              hint='Write each band as its scores and name, e.g. bands = "1-6 Low, 8-12 Medium, 15-25 High".')
        top = max(hi for _, _, hi in bands if hi != math.inf)
        size = math.isqrt(int(top)) if math.isqrt(int(top)) ** 2 == int(top) else 5
        matrix = RiskMatrix(size, tuple((nm, lo, hi if hi != math.inf else size * size) for nm, lo, hi in bands),
                            source=f"{opts.config.where} ([risks] bands)")
    _period_bands(table)
    before_and_after(table, opts.columns_for("risks", table.sheet.name))
    key, key_where, key_rows = _find_key(table, warn=matrix is None)
    if key_rows:
        rows = list(table.sheet.rows)  # rows are replaced, never changed in place
        for r in key_rows:
            rows[r] = [""] * len(rows[r])
        table.sheet = Sheet(table.sheet.name, rows, table.sheet.merged, table.sheet.errors, table.sheet.book)
    _join_continuations(table)
    cmap, rows, report = table.cmap, table.sheet.rows, table.report
    data = data_rows(table)
    closed = _closed_rows(table, data)
    _struck_risks(table, data, closed)
    row_idx = [r for r, _ in data]
    n = len(row_idx)
    spans = period_spans(table)

    # Which columns hold what, per period.
    per_period: dict = {}
    for pc in cmap.period_columns:
        if pc.col in spans:
            per_period.setdefault(spans[pc.col].end, {})[pc.field] = pc.col
    _ratings_that_are_scores(table, per_period, row_idx)
    long_period = cmap.fields.get("period")
    static = dict(cmap.fields)
    if per_period:
        periods = sorted(per_period)
        filled = [p for p in periods if any(not blank(get(rows[r], c)) for c in per_period[p].values() for r in row_idx)]
        for p in periods:
            if p not in filled:
                report.add(table.column_range(min(per_period[p].values()), [cmap.header_row]), "", "", f"columns for {period_label(p)} are empty: not assessed yet", "info")
        periods = filled or periods[-1:]
        layout = "wide"
        if any(f.startswith("residual_") for f in static):
            # "Previous residual score (Q1)" beside this quarter's own unlabelled columns: those are the sheet's quarter
            own = None
            for asked in (None, opts.period):  # the quarter the sheet names, never relabelled by --period; else --period's
                try:
                    own = single_period(table, asked).end
                    break
                except (LayoutError, PeriodError):
                    continue
            if own is not None and own > periods[-1]:
                periods = [*periods, own]
    elif long_period is not None:
        layout, periods = "long", [None]
    else:
        layout = "single"
        try:
            periods = [single_period(table, opts.period).end]
        except LayoutError:
            periods = [None]
            report.add(table.sheet.name, "period", "", "the register names no quarter (title, sheet name or file name): period left empty; "
                       "give one with --period or period = \"2024/25 Q2\" for the sheet in perfkit.toml", "info")

    # A current column (``Residual rating`` beside ``Residual Q1 | Residual Q2``) is the latest quarter's value only:
    # an earlier quarter never takes it, and where the latest quarter has a column of its own, that column is used.
    current = periods[-1] if layout == "wide" else None

    def col_for(fld, p):
        own = per_period.get(p, {}).get(fld)
        if own is not None:
            return own
        if layout == "wide" and p != current and fld.startswith("residual_"):
            return None
        return static.get(fld)

    # The scale: given, else a key under the table, else inferred from the values; said aloud.
    level_cols = sorted({c for f in ("inherent_impact", "inherent_likelihood", "residual_impact", "residual_likelihood", "target_impact", "target_likelihood")
                         for c in [static.get(f), *[per_period[p].get(f) for p in per_period]] if c is not None})
    data_list = [rows[r] for r in row_idx]
    width = min((len(row) for row in data_list), default=0)
    columns: dict = {}

    def column(c) -> list:
        if c is None:
            return [""] * n
        if c not in columns:
            columns[c] = list(map(itemgetter(c), data_list)) if c < width else [row[c] if c < len(row) else "" for row in data_list]
        return columns[c]

    derived = _products_as_levels(table, static, column, per_period)  # "L4 x I5" in a score column: its levels too
    seen = set().union(*(_distinct(column(c)) for c in level_cols), *(set(v) - {""} for _, v in derived.values()))
    rated: set | None = None  # the words of the score and rating columns, read once where needed
    if not level_cols:  # ratings only ("Residual Q1 | Residual Q2" holding High, Medium, Low): their words set the scale
        rated = set().union(*(_distinct(column(c)) for c in _rating_columns(static, per_period)))
        if rated and all(isinstance(v, str) and _word(v) in _THREE or blank(v) for v in rated):
            seen = rated
    size, words, why = _scale_size(seen, matrix)
    if matrix is None and not key and size == 5 and _four_by_four(static, per_period, column):
        # "Almost certain x Major = 12": four of the five-point words each side, and every score given their product on
        # a 4x4 (read on 5x5, 18 scores and ratings were warned of as disagreeing): the register's own 4x4, said below
        size, words, why = 4, _FIVE, "four of the five-point words each side, every score given their product on a 4x4"
        report.add(table.sheet.name, "", "", "impact and likelihood use four words each, and every score given is their "
                   "product on a 4x4 matrix: read as a 4x4 register", "info")
    if matrix is None and isinstance(key, _KeyChoices):
        key = _key_for_size(table, key, size, key_where)
    if matrix is None and key:
        top = max(hi for _, _, hi in key if hi != math.inf)
        key_size = math.isqrt(int(top)) if math.isqrt(int(top)) ** 2 == int(top) else size
        if key_size != size and size == 3 and seen and all(isinstance(v, str) and _word(v) in _THREE for v in seen):
            # a Council Plan table's H / M / L beside a register whose key is 5x5: the key is the other register's, this
            # one keeps its own three levels (summed into the 5x5, its risks were new and above the other's appetite)
            report.add(table.sheet.name, "", "", f"the workbook's key ({key_where}) is for a {key_size}x{key_size} matrix; this "
                       "register's impact and likelihood are High, Medium and Low, so it keeps its own 3x3 bands", "info")
            key = None
    if matrix is None:
        if key:
            top = max(hi for _, _, hi in key if hi != math.inf)
            key_size = math.isqrt(int(top)) if math.isqrt(int(top)) ** 2 == int(top) else size
            bands = [(nm, lo, hi if hi != math.inf else key_size * key_size) for nm, lo, hi in key]
            matrix = RiskMatrix(key_size, tuple(bands), source=f"the key at {key_where}")
            size = key_size
            words = _THREE if size == 3 else _FIVE
            rated = set().union(*(_distinct(column(c)) for c in _rating_columns(static, per_period)))
            matrix = _colours_as_words(table, matrix, rated)
        else:
            matrix = RiskMatrix.default(size)
            if rated is None:
                rated = set().union(*(_distinct(column(c)) for c in _rating_columns(static, per_period)))
            matrix = _own_top_word(table, _rag_named(table, matrix, rated), rated)
    if opts.config.risk_appetite is not None and not given_matrix:
        matrix = dataclasses.replace(matrix, appetite=opts.config.risk_appetite)
    elif matrix.appetite is None and not given_matrix:
        matrix = _stated_appetite(table, matrix, max(row_idx, default=cmap.header_row))
    said = ("as given to read_risks" if given_matrix else f"bands from {matrix.source}" if matrix.source != "default" else f"default bands; scale from the {why}")
    report.add(table.sheet.name, "", "", f"risk matrix {matrix.describe()} ({said})", "info")
    formulas = None

    def formula_missing(r, c):
        nonlocal formulas
        if formulas is None:
            formulas = _formula_cells(table)
        return (r, c) in formulas

    def texts(c) -> list[str]:
        # Titles are mostly distinct (a cache would cost more than it saves); tidy text is kept as it is, inline.
        vals = column(c)
        if _all_tidy(vals):
            return list(vals)
        return [v if v.__class__ is str and "  " not in v and "\n" not in v and "\t" not in v and "\xa0" not in v
                and v[:1] != " " and v[-1:] != " " else text(v) for v in vals]

    made = False
    if "risk_id" not in cmap.fields:
        ids, made = numbered_on(table, _ids(table, data), id_offset)  # never a register's own ('SR3 Cyber attack')
    else:  # as layout.ids (references are distinct, so tidied inline rather than through a cache)
        id_col = cmap.fields["risk_id"]
        ids = texts(id_col)
        for i, ident in enumerate(ids):
            if not ident:
                ids[i] = f"R{i + 1:03d}"
                report.add(table.cell(row_idx[i], id_col), "risk_id", "", f"no reference: given {ids[i]}", "warning")
        for (r, c), err in table.sheet.errors.items():
            if c == id_col and r in set(row_idx):
                report.add(table.cell(r, c), "risk_id", err, f"formula error {err} in risk id")

    titles, owners = texts(static.get("title")), texts(static.get("owner"))
    cats = [t or c.get("priority", "") for t, (_, c) in zip(texts(static.get("category")), data)]
    if "title" in static:
        for r, t in zip(row_idx, titles):
            if not t:
                report.add(table.cell(r, static["title"]), "title", "", "risk has no title", "warning")
    lows = np.array([b.low for b in matrix.bands])

    def band_codes(score) -> np.ndarray:
        codes = np.clip(np.searchsorted(lows, np.nan_to_num(score, nan=0.0), side="right") - 1, 0, len(lows) - 1)
        return np.where(np.isnan(score), -1, codes)

    axis_words = {}
    written: dict[str, dict[int, str]] = {}
    level_key, level_where = _level_key(table, max(row_idx, default=cmap.header_row), written)
    labels = []
    for axis, given in level_key.items():
        if max(given.values()) != size:
            # a key on a sheet of its own runs to another register's scale (the 5x5 corporate register's, beside a Council
            # Plan table's High / Medium / Low): not this one's, said; the register's own key that disagrees is warned of
            elsewhere = not str(level_where).startswith(f"{table.sheet.name}!")
            report.add(level_where, "", "", f"the {axis} key at {level_where} runs 1 to {max(given.values())}, not the "
                       f"{size}-point scale of the register" + (" (another register's): not used for it" if elsewhere else ": not used"),
                       "info" if elsewhere else "warning")
            continue
        axis_words[axis] = {**words, **given}
        if sorted(written.get(axis, {})) == list(range(1, size + 1)):  # a word for every level: the matrix is labelled so
            labels.append((axis, tuple(written[axis][k] for k in range(1, size + 1))))
        differ = [f"{w.capitalize()} = {v}" for w, v in given.items() if words.get(w) not in (None, v)]
        report.add(level_where, "", "", f"{axis} words read from the key at {level_where}" +
                   (f" ({', '.join(differ)}, where perfkit would otherwise read them differently)" if differ else ""), "info")

    if size in (3, 4):
        for axis in ("impact", "likelihood"):
            if axis not in axis_words and (own := _some_of_five(axis, size, static, per_period, column)) is not None:
                axis_words[axis] = own
                if axis not in dict(labels) and (named := _one_word_a_level(own, size)) is not None:
                    # 'Rare ... Likely', 'Minor ... Critical' on a 4x4: the matrix is labelled in the register's words, never
                    # perfkit's ('Very likely', 'Severe'), which would put its 'Possible' risks in a row headed 'Likely'
                    labels.append((axis, named))
                shown = ", ".join(f"{w.capitalize()} = {v}" for w, v in sorted(own.items(), key=lambda kv: kv[1]))
                report.add(table.sheet.name, axis, "", f"{axis} words read as the register's own {size} levels ({shown}) "
                           f"on its {size}x{size} matrix", "info")

    if size == 5:  # 'Insignificant ... Catastrophic': the five-point words the register uses, each level one, label it
        for axis in ("impact", "likelihood"):
            if axis not in dict(labels) and axis not in axis_words:
                seen = {w: _FIVE[w] for w in _axis_words_seen(axis, static, per_period, column) if w in _FIVE and len(w) > 2}
                gaps = {w.lower(): k for k, w in enumerate(_FIVE_LABELS[axis], start=1) if k not in set(seen.values())}
                if seen and set(seen) - {w.lower() for w in _FIVE_LABELS[axis]} and (named := _one_word_a_level({**gaps, **seen}, size)):
                    # a level no risk sits at takes perfkit's word for it ('1 Negligible' beside the register's 'Catastrophic')
                    labels.append((axis, named))

    def levels(fld, c, p=None):
        if c is None and (fld, p) in derived:  # a quarter's own "Residual Q2 (L x I)"
            c, vals = derived[(fld, p)]
        elif c is None and fld in derived and (layout != "wide" or not fld.startswith("residual_") or p == current):
            c, vals = derived[fld]
        elif c is None:
            return np.full(n, math.nan)
        else:
            vals = column(c)
        fast = _numeric(vals)
        if fast is not None and not ((fast < 1) | (fast > size)).any():
            return fast
        res = _cached(_level, vals, size, axis_words.get(fld.rpartition("_")[2], words))
        out = np.fromiter((x[0] for x in res), dtype=float, count=n)
        if any(x[1] for x in set(res)):
            for i, (level, problem) in enumerate(res):
                if not problem:
                    continue
                r, v = row_idx[i], vals[i]
                if problem == "bad" and _CLOSED_WORD.match(text(v)):
                    # 'Closed' merged across a closed risk's current impact, likelihood and score: no assessment now
                    report.add(table.cell(r, c), fld, text(v), f"{fld.replace('_', ' ')} {text(v)!r}: the risk is closed, with no "
                               "assessment now: counted as closed since the assessment before, never in the bands", "info")
                elif problem == "bad":
                    report.add(table.cell(r, c), fld, text(v), f"{fld.replace('_', ' ')} {text(v)!r} is not a level on the {size}-point scale "
                               f"(give 1 to {size}" + (" or High, Medium, Low" if size == 3 else " or Very low ... Very high") + ")")
                else:
                    report.add(table.cell(r, c), fld, text(v), f"{fld.replace('_', ' ')} {text(v)} is outside the {size}-point scale (1 to {size})")
                out[i] = math.nan
        return out

    def scores(prefix, p, imp, lik):
        """The given score where there is one (checked against impact x likelihood), else the product."""
        c = col_for(f"{prefix}_score", p)
        product = imp * lik
        from_words = [None] * n
        if c is None:
            return product, from_words
        vals = column(c)
        num = _numeric(vals)
        texts = num is None  # some score typed as text ('16 (Very high)'): its band is checked below
        if num is None:
            res = _cached(_number, vals)
            num = np.fromiter((x[0] for x in res), dtype=float, count=n)
        else:
            res = [(0.0, "")]
        errors = {r for (r, col) in table.sheet.errors if col == c}
        unscored: dict[str, list[int]] = {}
        shut: dict[str, list[int]] = {}
        if errors and len(res) == 1:
            res = _cached(_number, vals)
        if errors or any(x[1] for x in set(res)):
            for i, (value, problem) in enumerate(res):
                r = row_idx[i]
                if r in errors:
                    report.add(table.cell(r, c), f"{prefix}_score", table.sheet.errors[(r, c)], f"formula error {table.sheet.errors[(r, c)]} in the {prefix} score")
                    product[i] = math.nan
                elif problem == "word" and _word(vals[i]) in _NOT_SCORED:  # "New" in last quarter's column: it was not there
                    product[i] = math.nan
                    unscored.setdefault(text(vals[i]), []).append(r)
                elif problem == "word" and p is not None and p == periods[-1] and _CLOSED_WORD.match(text(vals[i])):
                    # "Closed" in this quarter's score: the risk closed, as a Status column of Open / Closed says it
                    product[i] = math.nan
                    shut.setdefault(text(vals[i]), []).append(r)
                elif problem == "word":
                    name = _rating_name(vals[i], matrix)
                    if name is None:
                        report.add(table.cell(r, c), f"{prefix}_score", text(vals[i]), f"{prefix} score {text(vals[i])!r} is neither a number nor a band ({', '.join(matrix.names)})")
                    else:
                        from_words[i] = name
                        product[i] = math.nan
        for word, rs in shut.items():
            report.add(table.column_range(c, rs), f"{prefix}_score", word, f"{prefix} score {word!r} for {period_label(p)} "
                       f"({len(rs)} risk{'s' * (len(rs) != 1)}): closed then, and not counted among the register's live risks",
                       "info")
            closed.update(rs)
        for word, rs in unscored.items():
            report.add(table.column_range(c, rs), f"{prefix}_score", word, f"{prefix} score {word!r}: no score "
                       f"{'for ' + period_label(p) if p is not None else 'given'} ({len(rs)} risk{'s' * (len(rs) != 1)}), "
                       "read as not yet assessed then", "info")
        given = ~np.isnan(num)
        out = np.where(given, num, product)
        worked = []
        for i in np.flatnonzero(~given & ~np.isnan(product)):
            r = row_idx[i]
            if formula_missing(r, c):
                report.add(table.cell(r, c), f"{prefix}_score", "", f"formula with no saved value (the workbook was saved without "
                           f"recalculating): {prefix} score worked out as impact x likelihood = {_n(product[i])}; open and save it in Excel to check", "warning")
            else:
                worked.append(r)
        for i in np.flatnonzero(given & ~np.isnan(product) & (num != product)):
            report.add(table.cell(row_idx[i], c), f"{prefix}_score", _n(num[i]),
                       f"{prefix} score {_n(num[i])} disagrees with impact x likelihood ({_n(imp[i])} x {_n(lik[i])} = {_n(product[i])}); "
                       f"the score as given is used: correct whichever is wrong", "warning")
        for i in np.flatnonzero(given & ((num > size * size) | (num < 0))):
            report.add(table.cell(row_idx[i], c), f"{prefix}_score", _n(num[i]), f"{prefix} score {_n(num[i])} is outside the {size}x{size} matrix (1 to {size * size})", "warning")
        if worked:
            report.add(table.column_range(c, worked), f"{prefix}_score", "", f"{len(worked)} {prefix} score{'s' * (len(worked) != 1)} blank: worked out as impact x likelihood", "info")
        for i in np.flatnonzero(given) if texts else ():
            # '16 (High)' where the register's bands make 16 Very high: the score is read, and its typed band is checked
            v = vals[i]
            said = _TYPED_BAND.search(v) if v.__class__ is str else None
            named = _rating_name(said[1], matrix) if said is not None else None
            if named is not None and named != matrix.band(num[i]):
                report.add(table.cell(row_idx[i], c), f"{prefix}_score", text(v), f"{prefix} score {text(v)!r}: its band "
                           f"{said[1]!r} disagrees with its score {_n(num[i])}, which is {matrix.band(num[i])} on the "
                           f"register's bands ({matrix.describe()}); "
                           "the score is read: correct whichever is wrong, or give the register's bands in perfkit.toml", "warning")
        return out, from_words

    # A given rating one band from its score's band on perfkit's default bands (no key, none given): a note where every
    # rating the figures use is the register's own (its bands are only not perfkit's); a warning where some rating is
    # worked out on those bands, which may then not be the register's.
    near, worked_out = Report(), []

    def ratings(prefix, p, score, from_words):
        codes = band_codes(score)
        c = col_for(f"{prefix}_rating", p)
        vals = column(c) if c is not None else None
        for i in range(n) if c is not None or any(from_words) else ():
            given = None
            if vals is not None and not blank(vals[i]) and not _DASH_ONLY.match(text(vals[i])):  # '–': no rating (a new risk's last)
                v, r = vals[i], row_idx[i]
                num, _ = _number(v)
                given = _rating_name(v, matrix) if math.isnan(num) else matrix.band(num)
                computed = matrix.names[codes[i]] if codes[i] >= 0 else None
                if given is None and _CLOSED_WORD.match(text(v)) and math.isnan(score[i]):
                    # a 'Risks closed since the last review' section's 'Closed': no assessment now, so closed in movement
                    report.add(table.cell(r, c), f"{prefix}_rating", text(v), f"{prefix} rating {text(v)!r}: the risk is closed, "
                               "with no assessment now: counted as closed since the assessment before, never in the bands", "info")
                elif given is None:
                    report.add(table.cell(r, c), f"{prefix}_rating", text(v), f"{prefix} rating {text(v)!r} is not a band ({', '.join(matrix.names)})", "warning")
                elif computed is not None and given != computed:
                    (near if not given_matrix and matrix.source == "default"
                     and abs(matrix.names.index(given) - matrix.names.index(computed)) == 1 else report).add(table.cell(r, c), f"{prefix}_rating", text(v),
                               f"{prefix} rating {text(v)!r} disagrees with its score {_n(score[i])}, which is {computed} on the {matrix.size}x{matrix.size} matrix; "
                               "the rating as given is used" + ("" if given_matrix or matrix.source != "default" else
                               "; if the register's own bands are other than perfkit's default, give them in perfkit.toml, e.g. "
                               f"[risks] bands = \"{', '.join(f'{_n(b.low)}-{_n(b.high)} {b.name}' for b in matrix.bands)}\" "
                               "with its own scores and names"), "warning")
            if layout == "wide" and prefix == "residual" and from_words[i] is not None and given is not None \
                    and given != from_words[i] and c not in per_period.get(p, {}).values():
                own = col_for(f"{prefix}_score", p)
                report.add(table.cell(row_idx[i], own), f"{prefix}_rating", text(column(own)[i]),
                           f"{period_label(p) if p is not None else 'this quarter'}'s own {prefix} rating {text(column(own)[i])!r} "
                           f"({table.cell(row_idx[i], own)}) disagrees with {cmap.headers.get(c, '')!r} ({table.cell(row_idx[i], c)}), "
                           f"{text(vals[i])!r}: the quarter's own column is used; correct whichever is wrong", "warning")
                given = from_words[i]
            given = given or from_words[i]
            if given is not None:
                codes[i] = matrix.names.index(given)
            elif codes[i] >= 0:
                worked_out.append(i)
        if not (c is not None or any(from_words)) and (codes >= 0).any():
            worked_out.append(-1)  # every rating worked out from its score, on perfkit's bands
        return pd.Categorical.from_codes(codes, dtype=matrix.dtype)

    inh_imp = levels("inherent_impact", static.get("inherent_impact"))
    inh_lik = levels("inherent_likelihood", static.get("inherent_likelihood"))
    inh_score, inh_words = scores("inherent", None, inh_imp, inh_lik)
    inh_rating = ratings("inherent", None, inh_score, inh_words)
    tgt = np.full(n, math.nan)
    tgt_band = np.full(n, -1, dtype="int64")  # a target given as a band word ("Medium"): kept as the word, never a score
    if "target_score" in static:
        c = static["target_score"]
        vals = column(c)
        fast = _numeric(vals)
        worded = []
        for i, (num, problem) in enumerate(_cached(_number, vals) if fast is None else ()):
            if problem:
                name = _rating_name(vals[i], matrix)
                if name is None:
                    report.add(table.cell(row_idx[i], c), "target_score", text(vals[i]), f"target score {text(vals[i])!r} is not a number", "warning")
                else:
                    tgt_band[i] = matrix.names.index(name)
                    worded.append(row_idx[i])
                num = math.nan
            tgt[i] = num
        if fast is not None:
            tgt = fast
        if worded:
            report.add(table.column_range(c, worded), "target_rating", cmap.headers.get(c, ""),
                       f"targets given as bands ({len(worded)}): a risk is above its target when its rating after mitigation "
                       "is a higher band", "info")
    elif "target_impact" in static and "target_likelihood" in static:
        tgt = levels("target_impact", static["target_impact"]) * levels("target_likelihood", static["target_likelihood"])
    # each target score's band once: a register's targets are a few scores over thousands of risks
    names = matrix.names
    banded = np.flatnonzero((tgt_band < 0) & ~np.isnan(tgt))
    if len(banded):
        scores_, at = np.unique(tgt[banded], return_inverse=True)
        codes_ = np.array([names.index(band) if (band := matrix.band(t)) is not None else -1 for t in scores_], dtype="int64")[at]
        tgt_band[banded[codes_ >= 0]] = codes_[codes_ >= 0]
    mitigation = texts(static.get("mitigation"))

    _current_disagreements(table, static, per_period.get(current, {}), row_idx, column, current)
    frames = []
    for p in periods:
        imp = levels("residual_impact", col_for("residual_impact", p), p)
        lik = levels("residual_likelihood", col_for("residual_likelihood", p), p)
        score, words_ = scores("residual", p, imp, lik)
        rating = ratings("residual", p, score, words_)
        dcol = col_for("direction", p) if (layout != "wide" or p == periods[-1] or "direction" in per_period.get(p, {})) else None
        directions = [""] * n
        if dcol is not None:
            vals = column(dcol)
            read = _cached(lambda v: direction_word(v) if not blank(v) else "", vals)
            if None not in read:  # every direction understood: nothing to say of any
                directions = read
            for i, d in enumerate(read) if directions is not read else ():
                if d is None:
                    report.add(table.cell(row_idx[i], dcol), "direction", text(vals[i]), f"direction {text(vals[i])!r} not understood (say increased, decreased, unchanged, new or closed): left out", "warning")
                    d = ""
                directions[i] = d
            # each distinct cell looked at once: a register's directions are a few words over thousands of risks
            drawn = {v for v in _distinct(vals) if isinstance(v, str) and v.strip() in _ARROWS}
            arrows = [i for i, v in enumerate(vals) if isinstance(v, str) and v in drawn] if drawn else []
            if arrows:  # a bare arrow says which way, not whether that is better: said, as read
                report.add(table.column_range(dcol, [row_idx[i] for i in arrows]), "direction", text(vals[arrows[0]]),
                           f"{len(arrows)} direction{'s' * (len(arrows) != 1)} given as arrows: read as the risk's movement "
                           "(↑ or ▲ increased, a higher risk; ↓ or ▼ decreased; ↔ or → unchanged)", "info")
        src_col = next((c for c in (col_for("residual_score", p), col_for("residual_rating", p), col_for("residual_impact", p), static.get("title")) if c is not None), 0)
        if layout == "long":
            per = []
            for r in row_idx:
                pv = get(rows[r], long_period)
                try:
                    per.append(row_period(pv, get(rows[r], cmap.fields.get("year")), table.year)[0].ordinal)
                except Exception as exc:  # PeriodError
                    report.add(table.cell(r, long_period), "period", text(pv), f"period not understood: {exc}")
                    per.append(_NAT)
        else:
            per = [p.ordinal if p is not None else _NAT] * n
        prefix = f"{table.sheet.name}!{col_letter(src_col)}"
        frames.append({"period": np.array(per, dtype="int64"), "residual_impact": imp, "residual_likelihood": lik,
                       "residual_score": score, "residual_rating": rating.codes, "direction": directions,
                       "source": prefix})  # the column's cells, one per risk row (interleaved_cells below)
    # One row per risk per period, risk by risk: per-risk columns repeated, per-period ones interleaved.
    k = len(frames)
    static_cols = {"risk_id": ids, "title": titles, "owner": owners, "category": cats, "inherent_impact": inh_imp,
                   "inherent_likelihood": inh_lik, "inherent_score": inh_score, "inherent_rating": inh_rating.codes,
                   "target_score": tgt, "target_rating": tgt_band, "mitigation": mitigation}
    out = {}
    for name, values in static_cols.items():
        arr = np.asarray(values, dtype=object if isinstance(values, list) else None)
        out[name] = np.repeat(arr, k) if k > 1 else arr
    for name in frames[0]:
        if name == "source":
            continue
        arrs = [np.asarray(f[name], dtype=object if isinstance(f[name], list) else None) for f in frames]
        out[name] = np.column_stack(arrs).ravel() if k > 1 else arrs[0]
    columns_out = {}
    for name in COLUMNS:
        v = out.get(name)
        if name == "source":  # Sheet!E12 joined by pyarrow from the row numbers, in the order above
            columns_out[name] = interleaved_cells([f["source"] for f in frames], row_idx)
        elif name == "period":
            columns_out[name] = pd.PeriodIndex.from_ordinals(v.astype("int64"), freq=FREQ)
        elif name.endswith("_rating"):
            columns_out[name] = pd.Categorical.from_codes(v.astype("int64"), dtype=matrix.dtype)
        elif v.dtype == object:
            columns_out[name] = pd.array(v, dtype="str")
        else:
            columns_out[name] = v.astype(float)
    own = _bands_from_ratings(matrix, columns_out) if list(near) and not worked_out and not given_matrix and matrix.source == "default" else None
    if own is not None:  # every rating the register's own, and its scores rate in order: its bands, not perfkit's guess
        report.add(table.sheet.name, "", "", f"the register's bands read from its own ratings and scores ({own.describe()}), "
                   f"not perfkit's default ({matrix.describe()}); if they are other than that, give them in perfkit.toml, "
                   f"e.g. [risks] bands = \"{', '.join(f'{_n(b.low)}-{_n(b.high)} {b.name}' for b in own.bands)}\"", "info")
        matrix = own
    else:
        for said in near:
            report.add(said.source, said.column, said.value, said.message, "warning" if worked_out else "info")
    frame = pd.DataFrame(columns_out)
    appetite = _own_appetite(table, row_idx) if opts.config.risk_appetite is None and not given_matrix else None
    if appetite is not None:  # each risk's own ('Cautious (up to 8)'): above it after mitigation is above appetite
        frame["appetite"] = np.repeat(appetite, k) if k > 1 else appetite
    if closed and _closed_tab(table) and _reported_after(table, frame):
        # "Risks closed in Quarter 2" over Q1 | Q2 with Q2 empty: each risk's last assessment stands, and it is gone from
        # the quarter the tab reports, so the movement to that quarter counts it closed
        closed = set()
    if closed:  # a closed risk has no latest assessment: closed since the one before, where the register has one
        shut = np.repeat(np.fromiter((r in closed for r in row_idx), dtype=bool, count=n), k)
        latest = frame["period"].to_numpy() == frame["period"].max() if len(periods) > 1 else np.ones(len(frame), dtype=bool)
        if len(periods) == 1:  # no earlier score to be closed since: closed at this assessment (risk_summary's movement) where
            # the tab is of the risks closed, or the risk's own direction says so; a Status column's Closed may be of any time
            tab, said = _closed_tab(table), frames[-1]["direction"]
            now = [i for k, (i, r) in enumerate(zip(ids, row_idx)) if r in closed and (tab or said[k] == "closed")]
            if now and tab and len(frame):
                now = _closed_this_quarter(table, ids, row_idx, now, frame["period"].iloc[0])
            if now:
                frame.attrs["closed_now"] = {str(p): now for p in frame["period"].unique()[:1]}
        frame = frame[~(shut & latest)].reset_index(drop=True)
    report_repeated_ids(frame, "risk_id", "risk", report)
    _closed_in_a_note(table, frame, report)
    _no_residual(table, frame)
    frame.attrs["risk_matrix"] = dataclasses.replace(matrix, labels=tuple(labels)) if labels and not matrix.labels else matrix
    if matrix.appetite is None and not given_matrix and opts.config.risk_appetite is None and "category" in static \
            and "appetite" not in frame:
        _category_appetite(table, frame)
    if made:
        frame.attrs["generated_ids"] = ids
    return frame


# "Closed risks", "Archived risks", "Risks closed": a tab of the register keeping the risks it no longer holds live
_CLOSED_SHEET = re.compile(r"(?i)^\s*(?:(?:closed|archived?|removed|retired)(?:\s+(?:risks?|register))?|risks?\s+(?:closed|archived|removed|retired)"
                           r"|archive)\s*$")
_CLOSED_TITLE = re.compile(r"(?i)^\s*(?:(?:closed|archived|removed|retired)\s+risks?|risks?\s+(?:closed|archived|removed|retired))\b")
_STATE_HEAD = re.compile(r"(?i)^\s*(?:risk\s+)?(?:status|state|open\s*(?:/|or)\s*closed|live\s*(?:/|or)\s*closed)\s*$")
_OPEN_WORD = re.compile(r"(?i)^\s*(?:open|live|active|current|ongoing|new|escalated|monitor(?:ing)?)\s*$")


def _closed_this_quarter(table: Table, ids: list, row_idx: list[int], now: list, p) -> list:
    """Of a closed-risks tab's risks, those its ``Date closed`` puts in the quarter reported (or that give no date): one
    closed in an earlier quarter was gone before this one began, so it is not closed since the last, said. Counted, a
    tab of 'risks closed during 2024/25' gave three closed at Q2 where two were."""
    cmap, rows = table.cmap, table.sheet.rows
    col = next((c for c in cmap.unmapped if CLOSED_ON.match(cmap.headers.get(c, ""))), None)
    if col is None:
        return now
    begun = (p - 1).end_time
    kept, before = [], []
    for i, r in zip(ids, row_idx):
        if i not in now:
            continue
        v = get(rows[r], col)
        day = pd.Timestamp(v) if isinstance(v, dt.date) else None  # a datetime is a date too
        (before if day is not None and day <= begun else kept).append((i, day))
    if before:
        shown = ", ".join(f"{i} ({d:%d/%m/%Y})" for i, d in before[:6])
        table.report.add(table.column_range(col, [r for i, r in zip(ids, row_idx) if i in {b for b, _ in before}]), "", "",
                         f"{len(before)} risk{'s' * (len(before) != 1)} closed before {period_label(p)} began ({shown}), by column "
                         f"{cmap.headers[col]!r}: not counted as closed since the last assessment", "info")
    return [i for i, _ in kept]


_REMOVED_LABEL = re.compile(r"(?i)^\s*(?:risks?\s+(?:removed|closed|retired|archived|de-?escalated)|(?:removed|closed|retired|"
                            r"archived|de-?escalated)\s+risks?)\b.{0,40}?(?:this|in\s+the|during\s+the)\s+(?:quarter|period|review)\b.{0,40}:?\s*$")
# the label and its risks on one line: "Closed this quarter: CR15 ...", "Risks removed this quarter - CR13, ..."
_REMOVED_INLINE = re.compile(r"(?i)^\s*(?:(?:corporate\s+)?risks?\s+)?(?:removed|closed|retired|archived|de-?escalated)(?:\s+risks?)?\s+"
                             r"(?:this|in\s+the|during\s+the)\s+(?:quarter|period|review)\s*[:\-–]\s*(?P<rest>\S.*)$")
_CLOSED_SAID = re.compile(r"(?i)(?<!not\s)(?<!yet\s)\b(?:closed|removed|retired|archived|de-?escalated|no\s+longer\s+(?:a\s+)?(?:corporate\s+)?risk)\b")


def _closed_in_a_note(table: Table, frame: pd.DataFrame, report: Report) -> None:
    """Risks a note under the register names as closed this quarter (``Risks removed this quarter:`` over ``CR13 UK
    Parliamentary general election arrangements – closed following the election``): closed at the latest assessment, said.
    Only a reference shaped like the register's own (``CR13`` beside ``CR01``) that no row holds, on a line saying it closed."""
    if not len(frame) or "risk_id" not in table.cmap.fields:
        return
    rows = table.sheet.rows
    start = max(table.items, default=table.cmap.header_row) + 1
    found, where = [], []
    known: list = []  # the register's references and their shapes, worked out once a line names a reference

    def unheld(ref: str) -> bool:
        """A reference no row holds, shaped like the register's own (``CR13`` beside ``CR01``)."""
        if not known:
            held = set(frame["risk_id"].astype(str))
            known.extend((held, {re.sub(r"\d+", "9", i) for i in held}))
        return ref not in known[0] and re.sub(r"\d+", "9", ref) in known[1]

    for r in range(start, len(rows)):
        cells = [v for v in rows[r] if not blank(v)]
        inline = _REMOVED_INLINE.match(cells[0]) if len(cells) == 1 and isinstance(cells[0], str) else None
        if inline is not None:  # "Closed this quarter: CR15 New finance system – closed after go-live (last score 12)"
            for part in re.split(r"\s*;\s*", inline["rest"]):
                m = re.match(r"\s*([A-Za-z]{0,5}[\s-]?\d+(?:\.\d+)?)\b", part)
                ref = m[1].strip() if m else ""
                if ref and unheld(ref):
                    found.append(ref)
                    where.append(r)
            if found:
                break
            continue
        if len(cells) != 1 or not isinstance(cells[0], str) or not _REMOVED_LABEL.match(cells[0]):
            continue
        for below in range(r + 1, min(len(rows), r + 12)):
            line = " ".join(text(v) for v in rows[below] if not blank(v))
            if not line:
                break
            m = re.match(r"\s*([A-Za-z]{0,5}[\s-]?\d+(?:\.\d+)?)\b", line)
            ref = m[1].strip() if m else ""
            if ref and _CLOSED_SAID.search(line) and unheld(ref):
                found.append(ref)
                where.append(below)
        break
    if not found:
        return
    p = frame["period"].max()
    closed = dict(frame.attrs.get("closed_now") or {})
    closed[str(p)] = list(dict.fromkeys([*closed.get(str(p), []), *found]))
    frame.attrs["closed_now"] = closed
    report.add(table.column_range(0, where), "risk_id", ", ".join(found),
               f"{', '.join(found)}: named closed in the note under the register, and no row holds {'them' if len(found) > 1 else 'it'}: "
               f"counted as closed in {period_label(p)}", "info")


def _reported_after(table: Table, frame: pd.DataFrame) -> bool:
    """Whether the quarter a sheet's title (or name) reports comes after every assessment its columns hold."""
    if not len(frame):
        return False
    try:
        own = single_period(table, None)
    except Exception:  # noqa: BLE001 - no quarter named: nothing comes after
        return False
    return own.end > frame["period"].max()


def _closed_tab(table: Table) -> bool:
    """Whether the sheet is the register's tab of closed risks, by its name or title (``Closed risks``)."""
    return bool(_CLOSED_SHEET.match(table.sheet.name) or _CLOSED_TITLE.match(table.title))


def _struck_risks(table: Table, data: list, closed: set[int]) -> None:
    """Risks whose title is struck through (as a register strikes out one it has transferred or closed) but which nothing
    else closes: a warning naming them, as each is counted live. Asked only of a workbook whose styles strike text at all."""
    book, col = table.sheet.book, table.cmap.fields.get("title")
    if book is None or col is None or not data or len(data) > 2000 or not book.has_struck_fonts:
        return
    struck = sorted(r for r, _ in table.sheet.struck([(r, col) for r, _ in data]) if r not in closed)
    if not struck:
        return
    ids = table.cmap.fields.get("risk_id", col)
    shown = ", ".join(text(get(table.sheet.rows[r], ids)) or f"row {r + 1}" for r in struck[:6])
    table.report.add(table.column_range(col, struck), "", text(get(table.sheet.rows[struck[0]], col))[:60],
                     f"{len(struck)} risk{'s' * (len(struck) != 1)} struck through ({shown}) but not closed: counted among the "
                     "live risks; if struck through means closed or transferred, mark each Closed in its status (or move it to "
                     "a 'Closed risks' tab)", "warning")


def _closed_rows(table: Table, data: list) -> set[int]:
    """The rows of the risks closed, where a column the register reads no other way (``Status``: Open / Closed, as a
    RAID log keeps it) closes some, named in a note: they are left out of the latest assessment (an earlier quarter's
    scores stand, so the risk is closed since then). Counted as live, they swelled the bands."""
    cmap, rows = table.cmap, table.sheet.rows
    if data and _closed_tab(table):
        table.report.add(table.sheet.name, "", "", f"sheet {table.sheet.name!r} holds risks closed or removed: its "
                         f"{len(data)} risk{'s' * (len(data) != 1)} are not counted among the register's live risks", "info")
        return {r for r, _ in data}
    for c in cmap.unmapped:
        if not _STATE_HEAD.match(cmap.headers.get(c, "")):
            continue
        vals = [text(get(row, c)) for _, row in [(r, rows[r]) for r, _ in data]]
        said = [v for v in vals if v]
        if not said or not all(_OPEN_WORD.match(v) or _CLOSED_WORD.match(v) for v in said):
            continue
        closed = [r for (r, _), v in zip(data, vals) if v and _CLOSED_WORD.match(v)]
        if closed:
            table.report.add(table.column_range(c, closed), "", "", f"{len(closed)} risk{'s' * (len(closed) != 1)} closed in column "
                             f"{cmap.headers[c]!r} (rows {', '.join(str(r + 1) for r in closed[:8])}{'...' if len(closed) > 8 else ''}): "
                             "not counted among the register's live risks", "info")
        return set(closed)
    return set()


_CLOSED_WORD = re.compile(r"(?i)^\s*(?:closed|archived|retired|removed|deleted|de-?escalated|no\s+longer\s+a\s+risk)\b")
_APPETITE_SHEET = re.compile(r"(?i)appetite|toleranc")
_CATEGORY_HEAD = re.compile(r"(?i)^\s*(?:risk\s+)?(?:category|categories|area|theme|type)\s*$")
# "Tolerance (maximum residual score)", "Maximum tolerable current risk score", "Appetite score", "Threshold"
_LIMIT_HEAD = re.compile(r"(?i)\b(?:toleran\w*|maximum|max|threshold|limit|appetite\s+score|tolerable)\b")


# "Cautious (up to 8)", "Averse - max 4", "8", "12 or below": the highest score a risk's appetite accepts
_APPETITE_SCORE = re.compile(r"(?i)(?:up\s+to|max(?:imum)?|at\s+most|no\s+more\s+than|≤|<=)\s*(\d{1,2})\b|^\s*(\d{1,2})\s*"
                             r"(?:or\s+(?:below|less|lower|under))?\s*$|\b(\d{1,2})\s+or\s+(?:below|less|lower|under)\b")


def _own_appetite(table: Table, row_idx: list[int]) -> np.ndarray | None:
    """A register's own 'Risk appetite' column, one per risk ('Cautious (up to 8)', 'Averse (up to 4)'): the highest score
    each accepts, said in a note; None where there is no such column or half its risks give no score. Set aside as 'not
    used', the register's point, four of six risks above their stated appetite, went unsaid."""
    cmap = table.cmap
    col = next((c for c in cmap.unmapped if RISK_APPETITE_HEAD.match(cmap.headers.get(c, ""))), None)
    if col is None or not row_idx:
        return None
    values = [get(table.sheet.rows[r], col) for r in row_idx]
    out = np.full(len(values), np.nan)
    for i, v in enumerate(values):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            out[i] = float(v)
        elif isinstance(v, str) and (m := _APPETITE_SCORE.search(v)):
            out[i] = float(next(g for g in m.groups() if g))
    if np.isnan(out).sum() > len(out) / 2:
        table.report.add(table.cell(cmap.header_row, col), "", cmap.headers[col], f"column {cmap.headers[col]!r} is not used by "
                         "perfkit: half or more of its risks give no score for their appetite (such as 'up to 8')", "info")
        return None
    cmap.unmapped.remove(col)
    shown = next((text(v) for v in values if isinstance(v, str) and _APPETITE_SCORE.search(v)), None)
    table.report.add(table.cell(cmap.header_row, col), "", cmap.headers[col], f"column {cmap.headers[col]!r} read as each risk's "
                     f"own appetite, the highest score it accepts" + (f" ({shown!r} is {_n(out[~np.isnan(out)][0])})" if shown else "")
                     + ": a risk scoring above it after mitigation is listed as above appetite", "info")
    return out


def _category_appetite(table: Table, frame: pd.DataFrame) -> None:
    """A risk appetite set for each category of risk on a sheet of its own (``Risk category | Appetite | Tolerance
    (maximum residual score)``): each risk's own, as the ``appetite`` column, where its category is there, said in a
    note; a register's categories the sheet does not name are a warning. Nothing where no such sheet is found."""
    for name, rows in other_sheets(table, _APPETITE_SHEET, 60):
        for r, row in enumerate(rows):
            cat = next((c for c, v in enumerate(row) if isinstance(v, str) and _CATEGORY_HEAD.match(v)), None)
            lim = next((c for c, v in enumerate(row) if isinstance(v, str) and _LIMIT_HEAD.search(v) and c != cat), None)
            if cat is None or lim is None:
                continue
            limits = {}
            for below in rows[r + 1:]:
                key, value = text(get(below, cat)).lower(), get(below, lim)
                if not key:
                    break
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    limits[" ".join(key.split())] = float(value)
            if len(limits) < 2:
                continue
            cats = frame["category"].astype(str).str.lower().str.split().str.join(" ")
            own = cats.map(limits)
            if own.notna().sum() < max(1, len(frame) // 2):
                continue  # the register's categories are not the sheet's
            frame["appetite"] = own.astype(float).to_numpy()
            where = cell_name(name, r, lim)
            table.report.add(where, "", text(row[lim]), f"risk appetite by category, from {where} "
                             f"({', '.join(f'{k} {v:g}' for k, v in list(limits.items())[:4])}{', ...' if len(limits) > 4 else ''}): "
                             "a risk scoring above its category's after mitigation is listed as above appetite", "info")
            missing = sorted(set(frame.loc[own.isna(), "category"].astype(str)) - {""})
            if missing:
                table.report.add(where, "", "", f"the register's categories {', '.join(map(repr, missing[:5]))} have no appetite "
                                 f"on {name!r}: their risks are not counted above or below it; add them to the sheet", "warning")
            return


def _products_as_levels(table: Table, static: dict, column, per_period: dict | None = None) -> dict:
    """Score columns written as their likelihood times their impact (``Inherent risk (L x I)`` holding ``L4 x I5``), where
    the register has no likelihood and impact columns of that assessment: field -> (the column, each risk's level), so
    the matrix is drawn. Where a column of scores of its own stands beside it (``Inherent score``), that is the score,
    checked against the product. Said in a note."""
    cmap = table.cmap
    out: dict[str, tuple[int, list]] = {}
    for prefix in ("inherent", "residual", "target"):
        c = static.get(f"{prefix}_score")
        if c is None or f"{prefix}_impact" in static or f"{prefix}_likelihood" in static:
            continue
        split = split_products(column(c), cmap.headers.get(c, ""))
        if split is None:
            # "Current (residual) risk" over "I x L | Score": the score column was taken, and its product beside it left
            # unread with nothing said (the brief said the register gave no likelihood and impact after mitigation)
            used = {*cmap.fields.values(), *(pc.col for pc in cmap.period_columns), *cmap.ignored, *cmap.configured}
            products = [u for u in cmap.headers if u not in used
                        and read_header(cmap.headers.get(u, ""), table.spec).field == f"{prefix}_score"
                        and split_products(column(u), cmap.headers.get(u, "")) is not None]
            if len(products) == 1:
                u = products[0]
                split = split_products(column(u), cmap.headers.get(u, ""))
                out[f"{prefix}_likelihood"], out[f"{prefix}_impact"] = (u, split[0]), (u, split[1])
                if u in cmap.unmapped:
                    cmap.unmapped.remove(u)
                table.unsay_unused([table.cell(cmap.header_row, u)])
                header = cmap.headers.get(u, "")
                table.report.add(table.cell(cmap.header_row, u), f"{prefix}_likelihood", header,
                                 f"{header!r} gives each risk's {prefix} likelihood and impact as their product ('L4 x I5'): both "
                                 f"read from it; the score is {cmap.headers.get(c, '')!r}, checked against them", "info")
            continue
        out[f"{prefix}_likelihood"], out[f"{prefix}_impact"] = (c, split[0]), (c, split[1])
        header = cmap.headers.get(c, "")
        own = [u for u in cmap.unmapped if u not in cmap.configured and read_header(cmap.headers.get(u, ""), table.spec).field == f"{prefix}_score"
               and _numeric(column(u)) is not None]
        beside = ""
        if len(own) == 1:
            static[f"{prefix}_score"] = own[0]
            cmap.unmapped.remove(own[0])
            table.unsay_unused([table.cell(cmap.header_row, own[0])])
            beside = f"; the score is {cmap.headers.get(own[0], '')!r}, checked against them"
        table.report.add(table.cell(cmap.header_row, c), f"{prefix}_likelihood", header,
                         f"{header!r} gives each risk's {prefix} likelihood and impact as their product ('L4 x I5'): both read "
                         f"from it{beside}", "info")
    for p, cols in (per_period or {}).items():  # "Current residual risk Q2 (L x I)": each quarter's own
        c = cols.get("residual_score")
        if c is None or "residual_impact" in cols or "residual_likelihood" in cols:
            continue
        split = split_products(column(c), cmap.headers.get(c, ""))
        if split is not None:
            out[("residual_likelihood", p)], out[("residual_impact", p)] = (c, split[0]), (c, split[1])
    return out


# "Risk appetite: the Authority will tolerate risks scoring up to 6", "Appetite = 12": the highest score accepted
# ("Within tolerance: up to 5% short of target" is a measures key's band, never a score: a percentage is no appetite)
_APPETITE = re.compile(r"(?i)\b(?:appetite|tolerance|tolerat\w*\s+risks?)\b.{0,80}?\b(?:up\s+to|at\s+most|no\s+more\s+than|of|is|at|scoring|"
                       r"above|over|more\s+than|greater\s+than|exceeding)"
                       r"\s*[:=]?\s*(\d{1,2})\b(?!\s*(?:[-–]|to)\s*\d)(?!\s*(?:%|per\s*cent|percent))|\bappetite\s*[:=]\s*(\d{1,2})\b(?!\s*(?:[-–]|to)\s*\d)(?!\s*(?:%|per\s*cent|percent))"
                       # "Risks with a residual score above 12 are outside the Council's risk appetite": the score first
                       r"|\b(?:above|over|more\s+than|greater\s+than|exceeding)\s+(\d{1,2})\b(?!\s*(?:[-–]|to)\s*\d)(?!\s*(?:%|per\s*cent|percent)).{0,60}?"
                       r"\b(?:outside|beyond|exceeds?|above|over)\b.{0,30}?\b(?:appetite|tolerance)\b"
                       # "risks rated High (6 or more) after mitigation are outside the Council's appetite": the band's floor
                       r"|\b(\d{1,2})(?=\s*(?:\+|or\s+(?:more|above|higher|over|greater)|and\s+(?:above|over|higher))(?!\w))"
                       r"(?!\s*(?:%|per\s*cent|percent)).{0,80}?\b(?:outside|beyond|exceeds?)\b.{0,30}?\b(?:appetite|tolerance)\b")


# "risks rated High after mitigation are outside its appetite": a band named, not a score
_BAND_APPETITE = re.compile(r"(?i)\b(?:rated|scored|scoring|assessed\s+as|rating\s+of)\s+(?P<band>very\s+high|high|medium|significant|"
                            r"critical|extreme|major|severe|red|amber)\b(?:\s+or\s+(?:above|higher|more))?[^.;]{0,40}?\b(?:are|is|fall|falls|sit|sits)"
                            r"\s+(?:outside|beyond|above|over)\b[^.;]{0,30}?\b(?:appetite|tolerance)\b")


_OR_MORE = re.compile(r"(?i)\s*(?:\+|or\s+(?:more|above|higher|over|greater)|and\s+(?:above|over|higher)|plus)(?!\w)")


def _stated_appetite(table: Table, matrix: RiskMatrix, after: int) -> RiskMatrix:
    """The register's appetite where a key, a note under the table or a key sheet states it ('the Authority will tolerate
    risks scoring up to 6'): the matrix with it, said in a note; risks above it after mitigation are then listed."""
    rows = table.sheet.rows
    places = [(table.sheet.name, r, rows[r]) for r in [*range(0, table.cmap.header_row), *range(after + 1, len(rows))]]
    places += [(name, r, row) for name, other in other_sheets(table, _KEY_SHEET, 60) for r, row in enumerate(other)]
    for name, r, row in places:
        t = " ".join(text(v) for v in row if not blank(v))
        m = _APPETITE.search(t) if t and len(t) < 400 else None
        named = _BAND_APPETITE.search(t) if m is None and t and len(t) < 400 else None
        band = next((b for b in matrix.bands if named is not None and b.name.lower() == " ".join(named["band"].lower().split())), None)
        if band is not None and band.low > 1:
            # "risks rated High after mitigation are outside its appetite": outside from the band's floor
            where = cell_name(name, r, 0)
            table.report.add(where, "", t[:80], f"risk appetite: risks rated {band.name} (scores of {_n(band.low)} or more) are "
                             f"outside it, as {where} states ({t[:60]!r}): they are listed as above appetite", "info")
            return dataclasses.replace(matrix, appetite=band.low - 0.5)
        if m is None:
            continue
        value = float(m[1] or m[2] or m[3] or m[4])
        if not 0 < value < matrix.size * matrix.size:
            continue
        if m[4] and not any(b.low == value for b in matrix.bands):
            continue  # "High (6 or more)": a band of another register's matrix (a 3x3 key beside a 5x5 register)
        where = cell_name(name, r, 0)
        if _OR_MORE.match(t, m.end(1) if m[1] else m.end(2) if m[2] else m.end(3) if m[3] else m.end(4)):
            # "any current risk scoring 12 or more is outside the Council's tolerance": 12 itself is outside it
            table.report.add(where, "", t[:80], f"risk appetite: scores of {value:g} or more are outside it, as {where} states "
                             f"({t[:60]!r}): risks scoring {value:g} or more after mitigation are listed as above appetite", "info")
            return dataclasses.replace(matrix, appetite=value - 0.5)
        table.report.add(where, "", t[:80], f"risk appetite {value:g}, as {where} states ({t[:60]!r}): risks scoring above it after "
                         "mitigation are listed as above appetite", "info")
        return dataclasses.replace(matrix, appetite=value)
    return matrix


def _no_residual(table: Table, frame: pd.DataFrame) -> None:
    """A register whose risks have a score before mitigation but none after (its 'Current risk' column not read): every
    figure after mitigation, which the summary and briefing lead with, would be empty. A warning naming the columns not
    read, with the line that reads one as the score after mitigation."""
    inherent = frame["inherent_score"].notna() | frame["inherent_rating"].notna()
    residual = frame["residual_score"].notna() | frame["residual_rating"].notna()
    if not inherent.any() or residual.any():
        return
    cmap = table.cmap
    unread = [cmap.headers[c] for c in cmap.unmapped if c in cmap.headers
              and not re.match(r"(?i)\s*(?:previous|prior|last)\b", cmap.headers[c])]  # never last quarter's as this one's
    example = unread[0] if unread else "Your header"
    table.report.add(table.sheet.name, "residual_score", "", "no risk has a score or rating after mitigation (only before it): "
                     "the register's figures after mitigation are empty; if a column holds them"
                     + (f" (not read: {', '.join(map(repr, unread[:5]))})" if unread else "")
                     + f", say which in perfkit.toml: [sheets.{toml_string(table.sheet.name)}.columns] {toml_string(example)} = \"residual_score\"",
                     "warning")


def _ratings_that_are_scores(table: Table, per_period: dict, row_idx: list[int]) -> None:
    """A quarter's rating column that holds scores (``Current risk rating`` over ``Q1 | Q2`` holding 16, 20) is the quarter's
    score, its band worked out from the matrix: read as a rating, each score became its band and the score itself was lost,
    so movement and targets were judged by bands. Said once for the sheet."""
    moved = []
    for p, cols in per_period.items():
        for prefix in ("residual", "inherent"):
            c = cols.get(f"{prefix}_rating")
            if c is None or f"{prefix}_score" in cols:
                continue
            values = [get(table.sheet.rows[r], c) for r in row_idx]
            filled = [v for v in values if not blank(v)]
            if filled and sum(1 for v in filled if not math.isnan(_number(v)[0])) >= 0.8 * len(filled):
                cols[f"{prefix}_score"] = cols.pop(f"{prefix}_rating")
                moved.append(c)
    if moved:
        heads = ", ".join(repr(table.cmap.headers.get(c, "")) for c in moved[:4])
        table.report.add(table.column_range(moved[0], [table.cmap.header_row]), "residual_score", "",
                         f"column{'s' * (len(moved) > 1)} {heads} headed as a rating hold scores: read as the scores, each "
                         "one's band worked out from the matrix", "info")


def _current_disagreements(table: Table, static: dict, own: dict, row_idx: list[int], column, current) -> None:
    """Warn where a current column (``Residual rating``) and the latest quarter's own column (``Q2 rating``) disagree.

    The quarter's own column is the one read; each disagreeing cell is named with both values.
    """
    if current is None:
        return
    for fld, c_now in sorted(static.items(), key=lambda x: x[1]):
        if fld.startswith("residual_"):
            table.report.add(table.cell(table.cmap.header_row, c_now), fld, table.cmap.headers.get(c_now, ""),
                             f"{table.cmap.headers.get(c_now, '')!r} has no quarter of its own: read as {period_label(current)}'s "
                             f"{fld.replace('_', ' ')} (the latest quarter), not as any earlier quarter's", "info")
    for fld, c_own in own.items():
        c_now = static.get(fld)
        if not fld.startswith("residual_") or c_now is None or c_now == c_own:
            continue
        for i, (a, b) in enumerate(zip(column(c_own), column(c_now))):
            if blank(a) or blank(b):
                continue
            x, y = _number(a)[0], _number(b)[0]
            same = x == y if not (math.isnan(x) or math.isnan(y)) else _word(a) == _word(b)
            if not same:
                r = row_idx[i]
                table.report.add(table.cell(r, c_own), fld, text(a),
                                 f"{period_label(current)}'s own {fld.replace('_', ' ')} {text(a)!r} ({table.cell(r, c_own)}) disagrees "
                                 f"with {table.cmap.headers.get(c_now, '')!r} ({table.cell(r, c_now)}), {text(b)!r}: the quarter's own "
                                 "column is used; correct whichever is wrong", "warning")


# What registers call their worst band where perfkit's default says Very high.
_TOP_WORDS = ("critical", "severe", "extreme", "very high", "catastrophic")


def _own_top_word(table: Table, matrix: RiskMatrix, seen: set) -> RiskMatrix:
    """Perfkit's default bands named as the register rates (Low / Medium / High / Critical): where its rating words are
    the default's but for one word for the worst band, that band takes the register's word, said. 'Critical' had been
    'not a band', and the register's worst risks were left out of its counts."""
    words = {" ".join(v.split()) for v in seen if isinstance(v, str) and v.strip()}
    if not words or matrix.source != "default":
        return matrix
    names = {_word(n) for n in matrix.names}
    unknown = [w for w in words if _word(w) not in names and _rating_name(w, matrix) is None]
    if len(unknown) != 1 or _word(unknown[0]) not in _TOP_WORDS or _word(matrix.names[-1]) in {_word(w) for w in words}:
        return matrix
    own = unknown[0].strip().capitalize() if unknown[0].islower() or unknown[0].isupper() else unknown[0].strip()
    bands = tuple((own if b.name == matrix.names[-1] else b.name, b.low, b.high, b.colour) for b in matrix.bands)
    table.report.add(table.sheet.name, "", own, f"the register rates its worst risks {own!r}: perfkit's default band "
                     f"{matrix.names[-1]!r} is named so", "info")
    return RiskMatrix(matrix.size, bands, matrix.appetite, matrix.source)


_RAG_BANDS = {"green": "Green", "amber": "Amber", "red": "Red"}


def _rag_named(table: Table, matrix: RiskMatrix, seen: set) -> RiskMatrix:
    """A three-by-three register rated in colours (``Red``, ``Amber``, ``Green``, as a RAID log rates them) with no key:
    perfkit's default bands are named Green, Amber and Red, lowest first, said; each rating is the register's own. Every
    rating had been 'not a band', and the register's ratings were lost."""
    words = {_word(v) for v in seen if isinstance(v, str) and v.strip()}
    if matrix.source != "default" or len(matrix.bands) != 3 or len(words) < 2 or not words <= set(_RAG_BANDS):
        return matrix
    names = list(_RAG_BANDS.values())
    bands = tuple((names[i], b.low, b.high) for i, b in enumerate(matrix.bands))
    table.report.add(table.sheet.name, "", "", "the register rates its risks Red, Amber and Green, with no key: perfkit's "
                     f"default bands are named so ({', '.join(f'{_n(b.low)}-{_n(b.high)} {names[i]}' for i, b in enumerate(matrix.bands))}); "
                     "each risk's own rating is used; if its bands differ, give them in perfkit.toml, e.g. [risks] bands = "
                     "\"1-2 Green, 3-6 Amber, 9-9 Red\"", "info")
    return RiskMatrix(matrix.size, bands, matrix.appetite, matrix.source)


_WORD_ORDER = ["very low", "low", "medium", "high", "very high"]


def _colours_as_words(table: Table, matrix: RiskMatrix, seen: set) -> RiskMatrix:
    """A key that names its bands by colour (``1-6 green, 8-12 amber, 15-25 red``) over a register rated in words (Low,
    Medium, High): each colour is the word in the same place, lowest first, said. Every rating had been 'not a band'."""
    colours = [_word(n) for n in matrix.names]
    words = sorted({_word(v) for v in seen if isinstance(v, str) and v.strip()} & set(_WORD_ORDER), key=_WORD_ORDER.index)
    if not set(colours) <= set(_RAG_BANDS) or len(words) != len(colours) or any(_word(v) in _RAG_BANDS for v in seen if isinstance(v, str)):
        return matrix
    names = [w.capitalize() for w in words]
    table.report.add(table.sheet.name, "", "", f"the key names its bands by colour ({', '.join(matrix.names)}) and the register "
                     f"rates its risks {', '.join(names)}: read as {', '.join(f'{c} = {n}' for c, n in zip(matrix.names, names))}, "
                     "lowest first", "info")
    return RiskMatrix(matrix.size, tuple((names[i], b.low, b.high) for i, b in enumerate(matrix.bands)), matrix.appetite,
                      matrix.source, matrix.labels)


def _bands_from_ratings(matrix: RiskMatrix, columns: dict) -> RiskMatrix | None:
    """The bands a register's own ratings give its scores, where every band it uses covers scores below the next's
    (``Green`` 2, ``Amber`` 3 to 6, ``Red`` 9 gives 1-2 Green, 3-6 Amber, 7-9 Red), or None where they overlap or use
    fewer than two bands. Each band runs up to the score below the next one's lowest; bands no risk is rated keep their
    place only between two that are, else the register's bands are not known and None is given."""
    seen: dict[int, list[float]] = {}
    for prefix in ("inherent", "residual"):
        score, codes = columns[f"{prefix}_score"], np.asarray(columns[f"{prefix}_rating"].codes)
        for sc, code in zip(np.asarray(score, dtype=float), codes):
            if code >= 0 and not math.isnan(sc):
                seen.setdefault(int(code), []).append(sc)
    used = sorted(seen)
    if len(used) < 2 or used != list(range(used[0], used[-1] + 1)) or used[0] != 0 or used[-1] != len(matrix.bands) - 1:
        return None
    if any(max(seen[a]) >= min(seen[b]) for a, b in pairwise(used)):
        return None
    top = matrix.size * matrix.size
    bands = []
    for i, code in enumerate(used):
        low = 1 if i == 0 else min(seen[code])
        high = top if i == len(used) - 1 else min(seen[used[i + 1]]) - 1
        bands.append((matrix.names[code], low, high))
    return RiskMatrix(matrix.size, tuple(bands), matrix.appetite, "the register's own ratings", matrix.labels)


def _four_by_four(static: dict, per_period: dict, column) -> bool:
    """Whether a register written in five-point words uses four each side, every score given being their product with
    each word read as its place among the four (``Almost certain`` x ``Major`` = 4 x 3 = 12): three scores at least."""
    four = {axis: _some_of_five(axis, 4, static, per_period, column) for axis in ("impact", "likelihood")}
    if None in four.values():
        return False
    sets = [(by.get(f"{stage}_likelihood"), by.get(f"{stage}_impact"), by.get(f"{stage}_score"))
            for by in (static, *per_period.values()) for stage in ("inherent", "residual")]
    checked = 0
    for lc, ic, sc in sets:
        if None in (lc, ic, sc):
            continue
        for lv, iv, sv in zip(column(lc), column(ic), column(sc)):
            if blank(sv) or blank(lv) or blank(iv):
                continue
            number = sv if isinstance(sv, (int, float)) and not isinstance(sv, bool) else None
            lw, iw = _word(lv), _word(iv)
            if number is None or lw not in four["likelihood"] or iw not in four["impact"]:
                return False
            if four["likelihood"][lw] * four["impact"][iw] != number:
                return False
            checked += 1
    return checked >= 3


# perfkit's words for the five levels of each axis (as the briefing's matrix gives them where the register has its own
# for some levels only)
_FIVE_LABELS = {"likelihood": ("Rare", "Unlikely", "Possible", "Likely", "Almost certain"),
                "impact": ("Negligible", "Minor", "Moderate", "Major", "Severe")}


def _axis_words_seen(axis: str, static: dict, per_period: dict, column) -> set[str]:
    """The words (as :func:`_word` reads them) a register's columns of one axis hold, every assessment's."""
    cols = [c for f, c in static.items() if f.endswith(f"_{axis}") and c is not None]
    cols += [c for by in per_period.values() for f, c in by.items() if f.endswith(f"_{axis}") and c is not None]
    typed = {v for c in cols for v in column(c) if v.__class__ is str}  # each distinct word read once: 20,000 rows hold a few
    return {_word(v) for v in typed if not blank(v)}


def _one_word_a_level(words: dict, size: int) -> tuple[str, ...] | None:
    """Word -> level as a matrix's labels, lowest first (``('Rare', 'Unlikely', ...)``), where the register uses exactly
    one word for each of its ``size`` levels; else None (perfkit's own words label it)."""
    by_level: dict[int, set] = {}
    for w, v in words.items():
        by_level.setdefault(v, set()).add(w)
    if sorted(by_level) != list(range(1, size + 1)) or any(len(ws) != 1 for ws in by_level.values()):
        return None
    return tuple(next(iter(by_level[k])).capitalize() for k in range(1, size + 1))


def _some_of_five(axis: str, size: int, static: dict, per_period: dict, column) -> dict | None:
    """``Minor / Moderate / Major`` (or ``Unlikely / Possible / Likely``) on a 3x3 register, ``Minor ... Critical`` on a
    4x4: as many words of the five-point scale as the matrix has levels, in its order, as levels 1 to ``size`` (read on
    the five-point scale, 'Major' was no level of a 3x3 matrix and 'Critical' scored 5 on a 4x4, 25 in all); None where
    the axis uses other words, or not exactly ``size`` of them."""
    seen = _axis_words_seen(axis, static, per_period, column)
    if not seen or seen <= set(_THREE) or not seen <= set(_FIVE):
        return None
    ranks = sorted({_FIVE[w] for w in seen})
    if len(ranks) < size and ranks[-1] > size and ranks[0] - (5 - size) >= 1:
        # 'Moderate / Major / Critical' used of a 4x4's Minor ... Critical: the five-point scale's top four, as levels 1-4
        # (read on five, 'Critical' was 5, outside the matrix, and the register refused)
        return {w: _FIVE[w] - (5 - size) for w in seen}
    if len(ranks) != size:
        return None
    return {w: ranks.index(_FIVE[w]) + 1 for w in seen}


def _rating_columns(static: dict, per_period: dict) -> list[int]:
    """The columns that hold scores or ratings (given as such, or per period)."""
    fields = ("inherent_score", "inherent_rating", "residual_score", "residual_rating")
    cols = [static[f] for f in fields if f in static]
    cols += [c for by in per_period.values() for f, c in by.items() if f in fields]
    return sorted(set(cols))


def _rating_name(value, matrix: RiskMatrix) -> str | None:
    w = _word(value)
    for name in matrix.names:
        if _word(name) == w:
            return name
    short = {"vh": "very high", "v high": "very high", "vl": "very low", "h": "high", "m": "medium", "med": "medium", "l": "low"}
    w = short.get(w, w)
    for name in matrix.names:
        if _word(name) == w:
            return name
    return None


def _keep_matrices(frame: pd.DataFrame, frames: list[pd.DataFrame], report) -> None:
    """Each register's own matrix (:func:`perfkit.analyse.risks.registers` splits them), and the risks each sheet closed
    at its one assessment (a 'Closed risks' tab), by period."""
    closed: dict[str, list] = {}
    by_sheet: dict[str, dict] = {}  # each sheet's own, so that a register split from the others keeps only its own
    for f in frames:
        for p, ids in f.attrs.get("closed_now", {}).items():
            closed.setdefault(p, []).extend(ids)
            by_sheet.setdefault(f.attrs.get("sheet", ""), {}).setdefault(p, []).extend(ids)
    if closed:
        frame.attrs["closed_now"] = closed
        frame.attrs["closed_by_sheet"] = by_sheet
    if not any("risk_matrix" in f.attrs for f in frames):
        return
    matrices = {f.attrs["sheet"]: f.attrs["risk_matrix"] for f in frames if "risk_matrix" in f.attrs}
    frame.attrs["risk_matrices"] = matrices
    if len(set(matrices.values())) == 1:
        frame.attrs["risk_matrix"] = next(iter(matrices.values()))
    else:
        frame.attrs.pop("risk_matrix", None)
        report.add(", ".join(matrices), "", "", "the registers use different matrices (" + "; ".join(
            f"{name}: {m.describe()}" for name, m in matrices.items()) + "): each is summarised and mapped on its own", "info")


RISKS = KindSpec(
    name="risks",
    noun="risk",
    headers=RISK_HEADERS,
    required=("title",),
    values=tuple(RISK_FIELDS) + ("target_score",),
    period_fields=("residual_impact", "residual_likelihood", "residual_score", "residual_rating", "direction", "commentary"),
    bare_period_field="residual_score",
    key_field="title",
    id_field="risk_id",
    id_prefix="R",
    bands={"inherent": _ALIASES["inherent"] + ["before", "pre mitigation risk"],
           "residual": _ALIASES["residual"] + ["after", "post mitigation risk"],
           "target": ["target risk", "target"]},
    sequences={"impact": ("inherent_impact", "residual_impact"), "likelihood": ("inherent_likelihood", "residual_likelihood"),
               "score": ("inherent_score", "residual_score"), "rating": ("inherent_rating", "residual_rating")},
    describe="a risk/description column and impact, likelihood, score or rating columns",
    build=_build_risks,
    combine=_keep_matrices,
)


# ---------------------------------------------------------------------------------------------- reading


def read_risks(path, sheet=None, columns=None, year=None, period=None, header_row=None, config=None, matrix: RiskMatrix | None = None, *, report_only=False):
    """Read every risk register sheet of a workbook into the tidy risks frame (one row per risk per assessment).

    Parameters
    ----------
    path : str or Path
        An .xlsx, .xlsm, .xls, .ods or .csv file.
    sheet, columns, year, period, header_row, config
        As for :func:`perfkit.read_milestones`; fields are those of the risks frame (``inherent_impact``,
        ``residual_score@2024/25 Q2``...).
    matrix : RiskMatrix or dict, optional
        The scale and bands (``{"size": 4, "bands": [["Low", 1, 4], ["High", 5, 16]], "appetite": 6}``);
        by default from a key under the table, else the default for the scale's size.
    report_only : bool
        Return the :class:`~perfkit.core.errors.Report` instead of the frame.

    Returns
    -------
    pandas.DataFrame
        Columns as in this module's docstring; the matrix in ``attrs["risk_matrix"]``, warnings in ``attrs["problems"]``.

    Examples
    --------
    >>> risks = read_risks("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
    >>> risks.groupby("residual_rating", observed=False).size()  # doctest: +SKIP
    """
    if isinstance(matrix, dict):
        matrix = RiskMatrix(**{**matrix, "bands": tuple(tuple(b) for b in matrix.get("bands", ())), "source": "matrix="})
    kwargs = dict(sheet=sheet, columns=columns, year=year, period=period, header_row=header_row, config=config,
                  extra={"matrix": matrix})
    return read_kind("risks", path, report_only, kwargs)


# ---------------------------------------------------------------------------------------------- analysis


# ---------------------------------------------------------------------------------------------- the briefing section


