"""Measure statuses: does each actual meet its target, given the measure's polarity?

The rules, applied to every row at once (no per-row Python):

- **No data** when the actual is missing (never Red, never dropped);
- **Data only** when the measure has no target, or its polarity is ``none``;
- **Green** when the actual meets the target: at or above it for ``higher``, at or
  below it for ``lower``, inside ``[target_low, target_high]`` for ``range``;
- **Amber** when it misses by no more than the tolerance;
- **Red** otherwise.

The tolerance comes from the measure's ``tolerance`` column, as a percentage of
the target (``tolerance_type == "percent"``) or an absolute amount; where none is
given it is :data:`DEFAULT_TOLERANCE` percent of the target. A ``range`` measure
with a single target uses target ± tolerance as its range.

Examples
--------
>>> import pandas as pd
>>> from perfkit.analyse.assess import assess_measures
>>> m = pd.DataFrame({"polarity": ["higher", "lower", "higher"], "target": [95.0, 20.0, None], "actual": [93.0, 25.0, 5.0]})
>>> list(assess_measures(m)["status"].astype(str))
['Amber', 'Red', 'Data only']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from perfkit.core.status import DEFAULT_SCALE, StatusScale
from perfkit.core.periods import parse_period

DEFAULT_TOLERANCE = 5.0  # percent of target


def _codes(series: pd.Series, names: list[str]) -> np.ndarray:
    """Integer codes of a column against ``names`` (-1 for anything else), without per-row Python."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        cats = list(series.cat.categories)
        if cats == names[: len(cats)]:
            return series.cat.codes.to_numpy()  # already in our order: -1 stays missing
        lookup = np.array([names.index(c) if c in names else -1 for c in cats] + [-1], dtype=np.int8)
        return lookup[series.cat.codes.to_numpy()]  # code -1 (missing) indexes the trailing -1
    return pd.Categorical(series, categories=names).codes.astype(np.int8)


def _floats(frame: pd.DataFrame, col: str) -> np.ndarray:
    """A column as float64 with NaN for missing: a read-only view where it already is one (never written to)."""
    if col not in frame:
        return np.full(len(frame), np.nan)
    series = frame[col]
    if series.dtype == np.float64:
        return series.to_numpy(copy=False)
    return series.to_numpy(dtype=float, na_value=np.nan)


def assess_measures(measures: pd.DataFrame, default_tolerance: float = DEFAULT_TOLERANCE, scale: StatusScale = DEFAULT_SCALE) -> pd.DataFrame:
    """Add a computed ``status`` (and ``status_differs``) to a measures frame.

    Parameters
    ----------
    measures : pandas.DataFrame
        A tidy measures frame (see :mod:`perfkit.core.schema`); needs ``polarity``,
        ``target`` and ``actual``; uses ``target_low``, ``target_high``,
        ``tolerance``, ``tolerance_type`` and ``reported_status`` where present.
    default_tolerance : float
        Percent of target that still counts as Amber where a measure gives none.
    scale : StatusScale
        The scale whose Red, Amber, Green, Data only and No data are used.

    Returns
    -------
    pandas.DataFrame
        A new frame (the input is not changed) with ``status`` an ordered
        categorical, and, where the input has ``reported_status``, a boolean
        ``status_differs`` that is True where the service's own status
        disagrees with the computed one.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"polarity": ["range"], "target": [None], "target_low": [90.0], "target_high": [95.0], "actual": [92.0]})
    >>> str(assess_measures(m)["status"].iloc[0])
    'Green'
    """
    actual = _floats(measures, "actual")
    target = _floats(measures, "target")
    tol = _floats(measures, "tolerance")
    polarity = _codes(measures["polarity"], ["higher", "lower", "range", "none"])
    n = len(measures)
    names = scale.names

    # Range bounds: most frames have none, so skip their arithmetic when both columns are empty.
    low = _floats(measures, "target_low")
    high = _floats(measures, "target_high")
    has_range = ~np.isnan(low) & ~np.isnan(high)
    any_range = bool(has_range.any())
    base = np.where(np.isnan(target), (low + high) / 2, target) if (any_range or not np.isnan(low).all()) else target
    abs_base = np.abs(base)

    # Tolerance as an amount: percent of |target| (the column's, else the default), or the column's absolute amount.
    if np.isnan(tol).all():
        tol_abs = abs_base * (default_tolerance / 100)
    else:
        tol_abs = abs_base * (np.where(np.isnan(tol), default_tolerance, tol) / 100)
        if "tolerance_type" in measures:
            absolute = _codes(measures["tolerance_type"], ["percent", "absolute"]) == 1
            if absolute.any():
                given = absolute & ~np.isnan(tol)
                tol_abs[given] = tol[given]

    # gap >= 0 meets the target; how far below 0 is how far it misses. Computed in place.
    gap = actual - target
    np.negative(gap, out=gap, where=polarity != 0)
    ranged = np.flatnonzero(polarity == 2)
    if len(ranged):
        a, t, ta = actual[ranged], target[ranged], tol_abs[ranged]
        hr = has_range[ranged]
        lo = np.where(hr, low[ranged], t - ta)
        hi = np.where(hr, high[ranged], t + ta)
        gap[ranged] = np.minimum(a - lo, hi - a)
    eps = np.maximum(abs_base, 1.0)
    eps *= 1e-9

    # The first rule that holds wins: No data, Data only, Green, Amber, else Red; set in reverse order.
    code = np.full(n, names.index("Red"), dtype=np.int8)
    tol_abs += eps
    np.negative(tol_abs, out=tol_abs)
    code[gap >= tol_abs] = names.index("Amber")
    np.negative(eps, out=eps)
    code[gap >= eps] = names.index("Green")
    no_target = np.isnan(base) | (polarity == 3) | (polarity < 0)
    code[no_target] = names.index("Data only")
    code[np.isnan(actual)] = names.index("No data")
    out = measures.copy(deep=False)
    out["status"] = pd.Categorical.from_codes(code, dtype=scale.dtype)
    if "reported_status" in measures:
        reported = measures["reported_status"]
        rep_codes = _codes(reported.astype("category") if not isinstance(reported.dtype, pd.CategoricalDtype) else reported, names)
        differs = (rep_codes >= 0) & (rep_codes != code)
        # A measure the service calls Achieved or Complete that meets its target agrees: measures are never "complete".
        complete = [names.index(s) for s in scale.complete if s in names]
        if complete and "Green" in names:
            differs &= ~(np.isin(rep_codes, complete) & (code == names.index("Green")))
        # A service that calls a measure N/A (or Not due) where there is no figure to rate agrees too.
        unrated = [names.index(s) for s in scale.unrated if s in names]
        differs &= ~(np.isin(rep_codes, unrated) & np.isin(code, unrated))
        out["status_differs"] = differs
    return out


def differing_statuses(assessed: pd.DataFrame, period=None) -> pd.DataFrame:
    """Rows where the service's reported status differs from the computed one (optionally in one period).

    These are the data faults to check with services before publishing.
    """
    if "status_differs" not in assessed:
        return assessed.iloc[0:0]
    rows = assessed[assessed["status_differs"]]
    if period is not None:
        rows = rows[rows["period"] == parse_period(period)]
    cols = [c for c in ("measure_id", "name", "period", "target", "actual", "reported_status", "status", "source") if c in rows]
    return rows[cols]
