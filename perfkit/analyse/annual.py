"""Service plans and the year end: outturns by year, profiled and cumulative targets, forecasts.

A service plan's table gives each indicator several years' outturns, last year's
target, the officer's "level achieved" and "trend" words and next year's target;
quarterly returns hold cumulative measures (council tax collected) whose target at
each quarter is a *profile* of the annual one. This module

- reads those columns with the measures reader (``span`` says what each figure
  covers: ``quarter``, ``half``, ``year``), keeps next year's target in
  ``next_target`` and the year's target in ``annual_target``;
- applies declared profiles and cumulative flags, and rolls monthly columns up to
  quarters when ``perfkit.toml`` asks, each time saying what it did;
- judges each indicator's year (:func:`annual_status`), checks the officer's own
  words against the numbers (:func:`officer_disagreements`) and forecasts the year
  end (:func:`forecast_year_end`), always labelled as a forecast.

Analyses pick one span explicitly, so a year's outturn is never compared with a
quarter's figure by accident.

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
>>> import pandas as pd
>>> from perfkit.analyse.annual import annual_status
>>> m = pd.DataFrame({"measure_id": ["A", "A"], "name": ["Relets"] * 2, "polarity": ["lower"] * 2,
...                   "span": ["year"] * 2, "period": pd.PeriodIndex(["2023Q4", "2024Q4"], freq="Q-MAR"),
...                   "actual": [29.0, 35.0], "target": [30.0, 28.0]})
>>> row = annual_status(m, "2023/24").iloc[0]
>>> str(row["status"]), row["direction"]
('Red', 'Worsening')
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..core import schema
from ..core.errors import ConfigError, PeriodError
from ..core.periods import FREQ, Span, parse_span, period_label, quarter

ROLLUP_RULES = ("sum", "last", "mean")

# perfkit.toml keys this module reads under [measures] (perfkit.core.config accepts them).
SETTINGS = {"cumulative", "profiles", "rollup"}

LEVEL_WORDS = {
    "met": ["met", "achieved", "target met", "target achieved", "exceeded", "yes", "y", "green", "g", "on target",
            "above target", "met target", "achieved target", "fully achieved", "exceeded target", "better than target"],
    "missed": ["not met", "not achieved", "missed", "no", "n", "red", "r", "below target", "off target", "target missed",
               "target not met", "not achieved target", "failed", "worse than target", "did not meet target"],
    "near": ["partially met", "partially achieved", "partly achieved", "partly met", "nearly met", "amber", "a",
             "close to target", "near target", "within tolerance", "almost met", "just missed"],
}
# Judgements (which way is better) and plain directions of the number.
TREND_WORDS = {
    "Improving": ["improving", "improved", "better", "improvement", "getting better", "positive"],
    "Worsening": ["worsening", "worsened", "worse", "declining", "declined", "deteriorating", "deteriorated",
                  "getting worse", "negative", "decline"],
    "No change": ["no change", "same", "static", "stable", "maintained", "unchanged", "steady", "level", "flat",
                  "consistent", "=", "↔", "→", "sustained"],
    "Increasing": ["increasing", "increased", "up", "↑", "rising", "rose", "higher", "increase"],
    "Decreasing": ["decreasing", "decreased", "down", "↓", "falling", "fell", "lower", "decrease", "reduced", "reducing"],
}
LEVEL_STATUS = {"met": "Green", "near": "Amber", "missed": "Red"}


def _norm(value) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return " ".join(re.sub(r"[^a-z0-9↑↓↔→=]+", " ", str(value).lower()).split()) or str(value).strip()


_LEVEL = {_norm(w): k for k, ws in LEVEL_WORDS.items() for w in ws}
_TREND = {_norm(w): k for k, ws in TREND_WORDS.items() for w in [k, *ws]}


# ---------------------------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class AnnualSettings:
    """What ``perfkit.toml`` says about cumulative measures, profiles and monthly roll-up."""

    cumulative: tuple = ()
    profiles: dict = field(default_factory=dict)
    rollup: dict = field(default_factory=dict)
    where: str = "perfkit.toml"

    def rule_for(self, ident: str, name: str) -> str | None:
        return self.rollup.get(ident) or self.rollup.get(name) or self.rollup.get("default")

    def profile_for(self, ident: str, name: str):
        return self.profiles.get(ident, self.profiles.get(name))


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
        if isinstance(value, str) and _norm(value) in ("straight line", "straightline", "linear", "even"):
            profiles[str(key)] = "straight line"
        elif isinstance(value, list) and len(value) == 4 and all(isinstance(v, (int, float)) for v in value):
            profiles[str(key)] = [float(v) for v in value]
        else:
            problems.append(f"[measures.profiles] {key!r} = {value!r}: give the targets at the end of Q1, Q2, Q3 and Q4, "
                            "e.g. [29, 56.5, 84, 97.5], or \"straight line\"")
    rollup = {}
    for key, value in (m.get("rollup") or {}).items():
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


# ---------------------------------------------------------------------------------------------- reading


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
    from ..read.columns import resolve_token, token_month
    from ..read.layout import period_spans as engine_spans

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
    for pc in months:
        try:
            s = resolve_token(pc.token, table.year)
        except PeriodError as exc:
            table.report.add(table.cell(cmap.header_row, pc.col), pc.field, pc.header, f"header period not understood: {exc.args[0]}")
            continue
        m = token_month(pc.token)
        cal = s.end.qyear - 1 if m >= 4 else s.end.qyear
        spans[pc.col] = MonthSpan("month", s.end, s.end, pd.Period(year=cal, month=m, freq="M"))
    return spans


class MultiYearPeriod(PeriodError):
    """A period over several financial years (``2010-14``), as benchmarking files give averages."""


_FY_OR_MONTH = re.compile(r"^\s*(?:fy\s*)?(\d{4})\s*[-/–]\s*(\d{2})\s*$", re.I)


def writes_financial_years(table, col, rows) -> bool:
    """Whether a long layout's period column writes financial years as ``2010-11`` (so ``2007-10`` is not October)."""
    from ..read.layout import get

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
    from ..read.layout import text

    return text(v)


