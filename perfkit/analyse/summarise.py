"""RAG summaries: counts and percentages per status, overall and per group.

Percentages are whole numbers rounded half up (12.5 becomes 13), computed with
integer arithmetic so that no floating-point error can tip a half the wrong way.
``method="largest_remainder"`` makes each group's percentages sum to exactly 100.
A non-zero share that rounds to 0 is written "less than 1%"; one that rounds to
100 without being all of them, "more than 99%".

**The denominator.** By default percentages are of the *rated* items: unrated
states (Not started, Not due, Data only, No data, Not applicable) are counted but left out of the
percentages (their percent is missing). ``base="all"`` uses every item instead.
Complete is its own status; ``fold_complete=True`` counts it as Green, which is
how "progressing well" figures are usually quoted.

Examples
--------
>>> from perfkit.analyse.summarise import percent_half_up
>>> percent_half_up(1, 8), percent_half_up(30, 38), percent_half_up(8, 38)
(13, 79, 21)
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from perfkit.core.errors import ConfigError
from perfkit.core.periods import parse_period
from perfkit.core.status import DEFAULT_SCALE, StatusScale, scale_of
from perfkit.analyse.annual import quarterly_view
from perfkit.core.periods import FREQ, period_label

ALL = "All"
#: How a group the workbook names "All" is labelled, so that it is never taken for the overall row.
ALL_AS_GROUP = "All (a group of its own)"


def filled_in(values: pd.Series) -> bool:
    """Whether a column is filled in somewhere: any cell that is not blank, ``nan``, ``None`` or ``<NA>`` as text.

    >>> filled_in(pd.Series(["", None, "Northtown"])), filled_in(pd.Series(["", " ", "None", "nan"]))
    (True, False)
    """
    return bool(values.astype(str).str.strip().replace({"nan": "", "None": "", "<NA>": ""}).ne("").any())


def percent_half_up(count, base):
    """``100 * count / base`` rounded half up to a whole number, exactly (vectorised over arrays)."""
    count = np.asarray(count, dtype=np.int64)
    base = np.asarray(base, dtype=np.int64)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(base > 0, (200 * count + base) // np.where(base > 0, 2 * base, 1), 0)
    return out.item() if out.ndim == 0 else out


def percent_largest_remainder(counts) -> np.ndarray:
    """Whole-number percentages of ``counts`` that sum to exactly 100 (Hare's largest remainder).

    Ties in the remainder go to the larger count, then to the earlier status.

    Examples
    --------
    >>> percent_largest_remainder([1, 1, 1]).tolist()
    [34, 33, 33]
    """
    counts = np.asarray(counts, dtype=np.int64)
    total = counts.sum()
    if total == 0:
        return np.zeros_like(counts)
    floor = (100 * counts) // total
    remainder = (100 * counts) % total
    short = int(100 - floor.sum())
    order = np.lexsort((np.arange(len(counts)), -counts, -remainder))
    floor[order[:short]] += 1
    return floor


def percent_text(count: int, percent, base: int) -> str:
    """How a percentage is written: ``79%``, ``less than 1%``, ``more than 99%``; ``""`` when not in the base."""
    if percent is None or pd.isna(percent):
        return ""
    percent = int(percent)
    if count > 0 and percent == 0:
        return "less than 1%"
    if count < base and percent == 100:
        return "more than 99%"
    return f"{percent}%"


def _status_col(frame: pd.DataFrame) -> str:
    if "status" not in frame:
        raise ConfigError("the frame has no status column: for measures, call perfkit.assess_measures first")
    return "status"


def _period_mask(frame: pd.DataFrame, period) -> np.ndarray | None:
    """Which rows are in ``period``, as a boolean array (None for every row, when no period is given)."""
    if period is None:
        return None
    p = parse_period(period)
    col = frame["period"]
    if isinstance(col.dtype, pd.PeriodDtype) and col.dtype.freq == p.freq:
        # compare the integer ordinals: the same test, without boxing 10 million Periods (NaT's ordinal is no period's)
        return col.array.asi8 == p.ordinal
    return (col == p).to_numpy(dtype=bool)


def _in_period(frame: pd.DataFrame, period) -> pd.DataFrame:
    """The rows of one period (all of them when no period is given)."""
    mask = _period_mask(frame, period)
    return frame if mask is None else frame[mask]


def rag_summary(
    frame: pd.DataFrame,
    period=None,
    by: str | list[str] | None = None,
    *,
    method: str = "half_up",
    base: str = "rated",
    fold_complete: bool = False,
    scale: StatusScale = DEFAULT_SCALE,
) -> pd.DataFrame:
    """Counts and percentages per status for one period, overall and per group.

    Parameters
    ----------
    frame : pandas.DataFrame
        Milestones, or measures after :func:`perfkit.assess_measures`.
    period : str or pandas.Period, optional
        The quarter to summarise; all rows if None.
    by : str or list of str, optional
        Group column(s): ``priority``, ``lead``, ``directorate``, a hierarchy level.
    method : {"half_up", "largest_remainder"}
        Rounding: each share half up, or largest remainders so a group sums to 100.
    base : {"rated", "all"}
        The denominator: rated statuses only (default), or every item.
    fold_complete : bool
        Count Complete as Green.
    scale : StatusScale

    Returns
    -------
    pandas.DataFrame
        One row per group and status (every status of the scale, zeros included),
        the overall rows first with group ``"All"``. Columns: the ``by`` column(s)
        (or ``group``), ``status``, ``count``, ``percent`` (whole number; missing
        for statuses outside the base), ``percent_text``, ``in_base``, ``total``
        (items in the group) and ``base`` (the denominator).

    Examples
    --------
    >>> import pandas as pd
    >>> ms = pd.DataFrame({"status": pd.Categorical(["Green"] * 30 + ["Amber"] * 8, dtype=DEFAULT_SCALE.dtype)})
    >>> s = rag_summary(ms)
    >>> s.set_index("status").loc[["Green", "Amber"], "percent_text"].tolist()
    ['79%', '21%']
    """
    scale = scale_of(frame["status"], scale) if "status" in frame else scale
    if method not in ("half_up", "largest_remainder"):
        raise ConfigError(f"method must be 'half_up' or 'largest_remainder', not {method!r}")
    if base not in ("rated", "all"):
        raise ConfigError(f"base must be 'rated' or 'all', not {base!r}")
    col = _status_col(frame)
    by_cols = [by] if isinstance(by, str) else list(by or [])
    for b in by_cols:
        if b not in frame:
            raise ConfigError(f"cannot group by {b!r}: the frame has no such column ({', '.join(map(str, frame.columns))})")
    if "span" in frame and "measure_id" in frame:
        # A year's outturn beside the same quarter's figure counts once (perfkit.analyse.annual.quarterly_view).

        frame = quarterly_view(frame)
    # Everything below works on the period's row numbers and integer codes: no frame of its rows is built.
    mask = _period_mask(frame, period)
    rows = None if mask is None else np.flatnonzero(mask)
    names = scale.names
    codes = _codes(_rows(frame[col], rows), names)
    if fold_complete and "Complete" in names and "Green" in names:
        codes = np.where(codes == names.index("Complete"), names.index("Green"), codes)
    n_status = len(names)
    in_base = np.array([base == "all" or scale.rank(n) is not None for n in names])
    if fold_complete and "Complete" in names:
        in_base[names.index("Complete")] = False if base == "rated" else in_base[names.index("Complete")]

    # One row of counts per group, the overall counts first: one bincount over (group, status) pairs. A status
    # outside the scale (code -1) lands in each group's spare first slot, which is dropped: no rows filtered out.
    labels: list[tuple] = [(ALL,) * max(1, len(by_cols))]
    width = n_status + 1
    if by_cols:
        group_codes, uniques = _factorize([_rows(frame[b], rows) for b in by_cols])
        # a group the workbook itself calls "All" (a countywide scheme's division) is never the overall row
        labels += [tuple(ALL_AS_GROUP if isinstance(v, str) and v == ALL else v for v in u) for u in uniques]
        if len(group_codes) and group_codes.min() < 0:
            # A blank group key (code -1) is no group: bincount raises on it below, except on rows that are not
            # counted anyway (a status outside the scale), which are dropped first.
            valid = codes >= 0
            group_codes, codes = group_codes[valid], codes[valid]
        pairs = np.multiply(group_codes, width, dtype=np.int64)
        pairs += codes
        pairs += 1
        by_group = np.bincount(pairs, minlength=len(uniques) * width).reshape(len(uniques), width)[:, 1:]
        counts = np.vstack([by_group.sum(axis=0), by_group])
    else:
        counts = np.bincount(np.add(codes, 1, dtype=np.int64), minlength=width)[None, 1:]
    counts = counts.astype(np.int64)
    totals = counts.sum(axis=1)
    bases = counts[:, in_base].sum(axis=1)
    if method == "half_up":
        pct = percent_half_up(counts, bases[:, None])
    else:
        pct = np.zeros_like(counts)
        for i, c in enumerate(counts):
            pct[i, in_base] = percent_largest_remainder(c[in_base])
    shown = in_base[None, :] & (bases > 0)[:, None]

    keep = np.ones(n_status, dtype=bool)
    if fold_complete and "Complete" in names:
        keep[names.index("Complete")] = False
    n_groups, n_kept = len(labels), int(keep.sum())
    count_col, pct_col, shown_col = counts[:, keep].ravel(), np.where(shown, pct, 0)[:, keep].ravel(), shown[:, keep].ravel()
    base_col = np.repeat(bases, n_kept)
    group_names = by_cols or ["group"]
    out = pd.DataFrame({
        **{g: _group_column([label[j] for label in labels], n_kept) for j, g in enumerate(group_names)},
        "status": pd.Categorical.from_codes(np.tile(np.flatnonzero(keep), n_groups), dtype=scale.dtype),
        "count": count_col,
        "percent": pd.arrays.IntegerArray(pct_col, ~shown_col),
        "percent_text": [percent_text(k, p if s else None, b) for k, p, s, b in zip(count_col.tolist(), pct_col.tolist(), shown_col.tolist(), base_col.tolist())],
        "in_base": np.tile(in_base[keep], n_groups),
        "total": np.repeat(totals, n_kept),
        "base": base_col,
    })
    out.attrs["period"] = None if period is None else parse_period(period)
    out.attrs["by"] = by_cols
    return out


def _rows(series: pd.Series, rows: np.ndarray | None) -> pd.Series:
    """The chosen rows of a column (all of them when ``rows`` is None), taken from its array: no index is taken along."""
    return series if rows is None else pd.Series(series.array.take(rows), name=series.name, copy=False)


def _group_column(values: list, repeat: int) -> pd.Series:
    """Each group's label ``repeat`` times, typed as joining one small frame per group would type it."""
    if all(isinstance(v, str) for v in values):
        return pd.Series([v for v in values for _ in range(repeat)])
    return pd.concat([pd.Series([v] * repeat) for v in values], ignore_index=True)


def _codes(series: pd.Series, names: list[str]) -> np.ndarray:
    if isinstance(series.dtype, pd.CategoricalDtype) and list(series.cat.categories) == names:
        return series.cat.codes.to_numpy()
    return pd.Categorical(series.astype(object), categories=names).codes


def _factorize(keys: list[pd.Series]) -> tuple[np.ndarray, list[tuple]]:
    """Group codes in order of first appearance (categoricals in category order)."""
    if len(keys) == 1:
        k = keys[0]
        if isinstance(k.dtype, pd.CategoricalDtype):
            present = np.unique(k.cat.codes.to_numpy())
            present = present[present >= 0]
            remap = np.full(len(k.cat.categories) + 1, -1)
            remap[present] = np.arange(len(present))
            return remap[k.cat.codes.to_numpy()], [(k.cat.categories[i],) for i in present]
        codes, uniques = pd.factorize(k, sort=False)
        return codes, [(u,) for u in uniques]
    frame = pd.concat(keys, axis=1)
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(frame), sort=False)
    return codes, list(uniques)


