"""Comparators: how a council's figures stand among other councils'.

:func:`read_comparators` reads published comparison data (LG Inform exports, the
Office for Local Government's explorer downloads, the Scottish Local Government
Benchmarking Framework, Fingertips and ONS downloads) into one long frame;
:func:`benchmark` places one council among the other councils, measure by measure,
breakdown by breakdown and period by period: rank, quartile, median, the median of
a family of comparators, how many median absolute deviations it sits from the
median (as the Office for Local Government and, scaled, the ONS publish it), the
figures of England, regions and other areas that are not councils beside it, and
whether it is better, similar or worse than England (as Fingertips judges it).

Only councils are compared: England, regions, combined authorities, totals and other
geographies (``area_type`` from :func:`read_comparators`) are left out of n, the
medians, quartiles and ranks, and shown beside the council as reference values.
Where a file holds counties beside districts, each council is compared within its
tier. Periods are compared only with the same kind of period: a pooled ``2016-18``
never with a single year.

Examples
--------
>>> import pandas as pd
>>> from perfkit.analyse.benchmarking import benchmark
>>> frame = pd.DataFrame({
...     "area_code": ["A", "B", "C", "D", "E92000001"], "area_name": ["Ash", "Birch", "Cedar", "Dale", "England"],
...     "measure_id": "M1", "measure": "Homes built", "polarity": "higher",
...     "period": pd.Period("2024Q4", freq="Q-MAR"), "period_span": "2023/24", "value": [10.0, 30.0, 20.0, 30.0, 90.0]})
>>> row = benchmark(frame, "Cedar").iloc[0]
>>> int(row["rank"]), int(row["n"]), int(row["quartile"]), float(row["median"]), row["references"]
(3, 4, 3, 25.0, 'England 90')
"""

from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd

from perfkit.core.errors import ConfigError, Problem
from perfkit.core.periods import period_label
from perfkit.read.kinds.comparators import (COUNCIL_TYPES, classify_areas, is_pooled, mark_superseded, national_rows, norm_text,
                                            span_kind)

# The ONS scales the median absolute deviation by 1.4826, so that it estimates the standard deviation of normal data.
MAD_SCALE = 1.4826

TIER_WORDS = {"lower": "districts and unitary councils", "upper": "counties and unitary councils", "all": "councils of every tier",
              "group": "councils of its type"}
NOT_COUNCILS = ("country", "region", "combined authority", "total", "other area")
# Fewer councils than this in a comparison give no median, quartile or rank: a council compared with itself alone (n 1)
# would be its own median, and first of one.
MIN_COMPARED = 2


_COUNCIL_PREFIX = re.compile(r"^(?:the )?(?:london borough of|royal borough of|metropolitan borough of|borough of|city and county of|"
                             r"city of|county of|council of the)\s+")
_COUNCIL_SUFFIX = re.compile(r"(?:,? (?:city|county) of)$|\s+(?:metropolitan borough|metropolitan district|royal borough|borough|"
                             r"district|city|county|county borough|unitary)?\s*council$")


def plain_name(name) -> str:
    """A council's name without the words around it, for matching: ``Stockport Metropolitan Borough Council`` and
    ``Stockport`` are both ``stockport``; ``Bristol, City of`` and ``Bristol City Council`` both ``bristol``.

    Examples
    --------
    >>> [plain_name(n) for n in ("Stockport Metropolitan Borough Council", "London Borough of Camden", "Herefordshire, County of")]
    ['stockport', 'camden', 'herefordshire']
    """
    text = norm_text(name).replace("&", "and")
    text = _COUNCIL_PREFIX.sub("", text)
    return _COUNCIL_SUFFIX.sub("", text).strip() or norm_text(name)


_LA_MARK = re.compile(r"\s*[(\[](?:la|local authority|this council|us|our council)[)\]]\s*$", re.I)


def find_area(frame: pd.DataFrame, area: str, what: str = "area") -> str:
    """The area_code of ``area`` given as a code or a name (case and spacing ignored; a council's name also without
    "Metropolitan Borough Council" and the like). An area not in the data is refused naming the closest names in it;
    ``what`` is how the refusal calls the argument (``--area`` for the command line)."""
    key = norm_text(area)
    areas = frame[["area_code", "area_name"]].astype(str).drop_duplicates()  # each area matched once, not each row
    by_code = areas["area_code"].map(norm_text) == key
    # a row with no code carries its name as its code: "Aberdeen City" matches by name too, and the council is meant
    hit = areas.loc[by_code | (areas["area_name"].map(norm_text) == key), "area_code"]
    if hit.empty:
        hit = areas.loc[areas["area_name"].map(plain_name) == plain_name(area), "area_code"]
    if hit.empty:  # "Stockport (LA)": the council's own row, named with a mark
        hit = areas.loc[areas["area_name"].map(lambda n: plain_name(_LA_MARK.sub("", n))) == plain_name(area), "area_code"]
    found = hit.unique()
    if len(found) > 1 and "area_type" in frame:
        # Lancashire the county, the police force area and the ITL area: the council is meant.
        kinds = frame.drop_duplicates("area_code").set_index("area_code")["area_type"]
        councils = [c for c in found if kinds.get(c) in COUNCIL_TYPES]
        if len(councils) == 1:
            found = councils
    if len(found) == 0:
        names = sorted(areas["area_name"].unique())
        plain = {}
        for n in names:
            plain.setdefault(plain_name(n), n)
        close = [plain[p] for p in difflib.get_close_matches(plain_name(area), list(plain), n=4, cutoff=0.6)]
        if close:
            hint = f"the closest in it {'are' if len(close) > 1 else 'is'} {', '.join(close)}"
        else:
            hint = f"its areas include {', '.join(names[:8])}{'...' if len(names) > 8 else ''}"
        raise ConfigError(f"no area {area!r} in the comparison data: {hint}. Give the council's name or code as the file writes it "
                          f"({what}{' ' if what.startswith('-') else '='}\"...\")")
    if len(found) > 1:
        raise ConfigError(f"{area!r} names more than one area ({', '.join(map(str, found))}): give its code")
    return found[0]


def keys_of(frame: pd.DataFrame) -> list[str]:
    """What one comparison is: the measure, its breakdown where the frame has one, and the period."""
    return ["measure_id", "breakdown", "period_span"] if "breakdown" in frame else ["measure_id", "period_span"]


