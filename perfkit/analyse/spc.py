"""Statistical process control: the X chart of NHS England's "Making Data Count" method.

For a measure's monthly or quarterly series, :func:`spc` tells real change from
noise. The method, as published:

- the **mean** of the points (of the first ``baseline`` points when asked, and of
  each phase when the series is rebased at given dates);
- the **moving ranges** ``|x[i] - x[i-1]|``; those above 3.267 times their mean are
  screened out, and the mean of the rest is the **mean moving range**;
- the **process limits**: mean ± 2.66 × mean moving range;
- **special cause** is flagged by four rules, within each phase:

  1. a point beyond a limit;
  2. a *shift*: a run of seven or more points all above the mean, or all below it
     (a point on the mean ends a run); every point of the run is flagged;
  3. a *trend*: seven or more points each higher than the one before, or each
     lower (an equal value ends it); every point of it is flagged;
  4. *two of three*: two (or three) of any three consecutive points close to a
     limit (beyond two-thirds of the way from the mean to it, but not beyond the
     limit itself), with all three points on the same side of the mean; the points
     close to the limit are flagged.

The rules are those of NHSRplotthedots, the NHS-R Community's implementation of
the method, rule by rule (``rules="NHSRplotthedots"``, the default). The older
Western Electric reading of rule 4, ``rules="Western Electric"``, counts a point
beyond a limit as near it and asks only the two near points to share a side.

Each point's ``variation`` is ``common cause``, ``special cause improving`` or
``special cause concerning`` (by polarity: a high point is improving when higher
is better), or ``special cause neither`` for a measure with no polarity. A
special-cause point's direction is NHSRplotthedots': a point beyond a limit takes
its side of the mean; else a point in a trend takes the way the trend runs (a fall
where higher is better is concerning, even above the mean); else a point of two in
three or of a shift takes its side of the mean. With ``rules="Western Electric"``
the side of the mean comes first (beyond a limit, shift, two of three), then a
trend's way.

The series' **assurance** against a target compares the target with the latest
phase's limits: ``consistently passing`` when every point the process gives will
meet it (the target at or beyond the limit on the unfavourable side),
``consistently failing`` when none will, ``hit and miss`` otherwise.

Missing values stay in the result with no variation; the rules run over the
points that have values, in order. The method asks for at least 15 points:
fewer are computed but warned about.

Examples
--------
>>> import pandas as pd
>>> from perfkit.analyse.spc import spc
>>> s = pd.Series([50, 52, 49, 51, 50, 48, 52, 50, 51, 49, 50, 62, 51, 50, 49.0],
...               index=pd.period_range("2023-04", periods=15, freq="M"))
>>> r = spc(s, "higher", target=45)
>>> round(float(r["mean"].iloc[0]), 2), int(r["special_cause"].sum()), r.loc[r["special_cause"], "variation"].iloc[0]
(50.93, 1, 'special cause improving')
>>> r.attrs["assurance"]
'consistently passing'
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from perfkit.core.errors import ConfigError, PerfkitError, Problem
from perfkit.core.periods import parse_period

LIMIT_FACTOR = 2.66        # 3 / d2, d2 = 1.128 for moving ranges of two points, as the method rounds it
SCREEN_FACTOR = 3.267      # D4 for n = 2: moving ranges above this many times their mean are screened out
RUN = 7                    # points in a shift or a trend
MIN_POINTS = 15            # the method's minimum for useful limits

COMMON = "common cause"
IMPROVING = "special cause improving"
CONCERNING = "special cause concerning"
NEITHER = "special cause neither"
PASSING, FAILING, HIT_AND_MISS = "consistently passing", "consistently failing", "hit and miss"

# The rule sets spc() knows, by the names an analyst may give them.
RULES = {"nhsrplotthedots": "NHSRplotthedots", "making data count": "NHSRplotthedots", "plot the dots": "NHSRplotthedots",
         "western electric": "Western Electric", "western-electric": "Western Electric"}

COLUMNS = ["value", "mean", "lower_limit", "upper_limit", "special_cause", "variation", "direction",
           "beyond_limit", "shift", "trend", "two_of_three", "moving_range", "phase"]


def _limits(values: np.ndarray) -> tuple[float, float, float]:
    """``(mean, mean moving range after screening, mean moving range before)`` of a run of points."""
    if len(values) == 0:
        return np.nan, np.nan, np.nan
    mean = float(values.mean())
    if len(values) < 2:
        return mean, np.nan, np.nan
    mr = np.abs(np.diff(values))
    amr = float(mr.mean())
    kept = mr[mr <= SCREEN_FACTOR * amr]
    return mean, float(kept.mean()) if len(kept) else amr, amr


def _runs(flags: np.ndarray, length: int) -> np.ndarray:
    """True for every element of a run of at least ``length`` consecutive True values."""
    out = np.zeros(len(flags), dtype=bool)
    start = None
    for i, f in enumerate(np.append(flags, False)):
        if f and start is None:
            start = i
        elif not f and start is not None:
            if i - start >= length:
                out[start:i] = True
            start = None
    return out


def _two_of_three_plotthedots(x: np.ndarray, mean: float, near_hi: np.ndarray, near_lo: np.ndarray, beyond: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rule 4 as NHSRplotthedots has it: close means near a limit but not beyond it, and all three points share a side."""
    n = len(x)
    close = (near_hi | near_lo) & ~beyond
    flagged = np.zeros(n, dtype=bool)
    if n >= 3:
        side = np.sign(x - mean)
        closes = close[:-2].astype(int) + close[1:-1] + close[2:]
        sides = side[:-2] + side[1:-1] + side[2:]
        window = (closes >= 2) & (np.abs(sides) == 3)
        for offset in range(3):
            flagged[offset:n - 2 + offset] |= window
    two = flagged & close
    return two & (x > mean), two & (x < mean)