def status_counts(summary: pd.DataFrame, group=ALL) -> dict:
    """``{status: {"count": n, "percent": p}}`` for one group of a summary (statuses with a count)."""
    g = summary[summary.iloc[:, 0] == group]
    return {
        str(r.status): {"count": int(r.count), "percent": None if pd.isna(r.percent) else int(r.percent)}
        for r in g.itertuples()
        if r.count > 0
    }


def summary_table(summary: pd.DataFrame) -> pd.DataFrame:
    """A summary as one row per group: total, then each status's count and percent text (periods as ``2023/24 Q2``)."""
    group_cols = [c for c in summary.columns if c not in ("status", "count", "percent", "percent_text", "in_base", "total", "base")]
    present = summary.groupby("status", observed=True)["count"].sum()
    statuses = [s for s in summary["status"].cat.categories if present.get(s, 0) > 0]
    rows = []
    for key, g in summary.groupby(group_cols, sort=False):
        g = g.set_index("status")
        keys = key if isinstance(key, tuple) else (key,)
        row = dict(zip(group_cols, (group_label(k) if isinstance(k, (pd.Period, pd.Timestamp)) else k for k in keys)))
        row["Total"] = int(g["total"].iloc[0])
        for s in statuses:
            row[s] = int(g.loc[s, "count"])
            row[f"{s} %"] = g.loc[s, "percent_text"]
        rows.append(row)
    return pd.DataFrame(rows)