def record_extras(table, r: int, span, static_target, targets: dict, words: dict, latest) -> dict:
    """The service-plan fields of one measure's figure: span, month, annual and next year's target, the officer's words."""
    from ..read.layout import get

    row = table.sheet.rows[r]
    p = span.end
    kind = span.kind if span is not None else "quarter"
    out = {"span": kind, "month": getattr(span, "month", None)}
    year_end = quarter(p.qyear, 4)
    annual = next((t for s, t in targets.items() if s.kind == "year" and s.end == year_end), None)
    quarter_target = any(s.kind == kind and s.end == p and not all(np.isnan(t)) for s, t in targets.items()) if kind != "year" else False
    if annual is None and not np.isnan(static_target[0]):
        annual = static_target
    if annual is None:
        annual = next((t for s, t in targets.items() if s.kind == "quarter" and s.end == year_end), (np.nan,))
    out["annual_target"] = annual[0]
    nxt = next((t for s, t in targets.items() if s.kind == "year" and s.end == year_end + 4), (np.nan,))
    out["next_target"] = nxt[0]
    out["_quarter_target"] = quarter_target
    for fld, cols in words.items():
        col = next((c for s, c in cols if s is not None and s.kind == kind and s.end == p), None)
        if col is None and kind == "year":
            col = next((c for s, c in cols if s is not None and s.end == p), None)
        if col is None:
            static = next((c for s, c in cols if s is None), None)
            if static is not None and (fld == "cumulative" or latest is None or p == latest):
                col = static
        value = _text(get(row, col)) if col is not None else ""
        out[fld] = value
        out[f"{fld}_source"] = table.cell(r, col) if col is not None and value else ""
    return out


_YES = {"y", "yes", "true", "1", "cumulative", "ytd", "year to date", "cum", "c"}
_NO = {"n", "no", "false", "0", "snapshot", "in year", "in quarter", "discrete", "point in time", "s", ""}