def with_area_types(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with ``area_type`` (councils or not), judged from codes and names where :func:`read_comparators` did not."""
    if "area_type" in frame:
        return frame
    f = frame.assign(area_type=classify_areas(frame["area_code"].astype(str).to_numpy(), frame["area_name"].astype(str).to_numpy(),
                                              frame["group"].astype(str).to_numpy() if "group" in frame else None))
    f = f.reset_index(drop=True)
    if "period" in f and "period_span" in f:
        mark_superseded(f, keys_of(f))
    return f


def settings_of(frame: pd.DataFrame, include_aggregates=None, tier=None, references=None, countries=None) -> dict:
    """The comparison's options: as given, else as the file's settings (``[comparators]``) say, else the defaults."""
    given = dict(frame.attrs.get("settings") or {})
    tier = tier if tier is not None else given.get("tier")
    countries = countries if countries is not None else given.get("countries")
    if countries is not None and countries not in ("own", "pooled"):
        raise ConfigError(f"countries={countries!r}: say 'own' (each council compared with the councils of its own country) or "
                          "'pooled' (with the councils of every country in the file)")
    if tier is not None and tier not in ("lower", "upper", "all", "group"):
        raise ConfigError(f"tier={tier!r}: say 'lower' (districts with unitary councils), 'upper' (counties with unitary councils), "
                          "'group' (each council with those of its type, as the file's type column gives it) or 'all'")
    if tier == "group" and "group" not in frame:
        raise ConfigError("tier='group' compares each council with those of its type as the file's type column gives it, and the "
                          "data has no such column: name it under [comparators.columns] in perfkit.toml (\"Council type\" = "
                          "\"group\"), or say tier = \"lower\", \"upper\" or \"all\"")
    return {"include_aggregates": bool(include_aggregates if include_aggregates is not None else given.get("include_aggregates", False)),
            "tier": tier, "references": references if references is not None else given.get("references"), "countries": countries}


def tiers_mixed(types: np.ndarray, counted: np.ndarray, frame: pd.DataFrame | None = None) -> bool:
    """Whether the councils compared include both counties and districts (two tiers of one place): only then is each
    council compared within its tier. Counties beside unitary councils and no district (an upper-tier service, such
    as children in care) are one tier, compared together.

    A frame from :func:`read_comparators` says so for the whole file in ``attrs["tiers_mixed"]``, so that
    a part of it (one measure, for a chart) is compared exactly as the whole file is.
    """
    if frame is not None and frame.attrs.get("tiers_mixed") is not None:
        return bool(frame.attrs["tiers_mixed"])
    kinds = set(types[counted])
    return "county" in kinds and "district" in kinds


def by_group(frame: pd.DataFrame, tier: str | None) -> bool:
    """Whether each council is compared only with the councils of its own type as the file's ``group`` column gives it
    ("Council type": District, County, Single Tier, as a climate scorecard's publisher scores within each): where
    ``tier`` is ``group``, or by default where :func:`read_comparators` found such a column (``attrs["compare_by_group"]``)."""
    if tier == "group":
        return "group" in frame
    return tier is None and "group" in frame and bool(frame.attrs.get("compare_by_group"))


def tier_members(types: np.ndarray, counted: np.ndarray, within: str) -> np.ndarray:
    """The rows among ``counted`` in one tier: ``lower`` (every council but the counties) or ``upper`` (every council but
    the districts: counties, unitary councils, and councils of unknown tier, placed as unitary councils are)."""
    if within == "lower":
        return counted & (types != "county")
    return counted & (types != "district")


def tier_of(kind: str, tier: str | None) -> str:
    """Which councils one of this ``area_type`` is compared with, where the tiers are mixed: ``lower`` or ``upper``."""
    if kind == "county":
        return "upper"
    if kind == "district":
        return "lower"
    return tier if tier in ("lower", "upper") else "lower"


def standings(frame: pd.DataFrame, family=None, include_aggregates: bool = False, tier: str | None = None,
              within: str | None = None, of_type: str | None = None) -> pd.DataFrame:
    """Every row's place among the councils for its measure, breakdown and period (what :func:`benchmark` picks one area from).

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`read_comparators`; needs ``measure_id``, ``period_span``,
        ``area_code``, ``value`` and uses ``polarity``, ``breakdown``,
        ``area_type``, ``lower_ci`` and ``upper_ci``.
    family : collection of str, optional
        Area codes whose median is ``family_median``.
    include_aggregates : bool
        Count areas that are not councils (England, regions, totals) as if they were.
    tier : {"lower", "upper", "all", "group"}, optional
        Where counties and districts are both present, unitary councils are compared
        with districts (``lower``, the default, as the ONS does) or with counties
        (``upper``); ``all`` compares every council together; ``group`` compares each
        council with those of its type in the file's ``group`` column (the default
        where the file has a "Council type" column, see :func:`by_group`).
    within : {"lower", "upper"}, optional
        Give every row the figures of one tier (what :func:`benchmark` uses for one council).
    of_type : str, optional
        Where councils are compared by type (``tier="group"``), give every row the
        figures of the councils of this type (what :func:`benchmark` uses for one council).

    Returns
    -------
    pandas.DataFrame
        Indexed like ``frame``: ``value, n, rank, quartile, median,
        lower_quartile, upper_quartile, family_median, family_n,
        mads_from_median, ons_mad, counted`` (whether the row is among the areas
        compared), ``national`` (its country's figure) and
        ``compared_with_national`` (see :func:`benchmark`).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"measure_id": "M", "period_span": "2023/24", "area_code": list("ABC"), "area_name": list("ABC"),
    ...                   "polarity": "higher", "value": [1.0, 3.0, 3.0]})
    >>> standings(f)["rank"].tolist()
    [3.0, 1.0, 1.0]
    """
    f = with_area_types(frame) if "area_name" in frame or "area_type" in frame else frame.assign(area_type="council")
    f = f.set_axis(frame.index) if len(f) == len(frame) else f
    keys = keys_of(f)
    values = f["value"].to_numpy(dtype=float, na_value=np.nan)
    types = f["area_type"].astype(str).to_numpy()
    polarity = f["polarity"].astype(object).fillna("none").to_numpy() if "polarity" in f else np.full(len(f), "none", dtype=object)
    counted = np.isin(types, COUNCIL_TYPES)
    if include_aggregates:
        counted |= np.isin(types, NOT_COUNCILS)
    gid = pd.MultiIndex.from_arrays([f[k].astype(str).to_numpy() for k in keys]).factorize()[0] if len(f) else np.zeros(0, dtype=np.int64)
    codes = f["area_code"].astype(str).to_numpy()
    fam = np.isin(codes, list(map(str, family))) if family is not None else None
    if by_group(frame, tier):
        kinds = f["group"].astype(object).where(f["group"].notna(), "").astype(str).to_numpy()
        if of_type is not None:
            out = _one_tier(values, polarity, counted & (kinds == of_type), gid, fam, f.index)
        else:
            out = _one_tier(values, polarity, counted, pd.MultiIndex.from_arrays([gid, kinds]).factorize()[0], fam, f.index)
    elif tier != "all" and within is None and tiers_mixed(types, counted, frame):
        sets = np.array([tier_of(t, tier) for t in types], dtype=object)
        lower = _one_tier(values, polarity, tier_members(types, counted, "lower"), gid, fam, f.index)
        upper = _one_tier(values, polarity, tier_members(types, counted, "upper"), gid, fam, f.index)
        out = lower.where(pd.Series(sets == "lower", index=f.index), upper, axis=0)
    elif within in ("lower", "upper") and tiers_mixed(types, counted, frame) and tier != "all":
        members = tier_members(types, counted, within)
        out = _one_tier(values, polarity, members, gid, fam, f.index)
    else:
        out = _one_tier(values, polarity, counted, gid, fam, f.index)
    out["value"] = values
    nat = national_rows(f)
    national = np.where(nat >= 0, values[np.maximum(nat, 0)], np.nan)
    out["national"] = national
    out["compared_with_national"] = _against_national(f, values, national, polarity)
    cols = ["value", "n", "rank", "quartile", "median", "lower_quartile", "upper_quartile", "family_median", "family_n",
            "mads_from_median", "ons_mad", "counted", "national", "compared_with_national"]
    return out[cols]


def _one_tier(values, polarity, members, gid, fam, index) -> pd.DataFrame:
    """Medians, quartiles, deviations and ranks of each comparison (``gid``: its number) among ``members`` only, for every row."""
    v = np.where(members, values, np.nan)
    by = pd.Series(v).groupby(gid, sort=True)
    n = by.count().to_numpy()[gid] if len(v) else np.zeros(0, dtype=np.int64)
    med = by.median().to_numpy(dtype=float)[gid] if len(v) else np.zeros(0)
    out = pd.DataFrame(index=index)
    out["n"] = n.astype(np.int64)
    out["median"] = med
    out["lower_quartile"] = by.quantile(0.25).to_numpy(dtype=float)[gid] if len(v) else np.zeros(0)
    out["upper_quartile"] = by.quantile(0.75).to_numpy(dtype=float)[gid] if len(v) else np.zeros(0)
    mad = pd.Series(np.abs(v - med)).groupby(gid, sort=True).median().to_numpy(dtype=float)[gid] if len(v) else np.zeros(0)
    if fam is not None:
        fv = pd.Series(np.where(fam, v, np.nan)).groupby(gid, sort=True)
        out["family_median"] = fv.median().to_numpy(dtype=float)[gid] if len(v) else np.zeros(0)
        out["family_n"] = (fv.count().to_numpy()[gid] if len(v) else np.zeros(0)).astype(np.int64)
    else:
        out["family_median"] = np.nan
        out["family_n"] = 0
    # 1 = best by polarity; tied areas share the best rank; missing values and areas not compared are not ranked.
    signed = np.where(polarity == "higher", -v, np.where(polarity == "lower", v, np.nan))
    out["rank"] = pd.Series(signed).groupby(gid, sort=True).rank(method="min").to_numpy()
    out["quartile"] = pd.array(np.floor(4 * (out["rank"].to_numpy(dtype=float) - 1) / np.where(n > 0, n, np.nan)) + 1, dtype="Int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        out["mads_from_median"] = np.where(mad > 0, (v - med) / mad, np.nan)
        # Signed so that positive is better: with no polarity there is no sign to give it, so it is left blank.
        sign = np.where(polarity == "lower", -1.0, np.where(polarity == "higher", 1.0, np.nan))
        out["ons_mad"] = np.where(mad > 0, sign * (v - med) / (MAD_SCALE * mad), np.nan)
    out["counted"] = members
    return out


def _against_national(f: pd.DataFrame, values, national, polarity) -> np.ndarray:
    """Better, Similar or Worse than the country (Higher or Lower without a polarity), as Fingertips judges it: from the
    area's 95% confidence interval against the country's value; missing where the file gives no interval."""
    out = np.full(len(f), None, dtype=object)
    if "lower_ci" not in f or "upper_ci" not in f:
        return out
    lo = f["lower_ci"].to_numpy(dtype=float, na_value=np.nan)
    hi = f["upper_ci"].to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(lo) & np.isfinite(hi) & np.isfinite(national) & np.isfinite(values)
    side = np.where(lo > national, "Higher", np.where(hi < national, "Lower", "Similar"))
    word = np.where(side == "Similar", "Similar",
                    np.where(polarity == "higher", np.where(side == "Higher", "Better", "Worse"),
                             np.where(polarity == "lower", np.where(side == "Lower", "Better", "Worse"), side)))
    out[ok] = word[ok]
    return out


def benchmark(frame: pd.DataFrame, area: str, family=None, include_aggregates: bool | None = None, tier: str | None = None,
              references=None, countries: str | None = None) -> pd.DataFrame:
    """Place one council among the other councils, for every measure, breakdown and period.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`read_comparators` (or any frame with its columns).
    area : str
        The council: its area code or name.
    family : list of str, optional
        Comparator area codes or names (e.g. CIPFA nearest neighbours or an LGBF
        family group) for ``family_median``.
    include_aggregates : bool, optional
        Count England, regions, combined authorities and totals among the areas
        compared (default: no; or as ``include_aggregates`` under ``[comparators]`` says).
    tier : {"lower", "upper", "all", "group"}, optional
        Where counties and districts are both in the file, which councils a
        unitary council is compared with: districts (``lower``, the default, as
        the ONS compares them) or counties (``upper``); ``all`` compares every
        council together. A district is always compared within the lower tier and
        a county within the upper, unless ``all``. ``group`` compares each council
        with those of its type in the file's type column ("Council type"), the
        default where the file has one (:func:`by_group`).
    references : list of str, optional
        Areas that are not councils to show beside the council (names or codes);
        by default its country and, where the file holds four or fewer such areas,
        all of them.
    countries : {"own", "pooled"}, optional
        Where the file holds councils of more than one country (by their ONS
        codes), ``own`` compares the council only with those of its own country
        (an English county with English counties and unitary councils) and
        ``pooled`` with every country's. By default its own country, unless the
        file gives the publisher's own MAD, median or rank for this council (the
        ONS's MAD is over the UK's councils): then pooled, as the publisher did.
        Said either way.

    Returns
    -------
    pandas.DataFrame
        One row per measure, breakdown and period (``period_span`` apart), in time order:
        ``measure_id, measure, breakdown`` (where the data has one), ``polarity,
        period, period_span, value`` (the council's, missing if it has none),
        ``n`` (councils with a value), ``rank`` (1 = best by polarity; tied
        councils share the best rank, as ``rank(method="min")``; blank without a
        polarity of higher or lower, or without a value), ``quartile`` (1 = best:
        ``floor(4 * (rank - 1) / n) + 1``), ``median`` (of the councils with a
        value), ``lower_quartile``/``upper_quartile`` (their 25th and 75th
        percentiles), ``family_median`` and ``family_n``, ``mads_from_median``
        (``(value - median) / median(|values - median|)``, as the Office for Local
        Government publishes it; missing where that median deviation is 0),
        ``ons_mad`` (the same over 1.4826 times the deviation and signed by
        polarity, so that positive is better, as the ONS publishes it),
        ``national`` (the council's country's figure), ``references`` (the areas
        shown beside it, such as ``England 91; North West 88``),
        ``compared_with_national`` (Better, Similar or Worse than its country from
        the 95% confidence interval, as Fingertips judges it, where the file gives
        intervals), ``published_comparison`` (the file's own judgement, where it
        has one) and ``rank_change`` (previous rank minus this rank, against the
        previous period of the same kind: positive means it moved up). Missing
        values never count as zero. ``attrs["problems"]`` says what was left out
        and where perfkit's figures differ from the publisher's own.

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
    opts = settings_of(frame, include_aggregates, tier, references, countries)
    problems: list[Problem] = []
    f = frame
    if "period_span" not in f:
        f = f.assign(period_span=[period_label(p) for p in f["period"]])
    f = with_area_types(f)
    if "polarity" not in f:
        f = f.assign(polarity="none")
        problems.append(Problem("comparators", "polarity", None, "the data gives no polarity: ranks and quartiles are left blank", "warning"))
    code = find_area(f, area)
    f = _own_country(f, code, opts, problems)
    types = f["area_type"].astype(str).to_numpy()
    codes = f["area_code"].astype(str).to_numpy()
    mine_rows = codes == str(code)
    my_type = types[mine_rows][0]
    area_name = f.loc[mine_rows, "area_name"].iloc[0]
    prefix = str(code)[:3] if re.fullmatch(r"[EWSN]\d{8}", str(code)) else ""
    peers = np.char.startswith(codes.astype(str), prefix) if prefix and my_type == "other area" else np.zeros(len(codes), bool)
    by_kind = len(set(codes[peers])) >= 5
    if my_type in NOT_COUNCILS and not opts["include_aggregates"] and not by_kind:
        raise ConfigError(f"{area_name} is not a council ({my_type}): benchmark places a council among the other councils. "
                          f"If it is a council, say so under [comparators.areas] in perfkit.toml: \"{area_name}\" = \"council\"")
    if by_kind and not opts["include_aggregates"]:  # a community safety partnership among partnerships (E22), never councils
        problems.append(Problem("comparators", "area_code", code, f"{area_name} is not a council but one of {len(set(codes[peers]))} "
                                f"areas of its kind here (ONS codes {prefix}...): compared with those, not with councils", "info"))
        others = np.isin(types, COUNCIL_TYPES) & ~peers  # councils in the file are set aside like any other kind of area
        types = np.where(peers, "council", np.where(others, "other area", types))
        f = f.assign(area_type=pd.Categorical(types, categories=f["area_type"].cat.categories)
                     if isinstance(f["area_type"].dtype, pd.CategoricalDtype) else types)
        my_type = "council"
    if my_type in ("superseded council", "unknown"):
        problems.append(Problem("comparators", "area_code", code, f"{area_name} is a {my_type} here: its figures are shown but not ranked "
                                "among the councils", "warning"))
    counted = np.isin(types, COUNCIL_TYPES) | (opts["include_aggregates"] & np.isin(types, NOT_COUNCILS))
    grouped = by_group(frame, opts["tier"])
    mixed = not grouped and opts["tier"] != "all" and not by_kind and tiers_mixed(types, counted, frame)
    within = tier_of(my_type, opts["tier"]) if mixed else None
    my_group = (f.loc[mine_rows, "group"].astype(object).where(f.loc[mine_rows, "group"].notna(), "").astype(str).iloc[0]
                if grouped else "")

    family_codes = None
    if family is not None:
        areas = f[["area_code", "area_name"]].drop_duplicates()
        names = dict(zip(areas["area_name"].astype(str).map(norm_text), areas["area_code"]))
        known = set(codes)
        family_codes = set()
        kind_of = dict(zip(codes, types))
        for a in family:
            c = str(a) if str(a) in known else names.get(norm_text(a))
            if c is None:
                problems.append(Problem("comparators", "family", a, f"family member {a!r} is not in the comparison data: left out", "warning"))
            elif kind_of.get(str(c)) not in COUNCIL_TYPES:
                problems.append(Problem("comparators", "family", a, f"family member {a!r} is not a council ({kind_of.get(str(c))}): "
                                        "left out of the family median", "warning"))
            else:
                family_codes.add(str(c))

    keys = keys_of(f)
    every = standings(f, family_codes, opts["include_aggregates"], "group" if grouped else opts["tier"], within=within,
                      of_type=my_group if grouped else None)
    unranked = sorted(set(f.loc[~f["polarity"].isin(["higher", "lower"]), "measure_id"].astype(str)))
    if unranked:
        problems.append(Problem("comparators", "polarity", None, f"{', '.join(unranked[:6])}{'...' if len(unranked) > 6 else ''} "
                                f"{'have' if len(unranked) > 1 else 'has'} no polarity of higher or lower is better: not ranked "
                                "(no rank or quartile), and no scaled MAD (ons_mad), whose sign says which side of the median is "
                                "better; give it under [comparators.polarity] in perfkit.toml", "info"))
    problems += _what_was_compared(f, types, counted, opts, mixed, within, my_type, area_name, grouped)
    if grouped:
        problems.append(_group_note(frame, f, types, counted, opts, my_group, area_name))

    meta_cols = [c for c in ("measure_id", "measure", "breakdown", "polarity", "period", "period_span") if c in f]
    group_cols = ["n", "median", "lower_quartile", "upper_quartile", "family_median", "family_n"]
    own_cols = ["value", "rank", "quartile", "mads_from_median", "ons_mad", "national", "compared_with_national"]
    published = [c for c in ("published_comparison", "published_median", "published_ons_mad", "published_mads_from_median",
                             "published_rank") if c in f]
    # Every comparison in the data, the council's own figures where it has a row (missing where not).
    first = ~f.duplicated(keys).to_numpy()
    res = pd.concat([f.loc[first, meta_cols].reset_index(drop=True), every.loc[first, group_cols].reset_index(drop=True)], axis=1)
    own = pd.concat([f.loc[mine_rows, keys + published].reset_index(drop=True), every.loc[mine_rows, own_cols].reset_index(drop=True)], axis=1)
    own = own.drop_duplicates(keys)
    res = res.merge(own, on=keys, how="left", indicator=True)
    # A comparison with no council in it (England alone by deprivation decile) compares nothing: left out, said once.
    empty = (res["n"].to_numpy() == 0) & res["value"].isna().to_numpy()
    if empty.any():
        problems.append(_empty_parts(res[empty], int(empty.sum())))
        res = res[~empty].reset_index(drop=True)
    problems += _too_few(res, area_name, within)
    absent = int((res.pop("_merge") == "left_only").sum())
    if absent:
        problems.append(Problem("comparators", "value", None, f"{area_name} has no row for {absent} of the comparisons in the data: "
                                "shown with no value, never as zero", "info"))
    impossible, odd = _impossible_aggregates(f, types, counted, keys)
    res["references"] = _references(f, types, keys, mine_rows, opts["references"], res, problems, leave_out=odd)
    if "published_comparison" in f and not ("lower_ci" in f and "upper_ci" in f) and res["published_comparison"].notna().any():
        problems.append(Problem("comparators", "published_comparison", None, "the file gives its own comparison with England "
                                "(better, similar or worse) but no confidence intervals: perfkit shows the file's and cannot check it", "info"))
    problems += impossible
    problems += _differences(res, area_name)
    problems += _own_mads(res, area_name)
    # Rank change: against the previous period of the same kind for the same measure and breakdown.
    kinds = {s: span_kind(s) for s in res["period_span"].unique()}
    res["_len"] = res["period_span"].map(kinds).to_numpy()
    series = [k for k in keys if k != "period_span"] + ["_len"]
    res = res.sort_values(series + ["period"], kind="stable")
    res["rank_change"] = res.groupby(series, sort=False, dropna=False)["rank"].shift(1) - res["rank"]
    order = {m: i for i, m in enumerate(dict.fromkeys(f["measure_id"]))}
    res = res.sort_values(["measure_id", "period", "_len"], key=lambda s: s.map(order) if s.name == "measure_id" else s, kind="stable")
    res = res.drop(columns="_len").reset_index(drop=True)
    cols = ["measure_id", "measure", "breakdown", "polarity", "period", "period_span", "value", "n", "rank", "quartile", "median",
            "lower_quartile", "upper_quartile", "family_median", "family_n", "mads_from_median", "ons_mad", "national", "references",
            "compared_with_national", "published_comparison", "rank_change"]
    res = res[[c for c in cols if c in res]]
    res.attrs.update({"area_code": code, "area_name": area_name, "family": sorted(family_codes) if family_codes is not None else None,
                      "compared_within": (f"councils of its type ({my_group})" if grouped else TIER_WORDS[within] if within
                                          else ("areas" if opts["include_aggregates"] else "councils")),
                      "problems": list(frame.attrs.get("problems", [])) + problems})
    return res


_COUNTRY_OF = {"E": "England", "W": "Wales", "S": "Scotland", "N": "Northern Ireland"}
_PUBLISHERS_OWN = ("published_ons_mad", "published_median", "published_mads_from_median", "published_rank")


def _own_country(f: pd.DataFrame, code: str, opts: dict, problems: list) -> pd.DataFrame:
    """The frame with other countries' councils left out where the file holds councils of several countries (by their ONS
    codes) and the council is compared within its own (``countries``; see :func:`benchmark`), said either way."""
    kept = f[_country_rows(f, code, opts, problems)]
    kept.attrs = dict(f.attrs)
    return kept


def _country_rows(f: pd.DataFrame, code: str, opts: dict, problems: list) -> np.ndarray:
    """Which rows :func:`_own_country` keeps: every row but the councils of other countries, where they are left out."""
    every = np.ones(len(f), dtype=bool)
    codes = f["area_code"].astype(str).str.upper()
    letters = np.where(codes.str.match(r"^[EWSN]\d{8}$").to_numpy(), codes.str[0].to_numpy(), "")
    council = np.isin(f["area_type"].astype(str).to_numpy(), COUNCIL_TYPES)
    found = sorted(set(letters[council]) - {""}, key="ESWN".index)
    mine_rows = (f["area_code"].astype(str) == str(code)).to_numpy()
    mine = letters[mine_rows][0] if mine_rows.any() else ""
    if len(found) < 2 or not mine:
        return every
    name = f.loc[mine_rows, "area_name"].iloc[0]
    spread = ", ".join(_COUNTRY_OF[c] for c in found[:-1]) + f" and {_COUNTRY_OF[found[-1]]}"
    publishers = [c for c in _PUBLISHERS_OWN if c in f and f.loc[mine_rows, c].notna().any()]
    pooled = opts["countries"] == "pooled" or (opts["countries"] is None and bool(publishers))
    if pooled:
        why = ("as countries says" if opts["countries"] else f"as the publisher's own figures for it in the file ({publishers[0]}) "
               "are; say countries = \"own\" under [comparators] to compare it within its own country")
        problems.append(Problem("comparators", "countries", spread, f"the data holds councils of {spread}: {name} is compared with "
                                f"the councils of every one of them, {why}", "info"))
        return every
    why = "as countries says" if opts["countries"] else "since councils' powers and tiers differ between countries"
    problems.append(Problem("comparators", "countries", _COUNTRY_OF[mine], f"the data holds councils of {spread}: {name} is "
                            f"compared with the councils of {_COUNTRY_OF[mine]} only, {why}; say countries = \"pooled\" under "
                            "[comparators] (countries=\"pooled\" in Python) to compare it with every country's", "info"))
    return ~council | (letters == mine)


def _too_few(res: pd.DataFrame, area_name, within) -> list[Problem]:
    """Comparisons holding fewer than :data:`MIN_COMPARED` councils give no median, quartiles, rank or deviation (a
    council compared with itself alone is its own median): blanked in ``res``, and said as a warning naming them."""
    few = (res["n"].to_numpy() < MIN_COMPARED) & (res["n"].to_numpy() > 0)
    if not few.any():
        return []
    for c in ("median", "lower_quartile", "upper_quartile", "rank", "quartile", "mads_from_median", "ons_mad"):
        if c in res:
            res.loc[few, c] = pd.NA if c == "quartile" else np.nan
    rows = res[few]
    shown = "; ".join(f"{comparison_words(r)}: {int(r['n'])} council{'s' if r['n'] != 1 else ''}" for r in rows.head(3).to_dict("records"))
    fix = (f"tier = \"all\" under [comparators] compares every council together, not only the {TIER_WORDS[within]}" if within
           else "compare it in a file holding more councils")
    return [Problem("comparators", "n", int(few.sum()), f"{area_name} is compared with no other council with a figure in "
                    f"{int(few.sum())} comparison{'s' if few.sum() > 1 else ''} ({shown}{'...' if few.sum() > 3 else ''}): no median, "
                    f"quartile or rank is given for {'them' if few.sum() > 1 else 'it'}, since a council compared with no other is "
                    f"its own median; {fix}", "warning")]


def comparison_words(row) -> str:
    """One comparison as a sentence names it: the measure, its part where it has one, and the period."""
    part = row.get("breakdown")
    part = f" ({part})" if isinstance(part, str) and part else ""
    return f"{row.get('measure', row.get('measure_id'))}{part} {row.get('period_span', '')}".strip()


def _empty_parts(rows: pd.DataFrame, count: int) -> Problem:
    """The note for comparisons that hold no council, only areas that are not councils (England by decile)."""
    parts = list(dict.fromkeys(rows["breakdown"].fillna("").astype(str))) if "breakdown" in rows else []
    parts = [p for p in parts if p]
    periods = list(dict.fromkeys(rows["period_span"].astype(str)))
    named = (f"such as the parts {'; '.join(parts[:4])}{f' and {len(parts) - 4} more' if len(parts) > 4 else ''}" if parts
             else f"such as {comparison_words(rows.iloc[0])}")
    return Problem("comparators", "value", count, f"{count} comparison{'s' if count > 1 else ''} in the data {'have' if count > 1 else 'has'} "
                   f"no council with a figure, only areas that are not councils ({named}; "
                   f"{', '.join(periods[:4])}{'...' if len(periods) > 4 else ''}): left out of the comparison and its table", "info")


def _what_was_compared(f, types, counted, opts, mixed, within, my_type, area_name, grouped=False) -> list[Problem]:
    """What was left out of the comparison and which councils the council is compared with (where the file's type
    column does not say, ``grouped``), said once each."""
    out = []
    aside = np.isin(types, NOT_COUNCILS)
    if aside.any():
        names = list(dict.fromkeys(f.loc[aside, "area_name"].astype(str)))
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        if opts["include_aggregates"]:
            out.append(Problem("comparators", "area_type", shown, f"{len(names)} area{'s' if len(names) > 1 else ''} that "
                               f"{'are not councils' if len(names) > 1 else 'is not a council'} ({shown}) counted among the areas compared, "
                               "as include_aggregates says: n, medians, quartiles and ranks include them", "warning"))
        else:
            out.append(Problem("comparators", "area_type", shown, f"{len(names)} area{'s' if len(names) > 1 else ''} that "
                               f"{'are not councils' if len(names) > 1 else 'is not a council'} ({shown}) left out of n, medians, quartiles and "
                               "ranks, and shown beside the council for reference; say include_aggregates = true under [comparators] "
                               "(include_aggregates=True in Python) to count them", "info"))
    if grouped:
        return out
    coded = f["area_code"].astype(str).str.upper().str.match(r"^[EWSNK]\d{8}$").any()
    how = "" if coded else ", recognised by name (the file gives no ONS codes)"
    counties = list(dict.fromkeys(f.loc[(types == "county") & counted, "area_name"].astype(str)))
    shown = ", ".join(counties[:4]) + (f" and {len(counties) - 4} more" if len(counties) > 4 else "")
    if mixed:
        kind = {"county": "a county", "district": "a district"}.get(my_type, "a unitary council" if my_type == "unitary" else "a council")
        choice = "as tier says" if opts["tier"] else ("as the ONS compares them; say tier = \"upper\" under [comparators] to compare "
                                                      "unitary councils with counties" if my_type not in ("county", "district") else "")
        out.append(Problem("comparators", "area_type", within, f"the data holds county councils and districts{how}: {area_name} ({kind}) "
                           f"is compared with {TIER_WORDS[within]} only{', ' + choice if choice else ''}; tier = \"all\" compares every "
                           "council together", "info"))
        unsure = list(dict.fromkeys(f.loc[(types == "council") & counted, "area_name"].astype(str)))
        if unsure:
            listed = ", ".join(unsure[:4]) + (f" and {len(unsure) - 4} more" if len(unsure) > 4 else "")
            out.append(Problem("comparators", "area_type", listed, f"perfkit cannot tell by name whether {len(unsure)} "
                               f"council{'s' if len(unsure) > 1 else ''} ({listed}) {'are districts or unitary councils' if len(unsure) > 1 else 'is a district or a unitary council'}: "
                               f"compared with both tiers, as unitary councils are; say which under [comparators.areas] in perfkit.toml "
                               f"(\"{unsure[0]}\" = \"district\" or \"unitary\")", "warning"))
    elif counties and opts["tier"] != "all" and (counted & ~np.isin(types, ("county",))).any():
        # Counties beside unitary councils and no district: one tier (an upper-tier service); every council compared together.
        asked = f"; tier = \"{opts['tier']}\" changes nothing here" if opts["tier"] in ("lower", "upper") else ""
        out.append(Problem("comparators", "area_type", shown, f"the data holds {len(counties)} county council{'s' if len(counties) > 1 else ''} "
                           f"({shown}){how} and no districts: {area_name} is compared with every council in it, "
                           f"{'the counties' if len(counties) > 1 else 'the county'} with the unitary councils, as for a service both provide{asked}. If the file holds districts perfkit did not "
                           "recognise, say which under [comparators.areas] in perfkit.toml (\"Name\" = \"district\")", "info"))
    return out


def _group_note(frame, f, types, counted, opts, my_group, area_name) -> Problem:
    """Which councils a council is compared with where the file's type column groups them, said once."""
    header = frame.attrs.get("compare_by_group") or "group"
    groups = f.loc[counted & np.isin(types, COUNCIL_TYPES), "group"].dropna().astype(str)
    kinds = ", ".join(dict.fromkeys(groups))
    same = int(f.loc[counted & (f["group"].astype(str) == my_group).to_numpy(), "area_code"].nunique())
    why = "as tier = \"group\" says" if opts["tier"] == "group" else "as the publisher scores and ranks within each type"
    return Problem("comparators", "group", my_group, f"the file's column '{header}' gives each council's type ({kinds}): {area_name} "
                   f"({my_group or 'no type given'}) is compared with the {same} council{'s' if same != 1 else ''} of its type only, "
                   f"{why}; say tier = \"all\" under [comparators] (tier=\"all\" in Python) to compare every council together", "info")


def _references(f, types, keys, mine_rows, wanted, res, problems: list, leave_out=None) -> list[str]:
    """``England 91; North West 88`` for each comparison: the areas that are not councils shown beside the council (not a
    figure that cannot be right, ``leave_out``)."""
    aside = np.isin(types, NOT_COUNCILS)
    if leave_out is not None:
        aside = aside & ~leave_out
    if not aside.any():
        return [""] * len(res)
    names = f["area_name"].astype(str).to_numpy()
    codes = f["area_code"].astype(str).to_numpy()
    if wanted is not None:
        want = {norm_text(w) for w in wanted}
        show = aside & (np.isin(np.char.lower(codes.astype(str)), list(want)) | pd.Series(names).map(norm_text).isin(want).to_numpy())
    else:
        coded = pd.Series(codes).str.fullmatch(r"[EWSN]\d{8}").to_numpy()
        mine = {c[0] for c in codes[mine_rows & coded]}
        if mine:  # another country's aggregate is nothing to set beside the council (Belfast is not compared with England's)
            aside = aside & ~(coded & ~np.isin(np.array([c[:1] for c in codes]), list(mine)))
        distinct = list(dict.fromkeys(names[aside]))
        if len(distinct) <= 4:
            show = aside.copy()
        else:
            nat = national_rows(f)
            mine_nat = set(nat[mine_rows & (nat >= 0)])
            show = np.zeros(len(f), dtype=bool)
            show[list(mine_nat)] = True
            if not show.any():
                show = aside & (types == "country")
            others = [n for n in distinct if n not in set(names[show])]
            if others:
                problems.append(Problem("comparators", "references", len(others), f"{len(others)} other areas that are not councils "
                                        f"(such as {', '.join(others[:3])}) are not shown beside the council; name those to show with "
                                        "references = [...] under [comparators]", "info"))
    if leave_out is not None:
        show = show & ~leave_out
    rows = f.loc[show, keys + ["area_name", "value"]]
    rows = rows[rows["value"].notna()]
    if rows.empty:
        return [""] * len(res)
    text = rows.assign(t=rows["area_name"].astype(str) + " " + rows["value"].map(figure_text))
    joined = text.groupby(keys, sort=False, dropna=False)["t"].agg("; ".join)
    idx = pd.MultiIndex.from_frame(res[keys]) if len(keys) > 1 else pd.Index(res[keys[0]])
    return joined.reindex(idx).fillna("").tolist()


# About how many councils a country's national file holds (England: 150 or more upper-tier councils since 2009, more
# with districts): a figure for England, a region or a combined authority is judged against the councils only in a
# comparison holding this many of its country's, so that every member of the aggregate is there.
NATIONAL_COUNT = {"E": 145, "W": 22, "S": 32, "N": 11}


def _impossible_aggregates(f, types, counted, keys) -> tuple[list[Problem], np.ndarray]:
    """An average or total of councils cannot be below every one of its councils' figures (where no figure is negative):
    such a figure for England, a region or a combined authority is said, as a likely error in the file, but only where
    the file holds every member of the aggregate: in a comparison holding (nearly) all its country's councils, known by
    their ONS codes. England below every council of one region, a region with only some of its councils in the file,
    or a combined authority's own score (a scorecard's) say nothing, and are not judged. Returns the problem and the rows
    (never shown beside a council for reference)."""
    none = np.zeros(len(f), dtype=bool)
    values = f["value"].to_numpy(dtype=float, na_value=np.nan)
    if not len(values) or np.nanmin(values, initial=0.0) < 0:
        return [], none
    codes = f["area_code"].astype(str).str.upper()
    coded = codes.str.match(r"^[EWSN]\d{8}$").to_numpy()
    if not coded.any():
        return [], none
    letter = codes.str[0].to_numpy()
    gid = pd.MultiIndex.from_arrays([f[k].astype(str).to_numpy() for k in keys]).factorize()[0]
    lowest = pd.Series(np.where(counted, values, np.nan)).groupby(gid).transform("min").to_numpy()
    national = np.zeros(len(f), dtype=bool)
    for country, needed in NATIONAL_COUNT.items():
        mine = counted & coded & (letter == country) & ~np.isnan(values)
        held = pd.Series(mine.astype(int)).groupby(gid).transform("sum").to_numpy()
        national |= (letter == country) & (held >= needed)
    odd = np.isin(types, ("country", "region", "combined authority")) & coded & national & (values < lowest)
    if not odd.any():
        return [], none
    rows = f[odd]
    shown = "; ".join(f"{a} {s}: {figure_text(v)}, below every council's (lowest {figure_text(lo)})" for a, s, v, lo in
                      zip(rows["area_name"].head(3), rows["period_span"].head(3), rows["value"].head(3), lowest[odd][:3]))
    where = ", ".join(rows["source"].head(3)) if "source" in rows else ""
    return [Problem("comparators", "value", int(odd.sum()), f"{int(odd.sum())} figure{'s' if odd.sum() > 1 else ''} for areas that are "
                    f"not councils cannot be right ({shown}{'...' if odd.sum() > 3 else ''}{'; ' + where if where else ''}): an average "
                    "or total of councils is never below all of them; check with the publisher before quoting it (not shown beside "
                    "the council for reference)", "warning")], odd


def figure_text(v) -> str:
    """A comparison's figure as the briefing and its references write it: whole numbers and thousands without decimals,
    others to up to two (a median of 11.95 beside a value of 11.9, England 7.45, never 7.5); ``–`` for none.

    Examples
    --------
    >>> figure_text(11.95), figure_text(1234.5), figure_text(0.4567), figure_text(None)
    ('11.95', '1,234', '0.457', '–')
    """
    if v is None or pd.isna(v):
        return "–"
    v = float(v)
    if v.is_integer() or abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:,.3g}" if abs(v) < 1 else f"{v:,.2f}".rstrip("0").rstrip(".")


