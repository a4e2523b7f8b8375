"""Measure statuses: does each actual meet its target, given the measure's polarity?

The rules, applied to every row at once (no per-row Python):

- **No data** when the actual is missing (never Red, never dropped);
- **Data only** when the measure has no target, or its polarity is ``none``;
- **Green** when the actual meets the target: at or above it for ``higher``, at or
  below it for ``lower``, inside ``[target_low, target_high]`` for ``range``;
- **Amber** when it misses by no more than the tolerance;
- **Red** otherwise.

Where the service gives its own rated status (``reported_status``: Red, Amber, Green...), that status
stands, as it is what the council reports (``status_from_service``); the rule's status is kept beside it
as ``computed_status``, and ``status_differs`` marks where the two part, for the officer to check.

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
        disagrees with the computed one (never where there is no target or no figure), ``status_from_service``, True
        where the service's own rated status stands (or its word for a missing figure, ``Data only``, ``N/A``), and
        ``computed_status``, the rules' status.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"polarity": ["range"], "target": [None], "target_low": [90.0], "target_high": [95.0], "actual": [92.0]})
    >>> str(assess_measures(m)["status"].iloc[0])
    'Green'
    """
    names = scale.names
    optional = {c: (_floats(measures, c) if c in measures else None) for c in ("tolerance", "target_low", "target_high")}
    absolute = None
    if optional["tolerance"] is not None and "tolerance_type" in measures:
        absolute = _codes(measures["tolerance_type"], ["percent", "absolute"]) == 1
        absolute = absolute if absolute.any() else None
    code = _status_codes(
        _floats(measures, "actual"), _floats(measures, "target"), optional["tolerance"], absolute,
        _codes(measures["polarity"], ["higher", "lower", "range", "none"]), optional["target_low"], optional["target_high"],
        default_tolerance, [names.index(s) for s in ("Red", "Amber", "Green", "Data only", "No data")],
    )
    out = measures.copy(deep=False)
    out["status"] = pd.Categorical.from_codes(code, dtype=scale.dtype, validate=False)  # codes come from names.index
    if "reported_status" in measures:
        reported = measures["reported_status"]
        rep_codes = _codes(reported.astype("category") if not isinstance(reported.dtype, pd.CategoricalDtype) else reported, names)
        # The service's own rating stands wherever it gives one (its Red, Amber or Green is what the council reports), and
        # the rule above stands where it gives none: computed_status keeps the rule's, status_differs flags where they part
        rated = [names.index(s) for s in scale.rated if s not in scale.complete]
        own = np.isin(rep_codes, rated)  # with its figure suppressed ('<5') too: the service rated it, and said so
        if "No data" in names:  # no figure, and the service says why ('Data only', 'N/A'): its word, not No data
            explained = [names.index(s) for s in ("Data only", "Not applicable", "Not due") if s in names]
            own |= np.isin(rep_codes, explained) & (code == names.index("No data"))
        if "Not applicable" in names:
            # the service says N/A ('not RAG-rated this year'): its own word stands, whatever the figures would make of it
            # (rated from them, an N/A measure became Red with nothing said); where they rate it, the checks list both
            own |= rep_codes == names.index("Not applicable")
        out["computed_status"] = out["status"]
        if own.any():
            out["status"] = pd.Categorical.from_codes(np.where(own, rep_codes, code).astype(code.dtype), dtype=scale.dtype, validate=False)
        out["status_from_service"] = own
        differs = (rep_codes >= 0) & (rep_codes != code)
        # with no target, or no figure (suppressed, not given, or no figures column), there is nothing to disagree with
        for nothing in ("Data only", "No data"):
            if nothing in names:
                differs &= code != names.index(nothing)
        # A measure the service calls Achieved or Complete that meets its target agrees: measures are never "complete".
        complete = [names.index(s) for s in scale.complete if s in names]
        if complete and "Green" in names:
            differs &= ~(np.isin(rep_codes, complete) & (code == names.index("Green")))
        # A service that calls a measure N/A (or Not due) where there is no figure to rate agrees too.
        unrated = [names.index(s) for s in scale.unrated if s in names]
        differs &= ~(np.isin(rep_codes, unrated) & np.isin(code, unrated))
        out["status_differs"] = differs
    return out


# Rows assessed at a time: each block's working arrays (a dozen, of at most 256 KiB each) stay in the processor's
# caches and are reused block after block, so a large frame costs no fresh allocation per step (no page faults, nothing for the
# allocator or the garbage collector to do): the time is the arithmetic, whatever the heap looks like.
_BLOCK = 1 << 15