def finish_measures(frame: pd.DataFrame, records: list[dict], table, opts) -> pd.DataFrame:
    """Add the service-plan columns to a sheet's measures frame, then apply cumulative flags, profiles and roll-up.

    Every change is said aloud in the sheet's report: a profiled target with the profile used, a
    straight-line guess as a warning, a monthly roll-up with its rule.
    """
    settings = settings_for(opts)
    report = table.report
    out = frame.copy()
    n = len(out)
    out["span"] = pd.Categorical([rec["span"] for rec in records], categories=schema.SPANS) if n else pd.Categorical([], categories=schema.SPANS)
    for c in ("annual_target", "next_target"):
        out[c] = np.array([rec[c] for rec in records], dtype=float) if n else np.array([], dtype=float)
    has_words = {fld for rec in records for fld in ("reported_level", "reported_trend") if rec.get(f"{fld}_source")}
    for fld in ("reported_level", "reported_trend"):
        if fld in table.cmap.fields or any(pc.field == fld for pc in table.cmap.period_columns) or fld in has_words:
            out[fld] = [rec.get(fld, "") for rec in records]
            out[f"{fld}_source"] = [rec.get(f"{fld}_source", "") for rec in records]
    # Cumulative: the workbook's column, then perfkit.toml's list, then a declared profile.
    declared = set(settings.cumulative)
    cum = np.zeros(n, dtype=bool)
    unknown = {}
    for i, rec in enumerate(records):
        word = _norm(rec.get("cumulative", ""))
        if word in _YES:
            cum[i] = True
        elif word not in _NO:
            unknown.setdefault(rec.get("cumulative"), []).append(rec.get("cumulative_source") or table.sheet.name)
        if rec["measure_id"] in declared or rec["name"] in declared or settings.profile_for(rec["measure_id"], rec["name"]) is not None:
            cum[i] = True
    for word, cells in unknown.items():
        report.add(cells[0], "cumulative", word, f"cumulative {word!r} not understood (write yes or no): taken as not cumulative", "warning")
    out["cumulative"] = cum
    if n and "frequency" not in table.cmap.fields:  # a measure given only as years (or halves) is annual (half-yearly)
        only = out.groupby("measure_id", observed=True)["span"].transform(lambda s: s.iloc[0] if s.nunique() == 1 else "").astype(object)
        freq = out["frequency"].astype(object).where(~only.isin(["year", "half"]), only.map({"year": "annual", "half": "half-yearly"}))
        out["frequency"] = pd.Categorical(freq, categories=schema.FREQUENCIES)
    out = _apply_profiles(out, np.array([bool(rec["_quarter_target"]) for rec in records], dtype=bool), settings, table)
    if n and (out["span"] == "month").any():
        out = _roll_up(out, settings, table, [rec["month"] for rec in records])
    return out


def _apply_profiles(out: pd.DataFrame, from_workbook: np.ndarray, settings: AnnualSettings, table) -> pd.DataFrame:
    """A cumulative measure's target at Q1-Q3 is its profile, not the annual figure."""
    if not len(out):
        return out
    report = table.report
    span = out["span"].astype(object).to_numpy()
    q = np.array([p.quarter for p in out["period"]])
    todo = out["cumulative"].to_numpy() & (span == "quarter") & ~from_workbook & ~np.isnan(out["annual_target"].to_numpy())
    if not todo.any():
        return out
    target = out["target"].to_numpy(dtype=float).copy()
    annual = out["annual_target"].to_numpy(dtype=float)
    for ident in pd.unique(out.loc[todo, "measure_id"]):
        rows = np.flatnonzero(todo & (out["measure_id"].to_numpy() == ident))
        name = out["name"].iloc[rows[0]]
        profile = settings.profile_for(ident, name)
        where = out["source"].iloc[rows[0]]
        if isinstance(profile, list):
            target[rows] = np.array(profile)[q[rows] - 1]
            if abs(profile[3] - annual[rows[0]]) > 1e-9 * max(1.0, abs(annual[rows[0]])):
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
            else:
                report.add(where, "target", name, f"{ident} {name!r} is cumulative but has no target profile: its target at each "
                           f"quarter is taken as a straight line to the annual {annual[rows[0]]:g} (a quarter of it per quarter). "
                           f"Give per-quarter targets, or a profile under [measures.profiles] in perfkit.toml", "warning")
    out["target"] = target
    return out


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
    for (ident, p), g in monthly.groupby(["measure_id", "period"], sort=False, observed=True):
        name = g["name"].iloc[0]
        rule = settings.rule_for(ident, name)
        if rule is None:
            report.add(g["source"].iloc[0], "actual", name, f"{ident} {name!r}: monthly figures but no roll-up rule for it in "
                       f"{settings.where}; add it under [measures.rollup] (sum, last or mean)")
            continue
        used.setdefault(rule, []).append(ident)
        row = g.iloc[[-1]].copy()
        acts = g["actual"].to_numpy(dtype=float)
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
    for rule, ids in used.items():
        report.add(table.sheet.name, "actual", "", f"monthly columns rolled up to quarters by {rule} "
                   f"({'the last month' if rule == 'last' else rule + ' of the months'}) for {len(set(ids))} measure"
                   f"{'s' * (len(set(ids)) != 1)}, as {settings.where} says", "info")
    rolled = pd.concat([out[~is_month], *parts], ignore_index=True) if parts else out[~is_month].reset_index(drop=True)
    rolled["span"] = pd.Categorical(rolled["span"].astype(object), categories=schema.SPANS)
    return rolled.drop(columns=[c for c in ("_month",) if c in rolled]).reset_index(drop=True)


# ---------------------------------------------------------------------------------------------- analysis


