"""Comparators: how a council's figures stand among other councils'.

:func:`read_comparators` reads published comparison data (LG Inform exports, the
Office for Local Government's explorer downloads, the Scottish Local Government
Benchmarking Framework) into one long frame; :func:`benchmark` places one area
among the rest, measure by measure and period by period: rank, quartile, median,
the median of a family of comparators, and how many median absolute deviations it
sits from the median, as the Office for Local Government's explorer publishes it.

Periods are UK financial years. ``2022-23`` and ``2022/23`` are the year, held at
the quarter it ends in (``2022/23 Q4``); ``2018-19`` with a quarter column ``Q1``
is that quarter; a multi-year period such as ``2020-23`` (three years' pooled
figure) is kept too, at the quarter its last year ends in, and ``period_span``
says what each row covers (``2020/21 to 2022/23``) so that a three-year figure is
never compared with a single year's.

Examples
--------
>>> import pandas as pd
>>> from perfkit.analyse.benchmarking import benchmark
>>> frame = pd.DataFrame({
...     "area_code": ["A", "B", "C", "D"], "area_name": ["Ash", "Birch", "Cedar", "Dale"],
...     "measure_id": "M1", "measure": "Homes built", "polarity": "higher",
...     "period": pd.Period("2024Q4", freq="Q-MAR"), "period_span": "2023/24", "value": [10.0, 30.0, 20.0, 30.0]})
>>> row = benchmark(frame, "Cedar").iloc[0]
>>> int(row["rank"]), int(row["n"]), int(row["quartile"]), float(row["median"])
(3, 4, 3, 25.0)
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from perfkit.core.errors import ConfigError, Problem
from perfkit.core.periods import period_label
from perfkit.read.kinds.comparators import norm_text


def find_area(frame: pd.DataFrame, area: str) -> str:
    """The area_code of ``area`` given as a code or a name (case and spacing ignored)."""
    key = norm_text(area)
    codes = frame["area_code"].astype(str)
    hit = frame.loc[codes.map(norm_text) == key, "area_code"]
    if hit.empty:
        hit = frame.loc[frame["area_name"].astype(str).map(norm_text) == key, "area_code"]
    found = hit.unique()
    if len(found) == 0:
        sample = ", ".join(sorted(frame["area_name"].astype(str).unique())[:8])
        raise ConfigError(f"no area {area!r} in the comparison data (areas include {sample}...)")
    if len(found) > 1:
        raise ConfigError(f"{area!r} names more than one area ({', '.join(map(str, found))}): give its code")
    return found[0]


def benchmark(frame: pd.DataFrame, area: str, family=None) -> pd.DataFrame:
    """Place one area among all areas, for every measure and period.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`read_comparators` (or any frame with its columns).
    area : str
        The council: its area code or name.
    family : list of str, optional
        Comparator area codes or names (e.g. CIPFA nearest neighbours or an LGBF
        family group) for ``family_median``.

    Returns
    -------
    pandas.DataFrame
        One row per measure and period (``period_span`` apart), in time order:
        ``measure_id, measure, polarity, period, period_span, value`` (the area's,
        missing if it has none), ``n`` (areas with a value), ``rank`` (1 = best
        by polarity; tied areas share the best rank, as ``rank(method="min")``;
        blank without a polarity of higher or lower, or without a value),
        ``quartile`` (1 = best: ``floor(4 * (rank - 1) / n) + 1``, so the best
        quarter of the n areas, ties included, is quartile 1), ``median`` (of all areas
        with a value), ``lower_quartile``/``upper_quartile`` (the 25th and 75th
        percentiles of the values), ``family_median`` (of the family's values),
        ``family_n``, ``mads_from_median`` (``(value - median) / median(|values -
        median|)``, missing where that median deviation is 0) and
        ``rank_change`` (previous rank minus this rank, against the previous
        period of the same length: positive means it moved up). Missing values
        never count as zero: they are left out of n, the medians and the ranks.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"area_code": list("ABCD") * 2, "area_name": list("ABCD") * 2, "measure_id": "M1",
    ...     "measure": "Waiting days", "polarity": "lower", "period_span": ["2022/23"] * 4 + ["2023/24"] * 4,
    ...     "period": pd.PeriodIndex(["2023Q4"] * 4 + ["2024Q4"] * 4, freq="Q-MAR"),
    ...     "value": [5.0, 3.0, 8.0, None, 2.0, 3.0, 8.0, 9.0]})
    >>> benchmark(frame, "A", family=["B", "C"])[["period_span", "rank", "n", "family_median", "rank_change"]].values.tolist()
    [['2022/23', 2.0, 3, 5.5, nan], ['2023/24', 1.0, 4, 5.5, 1.0]]
    """
    code = find_area(frame, area)
    problems: list[Problem] = []
    f = frame
    if "period_span" not in f:
        f = f.assign(period_span=[period_label(p) for p in f["period"]])
    if "polarity" not in f:
        f = f.assign(polarity="none")
        problems.append(Problem("comparators", "polarity", None, "the data gives no polarity: ranks and quartiles are left blank", "warning"))
    family_codes = None
    if family is not None:
        names = dict(zip(f["area_name"].astype(str).map(norm_text), f["area_code"]))
        known = set(f["area_code"].astype(str))
        family_codes = set()
        for a in family:
            if str(a) in known:
                family_codes.add(str(a))
            elif norm_text(a) in names:
                family_codes.add(names[norm_text(a)])
            else:
                problems.append(Problem("comparators", "family", a, f"family member {a!r} is not in the comparison data: left out", "warning"))

    keys = ["measure_id", "period_span"]
    every = standings(f, family_codes)
    unranked = sorted(set(f.loc[~f["polarity"].isin(["higher", "lower"]), "measure_id"].astype(str)))
    if unranked:
        problems.append(Problem("comparators", "polarity", None, f"{', '.join(unranked)} have no polarity of higher or lower "
                                "is better: not ranked (no rank or quartile)", "info"))
    mine_rows = (f["area_code"].astype(str) == str(code)).to_numpy()
    meta_cols = [c for c in ("measure_id", "measure", "polarity", "period", "period_span") if c in f]
    group_cols = ["n", "median", "lower_quartile", "upper_quartile", "family_median", "family_n"]
    own_cols = ["value", "rank", "quartile", "mads_from_median"]
    # Every measure and period in the data, the area's own figures where it has a row (missing where not).
    first = ~f.duplicated(keys).to_numpy()
    res = pd.concat([f.loc[first, meta_cols].reset_index(drop=True), every.loc[first, group_cols].reset_index(drop=True)], axis=1)
    own = pd.concat([f.loc[mine_rows, keys].reset_index(drop=True), every.loc[mine_rows, own_cols].reset_index(drop=True)], axis=1)
    own = own.drop_duplicates(keys)
    res = res.merge(own, on=keys, how="left")
    absent = int(len(res) - res.merge(own[keys], on=keys, how="inner").shape[0])
    if absent:
        problems.append(Problem("comparators", "value", None, f"{area} has no row for {absent} measure-periods in the data: "
                                "shown with no value, never as zero", "info"))
    # Rank change: against the previous period of the same length for the same measure.
    length = res["period_span"].map(lambda s: "multi" if " to " in str(s) else ("quarter" if " Q" in str(s) else ("half" if " H" in str(s) else "year")))
    res["_len"] = length.to_numpy()
    res = res.sort_values(["measure_id", "_len", "period"], kind="stable")
    res["rank_change"] = res.groupby(["measure_id", "_len"], sort=False)["rank"].shift(1) - res["rank"]
    order = {m: i for i, m in enumerate(dict.fromkeys(f["measure_id"]))}
    res = res.sort_values(["measure_id", "period", "_len"], key=lambda s: s.map(order) if s.name == "measure_id" else s, kind="stable")
    res = res.drop(columns="_len").reset_index(drop=True)
    cols = ["measure_id", "measure", "polarity", "period", "period_span", "value", "n", "rank", "quartile", "median",
            "lower_quartile", "upper_quartile", "family_median", "family_n", "mads_from_median", "rank_change"]
    res = res[[c for c in cols if c in res]]
    area_name = f.loc[f["area_code"].astype(str) == str(code), "area_name"].iloc[0]
    res.attrs.update({"area_code": code, "area_name": area_name, "family": sorted(family_codes) if family_codes is not None else None,
                      "problems": list(frame.attrs.get("problems", [])) + problems})
    return res


def standings(frame: pd.DataFrame, family=None) -> pd.DataFrame:
    """Every row's place among all areas for its measure and period (what :func:`benchmark` picks one area from).

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`read_comparators`; needs ``measure_id``, ``period_span``,
        ``area_code``, ``value`` and uses ``polarity``.
    family : collection of str, optional
        Area codes whose median is ``family_median``.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``frame``: ``value, n, rank, quartile, median,
        lower_quartile, upper_quartile, family_median, family_n,
        mads_from_median`` (see :func:`benchmark`).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"measure_id": "M", "period_span": "2023/24", "area_code": list("ABC"),
    ...                   "polarity": "higher", "value": [1.0, 3.0, 3.0]})
    >>> standings(f)["rank"].tolist()
    [3.0, 1.0, 1.0]
    """
    keys = ["measure_id", "period_span"]
    values = frame["value"].to_numpy(dtype=float, na_value=np.nan)
    valid = ~np.isnan(values)
    polarity = frame["polarity"].astype(object).fillna("none").to_numpy() if "polarity" in frame else np.full(len(frame), "none", dtype=object)
    work = pd.DataFrame({
        "measure_id": frame["measure_id"].to_numpy(), "period_span": frame["period_span"].to_numpy(),
        "area_code": frame["area_code"].astype(str).to_numpy(), "value": values,
    })
    g = work[valid].groupby(keys, sort=False)["value"]
    stats = pd.DataFrame({"n": g.size(), "median": g.median(), "lower_quartile": g.quantile(0.25), "upper_quartile": g.quantile(0.75)})
    med = work.join(stats["median"], on=keys)["median"].to_numpy(dtype=float)
    dev = pd.Series(np.abs(values - med), index=work.index)[valid]
    stats["mad"] = dev.groupby([work.loc[valid, k] for k in keys], sort=False).median()
    if family is not None:
        fam = work[valid & work["area_code"].isin(set(map(str, family))).to_numpy()].groupby(keys, sort=False)["value"]
        stats["family_median"] = fam.median()
        stats["family_n"] = fam.size()
    else:
        stats["family_median"] = np.nan
        stats["family_n"] = 0
    out = work[keys].join(stats, on=keys)
    out.index = frame.index
    # 1 = best by polarity; tied areas share the best rank; missing values are not ranked.
    signed = np.where(polarity == "higher", -values, np.where(polarity == "lower", values, np.nan))
    out["rank"] = pd.Series(signed, index=frame.index).groupby([work[k].to_numpy() for k in keys], sort=False).rank(method="min")
    out["value"] = values
    out["n"] = out["n"].fillna(0).astype(np.int64)
    out["family_n"] = out["family_n"].fillna(0).astype(np.int64)
    out["quartile"] = pd.array(np.floor(4 * (out["rank"].to_numpy(dtype=float) - 1) / np.where(out["n"] > 0, out["n"], np.nan)) + 1, dtype="Int64")
    mad = out["mad"].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["mads_from_median"] = np.where(mad > 0, (values - out["median"].to_numpy(dtype=float)) / mad, np.nan)
    return out[["value", "n", "rank", "quartile", "median", "lower_quartile", "upper_quartile", "family_median", "family_n", "mads_from_median"]]


def latest_rows(b: pd.DataFrame) -> pd.DataFrame:
    """Each measure's latest period, single years and quarters before multi-year figures."""
    single = ~b["period_span"].astype(str).str.contains(" to ")
    b = b.assign(_single=single)
    return (b.sort_values(["_single", "period"], kind="stable").groupby("measure_id", sort=False).tail(1)
            .drop(columns="_single").set_index("measure_id").reindex(list(dict.fromkeys(b["measure_id"]))).reset_index())