def _differences(res: pd.DataFrame, area_name) -> list[Problem]:
    """Where perfkit's figures for the council differ from the publisher's own in the file, said with the first few."""
    out = []
    checks = [("compared_with_national", "published_comparison", "its comparison with England"),
              ("ons_mad", "published_ons_mad", "its scaled MAD"), ("median", "published_median", "the median"),
              ("mads_from_median", "published_mads_from_median", "its MADs from the median"), ("rank", "published_rank", "its rank")]
    for mine, theirs, what in checks:
        if theirs not in res or mine not in res:
            continue
        a, b = res[mine], res[theirs]
        both = a.notna() & b.notna()
        if not both.any():
            continue
        if not (pd.api.types.is_numeric_dtype(a) and pd.api.types.is_numeric_dtype(b)):
            differ = both & (a.astype(str) != b.astype(str))
        else:
            x, y = a.astype(float).to_numpy(), b.astype(float).to_numpy()
            # The file's figures are rounded: perfkit's agrees when it rounds to the same decimals (0.4845 is 0.484 or 0.485).
            tolerance = 0.5 * 10.0 ** -published_decimals(y[both.to_numpy()]) + 1e-9
            differ = both & (np.abs(x - y) > np.maximum(tolerance, 1e-6 * np.abs(y)))
        if differ.any():
            d = res[differ]
            label = d["measure"].astype(str) + " " + d["period_span"].astype(str)
            if "breakdown" in d:
                part = d["breakdown"].fillna("").astype(str)
                label = d["measure"].astype(str) + part.map(lambda p: f" ({p})" if p else "") + " " + d["period_span"].astype(str)
            shown = "; ".join(f"{lab}: perfkit {_word(x)}, the file {_word(y)}" for lab, x, y in zip(label.head(3), d[mine].head(3), d[theirs].head(3)))
            out.append(Problem("comparators", theirs, int(differ.sum()), f"for {area_name}, {what} as perfkit computes it differs from the "
                               f"file's own in {int(differ.sum())} of {int(both.sum())} figures ({shown}{'...' if differ.sum() > 3 else ''}): "
                               "the publisher may count other areas or use another method", "warning"))
    return out


