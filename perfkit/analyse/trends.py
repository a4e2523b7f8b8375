"""Change over time: status transitions, the RAG mix per quarter, direction of travel and streaks.

Items are matched by their id (``milestone_id`` or ``measure_id``). A move up
the scale (Amber to Green, Green to Complete) is an improvement; unrated states
(Not due, No data...) are never compared, so a move into or out of one is
``unchanged`` only if the status is the same, and ``not comparable`` otherwise;
No data, Data only or Not applicable in both periods is ``not comparable`` too (nothing was rated
either time).

Examples
--------
>>> import perfkit
>>> ms = perfkit.read_milestones("data/raw/sample_council_2023-24.xlsx")  # doctest: +SKIP
>>> perfkit.transitions(ms, "2023/24 Q1", "2023/24 Q2").change.value_counts()  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from perfkit.core.errors import ConfigError
from perfkit.core.periods import parse_period
from perfkit.core.status import DEFAULT_SCALE, StatusScale

CHANGES = ["improved", "declined", "unchanged", "not comparable", "new", "removed"]
#: Statuses that say nothing was rated: the same one in both periods is "not comparable", never "unchanged".
NOTHING_TO_COMPARE = ("No data", "Data only", "Not applicable")


def item_key(frame: pd.DataFrame) -> str:
    """The id column of a tidy frame."""
    for col in ("milestone_id", "measure_id"):
        if col in frame:
            return col
    raise ConfigError("the frame has no milestone_id or measure_id column")


def _ranks(status: pd.Series, scale: StatusScale) -> np.ndarray:
    lookup = np.array([np.nan if scale.rank(n) is None else scale.rank(n) for n in scale.names] + [np.nan])
    codes = pd.Categorical(status.astype(object), categories=scale.names).codes
    return lookup[codes]


def transitions(frame: pd.DataFrame, from_period, to_period, scale: StatusScale = DEFAULT_SCALE, known=()) -> pd.DataFrame:
    """Per item: its status in each period and whether it improved, declined or stayed the same.

    Returns
    -------
    pandas.DataFrame
        Columns: the id, ``from_status``, ``to_status`` and ``change`` (one of
        improved, declined, unchanged, not comparable, new, removed). Items in only
        one of the periods are ``new`` or ``removed`` (one with a row before ``from_period``, or among ``known``, and no
        row at it, is not comparable, never new). The from x to matrix is :func:`transition_matrix`.
    """
    key = item_key(frame)
    p0, p1 = parse_period(from_period), parse_period(to_period)
    a = frame.loc[frame["period"] == p0, [key, "status"]].drop_duplicates(key).set_index(key)["status"]
    b = frame.loc[frame["period"] == p1, [key, "status"]].drop_duplicates(key).set_index(key)["status"]
    ids = a.index.union(b.index, sort=False)
    out = pd.DataFrame({key: ids})
    # asked of plain objects: pyarrow strings' isin runs a Python loop over the values (a second for 50,000 items)
    ids = pd.Index(ids.astype(object))
    out["from_status"] = pd.Categorical(a.reindex(ids).astype(object).to_numpy(), dtype=scale.dtype)
    out["to_status"] = pd.Categorical(b.reindex(ids).astype(object).to_numpy(), dtype=scale.dtype)
    r0, r1 = _ranks(out["from_status"], scale), _ranks(out["to_status"], scale)
    # an item held before ``from_period`` (in the frame, or ``known``: an annual measure's last outturn) is no new one
    in0 = (ids.isin(a.index.astype(object)) | ids.isin(frame.loc[frame["period"] < p0, key].astype(object).unique())
           | ids.isin(list(known)))
    in1 = ids.isin(b.index.astype(object))
    to = out["to_status"].astype(object).to_numpy()
    # No data (or a figure with nothing to judge it by) both times: nothing was compared, not "unchanged"
    # a measure not due either time (an annual figure before Q4) had no figure to compare either: a milestone not yet due
    # twice is unchanged
    nothing = (*NOTHING_TO_COMPARE, "Not due") if "actual" in frame else NOTHING_TO_COMPARE
    same = (out["from_status"].astype(object).to_numpy() == to) & ~np.isin(to, nothing)
    change = np.select(
        [~in0, ~in1, same, np.isnan(r0) | np.isnan(r1), r1 > r0],
        ["new", "removed", "unchanged", "not comparable", "improved"],
        default="declined",
    )
    out["change"] = pd.Categorical(change, categories=CHANGES)
    out.attrs.update(from_period=p0, to_period=p1)
    return out


def transition_matrix(trans: pd.DataFrame) -> pd.DataFrame:
    """The from x to count matrix of a :func:`transitions` frame (statuses that occur only).

    Only items with a status in both periods are counted: an item new this period, or with no
    status now, has no cell (the narrative counts the new ones), so no row or column is ``NaN``.

    Examples
    --------
    >>> t = pd.DataFrame({"from_status": ["Red", None, "Green"], "to_status": ["Green", "Amber", None]})
    >>> transition_matrix(t).to_dict()
    {'Green': {'Red': 1}}
    """
    both = trans[trans["from_status"].notna() & trans["to_status"].notna()]
    m = pd.crosstab(both["from_status"], both["to_status"], dropna=False)
    used_rows = m.sum(axis=1) > 0
    used_cols = m.sum(axis=0) > 0
    return m.loc[used_rows, used_cols]


def rag_by_period(frame: pd.DataFrame, periods=None, scale: StatusScale = DEFAULT_SCALE) -> pd.DataFrame:
    """Counts per status for each period (rows: periods in order; columns: statuses of the scale)."""
    rows = frame if periods is None else frame[frame["period"].isin([parse_period(p) for p in periods])]
    status = pd.Categorical(rows["status"].astype(object), dtype=scale.dtype)
    if isinstance(rows["period"].dtype, pd.PeriodDtype):
        # by the periods' ordinals: a Period object per row, boxed and compared, cost a second on 100,000 milestones
        table = pd.crosstab(rows["period"].array.asi8, status, dropna=False)
        table.index = pd.PeriodIndex.from_ordinals(table.index.to_numpy(), freq="Q-MAR", name="period")
    else:
        table = pd.crosstab(rows["period"].to_numpy(), status, dropna=False)
        table.index = pd.PeriodIndex(table.index, freq="Q-MAR", name="period")
    table.columns = pd.CategoricalIndex(table.columns, dtype=scale.dtype, name="status")
    return table.sort_index()


def streaks(frame: pd.DataFrame, period, scale: StatusScale = DEFAULT_SCALE) -> pd.DataFrame:
    """For each item reported in ``period``: its status, how many consecutive quarters it has held it, and newly red.

    Returns
    -------
    pandas.DataFrame
        Columns: the id, ``status``, ``quarters`` (1 = new this quarter), ``since``
        (the first quarter of the run) and ``newly_red`` (Red now, not Red the
        quarter before).
    """
    key = item_key(frame)
    p = parse_period(period)
    rows = frame.loc[frame["period"] <= p, [key, "period", "status"]].sort_values([key, "period"])
    ordinal = rows["period"].array.asi8 if hasattr(rows["period"].array, "asi8") else np.array([x.ordinal for x in rows["period"]])
    status = rows["status"].astype(object).to_numpy()
    ids = rows[key].to_numpy()
    # A run breaks where the item, the status, or quarter-to-quarter continuity changes.
    brk = np.ones(len(rows), dtype=bool)
    if len(rows) > 1:
        brk[1:] = (ids[1:] != ids[:-1]) | (status[1:] != status[:-1]) | (ordinal[1:] != ordinal[:-1] + 1)
    run_id = np.cumsum(brk)
    run_start = pd.Series(ordinal).groupby(run_id).transform("first").to_numpy()
    last = rows.assign(_start=run_start, _ord=ordinal)
    current = last[last["_ord"] == p.ordinal].drop_duplicates(key, keep="last")
    prev = frame.loc[frame["period"] == p - 1, [key, "status"]].drop_duplicates(key).set_index(key)["status"]
    out = pd.DataFrame({
        key: current[key].to_numpy(),
        "status": pd.Categorical(current["status"].astype(object), dtype=scale.dtype),
        "quarters": (current["_ord"] - current["_start"] + 1).to_numpy(),
        "since": pd.PeriodIndex.from_ordinals(current["_start"].to_numpy(), freq="Q-MAR"),
    })
    was = prev.reindex(out[key]).astype(object).to_numpy()
    out["newly_red"] = (out["status"].astype(object).to_numpy() == "Red") & (was != "Red")
    return out


def direction_of_travel(measures: pd.DataFrame, period, against: str = "previous") -> pd.DataFrame:
    """Whether each measure's actual moved the right way since the previous quarter or the same quarter last year.

    Measures with a polarity (higher, lower) get Improving / Worsening / No change;
    those without (range, none) get Increasing / Decreasing / No change. A measure
    with no actual in either period gets "Not comparable".

    Parameters
    ----------
    measures : pandas.DataFrame
        A tidy measures frame.
    period : str or pandas.Period
    against : {"previous", "last_year"}
        The previous quarter, or the same quarter last year. Annual measures are
        always compared with the year before, and year-to-date (``cumulative``) ones
        with the same quarter last year: Q2's year to date against Q1's would compare
        six months with three. A year-to-date measure with no figure for that quarter is
        compared against its profile: how far ahead of or behind the quarter's target it is,
        against how far it was the quarter before (``change`` is then that share's change).
        ``basis`` says which: ``previous quarter``, ``same quarter last year``, ``year
        before``, ``year before last`` (an annual figure with none the year before, a survey every two years) or
        ``profile``.
    """
    if against not in ("previous", "last_year"):
        raise ConfigError(f"against must be 'previous' or 'last_year', not {against!r}")
    p = parse_period(period)
    now = measures[measures["period"] == p]
    annual = (now["frequency"].astype(object) == "annual").to_numpy() if "frequency" in now else np.zeros(len(now), bool)
    # a year-to-date figure grows through the year: Q2 against Q1 compares two spans, so it is compared with the
    # same point of last year
    ytd = now["cumulative"].fillna(False).astype(bool).to_numpy() if "cumulative" in now else np.zeros(len(now), bool)
    # a half-year's figure (H1 | H2 columns) against the half-year before, never a quarter the workbook does not hold
    half = (now["span"].astype(str) == "half").to_numpy() if "span" in now else np.zeros(len(now), bool)
    step = np.where(annual | ytd | (against == "last_year"), 4, np.where(half, 2, 1))
    lookup = measures.set_index(["measure_id", "period"])["actual"]
    lookup = lookup[~lookup.index.duplicated()]
    before_keys = pd.MultiIndex.from_arrays([now["measure_id"].to_numpy(), pd.PeriodIndex.from_ordinals(p.ordinal - step.astype(np.int64), freq="Q-MAR")]) if len(now) else pd.MultiIndex.from_arrays([[], pd.PeriodIndex([], freq="Q-MAR")])
    before = lookup.reindex(before_keys).to_numpy(dtype=float)
    # no figure for the quarter before, but one for the same quarter last year (a scorecard of the twelve months to
    # September beside the twelve months to September a year before): compared with that, as its basis says
    def fall_back(wanted: np.ndarray, back: int) -> None:
        """Where ``wanted`` and the measure has a figure ``back`` quarters before the period: compare with that one."""
        nonlocal before, step
        keys = pd.MultiIndex.from_arrays([now["measure_id"].to_numpy(),
                                          pd.PeriodIndex.from_ordinals(np.full(len(now), (p - back).ordinal), freq="Q-MAR")])
        found = lookup.reindex(keys).to_numpy(dtype=float)
        wanted = wanted & ~np.isnan(found)
        before = np.where(wanted, found, before)
        step = np.where(wanted, back, step)

    gap = (step < 4) & np.isnan(before) & ~ytd
    if gap.any():
        fall_back(gap, 4)
    # a survey every two years (an IJB's NI-1 in 2021/22 and 2023/24, none in 2022/23): the year before last, as its
    # basis says, never "no earlier figure" beside a figure two years back
    skipped = annual & np.isnan(before) & ~np.isnan(now["actual"].to_numpy(dtype=float))
    if skipped.any() and "missing_reason" in measures:
        # (a year withheld or not available, '[x]', is a figure that exists unseen: not comparable, as before)
        said = measures.set_index(["measure_id", "period"])["missing_reason"]
        said = said[~said.index.duplicated()].reindex(before_keys).fillna("").astype(str).to_numpy()
        skipped &= np.isin(said, ["", "blank"])
    if skipped.any():
        fall_back(skipped, 8)
    actual = now["actual"].to_numpy(dtype=float)
    diff = actual - before
    polarity = now["polarity"].astype(object).to_numpy()
    sign = np.where(polarity == "lower", -1.0, 1.0)
    basis = np.where(annual & (step == 8), "year before last", np.where(annual, "year before", np.where(
        step == 4, "same quarter last year", np.where(step == 2, "previous half-year", "previous quarter")))).astype(object)
    # A year-to-date measure with no figure for the same quarter last year: against its profile, the quarter's own
    # target (how far ahead of or behind profile it is now, against the quarter before), never its growing total.
    by_profile = ytd & ~annual & np.isnan(before) & (p.quarter > 1)
    if by_profile.any() and "target" in measures:
        targets = measures.set_index(["measure_id", "period"])["target"]
        targets = targets[~targets.index.duplicated()]
        keys = pd.MultiIndex.from_arrays([now["measure_id"].to_numpy(), pd.PeriodIndex.from_ordinals(np.full(len(now), (p - 1).ordinal), freq="Q-MAR")])
        prev_actual = lookup.reindex(keys).to_numpy(dtype=float)
        prev_target = targets.reindex(keys).to_numpy(dtype=float)
        target = now["target"].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):  # a target of 0 gives inf, never a warning on the officer's screen
            gap_now = (actual - target) / np.abs(target)
            gap_before = (prev_actual - prev_target) / np.abs(prev_target)
            usable = by_profile & np.isfinite(gap_now) & np.isfinite(gap_before)
            diff = np.where(usable, gap_now - gap_before, diff)
        before = np.where(usable, prev_actual, before)
        step = np.where(usable, 1, step)
        basis = np.where(usable, "profile", basis).astype(object)
    better = diff * sign
    eps = np.where(basis == "profile", 1e-9, 1e-9 * np.maximum(1.0, np.abs(before)))
    directional = np.isin(polarity, ["higher", "lower"])
    result = np.select(
        [np.isnan(diff), np.abs(diff) <= eps, directional & (better > 0), directional, diff > 0],
        ["Not comparable", "No change", "Improving", "Worsening", "Increasing"],
        default="Decreasing",
    )
    out = pd.DataFrame({
        "measure_id": now["measure_id"].to_numpy(),
        "name": now["name"].to_numpy() if "name" in now else "",
        "period": now["period"].array,  # kept a PeriodArray: never a Period object per row
        "compared_with": pd.PeriodIndex.from_ordinals(p.ordinal - step.astype(np.int64), freq="Q-MAR"),
        "actual": actual,
        "previous": before,
        "change": diff,
        "direction": result,
        "basis": basis,
    })
    return out
