"""Service plans and quarterly returns with annual columns, read by the measures builder.

A service plan's table gives each indicator several years' outturns, last year's
target, the officer's "level achieved" and "trend" words and next year's target;
quarterly returns hold cumulative measures (council tax collected) whose target at
each quarter is a *profile* of the annual one. This module

- reads those columns for the measures builder (``span`` says what each figure
  covers: ``quarter``, ``half``, ``year``), keeps next year's target in
  ``next_target`` and the year's target in ``annual_target``;
- applies declared profiles and cumulative flags, and rolls monthly columns up to
  quarters when ``perfkit.toml`` asks, each time saying what it did.

The year's judgements and forecasts are :mod:`perfkit.analyse.annual`.

``perfkit.toml`` settings (all optional)::

    [measures]
    cumulative = ["CT1", "Business rates collected"]   # ids or names of year-to-date measures

    [measures.profiles]                                 # target at the end of Q1..Q4, or "straight line"
    CT1 = [29, 56.5, 84, 97.5]
    "Business rates collected" = "straight line"

    [measures.rollup]                                   # monthly columns to quarters: sum, last or mean
    default = "last"
    "Missed bins" = "sum"

Examples
--------
>>> parse_settings({"measures": {"cumulative": ["CT1"]}}).cumulative
('CT1',)
"""

from __future__ import annotations

from collections import Counter
import re
import tomllib
from dataclasses import dataclass, field
import numpy as np
import pandas as pd
from perfkit.core import schema
from perfkit.core.config import own_key, toml_string
from perfkit.core.errors import ConfigError, PeriodError
from perfkit.core.periods import Span, parse_span, period_label, quarter
from perfkit.read.columns import resolve_token, token_month
from perfkit.read.layout import period_spans as engine_spans
from perfkit.read.layout import get
from perfkit.read.layout import text


ROLLUP_RULES = ("sum", "last", "mean")


# perfkit.toml keys this module reads under [measures] (perfkit.core.config accepts them).
SETTINGS = {"cumulative", "profiles", "rollup"}


LEVEL_WORDS = {
    "met": ["met", "achieved", "target met", "target achieved", "exceeded", "yes", "y", "green", "g", "on target",
            "above target", "met target", "achieved target", "fully achieved", "exceeded target", "better than target"],
    "missed": ["not met", "not achieved", "missed", "no", "n", "red", "r", "below target", "off target", "target missed",
               "target not met", "not achieved target", "failed", "worse than target", "did not meet target"],
    "near": ["partially met", "partially achieved", "partly achieved", "partly met", "nearly met", "amber", "a",
             "close to target", "near target", "within tolerance", "almost met", "just missed", "partially", "partly", "partial"],
}


# Judgements (which way is better) and plain directions of the number: perfkit.core.schema's, here by their old name.
TREND_WORDS = schema.TREND_WORDS


LEVEL_STATUS = {"met": "Green", "near": "Amber", "missed": "Red"}


def word_key(value) -> str:
    """An officer's level-achieved or trend word as the lookups compare it: lower case, arrows kept."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return " ".join(re.sub(r"[^a-z0-9↑↓↔→=]+", " ", str(value).lower()).split()) or str(value).strip()


LEVEL_LOOKUP = {word_key(w): k for k, ws in LEVEL_WORDS.items() for w in ws}


TREND_LOOKUP = {word_key(w): k for k, ws in TREND_WORDS.items() for w in [k, *ws]}


@dataclass(frozen=True)
class AnnualSettings:
    """What ``perfkit.toml`` says about cumulative measures, profiles and monthly roll-up."""

    cumulative: tuple = ()
    profiles: dict = field(default_factory=dict)
    rollup: dict = field(default_factory=dict)
    where: str = "perfkit.toml"

    def rule_for(self, ident: str, name: str, sheet: str = "") -> str | None:
        key = own_key(self.rollup, ident, name, sheet)
        return self.rollup[key] if key is not None else self.rollup.get("default")

    def profile_for(self, ident: str, name: str, sheet: str = ""):
        key = own_key(self.profiles, ident, name, sheet)
        return self.profiles[key] if key is not None else None


def parse_settings(data: dict, where: str = "perfkit.toml") -> AnnualSettings:
    """Read the ``[measures]`` settings this module uses from a parsed TOML document.

    Examples
    --------
    >>> s = parse_settings({"measures": {"profiles": {"CT1": [29, 56.5, 84, 97.5]}, "rollup": {"default": "sum"}}})
    >>> s.profile_for("CT1", "Council tax"), s.rule_for("X", "Y")
    ([29.0, 56.5, 84.0, 97.5], 'sum')
    """
    m = data.get("measures") or {}
    problems = []
    cumulative = m.get("cumulative", [])
    if isinstance(cumulative, str):
        cumulative = [cumulative]
    if not isinstance(cumulative, list):
        problems.append("[measures] cumulative: give a list of measure ids or names, e.g. [\"CT1\"]")
        cumulative = []
    profiles = {}
    for key, value in (m.get("profiles") or {}).items():
        if isinstance(value, str) and word_key(value) in ("straight line", "straightline", "linear", "even"):
            profiles[str(key)] = "straight line"
        elif isinstance(value, list) and len(value) == 4 and all(isinstance(v, (int, float)) for v in value):
            profiles[str(key)] = [float(v) for v in value]
        else:
            problems.append(f"[measures.profiles] {key!r} = {value!r}: give the targets at the end of Q1, Q2, Q3 and Q4, "
                            "e.g. [29, 56.5, 84, 97.5], or \"straight line\"")
    rollup = {}
    for key, value in (m.get("rollup") or {}).items():
        if isinstance(value, str) and not value.strip():
            continue  # a blank perfkit init left to fill in: read as perfkit sees the sheet (its months refused, said)
        if str(value).lower() not in ROLLUP_RULES:
            problems.append(f"[measures.rollup] {key!r} = {value!r}: say sum, last or mean")
        else:
            rollup[str(key)] = str(value).lower()
    if problems:
        raise ConfigError(f"{where}: " + "; ".join(problems), hint="See README: service plans and the year end.")
    return AnnualSettings(tuple(str(c) for c in cumulative), profiles, rollup, where)


def settings_for(opts) -> AnnualSettings:
    """The settings of a read's ``perfkit.toml`` (read again with tomllib: Config keeps only its own keys)."""
    path = getattr(opts.config, "path", None)
    if path is None:
        return AnnualSettings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return AnnualSettings()
    return parse_settings(data, path.name)