def _span(measures: pd.DataFrame) -> np.ndarray:
    """Each row's span; frames without the column hold quarters (annual measures at Q4 count as years)."""
    if "span" in measures:
        s = measures["span"].astype(object).fillna("quarter").to_numpy()
        return np.where(s == "", "quarter", s)
    if "frequency" in measures:
        f = measures["frequency"].astype(object).to_numpy()
        return np.where(f == "annual", "year", np.where(f == "half-yearly", "half", "quarter"))
    return np.full(len(measures), "quarter", dtype=object)


def _col(frame: pd.DataFrame, name: str, default=np.nan) -> pd.Series:
    if name in frame:
        return frame[name]
    return pd.Series([default] * len(frame), index=frame.index)


def _fy_end(value) -> int:
    """The end year of a financial year given as ``2024/25``, a Period or a year's quarter."""
    if isinstance(value, (int, np.integer)):
        return int(value)
    return parse_span(value).end.qyear


def outturns(measures: pd.DataFrame, kind: str = "year") -> pd.DataFrame:
    """One figure per measure per year (or half-year): the outturn, its target and where it came from.

    The figure is, in order of preference, the workbook's own outturn for the year
    (or half); for a cumulative measure, its year-to-date figure at the last quarter;
    otherwise its last quarter's figure. ``basis`` says which, so the choice is never hidden.

    Parameters
    ----------
    measures : pandas.DataFrame
        A tidy measures frame.
    kind : {"year", "half"}

    Returns
    -------
    pandas.DataFrame
        ``measure_id, name, unit, polarity, year`` (end year of the financial year), ``half`` (1 or 2,
        for ``kind="half"``), ``period, label, actual, target, next_target, basis, source`` and the
        officer's words with their cells where the frame has them.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"measure_id": ["A"] * 2, "name": ["Rent"] * 2, "polarity": ["higher"] * 2,
    ...                   "span": ["quarter", "year"], "period": pd.PeriodIndex(["2024Q4"] * 2, freq="Q-MAR"),
    ...                   "actual": [97.0, 97.2], "target": [98.0, 98.0]})
    >>> outturns(m)[["label", "actual", "basis"]].values.tolist()
    [['2023/24', 97.2, 'year outturn']]
    """
    if kind not in ("year", "half"):
        raise ConfigError(f"kind must be 'year' or 'half', not {kind!r}")
    span = _span(measures)
    q = np.array([p.quarter for p in measures["period"]]) if len(measures) else np.array([], dtype=int)
    cum = _col(measures, "cumulative", False).fillna(False).astype(bool).to_numpy()
    ends = (q == 4) if kind == "year" else ((q == 2) | (q == 4))
    freq = _col(measures, "frequency", "").astype(object).to_numpy()
    own = {"year": "annual", "half": "half-yearly"}[kind]  # an annual measure's Q4 figure is its year's outturn
    rank = np.select(
        [(span == kind) | ((span == "quarter") & (freq == own) & ends), (span == "quarter") & cum & ends, (span == "quarter") & ends],
        [0, 1, 2], default=9,
    )
    if kind == "half":  # a cumulative Q2 figure is H1's; its Q4 figure is the year's, not H2's
        rank = np.where((rank == 1) & (q == 4), 9, rank)
    basis_words = {0: f"{'year' if kind == 'year' else 'half-year'} outturn", 1: "year to date at the last quarter",
                   2: "last quarter's figure"}
    first_seen = {m: i for i, m in enumerate(pd.unique(measures["measure_id"]))}  # keep the workbook's order
    keep = measures.assign(_rank=rank, _order=measures["measure_id"].map(first_seen).to_numpy())[rank < 9]
    keep = keep.sort_values(["_order", "period", "_rank"], kind="stable").drop_duplicates(["measure_id", "period"])
    out = pd.DataFrame({
        "measure_id": keep["measure_id"].to_numpy(),
        "name": _col(keep, "name", "").to_numpy(),
        "unit": _col(keep, "unit", "").to_numpy(),
        "polarity": _col(keep, "polarity", "none").astype(object).to_numpy(),
        "year": np.array([p.qyear for p in keep["period"]], dtype=int),
    })
    if kind == "half":
        out["half"] = np.array([1 if p.quarter == 2 else 2 for p in keep["period"]], dtype=int)
    out["period"] = pd.PeriodIndex(keep["period"], freq=FREQ)
    out["label"] = [period_label(p, kind) for p in keep["period"]]
    annual = _col(keep, "annual_target").to_numpy(dtype=float)
    target = _col(keep, "target").to_numpy(dtype=float)
    use_annual = (keep["_rank"].to_numpy() > 0) & (kind == "year") & ~np.isnan(annual)
    out["actual"] = keep["actual"].to_numpy(dtype=float)
    out["target"] = np.where(use_annual, annual, target)
    for c in ("target_low", "target_high", "tolerance", "next_target"):
        out[c] = _col(keep, c).to_numpy(dtype=float)
    out["tolerance_type"] = _col(keep, "tolerance_type", "percent").astype(object).fillna("percent").to_numpy()
    out["cumulative"] = _col(keep, "cumulative", False).fillna(False).astype(bool).to_numpy()
    out["basis"] = [basis_words[r] for r in keep["_rank"]]
    out["source"] = _col(keep, "source", "").to_numpy()
    for c in ("reported_level", "reported_trend"):
        if c in keep:
            out[c] = keep[c].fillna("").astype(str).to_numpy()
            out[f"{c}_source"] = _col(keep, f"{c}_source", "").fillna("").astype(str).to_numpy()
    return out.reset_index(drop=True)


