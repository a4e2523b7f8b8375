"""Comparator tables: one council's figures beside other councils', read from published files.

:func:`read_comparators` reads a tidy CSV or workbook of area, period and value (LG Inform,
Oflog and LGBF downloads) into the comparators frame that :mod:`perfkit.analyse.benchmarking` ranks.
"""

from __future__ import annotations

import re
from pathlib import Path
import numpy as np
import pandas as pd
from perfkit.core.errors import Problem, ValidationError, WorkbookError
from perfkit.core.numbers import parse_number
from perfkit.core.periods import FREQ, parse_span, period_label
from perfkit.core.schema import POLARITY_WORDS


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


def norm_text(text) -> str:
    """An area's name or code as comparisons match it: lower case, underscores and spaces folded."""
    return " ".join(str(text).replace("_", " ").replace("\u00a0", " ").strip().lower().split())


def _polarity(value) -> str | None:
    """A polarity word as publishers write it (``desc``, ``higher_is_better``, ``Goldilocks``); None when blank or unknown."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    word = norm_text(value)
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
    known = {norm_text(w) for words in HEADERS.values() for w in words} | {norm_text(k) for k in explicit}
    for i in range(min(20, len(raw))):
        cells = [c for c in raw.iloc[i].tolist() if str(c).strip()]
        hits = sum(norm_text(c) in known for c in cells)
        periods = sum(_is_period(c) for c in cells)
        if hits >= 2 or (hits >= 1 and periods >= 1):
            return i
    return 0


def _map_headers(headers, explicit: dict) -> dict[str, str]:
    """Field -> source header. ``explicit`` maps source headers to fields and wins over the wordings."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    norm_explicit = {norm_text(k): v for k, v in explicit.items()}
    for h in headers:
        field = norm_explicit.get(norm_text(h))
        if field is not None:
            if field != "ignore":
                mapping[field] = h
            used.add(h)
    for field, words in HEADERS.items():
        if field in mapping:
            continue
        for word in words:
            hit = next((h for h in headers if h not in used and norm_text(h) == norm_text(word)), None)
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