def _own_mads(res: pd.DataFrame, area_name) -> list[Problem]:
    """Where the file gives the publisher's MAD for other councils but none for this one (the ONS gives none for
    counties), the scaled MAD shown is perfkit's own: said, so that it is never quoted as the publisher's."""
    if "published_ons_mad" not in res or not res["ons_mad"].notna().any():
        return []
    own = res["ons_mad"].notna() & res["published_ons_mad"].isna()
    if not own.any():
        return []
    return [Problem("comparators", "ons_mad", int(own.sum()), f"the file gives no MAD of its own for {area_name} in {int(own.sum())} "
                    f"comparison{'s' if own.sum() > 1 else ''} (such as {comparison_words(res[own].iloc[0])}): the scaled MAD shown there "
                    "is perfkit's, computed as the ONS computes it, not the publisher's", "info")]


def published_decimals(values) -> int:
    """How many decimal places a publisher's column gives: the most any of its figures needs (at most 9).

    Examples
    --------
    >>> published_decimals([0.484, -1.2, 3.0]), published_decimals([12.0, 7.0])
    (3, 0)
    """
    most = 0
    for v in np.asarray(values, dtype=float):
        if not np.isfinite(v):
            continue
        places = next((k for k in range(10) if abs(round(v, k) - v) <= 1e-9 * max(1.0, abs(v))), 9)
        most = max(most, places)
    return most