def _direction(now: np.ndarray, before: np.ndarray, polarity: np.ndarray) -> np.ndarray:
    diff = now - before
    eps = 1e-9 * np.maximum(1.0, np.abs(before))
    better = diff * np.where(polarity == "lower", -1.0, 1.0)
    directional = np.isin(polarity, ["higher", "lower"])
    return np.select(
        [np.isnan(diff), np.abs(diff) <= eps, directional & (better > 0), directional, diff > 0],
        ["Not comparable", "No change", "Improving", "Worsening", "Increasing"], default="Decreasing",
    )


def _level_words(words: pd.Series) -> np.ndarray:
    return np.array([_LEVEL.get(_norm(w), "" if not _norm(w) else "?") for w in words], dtype=object)


def _trend_words(words: pd.Series) -> np.ndarray:
    return np.array([_TREND.get(_norm(w), "" if not _norm(w) else "?") for w in words], dtype=object)


def annual_status(measures: pd.DataFrame, year, kind: str = "year", default_tolerance: float | None = None) -> pd.DataFrame:
    """Each indicator's year (or half-year): outturn against target by polarity, direction on the year before, the officer's words checked.

    Parameters
    ----------
    measures : pandas.DataFrame
        A tidy measures frame (read by perfkit, or any frame with ``measure_id``, ``polarity``,
        ``period``, ``actual`` and ``target``).
    year : str or int
        The financial year (``"2023/24"``) or, with ``kind="half"``, the half (``"2024/25 H1"``).
    kind : {"year", "half"}

    Returns
    -------
    pandas.DataFrame
        One row per indicator: ``measure_id, name, unit, polarity, label, actual, target, status``
        (Green/Amber/Red as :func:`perfkit.assess_measures` rules, No data, Data only), ``previous``
        (the year before's figure, or the same half last year), ``direction`` (Improving,
        Worsening, No change, Increasing, Decreasing, Not comparable), ``next_target``, ``basis``,
        ``source``; where the workbook gives them, ``reported_level`` and ``level_differs``,
        ``reported_trend`` and ``trend_differs`` (True where the officer's word disagrees with the
        numbers) with their cells.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"measure_id": ["A", "A"], "name": ["Relets"] * 2, "polarity": ["lower"] * 2,
    ...                   "span": ["year"] * 2, "period": pd.PeriodIndex(["2023Q4", "2024Q4"], freq="Q-MAR"),
    ...                   "actual": [29.0, 35.0], "target": [30.0, 28.0], "reported_level": ["", "Achieved"]})
    >>> r = annual_status(m, "2023/24").iloc[0]
    >>> str(r["status"]), bool(r["level_differs"])
    ('Red', True)
    """
    from .assess import DEFAULT_TOLERANCE, assess_measures

    all_out = outturns(measures, kind)
    if kind == "half":
        span = parse_span(year)
        if span.kind != "half":
            raise PeriodError(f"{year!r} is not a half-year; write it like '2024/25 H1'")
        end = span.end
        now = all_out[all_out["period"] == end]
        before = all_out[all_out["period"] == end - 4]
    else:
        fy = _fy_end(year)
        now = all_out[all_out["year"] == fy]
        before = all_out[all_out["year"] == fy - 1]
    now = now.reset_index(drop=True)
    assessed = assess_measures(
        now.assign(polarity=pd.Categorical(now["polarity"], categories=schema.POLARITIES)),
        default_tolerance=DEFAULT_TOLERANCE if default_tolerance is None else default_tolerance,
    )
    prev = before.drop_duplicates("measure_id").set_index("measure_id")["actual"].reindex(now["measure_id"]).to_numpy(dtype=float)
    out = now[["measure_id", "name", "unit", "polarity", "label", "period", "actual", "target", "next_target", "cumulative", "basis", "source"]].copy()
    out["status"] = assessed["status"].to_numpy()
    out["previous"] = prev
    out["direction"] = _direction(now["actual"].to_numpy(dtype=float), prev, now["polarity"].to_numpy())
    status = out["status"].astype(object).to_numpy()
    rated = np.isin(status, ["Red", "Amber", "Green"])
    if "reported_level" in now:
        level = _level_words(now["reported_level"])
        says = np.array([LEVEL_STATUS.get(w, "") for w in level], dtype=object)
        out["reported_level"] = now["reported_level"].to_numpy()
        out["level_says"] = says
        # "Not achieved" is true of Amber (missed, within tolerance) as of Red; "met" only of Green.
        out["level_differs"] = rated & (((level == "met") & (status != "Green")) | ((level == "missed") & (status == "Green"))
                                        | ((level == "near") & (status != "Amber")))
        out["level_source"] = now["reported_level_source"].to_numpy()
    if "reported_trend" in now:
        trend = _trend_words(now["reported_trend"])
        direction = out["direction"].to_numpy()
        raw = np.where(np.isnan(out["actual"] - out["previous"]), "Not comparable",
                       np.where(np.abs(out["actual"] - out["previous"]) <= 1e-9, "No change",
                                np.where(out["actual"] > out["previous"], "Increasing", "Decreasing")))
        judged = np.isin(trend, ["Improving", "Worsening"])
        comparable = np.isin(trend, list(TREND_WORDS)) & (direction != "Not comparable")
        # A judgement word on a measure without polarity, or a plain direction word, is checked against the number's move.
        expected = np.where(judged & np.isin(direction, ["Improving", "Worsening", "No change"]), direction, raw)
        out["reported_trend"] = now["reported_trend"].to_numpy()
        out["trend_differs"] = comparable & (trend != expected) & ~(judged & ~np.isin(direction, ["Improving", "Worsening", "No change"]))
        out["trend_source"] = now["reported_trend_source"].to_numpy()
    return out