@dataclass(frozen=True)
class MonthSpan(Span):
    """One month's column, kept as a month so that it can be rolled up to its quarter."""

    month: pd.Period = None

    @property
    def label(self) -> str:
        return self.month.strftime("%b %Y")

    @property
    def ordinal(self) -> int:
        return self.month.month


def period_spans(table, opts) -> dict:
    """The engine's :func:`perfkit.read.layout.period_spans`, except that with a roll-up rule in perfkit.toml
    monthly columns (several months of one quarter) are kept as months instead of being refused."""

    settings = settings_for(opts)
    if not settings.rollup:
        return engine_spans(table)
    cmap = table.cmap
    months, others = [], []
    for pc in cmap.period_columns:
        m = token_month(pc.token)
        (months if m is not None else others).append(pc)
    kept = cmap.period_columns
    try:
        cmap.period_columns = others
        spans = engine_spans(table)
    finally:
        cmap.period_columns = kept
    by_month: dict = {}
    for pc in months:
        try:
            s = resolve_token(pc.token, table.year)
        except PeriodError as exc:
            table.report.add(table.cell(cmap.header_row, pc.col), pc.field, pc.header, f"header period not understood: {exc.args[0]}")
            continue
        m = token_month(pc.token)
        cal = s.end.qyear - 1 if m >= 4 else s.end.qyear
        spans[pc.col] = MonthSpan("month", s.end, s.end, pd.Period(year=cal, month=m, freq="M"))
        by_month.setdefault((pc.field, spans[pc.col].month), []).append(pc)
    if any(len(pcs) > 1 for pcs in by_month.values()):
        # a weekly tracker's dates ('07/07/2024 ... 29/09/2024'): several columns in one month, which a roll-up of months
        # took for one month each (a duplicate of every measure); weekly snapshots are never added up, so each quarter's
        # last week stands for the quarter, whatever the rule, said
        by_quarter: dict = {}
        for (fld, _), pcs in by_month.items():
            for pc in pcs:
                by_quarter.setdefault((fld, spans[pc.col].end), []).append(pc)
        gone = [pc for pcs in by_quarter.values() for pc in sorted(pcs, key=lambda p: p.col)[:-1]]
        for pc in gone:
            spans.pop(pc.col, None)
        shown = ", ".join(repr(pc.header) for pc in gone[:3]) + (" ..." if len(gone) > 3 else "")
        table.report.add(table.cell(cmap.header_row, gone[0].col), gone[0].field, gone[0].header,
                         f"columns {shown} are weeks, several in one month: each quarter's last week stands for the quarter "
                         f"(weekly figures are never added up), the others ({len(gone)}) not read", "info")
    return spans


class MultiYearPeriod(PeriodError):
    """A period over several financial years (``2010-14``), as benchmarking files give averages."""


_FY_OR_MONTH = re.compile(r"^\s*(?:fy\s*)?(\d{4})\s*[-/–]\s*(\d{2})\s*$", re.I)


def writes_financial_years(table, col, rows) -> bool:
    """Whether a long layout's period column writes financial years as ``2010-11`` (so ``2007-10`` is not October)."""

    if col is None:
        return False
    for r in rows:
        m = _FY_OR_MONTH.match(_text(get(table.sheet.rows[r], col)))
        if m and int(m[2]) == (int(m[1]) + 1) % 100:
            return True
    return False