def golden_thread(milestones: pd.DataFrame, period, levels=None, *, fold_complete: bool = True, scale: StatusScale = DEFAULT_SCALE) -> pd.DataFrame:
    """Counts and percentages rolled up the golden thread: objective -> strategy -> tactic -> milestone.

    Parameters
    ----------
    milestones : pandas.DataFrame
    period : str or pandas.Period
    levels : list of str, optional
        The hierarchy columns, top first; by default whichever of ``priority``,
        ``objective``, ``strategy`` and ``tactic`` the frame has.
    fold_complete : bool
        Count Complete as Green ("progressing well"), as is usual at these levels.

    Returns
    -------
    pandas.DataFrame
        One row per node, parents before children: ``level``, ``depth``, ``path``
        (the names from the top, joined by " > "), ``name``, ``total``, a count
        column per status that occurs, and ``good_percent`` (Green or Complete, as
        a percentage of rated items, half up).
    """
    levels = levels or [c for c in ("priority", "objective", "strategy", "tactic") if c in milestones and milestones[c].astype(str).str.len().gt(0).any()]
    if not levels:
        raise ConfigError("the frame has no hierarchy columns (priority, objective, strategy, tactic)")
    rows = _in_period(milestones, period)
    good = set(scale.good)
    statuses = [s for s in scale.names if (rows["status"] == s).any()]
    out = []
    for depth, level in enumerate(levels):
        keys = levels[: depth + 1]
        grouped = rows.groupby(keys, sort=False, observed=True)
        for key, g in grouped:
            key = key if isinstance(key, tuple) else (key,)
            counts = g["status"].astype(object).value_counts()
            rated = int(sum(counts.get(s, 0) for s in scale.rated))
            good_n = int(sum(counts.get(s, 0) for s in good))
            out.append({
                "level": level, "depth": depth, "path": " > ".join(map(str, key)), "name": key[-1], "total": len(g),
                **{s: int(counts.get(s, 0)) for s in statuses},
                "good_percent": int(percent_half_up(good_n, rated)) if rated else pd.NA,
            })
    table = pd.DataFrame(out)
    return table.sort_values("path", kind="stable", key=lambda s: s.map({p: i for i, p in enumerate(_tree_order(table))})).reset_index(drop=True)


def _tree_order(table: pd.DataFrame) -> list[str]:
    """Paths in depth-first order, keeping the workbook's order among siblings."""
    children: dict[str, list[str]] = {}
    for path, depth in zip(table["path"], table["depth"]):
        parent = " > ".join(path.split(" > ")[:-1]) if depth else ""
        children.setdefault(parent, []).append(path)
    order: list[str] = []

    def walk(node: str) -> None:
        for child in children.get(node, []):
            order.append(child)
            walk(child)

    walk("")
    return order


def group_label(value) -> str:
    """A group key written for people and JSON: periods as ``2023/24 Q4`` (never pandas' ``2024Q4``), dates as ISO.

    Examples
    --------
    >>> group_label(pd.Period("2024Q4", freq="Q-MAR")), group_label(pd.Timestamp("2024-03-31")), group_label("Housing")
    ('2023/24 Q4', '2024-03-31', 'Housing')
    """

    if isinstance(value, tuple):
        return " / ".join(group_label(v) for v in value)
    if isinstance(value, pd.Period):
        return period_label(value) if value.freqstr == FREQ else str(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "(blank)"
    return str(value)
