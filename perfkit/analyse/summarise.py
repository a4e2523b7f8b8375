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


def _in_period(frame: pd.DataFrame, period, columns=None) -> pd.DataFrame:
    """The rows of one period, with only ``columns`` if given (copying less of a large frame)."""
    if columns is not None:
        frame = frame[[c for c in dict.fromkeys(columns) if c in frame]]
    if period is None:
        return frame
    p = parse_period(period)
    col = frame["period"]
    if isinstance(col.dtype, pd.PeriodDtype) and col.dtype.freq == p.freq:
        # compare the integer ordinals: the same test, without boxing 10 million Periods
        ordinals = col.array.asi8
        return frame[(ordinals == p.ordinal) & (ordinals != np.iinfo(np.int64).min)]
    return frame[col == p]


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
    rows = _in_period(frame, period, [col, "period", *by_cols])
    names = scale.names
    codes = _codes(rows[col], names)
    if fold_complete and "Complete" in names and "Green" in names:
        codes = np.where(codes == names.index("Complete"), names.index("Green"), codes)
    n_status = len(names)
    in_base = np.array([base == "all" or scale.rank(n) is not None for n in names])
    if fold_complete and "Complete" in names:
        in_base[names.index("Complete")] = False if base == "rated" else in_base[names.index("Complete")]

    tables = []
    labels: list[tuple] = [(ALL,) * max(1, len(by_cols))]
    counts = [np.bincount(codes[codes >= 0], minlength=n_status)]
    if by_cols:
        keys = [rows[b] for b in by_cols]
        group_codes, uniques = _factorize(keys)
        valid = codes >= 0
        flat = np.bincount(group_codes[valid] * n_status + codes[valid], minlength=len(uniques) * n_status)
        matrix = flat.reshape(len(uniques), n_status)
        for i, u in enumerate(uniques):
            labels.append(u)
            counts.append(matrix[i])
    group_names = by_cols or ["group"]
    for label, c in zip(labels, counts):
        total = int(c.sum())
        base_n = int(c[in_base].sum())
        if method == "half_up":
            pct = percent_half_up(c, np.full(n_status, base_n))
        else:
            pct = np.zeros(n_status, dtype=np.int64)
            pct[in_base] = percent_largest_remainder(c[in_base])
        t = pd.DataFrame({
            **{g: [v] * n_status for g, v in zip(group_names, label)},
            "status": pd.Categorical(names, dtype=scale.dtype),
            "count": c.astype(np.int64),
            "percent": pd.array(np.where(in_base & (base_n > 0), pct, 0), dtype="Int64"),
            "in_base": in_base,
            "total": total,
            "base": base_n,
        })
        t.loc[~t["in_base"] | (base_n == 0), "percent"] = pd.NA
        t["percent_text"] = [percent_text(int(k), p, base_n) for k, p in zip(t["count"], t["percent"])]
        tables.append(t)
    out = pd.concat(tables, ignore_index=True)
    if fold_complete and "Complete" in names:
        out = out[out["status"] != "Complete"].reset_index(drop=True)
    out = out[[*group_names, "status", "count", "percent", "percent_text", "in_base", "total", "base"]]
    out.attrs["period"] = None if period is None else parse_period(period)
    out.attrs["by"] = by_cols
    return out


def _codes(series: pd.Series, names: list[str]) -> np.ndarray:
    if isinstance(series.dtype, pd.CategoricalDtype) and list(series.cat.categories) == names:
        return series.cat.codes.to_numpy().astype(np.int64)
    return pd.Categorical(series.astype(object), categories=names).codes.astype(np.int64)


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
