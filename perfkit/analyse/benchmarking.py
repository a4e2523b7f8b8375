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

import re
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.errors import ConfigError, Problem, ValidationError, WorkbookError
from ..core.numbers import parse_number
from ..core.periods import FREQ, parse_span, period_label
from ..core.schema import POLARITY_WORDS

COLUMNS = ["area_code", "area_name", "measure_id", "measure", "period", "period_span", "value"]
OPTIONAL = ["polarity", "group", "published_median", "published_mads_from_median", "published_rank", "source"]

# Header wordings, compared after lower-casing and turning _ and runs of spaces into one space.
# Order matters: the first field whose wording a header matches wins, and each field takes one column.
HEADERS = {
    "area_code": ["area code", "local authority code", "la code", "ons code", "gss code", "authority code",
                  "council code", "organisation code", "org code", "lad code", "area_code"],
    "area_name": ["area name", "local authority name", "la name", "local authority", "authority", "authority name",
                  "council", "council name", "area", "organisation", "organisation name", "provider"],
    "measure_id": ["measure id", "measure code", "indicator code", "indicator id", "metric id", "metric code", "code",
                   "metric type id"],
    "measure": ["measure", "measure name", "indicator", "indicator name", "metric", "metric name", "title",
                "metric type", "description"],
    "period": ["period", "financial year", "time period", "year", "fiscal year", "reporting period", "period label"],
    "quarter": ["quarter", "qtr"],
    "value": ["value", "data value", "figure", "result", "actual", "data"],
    "polarity": ["polarity", "rank order", "rank_order", "ranking type", "good performance is", "direction",
                 "higher or lower is better"],
    "group": ["group", "family group", "family", "entity name", "authority type", "council type", "la type",
              "comparator group"],
    "published_median": ["median", "national median"],
    "published_mads_from_median": ["mads from median", "mad from median"],
    "published_rank": ["rank", "scot rank of 32", "rank of 32", "position"],
}

_MULTI_YEAR = re.compile(r"^\s*(?:fy\s*)?(\d{4})\s*[-/–]\s*(\d{2}|\d{4})\s*$", re.I)
_POLARITY_LOOKUP = {w: k for k, words in POLARITY_WORDS.items() for w in words if w}


def _norm(text) -> str:
    return " ".join(str(text).replace("_", " ").replace("\u00a0", " ").strip().lower().split())


def _polarity(value) -> str | None:
    """A polarity word as publishers write it (``desc``, ``higher_is_better``, ``Goldilocks``); None when blank or unknown."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    word = _norm(value)
    if not word:
        return None
    return _POLARITY_LOOKUP.get(word)


def _read_table(path: Path, sheet) -> pd.DataFrame:
    """Every cell as text ('' for blank), no header yet: the header row is found by :func:`_header_row`."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".txt"):
            raw = pd.read_csv(path, dtype=object, keep_default_na=False, encoding="utf-8-sig", header=None)
        elif suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
            raw = pd.read_excel(path, sheet_name=sheet if sheet is not None else 0, dtype=object, engine="calamine", header=None)
        else:
            raise WorkbookError(f"{path}: perfkit reads comparison data from .csv, .xlsx, .xlsm, .xls or .ods files, not {suffix or 'this file'}")
    except FileNotFoundError:
        raise WorkbookError(f"{path}: no such file") from None
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        raise WorkbookError(f"{path}: cannot be read as a comparison table ({exc})") from None
    return raw.astype(object).where(raw.notna(), "")


def _is_period(text) -> bool:
    try:
        _period_of(str(text), None)
        return bool(str(text).strip())
    except Exception:
        return False


def _header_row(raw: pd.DataFrame, explicit: dict) -> int:
    """The first of the top 20 rows naming two or more fields (or periods, for a wide layout): title rows above it are skipped."""
    known = {_norm(w) for words in HEADERS.values() for w in words} | {_norm(k) for k in explicit}
    for i in range(min(20, len(raw))):
        cells = [c for c in raw.iloc[i].tolist() if str(c).strip()]
        hits = sum(_norm(c) in known for c in cells)
        periods = sum(_is_period(c) for c in cells)
        if hits >= 2 or (hits >= 1 and periods >= 1):
            return i
    return 0