def officer_disagreements(status: pd.DataFrame) -> pd.DataFrame:
    """The officer's "level achieved" and "trend" words that the numbers contradict, one row per cell.

    Parameters
    ----------
    status : pandas.DataFrame
        From :func:`annual_status`.

    Returns
    -------
    pandas.DataFrame
        ``source`` (the cell of the word), ``measure_id, name, field`` (level achieved or trend),
        ``reported`` (the word), ``computed`` (what the numbers say) and ``message``.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"measure_id": ["A", "A"], "name": ["Relets"] * 2, "polarity": ["lower"] * 2,
    ...                   "span": ["year"] * 2, "period": pd.PeriodIndex(["2023Q4", "2024Q4"], freq="Q-MAR"),
    ...                   "actual": [29.0, 35.0], "target": [30.0, 28.0], "reported_trend": ["", "Improving"],
    ...                   "reported_trend_source": ["", "Plan!I5"]})
    >>> officer_disagreements(annual_status(m, "2023/24"))[["source", "reported", "computed"]].values.tolist()
    [['Plan!I5', 'Improving', 'Worsening']]
    """
    rows = []
    fmt = _fmt_value
    for r in status.itertuples(index=False):  # a handful of indicators: reporting, not an assess path
        d = r._asdict()
        if d.get("level_differs"):
            rows.append({
                "source": d.get("level_source", "") or d["source"], "measure_id": d["measure_id"], "name": d["name"],
                "field": "level achieved", "reported": d["reported_level"], "computed": str(d["status"]),
                "message": f"the officer wrote {d['reported_level']!r}, but {fmt(d['actual'], d['unit'])} against a target of "
                           f"{fmt(d['target'], d['unit'])} ({_polarity_words(d['polarity'])}) is {d['status']}",
            })
        if d.get("trend_differs"):
            computed = d["direction"]
            rows.append({
                "source": d.get("trend_source", "") or d["source"], "measure_id": d["measure_id"], "name": d["name"],
                "field": "trend", "reported": d["reported_trend"], "computed": computed,
                "message": f"the officer wrote {d['reported_trend']!r}, but it went from {fmt(d['previous'], d['unit'])} to "
                           f"{fmt(d['actual'], d['unit'])} ({_polarity_words(d['polarity'])}): {computed.lower()}",
            })
    return pd.DataFrame(rows, columns=["source", "measure_id", "name", "field", "reported", "computed", "message"])


def _polarity_words(polarity) -> str:
    return {"higher": "higher is better", "lower": "lower is better", "range": "within a range is better"}.get(str(polarity), "no polarity")