def _status_codes(actual, target, tol, absolute, polarity, low, high, default_tolerance: float, rule_codes) -> np.ndarray:
    """The rules above as one int8 status code per row, worked through in blocks of :data:`_BLOCK` rows.

    ``tol``, ``absolute``, ``low`` and ``high`` are None where the frame has no such column (``absolute`` also
    where no row's tolerance is absolute); ``polarity`` holds int8 codes of higher, lower, range, none (-1 for
    anything else); ``rule_codes`` are the scale's codes of Red, Amber, Green, Data only and No data.

    Every row goes through the same floating-point operations, in the same order, as the rules' plain
    whole-array form, so the statuses are the same to the last bit. Rows are chosen by bit masks
    (:func:`_choose`) rather than by masked assignment: a masked copy branches on every row, and with
    statuses mixed row by row each branch is a guess the processor often gets wrong.
    """
    red, amber, green, data_only, no_data = (np.int8(c) for c in rule_codes)
    n = len(actual)
    code = np.empty(n, dtype=np.int8)
    size = min(n, _BLOCK)
    floats = [np.empty(size) for _ in range(6)]
    bits = [np.empty(size, dtype=np.uint64) for _ in range(2)]
    flags = [np.empty(size, dtype=bool) for _ in range(2)]
    small = [np.empty(size, dtype=np.int8) for _ in range(2)]
    unsigned = np.asarray(polarity, dtype=np.int8).view(np.uint8)  # -1 (unknown) reads as 255: "none or unknown" is one test
    default_share = default_tolerance / 100
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        k = stop - start
        a, t, c, p = actual[start:stop], target[start:stop], code[start:stop], unsigned[start:stop]
        abs_base, tol_abs, gap, eps, below, above = (f[:k] for f in floats)
        wide, work = (b[:k] for b in bits)
        mask, pol_mask = (f[:k] for f in flags)
        code_mask, code_work = (i[:k] for i in small)

        # The base a tolerance is a share of: the target, else a range's midpoint.
        base, bounds = t, None
        if low is not None and high is not None:
            lo, hi = low[start:stop], high[start:stop]
            has_range = ~np.isnan(lo) & ~np.isnan(hi)
            if has_range.any():
                base = np.where(np.isnan(t), (lo + hi) / 2, t)
                bounds = has_range, lo, hi
        np.abs(base, out=abs_base)

        # Tolerance as an amount: percent of |base| (the column's, else the default), or the column's absolute amount.
        if tol is None:
            np.multiply(abs_base, default_share, out=tol_abs)
        else:
            tl = tol[start:stop]
            np.copyto(tol_abs, tl)
            _choose(tol_abs, _wide(np.isnan(tl, out=mask), wide), default_tolerance, work)
            tol_abs /= 100
            tol_abs *= abs_base
            if absolute is not None:
                np.logical_not(mask, out=mask)
                np.logical_and(mask, absolute[start:stop], out=mask)
                _choose(tol_abs, _wide(mask, wide), tl, work)

        # gap >= 0 meets the target; how far below 0 is how far it misses. For all but higher it is
        # target - actual: the sign bit flipped, as a negation does.
        np.subtract(a, t, out=gap)
        np.copyto(wide, np.not_equal(p, 0, out=pol_mask), casting="unsafe")
        np.left_shift(wide, 63, out=wide)
        np.bitwise_xor(gap.view(np.uint64), wide, out=gap.view(np.uint64))
        if np.equal(p, 2, out=pol_mask).any():
            # A range: the nearer edge of [low, high], else of target -/+ tolerance.
            lo_r, hi_r = np.subtract(t, tol_abs, out=below), np.add(t, tol_abs, out=above)
            if bounds is not None:
                has_range, lo, hi = bounds
                _choose(lo_r, _wide(has_range, wide), lo, work)
                _choose(hi_r, wide, hi, work)
            np.subtract(a, lo_r, out=lo_r)
            np.subtract(hi_r, a, out=hi_r)
            _choose(gap, _wide(pol_mask, wide), np.minimum(lo_r, hi_r, out=lo_r), work)
        np.maximum(abs_base, 1.0, out=eps)
        eps *= 1e-9

        # The first rule that holds wins: No data, Data only, Green, Amber, else Red; set in reverse order.
        c.fill(red)
        tol_abs += eps
        np.negative(tol_abs, out=tol_abs)
        _choose_code(c, np.greater_equal(gap, tol_abs, out=mask), amber, code_mask, code_work)
        np.negative(eps, out=eps)
        _choose_code(c, np.greater_equal(gap, eps, out=mask), green, code_mask, code_work)
        np.isnan(base, out=mask)
        mask |= np.greater_equal(p, 3, out=pol_mask)
        _choose_code(c, mask, data_only, code_mask, code_work)
        _choose_code(c, np.isnan(a, out=mask), no_data, code_mask, code_work)
    return code


def _wide(mask: np.ndarray, out: np.ndarray) -> np.ndarray:
    """A boolean mask as 64-bit words, all ones where True: the mask :func:`_choose` takes."""
    np.copyto(out, mask, casting="unsafe")
    return np.negative(out, out=out)


def _choose(out: np.ndarray, wide: np.ndarray, value, work: np.ndarray) -> None:
    """``out = where(mask, value, out)`` on float64 rows, in place, without a branch per row.

    Selects bit patterns (``out ^ ((out ^ value) & wide)``), so each float kept or taken is exactly itself.
    """
    o = out.view(np.uint64)
    v = value.view(np.uint64) if isinstance(value, np.ndarray) else np.float64(value).view(np.uint64)
    np.bitwise_xor(o, v, out=work)
    np.bitwise_and(work, wide, out=work)
    np.bitwise_xor(o, work, out=o)


def _choose_code(code: np.ndarray, mask: np.ndarray, value: np.int8, mask_work: np.ndarray, work: np.ndarray) -> None:
    """``code = where(mask, value, code)`` on int8 codes, in place, without a branch per row."""
    np.negative(mask.view(np.int8), out=mask_work)
    np.bitwise_xor(code, value, out=work)
    np.bitwise_and(work, mask_work, out=work)
    np.bitwise_xor(code, work, out=code)


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
