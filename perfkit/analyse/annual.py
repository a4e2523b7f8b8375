"""Service plans and the year end: outturns by year, the year's status, forecasts.

A service plan's indicators judged by the year: each indicator's year against its
target (:func:`annual_status`), the officer's own words checked against the numbers
(:func:`officer_disagreements`), outturns over several years, and the year end
forecast (:func:`forecast_year_end`), always labelled as a forecast. Reading those
columns, and the ``perfkit.toml`` settings for profiles, cumulative measures and
roll-ups, is :mod:`perfkit.read.kinds.service_plans`.

Analyses pick one span explicitly, so a year's outturn is never compared with a
quarter's figure by accident.

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


import numpy as np
import pandas as pd

from perfkit.core import schema
from perfkit.core.errors import ConfigError, PeriodError
from perfkit.core.periods import FREQ, parse_span, period_label, quarter
from perfkit.read.kinds.service_plans import LEVEL_STATUS, TREND_WORDS, LEVEL_LOOKUP, TREND_LOOKUP
from perfkit.read.kinds.service_plans import word_key
from perfkit.analyse.assess import DEFAULT_TOLERANCE, assess_measures
from perfkit.core.periods import parse_period


# ---------------------------------------------------------------------------------------------- settings


# ---------------------------------------------------------------------------------------------- reading


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
    if "reported_status" in keep:  # the service's own rating of the year: it stands where the figures cannot rate it
        out["reported_status"] = keep["reported_status"].astype(object).where(keep["reported_status"].notna(), None).to_numpy()
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
    return np.array([LEVEL_LOOKUP.get(word_key(w), "" if not word_key(w) else "?") for w in words], dtype=object)


def _trend_words(words: pd.Series, marks: dict | None = None) -> np.ndarray:
    """Each trend word's meaning; an arrow the sheet's own key explains (``marks``: ``↑`` improved) as that key says."""
    marks = marks or {}
    return np.array([marks.get(str(w).strip()) or TREND_LOOKUP.get(word_key(w), "" if not word_key(w) else "?") for w in words],
                    dtype=object)


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
        numbers) with their cells, and ``direction_said`` (True where no figure of the period before
        compares, so ``direction`` is the service's own Improving, Worsening or No change).

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
    if "reported_status" in now:  # the year's own rating counts only where no target rates the outturn (an LOIP's ratings)
        now["reported_status"] = now["reported_status"].where(now["target"].isna(), None)
    assessed = assess_measures(
        now.assign(polarity=pd.Categorical(now["polarity"], categories=schema.POLARITIES)),
        default_tolerance=DEFAULT_TOLERANCE if default_tolerance is None else default_tolerance,
    )
    prev = before.drop_duplicates("measure_id").set_index("measure_id")["actual"].reindex(now["measure_id"]).to_numpy(dtype=float)
    if kind != "half" and np.isnan(prev).any():
        # a survey every two years (none the year before, not withheld): the year before last, as the direction of travel
        # of the quarterly figures reads it (perfkit.analyse.trends.direction_of_travel)
        earlier = all_out[all_out["year"] == fy - 2].drop_duplicates("measure_id").set_index("measure_id")["actual"]
        two = earlier.reindex(now["measure_id"]).to_numpy(dtype=float)
        gap = np.isnan(prev) & ~np.isnan(two) & ~np.isnan(now["actual"].to_numpy(dtype=float))
        if "missing_reason" in measures:  # (a year withheld or not available, '[x]', stays not comparable)
            year_end = pd.Period(year=fy - 1, quarter=4, freq="Q-MAR")
            said = measures[measures["period"] == year_end].drop_duplicates("measure_id").set_index("measure_id")["missing_reason"]
            gap &= np.isin(said.reindex(now["measure_id"]).fillna("").astype(str).to_numpy(), ["", "blank"])
        prev = np.where(gap, two, prev)
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
        trend = _trend_words(now["reported_trend"], measures.attrs.get("trend_marks"))
        direction = out["direction"].to_numpy()
        # a band the sheet states ('Maintained (within 1%)'): a move within it is no change (read.kinds.service_plans)
        band = float(measures.attrs.get("trend_band") or 0.0) / 100
        still = np.abs(out["actual"] - out["previous"]) <= np.maximum(1e-9, band * np.abs(out["previous"]))
        raw = np.where(np.isnan(out["actual"] - out["previous"]), "Not comparable",
                       np.where(still, "No change", np.where(out["actual"] > out["previous"], "Increasing", "Decreasing")))
        judged = np.isin(trend, ["Improving", "Worsening"])
        comparable = np.isin(trend, list(TREND_WORDS)) & (direction != "Not comparable")
        # A judgement word on a measure without polarity, or a plain direction word, is checked against the number's move.
        expected = np.where(judged & np.isin(direction, ["Improving", "Worsening", "No change"]), direction, raw)
        out["reported_trend"] = now["reported_trend"].to_numpy()
        out["trend_differs"] = comparable & (trend != expected) & ~(judged & ~np.isin(direction, ["Improving", "Worsening", "No change"]))
        if measures.attrs.get("trend_since"):  # 'Trend since baseline': another comparison than the year before's, never checked by it
            out["trend_differs"] = False
        out["trend_source"] = now["reported_trend_source"].to_numpy()
        # no figure of the year before to compare (an LOIP's 'Trend since baseline', each indicator of its own period, or
        # none of them has one): the service's own judgement is the direction, marked as its word rather than the figures'
        # a service plan's year-on-year trend: one with no figure last year stays not comparable
        own_start = bool(measures.attrs.get("trend_since")) or bool((direction == "Not comparable").all())
        said = own_start & (direction == "Not comparable") & np.isin(trend, ["Improving", "Worsening", "No change"])
        out["direction"] = np.where(said, trend, direction)
        out["direction_said"] = said
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
        # said, as the two counts differ where a service's own rating does: "measures.by_status" counts its rating
        "by_status_from": ("each figure against its target, or the service's own rating where no target rates it "
                           "(measures.by_status counts a service's own rating wherever it gives one)"),
        "direction": {d: int((st["direction"] == d).sum()) for d in ("Improving", "Worsening", "No change", "Increasing", "Decreasing", "Not comparable")},
        # how many directions are the service's own trend words, where no figure of the period before compares
        "direction_from_service": int(st["direction_said"].sum()) if "direction_said" in st else 0,
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
    order = pd.DataFrame({"m": measures["measure_id"].to_numpy(), "p": (measures["period"].array.asi8 if isinstance(measures["period"].dtype, pd.PeriodDtype)
                                                                     else measures["period"].to_numpy()), "r": rank,
                          "i": np.arange(len(measures))}).sort_values(["m", "p", "r"], kind="stable")
    chosen = np.sort(order.drop_duplicates(["m", "p"])["i"].to_numpy())
    return measures.iloc[chosen]