def _fmt_value(value, unit="") -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "no figure"
    text = f"{value:,.1f}".rstrip("0").rstrip(".") if float(value) != int(value) else f"{int(value):,}"
    if unit == "%":
        return text + "%"
    if unit == "£":
        return "£" + text
    return text


def outturn_history(measures: pd.DataFrame, year, years: int = 5) -> pd.DataFrame:
    """Each indicator's year-end outturns and targets over the last ``years`` years up to ``year`` (long form).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"measure_id": ["A"] * 3, "name": ["X"] * 3, "polarity": ["higher"] * 3, "span": ["year"] * 3,
    ...                   "period": pd.PeriodIndex(["2022Q4", "2023Q4", "2024Q4"], freq="Q-MAR"),
    ...                   "actual": [1.0, 2.0, 3.0], "target": [1.0, 2.0, 2.0]})
    >>> outturn_history(m, "2023/24", years=2)["label"].tolist()
    ['2022/23', '2023/24']
    """
    fy = _fy_end(year)
    out = outturns(measures, "year")
    out = out[(out["year"] <= fy) & (out["year"] > fy - years)]
    cols = ["measure_id", "name", "unit", "polarity", "year", "label", "actual", "target", "basis", "source"]
    return out[cols].reset_index(drop=True)  # the workbook's order of measures, years in order within each


def forecast_year_end(measures: pd.DataFrame, period) -> pd.DataFrame:
    """A labelled forecast of each measure's year-end figure from its figure at one quarter.

    Cumulative measures are scaled by their profile (actual x annual target / profiled target for
    the quarter) where the quarter's target is a profile, else by a straight line (actual x 4 / quarter);
    other quarterly measures forecast the average of their quarters so far. The forecast is
    judged against the annual target by the usual rules and is always called a forecast.

    Returns
    -------
    pandas.DataFrame
        ``measure_id, name, unit, polarity, period, actual, target, annual_target, forecast,
        method, forecast_status, label`` (``"Forecast"``).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"measure_id": ["CT"], "name": ["Council tax"], "polarity": ["higher"], "span": ["quarter"],
    ...                   "period": pd.PeriodIndex(["2025Q2"], freq="Q-MAR"), "actual": [56.8], "target": [56.5],
    ...                   "annual_target": [97.5], "cumulative": [True]})
    >>> f = forecast_year_end(m, "2024/25 Q2").iloc[0]
    >>> round(float(f["forecast"]), 1), f["method"], str(f["forecast_status"])
    (98.0, 'profile', 'Green')
    """
    from .assess import assess_measures
    from ..core.periods import parse_period

    p = parse_period(period)
    span = _span(measures)
    quarterly = measures[(span == "quarter")]
    now = quarterly[quarterly["period"] == p].drop_duplicates("measure_id").reset_index(drop=True)
    so_far = quarterly[(quarterly["period"] <= p) & (quarterly["period"] >= quarter(p.qyear, 1))]
    mean_so_far = so_far.groupby("measure_id", observed=True)["actual"].mean().reindex(now["measure_id"]).to_numpy(dtype=float)
    actual = now["actual"].to_numpy(dtype=float)
    target = now["target"].to_numpy(dtype=float)
    annual = _col(now, "annual_target").to_numpy(dtype=float)
    annual = np.where(np.isnan(annual), target, annual)
    cum = _col(now, "cumulative", False).fillna(False).astype(bool).to_numpy()
    profiled = cum & ~np.isnan(target) & ~np.isnan(annual) & (np.abs(target - annual) > 1e-9) & (target != 0)
    q = p.quarter
    forecast = np.where(cum, np.where(profiled, actual * annual / np.where(profiled, target, 1.0), actual * 4 / q), mean_so_far)
    method = np.where(cum, np.where(profiled, "profile", "straight line"), "average of the quarters so far")
    out = pd.DataFrame({
        "measure_id": now["measure_id"].to_numpy(), "name": _col(now, "name", "").to_numpy(), "unit": _col(now, "unit", "").to_numpy(),
        "polarity": _col(now, "polarity", "none").astype(object).to_numpy(), "period": now["period"].to_numpy(),
        "actual": actual, "target": target, "annual_target": annual, "forecast": forecast, "method": method,
    })
    judged = assess_measures(out.assign(actual=forecast, target=annual, polarity=pd.Categorical(out["polarity"], categories=schema.POLARITIES)))
    out["forecast_status"] = judged["status"].to_numpy()
    out["label"] = "Forecast"
    return out