def _map_headers(headers, explicit: dict) -> dict[str, str]:
    """Field -> source header. ``explicit`` maps source headers to fields and wins over the wordings."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    norm_explicit = {_norm(k): v for k, v in explicit.items()}
    for h in headers:
        field = norm_explicit.get(_norm(h))
        if field is not None:
            if field != "ignore":
                mapping[field] = h
            used.add(h)
    for field, words in HEADERS.items():
        if field in mapping:
            continue
        for word in words:
            hit = next((h for h in headers if h not in used and _norm(h) == _norm(word)), None)
            if hit is not None:
                mapping[field] = hit
                used.add(hit)
                break
    return mapping


def _period_of(text: str, quarter: str | None) -> tuple[pd.Period, str, int]:
    """``(period, period_span label, number of years)``; raises PeriodError when unreadable."""
    text = str(text).strip()
    if quarter:
        span = parse_span(f"{text} {quarter}")
        return span.end, period_label(span.end), 0
    m = _MULTI_YEAR.match(text)
    if m:
        start = int(m[1])
        end = int(m[2]) if len(m[2]) == 4 else (start // 100) * 100 + int(m[2])
        if end < start:
            end += 100
        if end > start + 1:  # 2020-23: the financial years 2020/21 to 2022/23, pooled
            first = pd.Period(year=start + 1, quarter=1, freq=FREQ)
            last = pd.Period(year=end, quarter=4, freq=FREQ)
            return last, f"{period_label(first, 'year')} to {period_label(last, 'year')}", end - start
        if end == start + 1:  # 2010-11 is a financial year here, never November 2010
            last = pd.Period(year=end, quarter=4, freq=FREQ)
            return last, period_label(last, "year"), 1
    span = parse_span(text)
    if span.kind == "year":
        return span.end, period_label(span.end, "year"), 1
    return span.end, period_label(span.end, span.kind), 0


def read_comparators(path, config: dict | None = None) -> pd.DataFrame:
    """Read published comparison data into one long frame, one row per area, measure and period.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.csv`` or spreadsheet export: LG Inform, the Office for Local
        Government's explorer, the Scottish LGBF, or any table with one row per
        area, measure and period.
    config : dict, optional
        ``{"columns": {header: field}}`` names columns perfkit does not recognise
        (fields: ``area_code, area_name, measure_id, measure, period, quarter,
        value, polarity, group``, or ``ignore``); ``{"polarity": {measure_id:
        "higher" | "lower" | "range" | "none"}}`` gives or overrides a measure's
        polarity; ``{"sheet": name}`` picks a sheet of a workbook;
        ``{"measure_id": "M1", "measure": "..."}`` names the measure of a file
        holding only one, and ``{"area_code": ..., "area_name": ...}`` the area
        of a file holding only one (such as the LGBF's Scotland-level figures).

    Returns
    -------
    pandas.DataFrame
        Columns ``area_code, area_name, measure_id, measure, period`` (a
        ``Period[Q-MAR]``: the quarter in which the period ends), ``period_span``
        (what the figure covers, written ``2022/23``, ``2018/19 Q1`` or
        ``2020/21 to 2022/23``), ``value`` (float; missing stays missing), and
        where the file has them ``polarity``, ``group``, the publisher's own
        ``published_median``, ``published_mads_from_median`` and
        ``published_rank``, and ``source`` (file and row). Warnings and notes
        (suppressed values, polarities filled in or unknown, multi-year periods)
        are in ``frame.attrs["problems"]``.

    Raises
    ------
    ValidationError
        Listing every row whose period or value cannot be read, or the columns
        that cannot be found.

    Examples
    --------
    >>> import pandas as pd, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "lgbf.csv")
    >>> pd.DataFrame({"code": ["C1", "C1"], "indicator": ["Cost", "Cost"], "polarity": ["lower_is_better"] * 2,
    ...               "council": ["Angus", "Fife"], "period": ["2020-23", "2022-23"], "value": ["4.5", "-"]}).to_csv(path, index=False)
    >>> f = read_comparators(path)
    >>> f[["area_name", "period_span", "value", "polarity"]].values.tolist()
    [['Angus', '2020/21 to 2022/23', 4.5, 'lower'], ['Fife', '2022/23', nan, 'lower']]
    """
    config = dict(config or {})
    path = Path(path)
    grid = _read_table(path, config.get("sheet"))
    head = _header_row(grid, config.get("columns", {})) if len(grid) else 0
    raw = grid.iloc[head + 1:]  # the index stays the row's position in the file: row number = position + 1
    raw.columns = [str(c).strip() if str(c).strip() else f"column {j + 1}" for j, c in enumerate(grid.iloc[head].tolist())] if len(grid) else []
    raw = raw[~(raw.map(lambda v: str(v).strip()) == "").all(axis=1)] if len(raw) else raw
    mapping = _map_headers(list(raw.columns), config.get("columns", {}))
    name = path.name
    problems: list[Problem] = []
    if head:
        problems.append(Problem(name, "", None, f"the header is on row {head + 1}: the {head} row{'s' if head > 1 else ''} above it "
                                "(titles, notes) were not read as data", "info"))
    if "period" not in mapping:
        # A wide layout: a column per period (LG Inform's area-by-period tables). Read it long.
        wide = [c for c in raw.columns if c not in mapping.values() and _is_period(c)]
        if wide and "value" not in mapping:
            ids = [c for c in raw.columns if c not in wide]
            positions = raw.index.to_numpy()
            raw = raw.assign(**{"\x00row": positions}).melt(id_vars=["\x00row", *ids], value_vars=wide, var_name="\x00period",
                                                            value_name="\x00value")
            raw = raw.sort_values("\x00row", kind="stable")
            rows_of = raw.pop("\x00row").to_numpy()
            raw = raw.reset_index(drop=True)
            mapping["period"], mapping["value"] = "\x00period", "\x00value"
            problems.append(Problem(name, "period", ", ".join(wide), f"a column per period ({', '.join(wide)}): read as one row "
                                    "per area and period", "info"))
        else:
            rows_of = raw.index.to_numpy()
            raw = raw.reset_index(drop=True)
    else:
        rows_of = raw.index.to_numpy()
        raw = raw.reset_index(drop=True)
    missing = [f for f in ("period", "value") if f not in mapping]
    if "area_code" not in mapping and "area_name" not in mapping and not (config.get("area_code") or config.get("area_name")):
        missing.append("area_code or area_name")
    if "measure_id" not in mapping and "measure" not in mapping and "measure_id" not in config and "measure" not in config:
        missing.append("measure_id or measure")
    if missing:
        raise ValidationError(name, [Problem(name, f, None, f"no column for {f}: the headers are {', '.join(raw.columns)}; "
                                             "name it with config={'columns': {header: field}}") for f in missing])

    n = len(raw)
    rownum = rows_of + 1

    def col(field):
        if field in mapping:
            return raw[mapping[field]].astype(object).where(raw[mapping[field]].notna(), "").map(lambda v: str(v).strip())
        return None

    out = pd.DataFrame(index=range(n))
    code, area = col("area_code"), col("area_name")
    if code is None and area is None:
        code = pd.Series([config.get("area_code") or config.get("area_name")] * n)
        area = pd.Series([config.get("area_name") or config.get("area_code")] * n)
    out["area_code"] = code.to_numpy() if code is not None else area.to_numpy()
    out["area_name"] = area.to_numpy() if area is not None else code.to_numpy()
    mid, meas = col("measure_id"), col("measure")
    if mid is None and meas is None:
        mid = pd.Series([config.get("measure_id") or config.get("measure")] * n)
        meas = pd.Series([config.get("measure") or config.get("measure_id")] * n)
    out["measure_id"] = (mid if mid is not None else meas).to_numpy()
    out["measure"] = (meas if meas is not None else mid).to_numpy()

    # Periods: each distinct text read once.
    periods = col("period")
    quarters = col("quarter")
    keys = periods if quarters is None else periods + "\x00" + quarters
    cache: dict[str, tuple] = {}
    bad: list[Problem] = []
    period_col = np.empty(n, dtype=object)
    span_col = np.empty(n, dtype=object)
    years_col = np.zeros(n, dtype=np.int64)
    for i, key in enumerate(keys):
        if key not in cache:
            text, _, q = key.partition("\x00")
            try:
                cache[key] = _period_of(text, q or None)
            except Exception as exc:  # PeriodError with the forms it reads
                cache[key] = exc
        got = cache[key]
        if isinstance(got, Exception):
            bad.append(Problem(f"{name} row {rownum[i]}", "period", key.replace("\x00", " "), f"cannot read {key.replace(chr(0), ' ')!r} as a period: {got}"))
            continue
        period_col[i], span_col[i], years_col[i] = got
    multi = sorted({s for s, y in zip(span_col, years_col) if y > 1})
    if multi:
        problems.append(Problem(name, "period", ", ".join(multi), f"{len(multi)} multi-year period{'s' if len(multi) > 1 else ''} ({', '.join(multi[:3])}"
                                f"{'...' if len(multi) > 3 else ''}) kept as its own period{'s' if len(multi) > 1 else ''} (period_span), each placed at "
                                "the quarter its last year ends in, and never compared with single years", "info"))

    # Values: numbers as published; placeholders (-, .., *, c) are missing, never zero.
    values = np.full(n, np.nan)
    texts = col("value")
    parsed_cache: dict[str, object] = {}
    suppressed = 0
    for i, v in enumerate(texts):
        if v not in parsed_cache:
            parsed_cache[v] = parse_number(v)
        p = parsed_cache[v]
        if p.value is not None:
            values[i] = p.value
        elif p.missing == "text":
            bad.append(Problem(f"{name} row {rownum[i]}", "value", v, f"{v!r} is not a number"))
        elif p.missing == "placeholder":
            suppressed += 1
    if bad:
        raise ValidationError(name, bad)
    if suppressed:
        problems.append(Problem(name, "value", None, f"{suppressed} value{'s are' if suppressed > 1 else ' is a'} placeholder{'s' if suppressed > 1 else ''} (such as '-' or '..', "
                                "suppressed or not available): read as missing, never as zero", "info"))
    out["period"] = pd.PeriodIndex(list(period_col), freq=FREQ) if n else pd.PeriodIndex([], freq=FREQ)
    out["period_span"] = span_col
    out["value"] = values

    # Polarity: per row as written, then per measure; config wins.
    pol_given = config.get("polarity", {})
    if "polarity" in mapping or pol_given:
        words = col("polarity") if "polarity" in mapping else pd.Series([""] * n)
        lookup = {w: _polarity(w) for w in words.unique()}
        unknown = [w for w, p in lookup.items() if p is None and w]
        for w in unknown:
            problems.append(Problem(name, "polarity", w, f"unknown polarity {w!r}: treated as not given", "warning"))
        pol = words.map(lookup)
        per_measure = pd.Series(pol.to_numpy(), index=out["measure_id"]).dropna()
        choices = per_measure.groupby(level=0).agg(lambda s: sorted(set(s)))
        fill = {}
        for m, options in choices.items():
            if len(options) > 1:
                problems.append(Problem(name, "polarity", ", ".join(options), f"measure {m} is given more than one polarity "
                                        f"({', '.join(options)}): '{options[0]}' used for all its rows; say which with config['polarity']", "warning"))
            fill[m] = options[0]
        for m, p in pol_given.items():
            fill[str(m)] = _polarity(p) or p
        blanks = pol.isna() & out["measure_id"].isin(list(fill))
        if blanks.any() and "polarity" in mapping:
            filled_measures = sorted(set(out.loc[blanks, "measure_id"]) - set(map(str, pol_given)))
            if filled_measures:
                problems.append(Problem(name, "polarity", None, f"rows with no polarity took their measure's own "
                                        f"({', '.join(filled_measures)})", "info"))
        pol = out["measure_id"].map(fill).where(lambda s: s.notna(), pol) if fill else pol
        none_left = sorted(set(out.loc[pol.isna(), "measure_id"]))
        if none_left:
            problems.append(Problem(name, "polarity", None, f"no polarity for {', '.join(none_left)}: their ranks and quartiles "
                                    "are left blank; give it with config={'polarity': {measure_id: 'higher'}}", "warning"))
        out["polarity"] = pol.fillna("none").to_numpy()
    if "group" in mapping:
        out["group"] = col("group").replace("", np.nan).to_numpy()
    for field in ("published_median", "published_mads_from_median", "published_rank"):
        if field in mapping:
            out[field] = pd.to_numeric(raw[mapping[field]].replace("", np.nan), errors="coerce").to_numpy(dtype=float)
    out["source"] = [f"{name} row {r}" for r in rownum]
    dup = out.duplicated(["area_code", "measure_id", "period_span"], keep="first")
    if dup.any():
        where = ", ".join(out.loc[dup, "source"].head(5))
        problems.append(Problem(name, "value", int(dup.sum()), f"{int(dup.sum())} rows repeat an area, measure and period already "
                                f"read ({where}{'...' if dup.sum() > 5 else ''}): benchmark uses the first of each", "warning"))
    out = out[[c for c in COLUMNS + OPTIONAL if c in out]]
    out.attrs["problems"] = problems
    return out


def _find_area(frame: pd.DataFrame, area: str) -> str:
    """The area_code of ``area`` given as a code or a name (case and spacing ignored)."""
    key = _norm(area)
    codes = frame["area_code"].astype(str)
    hit = frame.loc[codes.map(_norm) == key, "area_code"]
    if hit.empty:
        hit = frame.loc[frame["area_name"].astype(str).map(_norm) == key, "area_code"]
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
    code = _find_area(frame, area)
    problems: list[Problem] = []
    f = frame
    if "period_span" not in f:
        f = f.assign(period_span=[period_label(p) for p in f["period"]])
    if "polarity" not in f:
        f = f.assign(polarity="none")
        problems.append(Problem("comparators", "polarity", None, "the data gives no polarity: ranks and quartiles are left blank", "warning"))
    family_codes = None
    if family is not None:
        names = dict(zip(f["area_name"].astype(str).map(_norm), f["area_code"]))
        known = set(f["area_code"].astype(str))
        family_codes = set()
        for a in family:
            if str(a) in known:
                family_codes.add(str(a))
            elif _norm(a) in names:
                family_codes.add(names[_norm(a)])
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


QUARTILE_WORDS = {1: "Top quarter (best)", 2: "Second quarter", 3: "Third quarter", 4: "Bottom quarter (worst)"}


def _latest(b: pd.DataFrame) -> pd.DataFrame:
    """Each measure's latest period, single years and quarters before multi-year figures."""
    single = ~b["period_span"].astype(str).str.contains(" to ")
    b = b.assign(_single=single)
    return (b.sort_values(["_single", "period"], kind="stable").groupby("measure_id", sort=False).tail(1)
            .drop(columns="_single").set_index("measure_id").reindex(list(dict.fromkeys(b["measure_id"]))).reset_index())