def _two_of_three_western_electric(n: int, near_hi: np.ndarray, near_lo: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rule 4 read the older way: two of any three consecutive points beyond two-thirds (a limit included), on the same side."""
    two_hi = np.zeros(n, dtype=bool)
    two_lo = np.zeros(n, dtype=bool)
    for start in range(max(n - 2, 0)):
        w = slice(start, start + 3)
        if near_hi[w].sum() >= 2:
            two_hi[w] |= near_hi[w]
        if near_lo[w].sum() >= 2:
            two_lo[w] |= near_lo[w]
    if n == 2:  # a phase of two points: both near the same limit is two of (at most) three
        two_hi |= near_hi if near_hi.all() else False
        two_lo |= near_lo if near_lo.all() else False
    return two_hi, two_lo


def _rules(x: np.ndarray, mean: float, lo: float, hi: float, rules: str = "NHSRplotthedots") -> dict[str, np.ndarray]:
    """The four rules on one phase's points (no missing values), with each flagged point's direction (+1 high, -1 low)."""
    n = len(x)
    above, below = x > mean, x < mean
    beyond = (x > hi) | (x < lo) if not np.isnan(hi) else np.zeros(n, dtype=bool)
    shift_hi, shift_lo = _runs(above, RUN), _runs(below, RUN)
    # Trend: RUN points with RUN - 1 steps all the same way; step i joins points i and i + 1.
    steps = np.diff(x)
    up_steps, down_steps = _runs(steps > 0, RUN - 1), _runs(steps < 0, RUN - 1)
    trend_up = np.zeros(n, dtype=bool)
    trend_down = np.zeros(n, dtype=bool)
    trend_up[:-1] |= up_steps
    trend_up[1:] |= up_steps
    trend_down[:-1] |= down_steps
    trend_down[1:] |= down_steps
    # Two of three beyond two-thirds of the way to a limit.
    near_hi = x > mean + (hi - mean) * 2 / 3 if not np.isnan(hi) else np.zeros(n, dtype=bool)
    near_lo = x < mean - (mean - lo) * 2 / 3 if not np.isnan(lo) else np.zeros(n, dtype=bool)
    if rules == "Western Electric":
        two_hi, two_lo = _two_of_three_western_electric(n, near_hi, near_lo)
    else:
        two_hi, two_lo = _two_of_three_plotthedots(x, mean, near_hi, near_lo, beyond)
    shift = shift_hi | shift_lo
    trend = trend_up | trend_down
    two = two_hi | two_lo
    if rules == "Western Electric":
        direction = _direction_by_side(x, mean, beyond, shift_hi, shift_lo, two_hi, two_lo, trend_up, trend_down)
    else:
        direction = _direction_plotthedots(x, mean, beyond, trend, two, shift)
    return {"beyond_limit": beyond, "shift": shift, "trend": trend, "two_of_three": two, "direction": direction.astype(np.int8)}


def _direction_by_side(x, mean, beyond, shift_hi, shift_lo, two_hi, two_lo, trend_up, trend_down) -> np.ndarray:
    """Each flagged point's direction (+1 high, -1 low) as the Western Electric reading gives it: the first rule that
    flags it, in the order beyond a limit, shift, two of three (each by its side of the mean), then trend (its way)."""
    direction = np.zeros(len(x), dtype=np.int8)
    direction = np.where(trend_up, 1, np.where(trend_down, -1, direction))
    direction = np.where(two_hi, 1, np.where(two_lo, -1, direction))
    direction = np.where(shift_hi, 1, np.where(shift_lo, -1, direction))
    direction = np.where(beyond, np.where(x > mean, 1, -1), direction)
    return direction


def _direction_plotthedots(x, mean, beyond, trend, two, shift) -> np.ndarray:
    """Each flagged point's direction (+1 high or rising, -1 low or falling) as NHSRplotthedots' point type gives it.

    In its order: a point beyond a limit takes its side of the mean; else a point in a trend of seven takes the trend's
    way, the step to its right where the next point is in the trend too, else the step to its left (as
    ``ptd_special_cause_type`` has it; a flat step there reads as falling, as it does in NHSRplotthedots); else a point
    of two in three, or of a shift, takes its side of the mean.
    """
    n = len(x)
    side = np.where(x - mean > 0, 1, -1)
    steps = np.sign(np.diff(x))
    right = np.append(steps, steps[-1:] if n > 1 else np.zeros(1))[:n]
    left = np.append([0.0], steps)[:n]
    next_in_trend = np.append(trend[1:], False)
    way = np.where(next_in_trend & trend, right, left)
    way = np.where(way == 1, 1, -1)
    direction = np.zeros(n, dtype=np.int8)
    flagged = beyond | trend | two | shift
    direction = np.where(flagged, side, direction)  # two in three and shifts: their side of the mean
    direction = np.where(trend, way, direction)
    return np.where(beyond, side, direction).astype(np.int8)


def _positions(index: pd.Index, when, name: str) -> int:
    """Position of the first index entry at or after ``when`` (a date, period or label)."""
    try:
        if isinstance(index, pd.PeriodIndex) and isinstance(when, str) and index.freqstr == "Q-MAR":
            key = parse_period(when)  # "2023/24 Q2", as people write quarters
        elif isinstance(index, pd.PeriodIndex):
            key = when if isinstance(when, pd.Period) else pd.Period(pd.Timestamp(when) if not isinstance(when, str) else when, freq=index.freq)
            key = key.asfreq(index.freq) if key.freq != index.freq else key
        elif isinstance(index, pd.DatetimeIndex):
            key = pd.Timestamp(when)
        else:
            key = when
        pos = int(np.searchsorted(index.to_numpy() if not isinstance(index, pd.PeriodIndex) else index.asi8,
                                  key.ordinal if isinstance(key, pd.Period) else key, side="left"))
    except (TypeError, ValueError, PerfkitError) as exc:
        raise ConfigError(f"cannot place {name} {when!r} on the series' index ({exc})") from None
    if pos >= len(index):
        raise ConfigError(f"{name} {when!r} is after the last point of the series")
    return pos


def spc(series: pd.Series, polarity: str = "higher", target: float | None = None, baseline: int | None = None,
        rebase=None, rules: str = "NHSRplotthedots") -> pd.DataFrame:
    """Making Data Count X chart of one measure's series: mean, process limits, special cause and variation.

    Parameters
    ----------
    series : pandas.Series
        The values in time order, indexed by period or date (sorted here if not).
    polarity : {"higher", "lower", "none"}
        Which way is better; ``none`` (or ``range``) gives ``special cause
        neither`` and no assurance.
    target : float, optional
        For the assurance in ``attrs["assurance"]``.
    baseline : int, optional
        Compute the first phase's mean and limits from its first ``baseline``
        points only, and extend them over the rest of the phase.
    rebase : date, period or list of them, optional
        Start a new phase, with its own mean and limits, at each: after a known
        change to the process.
    rules : {"NHSRplotthedots", "Western Electric"}
        The special-cause rules: NHSRplotthedots' (the default, as NHS England's
        Making Data Count publishes them), or the older Western Electric reading of
        the two-of-three rule.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``series`` (sorted): ``value, mean, lower_limit,
        upper_limit, special_cause`` (bool), ``variation`` (``common cause``,
        ``special cause improving``, ``special cause concerning``, ``special
        cause neither``; missing where the value is), ``direction`` (``high`` or
        ``low`` for special cause), one bool column per rule (``beyond_limit,
        shift, trend, two_of_three``), ``moving_range`` and ``phase`` (0, 1...).
        ``attrs``: ``assurance`` (None without a target or a polarity),
        ``target``, ``polarity``, ``variation`` (the latest point's),
        ``mean_moving_range``, ``screened`` (moving ranges left out), ``rules`` and
        ``problems`` (warnings: too few points, missing values).

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.Series([10, 11, 10, 9, 10, 11, 10, 12, 13, 13.5, 14, 13, 14, 13.5, 14.0],
    ...               index=pd.period_range("2023-04", periods=15, freq="M"))
    >>> r = spc(s, "lower", rebase="2023-11")
    >>> r["phase"].tolist()[6:8], round(float(r["mean"].iloc[0]), 2), round(float(r["mean"].iloc[-1]), 2)
    ([0, 1], 10.14, 13.38)
    """
    if not isinstance(series, pd.Series):
        raise ConfigError("spc takes a pandas Series of values indexed by period or date")
    polarity = "none" if polarity in (None, "range") else str(polarity).lower()
    if polarity not in ("higher", "lower", "none"):
        raise ConfigError(f"polarity must be 'higher', 'lower' or 'none', not {polarity!r}")
    rule_set = RULES.get(str(rules).strip().lower())
    if rule_set is None:
        raise ConfigError(f"rules must be 'NHSRplotthedots' or 'Western Electric', not {rules!r}")
    if baseline is not None and (int(baseline) != baseline or baseline < 2):
        raise ConfigError(f"baseline must be a whole number of points, 2 or more, not {baseline!r}")
    s = series.sort_index(kind="stable") if not series.index.is_monotonic_increasing else series
    values = pd.to_numeric(s, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    n = len(values)
    problems: list[Problem] = []
    name = str(series.name) if series.name is not None else "the series"

    starts = [0]
    if rebase is not None:
        for when in (rebase if isinstance(rebase, (list, tuple, pd.Index, np.ndarray)) else [rebase]):
            starts.append(_positions(s.index, when, "rebase"))
    starts = sorted(set(starts))
    phase = np.zeros(n, dtype=np.int64)
    for k, st in enumerate(starts):
        phase[st:] = k

    cols = {c: np.full(n, np.nan) for c in ("mean", "lower_limit", "upper_limit", "moving_range")}
    flags = {c: np.zeros(n, dtype=bool) for c in ("beyond_limit", "shift", "trend", "two_of_three")}
    direction = np.zeros(n, dtype=np.int8)
    screened_total = 0
    amr_last = np.nan
    for k, st in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else n
        idx = np.arange(st, end)
        idx = idx[~np.isnan(values[idx])]
        x = values[idx]
        basis = x[:baseline] if (baseline and k == 0) else x
        mean, amr, amr_raw = _limits(basis)
        if len(basis) >= 2:
            mr = np.abs(np.diff(basis))
            screened_total += int((mr > SCREEN_FACTOR * amr_raw).sum())
        lo, hi = mean - LIMIT_FACTOR * amr, mean + LIMIT_FACTOR * amr
        cols["mean"][st:end], cols["lower_limit"][st:end], cols["upper_limit"][st:end] = mean, lo, hi
        if len(x) >= 2:
            cols["moving_range"][idx[1:]] = np.abs(np.diff(x))
        if len(x):
            r = _rules(x, mean, lo, hi, rule_set)
            for c in flags:
                flags[c][idx] = r[c]
            direction[idx] = r["direction"]
        amr_last = amr
        if len(basis) < MIN_POINTS:
            which = f"the baseline of {len(basis)} points" if (baseline and k == 0) else (f"phase {k + 1}" if len(starts) > 1 else name)
            problems.append(Problem(name, "value", len(basis), f"{which} has {len(basis)} points with values: the method asks for at "
                                    f"least {MIN_POINTS} before its limits are relied on", "warning"))
    missing = int(np.isnan(values).sum())
    if missing:
        problems.append(Problem(name, "value", missing, f"{missing} points have no value: shown without variation, and the "
                                "rules run over the points either side", "warning"))

    special = flags["beyond_limit"] | flags["shift"] | flags["trend"] | flags["two_of_three"]
    high = direction > 0
    if polarity == "none":
        word = np.where(special, NEITHER, COMMON)
    else:
        good = high if polarity == "higher" else ~high
        word = np.where(special, np.where(good, IMPROVING, CONCERNING), COMMON)
    word = np.where(np.isnan(values), None, word).astype(object)
    out = pd.DataFrame({
        "value": values, "mean": cols["mean"], "lower_limit": cols["lower_limit"], "upper_limit": cols["upper_limit"],
        "special_cause": special, "variation": word,
        "direction": np.where(special, np.where(high, "high", "low"), None).astype(object),
        **flags, "moving_range": cols["moving_range"], "phase": phase,
    }, index=s.index)

    assurance = None
    if target is not None and polarity != "none" and n:
        lo, hi = out["lower_limit"].iloc[-1], out["upper_limit"].iloc[-1]
        if np.isnan(lo):
            assurance = None
        elif polarity == "higher":
            assurance = PASSING if target <= lo else FAILING if target >= hi else HIT_AND_MISS
        else:
            assurance = PASSING if target >= hi else FAILING if target <= lo else HIT_AND_MISS
    elif target is not None:
        problems.append(Problem(name, "target", target, "no assurance without a polarity of higher or lower", "info"))
    last = out["variation"].dropna()
    out.attrs.update({
        "assurance": assurance, "target": target, "polarity": polarity, "variation": last.iloc[-1] if len(last) else None,
        "mean_moving_range": amr_last, "screened": screened_total, "problems": problems, "name": series.name, "rules": rule_set,
    })
    return out


def spc_measures(measures: pd.DataFrame, min_points: int = MIN_POINTS) -> dict:
    """SPC for every measure of a tidy measures frame with at least ``min_points`` actuals.

    Parameters
    ----------
    measures : pandas.DataFrame
        A tidy measures frame (``measure_id, period, actual``; ``polarity`` and
        ``target`` used where present: the latest target is the assurance's).
    min_points : int
        The method asks for 15; measures with fewer are left out (their trend
        is better read from the small multiples).

    Returns
    -------
    dict
        ``{measure_id: frame}`` as :func:`spc` returns, in the frame's order,
        each with ``attrs["name"]`` the measure's id and name.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"measure_id": ["K1"] * 16 + ["K2"] * 3, "name": "Calls answered", "polarity": "higher",
    ...     "target": 85.0, "actual": [91.0, 92.0] * 8 + [1.0, 2.0, 3.0],
    ...     "period": list(pd.period_range("2020Q1", periods=16, freq="Q-MAR")) + list(pd.period_range("2023Q1", periods=3, freq="Q-MAR"))})
    >>> list(spc_measures(m)), spc_measures(m)["K1"].attrs["assurance"]
    (['K1'], 'consistently passing')
    """
    if measures is None or not len(measures):  # a workbook with no measures
        return {}
    # The measures with enough actuals, counted in one pass over the column: a plan of thousands of measures with a few
    # quarters each has none, and sorting and converting each measure's rows in turn took seconds to find that out.
    enough = pd.to_numeric(measures["actual"], errors="coerce").notna().groupby(measures["measure_id"], sort=False).sum()
    enough = enough.index[enough >= min_points]
    if not len(enough):
        return {}
    out = {}
    for mid, g in measures[measures["measure_id"].isin(enough)].groupby("measure_id", sort=False):
        g = g.sort_values("period", kind="stable")
        actual = pd.to_numeric(g["actual"], errors="coerce")
        if actual.notna().sum() < min_points:
            continue
        series = pd.Series(actual.to_numpy(dtype=float), index=pd.Index(g["period"]),
                           name=f"{mid} {g['name'].iloc[-1]}" if "name" in g else str(mid))
        polarity = str(g["polarity"].iloc[-1]) if "polarity" in g and pd.notna(g["polarity"].iloc[-1]) else "none"
        targets = pd.to_numeric(g["target"], errors="coerce").dropna() if "target" in g else pd.Series(dtype=float)
        target = float(targets.iloc[-1]) if len(targets) else None
        out[mid] = spc(series, polarity if polarity in ("higher", "lower") else "none", target=target)
    return out


class _CallableModule(type(np)):
    """``perfkit.analyse.spc`` is both this module and its function: ``perfkit.spc(series, "higher")`` works either way it is reached."""

    def __call__(self, *args, **kwargs):
        return spc(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