def quarters_side_by_side(frame: pd.DataFrame, year, value: str = "status") -> pd.DataFrame:
    """Milestones or measures with one column per quarter of a year (``2024/25 Q1`` ... ``Q4``).

    Examples
    --------
    >>> import pandas as pd
    >>> ms = pd.DataFrame({"milestone_id": ["M1", "M1"], "title": ["Build"] * 2, "status": ["Amber", "Green"],
    ...                    "period": pd.PeriodIndex(["2024Q1", "2024Q2"], freq="Q-MAR")})
    >>> list(quarters_side_by_side(ms, "2023/24").columns)
    ['milestone_id', 'title', '2023/24 Q1', '2023/24 Q2', '2023/24 Q3', '2023/24 Q4']
    """
    fy = _fy_end(year)
    key, name = ("milestone_id", "title") if "milestone_id" in frame else ("measure_id", "name")
    rows = frame[_span(frame) == "quarter"] if key == "measure_id" else frame
    qs = [quarter(fy, i) for i in range(1, 5)]
    rows = rows[rows["period"].isin(qs)]
    names = frame.drop_duplicates(key).set_index(key)[name] if name in frame else None
    wide = rows.drop_duplicates([key, "period"]).pivot(index=key, columns="period", values=value)
    wide = wide.reindex(columns=pd.PeriodIndex(qs, freq=FREQ))
    wide.columns = [period_label(p) for p in qs]
    ids = pd.unique(rows[key])
    out = pd.DataFrame({key: ids})
    if names is not None:
        out[name] = names.reindex(ids).to_numpy()
    for c in wide.columns:
        out[c] = wide[c].reindex(ids).astype(object).to_numpy()
    return out


def summary_doc(measures: pd.DataFrame | None, period) -> dict:
    """The year's (or half-year's) figures for ``perfkit summary --json``: ``{"annual": {...}}``, or ``{}`` for a quarter.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"measure_id": ["A", "A"], "name": ["Relets"] * 2, "polarity": ["lower"] * 2,
    ...                   "span": ["year"] * 2, "period": pd.PeriodIndex(["2023Q4", "2024Q4"], freq="Q-MAR"),
    ...                   "actual": [29.0, 35.0], "target": [30.0, 28.0]})
    >>> d = summary_doc(m, "2023/24")["annual"]
    >>> d["period"], d["by_status"]["Red"], d["direction"]["Worsening"]
    ('2023/24', 1, 1)
    """
    if period is None or measures is None or not len(measures):
        return {}
    try:
        span = parse_span(period)
    except PeriodError:
        return {}
    if span.kind not in ("year", "half"):
        return {}
    st = annual_status(measures, span.label, kind=span.kind)
    words = officer_disagreements(st)
    status = st["status"].astype(str)
    return {"annual": {
        "period": span.label,
        "kind": span.kind,
        "indicators": int(len(st)),
        "by_status": {s: int((status == s).sum()) for s in ("Green", "Amber", "Red", "Data only", "No data")},
        "direction": {d: int((st["direction"] == d).sum()) for d in ("Improving", "Worsening", "No change", "Increasing", "Decreasing", "Not comparable")},
        "officer_disagreements": [{"source": r["source"], "measure_id": r["measure_id"], "field": r["field"], "message": r["message"]}
                                  for r in words.to_dict("records")],
    }}


def quarterly_view(measures: pd.DataFrame) -> pd.DataFrame:
    """The rows a quarterly analysis should count: each measure's quarter figures, plus its year or half-year
    figures only where it has no quarter figure for that period (annual measures keep their place at Q4).

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"measure_id": ["K1", "K1", "K2"], "span": ["quarter", "year", "year"],
    ...                   "period": pd.PeriodIndex(["2024Q4"] * 3, freq="Q-MAR"), "actual": [120.0, 400.0, 7.0]})
    >>> quarterly_view(m)["actual"].tolist()
    [120.0, 7.0]
    """
    if "span" not in measures or not len(measures):
        return measures
    span = _span(measures)
    has_value = measures["actual"].notna().to_numpy() if "actual" in measures else np.ones(len(measures), bool)
    # One row per measure and period: a quarter's figure, else a year's or half's, else an empty quarter.
    rank = np.select([(span == "quarter") & has_value, has_value, span == "quarter"], [0, 1, 2], default=3)
    order = pd.DataFrame({"m": measures["measure_id"].to_numpy(), "p": measures["period"].to_numpy(), "r": rank,
                          "i": np.arange(len(measures))}).sort_values(["m", "p", "r"], kind="stable")
    chosen = np.sort(order.drop_duplicates(["m", "p"])["i"].to_numpy())
    return measures.iloc[chosen]