def _number(v) -> str:
    if v is None or pd.isna(v):
        return "–"
    v = float(v)
    return f"{v:,.0f}" if v.is_integer() or abs(v) >= 1000 else f"{v:,.3g}" if abs(v) < 1 else f"{v:,.1f}"


def versus_median(row) -> str:
    """``9.7 above the median (67.5)``, or ``at the median``; where the measure has a polarity, whether that is better."""
    v, m = row["value"], row["median"]
    if pd.isna(v) or pd.isna(m):
        return "No value" if pd.isna(v) else "–"
    if v == m:
        return f"At the median ({_number(m)})"
    side = "above" if v > m else "below"
    better = {("higher", "above"): ", better", ("higher", "below"): ", worse", ("lower", "above"): ", worse",
              ("lower", "below"): ", better"}.get((row.get("polarity"), side), "")
    return f"{_number(abs(v - m))} {side} the median ({_number(m)}){better}"


def benchmark_table(bench: pd.DataFrame, caption: str) -> str:
    """The benchmarking table of :func:`benchmark` rows: measure, period, value, rank of n, quartile in words, versus median, change in rank."""
    from ..present.narrative import escape

    headers = ["Measure", "Period", "Value", "Rank", "Quartile", "Versus median", "Change in rank"]
    rows = []
    for r in bench.to_dict("records"):
        rank = f"{int(r['rank'])} of {int(r['n'])}" if pd.notna(r["rank"]) else ("No value" if pd.isna(r["value"]) else "Not ranked")
        quartile = QUARTILE_WORDS.get(int(r["quartile"]), "") if pd.notna(r["quartile"]) else "Not ranked"
        change = r.get("rank_change")
        if change is None or pd.isna(change):
            moved = "–"
        elif change == 0:
            moved = "No change"
        else:
            moved = f"{'Up' if change > 0 else 'Down'} {plural_places(int(abs(change)))}"
        cells = [r.get("measure", r["measure_id"]), r["period_span"], _number(r["value"]), rank, quartile, versus_median(r), moved]
        rows.append("<tr>" + f'<th scope="row">{escape(cells[0])}</th>' + "".join(f"<td>{escape(c)}</td>" for c in cells[1:]) + "</tr>")
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    return (f'<div class="table-wrap" role="region" aria-label="{escape(caption)}" tabindex="0">'
            f'<table class="benchmark"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>")


def plural_places(n: int) -> str:
    return f"{n} place" if n == 1 else f"{n} places"


def benchmark_sentences(latest: pd.DataFrame, priorities: dict | None = None) -> list[tuple[str, str]]:
    """A sentence or two per priority (``(priority, text)``; one overall when no priorities are given)."""
    from ..present.narrative import plural

    groups: dict[str, pd.DataFrame] = {}
    if priorities:
        keyed = latest.assign(_p=latest["measure_id"].map(lambda m: priorities.get(m, priorities.get(str(m)))))
        for p, g in keyed.groupby("_p", sort=False):
            groups[str(p)] = g
        rest = keyed[keyed["_p"].isna()]
        if len(rest):
            groups["Other measures"] = rest
    else:
        groups["All measures"] = latest
    out = []
    for name, g in groups.items():
        ranked = g[g["rank"].notna()]
        parts = []
        if len(ranked):
            top = int((ranked["quartile"] == 1).sum())
            bottom = int((ranked["quartile"] == 4).sum())
            top_words = "none is" if top == 0 else f"{top} {'is' if top == 1 else 'are'}"
            bottom_words = "none" if bottom == 0 else str(bottom)
            parts.append(f"Of {plural(len(ranked), 'ranked measure')}, {top_words} in the top quarter of areas and "
                         f"{bottom_words} in the bottom quarter.")
            best = ranked.sort_values(["quartile", "rank"], kind="stable").iloc[0]
            parts.append(f"The strongest is {best.get('measure', best['measure_id'])} ({int(best['rank'])} of {int(best['n'])}"
                         f" in {best['period_span']}).")
        unranked = len(g) - len(ranked)
        if unranked:
            parts.append(f"{plural(unranked, 'measure')} {'has' if unranked == 1 else 'have'} no rank (no value, or no direction of better).")
        out.append((name, " ".join(parts)))
    return out


def briefing_section(comparators: pd.DataFrame, area: str, family=None, priorities: dict | None = None,
                     title: str = "How we compare") -> str:
    """The briefing's benchmarking section as HTML: sentences per priority, then the table of each measure's latest period.

    Parameters
    ----------
    comparators : pandas.DataFrame
        From :func:`read_comparators`.
    area : str
        The council (code or name).
    family : list of str, optional
        Comparator areas for the family median (noted under the table).
    priorities : dict, optional
        ``{measure_id: priority}``, for a paragraph per priority.
    title : str

    Returns
    -------
    str
        ``<section aria-labelledby="benchmarking">`` with an ``h2``, paragraphs and an accessible table.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"area_code": list("ABCD"), "area_name": list("ABCD"), "measure_id": "M1", "measure": "Homes built",
    ...     "polarity": "higher", "period": pd.Period("2024Q4", freq="Q-MAR"), "period_span": "2023/24", "value": [10.0, 30.0, 20.0, 25.0]})
    >>> html = briefing_section(f, "C")
    >>> "<td>3 of 4</td>" in html and "Third quarter" in html
    True
    """
    from ..present.narrative import escape

    b = benchmark(comparators, area, family=family)
    latest = _latest(b)
    name = b.attrs["area_name"]
    paras = [f"<p>{escape(f'How {name} compares with the other areas in the published comparison data, in the latest period for each measure. Rank 1 is best; the median is the middle of all areas with a value.')}</p>"]
    for group, text in benchmark_sentences(latest, priorities):
        if priorities:
            paras.append(f"<h3>{escape(group)}</h3><p>{escape(text)}</p>")
        else:
            paras.append(f"<p>{escape(text)}</p>")
    table = benchmark_table(latest, f"{name} against all areas, latest period for each measure")
    if family is not None and latest["family_n"].gt(0).any():
        fam = "; ".join(f"{r.get('measure', r['measure_id'])}: {_number(r['family_median'])}" for r in latest.to_dict("records")
                        if r["family_n"] > 0)
        table += f"<p>{escape('Median of the comparator family: ' + fam + '.')}</p>"
    return f'<section aria-labelledby="benchmarking"><h2 id="benchmarking">{escape(title)}</h2>\n' + "\n".join(paras) + "\n" + table + "\n</section>"


def benchmark_charts_html(comparators: pd.DataFrame, area: str, family=None, unit: str = "") -> str:
    """A strip chart per measure (its latest single year or quarter), as one HTML string of ``<figure>`` elements.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"area_code": list("ABC"), "area_name": list("ABC"), "measure_id": "M1", "measure": "Homes",
    ...     "polarity": "higher", "period": pd.Period("2024Q4", freq="Q-MAR"), "period_span": "2023/24", "value": [1.0, 2.0, 3.0]})
    >>> benchmark_charts_html(f, "A").count("<figure")
    1
    """
    from ..present import charts

    return "\n".join(charts.benchmark_chart(comparators, area, m, family=family, unit=unit).to_html()
                     for m in dict.fromkeys(comparators["measure_id"]))