def check_not_multi_year(value, fy_labels: bool) -> None:
    """Refuse ``2007-10`` (three financial years, in a column of ``2010-11`` years) rather than read it as October 2007.

    Examples
    --------
    >>> try:
    ...     check_not_multi_year("2007-10", fy_labels=True)
    ... except MultiYearPeriod as exc:
    ...     print(exc.args[0])
    '2007-10' spans more than one financial year (2007/08 to 2009/10); perfkit reports quarters, half-years and single years
    """
    m = _FY_OR_MONTH.match(_text(value))
    if not m or not fy_labels:
        return
    start, end = int(m[1]), int(m[2])
    end_year = (start // 100) * 100 + end
    if end_year < start:
        end_year += 100
    if end_year - start > 1:
        raise MultiYearPeriod(f"{_text(value)!r} spans more than one financial year ({start}/{(start + 1) % 100:02d} to "
                          f"{end_year - 1}/{end_year % 100:02d}); perfkit reports quarters, half-years and single years")


def financial_year_label(value, fy_labels: bool) -> Span | None:
    """In a column that writes financial years as ``2010-11``: that year's span (``2011-12`` too, which
    :func:`perfkit.parse_span` alone reads as December 2011); a multi-year label is refused.

    Examples
    --------
    >>> financial_year_label("2011-12", fy_labels=True).label
    '2011/12'
    >>> financial_year_label("2011-12", fy_labels=False) is None
    True
    """
    check_not_multi_year(value, fy_labels)
    m = _FY_OR_MONTH.match(_text(value))
    if not m or not fy_labels:
        return None
    return parse_span(f"{m[1]}/{m[2]}")


def row_span(value, p) -> Span:
    """What a long layout's period cell covers: a year or half-year label keeps its kind, anything else is its quarter."""
    try:
        span = parse_span(_text(value)) if isinstance(value, str) else None
    except PeriodError:
        span = None
    if span is not None and span.kind in ("year", "half") and span.end == p:
        return span
    return Span("quarter", p, p)


def word_columns(table, by_field: dict) -> dict:
    """Where the officer's level-achieved and trend words are: field -> [(span or None, col)]."""
    out = {}
    for fld in ("reported_level", "reported_trend", "cumulative"):
        cols = list(by_field.get(fld, []))
        if fld in table.cmap.fields:
            cols.append((None, table.cmap.fields[fld]))
        if cols:
            out[fld] = cols
    return out


def _text(v) -> str:
    return text(v)


#: What :func:`record_extras` gives each figure, in order, before the officer's words (:func:`word_fields`).
EXTRAS = ["span", "month", "annual_target", "next_target", "_quarter_target"]


def word_fields(words: dict) -> list[str]:
    """What :func:`record_extras` gives each figure after :data:`EXTRAS`: each of the officer's word fields and its cell."""
    return [name for fld in words for name in (fld, f"{fld}_source")]


def record_extras(table, r: int, span, static_target, targets: dict, words: dict, latest, plans: dict | None = None) -> tuple:
    """The service-plan fields of one measure's figure: span, month, annual and next year's target, whether the period
    has a target of its own (:data:`EXTRAS`), then the officer's words and their cells (:func:`word_fields`).

    Which of ``targets`` and which of the ``words`` columns a period takes is the same for every row: given ``plans``
    (a dict kept by the caller while the spans it is given stay alive), it is worked out once per span.
    """
    if not targets and not words:  # the sheet's one target column and none of the words: the plan is the span's own
        return span.kind, getattr(span, "month", None), static_target[0], np.nan, False
    plan = plans.get(id(span)) if plans is not None else None
    if plan is None:
        plan = _extras_plan(span, targets, words, latest)
        if plans is not None:
            plans[id(span)] = plan
    kind, month, annual_key, quarter_keys, quarter_end_key, next_key, word_cols = plan
    annual = targets[annual_key] if annual_key is not None else None
    if annual is None and not np.isnan(static_target[0]):
        annual = static_target
    if annual is None:
        annual = targets[quarter_end_key] if quarter_end_key is not None else (np.nan,)
    out = [kind, month, annual[0], targets[next_key][0] if next_key is not None else np.nan,
           any(not all(np.isnan(targets[s])) for s in quarter_keys)]
    if word_cols:
        row = table.sheet.rows[r]
        for fld, col in word_cols:
            value = _text(get(row, col)) if col is not None else ""
            out.append(value)
            out.append(table.cell(r, col) if col is not None and value else "")
    return tuple(out)


def _extras_plan(span, targets: dict, words: dict, latest) -> tuple:
    """What :func:`record_extras` takes for one period, whatever the row: the targets it reads (by their span) and
    the column of each of the officer's words (None for none)."""
    p = span.end
    kind = span.kind if span is not None else "quarter"
    year_end = quarter(p.qyear, 4)
    annual_key = next((s for s in targets if s.kind == "year" and s.end == year_end), None)
    quarter_keys = tuple(s for s in targets if s.kind == kind and s.end == p) if kind != "year" else ()
    quarter_end_key = next((s for s in targets if s.kind == "quarter" and s.end == year_end), None)
    next_key = next((s for s in targets if s.kind == "year" and s.end == year_end + 4), None)
    word_cols = []
    for fld, cols in words.items():
        col = next((c for s, c in cols if s is not None and s.kind == kind and s.end == p), None)
        if col is None and kind == "year":
            col = next((c for s, c in cols if s is not None and s.end == p), None)
        if col is None:
            static = next((c for s, c in cols if s is None), None)
            if static is not None and (fld == "cumulative" or latest is None or p == latest):
                col = static
        word_cols.append((fld, col))
    return kind, getattr(span, "month", None), annual_key, quarter_keys, quarter_end_key, next_key, tuple(word_cols)


#: Words that say figures build through the year, in a measure's name or a note: cumulative, year to date, YTD.
# A target column's header that says it is the year's: "Annual target", "2024/25 target", "Year-end target".
YEARS_TARGET = re.compile(r"(?i)\b(?:annual|yearly|year|year[\s-]end|full[\s-]year|(?:20)?\d\d\s*[/-]\s*\d\d)\b")
CUMULATIVE_WORDS = re.compile(r"(?i)\b(?:cumulative|year[\s-]to[\s-]date|ytd)\b")
_YES = {"y", "yes", "true", "1", "cumulative", "ytd", "year to date", "cum", "c"}


_NO = {"n", "no", "false", "0", "snapshot", "in year", "in quarter", "discrete", "point in time", "s", ""}


# "Trend: Improving, Maintained (within 1%), Declining": a change within the band is no change, as the officer judges it
_TREND_BAND = re.compile(r"(?i)\b(?:maintained|stable|no\s+change|unchanged|static|steady|similar)\s*[(:=\-–]?\s*(?:if\s+)?"
                         r"(?:within|up\s+to|less\s+than|no\s+more\s+than)\s+(?:±|\+/-)?\s*(\d+(?:\.\d+)?)\s*%")


def _note_texts(table):
    """The text cells (under 400 characters) of a sheet's title rows and of the 400 rows under its header, first 12
    columns: where a note or key about the trend column is, as (row, column, text)."""
    rows = table.sheet.rows
    for r in [*range(0, table.cmap.header_row), *range(table.cmap.header_row + 1, min(len(rows), table.cmap.header_row + 400))]:
        for c, v in enumerate(rows[r][:12]):
            if v.__class__ is str and len(v) < 400:
                yield r, c, v


_AGAINST_LAST_YEAR = re.compile(r"(?i)\b(?:direction(?:\s+of\s+travel)?|dot|trend|arrows?)\b[^.;]{0,60}?\b(?:compar\w*|against|"
                                r"measured)\b[^.;]{0,40}?\bsame\s+(?:quarter|period|time)\s+(?:last|the\s+previous|a)\s+year")


def _direction_stated(table, out: pd.DataFrame) -> None:
    """A title or note saying the direction of travel is against the same quarter last year ('Direction of travel
    compares this quarter with the same quarter last year'): kept as ``direction_against``, said, so that the brief
    compares so and the services' own words are checked against that quarter (against Q1, three were false
    contradictions)."""
    for r, c, v in _note_texts(table):
        if _AGAINST_LAST_YEAR.search(v):
            out.attrs["direction_against"] = "last_year"
            table.report.add(table.cell(r, c), "reported_trend", v, f"{v[:80]!r}: the direction of travel is against the same "
                             "quarter last year, as the sheet says", "info")
            return


def _stated_trend_band(table, out: pd.DataFrame) -> None:
    """A note saying how far a figure may move and still be 'Maintained' ('Maintained (within 1%)'): kept as the frame's
    ``trend_band`` (per cent of last year's figure), said in a note, so the officer's trend words are checked by it."""
    for r, c, v in _note_texts(table):
        if m := _TREND_BAND.search(v):
            out.attrs["trend_band"] = float(m[1])
            table.report.add(table.cell(r, c), "reported_trend", v, f"{v[:80]!r}: a change of no more than {m[1]}% is "
                             "'maintained', as the sheet says: the services' trend words are checked by it", "info")
            return


_MARK = "↑↓→↔▲▼⬆⬇➡↗↘"
_MARK_MEANS = re.compile(rf"([{_MARK}])\s*[=:\-–]?\s*([^;,.{_MARK}]{{3,80}})")


def _stated_trend_marks(table, out: pd.DataFrame) -> None:
    """A key to the trend column's arrows ('Trend: ↑ improved on the previous year; ↓ worse than the previous year; → no
    change'): each arrow is the judgement its words give, never a plain rise or fall. Read as a rise, a lower-is-better
    figure that fell under a '↑' was listed as the officer contradicting the figures. Kept as the frame's
    ``trend_marks``, said in a note."""
    if table.cmap.fields.get("reported_trend") is None:
        return
    for r, c, v in _note_texts(table):
        if not any(m in v for m in _MARK):
            continue
        said = {}
        for mark, words in _MARK_MEANS.findall(v):
            # "↑ = performance improved", "↓ = the figure has worsened": the judgement after the words naming what moved
            key = re.sub(r"^(?:(?:performance|figures?|the|it|has|have|is|was)\s+)+", "", word_key(words))
            meaning = TREND_LOOKUP.get(key) or next((TREND_LOOKUP[k] for k in (" ".join(key.split()[:n]) for n in (2, 1))
                                                     if k in TREND_LOOKUP), None)
            if meaning is not None:
                said[mark] = meaning
        if len(said) >= 2 and any(m in ("Improving", "Worsening") for m in said.values()):
            out.attrs["trend_marks"] = said
            shown = ", ".join(f"{m} {w}" for m, w in said.items())
            table.report.add(table.cell(r, c), "reported_trend", v, f"{v[:80]!r}: the trend column's arrows are read as the "
                             f"sheet's key says ({shown}), each a judgement by the measure's polarity", "info")
            return


_UP, _DOWN, _LEVEL = "↑▲⬆↗", "↓▼⬇↘", "→↔➡"


def _trend_arrows_by_polarity(table, out: pd.DataFrame) -> None:
    """A trend column of arrows with no key: where its lower-is-better measures show what the arrows mean (two or more
    whose figures fell marked ``↑``, or rose marked ``↓``, and none the other way), each arrow is a judgement (``↑``
    better), said in a note; read as a rise, each of them was listed as the officer contradicting the figures."""
    if "trend_marks" in out.attrs or not {"actual", "polarity", "period", "measure_id"} <= set(out.columns):
        return
    trend = out["reported_trend"].astype(str).str.strip().to_numpy()
    if np.isin(trend, list(_UP + _DOWN)).sum() < 2:
        return
    span = out["span"].astype(str).to_numpy() if "span" in out else np.full(len(out), "")
    order = np.lexsort((out["period"].array.asi8, span, pd.factorize(out["measure_id"])[0]))
    rows = out.iloc[order]
    prev = rows.groupby([rows["measure_id"].astype(str).to_numpy(), span[order]], sort=False)["actual"].shift()
    a, b = rows["actual"].to_numpy(float), prev.to_numpy(float)
    t = trend[order]
    lower = (rows["polarity"].astype(str).to_numpy() == "lower") & ~np.isnan(a) & ~np.isnan(b) & (a != b)
    says_up, says_down = np.isin(t, list(_UP)), np.isin(t, list(_DOWN))
    rose = a > b
    judged = lower & ((says_up & ~rose) | (says_down & rose))  # fell and marked up: better, as lower is
    moved = lower & ((says_up & rose) | (says_down & ~rose))
    if judged.sum() < 2 or moved.any():
        return
    marks = {m: w for marks, w in ((_UP, "Improving"), (_DOWN, "Worsening"), (_LEVEL, "No change")) for m in marks if m in set(trend)}
    out.attrs["trend_marks"] = marks
    col = table.cmap.fields.get("reported_trend")
    where = table.cell(table.cmap.header_row, col) if col is not None else table.sheet.name
    table.report.add(where, "reported_trend", "", f"the trend column's arrows are read as judgements ({', '.join(f'{m} {w}' for m, w in marks.items())}), "
                     f"as its lower-is-better measures show: {int(judged.sum())} whose figures fell are marked up, or rose marked down; "
                     "if they mean the figure rose or fell, give a key under the table ('↑ figure increased')", "info")


_SINCE = re.compile(r"(?i)\b(?:since|from|against|vs\.?|versus|compared\s+(?:with|to)|on)\s+(?:the\s+)?(?:\w+\s+)?"
                    r"(?:baseline|base\s+year|base|start|20\d\d(?:[/-]\d\d)?)\b"
                    # a trend over several years (Pentana's 'Long Trend', 'Five-year trend'): never the year before's
                    r"|\blong[\s-]*(?:term\s+)?trend|\b(?:\d+|three|four|five|ten)[\s-]*years?\s+trend|\btrend\s+over\s+(?:\d+|three|four|five|ten)\s+years")


def _trend_since(table, out: pd.DataFrame) -> None:
    """A trend column headed for its own starting point (``Trend since baseline``, ``Change since 2019``): its words
    compare the latest figure with that, never with the year before, so they are never checked against the year before's
    figure (five indicators were listed as the officer contradicting the figures). Kept as ``trend_since``, said."""
    col = table.cmap.fields.get("reported_trend")
    header = table.cmap.headers.get(col, "") if col is not None else ""
    since = _SINCE.search(header) if header else None
    named = re.search(r"20\d\d[/-]\d\d", since[0]) if since else None
    if named and len(out):
        try:
            before = parse_span(named[0]).end == out["period"].max() - 4
        except PeriodError:
            before = False
        if before:  # "Change on 2021-22" beside 2022-23: the year before the latest, checked against it as any trend is
            return
    if since:
        out.attrs["trend_since"] = header
        table.report.add(table.cell(table.cmap.header_row, col), "reported_trend", header,
                         f"column {header!r} compares each figure with its own starting point, not the period before: its "
                         "words are the direction where no earlier figure compares, never checked against the one before", "info")


_YTD_WORDS = re.compile(r"(?i)\bytd\b|year[\s-]*to[\s-]*date")
_YEARS_TARGET_WORDS = re.compile(r"(?i)\b(?:annual|yearly|year[\s-]end|full[\s-]year)\b|\d{4}\s*/\s*\d{2}\s+target|target\s+\d{4}\s*/\s*\d{2}")


def finish_measures(frame: pd.DataFrame, extras: dict, ids: list, names: list, table, opts) -> pd.DataFrame:
    """Add the service-plan columns to a sheet's measures frame, then apply cumulative flags, profiles and roll-up.

    ``extras`` holds, for each of the frame's rows, what :func:`record_extras` gave it (one column per field); ``ids`` and
    ``names`` each row's measure as read. Every change is said aloud in the sheet's report: a profiled target with the
    profile used, a straight-line guess as a warning, a monthly roll-up with its rule.
    """
    settings = settings_for(opts)
    report = table.report
    out = frame.copy()
    n = len(out)
    out["span"] = pd.Categorical(list(extras["span"]), categories=schema.SPANS) if n else pd.Categorical([], categories=schema.SPANS)
    for c in ("annual_target", "next_target"):
        out[c] = np.array(extras[c], dtype=float) if n else np.array([], dtype=float)
    has_words = {fld for fld, source in (("reported_level", "reported_level_source"), ("reported_trend", "reported_trend_source"))
                 if any(extras.get(source, ()))}
    for fld in ("reported_level", "reported_trend"):
        if fld in table.cmap.fields or any(pc.field == fld for pc in table.cmap.period_columns) or fld in has_words:
            out[fld] = list(extras[fld]) if fld in extras else [""] * n
            out[f"{fld}_source"] = list(extras[f"{fld}_source"]) if fld in extras else [""] * n
    _direction_stated(table, out)
    if "reported_trend" in out:
        _stated_trend_band(table, out)
        _stated_trend_marks(table, out)
        _trend_arrows_by_polarity(table, out)
        _trend_since(table, out)
    # Cumulative: the workbook's column, then perfkit.toml's list, then a declared profile.
    declared = set(settings.cumulative)
    cum = np.zeros(n, dtype=bool)
    unknown = {}
    keys: dict = {}  # each cell's word once: a sheet's cumulative column holds a few words, over thousands of rows
    named = bool(declared) or bool(settings.profiles)  # perfkit.toml names measures as cumulative (or profiled)
    raws = extras.get("cumulative")
    if raws is not None or named or word_key("") not in _NO:  # else every row's word is none: not cumulative
        raws = raws if raws is not None else [""] * n
        sources = extras.get("cumulative_source", [""] * n)
        for i, raw in enumerate(raws):
            if raw.__class__ is str:
                word = keys.get(raw)
                if word is None:
                    word = keys[raw] = word_key(raw)
            else:
                word = word_key(raw)
            if word in _YES:
                cum[i] = True
            elif word not in _NO:
                unknown.setdefault(raw, []).append(sources[i] or table.sheet.name)
            if named and (own_key(declared, ids[i], names[i], table.sheet.name) is not None
                          or settings.profile_for(ids[i], names[i], table.sheet.name) is not None):
                cum[i] = True
    for word, cells in unknown.items():
        report.add(cells[0], "cumulative", word, f"cumulative {word!r} not understood (write yes or no): taken as not cumulative", "warning")
    if "cumulative" not in table.cmap.fields:  # "Affordable homes delivered (cumulative)": the measure says so itself
        # With the year's target alone, its profile is a straight line to it, a warning (see _apply_profiles): read as
        # not cumulative, the brief compared 55% at Q2 with the year's 98% ("furthest from target") and counted each
        # quarter's rise to date as an improvement, with no word.
        # ... where its target is profiled in the workbook, or is the year's by its header ('Annual target', '2024/25
        # target'): a plain 'Target' beside one quarter's figures is that quarter's own ('reported against the Q2 target')
        said: set = set()
        quarter_target = extras["_quarter_target"]
        profiled = {ids[i] for i in range(n) if quarter_target[i]}
        cmap = table.cmap
        yearly = any(YEARS_TARGET.search(cmap.headers.get(c, "")) for c in
                     [*([cmap.fields["target"]] if "target" in cmap.fields else []), *(pc.col for pc in cmap.period_columns if pc.field == "target")])
        # one plain "Target" beside two or more quarters' figures ("Target | Q1 | Q2"): one figure for every quarter, so
        # for a measure whose name says cumulative and whose figures build towards it (council tax collected: 29% at
        # Q1, 56% at Q2, against 97.5%) it is the year's, never each quarter's own; a rate to date near its target
        # all year ('Rent collected as a % of rent due (year to date)', 97.9% then 98.9% against 98.5%) is compared as given
        plain = ("target" in cmap.fields and not any(pc.field == "target" for pc in cmap.period_columns)
                 and len({pc.token for pc in cmap.period_columns if pc.field == "actual"}) >= 2)
        building = _building(out) if plain and not yearly else set()
        # 'Rent collected as % of rent due (year to date)' at 97.8% in Q1 against 98.5% for the year: a rate to date, near
        # its target all year, never an amount that builds towards it (a straight line made its Q1 target 24.6)
        near = _near_target_early(out) if yearly else set()
        # "Q1 (cumulative) | Q2 (cumulative)": every quarter's figure headed as to date, so every measure is cumulative
        heads = [pc.header for pc in cmap.period_columns if pc.field == "actual"]
        # (never 'Q2 2025/26 YTD | Q2 2024/25 YTD' beside a 'Target 2025/26 YTD': figures to date against a target to date,
        # compared as given)
        target_heads = [cmap.headers.get(c, "") for c in [cmap.fields.get("target"), *(pc.col for pc in cmap.period_columns
                                                                                       if pc.field == "target")] if c is not None]
        headed = (len(heads) >= 2 and all(re.search(r"(?i)\bcumulative\b", h) for h in heads)
                  and not any(CUMULATIVE_WORDS.search(h) for h in target_heads))
        if headed and not all(cum):
            report.add(table.sheet.name, "cumulative", heads[0], f"columns {', '.join(map(repr, heads[:4]))} say their figures "
                       "are to date: every measure read as cumulative, each quarter compared with its profile or the same "
                       "quarter last year, not with the quarter before", "info")
        # "Annual target | Q2 YTD": the one figures column to date beside the year's target, so each count is cumulative
        # (never a share, 76% of checks to date, which is a rate compared with its target as given)
        units = out["unit"].astype(str).to_numpy() if "unit" in out else np.full(n, "")
        one_to_date = (len(heads) == 1 and _YTD_WORDS.search(heads[0]) is not None and bool(target_heads)
                       and all(_YEARS_TARGET_WORDS.search(h) and not CUMULATIVE_WORDS.search(h) for h in target_heads))
        counted = [i for i in range(n) if one_to_date and not cum[i] and units[i] != "%" and "%" not in str(names[i])]
        if counted:
            report.add(table.sheet.name, "cumulative", heads[0], f"column {heads[0]!r} is the year to date beside the year's "
                       f"target in {target_heads[0]!r}: its {len({ids[i] for i in counted})} counts read as cumulative, each "
                       "compared with its profile (or, with none, the service's own rating), never the half-year with the "
                       "whole year's target", "info")
        for i in range(n):
            if not cum[i] and (table.years_to_date or headed or names[i] in table.to_date or i in counted):  # '274.9 (YTD)': cumulative, as the cells say
                cum[i] = True
                continue
            if not (not cum[i] and (yearly or ids[i] in profiled or ids[i] in building) and isinstance(names[i], str)
                    and CUMULATIVE_WORDS.search(names[i])):
                continue
            rate = ids[i] in near and ids[i] not in profiled
            cum[i] = not rate
            if names[i] not in said:
                said.add(names[i])
                report.add(str(out["source"].iloc[i]) if "source" in out else table.sheet.name, "cumulative", names[i],
                           f"{names[i]}: its name says year to date, but its figures stand near its target from early in the "
                           "year: a rate to date, compared with its target as given, not a total that builds towards it "
                           "(if it builds, name it under [measures] cumulative in perfkit.toml)" if rate else
                           f"{names[i]}: its name says its figures are cumulative (year to date): each quarter is compared "
                           "with its profile or the same quarter last year, not with the quarter before", "info")
    out["cumulative"] = cum
    if n and "frequency" not in table.cmap.fields and not {"year", "half"}.isdisjoint(extras["span"]):
        # a measure given only as years (or halves) is annual (half-yearly); with no year or half read, none is
        only = pd.Series(_one_span(out["measure_id"].tolist(), out["span"].astype(object).tolist()), index=out.index, dtype=object)
        freq = out["frequency"].astype(object).where(~only.isin(["year", "half"]), only.map({"year": "annual", "half": "half-yearly"}))
        out["frequency"] = pd.Categorical(freq, categories=schema.FREQUENCIES)
    if "reported_level" in out and "reported_status" in out and n:
        _level_as_status(out, table)
    from_workbook = np.array(extras["_quarter_target"], dtype=bool)
    if n and (out["span"] == "month").any():
        # months first become quarters, so that a cumulative measure's quarter is profiled like any other's
        out["_from_workbook"] = from_workbook
        out = _roll_up(out, settings, table, extras["month"])
        from_workbook = out.pop("_from_workbook").to_numpy(dtype=bool)
    return _apply_profiles(out, from_workbook, settings, table)


def level_statuses(words: pd.Series) -> pd.Series:
    """The status each officer's level-achieved word says (``Achieved`` Green, ``Partially`` Amber, ``No`` Red), else None."""
    return words.map(lambda w: LEVEL_STATUS.get(LEVEL_LOOKUP.get(word_key(w), "")), na_action="ignore").astype(object)


def _level_as_status(out: pd.DataFrame, table) -> None:
    """A quarter's 'Achievement' words (Achieved / Partially achieved / Not achieved) where the sheet gives no status of its
    own: the services' status for that quarter (Green, Amber, Red), said in a note, never set aside unsaid."""
    status = out["reported_status"]
    if status.notna().any():
        return
    quarters = (out["span"].astype(str) == "quarter").to_numpy()
    words = out["reported_level"].fillna("").astype(str).to_numpy()
    levels = [LEVEL_LOOKUP.get(word_key(w), "") for w in words]
    mapped = [LEVEL_STATUS.get(v) for v in levels]
    use = quarters & np.array([m is not None for m in mapped], dtype=bool)
    if not use.any():
        return
    out["reported_status"] = pd.Categorical([m if u else None for m, u in zip(mapped, use)], dtype=status.dtype)
    col = table.cmap.fields.get("reported_level")
    where = table.cell(table.cmap.header_row, col) if col is not None else table.sheet.name
    shown = ", ".join(f"{w} = {LEVEL_STATUS[lv]}" for w, lv in dict((w, lv) for w, lv, u in zip(words, levels, use) if u).items())
    table.report.add(where, "reported_status", "", f"the services' achievement words read as their status for each quarter ({shown}), "
                     "as the sheet gives no status column of its own", "info")


def _building(out: pd.DataFrame) -> set:
    """The measures whose figures rise quarter by quarter and stand, at their latest, well short of the one target they
    share with every quarter (at most three quarters of it, before the year's last quarter): figures that build towards
    the year's target."""
    if not {"measure_id", "period", "actual", "target"} <= set(out.columns) or not len(out):
        return set()
    rows = out[["measure_id", "period", "actual", "target"]].dropna(subset=["actual"])
    if not len(rows):
        return set()
    # in arrays, each measure's rows together in period order: a pandas group for each of 20,000 measures took seconds
    codes, idents = pd.factorize(rows["measure_id"], use_na_sentinel=True)
    ordinal, quarter = _period_arrays(rows["period"])
    order = np.lexsort((ordinal, codes))
    codes, a = codes[order], rows["actual"].to_numpy(dtype=float)[order]
    t = rows["target"].to_numpy(dtype=float)[order]
    quarter = quarter[order]
    last = np.r_[codes[1:] != codes[:-1], True]  # each measure's latest row
    first = np.r_[True, codes[1:] != codes[:-1]]
    falls = np.zeros(len(codes), bool)
    falls[1:] = ~first[1:] & ~(np.diff(a) > 0)  # a figure that does not rise on the one before it, within a measure
    fell = np.zeros(len(idents) + 1, bool)
    np.logical_or.at(fell, codes[falls], True)
    n = np.bincount(codes[codes >= 0], minlength=len(idents))
    at = np.flatnonzero(last & (codes >= 0))
    keep = ((n[codes[at]] >= 2) & ~np.isnan(t[at]) & (t[at] > 0) & (quarter[at] != 4) & ~fell[codes[at]]
            & (a[at] <= 0.75 * t[at]))
    return {idents[c] for c in codes[at][keep]}


def _period_arrays(periods: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each period's ordinal and its quarter of the financial year, as arrays (one call each for a column of one
    frequency, as read; period by period otherwise, a missing period first in order and in no quarter)."""
    if isinstance(periods.dtype, pd.PeriodDtype) and not periods.isna().any():
        return periods.array.asi8, periods.dt.quarter.to_numpy(dtype=np.int64)
    return (np.array([getattr(p, "ordinal", np.iinfo(np.int64).min) for p in periods], dtype=np.int64),
            np.array([q if isinstance(q := getattr(p, "quarter", 0), int) else 0 for p in periods], dtype=np.int64))


_A_RATE = re.compile(r"(?i)%|\bper\s*cent|\bpercentage\b|\brate\b")


def _near_target_early(out: pd.DataFrame) -> set:
    """The measures whose every figure in the first half of the year is already above three quarters of their (positive) target:
    figures that stand near the target from the start, never a total building towards it (council tax collected to date
    is about half its target at Q2, and near it only by Q3)."""
    if not {"measure_id", "period", "actual", "target"} <= set(out.columns) or not len(out):
        return set()
    actual, target = out["actual"].to_numpy(dtype=float), out["target"].to_numpy(dtype=float)
    early = np.isin(_period_arrays(out["period"])[1], (1, 2))
    # a rate (a percentage): a total that builds may be front-loaded (funding secured), a rate to date never grows fourfold
    units = out["unit"].astype(str).to_numpy() if "unit" in out else np.full(len(out), "")
    names = out["name"].astype(str).to_numpy() if "name" in out else np.full(len(out), "")
    rate = np.array([u == "%" or bool(_A_RATE.search(n)) for u, n in zip(units, names)], dtype=bool)
    with np.errstate(invalid="ignore"):
        given = early & rate & (target > 0) & ~np.isnan(actual)
        near = given & (actual > 0.75 * target)
    ids = out["measure_id"].to_numpy()
    # every early figure near it: 29.1% at Q1 and 57.4% at Q2 against 57 is a total building, reaching it at Q2
    return set(ids[near]) - set(ids[given & ~near])


def _one_span(ids: list, spans: list) -> list:
    """For each row, its measure's span where every row of the measure has that one span, else "" (NaN for no measure).

    In plain lists: a pandas group for each of 40,000 measures took 20 s.
    """
    missing = [i.__class__ is not str and pd.isna(i) for i in ids]  # text is never missing: asked of the rest only
    if not any(missing):  # every row a measure's: each (measure, span) pair counted once, in C
        first = dict(zip(reversed(ids), reversed(spans)))  # the first row's span wins, written last
        kinds = Counter(i for i, span in set(zip(ids, spans)) if span.__class__ is str or not pd.isna(span))
        return [first[i] if kinds.get(i, 0) == 1 else "" for i in ids]
    first: dict = {}
    seen: dict = {}
    for i, span, gone in zip(ids, spans, missing):
        if gone:  # no measure: left as it is
            continue
        first.setdefault(i, span)
        if span.__class__ is str or not pd.isna(span):
            seen.setdefault(i, set()).add(span)
    return [np.nan if gone else first[i] if len(seen.get(i, ())) == 1 else "" for i, gone in zip(ids, missing)]


def _apply_profiles(out: pd.DataFrame, from_workbook: np.ndarray, settings: AnnualSettings, table) -> pd.DataFrame:
    """A cumulative measure's target at Q1-Q3 is its profile, not the annual figure."""
    if not len(out):
        return out
    report = table.report
    if not out["cumulative"].to_numpy().any():  # no cumulative measure: no profile wanted
        return out
    span = out["span"].astype(object).to_numpy()
    todo = out["cumulative"].to_numpy() & (span == "quarter") & ~from_workbook & ~np.isnan(out["annual_target"].to_numpy())
    if not todo.any():
        return out
    q = np.array([p.quarter for p in out["period"]])  # each row's quarter of its year, asked only where a profile is wanted
    target = out["target"].to_numpy(dtype=float).copy()
    annual = out["annual_target"].to_numpy(dtype=float)
    ids = out["measure_id"].to_numpy()
    # a measure the sheet gives a quarter's own target ('Q2 Target 56.5'): its profile is the sheet's, never a straight line
    own_quarter = set(ids[from_workbook & (span == "quarter") & ~np.isnan(target)])
    for ident in pd.unique(out.loc[todo, "measure_id"]):
        rows = np.flatnonzero(todo & (ids == ident))
        name = out["name"].iloc[rows[0]]
        profile = settings.profile_for(ident, name, table.sheet.name)
        where = out["source"].iloc[rows[0]]
        if ident in own_quarter and not isinstance(profile, list) and profile != "straight line":
            target[rows] = np.nan
            shown = ", ".join(period_label(out["period"].iloc[i]) for i in rows[:3])
            report.add(where, "target", name, f"{ident} {name!r} is cumulative, and the sheet gives its own target for a quarter "
                       f"but not for {shown}: no target there (its status is Data only), never a straight line to the annual "
                       f"{annual[rows[0]]:g}", "info")
            continue
        if isinstance(profile, list):
            target[rows] = np.array(profile)[q[rows] - 1]
            close = lambda v: abs(v - annual[rows[0]]) <= 1e-9 * max(1.0, abs(annual[rows[0]]))  # noqa: E731
            if close(sum(profile)) and not close(profile[3]):
                # each quarter's own share of the year (200 fires a quarter of 800): the quarters add up to the year
                report.add(where, "target", name, f"{ident} {name!r}: the profile in {settings.where} "
                           f"({', '.join(f'{v:g}' for v in profile)}) adds up to the annual target {annual[rows[0]]:g}: "
                           "each quarter's figure is compared with its own quarter's target", "info")
            elif not close(profile[3]):
                report.add(where, "target", name, f"{ident} {name!r}: the profile in {settings.where} ends at {profile[3]:g}, "
                           f"but the annual target is {annual[rows[0]]:g}; the profile is used at each quarter", "warning")
            else:
                report.add(where, "target", name, f"{ident} {name!r} is cumulative: its target at each quarter is the profile in "
                           f"{settings.where} ({', '.join(f'{v:g}' for v in profile)}), not the annual {annual[rows[0]]:g}", "info")
        else:
            target[rows] = annual[rows] * q[rows] / 4
            if profile == "straight line":
                report.add(where, "target", name, f"{ident} {name!r} is cumulative: its target at each quarter is a straight line "
                           f"to the annual {annual[rows[0]]:g}, as {settings.where} says", "info")
            elif "reported_status" in out and pd.notna(out["reported_status"].iloc[max(rows, key=lambda i: out["period"].iloc[i])]):
                # the service rates its latest quarter itself, and its rating is the one counted: a straight line would put a
                # target before the committee that nobody set (48.2% where the council's profile was 55.5%), so the quarters
                # have none, said, never a warning that holds the brief
                target[rows] = np.nan
                report.add(where, "target", name, f"{ident} {name!r} is cumulative with no target profile: no target is shown at "
                           f"each quarter (a straight line to the annual {annual[rows[0]]:g} would be a guess); its latest status is "
                           f"the service's own rating, which counts; if it has a profile, give it under [measures.profiles] in "
                           f"perfkit.toml, e.g. {toml_string(str(name))} = "
                           f"[{', '.join(f'{annual[rows[0]] * k / 4:g}' for k in range(1, 5))}]", "info")
            else:
                report.add(where, "target", name, f"{ident} {name!r} is cumulative but has no target profile: its target at each "
                           f"quarter is taken as a straight line to the annual {annual[rows[0]]:g} (a quarter of it per quarter). "
                           f"Give per-quarter targets, or its profile under [measures.profiles] in perfkit.toml, its targets "
                           f"at the end of Q1 to Q4 (the straight line was {toml_string(str(name))} = "
                           f"[{', '.join(f'{annual[rows[0]] * k / 4:g}' for k in range(1, 5))}]), or "
                           f"{toml_string(str(name))} = \"straight line\" if that is its profile", "warning")
    out["target"] = target
    return out


_A_SHARE = re.compile(r"(?i)%|\bper\s*cent|\bpercentage\b|\bproportion\b|\brate\b")


def _roll_up(out: pd.DataFrame, settings: AnnualSettings, table, months: list) -> pd.DataFrame:
    """Fold month rows into one quarter row per measure, by each measure's rule (sum, last or mean)."""
    report = table.report
    is_month = (out["span"] == "month").to_numpy()
    monthly = out[is_month].copy()
    monthly["_month"] = [m for m, keep in zip(months, is_month) if keep]
    monthly = monthly.sort_values(["measure_id", "period", "_month"], kind="stable")
    parts = []
    said: set = set()
    used: dict[str, list[str]] = {}
    rising: dict[str, list[float]] = {}  # each measure's monthly figures, in order
    last_rule: dict[str, tuple] = {}  # measures rolled up by their last month and not said to be cumulative
    for (ident, p), g in monthly.groupby(["measure_id", "period"], sort=False, observed=True):
        name = g["name"].iloc[0]
        rule = settings.rule_for(ident, name, table.sheet.name)
        if rule is None:
            report.add(g["source"].iloc[0], "actual", name, f"{ident} {name!r}: monthly figures but no roll-up rule for it in "
                       f"{settings.where}; add it under [measures.rollup] (sum, last or mean)")
            continue
        used.setdefault(rule, []).append(ident)
        row = g.iloc[[-1]].copy()
        acts = g["actual"].to_numpy(dtype=float)
        rising.setdefault(ident, []).extend(acts[~np.isnan(acts)].tolist())
        if rule == "last" and not bool(g["cumulative"].iloc[-1]):
            share = bool(_A_SHARE.search(f"{name} {g['unit'].iloc[-1] if 'unit' in g else ''}"))
            last_rule.setdefault(ident, (name, g["source"].iloc[0], g["target"].iloc[-1], share))
        tars = g["target"].to_numpy(dtype=float)
        if rule == "sum":
            row["actual"] = np.nan if np.isnan(acts).all() else np.nansum(acts)
            if not np.isnan(tars).all() and not (np.nanmax(tars) == np.nanmin(tars) and g["annual_target"].notna().all()):
                row["target"] = np.nansum(tars)  # one target per month: the quarter's is their sum
            elif not np.isnan(tars).all() and (ident, "target") not in said:
                said.add((ident, "target"))
                report.add(g["source"].iloc[0], "target", name, f"{ident} {name!r}: its one target ({tars[-1]:g}) is compared with "
                           f"the sum of each quarter's months; if it is a monthly target, give one target per month", "info")
        elif rule == "mean":
            row["actual"] = np.nan if np.isnan(acts).all() else np.nanmean(acts)
            row["target"] = np.nan if np.isnan(tars).all() else np.nanmean(tars)
        present = int((~np.isnan(acts)).sum())
        first, last = g["source"].iloc[0], g["source"].iloc[-1]
        row["source"] = f"{first}:{last.split('!')[-1]}" if first != last else first
        row["span"] = "quarter"
        if present < 3 and rule != "last":
            report.add(row["source"].iloc[0], "actual", name, f"{ident} {name!r}: {period_label(p)} has {present} of 3 months; "
                       f"its {rule} covers only those", "warning")
        parts.append(row)
    for ident, (name, where, target, share) in last_rule.items():
        figures = rising.get(ident, [])
        # (a share rising gently month by month, 66% to 72%, is a rate improving, never a year to date: only one that
        # builds, 10% to 38% of the year's council tax, is asked about)
        if len(figures) >= 4 and all(b > a for a, b in zip(figures, figures[1:])) and not np.isnan(target) and figures[-1] < target \
                and (not share or figures[0] > 0 and figures[-1] >= 2 * figures[0]):
            # 10%, 19%, 29%, 38%... towards 97%: a year-to-date figure, judged against the whole year's target unless said
            report.add(where, "cumulative", name, f"{ident} {name!r}: its monthly figures rise every month ({', '.join(f'{v:g}' for v in figures[:4])}"
                       f"...) towards its target of {target:g}: if they are year to date, list it under [measures] cumulative in "
                       f"{settings.where} (e.g. cumulative = [{toml_string(str(ident))}]) so that each quarter is judged against its share of "
                       "the year's target", "warning")
    for rule, ids in used.items():
        report.add(table.sheet.name, "actual", "", f"monthly columns rolled up to quarters by {rule} "
                   f"({'the last month' if rule == 'last' else rule + ' of the months'}) for {len(set(ids))} measure"
                   f"{'s' * (len(set(ids)) != 1)}, as {settings.where} says", "info")
    rolled = pd.concat([out[~is_month], *parts], ignore_index=True) if parts else out[~is_month].reset_index(drop=True)
    rolled["span"] = pd.Categorical(rolled["span"].astype(object), categories=schema.SPANS)
    return rolled.drop(columns=[c for c in ("_month",) if c in rolled]).reset_index(drop=True)