def _word(v) -> str:
    return str(v) if isinstance(v, str) else f"{float(v):.3g}"


def peers(frame: pd.DataFrame, area: str, include_aggregates: bool | None = None, tier: str | None = None,
          countries: str | None = None) -> np.ndarray:
    """Which rows are among the areas ``area`` is compared with (councils of its tier and, as :func:`benchmark` says,
    its country), the council's own included."""
    opts = settings_of(frame, include_aggregates, tier, countries=countries)
    f = with_area_types(frame)
    code = find_area(f, area)
    types = f["area_type"].astype(str).to_numpy()
    mine = (f["area_code"].astype(str) == str(code)).to_numpy()
    counted = np.isin(types, COUNCIL_TYPES) | (opts["include_aggregates"] & np.isin(types, NOT_COUNCILS))
    counted &= _country_rows(f, code, opts, [])
    if by_group(frame, opts["tier"]):
        kinds = f["group"].astype(object).where(f["group"].notna(), "").astype(str).to_numpy()
        counted = counted & (kinds == kinds[mine][0])
    elif opts["tier"] != "all" and tiers_mixed(types, counted, frame):
        within = tier_of(types[mine][0], opts["tier"])
        counted = tier_members(types, counted, within)
    return counted | mine


def latest_rows(b: pd.DataFrame) -> pd.DataFrame:
    """Each measure's (and breakdown's) latest period, single years and quarters before pooled figures."""
    series = [k for k in ("measure_id", "breakdown") if k in b]
    single = ~b["period_span"].map(is_pooled).astype(bool)
    b = b.assign(_single=single.to_numpy())
    picked = b.sort_values(["_single", "period"], kind="stable").groupby(series, sort=False, dropna=False).tail(1)
    order = {k: i for i, k in enumerate(dict.fromkeys(map(tuple, b[series].astype(str).to_numpy())))}
    picked = picked.assign(_o=[order[tuple(r)] for r in picked[series].astype(str).to_numpy()]).sort_values("_o", kind="stable")
    return picked.drop(columns=["_single", "_o"]).reset_index(drop=True)
