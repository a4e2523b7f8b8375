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
>>> from perfkit.assess import assess_measures
>>> m = pd.DataFrame({"polarity": ["higher", "lower", "higher"], "target": [95.0, 20.0, None], "actual": [93.0, 25.0, 5.0]})
>>> list(assess_measures(m)["status"].astype(str))
['Amber', 'Red', 'Data only']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .status import DEFAULT_SCALE, StatusScale

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
    if col not in frame:
        return np.full(len(frame), np.nan)
    return frame[col].to_numpy(dtype=float, na_value=np.nan)


def assess_measures(measures: pd.DataFrame, default_tolerance: float = DEFAULT_TOLERANCE, scale: StatusScale = DEFAULT_SCALE) -> pd.DataFrame:
    """Add a computed ``status`` (and ``status_differs``) to a measures frame.

    Parameters
    ----------
    measures : pandas.DataFrame
        A tidy measures frame (see :mod:`perfkit.schema`); needs ``polarity``,
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
    low = _floats(measures, "target_low")
    high = _floats(measures, "target_high")
    tol = _floats(measures, "tolerance")
    polarity = _codes(measures["polarity"], ["higher", "lower", "range", "none"])
    if "tolerance_type" in measures:
        absolute = _codes(measures["tolerance_type"], ["percent", "absolute"]) == 1
    else:
        absolute = np.zeros(len(measures), dtype=bool)

    has_range = ~np.isnan(low) & ~np.isnan(high)
    base = np.where(np.isnan(target), (low + high) / 2, target)
    tol_abs = np.where(np.isnan(tol), np.abs(base) * (default_tolerance / 100), np.where(absolute, tol, np.abs(base) * tol / 100))
    is_range = polarity == 2
    lo = np.where(has_range, low, target - tol_abs)
    hi = np.where(has_range, high, target + tol_abs)
    # gap >= 0 meets the target; how far below 0 is how far it misses.
    gap = np.where(polarity == 0, actual - target, target - actual)
    gap = np.where(is_range, np.minimum(actual - lo, hi - actual), gap)
    eps = 1e-9 * np.maximum(1.0, np.abs(base))

    no_target = np.isnan(base) | (polarity == 3) | (polarity < 0)
    names = scale.names
    code = np.select(
        [np.isnan(actual), no_target, gap >= -eps, gap >= -tol_abs - eps],
        [names.index("No data"), names.index("Data only"), names.index("Green"), names.index("Amber")],
        default=names.index("Red"),
    )
    out = measures.copy(deep=False)
    out["status"] = pd.Categorical.from_codes(code.astype(np.int8), dtype=scale.dtype)
    if "reported_status" in measures:
        reported = measures["reported_status"]
        rep_codes = _codes(reported.astype("category") if not isinstance(reported.dtype, pd.CategoricalDtype) else reported, names)
        out["status_differs"] = (rep_codes >= 0) & (rep_codes != code)
    return out


def differing_statuses(assessed: pd.DataFrame, period=None) -> pd.DataFrame:
    """Rows where the service's reported status differs from the computed one (optionally in one period).

    These are the data faults to check with services before publishing.
    """
    if "status_differs" not in assessed:
        return assessed.iloc[0:0]
    rows = assessed[assessed["status_differs"]]
    if period is not None:
        from .periods import parse_period

        rows = rows[rows["period"] == parse_period(period)]
    cols = [c for c in ("measure_id", "name", "period", "target", "actual", "reported_status", "status", "source") if c in rows]
    return rows[cols]
