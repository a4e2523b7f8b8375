"""Comparator tables: one council's figures beside other councils', read from published files.

:func:`read_comparators` reads a published CSV or workbook of area, period and value (LG Inform,
Oflog, LGBF, Fingertips and ONS downloads) into the comparators frame that
:mod:`perfkit.analyse.benchmarking` ranks. Reading a publisher's file as it is published means:

- **the file as published**: UTF-8 with or without a byte-order mark, or Windows-1252 (as Excel
  saves CSV); disclaimer, title and blank lines above the header; thousands separators;
  suppression marks (``-``, ``..``, ``c``, ``[x]``, ``:``);
- **which column names the measure**: where several columns describe it (``indicator`` beside a
  ``measure`` saying only "Percentage"), the one that tells the figures apart; a column that splits
  one measure into parts (sex, age band, deprivation decile) is its ``breakdown``;
- **the publisher's periods**: financial years (``2022-23``, ``202021``), quarters, pooled years
  kept as published (``2016-18``, ``201820``), and bare years (``2011``) once a setting says what
  a year means;
- **which areas are councils**: England, regions, combined authorities, totals and other
  geographies are recognised by their ONS code or name (``area_type``), so that
  :func:`perfkit.analyse.benchmarking.benchmark` leaves them out of n, medians and ranks.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

from perfkit.core.config import Config, load_config
from perfkit.core.errors import ConfigError, PeriodError, Problem, ValidationError, WorkbookError
from perfkit.core.numbers import parse_number
from perfkit.core.periods import FREQ, MONTHS, parse_span, period_label
from perfkit.core.schema import POLARITY_WORDS
from perfkit.read.columns import language_parts
from perfkit.read.workbook import open_workbook


COLUMNS = ["area_code", "area_name", "measure_id", "measure", "period", "period_span", "value"]


OPTIONAL = ["breakdown", "area_type", "polarity", "group", "published_median", "published_mads_from_median", "published_rank",
            "published_ons_mad", "published_comparison", "lower_ci", "upper_ci", "source"]


# Header wordings, compared after lower-casing and turning _ and runs of spaces into one space.
# Order matters: the first field whose wording a header matches wins, and each field takes one column.
HEADERS = {
    "area_code": ["area code", "local authority code", "la code", "ons code", "gss code", "authority code",
                  "council code", "organisation code", "org code", "lad code", "area_code", "areacd", "area cd",
                  "geography code", "geo code", "geographical code", "geography area code", "feature code", "featurecode",
                  "cod", "cod ardal", "cod awdurdod lleol"],
    "area_name": ["area name", "local authority name", "la name", "local authority", "authority", "authority name",
                  "council", "council name", "area", "organisation", "organisation name", "provider", "areanm", "area nm",
                  "geography name", "geographical description", "geography description", "geographical name",
                  "feature name", "featurename", "area description", "ardal", "enw ardal", "awdurdod lleol", "enw awdurdod lleol"],
    "measure_id": ["measure id", "measure code", "indicator code", "indicator id", "metric id", "metric code", "code",
                   "metric type id", "indicator number"],
    "period": ["period", "financial year", "time period", "year", "fiscal year", "reporting period", "period label", "date code",
               "datecode", "blwyddyn", "blwyddyn ariannol", "cyfnod"],
    "quarter": ["quarter", "qtr"],
    "value": ["value", "data value", "figure", "result", "actual", "data", "gwerth", "data value (gwerth)"],
    "polarity": ["polarity", "rank order", "rank_order", "ranking type", "good performance is", "direction",
                 "higher or lower is better", "good is", "good is high low", "better is", "higher is better", "better if",
                 "good if", "desired direction"],
    "group": ["group", "family group", "family", "entity name", "authority type", "council type", "la type",
              "comparator group", "geography", "geography type", "area type", "organisation type", "tier", "type",
              "local authority type", "type of authority", "type of council", "council tier"],
    "published_median": ["median", "national median"],
    "published_mads_from_median": ["mads from median", "mad from median"],
    "published_rank": ["rank", "scot rank of 32", "rank of 32", "position"],
    "published_ons_mad": ["mad", "scaled mad", "mad score"],
    "published_comparison": ["significance", "compared to england", "compared with england", "comparison with england",
                             "compared to england value or percentiles", "compared to national", "statistical significance",
                             "significance compared to england", "england comparison"],
}


# Columns that may describe the measure, in the order perfkit prefers them when each tells the figures
# apart equally well: an indicator's name before a "measure" column that is often only its unit.
MEASURE_WORDS = ["indicator name", "indicator", "indicator title", "metric name", "metric", "measure name", "measure",
                 "title", "kpi", "kpi name", "performance indicator", "metric type", "description", "vaccine", "vaccination",
                 "immunisation", "topic", "statistic"]
UNIT_WORDS = ["unit", "units", "unit of measure", "value type", "measure type", "measure unit"]
# Columns that split one measure into parts: each part is compared only with the same part.
BREAKDOWN_WORDS = ["sex", "gender", "age", "age band", "age group", "ethnicity", "ethnic group", "deprivation",
                   "deprivation decile", "deprivation quintile", "imd decile", "imd quintile", "decile", "quintile",
                   "category", "category type", "breakdown", "subgroup", "sub group", "sub-group", "disaggregation",
                   "disaggregation level", "breakdown level", "population group", "cohort"]
SEX_WORDS = {"male", "female", "males", "females", "men", "women", "boys", "girls", "persons", "all persons", "people", "all", ""}

# ONS geography codes (LADxxCD, UTLAxxCD...) and names (LADxxNM...) as the ONS heads its downloads.
_CODE_HEADER = re.compile(r"^(?:lad|ltla|utla|ctyua|cty|cua|lau1|rgn|ctry|cauth|la|pfa|icb|nhser)\d{2}cd$")
_NAME_HEADER = re.compile(r"^(?:lad|ltla|utla|ctyua|cty|cua|lau1|rgn|ctry|cauth|la|pfa|icb|nhser)\d{2}nm$")
# A confidence limit however headed: "Lower CI 95.0 limit", "95% lower confidence limit", "LCL", "Lower 95% CI limit",
# "HLE lower 95% confidence interval", "CI upper", "uci".
_CI_WORDS = re.compile(r"\b(?:ci|cl|cis|confidence (?:interval|limit|bound)s?|conf(?:idence)? (?:int|lim)\w*)\b|\b(lci|lcl|uci|ucl)\b|"
                       r"\b(?:lower|upper) (?:\d+(?:\.\d+)?% )?bound\b")
_CI_SIDE = re.compile(r"\b(lower|low|lo|min|minimum|lci|lcl|upper|high|hi|max|maximum|uci|ucl)\b")
# A header note mark, as the GSS accessibility standard puts them in every ONS table: "Period [note 1]", "Value (note 2)".
_HEADER_NOTE = re.compile(r"\s*[\[(]\s*notes?\s*[\w ,&-]*[\])]", re.I)


def header_keys(header) -> tuple[str, ...]:
    """:func:`header_key`, and for a header in two languages (``Ardal / Area``, or ``Cod`` over ``Code`` in one cell)
    each part's.

    >>> header_keys("Ardal / Area")
    ('ardal / area', 'ardal', 'area')
    """
    whole = header_key(header)
    parts = [header_key(p) for p in language_parts(header)]
    return (whole, *parts) if len(parts) > 1 else (whole,)


def header_key(header) -> str:
    """A header as perfkit matches it to a field: lower case, spaces folded, note marks ("[note 1]") dropped.

    >>> header_key("Period [note 1]"), header_key("Value (notes 2, 3)")
    ('period', 'value')
    """
    return norm_text(_HEADER_NOTE.sub("", str(header)))


def ci_side(header) -> tuple[str, str] | None:
    """``("lower" or "upper", level)`` where a header names one limit of a confidence interval (level ``95``, ``99.8``
    or ``""`` where it gives none), else None.

    >>> ci_side("95% lower confidence limit"), ci_side("Upper CI 99.8 limit"), ci_side("LCL"), ci_side("Lower tier")
    (('lower', '95'), ('upper', '99.8'), ('lower', ''), None)
    """
    text = header_key(header).replace("_", " ")
    if not _CI_WORDS.search(text):
        return None
    side = _CI_SIDE.search(text)
    if side is None:
        return None
    level = re.search(r"(99\.8|99|95|90)", text)
    return ("lower" if side[1] in ("lower", "low", "lo", "min", "minimum", "lci", "lcl") else "upper", level[1] if level else "")

SETTINGS = {"columns", "polarity", "sheet", "measure_id", "measure", "area_code", "area_name", "years", "pooled", "duplicates",
            "areas", "include_aggregates", "tier", "references", "period", "quarters", "countries"}
# Headers of a column giving each council's type as the publisher groups councils ("Council type": District, County,
# Single Tier): where its entries name kinds of council, each council is compared within its type by default.
TYPE_HEADERS = {"council type", "authority type", "la type", "organisation type", "type", "tier", "local authority type",
                "type of authority", "type of council", "council tier"}
FIELDS = set(HEADERS) | {"measure", "unit", "breakdown", "lower_ci", "upper_ci", "ignore"}

# Values some publishers write for a figure they withhold, beyond those perfkit.core.numbers knows.
MORE_PLACEHOLDERS = frozenset({":", "[low]", "[u]", "[w]", "[d]", "~", "nan", "*.*", "-.-", "#", "!", "[dc]", "[v]"})


def _is_mark(parsed, value) -> bool:
    """Whether a cell parsed as no figure is a suppression or not-available mark (``..``, ``[x]``, ``c``, ``:``)."""
    return parsed.value is None and (parsed.missing == "placeholder" or str(value).strip().lower() in MORE_PLACEHOLDERS)


def _figure_or_mark(value) -> bool:
    """Whether a cell holds a figure (``1,234``, ``47.8%``) or a suppression mark: what a table's body holds."""
    p = parse_number(value)
    return p.value is not None or _is_mark(p, value)
_SCIENTIFIC = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$")

_RANGE = re.compile(r"^(?:fy\s*)?(\d{4})\s*(?:[-/–—]|\bto\b)\s*(\d{2}|\d{4})$", re.I)
_COMPACT = re.compile(r"^(\d{4})(\d{2})$")
_POOLED_FY = re.compile(r"^(\d{4})\s*[/-]\s*(\d{2})\s*(?:[-–—]|\bto\b)\s*(\d{2}|\d{4})\s*[/-]\s*(\d{2})$", re.I)
_BARE = re.compile(r"^(\d{4})$")
_MONTHS_RANGE = re.compile(r"^([a-z]{3,9})\.?\s+(\d{4})\s*(?:to|-|–|—)\s*([a-z]{3,9})\.?\s+(\d{4})$", re.I)
_YEAR_ENDING = re.compile(r"^(?:the\s+)?(?:year|12 months)\s+(?:ending|to)\s+([a-z]{3,9})\.?\s+(\d{4})$", re.I)
_MID_YEAR = re.compile(r"^mid[\s-]?((?:19|20)\d{2})$", re.I)
_DATE = re.compile(r"^(?:(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?|(\d{1,2})/(\d{1,2})/(\d{4}))$")
_MONTH = re.compile(r"^([A-Za-z]{3,9})[ -](\d{4}|\d{2})$")
_SNAPSHOT = re.compile(r"^(?:as at |as of |snapshot |at )?(\d{1,2})(?:st|nd|rd|th)?[ /.-]+([a-z]+|\d{1,2})$")


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
    found = _POLARITY_LOOKUP.get(word)
    if found is None and not _NO_POLARITY_SAID.search(str(value)):  # Fingertips' "RAG - Low is good", "RAG - High is good"
        m = _SAID_POLARITY.search(str(value))
        if m:
            w = next(g for g in m.groups() if g).lower()
            found = "higher" if w.startswith("h") else "lower"
    return found


# ---------------------------------------------------------------------------------------------- settings


def comparator_settings(config, path=None) -> dict:
    """The settings for reading one comparison file, checked: from a dict, a ``perfkit.toml`` or the one beside the file.

    ``config`` is a dict of settings (as ``[comparators]`` in ``perfkit.toml`` holds them), a path to a
    ``perfkit.toml``, a :class:`~perfkit.core.config.Config`, ``False`` for none, or ``None`` for the
    ``[comparators]`` table of the ``perfkit.toml`` beside ``path``, if there is one. Every setting
    that cannot be used is named in one :class:`~perfkit.core.errors.ConfigError`.

    Examples
    --------
    >>> comparator_settings({"years": "31 March", "tier": "upper"})["years"]
    ('snapshot', 31, 3)
    """
    where = "config"
    if config is False:
        settings = {}
    elif isinstance(config, dict):
        settings = dict(config)
    else:
        cfg = config if isinstance(config, Config) else load_config(config, workbook=path)
        settings = dict(cfg.comparators)
        where = f"{cfg.where} [comparators]"
    problems = [f"unknown setting {k!r} (expected {', '.join(sorted(SETTINGS))})" for k in settings if k not in SETTINGS]
    if settings.get("years") is not None:
        try:
            settings["years"] = _years_setting(settings["years"])
        except ValueError as exc:
            problems.append(str(exc))
    for key, allowed in (("pooled", ("calendar", "financial")), ("quarters", ("calendar", "financial")), ("duplicates", ("first", "last")),
                         ("tier", ("lower", "upper", "all", "group")), ("countries", ("own", "pooled"))):
        value = settings.get(key)
        if value is not None and str(value).lower() not in allowed:
            problems.append(f"{key} = {value!r}: say {' or '.join(repr(a) for a in allowed)}")
        elif value is not None:
            settings[key] = str(value).lower()
    if "include_aggregates" in settings and not isinstance(settings["include_aggregates"], bool):
        problems.append(f"include_aggregates = {settings['include_aggregates']!r}: say true or false")
    for header, field in dict(settings.get("columns") or {}).items():
        if field not in FIELDS:
            problems.append(f"columns: {header!r} = {field!r}: a field perfkit knows is one of {', '.join(sorted(FIELDS))}")
    for area, kind in dict(settings.get("areas") or {}).items():
        if str(kind).lower() not in AREA_TYPES or str(kind).lower() == "superseded council":
            problems.append(f"areas: {area!r} = {kind!r}: say council, county, district, unitary, country, region, "
                            "combined authority, total or other area")
    if problems:
        raise ConfigError(f"{where}: {len(problems)} setting{'s' * (len(problems) != 1)} to correct:\n" + "\n".join(f"  {p}" for p in problems),
                          [Problem(where, "", "", p) for p in problems], hint="See README: Comparing with other councils.")
    return settings


def _years_setting(value) -> tuple:
    """``years = "calendar"``, ``"financial"`` (the financial year ending in it) or a snapshot date such as ``"31 March"``."""
    text = norm_text(value)
    if text in ("calendar", "calendar year", "calendar years"):
        return ("calendar",)
    if text in ("financial", "financial year", "financial years", "financial year ending", "year ending march"):
        return ("financial",)
    if text in ("academic", "academic year", "academic years"):
        return ("academic",)
    m = _SNAPSHOT.match(text)
    if m:
        day = int(m[1])
        month = int(m[2]) if m[2].isdigit() else (MONTHS.get(m[2]) or MONTHS.get(m[2][:3]))
        if month and 1 <= month <= 12 and 1 <= day <= 31:
            return ("snapshot", day, month)
    raise ValueError(f"years = {value!r}: say \"calendar\", \"financial\" (the financial year ending in the year) or a "
                     "snapshot date such as \"31 March\"")


# ---------------------------------------------------------------------------------------------- the file as published


def _decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (a byte-order mark or none), else Windows-1252 as Excel saves CSV."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _read_table(path: Path, sheet, problems: list, explicit: dict | None = None) -> tuple[pd.DataFrame, str | None, int]:
    """Every cell as text ('' for blank), no header yet (the header row is found by :func:`_header_row`), and the
    sheet read (None for a CSV) and how many the workbook has: ``sheet`` where given, else the one sheet of the workbook
    holding a table."""
    suffix = path.suffix.lower()
    chosen, count = None, 0
    try:
        if suffix in (".csv", ".txt", ".tsv"):
            text, encoding = _decode(path.read_bytes())
            if encoding != "utf-8":
                problems.append(Problem(path.name, "", encoding, f"the file is in {encoding} (as Excel saves CSV files), not UTF-8: "
                                        f"read as {encoding}", "info"))
            head = text[:20000]
            delimiter = max(("," , "\t", ";"), key=head.count) if suffix != ".tsv" else "\t"
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
            width = max(map(len, rows), default=0)  # a disclaimer line above the header has one cell, the table ten
            rows = [r if len(r) == width else r + [""] * (width - len(r)) for r in rows]
            raw = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(dtype=object)
        elif suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
            raw, chosen, count = _table_sheet(path, sheet, explicit or {}, problems)
            raw = _percent_as_shown(path, chosen, raw, problems)
        else:
            raise WorkbookError(f"{path}: perfkit reads comparison data from .csv, .xlsx, .xlsm, .xls or .ods files, not {suffix or 'this file'}")
    except FileNotFoundError:
        raise WorkbookError(f"{path}: no such file") from None
    except (ValueError, OSError, csv.Error) as exc:
        raise WorkbookError(f"{path}: cannot be read as a comparison table ({exc})") from None
    return raw.astype(object).where(raw.notna(), ""), chosen, count


def _percent_as_shown(path: Path, name: str, grid: pd.DataFrame, problems: list) -> pd.DataFrame:
    """Numbers formatted as percentages read as Excel shows them (0.618 as 61.8): beside another council's 65.5 typed as
    a number, the fraction was compared as it stood, and every median that counted it was wrong, unsaid."""
    try:
        sheet = open_workbook(path).sheet(name)
    except (WorkbookError, ConfigError):
        return grid
    rows = sheet.rows
    shown = sheet.percent_cells(list(range(len(rows))), list(range(max(map(len, rows), default=0))))
    changed = 0
    grid = grid.copy()
    for r, c in shown:
        if r < grid.shape[0] and c < grid.shape[1] and c < len(rows[r]):
            v = grid.iat[r, c]
            if isinstance(v, (int, float)) and not isinstance(v, bool) and v == rows[r][c]:
                grid.iat[r, c] = round(float(v) * 100, 10)
                changed += 1
    if changed:
        problems.append(Problem(path.name, "value", changed, f"{changed} figure{'s are' if changed > 1 else ' is'} formatted as "
                                "percentages (0.618 shown as 61.8%): read as Excel shows them", "info"))
    return grid


def _table_sheet(path: Path, sheet, explicit: dict, problems: list) -> tuple[pd.DataFrame, str, int]:
    """The sheet ``sheet`` names (a name or a position from 0), else the one sheet whose rows hold a table perfkit
    recognises (a Contents or Notes sheet before it is passed over, said); several such sheets are refused, naming them."""
    with pd.ExcelFile(path, engine="calamine") as book:
        names = [str(n) for n in book.sheet_names]
        shown = ", ".join(repr(n) for n in names)
        if sheet is not None:
            wanted = names[sheet] if isinstance(sheet, int) and -len(names) <= sheet < len(names) else str(sheet)
            match = next((n for n in names if n == wanted), None) or next((n for n in names if norm_text(n) == norm_text(wanted)), None)
            if match is None:
                raise ConfigError(f"{path.name}: no sheet {sheet!r}; its sheets are {shown}: say sheet = \"...\" under "
                                  "[comparators] in perfkit.toml (sheet=\"...\" in Python) with one of them")
            return pd.read_excel(book, sheet_name=match, header=None, dtype=object, keep_default_na=False, na_values=[""]), match, len(names)
        if len(names) == 1:
            return pd.read_excel(book, sheet_name=names[0], header=None, dtype=object, keep_default_na=False, na_values=[""]), names[0], 1
        grids = pd.read_excel(book, sheet_name=None, header=None, dtype=object, keep_default_na=False, na_values=[""])
    tables = []
    for n, g in grids.items():
        g = g.astype(object).where(g.notna(), "")
        head = _header_row(g, explicit) if len(g) else None
        if head is not None and any(str(v).strip() for v in g.iloc[head + 1:head + 6].to_numpy().ravel()):
            tables.append(n)
    if len(tables) == 1:
        others = [n for n in names if n != tables[0]]
        problems.append(Problem(path.name, "sheet", tables[0], f"the workbook has {len(names)} sheets: read {tables[0]!r}, the one holding "
                                f"a table (not {', '.join(repr(n) for n in others[:4])}{'...' if len(others) > 4 else ''}); say sheet = "
                                "\"...\" under [comparators] in perfkit.toml to read another", "info"))
        return grids[tables[0]], tables[0], len(names)
    if tables:
        listed = ", ".join(repr(n) for n in tables)
        raise ValidationError(path.name, [Problem(path.name, "sheet", listed, f"{len(tables)} sheets hold a table of areas and figures "
                                                  f"({listed}): perfkit reads one comparison table at a time; say which with sheet = "
                                                  f"\"{tables[0]}\" under [comparators] in perfkit.toml (sheet=\"{tables[0]}\" in Python), and "
                                                  "read each of the others the same way")])
    raise ValidationError(path.name, [Problem(path.name, "sheet", shown, f"no sheet holds a table perfkit recognises (a header row naming "
                                              f"the area, the period and the value, within its first 30 rows); the sheets are {shown}: say "
                                              "which with sheet = \"...\" under [comparators] in perfkit.toml, and name its columns under "
                                              "[comparators.columns] (\"Header\" = \"field\")")])


# A revision or note mark after a period, as the ONS and DfE write them: "2022 (r)", "2023 (p)", "2022-23 [r]",
# "2023-24 [note 3]", "2021/22 (provisional)".
_PERIOD_MARK = re.compile(r"\s*(?:[(\[]\s*(?:r|p|e|f|x|revised|provisional|estimated?|final|note\s*\d+[a-z]?)\s*[)\]]\s*)+$", re.I)


def strip_period_mark(text) -> tuple[str, str]:
    """A period's text without a trailing revision or note mark, and the mark (``""`` where there is none).

    >>> strip_period_mark("2022 (r)"), strip_period_mark("2023-24 [note 3]"), strip_period_mark("2021/22")
    (('2022', '(r)'), ('2023-24', '[note 3]'), ('2021/22', ''))
    """
    text = str(text).strip()
    m = _PERIOD_MARK.search(text)
    if m is None or m.start() == 0:
        return text, ""
    return text[:m.start()].strip(), m.group(0).strip()


def _is_period(text) -> bool:
    text = strip_period_mark(text)[0]
    if not text or not re.search(r"\d{2}", text):
        return False
    if _BARE.match(text) or _RANGE.match(text) or _POOLED_FY.match(text) or _month_range(text) is not None or _MID_YEAR.match(text):
        return True
    try:
        parse_span(text)
        return True
    except Exception:
        return False


def _labels_over_fields(grid: pd.DataFrame, head: int, name: str, problems: list) -> pd.DataFrame:
    """A header of two rows, each measure's name over its own columns (``Total initial assessments`` merged over ``Number |
    Per 1,000 households``): one row of headers, each column named by both (``Total initial assessments: Per 1,000
    households``), the row under taken out. Unchanged where the row under the header is not such a row."""
    if head + 2 > len(grid):
        return grid
    top = [str(c).strip() for c in grid.iloc[head].tolist()]
    under = [str(c).strip() for c in grid.iloc[head + 1].tolist()]
    first = next((c for c, t in enumerate(under) if t), None)
    if first is None or first == 0 or any(under[c] for c in range(first)) or not all(top[c] for c in range(first)):
        return grid
    if any(parse_number(under[c]).value is not None or _is_period(under[c]) for c in range(first, len(under)) if under[c]):
        return grid
    label, merged = "", []
    for c in range(first, len(top)):
        label = _HEADER_NOTE.sub("", top[c]).strip() if top[c] else label
        merged.append(f"{label}: {under[c]}" if label and under[c] else (label or under[c]))
    if len(set(under[first:]) - {""}) < 2 or len({m for m in merged if m}) < len([m for m in merged if m]):
        return grid
    out = grid.drop(index=grid.index[head + 1]).reset_index(drop=True)
    out.iloc[head, first:len(top)] = merged
    problems.append(Problem(f"{name} row {head + 1}", "", "", f"a header of two rows, each name over its own columns: read as one "
                            f"({', '.join(repr(m) for m in merged[:3])}{'...' if len(merged) > 3 else ''})", "info"))
    return out


def _indicator_over_periods(grid: pd.DataFrame, head: int, found: int) -> tuple[pd.DataFrame, int]:
    """A header of three rows, the indicator's name merged over the years and each year over its fields (``Area`` |
    indicator, then ``2021/22`` | ``2022/23``, then ``Value | Rank``): the name moved up as the table's title and the area's
    header down beside the years, so that the years and their fields are read as a header of two rows. ``head`` is where
    such a header would start, ``found`` the header row found (the fields'); returns the grid and the header row to read."""
    if head + 2 >= len(grid) or found != head + 2:
        return grid, found
    top = [str(c).strip() for c in grid.iloc[head].tolist()]
    years = [str(c).strip() for c in grid.iloc[head + 1].tolist()]
    filled = [c for c, t in enumerate(top) if t]
    first_year = next((c for c, t in enumerate(years) if t), None)
    if first_year is None or len(filled) < 2 or filled[-1] != first_year or any(years[c] for c in range(first_year)):
        return grid, found
    if not all(top[c] for c in range(first_year)) or _is_period(top[first_year]) or not _is_period(years[first_year]):
        return grid, found
    out = grid.copy()
    name = top[first_year]
    out.iloc[head] = [name] + [""] * (out.shape[1] - 1)
    out.iloc[head + 1] = [top[c] if c < first_year else grid.iat[head + 1, c] for c in range(out.shape[1])]
    return out, head + 1


def _periods_over_fields(grid: pd.DataFrame, head: int) -> tuple[pd.DataFrame, list[str]] | None:
    """A header of two rows, each period over its own columns (``2021/22`` merged over ``Number | Rate per 10,000``, or
    ``Value | Rank``), as the grid of one row per area and period with a ``Period`` column and a column per field under it,
    the rows above kept; and those fields. None where the header is one row."""
    if head + 2 > len(grid):
        return None
    top = [str(c).strip() for c in grid.iloc[head].tolist()]
    under = [str(c).strip() for c in grid.iloc[head + 1].tolist()]
    starts = [c for c, t in enumerate(top) if t and _is_period(t)]
    if len(starts) < 1 or any(under[c] for c in range(starts[0])):
        return None
    period_of: dict[int, str] = {}
    for c in range(starts[0], len(top)):
        if top[c] and not _is_period(top[c]):
            return None
        period_of[c] = top[c] if top[c] else period_of.get(c - 1, "")
    columns = [c for c in period_of if under[c]]
    if not columns or any(parse_number(under[c]).value is not None or _is_period(under[c]) for c in columns):
        return None
    fields = list(dict.fromkeys(under[c] for c in columns))
    per = {p: {under[c]: c for c in columns if period_of[c] == p} for p in dict.fromkeys(period_of[c] for c in columns)}
    if len(fields) < 2 and len(per) < 2 or any(set(f) != set(fields) for f in per.values()):
        return None  # each period must have the same fields under it
    ids = list(range(starts[0]))
    figures = [f for f in fields if not re.search(r"(?i)\b(rank|ranking|quartile|position|lower|upper|ci|lcl|ucl)\b", f)]
    if len(figures) == 1 and len(fields) > 1:  # "% | Rank" under each year: the one figure is the value, named by the title
        fields = ["Value" if f == figures[0] else f for f in fields]
        per = {p: {("Value" if f == figures[0] else f): c for f, c in cols.items()} for p, cols in per.items()}
    header = [top[c] for c in ids] + ["Period", *fields]
    rows = []
    for r in range(head + 2, len(grid)):
        row = grid.iloc[r].tolist()
        if not any(str(row[c]).strip() for c in columns):  # a note under the table, kept once
            rows.append(row[:len(header)] + [""] * (len(header) - len(row[:len(header)])))
            continue
        rows += [[row[c] for c in ids] + [p] + [row[cols[f]] for f in fields] for p, cols in per.items()]
    width = max(len(header), grid.shape[1])
    pad = lambda r: list(r)[:width] + [""] * (width - len(list(r)[:width]))  # noqa: E731
    above = [pad(grid.iloc[r].tolist()) for r in range(head)]
    return pd.DataFrame(above + [pad(header)] + [pad(r) for r in rows], dtype=object), fields


_CODE_HEADS = {"area code", "code", "ons code", "la code", "gss code", "areacd", "local authority code"}
_PERIOD_HEADS = {"period", "periods", "year", "years", "time period", "time", "date", "financial year", "quarter", ""}


def _turned_round(grid: pd.DataFrame) -> tuple[pd.DataFrame, int] | None:
    """A table with the areas across its columns and the periods down its rows (``Period | Mid Anyshire | Wealden | ...``,
    then ``2022/23 | 37.0 | 53.5 | ...``), as the grid of one with an ``Area`` column and a column per period, with the
    rows above it (a title naming the measure) kept; and the header's row. None where the grid is not one such table."""
    for i in range(min(30, len(grid) - 1)):
        cells = [str(c).strip() for c in grid.iloc[i].tolist()]
        names = [c for c in cells[1:] if c]
        if (norm_text(cells[0]) not in _PERIOD_HEADS or len(names) < 3 or any(_is_period(c) for c in names)
                or any(parse_number(c).value is not None for c in names)):
            continue
        body = grid.iloc[i + 1:]
        first = body.iloc[:, 0].astype(str).str.strip()
        codes = None
        if len(first) and norm_text(first.iloc[0]) in _CODE_HEADS:  # "Area code" under the names
            codes, body, first = body.iloc[0], body.iloc[1:], first.iloc[1:]
        periods = first.map(_is_period)
        run = int(periods.cumprod().sum())  # the periods down the rows, to the first row that is not one
        if run == 0:
            return None
        rows = body.iloc[:run]
        figures = rows.iloc[:, 1:].astype(str).apply(lambda col: col.str.strip().map(lambda v: v == "" or _figure_or_mark(v) or v.lower() == "u"))  # "u": unreliable
        if not figures.to_numpy().mean() >= 0.9:
            return None
        width = len(cells)
        ids = [["Area code"] if codes is not None else [], ["Area"]]
        table = [[*ids[0], *ids[1], *rows.iloc[:, 0].astype(str).str.strip().tolist()]]
        table += [[*([str(codes.iloc[c]).strip()] if codes is not None else []), cells[c], *rows.iloc[:, c].tolist()]
                  for c in range(1, width) if cells[c]]
        table += [list(r) for r in body.iloc[run:].itertuples(index=False)]  # notes under the table, as they were
        wide = max(len(table[0]), width)
        above = [list(grid.iloc[r].tolist()) + [""] * (wide - width) for r in range(i)]
        out = pd.DataFrame([r[:wide] + [""] * (wide - len(r[:wide])) for r in above + table], dtype=object)
        return out, i
    return None


def _known_header(h, known: set) -> bool:
    n = header_key(h)
    return any(k in known for k in header_keys(h)) or bool(_CODE_HEADER.match(n) or _NAME_HEADER.match(n) or ci_side(h))


def _header_row(raw: pd.DataFrame, explicit: dict) -> int | None:
    """The first of the top 30 rows naming two or more fields (or periods, for a wide layout): title rows above it are
    skipped; None where no row does."""
    known = ({norm_text(w) for words in HEADERS.values() for w in words} | {norm_text(k) for k in explicit}
             | {norm_text(w) for w in MEASURE_WORDS + UNIT_WORDS + BREAKDOWN_WORDS})
    for i in range(min(30, len(raw))):
        cells = [c for c in raw.iloc[i].tolist() if str(c).strip()]
        hits = sum(_known_header(c, known) for c in cells)
        periods = sum(_is_period(c) for c in cells)
        if hits >= 2 or (hits >= 1 and periods >= 1):
            return i
        worded = sum(_is_period(c) and not re.fullmatch(r"\s*\d{4}(?:\.0)?\s*", str(c)) for c in cells)
        if worded >= 2 and not _is_period(cells[0]) and worded >= len(cells) - 2:
            return i  # Stat-Xplore's "National - Regional - LA - OAs | January 2024 | ...": the areas' label, then the months
    return None


def _map_headers(headers, explicit: dict) -> tuple[dict[str, str], dict[str, list[str]], set[str]]:
    """Field -> source header, the candidate columns describing a measure (``measure``, ``unit``, ``breakdown``),
    and the fields named in ``explicit`` (source header -> field), which win over the wordings."""
    mapping: dict[str, str] = {}
    cands: dict[str, list[str]] = {"measure": [], "unit": [], "breakdown": []}
    used: set[str] = set()
    forced: set[str] = set()
    norm_explicit = {norm_text(k): v for k, v in explicit.items()}
    keyed_explicit = {header_key(k): v for k, v in explicit.items()}
    for h in headers:
        field = norm_explicit.get(norm_text(h), keyed_explicit.get(header_key(h)))
        if field is None:
            continue
        used.add(h)
        if field in cands:
            cands[field].append(h)
            forced.add(field)
        elif field != "ignore":
            mapping[field] = h
            forced.add(field)
    free = [h for h in headers if h not in used]
    for field, words in HEADERS.items():
        if field in mapping:
            continue
        for word in words:
            hit = next((h for h in free if h not in used and norm_text(word) in header_keys(h)), None)
            if hit is not None:
                mapping[field] = hit
                used.add(hit)
                break
    for field, pattern in (("area_code", _CODE_HEADER), ("area_name", _NAME_HEADER)):
        if field not in mapping:
            hit = next((h for h in free if h not in used and pattern.match(header_key(h))), None)
            if hit is not None:
                mapping[field] = hit
                used.add(hit)
    # Confidence limits: the 95% pair where the file gives 95% and 99.8% (Fingertips compares with England at 95%); where
    # one side is not there, or several columns could be it, neither is read (said by _unread_limits).
    sides = {h: ci_side(h) for h in free if h not in used}
    pair = {}
    for field, side in (("lower_ci", "lower"), ("upper_ci", "upper")):
        found = [h for h, cs in sides.items() if cs and cs[0] == side]
        best = [h for h in found if sides[h][1] == "95"] or [h for h in found if not sides[h][1].startswith("99")]
        if len(best) == 1:
            pair[field] = best[0]
    if len(pair) == 2 and not {"lower_ci", "upper_ci"} & set(mapping):
        mapping.update(pair)
        used.update(pair.values())
    if "measure_id" not in mapping:  # a publisher's own prefix: "ASCOF Measure Code", "PHOF indicator ID"
        hit = next((h for h in free if h not in used and _PREFIXED_CODE.search(header_key(h))), None)
        if hit is not None:
            mapping["measure_id"] = hit
            used.add(hit)
    if "measure" not in forced:  # "Measure Group Description", "ASCOF measure name": the measure's wording
        for h in free:
            if h not in used and _PREFIXED_NAME.search(header_key(h)):
                cands["measure"].append(h)
                used.add(h)
    for field, words in (("measure", MEASURE_WORDS), ("unit", UNIT_WORDS), ("breakdown", BREAKDOWN_WORDS)):
        if field in forced:
            continue
        for word in words:
            for h in free:
                if h not in used and word in header_keys(h):
                    cands[field].append(h)
                    used.add(h)
    return mapping, cands, forced


_PREFIXED_CODE = re.compile(r"^\w+(?: \w+)? (?:measure|indicator|metric) (?:code|id|ref|reference|number)$")
_PREFIXED_NAME = re.compile(r"^(?:\w+ )?(?:measure|indicator|metric)(?: group)? (?:description|name|title)$")


_NAME_WORDS = re.compile(r"\b(local authority|authority|authorities|council|area|region|geography|la|lad|place|district|borough|"
                         r"name|organisation|county|counties)\b")
_PARENT_WORDS = re.compile(r"\b(parent|parents|rgn\d*|ctry\d*|utla\d*|cty\d*|upper tier)\b")
_NOT_NAME_WORDS = re.compile(r"\b(code|codes|cd|id|type|number|no|tier|group|class|classification|count|population|value|rank)\b")


def _distinct_texts(raw: pd.DataFrame, header: str) -> pd.Index:
    values = raw[header].astype(str).str.strip()
    return pd.Index(values[values != ""].unique())


def _mostly_ons_codes(values: pd.Index) -> bool:
    """Whether the distinct values of a column are ONS codes (``E08000007``): four in five or more, and at least two."""
    if len(values) < 2:
        return False
    return float(values.str.upper().str.match(_GSS.pattern).mean()) >= 0.8


def _names_area_types(values: pd.Index) -> bool:
    """Whether most distinct values of a column name kinds of area ("Unitary Authority", "Region", "Country"), as the
    ONS's ``Geography`` column does, rather than areas."""
    return len(values) > 0 and sum(_group_type(v) is not None for v in values) >= 0.8 * len(values)


def _area_columns(raw: pd.DataFrame, mapping: dict, cands: dict, forced: set, explicit: dict, name: str, problems: list) -> None:
    """Which columns hold the area's code and name, from what they hold where the headers leave it open.

    A column of ONS codes (E/W/S/N and eight digits, as the DfE's "New LA code") is the area code ahead of one
    of other codes (the DfE's three-digit "LA code"); a column named like an area ("Region / local authority",
    "Geography" beside "Geography code") and holding a name per area is the area's name. Said, with the columns.
    """
    mid = mapping.get("measure_id")
    if mid is not None and "measure_id" not in forced and _mostly_ons_codes(_distinct_texts(raw, mid)):
        # "Code" holding E06000001...: the area's code, never a measure (each area would be its own measure, n = 1).
        del mapping["measure_id"]
        if "area_code" not in mapping:
            mapping["area_code"] = mid
            problems.append(Problem(name, "area_code", mid, f"the column '{mid}' holds ONS codes: read as the area code, not as the "
                                    "measure's code", "info"))
    taken = set(mapping.values()) | {h for hs in cands.values() for h in hs}
    said = {norm_text(k) for k in explicit}  # a column the settings name (or ignore) is never taken for another
    free = [h for h in raw.columns if h not in taken and norm_text(h) not in said and not h.startswith("\x00") and not _is_period(h)]
    if "area_code" not in forced:
        current = mapping.get("area_code")
        if current is None or not _mostly_ons_codes(_distinct_texts(raw, current)):
            # A code per area, as many as the names: never a parent's code ("Parent Code", a region's) beside each area.
            names = len(_distinct_texts(raw, mapping["area_name"])) if "area_name" in mapping else 0
            ons = next((h for h in free if not _PARENT_WORDS.search(norm_text(h)) and _mostly_ons_codes(values := _distinct_texts(raw, h))
                        and len(values) >= 0.8 * names), None)
            if ons is not None:
                mapping["area_code"] = ons
                free.remove(ons)
                if current is not None:
                    sample = ", ".join(_distinct_texts(raw, current)[:3])
                    problems.append(Problem(name, "area_code", ons, f"the column '{ons}' holds ONS codes: read as the area code; "
                                            f"'{current}' (other codes, such as {sample}) is left aside; say \"{current}\" = "
                                            "\"area_code\" under [comparators.columns] to read it instead", "info"))
                else:
                    problems.append(Problem(name, "area_code", ons, f"the column '{ons}' holds ONS codes: read as the area code", "info"))
    if "area_name" in mapping or "area_name" in forced:
        return
    codes = len(_distinct_texts(raw, mapping["area_code"])) if "area_code" in mapping else 0

    def names_areas(h) -> bool:
        values = _distinct_texts(raw, h)
        if len(values) < 2 or float(values.str.contains(r"[A-Za-z]{2}").mean()) < 0.8 or _mostly_ons_codes(values):
            return False
        return not codes or len(values) >= max(2, 0.5 * codes)

    group = mapping.get("group")
    if (group is not None and "group" not in forced and norm_text(group).startswith("geography") and names_areas(group)
            and not _names_area_types(_distinct_texts(raw, group))):
        mapping["area_name"] = mapping.pop("group")  # "Geography" beside "Geography code": the place, not its kind
    else:
        fits = [h for h in free if _NAME_WORDS.search(norm_text(h)) and not _NOT_NAME_WORDS.search(norm_text(h))
                and not _PARENT_WORDS.search(norm_text(h)) and names_areas(h)]
        if not fits:
            return
        mapping["area_name"] = max(fits, key=lambda h: len(_distinct_texts(raw, h)))  # the areas, not the regions they are in
    problems.append(Problem(name, "area_name", mapping["area_name"], f"the column '{mapping['area_name']}' is read as the area's "
                            "name (it holds a name for each area)", "info"))


# ---------------------------------------------------------------------------------------------- periods


class BareYear(PeriodError):
    """A year written alone (``2011``) with no setting saying whether it is a calendar year, a financial year or a date."""


class YearQuarter(PeriodError):
    """A quarter of a year written with no financial year (``2023 Q1``) and no setting saying whose quarter it is."""


_YEAR_QUARTER = re.compile(r"^(?:(\d{4})\s*[-/ ]?\s*q([1-4])|q([1-4])\s*[-/ ]?\s*(\d{4}))$", re.I)


def _year_quarter(text: str, quarters) -> tuple[pd.Period, str, str] | None:
    """``2023 Q1`` (or ``Q1 2023``) as ``quarters`` says: a calendar quarter (January to March 2023, 2022/23 Q4) or the
    quarter of the financial year starting in that year (2023/24 Q1); None where the text is not of that form."""
    m = _YEAR_QUARTER.match(text.strip())
    if m is None:
        return None
    year, q = int(m[1] or m[4]), int(m[2] or m[3])
    if not quarters:
        raise YearQuarter(f"{text!r} is a quarter of a year written with no financial year")
    if quarters == "calendar":
        end = pd.Period(year=year, month=3 * q, freq="M").asfreq(FREQ)
        return end, period_label(end), ""
    span = parse_span(f"{year}/{(year + 1) % 100:02d} Q{q}")
    return span.end, period_label(span.end), ""


def _pooled(start: int, end: int, reading: str) -> tuple[pd.Period, str]:
    """A pooled span kept as published (``2016-18``), placed at the end of its last calendar or financial year."""
    label = f"{start}-{end % 100:02d}"
    if reading == "calendar":
        return pd.Period(f"{end}-12", "M").asfreq(FREQ), label
    return pd.Period(year=end, quarter=4, freq=FREQ), label


def published_period(text, quarter=None, years=None, pooled=None, quarters=None) -> tuple[pd.Period, str, str]:
    """A published period as ``(period, period_span label, reading)``.

    ``period`` is the quarter (``Q-MAR``) in which the figure's period ends; the label is how perfkit
    writes it everywhere: ``2022/23`` (``2022-23``, ``202223``), ``2018/19 Q1`` (with a quarter), a
    pooled span as published (``2016-18``, ``201820`` -> ``2018-20``; ``2016/17 to 2018/19``), and a bare
    year (``2011``) as ``years`` says: ``("calendar",)``, ``("financial",)`` (the financial year ending
    in it) or ``("snapshot", day, month)``; with no ``years`` a bare year raises :class:`BareYear`.
    ``reading`` says how a pooled span was placed (``calendar`` or ``financial``), else ``""``.
    A pooled span ``pooled`` does not name is read as whichever of calendar or financial years makes
    it three years (``2016-18``: 2016 to 2018; ``2020-23``: 2020/21 to 2022/23), else as financial years.
    A quarter written with a calendar year (``2023 Q1``) is read as ``quarters`` says (``calendar``:
    January to March 2023; ``financial``: 2023/24 Q1); with no ``quarters`` it raises :class:`YearQuarter`.

    Examples
    --------
    >>> [published_period(t)[1] for t in ("2009-11", "202021", "201820", "2022-23", "2016/17 - 18/19")]
    ['2009-11', '2020/21', '2018-20', '2022/23', '2016/17 to 2018/19']
    >>> published_period("2011", years=("snapshot", 31, 3))[1], published_period("2011", years=("financial",))[1]
    ('31 March 2011', '2010/11')
    """
    text = " ".join(str(text).split())
    # ScotPHO's "2019/20 to 2021/22 financial years; 3-year aggregates": the span, and what it is said in words
    text = re.sub(r"(?i)\s*(?:;.*|\b(?:financial|calendar|academic)\s+years?\b.*)$", "", text).strip() or text
    if re.fullmatch(r"\d{4}\.0", text):  # a year a spreadsheet stored as a number
        text = text[:4]
    if quarter and _BARE.match(text):
        got = _year_quarter(f"{text} {quarter}", quarters)
        if got is not None:
            return got
    got = _year_quarter(text, quarters) if not quarter else None
    if got is not None:
        return got
    if quarter:
        span = parse_span(f"{text} {quarter}")
        return span.end, period_label(span.end), ""
    months = _month_range(text)
    if months is not None:
        return _months_period(text, *months, pooled)
    m = _POOLED_FY.match(text)
    if m:
        start = int(m[1])
        first_end = (start // 100) * 100 + int(m[2])
        last_start = int(m[3]) if len(m[3]) == 4 else (start // 100) * 100 + int(m[3])
        last_end = (last_start // 100) * 100 + int(m[4])
        if first_end == start + 1 and last_end == last_start + 1 and last_start > start:
            last = pd.Period(year=last_end, quarter=4, freq=FREQ)
            first = pd.Period(year=start + 1, quarter=4, freq=FREQ)
            return last, f"{period_label(first, 'year')} to {period_label(last, 'year')}", "financial"
        raise PeriodError(f"{text!r} is not a run of financial years")
    m = _RANGE.match(text) or _COMPACT.match(text)
    if m:
        start = int(m[1])
        end = int(m[2]) if len(m[2]) == 4 else (start // 100) * 100 + int(m[2])
        if end < start:
            end += 100
        if end == start + 1 and years and years[0] == "academic":  # September to August, as the DfE publishes them
            return pd.Period(f"{end}-08", "M").asfreq(FREQ), f"{start}/{end % 100:02d} academic year", ""
        if end == start + 1:  # 2010-11 and 201011 are a financial year here, never November 2010
            last = pd.Period(year=end, quarter=4, freq=FREQ)
            return last, period_label(last, "year"), ""
        if 2 <= end - start <= 10:
            reading = pooled or ("calendar" if end - start == 2 else "financial")
            period, label = _pooled(start, end, reading)
            return period, label, reading
        raise PeriodError(f"{text!r} is not a financial year or a run of years")
    m = _BARE.match(text)
    if m:
        year = int(m[1])
        if not years or years[0] == "academic":
            raise BareYear(f"{text!r} is a year written alone")
        if years[0] == "calendar":
            return pd.Period(f"{year}-12", "M").asfreq(FREQ), str(year), ""
        if years[0] == "financial":
            last = pd.Period(year=year, quarter=4, freq=FREQ)
            return last, period_label(last, "year"), ""
        day, month = years[1], years[2]
        date = pd.Timestamp(year=year, month=month, day=min(day, pd.Timestamp(year=year, month=month, day=1).days_in_month))
        return pd.Period(date, "D").asfreq(FREQ), f"{date.day} {date.strftime('%B')} {year}", ""
    m = _MID_YEAR.match(text)
    if m:  # the ONS's mid-year estimates: "Mid-2021" is the population at 30 June 2021
        date = pd.Timestamp(year=int(m[1]), month=6, day=30)
        return pd.Period(date, "D").asfreq(FREQ), f"30 June {m[1]}", ""
    m = _DATE.match(text)
    if m:  # a snapshot date: 31/03/2011, 2011-03-31 (as a spreadsheet's date cell reads)
        y, mo, d = (int(m[1]), int(m[2]), int(m[3])) if m[1] else (int(m[6]), int(m[5]), int(m[4]))
        date = pd.Timestamp(year=y, month=mo, day=d)
        return pd.Period(date, "D").asfreq(FREQ), f"{date.day} {date.strftime('%B')} {y}", ""
    m = _MONTH.match(text)
    if m and (MONTHS.get(m[1].lower()) or MONTHS.get(m[1].lower()[:3])):  # a month's figure stays that month's
        month = MONTHS.get(m[1].lower()) or MONTHS.get(m[1].lower()[:3])
        year = int(m[2]) if len(m[2]) == 4 else 2000 + int(m[2])
        date = pd.Timestamp(year=year, month=month, day=1)
        return pd.Period(date, "D").asfreq(FREQ), f"{date.strftime('%B')} {year}", ""
    span = parse_span(text)
    if span.kind == "year":
        return span.end, period_label(span.end, "year"), ""
    return span.end, period_label(span.end, span.kind if span.kind in ("quarter", "half", "year") else "quarter"), ""


def _month_range(text: str) -> tuple[int, int, int, int] | None:
    """``(first year, first month, last year, last month)`` of "April 2021 to March 2022" or "Year ending June 2022"."""
    m = _MONTHS_RANGE.match(text)
    if m:
        first, last = MONTHS.get(m[1].lower()), MONTHS.get(m[3].lower())
        if first and last:
            return int(m[2]), first, int(m[4]), last
        return None
    m = _YEAR_ENDING.match(text)
    if m and MONTHS.get(m[1].lower()):
        last, year = MONTHS[m[1].lower()], int(m[2])
        start = pd.Period(year=year, month=last, freq="M") - 11
        return start.year, start.month, year, last
    return None


def _months_period(text: str, y1: int, m1: int, y2: int, m2: int, pooled=None) -> tuple[pd.Period, str, str]:
    """A run of months as the ONS writes it: a financial year (April to March), a calendar year (January to December),
    a run of either (kept as published, like ``2016-18``), a quarter of a financial year, or twelve months to a month."""
    count = (y2 * 12 + m2) - (y1 * 12 + m1) + 1
    end = pd.Period(year=y2, month=m2, freq="M")
    if count == 12 and m1 == 4:
        last = pd.Period(year=y2, quarter=4, freq=FREQ)
        return last, period_label(last, "year"), ""
    if count == 12 and m1 == 1:
        return end.asfreq(FREQ), str(y2), ""
    if count > 12 and count % 12 == 0 and m1 == 4:
        last = pd.Period(year=y2, quarter=4, freq=FREQ)
        first = pd.Period(year=y1 + 1, quarter=4, freq=FREQ)
        return last, f"{period_label(first, 'year')} to {period_label(last, 'year')}", ""  # the months say which: no reading to note
    if count > 12 and count % 12 == 0 and m1 == 1:
        period, label = _pooled(y1, y2, "calendar")
        return period, label, ""
    if count == 3 and m1 in (1, 4, 7, 10):
        return end.asfreq(FREQ), period_label(end.asfreq(FREQ)), ""
    if count == 12:
        return end.asfreq(FREQ), f"year to {end.strftime('%B')} {y2}", ""
    raise PeriodError(f"{text!r} is {count} months: not a year, a quarter or a run of years; write the period as 2021/22, "
                      "2021/22 Q1 or 2019-21, or compare it with no other period")


_KIND_PATTERNS = [
    (re.compile(r"^\d{4}/\d{2}$"), "financial year"),
    (re.compile(r"^\d{4}/\d{2} Q[1-4]$"), "quarter"),
    (re.compile(r"^\d{4}/\d{2} H[12]$"), "half"),
    (re.compile(r"^\d{4}$"), "calendar year"),
    (re.compile(r"^\d{1,2} [A-Z][a-z]+ \d{4}$"), "snapshot"),
    (re.compile(r"^[A-Z][a-z]+ \d{4}$"), "month"),
    (re.compile(r"^year to [A-Z][a-z]+ \d{4}$"), "year to a month"),
]


def span_kind(label) -> str:
    """What a ``period_span`` label covers, for comparing like with like: ``financial year``, ``quarter``,
    ``half``, ``calendar year``, ``snapshot``, or ``pooled N`` (a pooled span, N its published years apart).

    Examples
    --------
    >>> [span_kind(s) for s in ("2023/24", "2023/24 Q2", "2016-18", "2016/17 to 2018/19", "2011", "31 March 2011")]
    ['financial year', 'quarter', 'pooled 2', 'pooled 3', 'calendar year', 'snapshot']
    """
    text = str(label)
    for pattern, kind in _KIND_PATTERNS:
        if pattern.match(text):
            return kind
    m = re.match(r"^(\d{4})-(\d{2})$", text)
    if m:
        start = int(m[1])
        end = (start // 100) * 100 + int(m[2])
        return f"pooled {end - start + (100 if end < start else 0)}"
    m = re.match(r"^(\d{4})/\d{2} to (\d{4})/\d{2}$", text)
    if m:
        return f"pooled {int(m[2]) - int(m[1]) + 1}"
    return "other"


def is_pooled(label) -> bool:
    """Whether a ``period_span`` label is a pooled span of several years (``2016-18``, ``2016/17 to 2018/19``)."""
    return span_kind(label).startswith("pooled")


def _read_periods(name, rows, texts: pd.Series, quarters, settings, problems: list, bad: list):
    """Each distinct period text read once; one problem per kind of fault, with its count and first rows."""
    years, pooled, quarter_reading = settings.get("years"), settings.get("pooled"), settings.get("quarters")
    keys = texts if quarters is None else texts + "\x00" + quarters
    codes, uniques = pd.factorize(keys, sort=False)
    marked = {u: strip_period_mark(u.partition("\x00")[0]) for u in uniques}
    marked = {u: m for u, m in marked.items() if m[1]}
    if marked:
        # "2022 (r)" is the period 2022, revised: read as its period, the mark said once.
        shown = ", ".join(sorted(marked)[:4]) + (", ..." if len(marked) > 4 else "")
        problems.append(Problem(name, "period", shown, f"{len(marked)} period{'s carry' if len(marked) > 1 else ' carries'} a revision or "
                                f"note mark ({shown}): each is read as its period, the mark (such as {next(iter(marked.values()))[1]}) left "
                                "aside; see the publisher's notes for what it means", "info"))
        uniques = pd.Index([marked[u][0] + u[len(u.partition("\x00")[0]):] if u in marked else u for u in uniques])
        codes, again = pd.factorize(uniques[codes], sort=False)
        uniques = again
    compact = [u for u in uniques if _COMPACT.match(u.partition("\x00")[0].strip())]
    monthly = any(not (1 <= (int(u[4:6]) - int(u[2:4])) % 100 <= 10) for u in (c.partition("\x00")[0].strip() for c in compact))
    got = []
    for key in uniques:
        text, _, q = key.partition("\x00")
        try:
            if monthly and _COMPACT.match(text.strip()):
                raise PeriodError(f"{text!r} may be a month (YYYYMM) or years run together; the file writes both")
            got.append(published_period(text, q or None, years, pooled, quarter_reading))
        except Exception as exc:  # PeriodError with the forms it reads
            got.append(exc)
    periods = np.array([None if isinstance(g, Exception) else g[0] for g in got] + [None], dtype=object)
    spans = np.array([None if isinstance(g, Exception) else g[1] for g in got] + [None], dtype=object)
    period_col, span_col = periods[codes], spans[codes]
    bare, unreadable, quarterly = [], [], []
    for j, g in enumerate(got):
        if isinstance(g, Exception):
            kind = bare if isinstance(g, BareYear) else quarterly if isinstance(g, YearQuarter) else unreadable
            kind.append((uniques[j].replace("\x00", " "), rows[codes == j], g))
    if quarterly:
        quarterly.sort()
        count = sum(len(r) for _, r, _ in quarterly)
        shown = ", ".join(t for t, _, _ in quarterly[:6]) + (", ..." if len(quarterly) > 6 else "")
        first = quarterly[0][0]
        bad.append(Problem(f"{name} row {quarterly[0][1][0]}", "period", first,
                           f"{count} row{'s give' if count > 1 else ' gives'} a quarter of a year with no financial year ({shown}) in "
                           f"{settings.get('_period_where') or 'the column period'}: {first!r} may be a calendar quarter (January to March, "
                           "as the ONS writes them) or the first quarter of a financial year (April to June): say which with "
                           "quarters = \"calendar\" or quarters = \"financial\" under [comparators] in perfkit.toml "
                           "(config={'quarters': ...} in Python)"))
    if quarter_reading and any(not isinstance(g, Exception) for g in got) and any(
            _YEAR_QUARTER.match(u.replace("\x00", " ").strip()) for u in uniques):
        how = ("calendar quarters (2023 Q1 is January to March 2023, 2022/23 Q4)" if quarter_reading == "calendar"
               else "quarters of the financial year starting in the year (2023 Q1 is 2023/24 Q1)")
        problems.append(Problem(name, "period", None, f"quarters written with a year are read as {how}, as the quarters setting says", "info"))
    if bare:
        bare.sort()
        count = sum(len(r) for _, r, _ in bare)
        shown = ", ".join(t for t, _, _ in bare[:6]) + (", ..." if len(bare) > 6 else "")
        where = settings.get("_period_where") or "the column 'period'"
        wide = where.startswith("the header row")
        bad.append(Problem(f"{name} row {settings['_header_row']}" if wide and settings.get("_header_row") else f"{name} row {bare[0][1][0]}",
                           "period", bare[0][0],
                           f"{count} {'figure' if wide else 'row'}{'s' if count > 1 else ''} {'are' if wide and count > 1 else ('is' if wide else ('give' if count > 1 else 'gives'))} "
                           f"{'under ' if wide else ''}a year alone ({shown}) in {where}, and a year can mean a calendar year, the financial year "
                           "ending in it or a date such as 31 March: say which with years = \"calendar\", years = \"financial\" or "
                           "years = \"31 March\" under [comparators] in perfkit.toml (config={'years': ...} in Python)"))
    if unreadable:
        count = sum(len(r) for _, r, _ in unreadable)
        shown = "; ".join(f"{t!r} (row{'s' if len(r) > 1 else ''} {', '.join(map(str, r[:3]))}{'...' if len(r) > 3 else ''}: {str(e).splitlines()[0]})"
                          for t, r, e in unreadable[:5])
        bad.append(Problem(f"{name} row {unreadable[0][1][0]}", "period", unreadable[0][0],
                           f"{count} row{'s have' if count > 1 else ' has'} a period perfkit cannot read: {shown}"
                           f"{f' and {len(unreadable) - 5} more' if len(unreadable) > 5 else ''}. Write periods as 2023/24, "
                           "2023/24 Q2, 2016-18 (pooled years), a year with a years setting, or a date"))
    readings: dict[str, set] = {}
    for g in got:
        if not isinstance(g, Exception) and g[2]:
            readings.setdefault(g[2], set()).add(g[1])
    for reading, labels in readings.items():
        labels = sorted(labels)
        shown = ", ".join(labels[:4]) + ("..." if len(labels) > 4 else "")
        if reading == "calendar":
            how = "read as runs of calendar years (2016-18 is 2016, 2017 and 2018), as Fingertips and the ONS write them"
            other = "financial"
        else:
            how = "read as runs of financial years (2020-23 is 2020/21 to 2022/23), as the LGBF writes them"
            other = "calendar"
        said = "as pooled says" if pooled else f"if they are {other} years, say pooled = \"{other}\" under [comparators]"
        problems.append(Problem(name, "period", shown, f"{len(labels)} pooled period{'s' if len(labels) > 1 else ''} ({shown}) kept as "
                                f"published and never compared with single years; {how} ({said})", "info"))
    if years and years[0] == "academic":
        problems.append(Problem(name, "period", None, f"years written as pairs (2021/22, 202122) are academic years, "
                                f"{settings.get('_years_said') or 'as the years setting says'}", "info"))
    elif years and any(_BARE.match(u.partition("\x00")[0].strip()) for u in uniques):
        meaning = {"calendar": "calendar years", "financial": "the financial year ending in each"}.get(
            years[0], f"snapshots at {years[1]} {pd.Timestamp(2000, years[2], 1).strftime('%B')}" if years[0] == "snapshot" else "")
        problems.append(Problem(name, "period", None, f"years written alone are read as {meaning}, "
                                f"{settings.get('_years_said') or 'as the years setting says'}", "info"))
    return period_col, span_col


# ---------------------------------------------------------------------------------------------- values


def _read_values(name, rows, texts: pd.Series, header: str, problems: list, bad: list) -> np.ndarray:
    """Numbers as published; suppression marks are missing (never zero), said once with their count."""
    codes, uniques = pd.factorize(texts, sort=False)
    parsed = np.full(len(uniques), np.nan)
    kind = np.zeros(len(uniques), dtype=np.int8)  # 0 number, 1 placeholder, 2 blank, 3 text
    marked = 0
    for j, v in enumerate(uniques):
        p = parse_number(unmarked(v))
        marked += p.value is not None and unmarked(v) is not v
        if p.value is not None:
            parsed[j] = p.value
        elif _is_mark(p, v):
            kind[j] = 1
        elif p.missing == "blank":
            kind[j] = 2
        elif _SCIENTIFIC.match(str(v).strip()):
            parsed[j] = float(v)
        else:
            kind[j] = 3
    values = parsed[codes] if len(codes) else np.array([], dtype=float)
    row_kind = kind[codes] if len(codes) else np.array([], dtype=np.int8)
    if (row_kind == 3).any():
        where = np.flatnonzero(row_kind == 3)
        examples = "; ".join(f"{texts.iloc[i]!r} (row {rows[i]})" for i in where[:5])
        bad.append(Problem(f"{name} row {rows[where[0]]}", "value", texts.iloc[where[0]],
                           f"{len(where)} value{'s are' if len(where) > 1 else ' is'} not a number in the column '{header}': {examples}"
                           f"{'...' if len(where) > 5 else ''}. Correct them, or blank them if there is no figure"))
    if marked:
        shown = next(str(u) for u in uniques if isinstance(u, str) and unmarked(u) is not u)
        problems.append(Problem(name, "value", shown, f"{marked} figure{'s carry' if marked > 1 else ' carries'} a revision or note mark "
                                f"(such as {shown!r}): read as the figure", "info"))
    marks = sorted({str(uniques[j]).strip() for j in np.flatnonzero(kind == 1)})
    suppressed = int((row_kind == 1).sum())
    if suppressed:
        problems.append(Problem(name, "value", ", ".join(marks[:6]), f"{suppressed} value{'s are' if suppressed > 1 else ' is a'} "
                                f"placeholder{'s' if suppressed > 1 else ''} ({', '.join(repr(m) for m in marks[:6])}: suppressed or not "
                                "available): read as missing, never as zero", "info"))
    return values


# ---------------------------------------------------------------------------------------------- what names a measure


def _distinct(frame: pd.DataFrame) -> int:
    return int((~frame.duplicated()).sum()) if len(frame) else 0


def _splits(keys: pd.DataFrame, column: pd.Series) -> bool:
    """Whether ``column`` takes more than one value for some combination of ``keys``."""
    return _distinct(keys.assign(**{"\x00c": column.to_numpy()})) > _distinct(keys)


def _identity(text, mapping, cands, forced, key0: pd.DataFrame, settings, name, problems: list):
    """``(measure_id, measure, breakdown or None)`` from the columns that describe each figure.

    The measure is named by the candidate column that tells the figures apart (an ``indicator`` beside a
    ``measure`` that says only "Percentage"); any other describing column that still splits figures joins
    the measure's name; a breakdown column (sex, age, deprivation) that splits a measure into parts is kept
    as ``breakdown``, and a column holding only sexes is a breakdown whatever its header.
    """
    n = len(key0)
    names = list(cands["measure"])
    units = list(cands["unit"])
    parts = list(cands["breakdown"])
    for h in list(names) + list(units):
        if "measure" in forced and h in cands["measure"]:
            continue
        values = set(text(h).str.lower().unique())
        if values <= SEX_WORDS and values & (SEX_WORDS - {"persons", "all persons", "people", "all", ""}):
            (names if h in names else units).remove(h)
            parts.append(h)
    id_col = mapping.get("measure_id")
    if not names and id_col is None:
        const_id = settings.get("measure_id") or settings.get("measure")
        const_name = settings.get("measure") or settings.get("measure_id")
        mid = pd.Series([const_id] * n, dtype=object)
        label = pd.Series([const_name] * n, dtype=object)
        identity: list[str] = []
    else:
        if len(names) > 1 and "measure" not in forced:
            dups = {h: n - _distinct(key0.assign(**{"\x00c": text(h).to_numpy()})) for h in names}
            order = {h: i for i, h in enumerate(names)}
            names.sort(key=lambda h: (dups[h], order[h]))
        primary = names[0] if names else None
        identity = [id_col] if id_col is not None else [primary]
        if id_col is not None and primary is not None and _splits(key0.assign(**{"\x00i": text(id_col).to_numpy()}), text(primary)):
            identity.append(primary)
            problems.append(Problem(name, "measure", primary, f"the column '{id_col}' gives one code to figures that '{primary}' "
                                    "tells apart: each name is its own measure", "warning"))
        extras = []
        for h in [x for x in names if x != primary] + units:
            keys = key0.assign(**{f"\x00{i}": text(c).to_numpy() for i, c in enumerate(identity + extras)})
            if _splits(keys, text(h)):
                extras.append(h)
        descriptive = [x for x in names if x != primary] + units
        label = text(primary) if primary is not None else text(id_col)
        mid = text(identity[0])
        if len(identity) > 1:
            mid = mid + ": " + text(identity[1])
        if extras:
            extra = text(extras[0]) if len(extras) == 1 else pd.Series([", ".join(v) for v in zip(*(text(e) for e in extras))])
            label = label + " (" + extra + ")"
            mid = mid + " (" + extra + ")"
            problems.append(Problem(name, "measure", ", ".join(extras), f"'{', '.join(extras)}' tells apart figures that "
                                    f"'{primary or id_col}' alone does not: each is its own measure, named like '{label.iloc[0]}'", "info"))
        identity += extras
        quiet = [x for x in descriptive if x not in extras]
        if primary is not None and quiet and "measure" not in forced:
            problems.append(Problem(name, "measure", primary, f"the measure is named by the column '{primary}' ({label.nunique()} "
                                    f"measure{'s' if label.nunique() != 1 else ''}); {', '.join(repr(q) for q in quiet)} "
                                    f"describe{'s' if len(quiet) == 1 else ''} it without telling figures apart", "info"))
    keys = key0.assign(**{f"\x00{i}": text(c).to_numpy() for i, c in enumerate(identity)}) if identity else key0.assign(**{"\x00m": mid.to_numpy()})
    split_by = []
    for h in parts:
        if ("breakdown" in forced) or _splits(keys.assign(**{f"\x00b{i}": text(c).to_numpy() for i, c in enumerate(split_by)}), text(h)):
            split_by.append(h)
    breakdown = None
    if split_by:
        cols = [text(h) for h in split_by]
        breakdown = cols[0] if len(cols) == 1 else pd.Series([", ".join(p for p in v if p) for v in zip(*cols)], dtype=object)
        described = []
        for h, c in zip(split_by, cols):
            parts_of = sorted(v for v in c.unique() if v)
            described.append(f"{h!r} ({', '.join(parts_of[:5])}{'...' if len(parts_of) > 5 else ''})")
        problems.append(Problem(name, "breakdown", ", ".join(split_by), f"{' and '.join(described)} split"
                                f"{'s' if len(split_by) == 1 else ''} measures into parts: kept as the breakdown column, each part "
                                "compared only with the same part, never folded together", "info"))
    return mid.to_numpy(dtype=object), label.to_numpy(dtype=object), (breakdown.to_numpy(dtype=object) if breakdown is not None else None)


# ---------------------------------------------------------------------------------------------- which areas are councils

COUNCIL_TYPES = ("county", "district", "unitary", "council")
AREA_TYPES = COUNCIL_TYPES + ("country", "region", "combined authority", "total", "other area", "superseded council", "unknown")

_GSS = re.compile(r"^[EWSNK]\d{8}$")
# The countries' own codes, named where a file gives codes alone (Public Health Scotland's open data).
_COUNTRY_CODES = {"E92000001": "England", "W92000004": "Wales", "S92000003": "Scotland", "N92000002": "Northern Ireland",
                  "K02000001": "United Kingdom", "K03000001": "Great Britain", "K04000001": "England and Wales"}
_ITL = re.compile(r"^(?:TL|UK)[A-NZ]?\d{0,2}$")
CODE_TYPES = {"E06": "unitary", "E07": "district", "E08": "unitary", "E09": "unitary", "E10": "county", "W06": "unitary",
              "S12": "unitary", "N09": "unitary", "E92": "country", "W92": "country", "S92": "country", "N92": "country",
              "K02": "country", "K03": "country", "K04": "country", "E12": "region", "E15": "region", "E47": "combined authority"}
COUNTRY_NAMES = {"england", "wales", "scotland", "northern ireland", "united kingdom", "uk", "great britain", "gb",
                 "england and wales", "england & wales", "cymru", "great britain and northern ireland"}
REGION_NAMES = {"north east", "north west", "yorkshire and the humber", "yorkshire and humber", "yorkshire & the humber",
                "east midlands", "west midlands", "east of england", "east", "london", "south east", "south west",
                "inner london", "outer london", "inner and outer london", "greater london"}
COMBINED_NAMES = {"greater manchester", "west yorkshire", "south yorkshire", "liverpool city region", "tees valley",
                  "west of england", "north of tyne", "cambridgeshire and peterborough", "sheffield city region",
                  "liverpool city", "sheffield city", "york and north yorkshire", "north east mayoral",
                  "greater london authority"}
# England's county councils (April 2023 onwards), and two abolished whose names no unitary council took: a council
# known only by its name is placed in the upper tier by this list (counties beside their districts in LG Inform exports).
COUNTY_NAMES = {"cambridgeshire", "derbyshire", "devon", "east sussex", "essex", "gloucestershire", "hampshire", "hertfordshire",
                "kent", "lancashire", "leicestershire", "lincolnshire", "norfolk", "nottinghamshire", "oxfordshire", "staffordshire",
                "suffolk", "surrey", "warwickshire", "west sussex", "worcestershire", "cumbria", "northamptonshire"}
# England's non-metropolitan district councils since 2009 (the ONS's E07 names, those since merged or made unitary
# included): a council known only by its name is a district by this list, so that a names-only file holding districts
# beside counties is compared tier by tier, and one holding counties beside unitary councils only is not.
DISTRICT_NAMES = frozenset({
    "adur", "allerdale", "amber valley", "arun", "ashfield", "ashford", "aylesbury vale", "babergh", "barrow-in-furness",
    "basildon", "basingstoke and deane", "bassetlaw", "blaby", "bolsover", "boston", "braintree", "breckland", "brentwood",
    "broadland", "bromsgrove", "broxbourne", "broxtowe", "burnley", "cambridge", "cannock chase", "canterbury", "carlisle",
    "castle point", "charnwood", "chelmsford", "cheltenham", "cherwell", "chesterfield", "chichester", "chiltern",
    "chorley", "christchurch", "colchester", "copeland", "corby", "cotswold", "craven", "crawley", "dacorum", "dartford",
    "daventry", "derbyshire dales", "dover", "east cambridgeshire", "east devon", "east dorset", "east hampshire",
    "east hertfordshire", "east lindsey", "east northamptonshire", "east staffordshire", "east suffolk", "eastbourne",
    "eastleigh", "eden", "elmbridge", "epping forest", "epsom and ewell", "erewash", "exeter", "fareham", "fenland",
    "folkestone and hythe", "forest heath", "forest of dean", "fylde", "gedling", "gloucester", "gosport", "gravesham",
    "great yarmouth", "guildford", "hambleton", "harborough", "harlow", "harrogate", "hart", "hastings", "havant",
    "hertsmere", "high peak", "hinckley and bosworth", "horsham", "huntingdonshire", "hyndburn", "ipswich", "kettering",
    "king's lynn and west norfolk", "lancaster", "lewes", "lichfield", "lincoln", "maidstone", "maldon", "malvern hills",
    "mansfield", "melton", "mendip", "mid devon", "mid suffolk", "mid sussex", "mole valley", "new forest",
    "newark and sherwood", "newcastle-under-lyme", "north devon", "north dorset", "north east derbyshire",
    "north hertfordshire", "north kesteven", "north norfolk", "north warwickshire", "north west leicestershire",
    "northampton", "norwich", "nuneaton and bedworth", "oadby and wigston", "oxford", "pendle", "preston", "purbeck",
    "redditch", "reigate and banstead", "ribble valley", "richmondshire", "rochford", "rossendale", "rother", "rugby",
    "runnymede", "rushcliffe", "rushmoor", "ryedale", "scarborough", "sedgemoor", "selby", "sevenoaks", "shepway",
    "somerset west and taunton", "south bucks", "south cambridgeshire", "south derbyshire", "south hams", "south holland",
    "south kesteven", "south lakeland", "south norfolk", "south northamptonshire", "south oxfordshire", "south ribble",
    "south somerset", "south staffordshire", "spelthorne", "st albans", "st edmundsbury", "stafford",
    "staffordshire moorlands", "stevenage", "stratford-on-avon", "stroud", "suffolk coastal", "surrey heath", "swale",
    "tamworth", "tandridge", "taunton deane", "teignbridge", "tendring", "test valley", "tewkesbury", "thanet",
    "three rivers", "tonbridge and malling", "torridge", "tunbridge wells", "uttlesford", "vale of white horse", "warwick",
    "watford", "waveney", "waverley", "wealden", "wellingborough", "welwyn hatfield", "west devon", "west dorset",
    "west lancashire", "west lindsey", "west oxfordshire", "west somerset", "west suffolk", "weymouth and portland",
    "winchester", "woking", "worcester", "worthing", "wychavon", "wycombe", "wyre", "wyre forest"
})
_COUNTY_SUFFIX = re.compile(r"\s*(county council|cc)$")
_DISTRICT_WORDS = re.compile(r"^(?:city of )|\s*(?:district council|borough council|city council|council|district|borough|dc|bc)$")


def _district_name(name_text: str) -> bool:
    """Whether a council's name, without "District Council" and the like, is one of :data:`DISTRICT_NAMES`."""
    text = name_text.replace("&", "and").replace("\u2019", "'")
    return _DISTRICT_WORDS.sub("", _DISTRICT_WORDS.sub("", text)).strip() in DISTRICT_NAMES
_TOTAL = re.compile(r"\b(total|totals|average|mean|median|nearest neighbours?|statistical neighbours?|cipfa|comparator group|"
                    r"benchmark group|all authorities|all councils|all local authorities)\b|^all\b|"
                    r"^(all |english )*(shire|unitary|metropolitan|london|county|district|single tier|upper tier|lower tier)\b.*"
                    r"(districts|counties|authorities|boroughs|councils)$")
# Groups of councils published beside them by name: networks and special interest groups, London as a whole, "Mean for ...".
_COUNCIL_GROUPS = re.compile(r"^(?:core|key) cities\b|\bsigoma\b|special interest group of (?:municipal|metropolitan) authorities|"
                             r"\b(?:county|district) councils'? network\b|\bcounty all\b|"
                             r"^english regions$|^(?:all )?regions$|^(?:mean|average|median) (?:for|of)\b|\brural services network\b|"
                             r"^london councils$|\bcouncils network\b")
_COMBINED = re.compile(r"combined (county )?authority|city region|\bmayoral\b")
# Names that say a row is a statistic of councils, or a group of them, not a council: recognised by their words, so that
# a names-only file (LGBF, LAIT, CIPFA, scorecards) never counts "Upper quartile" or "England (excl. London)" among councils.
_STATISTIC = re.compile(r"\b(?:quartiles?|quintiles?|deciles?|percentiles?|centiles?|terciles?|highest|lowest|maximum|minimum|max|min|"
                        r"best|worst|top|bottom|sum|standard deviation|std dev|avg|range)\b")
_EXCLUDING = re.compile(r"\b(?:excl|excluding|exc|except|minus|less|without|ex|rest of|outside|other than)\b")
_GROUP_WORDS = re.compile(r"\b(?:groups?|family|families|clusters?|class|classes|classification|types?|categor(?:y|ies)|bands?|banding|"
                          r"peers?|comparators?|neighbou?rs?|benchmark(?:ing)?|similar (?:councils|authorities|areas))\b")
# A name made only of words for kinds of council ("Counties", "Upper tier", "English shire areas", "Councils in England").
_TIER_VOCABULARY = {"all", "english", "england", "welsh", "scottish", "in", "of", "the", "and", "shire", "non", "non-metropolitan",
                    "metropolitan", "met", "london", "inner", "outer", "county", "counties", "district", "districts", "unitary",
                    "unitaries", "authority", "authorities", "council", "councils", "local", "borough", "boroughs", "single", "upper",
                    "lower", "two", "second", "first", "tier", "tiers", "area", "areas", "city", "cities", "la", "las", "las'",
                    "mets", "government", "rural", "urban", "predominantly", "mainly", "largely"}
_TIER_PLURALS = {"counties", "districts", "unitaries", "authorities", "councils", "boroughs", "tier", "tiers", "areas", "cities", "las",
                 "mets", "rural", "urban"}
# England's regions (and Wales's and Scotland's groupings of councils) as publishers write them: with or without "the",
# "&" for "and", "England" before or after. Wales's: StatsWales's regions, the Senedd's, ITL's; Scotland's: the Scottish
# Parliament's regions, ITL's and the old regions. Never a council's own name ("Glasgow", "Fife", "Highland" are councils).
_REGION_CORES = {"north east", "north west", "yorkshire and humber", "yorkshire and humberside", "yorkshire", "east midlands",
                 "west midlands", "east", "eastern", "london", "south east", "south west", "inner london", "outer london",
                 "inner and outer london", "greater london", "north wales", "south wales", "mid wales", "west wales",
                 "south east wales", "south west wales", "mid and west wales", "mid and south west wales", "south west and mid wales",
                 "north and mid wales", "south wales west", "south wales central", "south wales east", "east wales",
                 "west wales and valleys", "central south wales", "south central wales",
                 "highlands and islands", "north east scotland", "north eastern scotland", "mid scotland and fife", "west scotland",
                 "central scotland", "south scotland", "southern scotland", "south of scotland", "eastern scotland", "east scotland",
                 "west central scotland", "north scotland", "south west scotland", "lothian", "lothians", "strathclyde", "grampian",
                 "tayside", "lothian and borders"}
_COUNTRY_FIGURE = re.compile(r"^(england|wales|scotland|northern ireland|united kingdom|uk|great britain|gb|england and wales) "
                             r"(?:average|total|value|rate|overall|figure|all|as a whole|national average|national figure|national rate)$")
_COUNTRY_LETTERS = {"england": "E", "wales": "W", "scotland": "S", "northern ireland": "N"}


def _plain_words(name_text: str) -> str:
    """A name's words for matching kinds of area: ``&`` as "and", "the" and punctuation dropped."""
    text = re.sub(r"[&+]", " and ", name_text)
    text = re.sub(r"[^\w' -]", " ", text).replace("-", " ")
    return " ".join(w for w in text.split() if w != "the")


def _region_core(name_text: str) -> bool:
    """Whether a name is one of England's (or Wales's) regions as publishers write them: "Yorkshire & Humber",
    "South East England", "East of England", "England - North West", "North West region"."""
    words = _plain_words(name_text)
    for before, after in (("", ""), ("england ", ""), ("", " england"), ("", " of england"), ("", " region"), ("region ", ""),
                          ("", " gor"), ("gor ", ""), ("", " england region"), ("", " of england region")):
        if words.startswith(before) and words.endswith(after):
            core = words[len(before):len(words) - len(after)].strip()
            if core in _REGION_CORES:
                return True
    return False


def country_letter(name) -> str:
    """The ONS code letter of a country named in words (``E`` for "England" and "England average"), else ``K``."""
    text = norm_text(name)
    m = _COUNTRY_FIGURE.match(_plain_words(text))
    return _COUNTRY_LETTERS.get(m[1] if m else text, "K")


def name_kind(name) -> str | None:
    """What a name alone says a row is where it says it is not a council: ``country`` (England, and "England
    average" as LAIT writes England's own figure), ``region`` ("Yorkshire & Humber", "South East England"), ``total``
    (a statistic of councils or a group of them: "Upper quartile", "Lowest", "England (excl. London)", "Family group 1",
    "Counties", "Upper tier", "CIPFA nearest neighbours average"), or None (nothing in the name says so).

    Examples
    --------
    >>> [name_kind(n) for n in ("England average", "Yorkshire & Humber", "Upper quartile", "England (excl. London)",
    ...                         "Family group 1", "English shire areas", "City of London", "North East Lincolnshire")]
    ['country', 'region', 'total', 'total', 'total', 'total', None, None]
    """
    text = norm_text(name)
    if not text:
        return None
    if text in COUNTRY_NAMES or _COUNTRY_FIGURE.match(_plain_words(text)):
        return "country"
    if _EXCLUDING.search(text):  # "England (excl. London)", "England excluding London", "Rest of the North West"
        return "total"
    if text in REGION_NAMES or text.endswith(" region") or text.endswith("(region)") or _region_core(text):
        return "region"
    if text in COMBINED_NAMES or _COMBINED.search(text):
        return "combined authority"
    if _TOTAL.search(text) or _COUNCIL_GROUPS.search(text) or _STATISTIC.search(text) or _GROUP_WORDS.search(text):
        return "total"
    words = _plain_words(text).split()
    if words and set(words) <= _TIER_VOCABULARY and set(words) & _TIER_PLURALS:
        return "total"
    return None
_COUNCIL_WORD = re.compile(r"\bcouncil\b|\bcomhairle\b")
_OTHER = re.compile(r"\bpolice\b|health board|integrated care|\bicb\b|\bccg\b|\bnhs\b|\bitl\b|\bnuts\b|fire and rescue|national park")

# Councils abolished or given new codes, and the codes that replaced them (ONS Code History Database).
# A council is left out of a comparison where its successor has a figure for the same measure and period.
SUCCESSORS = {
    "E06000048": ("E06000057",), "E08000020": ("E08000037",),  # Northumberland, Gateshead: new codes, 2013
    "E07000097": ("E07000242",), "E07000100": ("E07000240",), "E07000101": ("E07000243",), "E07000104": ("E07000241",),
    "E06000028": ("E06000058",), "E06000029": ("E06000058",), "E07000048": ("E06000058",),  # Bournemouth, Christchurch and Poole, 2019
    **{c: ("E06000059",) for c in ("E07000049", "E07000050", "E07000051", "E07000052", "E07000053", "E10000009")},  # Dorset, 2019
    "E07000201": ("E07000245",), "E07000204": ("E07000245",), "E07000205": ("E07000244",), "E07000206": ("E07000244",),
    "E07000190": ("E07000246",), "E07000191": ("E07000246",),
    **{c: ("E06000060",) for c in ("E07000004", "E07000005", "E07000006", "E07000007", "E10000002")},  # Buckinghamshire, 2020
    **{c: ("E06000061",) for c in ("E07000150", "E07000152", "E07000153", "E07000156")},  # North Northamptonshire, 2021
    **{c: ("E06000062",) for c in ("E07000151", "E07000154", "E07000155")},  # West Northamptonshire, 2021
    "E10000021": ("E06000061", "E06000062"),
    **{c: ("E06000063",) for c in ("E07000026", "E07000028", "E07000029")},  # Cumberland, 2023
    **{c: ("E06000064",) for c in ("E07000027", "E07000030", "E07000031")},  # Westmorland and Furness, 2023
    "E10000006": ("E06000063", "E06000064"),
    **{c: ("E06000065",) for c in ("E07000163", "E07000164", "E07000165", "E07000166", "E07000167", "E07000168", "E07000169",
                                   "E10000023")},  # North Yorkshire, 2023
    **{c: ("E06000066",) for c in ("E07000187", "E07000188", "E07000189", "E07000246", "E10000027")},  # Somerset, 2023
    "S12000015": ("S12000047",), "S12000024": ("S12000048",), "S12000046": ("S12000049",), "S12000044": ("S12000050",),
}


def _group_type(text: str) -> str | None:
    g = norm_text(text)
    if not g or g in ("na", "n/a"):
        return None
    if g in COUNTRY_NAMES or "country" in g or "nation" in g:
        return "country"
    if "combined" in g:
        return "combined authority"
    if "region" in g:
        return "region"
    if _OTHER.search(g) or "inner or outer london" in g or "inner and outer london" in g or "metropolitan count" in g:
        return "other area"
    if "local government district" in g or ("metropolitan district" in g and "non-metropolitan" not in g and "non metropolitan" not in g):
        return "unitary"
    if "&" in g or " and " in g or "upper tier" in g:
        return "council"
    if "district" in g or "lower tier" in g:
        return "district"
    if "count" in g:
        return "county"
    if "unitary" in g or "borough" in g or "council area" in g or "single tier" in g:
        return "unitary"
    return None


def area_type(code, name, group="", coded: bool = False, overrides: dict | None = None) -> str:
    """What kind of area a row is: a council (``county``, ``district``, ``unitary``, ``council``) or not.

    By the setting ``areas`` first (code or name), then the ONS code (``E06`` unitary, ``E07`` district,
    ``E10`` county, ``E92`` England, ``E12`` a region, ``E47`` a combined authority; any other ONS or ITL
    code is an ``other area``), then the name (England, a region, a combined authority, "Total",
    "CIPFA nearest neighbours average"; an English county council by its name, :data:`COUNTY_NAMES`, and a
    district by its, :data:`DISTRICT_NAMES`), then
    the ``group`` column (``Non-metropolitan District``, ``Counties``). By name, statistics and groups of councils are
    ``total`` ("Upper quartile", "Lowest", "England (excl. London)", "Family group 1", "Counties"): see :func:`name_kind`.
    In a file of ONS codes (``coded``), an area whose code is not one is ``unknown``; otherwise an area nothing marks
    out is a ``council``.

    Examples
    --------
    >>> [area_type(c, n) for c, n in [("E07000123", "Preston"), ("E92000001", "England"), ("", "Greater Manchester"),
    ...                              ("", "CIPFA nearest neighbours average"), ("", "Angus")]]
    ['district', 'country', 'combined authority', 'total', 'council']
    """
    overrides = overrides or {}
    code_text, name_text = str(code).strip(), norm_text(name)
    for key in (norm_text(code_text), name_text):
        if key and key in overrides:
            return overrides[key]
    upper = code_text.upper()
    if _GSS.match(upper):
        found = CODE_TYPES.get(upper[:3])
        if found is None and name_text in COUNTRY_NAMES:  # ScotPHO's S00000001 "Scotland": a country by its name
            return "country"
        return found or "other area"
    if _ITL.match(upper) and len(upper) >= 3:
        return "other area"
    by_name = name_kind(name_text)
    if by_name is not None:
        return by_name
    if _OTHER.search(name_text):
        return "other area"
    from_group = _group_type(group)
    if _COUNTY_SUFFIX.sub("", name_text) in COUNTY_NAMES and from_group in (None, "county", "council"):
        return "county"
    if from_group in ("country", "region") and (norm_text(group) in COUNTRY_NAMES or _COUNCIL_WORD.search(name_text)):
        # A type column saying "Northern Ireland" names the country the council is in, not what the area is: a country or
        # region is known by its own name or code, and an area named a council ("Belfast City Council") is one.
        from_group = None
    if from_group is not None and from_group not in COUNCIL_TYPES:
        return from_group
    if not coded and from_group in (None, "council") and _district_name(name_text):
        return "district"
    if coded:
        return "unknown"
    return from_group or "council"


def classify_areas(codes, names, groups=None, settings=None, name="comparators", problems: list | None = None) -> np.ndarray:
    """``area_type`` (see :func:`area_type`) for every row, each distinct area judged once; areas perfkit cannot place
    are said once in ``problems``. ``settings`` may hold ``areas`` (``{code or name: type}``)."""
    settings = settings or {}
    problems = problems if problems is not None else []
    codes, names = np.asarray(codes, dtype=object), np.asarray(names, dtype=object)
    overrides = {norm_text(k): str(v).lower() for k, v in dict(settings.get("areas") or {}).items()}
    distinct_codes = {str(c).strip().upper() for c in codes if str(c).strip()}
    looks = sum(bool(_GSS.match(c) or (_ITL.match(c) and len(c) >= 3)) for c in distinct_codes)
    coded = bool(distinct_codes) and looks >= 0.5 * len(distinct_codes)
    group_vals = groups if groups is not None else np.full(len(codes), "", dtype=object)
    triples = pd.DataFrame({"c": codes, "n": names, "g": group_vals})
    codes_f, uniques = pd.factorize(pd.MultiIndex.from_frame(triples), sort=False)
    kinds = np.array([area_type(c, n, g, coded, overrides) for c, n, g in uniques], dtype=object)
    out = kinds[codes_f] if len(codes_f) else np.array([], dtype=object)
    unknown = sorted({n for (c, n, g), k in zip(uniques, kinds) if k == "unknown"})
    if unknown:
        problems.append(Problem(name, "area_code", ", ".join(unknown[:5]), f"{len(unknown)} area{'s' if len(unknown) > 1 else ''} "
                                f"({', '.join(unknown[:5])}{'...' if len(unknown) > 5 else ''}) have no ONS code, in a file where areas "
                                "have one: perfkit cannot tell whether they "
                                "are councils and leaves them out of every comparison; if one is a council, say so under "
                                f"[comparators.areas] in perfkit.toml, such as \"{unknown[0]}\" = \"council\" (or \"combined authority\", "
                                "\"region\", \"total\")", "warning"))
    if not coded:
        _said_by_name(uniques, kinds, overrides, name, problems)
    return out


_KIND_WORDS = {"country": "countries", "region": "regions", "combined authority": "combined authorities",
               "total": "statistics or groups of councils"}


def _said_by_name(uniques, kinds, overrides: dict, name, problems: list) -> None:
    """In a file without ONS codes, the names taken for something other than a council by their words, said once by kind,
    with the setting that says otherwise: a names-only file's rows are councils only where nothing says they are not."""
    found: dict[str, list[str]] = {}
    for (c, n, g), k in zip(uniques, kinds):
        if k in _KIND_WORDS and norm_text(n) not in overrides and norm_text(c) not in overrides and name_kind(n) == k:
            found.setdefault(k, [])
            if n not in found[k]:
                found[k].append(n)
    if not found.get("total"):  # England and regions by name need no note; statistics and groups read as councils would mislead
        return
    parts = [f"{', '.join(v[:5])}{f' and {len(v) - 5} more' if len(v) > 5 else ''} ({_KIND_WORDS[k]})" for k, v in found.items()]
    count = sum(len(v) for v in found.values())
    first = found["total"][0]
    problems.append(Problem(name, "area_name", first, f"the file names its areas without ONS codes: {count} of them are not councils "
                            f"by their names ({'; '.join(parts)}), so no council is compared with them; if one is a council, say so "
                            f"under [comparators.areas] in perfkit.toml, such as \"{first}\" = \"council\"", "info"))


def _since_text(frame: pd.DataFrame, gone: np.ndarray, since_of: dict) -> str:
    """" (Cumbria from 2023 on, ...)": the first period each replaced council is left out, where the successors' figures say it."""
    if not since_of:
        return ""
    names = dict(zip(frame["area_code"].astype(str).str.upper(), frame["area_name"].astype(str)))
    parts = [f"{names.get(c, c)} from {span} on" for c, (_, span) in sorted(since_of.items(), key=lambda kv: kv[1][0])]
    return f" ({', '.join(parts[:5])}{'...' if len(parts) > 5 else ''})"


def mark_superseded(frame: pd.DataFrame, keys: list[str], name: str = "comparators", problems: list | None = None) -> None:
    """Set ``area_type`` to ``superseded council`` for councils replaced or given a new code (:data:`SUCCESSORS`), from the
    period by which the file gives their successor figures; and for the older of two codes one council has in one
    comparison (``keys``: measure, breakdown and period). Said once in ``problems``."""
    problems = problems if problems is not None else []
    codes = frame["area_code"].astype(str).str.upper().to_numpy()
    council = np.isin(frame["area_type"].to_numpy(), COUNCIL_TYPES)
    gone = np.zeros(len(frame), dtype=bool)
    # Where the file gives the successor figures for this period or an earlier one (in any measure), it is published on
    # the newer geography: the older council is left out of comparisons from then on, even where only it has a figure
    # (as the ONS leaves out old districts in indicators not yet published for the new councils). Before its successor
    # first appears (a time series across a reorganisation), the older council is compared as it was.
    # A successor's row with no figure (the DfE writes 'z', "not applicable", for a council in the years before it existed)
    # says nothing of the geography: only its figures count, so the older council is compared in every period before them.
    old = np.flatnonzero(council & np.isin(codes, list(SUCCESSORS)))
    since_of: dict[str, tuple] = {}  # code: (first period left out, as published)
    if len(old):
        periods = pd.PeriodIndex(frame["period"]).asi8  # ordinals: comparable, and no Period objects made per row
        figured = frame["value"].notna().to_numpy() if "value" in frame else np.ones(len(frame), dtype=bool)
        first_seen = pd.Series(periods[figured]).groupby(codes[figured]).min().to_dict()
        succeeded = {old_code: min((first_seen[s] for s in new if s in first_seen), default=None) for old_code, new in SUCCESSORS.items()}
        spans = frame["period_span"].astype(str).to_numpy() if "period_span" in frame else frame["period"].astype(str).to_numpy()
        for i in old:
            since = succeeded[codes[i]]
            if since is not None and since <= periods[i]:
                gone[i] = True
                if codes[i] not in since_of or periods[i] < since_of[codes[i]][0]:
                    since_of[codes[i]] = (periods[i], spans[i])
    # The same council under two ONS codes of one kind in one comparison (a boundary change): the older code gives way.
    pairs = pd.DataFrame({"c": codes, "n": frame["area_name"].astype(str).to_numpy()})[council].drop_duplicates()
    pairs = pairs[pairs["c"].str.match(_GSS.pattern)]
    pairs = pairs.assign(k=pairs["c"].str[:3], n=pairs["n"].map(norm_text))
    twice = pairs[pairs.groupby(["n", "k"])["c"].transform("nunique") > 1]
    if len(twice):
        rows = np.flatnonzero(council & ~gone & np.isin(codes, twice["c"].to_numpy()))
        sub = pd.DataFrame({"g": pd.MultiIndex.from_frame(frame.iloc[rows][keys].astype(str)).factorize()[0],
                            "n": frame["area_name"].iloc[rows].astype(str).map(norm_text).to_numpy(), "c": codes[rows],
                            "k": [c[:3] for c in codes[rows]]}, index=rows)
        newest = sub.groupby(["g", "n", "k"])["c"].transform("max")
        gone[sub.index[(sub["c"] != newest).to_numpy()]] = True
    if gone.any():
        frame.loc[gone, "area_type"] = "superseded council"
        left = frame.loc[gone, "area_name"].astype(str).unique()
        problems.append(Problem(name, "area_code", ", ".join(left[:5]), f"{len(left)} council{'s' if len(left) > 1 else ''} since "
                                f"replaced or given a new code ({', '.join(left[:5])}{'...' if len(left) > 5 else ''}) "
                                f"{'have' if len(left) > 1 else 'has'} figures for periods by which the file gives {'their' if len(left) > 1 else 'its'} "
                                f"successor's figures{_since_text(frame, gone, since_of)}: left out of those comparisons, as the ONS leaves them "
                                "out, and compared in the periods before (a successor's row with no figure, such as 'z', does not count) "
                                "(their figures are kept; say [comparators.areas] \"CODE\" = \"council\" to count one)", "warning"))


# ---------------------------------------------------------------------------------------------- the publisher's judgements

COMPARISON_WORDS = (("not compared", None), ("no significant", "Similar"), ("not significantly", "Similar"), ("similar", "Similar"),
                    ("better", "Better"), ("worse", "Worse"), ("higher", "Higher"), ("lower", "Lower"), ("same", "Similar"))


def comparison_word(text) -> str | None:
    """A publisher's comparison with England in one word: ``Better``, ``Similar``, ``Worse``, ``Higher``, ``Lower`` or None.

    Examples
    --------
    >>> [comparison_word(t) for t in ("Better 95%", "Not compared", "Statistically significantly worse", "")]
    ['Better', None, 'Worse', None]
    """
    t = norm_text(text)
    if not t:
        return None
    for word, out in COMPARISON_WORDS:
        if word in t:
            return out
    return None


def national_rows(frame: pd.DataFrame) -> np.ndarray:
    """For each row, the row index (position) of its country's figure in the same measure, breakdown and period, or -1.

    The country is England (``E92``) for English areas, Wales, Scotland or Northern Ireland for theirs,
    else the United Kingdom or Great Britain where that is the only country in the file.
    """
    n = len(frame)
    out = np.full(n, -1, dtype=np.int64)
    if "area_type" not in frame or n == 0:
        return out
    kinds = frame["area_type"].to_numpy()
    countries = np.flatnonzero(kinds == "country")
    if not len(countries):
        return out
    keys = [k for k in ("measure_id", "breakdown", "period_span") if k in frame]
    gid = pd.MultiIndex.from_arrays([frame[k].astype(str).to_numpy() for k in keys]).factorize()[0]
    codes = frame["area_code"].astype(str).str.upper()
    gss = codes.str.match(_GSS.pattern).to_numpy()
    first = codes.str[0].to_numpy()
    # Each row's country letter: E, W, S or N from its own code; K (the UK) for rows without one.
    letter = np.where(gss & (first != "K"), first, "K")
    table: dict = {}
    for i in countries:
        own = letter[i] if letter[i] != "K" else country_letter(frame["area_name"].iat[i])
        table.setdefault(gid[i], {})[own] = i
    for g, options in table.items():
        rows = np.flatnonzero(gid == g)
        fallback = options.get("K", next(iter(options.values())) if len(options) == 1 else -1)
        wanted = letter[rows]
        out[rows] = [options.get(w, options.get("E", fallback) if w == "K" else fallback) for w in wanted]
    return out


def _infer_polarity(out: pd.DataFrame, pol: pd.Series, name, problems: list) -> pd.Series:
    """Where a measure has no polarity, take it from the publisher's own signed MAD, its ranks, or its Better/Worse than England."""
    missing = set(out.loc[pol.isna(), "measure_id"])
    if not missing:
        return pol
    found: dict[str, tuple[str, str]] = {}
    if "published_ons_mad" in out:
        # The ONS computes each MAD within one comparison (a measure, a part of it, a period) and one tier (counties
        # with unitary councils, districts with unitary councils): within each, the MAD runs with the value, or
        # against it. Counties are taken apart from the rest, so that each set is one tier's.
        sub = out[out["measure_id"].isin(missing) & out["value"].notna() & out["published_ons_mad"].notna()]
        sub = sub.assign(_tier=np.where(sub["area_type"].to_numpy() == "county", "upper", "lower"))
        keys = ["measure_id", *(["breakdown"] if "breakdown" in sub else []), "period_span", "_tier"]
        votes: dict[str, set] = {}
        for key, g in sub.groupby(keys, sort=False, dropna=False):
            if len(g) >= 3 and g["value"].std() > 0 and g["published_ons_mad"].std() > 0:
                r = np.corrcoef(g["value"], g["published_ons_mad"])[0, 1]
                votes.setdefault(key[0], set()).add("higher" if r > 0.99 else ("lower" if r < -0.99 else "unclear"))
        for m, said in votes.items():
            if len(said) == 1 and "unclear" not in said:
                found[m] = (next(iter(said)), "the sign of the file's MAD column")
    if "published_rank" in out:
        # The publisher's own ranks (the LGBF's "Rank", 1 best): where they run against the values in every comparison,
        # higher is better; with them, lower is.
        sub = out[out["measure_id"].isin(missing - set(found)) & out["value"].notna() & out["published_rank"].notna()]
        keys = ["measure_id", *(["breakdown"] if "breakdown" in sub else []), "period_span"]
        votes = {}
        for key, g in sub.groupby(keys, sort=False, dropna=False):
            if len(g) >= 3 and g["value"].nunique() > 1 and g["published_rank"].nunique() > 1:
                r = g["value"].rank().corr(g["published_rank"].rank())
                votes.setdefault(key[0], set()).add("lower" if r > 0.9 else ("higher" if r < -0.9 else "unclear"))
        for m, said in votes.items():
            if len(said) == 1 and "unclear" not in said:
                found[m] = (next(iter(said)), "the file's own ranks (1 the best)")
    if "published_comparison" in out:
        nat = national_rows(out)
        has = (nat >= 0) & out["published_comparison"].isin(["Better", "Worse"]).to_numpy() & out["measure_id"].isin(missing - set(found)).to_numpy()
        if has.any():
            idx = np.flatnonzero(has)
            diff = out["value"].to_numpy()[idx] - out["value"].to_numpy()[nat[idx]]
            better = out["published_comparison"].to_numpy()[idx] == "Better"
            votes = pd.DataFrame({"m": out["measure_id"].to_numpy()[idx], "up": np.where(diff == 0, np.nan, (diff > 0) == better)}).dropna()
            for m, g in votes.groupby("m", sort=False):
                up = int(g["up"].sum())
                down = len(g) - up
                allowed = max(1, len(g) // 20)  # a publisher's slip or two does not hide which way is better
                if min(up, down) <= allowed and max(up, down) >= 3:
                    odd = f" ({min(up, down)} of its {len(g)} judgements point the other way)" if min(up, down) else ""
                    found[m] = ("higher" if up > down else "lower", f"the file's own Better and Worse than England{odd}")
    if found:
        by_source: dict[str, list[str]] = {}
        for m, (p, why) in found.items():
            by_source.setdefault(why, []).append(f"{m} ({p} is better)")
        for why, ms in by_source.items():
            problems.append(Problem(name, "polarity", None, f"the file gives no polarity for {len(ms)} measure{'s' if len(ms) > 1 else ''}: "
                                    f"taken from {why}: {', '.join(ms[:4])}{'...' if len(ms) > 4 else ''}; "
                                    "say otherwise under [comparators.polarity]", "info"))
        pol = pol.where(pol.notna(), out["measure_id"].map({m: p for m, (p, _) in found.items()}))
    return pol


# ---------------------------------------------------------------------------------------------- reading


def read_comparators(path, config=None, sheet=None) -> pd.DataFrame:
    """Read published comparison data into one long frame, one row per area, measure, breakdown and period.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.csv`` or spreadsheet as published: LG Inform, the Office for Local
        Government's explorer, the Scottish LGBF, Fingertips, the ONS's subnational
        indicators, or any table with one row per area, measure and period.
    config : dict, str, Path, Config, False or None
        The settings (``None``: the ``[comparators]`` table of the ``perfkit.toml``
        beside the file, if any). ``{"columns": {header: field}}`` names columns
        perfkit does not recognise (fields: ``area_code, area_name, measure_id,
        measure, unit, breakdown, period, quarter, value, polarity, group``, the
        publisher's ``published_*`` figures, ``lower_ci, upper_ci``, or ``ignore``);
        ``{"polarity": {measure_id: "higher" | "lower" | "range" | "none"}}`` gives
        or overrides a measure's polarity; ``{"sheet": name}`` picks a sheet (as ``sheet`` does);
        ``{"measure_id": "M1", "measure": "..."}`` names the measure of a file
        holding only one, and ``{"area_code": ..., "area_name": ...}`` the area of
        a file holding only one; ``{"years": "calendar" | "financial" | "31 March"}``
        says what a year written alone means; ``{"pooled": "calendar" |
        "financial"}`` how runs of years such as ``2016-18`` are placed;
        ``{"duplicates": "first" | "last"}`` which of a repeated figure to keep;
        ``{"areas": {code or name: type}}`` whether an area is a council;
        ``{"period": "2023/24"}`` the period of every figure in a file with no
        period column (else the one period its title gives is read, said);
        ``include_aggregates``, ``tier``, ``references`` and ``countries`` are passed on to
        :func:`perfkit.analyse.benchmarking.benchmark`.
    sheet : str or int, optional
        The workbook's sheet to read (a name, or a position from 0), ahead of the
        ``sheet`` setting. Without either, the one sheet holding a table is read
        (a Contents sheet is passed over, said); several are refused, naming them.

    Returns
    -------
    pandas.DataFrame
        Columns ``area_code, area_name, measure_id, measure, period`` (a
        ``Period[Q-MAR]``: the quarter in which the period ends), ``period_span``
        (what the figure covers, written ``2022/23``, ``2018/19 Q1``, ``2016-18``,
        ``2011`` or ``31 March 2011``), ``value`` (float; missing stays missing),
        ``breakdown`` where a column splits measures into parts, ``area_type``
        (``county``, ``district``, ``unitary`` or ``council`` for a council;
        ``country``, ``region``, ``combined authority``, ``total``, ``other area``,
        ``superseded council`` or ``unknown`` otherwise), and where the file has
        them ``polarity``, ``group``, the publisher's own ``published_median``,
        ``published_mads_from_median``, ``published_rank``, ``published_ons_mad``
        and ``published_comparison`` (``Better``, ``Similar``, ``Worse``...),
        ``lower_ci``/``upper_ci``, and ``source`` (file and row). Warnings and
        notes are in ``frame.attrs["problems"]``; the settings in
        ``frame.attrs["settings"]``.

    Raises
    ------
    ValidationError
        One line per kind of fault, with its count and first rows: periods or
        values that cannot be read, a figure given twice, columns not found.

    Examples
    --------
    >>> import pandas as pd, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "lgbf.csv")
    >>> pd.DataFrame({"code": ["C1", "C1"], "indicator": ["Cost", "Cost"], "polarity": ["lower_is_better"] * 2,
    ...               "council": ["Angus", "Fife"], "period": ["2020-23", "2022-23"], "value": ["4.5", "-"]}).to_csv(path, index=False)
    >>> f = read_comparators(path)
    >>> f[["area_name", "period_span", "value", "polarity"]].values.tolist()
    [['Angus', '2020-23', 4.5, 'lower'], ['Fife', '2022/23', nan, 'lower']]
    """
    path = Path(path)
    settings = comparator_settings(config, path)
    problems: list[Problem] = []
    explicit = dict(settings.get("columns") or {})
    grid, chosen, count = _read_table(path, sheet if sheet is not None else settings.get("sheet"), problems, explicit)
    name = path.name if count < 2 else f"{path.name}, sheet {chosen!r}"  # where a workbook has several, each problem names it
    head = _header_row(grid, explicit) if len(grid) else 0
    if head is None and not explicit:
        turned = _turned_round(grid)
        if turned is not None:
            grid, head = turned
            problems.append(Problem(f"{name} row {head + 1}", "", "", "the table has the areas across its columns and the periods "
                                    "down its rows (as LG Inform's charts export it): read turned round, one row per area "
                                    "(row numbers below count the areas, in the order of the columns)", "info"))
    if head is not None and not explicit:
        grid, head = _indicator_over_periods(grid, head - 2 if head >= 2 else head, head)
        split = _periods_over_fields(grid, head)
        if split is None:
            grid = _labels_over_fields(grid, head, name, problems)
        if split is not None:
            grid, fields = split
            problems.append(Problem(f"{name} row {head + 2}", "", "", f"each period's columns are split under it ({', '.join(map(repr, fields))}): "
                                    "read as one row per area and period with those columns (row numbers below count those rows)", "info"))
    if head is None:
        first = [str(c).strip() for c in grid.iloc[0].tolist() if str(c).strip()]
        if len(first) < 2:  # a title or a contents line, never a header
            where = f"the sheet {chosen!r}" if chosen is not None else "the file"
            sample = "; ".join(repr(c) for c in first[:2])
            raise ValidationError(name, [Problem(f"{name} row 1", "", first[0] if first else None, f"no header row naming the area, the "
                                                 f"period and the value in the first 30 rows of {where} (row 1 holds {sample or 'nothing'}): "
                                                 "if the table is on another sheet, say which with sheet = \"...\" under [comparators] in "
                                                 "perfkit.toml; else name its columns under [comparators.columns] (\"Header\" = \"field\")")])
        head = 0
    raw = grid.iloc[head + 1:]  # the index stays the row's position in the file: row number = position + 1
    raw.columns = _unique_headers(grid.iloc[head].tolist()) if len(grid) else []
    raw = raw[~np.logical_and.reduce([(raw[c].astype(str).str.strip() == "").to_numpy() for c in raw.columns])] if len(raw) and len(raw.columns) else raw
    raw = _notes_under(raw, name, problems)
    raw = raw.loc[:, [c for c in raw.columns if not (c.startswith("column ") and (raw[c].astype(str).str.strip() == "").all())]]
    mapping, cands, forced = _map_headers(list(raw.columns), explicit)
    _numbers_are_not_names(raw, cands, forced, name, problems)
    _area_columns(raw, mapping, cands, forced, explicit, name, problems)
    _unread_limits(raw, mapping, explicit, name, problems)
    if head:
        problems.append(Problem(name, "", None, f"the header is on row {head + 1}: the {head} row{'s' if head > 1 else ''} above it "
                                "(titles, notes, disclaimers) were not read as data", "info"))
    if "period" not in mapping and not any(c not in mapping.values() and _is_period(c) for c in raw.columns):
        raw = _file_period(raw, mapping, settings, grid, head, name, problems)
    elif settings.get("period") is not None:
        problems.append(Problem(name, "period", str(settings["period"]), f"period = \"{settings['period']}\" is not used: the file "
                                "gives each figure's period itself; remove the setting", "warning"))
    if "period" not in mapping:
        # A wide layout: a column per period (LG Inform's area-by-period tables). Read it long.
        wide = [c for c in raw.columns if c not in mapping.values() and _is_period(c)]
        if wide and "value" not in mapping:
            raw = _drop_notes(raw, wide, name, problems)
            ids = [c for c in raw.columns if c not in wide]
            totals = [c for c in ids if c not in mapping.values() and _all_figures(raw, c)]
            ranks = {c: m[1] for c in totals if (m := re.fullmatch(r"(?i)\s*(.+?)\s+rank(?:ing)?\s*", c)) and m[1] in wide}
            totals = [c for c in totals if c not in ranks]
            if totals:  # Stat-Xplore's "Total" column beside the months: a sum of the periods, never a period of its own
                problems.append(Problem(name, "value", ", ".join(totals), f"the column{'s' if len(totals) > 1 else ''} "
                                        f"{', '.join(repr(t) for t in totals)} beside the periods' own hold{'' if len(totals) > 1 else 's'} "
                                        "figures but no period: not read (a total or average across the periods)", "info"))
            positions = raw.index.to_numpy()
            raw = raw.assign(**{"\x00row": positions}).melt(id_vars=["\x00row", *ids], value_vars=wide, var_name="\x00period",
                                                            value_name="\x00value")
            raw = raw.sort_values("\x00row", kind="stable")
            rows_of = raw.pop("\x00row").to_numpy()
            raw = raw.reset_index(drop=True)
            mapping["period"], mapping["value"] = "\x00period", "\x00value"
            if ranks and "published_rank" not in mapping:  # "2022-23 Rank": the publisher's rank for that period's figures
                rank = pd.Series("", index=raw.index, dtype=object)
                for c, p in ranks.items():
                    at = raw["\x00period"] == p
                    rank[at] = raw.loc[at, c]
                raw["\x00rank"] = rank
                mapping["published_rank"] = "\x00rank"
                problems.append(Problem(name, "published_rank", ", ".join(ranks), f"{', '.join(repr(c) for c in ranks)}: the "
                                        "publisher's rank for that period, read to check perfkit's own against it", "info"))
            problems.append(Problem(name, "period", ", ".join(wide), f"a column per period ({', '.join(wide)}): read as one row "
                                    "per area and period", "info"))
        else:
            rows_of = raw.index.to_numpy()
            raw = raw.reset_index(drop=True)
    else:
        if "value" not in mapping:
            raw = _measure_per_column(raw, mapping, cands, explicit, name, problems)
        elif "value" in forced:
            _unread_figures(raw, mapping, cands, explicit, name, problems)
        if "period" in mapping and "value" in mapping:  # a period the whole file shares never makes a note a row of data
            raw = _drop_notes(raw, [mapping[f] for f in ("period", "value") if mapping[f] != _FILE_PERIOD], name, problems)
        rows_of = raw.pop("\x00row").to_numpy() if "\x00row" in raw else raw.index.to_numpy()
        raw = raw.reset_index(drop=True)
    if ("measure_id" not in mapping and not cands["measure"] and not cands["unit"] and "measure_id" not in settings
            and "measure" not in settings and head):
        # LG Inform's exports name their one measure in the title above the table.
        title = _title_measure(grid, head)
        if title:
            settings["measure"] = title
            problems.append(Problem(f"{name} row 1", "measure", title, f"no column names the measure: the title above the table, "
                                    f"{title!r}, is taken as its name; say measure = \"...\" under [comparators] to name it otherwise", "info"))
    missing = [f for f in ("period", "value") if f not in mapping]
    if "area_code" not in mapping and "area_name" not in mapping and not (settings.get("area_code") or settings.get("area_name")):
        missing.append("area_code or area_name")
    if ("measure_id" not in mapping and not cands["measure"] and not cands["unit"] and "measure_id" not in settings
            and "measure" not in settings):
        missing.append("measure_id or measure")
    if "period" in missing and "value" in missing:
        figures, _ = _figure_columns(raw, mapping, cands, explicit)
        if figures:  # a scorecard with no period: once the period is said, each column of figures is a measure
            missing = [f for f in missing if f not in ("value", "measure_id or measure")]
            settings["_figures_then"] = (f"; its {len(figures)} column{'s' if len(figures) > 1 else ''} of figures ({', '.join(figures[:8])}"
                                         f"{'...' if len(figures) > 8 else ''}) {'are then each' if len(figures) > 1 else 'is then'} read "
                                         "as a measure named by its header")
    if missing:
        shown = ", ".join(c for c in raw.columns if not c.startswith("\x00"))
        raise ValidationError(name, [Problem(name, f, None, f"no column for {f}: the headers are {shown}; name it under "
                                             "[comparators.columns] in perfkit.toml (\"Header\" = \"field\"), or with "
                                             "config={'columns': {header: field}}" + (_ONE_PERIOD + settings.get("_figures_then", "")) * (f == "period"))
                                     for f in missing])
    if not cands["measure"] and cands["unit"] and "measure_id" not in mapping:
        cands["measure"], cands["unit"] = cands["unit"][:1], cands["unit"][1:]

    raw = _parent_rows(raw, rows_of, mapping, name, problems)
    raw, rows_of = _drop_arealess(raw, rows_of, mapping, name, problems)
    n = len(raw)
    rownum = rows_of + 1
    cache: dict[str, pd.Series] = {}

    def text(header) -> pd.Series:
        if header not in cache:
            column = raw[header]
            cache[header] = pd.Series(column.where(column.notna(), "").astype(str).str.strip().to_numpy(dtype=object))
        return cache[header]

    def col(field):
        return text(mapping[field]) if field in mapping else None

    out = pd.DataFrame(index=range(n))
    code, area = col("area_code"), col("area_name")
    if code is None and area is None:
        code = pd.Series([settings.get("area_code") or settings.get("area_name")] * n)
        area = pd.Series([settings.get("area_name") or settings.get("area_code")] * n)
    if code is not None and area is not None:
        # An area published without a code ('na', '-', blank) is known by its name, never lumped with other such areas.
        blank = code.str.lower().isin(_NO_CODE)
        if blank.any():
            shown = sorted(area[blank].unique())
            problems.append(Problem(name, "area_code", ", ".join(shown[:5]), f"{len(shown)} area{'s have' if len(shown) > 1 else ' has'} "
                                    f"no code ({', '.join(shown[:5])}{'...' if len(shown) > 5 else ''}): each is known by its name", "info"))
            code = code.where(~blank, area)
    if code is not None and area is not None:
        code = _mistyped_codes(code, area, rownum, name, problems)
    out["area_code"] = code.to_numpy() if code is not None else area.to_numpy()
    out["area_name"] = area.to_numpy() if area is not None else code.map(lambda c: _COUNTRY_CODES.get(str(c).strip().upper(), c)).to_numpy()
    if area is not None:  # "Hartlepool [note 5]": the council's name, its note mark left in the file
        noted = area.astype(str).str.contains(_HEADER_NOTE, regex=True)
        if noted.any():
            out["area_name"] = area.astype(str).str.replace(_HEADER_NOTE, "", regex=True).str.strip().to_numpy()
            problems.append(Problem(name, "area_name", str(area[noted].iloc[0]), f"{int(noted.sum())} area name"
                                    f"{'s carry' if noted.sum() > 1 else ' carries'} a note mark (such as {str(area[noted].iloc[0])!r}): "
                                    "read without it", "info"))

    bad: list[Problem] = []
    _time_identifier(raw, text, settings)
    settings["_period_where"] = settings.get("_period_where") or (
        f"the column '{mapping['period']}'" if not mapping["period"].startswith("\x00") else f"the header row (row {head + 1}), a column per period")
    settings["_header_row"] = head + 1
    period_col, span_col = _read_periods(name, rownum, col("period"), col("quarter"), settings, problems, bad)
    values = _read_values(name, rownum, col("value"), mapping["value"] if not mapping["value"].startswith("\x00") else "value", problems, bad)
    if bad:
        raise ValidationError(name, bad)

    key0 = pd.DataFrame({"a": out["area_code"].to_numpy(), "p": col("period").to_numpy()})
    if "quarter" in mapping:
        key0["q"] = col("quarter").to_numpy()
    mid, label, breakdown = _identity(text, mapping, cands, forced, key0, settings, name, problems)
    out["measure_id"] = mid
    out["measure"] = label
    out["period"] = pd.PeriodIndex(list(period_col), freq=FREQ) if n else pd.PeriodIndex([], freq=FREQ)
    out["period_span"] = span_col
    out["value"] = _fractions_beside_percents(values, col("value"), mid, name, problems)
    if breakdown is not None:
        out["breakdown"] = breakdown
    out["area_type"] = classify_areas(out["area_code"].to_numpy(), out["area_name"].to_numpy(),
                                   col("group").to_numpy() if "group" in mapping else None, settings, name, problems)
    if "group" in mapping:
        out["group"] = col("group").replace("", np.nan).to_numpy()
    for field in ("published_median", "published_mads_from_median", "published_rank", "published_ons_mad", "lower_ci", "upper_ci"):
        if field in mapping:
            texts = col(field).str.replace(",", "", regex=False)
            numbers = pd.to_numeric(texts.replace("", np.nan), errors="coerce")
            odd = numbers.isna() & ~texts.str.lower().isin(["", "na", "n/a", "-", "..", "x", "c", ":", "*", "nan"])
            if odd.any():
                problems.append(Problem(f"{name} row {rownum[int(np.flatnonzero(odd.to_numpy())[0])]}", field, texts[odd].iloc[0],
                                        f"{int(odd.sum())} entries in the column '{mapping[field]}' are not numbers (such as "
                                        f"{texts[odd].iloc[0]!r}): not read, so perfkit cannot check its figures against them", "warning"))
            out[field] = numbers.to_numpy(dtype=float)
    if "published_comparison" in mapping:
        words = col("published_comparison")
        out["published_comparison"] = words.map({w: comparison_word(w) for w in words.unique()}).to_numpy(dtype=object)
    out["source"] = [f"{name} row {r}" for r in rownum]
    _title_polarity(grid, head, out, mapping, settings, name, problems)
    _polarities(out, col, mapping, settings, name, problems)
    keys = [k for k in ("measure_id", "breakdown", "period_span") if k in out]
    out = _duplicates(out, keys, raw, mapping, cands, settings, name, problems).reset_index(drop=True)
    mark_superseded(out, keys, name, problems)
    out = out[[c for c in COLUMNS + OPTIONAL if c in out]].reset_index(drop=True)
    _unread_columns(raw, mapping, cands, explicit, name, problems)
    out.attrs["problems"] = problems
    out.attrs["settings"] = {k: v for k, v in settings.items() if k in ("include_aggregates", "tier", "references", "countries")}
    kinds = set(out["area_type"])
    # For the whole file, so that a part is compared as the whole: tier by tier only where the file really holds both
    # tiers, districts (by code, type column or name) beside counties.
    out.attrs["tiers_mixed"] = "county" in kinds and "district" in kinds
    out.attrs["compare_by_group"] = _type_column(out, mapping)
    return out


def _time_identifier(raw: pd.DataFrame, text, settings: dict) -> None:
    """The DfE's explore-education-statistics files say what their periods are in ``time_identifier``: where every row says
    "Calendar year", a year written alone is a calendar year, no setting needed (said). The years setting comes first."""
    if settings.get("years") is not None:
        return
    column = next((c for c in raw.columns if header_key(c) in ("time identifier", "time_identifier")), None)
    if column is None:
        return
    said = {norm_text(v) for v in text(column).unique()} - {""}
    if said == {"calendar year"}:
        settings["years"] = ("calendar",)
        settings["_years_said"] = (f"as the column '{column}' says (\"Calendar year\"); say years = \"...\" under [comparators] "
                                   "to read them otherwise")
    elif said == {"academic year"}:
        settings["years"] = ("academic",)
        settings["_years_said"] = (f"as the column '{column}' says (\"Academic year\"): September to August, each placed in the "
                                   "quarter its August falls in; say years = \"financial\" under [comparators] to read them otherwise")


_TITLE_PERIODS = re.compile(r"\s*(?:\b(?:in|for|from)\s+)?(?:(?<![\w/-])(?:\d{4}\s*[-/–]\s*\d{2}(?:\d{2})?|(?:19|20)\d{2})(?![\w/-])"
                            r"(?:\s*(?:and|to|,|-|–|&)\s*)?)+", re.I)
_TITLE_TAILS = re.compile(r"\s+for\s+(?:(?!\sfor\s).)+?\s+and\s+its\s+(?:cipfa\s+)?(?:nearest|statistical)\s+neighbours.*$|"  # LG Inform's
                          r",?\s+by\s+(?:local\s+authorit(?:y|ies)|councils?|areas?|authorit(?:y|ies)|years?)(?:\s+and\s+\w+)?\s*$", re.I)


_NOT_A_MEASURE_LINE = re.compile(r"^\s*(?:source|sources|notes?|downloaded|produced|crown copyright|polarity|contact|last updated)\b|"
                                 r"\b(?:comparison with|compared with|compared to)\b.*\bneighbours?\b|^\W*$", re.I)


def _title_measure(grid: pd.DataFrame, head: int) -> str:
    """The measure a title above the table names: the whole first line (a CSV title with unquoted commas is split over
    cells: joined again), without the ONS's "Table 1:", note marks ("[note 1]"), the years it covers ("2021–22 and
    2022–23") and the words naming the table's rows ("for Anyshire and its CIPFA nearest neighbours", "by local authority")."""
    lines = [cells for i in range(head) if (cells := [str(v).strip() for v in grid.iloc[i].tolist() if str(v).strip()])]
    # a line naming the comparison ("Worcestershire County Council - comparison with CIPFA nearest neighbours") or its
    # source is not the measure's name where another line is
    named = [c for c in lines if not _NOT_A_MEASURE_LINE.search(", ".join(c))]
    line = (named or lines or [[]])[0]
    if len(line) > 1 and re.fullmatch(r"(?i)\s*(?:dataset|indicator|measure|title|statistic)\s*:?\s*", line[0]):
        line = line[1:]  # Stat-Xplore's "Dataset:" | "People on Universal Credit": the label, then the name
    title = ", ".join(line)
    title = re.sub(r"(?i)^\s*(?:dataset|indicator|measure|title|statistic)\s*:\s*", "", title)
    plain = _HEADER_NOTE.sub("", re.sub(r"^table\s+\w+\s*[:.-]\s*", "", title, flags=re.I))
    plain = _TITLE_TAILS.sub("", _TITLE_PERIODS.sub(" ", plain))
    plain = re.sub(r"\s+([:,;)])", r"\1", re.sub(r"\(\s*\)", "", plain))
    plain = re.sub(r"\s{2,}", " ", plain).strip(" ,;:-–")
    return plain or title


def looks_like_comparisons(path, config=None) -> str | None:
    """Whether a file holds other councils' figures (comparison data) rather than a council's own workbook: where its
    header names an area, and of three or more areas in it two or more are known to be councils, England, regions or
    combined authorities by ONS code or name (a service area never is). A description of
    what it holds (``"412 areas by ONS code, such as Hartlepool, Darlington and England"``), else None.

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "ons.csv")
    >>> _ = open(path, "w").write("AREACD,AREANM,Period,Value\\nE92000001,England,2022,1\\nE06000001,Hartlepool,2022,2\\n"
    ...                           "E06000002,Middlesbrough,2022,3\\n")
    >>> looks_like_comparisons(path)
    '3 areas by ONS code, such as England, Hartlepool and Middlesbrough'
    """
    path = Path(path)
    try:
        settings = comparator_settings(config, path)
        explicit = dict(settings.get("columns") or {})
        grid, _, _ = _read_table(path, settings.get("sheet"), [], explicit)
    except Exception:  # noqa: BLE001 - whatever stops it being read as a table, it is not comparison data perfkit can name
        return None
    head = _header_row(grid, explicit) if len(grid) else None
    if head is None:
        return None
    raw = grid.iloc[head + 1:]
    raw.columns = _unique_headers(grid.iloc[head].tolist())
    mapping, cands, forced = _map_headers(list(raw.columns), explicit)
    _area_columns(raw, mapping, cands, forced, explicit, path.name, [])
    if not ({"area_code", "area_name"} & set(mapping)):
        return None
    # Only rows holding a figure (or a suppression mark) are areas: notes and keys under the table are not, so that the
    # count agrees with the areas read.
    area_headers = {mapping.get("area_code"), mapping.get("area_name")}
    others = raw[[c for c in raw.columns if c not in area_headers]].astype(str).apply(lambda c: c.str.strip())
    texts = pd.unique(others.to_numpy().ravel())
    figure = {v for v in texts if _figure_or_mark(v)}
    raw = raw[others.isin(figure).any(axis=1).to_numpy()] if len(others.columns) else raw
    code = raw[mapping.get("area_code", mapping.get("area_name"))].astype(str).str.strip()
    name = raw[mapping.get("area_name", mapping.get("area_code"))].astype(str).str.strip()
    areas = pd.DataFrame({"c": code.to_numpy(), "n": name.to_numpy()}).drop_duplicates()
    areas = areas[areas["n"] != ""]
    kinds = classify_areas(areas["c"].to_numpy(), areas["n"].to_numpy())
    known = areas[np.isin(kinds, ("county", "district", "unitary", "country", "region", "combined authority"))]
    if len(known) < 2 or len(areas) < 3:
        return None
    coded = areas["c"].str.upper().str.match(_GSS.pattern).mean() >= 0.5
    shown = list(known["n"].head(3))
    return f"{len(areas)} areas {'by ONS code' if coded else 'by name'}, such as {', '.join(shown[:-1])} and {shown[-1]}"


def _type_column(out: pd.DataFrame, mapping: dict) -> str | None:
    """The header of a column giving each council's type as the publisher groups them ("Council type": District, County,
    Single Tier), where its councils' entries name kinds of council and there are two kinds or more; else None."""
    header = mapping.get("group")
    if header is None or norm_text(header) not in TYPE_HEADERS or "group" not in out:
        return None
    kinds = out.loc[np.isin(out["area_type"].to_numpy(), COUNCIL_TYPES), "group"].dropna().astype(str).unique()
    # "Northern Ireland" as a council's type: the publisher scores that country's councils as their own kind
    if len(kinds) < 2 or sum(_group_type(k) in COUNCIL_TYPES or norm_text(k) in COUNTRY_NAMES for k in kinds) < 0.8 * len(kinds):
        return None
    return header


_FILE_PERIOD = "\x00file period"
_ONE_PERIOD = ("; if the whole file is of one period (a scorecard, a year's table), say which with period = \"2023/24\" under "
               "[comparators] (period = \"2023\" with years = \"calendar\" for a calendar year)")
_NOT_THE_PERIOD = re.compile(r"\b(published|updated|released|produced|extracted|downloaded|accessed|created|copyright|©)", re.I)
_TITLE_PERIOD = re.compile(r"(?<![\d/-])(\d{4}\s*[-/–]\s*\d{2}(?:\d{2})?|(?:19|20)\d{2})(?![\d/-])")


_MONTH_WORD = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_TITLE_MONTHS = re.compile(rf"\b{_MONTH_WORD}\s*((?:19|20)\d{{2}})?\s*(?:to|-|–)\s*{_MONTH_WORD}\s+((?:19|20)\d{{2}})\b", re.I)
_TITLE_ENDING = re.compile(rf"\byear\s+end(?:ing|ed)\s+{_MONTH_WORD}\s+((?:19|20)\d{{2}})\b", re.I)


def _title_months(text: str) -> list[str]:
    """The periods a title gives as months (``July to September 2024``, ``year ending March 2024``), written as
    :func:`published_period` reads them (``July 2024 to September 2024``, ``Year ending March 2024``).

    >>> _title_months("Table A1: households owed a duty, July to September 2024"), _title_months("Crime, year ending March 2024")
    (['July 2024 to September 2024'], ['Year ending March 2024'])
    """
    out = []
    for m in _TITLE_MONTHS.finditer(text):
        first, last = MONTHS.get(m[1].lower()[:3]), MONTHS.get(m[3].lower()[:3])
        if not first or not last:
            continue
        end = int(m[4])
        start = int(m[2]) if m[2] else (end if first <= last else end - 1)
        out.append(f"{pd.Timestamp(start, first, 1):%B} {start} to {pd.Timestamp(end, last, 1):%B} {end}")
    for m in _TITLE_ENDING.finditer(text):
        month = MONTHS.get(m[1].lower()[:3])
        if month:
            out.append(f"Year ending {pd.Timestamp(2000, month, 1):%B} {m[2]}")
    return out


def _file_period(raw: pd.DataFrame, mapping: dict, settings: dict, grid: pd.DataFrame, head: int, name, problems: list) -> pd.DataFrame:
    """A file with no period column whose figures are all of one period: the ``period`` setting's, else the one period its
    title rows give ("Council Climate Action Scorecards 2023"), said; else the file is left to be refused, the fix named."""
    period = settings.get("period")
    if period is not None and str(period).strip():
        where = f"the period setting (period = \"{period}\")"
        problems.append(Problem(name, "period", str(period), f"the file has no period column: every figure is read as of "
                                f"{period}, as the period setting says", "info"))
    else:
        found = {}
        for i in range(head or 0):
            for v in grid.iloc[i].tolist():
                if _NOT_THE_PERIOD.search(str(v)):  # "Published 22 March 2024": when the file was made, not what it covers
                    continue
                spans = _title_months(str(v))
                if spans:  # "July to September 2024", "year ending March 2024": the months, never the year alone
                    for span in spans:
                        found.setdefault(span, (i, str(v).strip()))
                    continue
                for m in _TITLE_PERIOD.findall(str(v)):
                    found.setdefault(re.sub(r"\s+", "", m), (i, str(v).strip()))
        if len(found) != 1:
            return raw
        period, (i, title) = next(iter(found.items()))
        where = f"the title (row {i + 1})"
        problems.append(Problem(f"{name} row {i + 1}", "period", period, f"the file has no period column: every figure is read as "
                                f"of {period}, the period its title gives ({title!r}); say period = \"...\" under [comparators] "
                                "if it is another", "info"))
    mapping["period"] = _FILE_PERIOD
    settings["_period_where"] = where
    return raw.assign(**{_FILE_PERIOD: str(period).strip()})


def _unread_limits(raw: pd.DataFrame, mapping: dict, explicit: dict, name, problems: list) -> None:
    """Columns headed like confidence limits that are not read as the pair (one side only, several of a side, or the
    99.8% pair beside the 95% one read), said with the setting that reads them: never dropped without a word."""
    said = {norm_text(k) for k in explicit}
    left = [h for h in raw.columns if h not in mapping.values() and not h.startswith("\x00") and norm_text(h) not in said and ci_side(h)]
    if not left:
        return
    shown = ", ".join(repr(h) for h in left[:4]) + ("..." if len(left) > 4 else "")
    if "lower_ci" in mapping:
        problems.append(Problem(name, "lower_ci", ", ".join(left), f"the 95% confidence limits ('{mapping['lower_ci']}', "
                                f"'{mapping['upper_ci']}') are read; {shown} left aside", "info"))
        return
    problems.append(Problem(name, "lower_ci", ", ".join(left), f"{len(left)} column{'s' if len(left) > 1 else ''} headed like confidence "
                            f"limits ({shown}) {'are' if len(left) > 1 else 'is'} not read, as perfkit cannot tell which pair of lower "
                            "and upper limits to use: without them it cannot judge better or worse than England; name the pair under "
                            f"[comparators.columns] in perfkit.toml (\"{left[0]}\" = \"lower_ci\", \"...\" = \"upper_ci\")", "warning"))


_NOT_A_MEASURE = re.compile(r"\b(rank|ranking|position|count|numerator|denominator|population|ci|cl|lci|uci|lcl|ucl|bound|"
                            r"limit|interval|confidence|lower|upper|"
                            r"sortable|id|code|no|number of respondents|base)\b")


# A revision or note mark after a figure, as the DLUHC and ONS write them: "91 [r]", "1,234 (p)", "12 [note 5]".
_FIGURE_MARK = re.compile(r"^\s*(-?[\d.,£$%]+(?:\s*%)?)\s*[\[(](?:r|p|e|f|u|x|c|z|w|d|low|revised|provisional|estimated?|"
                          r"note\s*\d+[a-z]?)[\])]\s*$", re.I)


def unmarked(value):
    """A figure without its revision or note mark (``91 [r]`` is 91); anything else as it is.

    >>> unmarked("91 [r]"), unmarked("1,234 (p)"), unmarked("[x]")
    ('91', '1,234', '[x]')
    """
    if isinstance(value, str):
        m = _FIGURE_MARK.match(value)
        if m:
            return m[1]
    return value


def _all_figures(raw: pd.DataFrame, h: str) -> bool:
    """Whether every distinct entry of a column is a number or a suppression mark, and one at least a number."""
    values = _distinct_texts(raw, h)[:200]
    parsed = [parse_number(unmarked(v)) for v in values]
    numbers = sum(p.value is not None for p in parsed)
    marks = sum(_is_mark(p, v) for p, v in zip(parsed, values))
    return bool(numbers) and numbers + marks == len(values)


def _fractions_beside_percents(values: np.ndarray, texts: pd.Series, measures, name, problems: list) -> np.ndarray:
    """Within one measure, figures typed with a % sign (``98.1%``) beside plain fractions (``0.988``): the fractions are
    the same percentages written as Excel stores them, read as 98.8, said. A plain 0.988 compared with 98.1 put a council
    last and moved every median, unsaid."""
    if texts is None or not len(values):
        return values
    typed = texts.astype(str).str.strip().str.endswith("%").to_numpy()
    if not typed.any():
        return _plain_fractions(values, measures, texts, name, problems)
    plain = ~typed & (np.abs(values) <= 1.5) & (values != 0) & ~np.isnan(values)
    if not plain.any():
        return values
    out = values.copy()
    ids = pd.Series(np.asarray(measures, dtype=object)).astype(str).to_numpy()
    moved = np.zeros(len(values), dtype=bool)
    for m in pd.unique(ids[plain]):
        mine = ids == m
        if typed[mine].any() and np.nanmedian(np.abs(values[mine & typed])) > 1.5:
            moved |= mine & plain
    if moved.any():
        out[moved] = np.round(values[moved] * 100, 10)
        first = int(np.flatnonzero(moved)[0])
        problems.append(Problem(name, "value", texts.iloc[first], f"{int(moved.sum())} figure{'s' if moved.sum() > 1 else ''} written "
                                f"as fractions (such as {texts.iloc[first]!r}) beside percentages typed with a % sign: read as "
                                f"percentages ({out[first]:g}); if they are fractions of one per cent, correct the file", "warning"))
    return out


def _unread_columns(raw: pd.DataFrame, mapping: dict, cands: dict, explicit: dict, name, problems: list) -> None:
    """The file's columns perfkit read nothing from (a comparison with the region, a count, a parent area), said in one
    note, and any not already said, so that no column is dropped without a word."""
    used = set(mapping.values()) | {h for hs in cands.values() for h in hs} | {norm_text(k) for k in explicit}
    said = "\n".join(p.message for p in problems)
    left = [c for c in raw.columns if not str(c).startswith("\x00") and not str(c).startswith("column ") and c not in used
            and norm_text(c) not in used and f"'{c}'" not in said and not _is_period(c)]
    if left:
        problems.append(Problem(name, "", ", ".join(left), f"{len(left)} column{'s' if len(left) > 1 else ''} not read: "
                                f"{', '.join(repr(c) for c in left[:8])}{'...' if len(left) > 8 else ''}; name one under "
                                "[comparators.columns] in perfkit.toml if it holds a field perfkit should read", "info"))


def _plain_fractions(values: np.ndarray, measures, texts: pd.Series, name, problems: list) -> np.ndarray:
    """Within one measure of percentages (every other figure over 10), a few plain figures under 1.5 whose hundredfold
    falls among the others (0.952 beside 96.1 to 98.6): the same percentages stored as fractions, read as 95.2, with a
    warning. Figures that are small percentages in their own right (0.9 beside 1.4 and 3.4) are left as they are."""
    ids = pd.Series(np.asarray(measures, dtype=object)).astype(str).to_numpy()
    small = (np.abs(values) <= 1.5) & (values != 0) & ~np.isnan(values)
    if not small.any():
        return values
    out, moved = values.copy(), np.zeros(len(values), dtype=bool)
    for m in pd.unique(ids[small]):
        mine = ids == m
        big = values[mine & ~small & ~np.isnan(values)]
        if len(big) < 3 or big.min() <= 10:
            continue
        lo, hi = big.min(), big.max()
        spread = max(hi - lo, 0.05 * hi)
        fits = mine & small & (np.abs(values * 100 - np.clip(values * 100, lo, hi)) <= spread)
        moved |= fits
    if moved.any():
        out[moved] = np.round(values[moved] * 100, 10)
        first = int(np.flatnonzero(moved)[0])
        problems.append(Problem(name, "value", texts.iloc[first], f"{int(moved.sum())} figure{'s' if moved.sum() > 1 else ''} "
                                f"under 1.5 (such as {texts.iloc[first]!r}) among percentages over 10: read as percentages "
                                f"({out[first]:g}), as a spreadsheet stores them; if they are the figures as written, correct the file",
                                "warning"))
    return out


def _numbers_are_not_names(raw: pd.DataFrame, cands: dict, forced: set, name, problems: list) -> None:
    """A column headed like a measure's name or unit that holds only figures (ScotPHO's ``measure`` is the rate) is a
    column of figures, never what names the measure: taken from the candidates, said."""
    for field in ("measure", "unit"):
        if field in forced:
            continue
        for h in list(cands[field]):
            if _all_figures(raw, h):
                cands[field].remove(h)
                problems.append(Problem(name, field, h, f"the column '{h}' holds figures, not words: read as a column of figures, "
                                        f"not as the measure's {'name' if field == 'measure' else 'unit'}", "info"))


# The headers of a period's column: never a column of figures where the file has one ("year" beside "period").
_PERIOD_HEADERS = {norm_text(w) for w in ("year", "years", "financial year", "calendar year", "fy", "date", "quarter", "month",
                                          "time period", "period", "reporting year", "academic year", "time")}


def _figure_columns(raw: pd.DataFrame, mapping: dict, cands: dict, explicit: dict) -> tuple[list[str], list[str]]:
    """Columns no field took that hold figures (every distinct entry a number or a suppression mark, at least one a
    number): those that may each be a measure (a scorecard's "Transport", "Total score"), and those whose header says
    they are not (a rank, a count, a denominator, a confidence limit)."""
    taken = set(mapping.values()) | {h for hs in cands.values() for h in hs}
    said = {norm_text(k) for k in explicit}
    measures, others = [], []
    for h in raw.columns:
        if h in taken or h.startswith("\x00") or norm_text(h) in said or _is_period(h):
            continue
        if "period" in mapping and norm_text(h) in _PERIOD_HEADERS:  # "year" beside the period column: never the figure
            continue
        if _all_figures(raw, h):
            low = norm_text(h)  # "Rate per 1,000 population" is a measure; "Population" and "Count" are not
            aside = _NOT_A_MEASURE.search(low) and not (re.search(r"\b(?:per|rate)\b", low) and not re.search(r"\b(?:rank|ci|limit|bound)\b", low))
            (others if aside else measures).append(h)
    return measures, others


def _measure_per_column(raw: pd.DataFrame, mapping: dict, cands: dict, explicit: dict, name, problems: list) -> pd.DataFrame:
    """A table with a period column and no value column but columns of figures (a scorecard: "Transport",
    "Buildings & Heating", "Total score"; a table of one, "Net expenditure per head (£)"): each column is read as its
    own measure, named by its header, and said. Where a column already names the measure, its one column of figures
    is the value; several are left as they are (refused below, naming every column of figures)."""
    measures, others = _figure_columns(raw, mapping, cands, explicit)
    named_elsewhere = "measure_id" in mapping or cands["measure"] or cands["unit"]
    if len(measures) == 1 and named_elsewhere:
        # One column of figures beside a column naming the measure: it is the value, whatever its header.
        mapping["value"] = measures[0]
        problems.append(Problem(name, "value", measures[0], f"the one column of figures, '{measures[0]}', is read as the value; say "
                                "another under [comparators.columns] (\"Header\" = \"value\") if it is not", "info"))
        return raw
    if not measures or named_elsewhere:
        if measures:
            problems.append(Problem(name, "value", ", ".join(measures), f"the columns holding figures ({', '.join(measures)}) have no "
                                    "header perfkit knows as the value: name the one to read under [comparators.columns], such as "
                                    f"\"{measures[0]}\" = \"value\"", "info"))
        return raw
    ids = [c for c in raw.columns if c not in measures]
    positions = raw.index.to_numpy()
    long = raw.assign(**{"\x00row": positions}).melt(id_vars=["\x00row", *ids], value_vars=measures, var_name="\x00measure",
                                                       value_name="\x00value")
    long = long.sort_values("\x00row", kind="stable").set_index(pd.Index(np.repeat(positions, len(measures))))
    mapping["value"] = "\x00value"
    cands["measure"] = ["\x00measure"]
    aside = f"; {', '.join(others)} (not measures by their headers) left aside" if others else ""
    if len(measures) == 1:
        said = (f"one column of figures and no value column: '{measures[0]}' is read as the value, and its header names the "
                f"measure{aside}")
    else:
        said = (f"{len(measures)} columns of figures and no value column: each is read as its own measure, named by its header "
                f"({', '.join(measures)}){aside}; to read only one, say \"{measures[0]}\" = \"value\" under [comparators.columns]")
    problems.append(Problem(name, "measure", ", ".join(measures), said, "info"))
    return long


def _unread_figures(raw: pd.DataFrame, mapping: dict, cands: dict, explicit: dict, name, problems: list) -> None:
    """Where the settings name one column as the value, other columns of figures are left unread: said, naming them."""
    measures, _ = _figure_columns(raw, mapping, cands, explicit)
    if measures:
        problems.append(Problem(name, "value", ", ".join(measures), f"only '{mapping['value']}' is read, as the settings say: "
                                f"{len(measures)} other column{'s' if len(measures) > 1 else ''} of figures ({', '.join(measures)}) "
                                f"{'are' if len(measures) > 1 else 'is'} not read; remove the value setting to read each column as its "
                                "own measure", "warning"))


def _mistyped_codes(code: pd.Series, area: pd.Series, rownum, name, problems: list) -> pd.Series:
    """A row giving an area another area's code (Buckinghamshire under West Northamptonshire's) takes the code its name has
    everywhere else in the file, said with the rows; a code shared by two names in the usual way (a region and an ITL area) stays."""
    pairs = pd.DataFrame({"c": code.to_numpy(), "n": area.to_numpy()})
    counts = pairs.value_counts(sort=True)  # most rows first
    if counts.index.get_level_values(0).nunique() == len(counts):
        return code
    main_name = counts.reset_index().drop_duplicates("c").set_index("c")["n"]
    main_code = counts.reset_index().drop_duplicates("n").set_index("n")["c"]
    wrong = (pairs["c"].map(main_name) != pairs["n"]) & (pairs["n"].map(main_code) != pairs["c"])
    if not wrong.any():
        return code
    fixed = code.where(~wrong.to_numpy(), pairs["n"].map(main_code))
    where = np.flatnonzero(wrong.to_numpy())
    shown = "; ".join(f"row {rownum[i]}: {area.iloc[i]} under {code.iloc[i]} (the code of {main_name[code.iloc[i]]}), read as "
                      f"{fixed.iloc[i]}" for i in where[:3])
    problems.append(Problem(f"{name} row {rownum[where[0]]}", "area_code", code.iloc[where[0]],
                            f"{len(where)} row{'s give' if len(where) > 1 else ' gives'} an area another area's code ({shown}"
                            f"{'...' if len(where) > 3 else ''}): each read under the code its name has in the rest of the file; "
                            "check the codes with the publisher", "warning"))
    return fixed


def _notes_under(raw: pd.DataFrame, name, problems: list) -> pd.DataFrame:
    """Notes under the table, after a blank line, written with an unquoted comma ("Source: Welsh Government,
    WasteDataFlow"): split over the columns, their words would be read as figures. Rows after the last one holding a
    number, below a blank line, with words beyond the first column and no number, are notes: left out, said."""
    if len(raw) < 2 or len(raw.columns) < 2:
        return raw
    cells = raw.astype(str).to_numpy()
    last = len(raw) - 1
    while last >= 0 and not any(parse_number(v).value is not None for v in cells[last][1:]):  # from the bottom: quick
        last -= 1
    positions = raw.index.to_numpy()
    if last < 0 or last == len(raw) - 1 or positions[last + 1] == positions[last] + 1:  # no blank line under the table
        return raw

    def words(v) -> bool:
        p = parse_number(v)
        return p.value is None and p.missing != "blank" and not _is_mark(p, v)

    ragged = [i for i in range(last + 1, len(raw)) if any(words(v) for v in cells[i][1:])]
    if not ragged:
        return raw
    first = ", ".join(v.strip() for v in cells[ragged[0]] if v.strip())
    problems.append(Problem(f"{name} row {positions[ragged[0]] + 1}", "", first, f"{len(ragged)} row{'s' if len(ragged) > 1 else ''} "
                            f"under the table, after a blank line, hold{'' if len(ragged) > 1 else 's'} words and no figure (such as "
                            f"{first!r}, a note written with a comma and no quotes): read as "
                            f"note{'s' if len(ragged) > 1 else ''}, not data", "info"))
    return raw.drop(index=raw.index[ragged])


def _drop_notes(raw: pd.DataFrame, cells: list[str], name, problems: list) -> pd.DataFrame:
    """Rows with nothing in ``cells`` (the period and value, or every period column) are notes, keys or section titles
    within or under the table (``Source: LG Inform``): not read as data, said with their rows."""
    empty = np.logical_and.reduce([(raw[c].astype(str).str.strip() == "").to_numpy() for c in cells])
    if not empty.any():
        return raw
    rows = list(dict.fromkeys((raw.index.to_numpy()[empty] + 1).tolist()))  # a row read once per measure column is one row
    row = raw.iloc[int(np.flatnonzero(empty)[0])]
    first = next((str(v).strip() for c, v in row.items() if str(v).strip() and not str(c).startswith("\x00")), "")
    problems.append(Problem(f"{name} row {rows[0]}", "", first, f"{len(rows)} row{'s' if len(rows) > 1 else ''} with no period or value "
                            f"(row{'s' if len(rows) > 1 else ''} {', '.join(map(str, rows[:5]))}{'...' if len(rows) > 5 else ''}, such as "
                            f"{first!r}) read as notes or headings, not data", "info"))
    return raw[~empty]


_NO_CODE = ["", "na", "n/a", "-", "x", "z", "..", "null", "none"]


_PARENTS = (("region code", "region name"), ("country code", "country name"))


def _parent_rows(raw: pd.DataFrame, rows_of: np.ndarray, mapping: dict, name, problems: list) -> pd.DataFrame:
    """Rows with no local authority that are a region's or England's figures by the file's own region and country
    columns (the DfE's explore-education-statistics layout: ``geographic_level`` National or Regional, ``region_name``,
    ``country_name``): read as that region or country, said, never dropped as nobody's."""
    cols = [mapping[f] for f in ("area_code", "area_name") if f in mapping and not mapping[f].startswith("\x00")]
    keys = {header_key(h): h for h in raw.columns}
    parents = [(keys.get(c), keys.get(n)) for c, n in _PARENTS if keys.get(c) or keys.get(n)]
    if not cols or not parents or not len(raw):
        return raw
    blank = np.logical_and.reduce([raw[c].astype(str).str.strip().str.lower().isin(_NO_CODE).to_numpy() for c in cols])
    if not blank.any():
        return raw
    raw = raw.copy()
    filled = np.zeros(len(raw), dtype=bool)
    for code_h, name_h in parents:  # the region where a row gives one, else the country
        code = raw[code_h].astype(str).str.strip() if code_h else pd.Series("", index=raw.index)
        label = raw[name_h].astype(str).str.strip() if name_h else code
        here = blank & ~filled & ((code != "") | (label != "")).to_numpy()
        if not here.any():
            continue
        if "area_code" in mapping:
            raw.loc[here, mapping["area_code"]] = code.where(code != "", label)[here]
        if "area_name" in mapping:
            raw.loc[here, mapping["area_name"]] = label.where(label != "", code)[here]
        filled |= here
    if filled.any():
        shown = sorted(set(raw.loc[filled, mapping.get("area_name", mapping.get("area_code"))].astype(str)))
        count = len(set(rows_of[filled].tolist()))  # a row read once per measure column is one row
        problems.append(Problem(name, "area_name", ", ".join(shown[:4]), f"{count} row{'s' if count > 1 else ''} with no "
                                f"local authority {'are' if count > 1 else 'is'} the figures of {', '.join(shown[:4])}"
                                f"{'...' if len(shown) > 4 else ''}, by the file's region and country columns: read as such, for "
                                "reference", "info"))
    return raw


def _drop_arealess(raw: pd.DataFrame, rows_of: np.ndarray, mapping: dict, name, problems: list):
    """Rows with a figure but neither an area code nor a name are nobody's: never counted as a council, said with their rows."""
    cols = [mapping[f] for f in ("area_code", "area_name") if f in mapping]
    if not cols or not len(raw):
        return raw, rows_of
    empty = np.logical_and.reduce([raw[c].astype(str).str.strip().str.lower().isin(_NO_CODE).to_numpy() for c in cols])
    if not empty.any():
        return raw, rows_of
    rows = sorted(set((rows_of[empty] + 1).tolist()))
    problems.append(Problem(f"{name} row {rows[0]}", "area_code", None, f"{len(rows)} row{'s have' if len(rows) > 1 else ' has'} figures "
                            f"but no area (row{'s' if len(rows) > 1 else ''} {', '.join(map(str, rows[:5]))}{'...' if len(rows) > 5 else ''}: "
                            f"nothing in {' or '.join(repr(c) for c in cols)}): left out of every comparison; give the area's code or "
                            "name there if the figures are an area's", "warning"))
    return raw[~empty].reset_index(drop=True), rows_of[~empty]


def _unique_headers(cells) -> list[str]:
    out, seen = [], {}
    for j, c in enumerate(cells):
        h = str(c).strip() or f"column {j + 1}"
        if h in seen:
            seen[h] += 1
            h = f"{h} ({seen[h]})"
        else:
            seen[h] = 1
        out.append(h)
    return out


def _duplicates(out: pd.DataFrame, keys, raw, mapping, cands, settings, name, problems: list) -> pd.DataFrame:
    """A figure given twice is refused, naming the rows, unless ``duplicates`` says which to keep; exact copies are dropped, said."""
    allkeys = ["area_code", *keys]
    dup = out.duplicated(allkeys, keep=False).to_numpy()
    if not dup.any():
        return out
    rows = out[dup]
    same = rows.groupby(allkeys, sort=False, dropna=False)["value"].transform(lambda s: s.nunique(dropna=False) == 1).to_numpy()
    copies = rows[same]
    conflicts = rows[~same]
    if len(copies):
        extra = copies[copies.duplicated(allkeys, keep="first").to_numpy()]
        problems.append(Problem(name, "value", len(extra), f"{len(extra)} row{'s repeat' if len(extra) > 1 else ' repeats'} a figure "
                                f"already read, with the same value ({', '.join(extra['source'].head(4))}{'...' if len(extra) > 4 else ''}): "
                                "each figure counted once", "warning"))
        out = out.drop(index=extra.index)
    if not len(conflicts):
        return out
    # Areas that are not councils are never counted, only shown beside them: a figure of theirs given twice is shown not at all.
    aside = ~np.isin(conflicts["area_type"].to_numpy(), COUNCIL_TYPES)
    if aside.any():
        dropped = conflicts[aside]
        areas = sorted(dropped["area_name"].astype(str).unique())
        k = int((~dropped.duplicated(allkeys)).sum())
        rows = [s.rpartition(" row ")[2] for s in dropped["source"].head(4)]
        problems.append(Problem(name, "value", k, f"{k} figure{'s' if k > 1 else ''} for areas that are not councils "
                                f"({', '.join(areas[:4])}{'...' if len(areas) > 4 else ''}) {'are' if k > 1 else 'is'} given more than "
                                f"once with different values (rows {', '.join(rows)}{'...' if len(dropped) > 4 else ''}): not shown, "
                                "since perfkit cannot tell which is right; no council's comparison uses them", "warning"))
        out = out.drop(index=dropped.index)
        conflicts = conflicts[~aside]
        if not len(conflicts):
            return out
    groups = list(conflicts.groupby(allkeys, sort=False, dropna=False))
    first_key, first = groups[0]
    what = ", ".join(str(v) for v in first[["area_name", "measure", *(["breakdown"] if "breakdown" in first else []), "period_span"]].iloc[0] if str(v).strip())
    rows = [s.rpartition(" row ")[2] for s in first["source"]]
    shown = " and ".join(rows) if len(rows) <= 3 else f"{', '.join(rows[:3])} and {len(rows) - 3} more"
    values = ", ".join(f"{v:g}" for v in first["value"].head(3)) + (", ..." if len(first) > 3 else "")
    example = f"rows {shown} of {name} ({what}: {values})"
    keep = settings.get("duplicates")
    if keep:
        drop = conflicts.index[conflicts.duplicated(allkeys, keep="first" if keep == "first" else "last").to_numpy()]
        problems.append(Problem(name, "value", len(groups), f"{len(groups)} figure{'s are' if len(groups) > 1 else ' is'} given more than "
                                f"once with different values, such as {example}: the {keep} of each kept, as duplicates = \"{keep}\" "
                                f"says; {len(drop)} row{'s' if len(drop) != 1 else ''} left out", "warning"))
        return out.drop(index=drop)
    # A column read as the councils' type ("Type") that differs between two rows of one area is no council's type: it
    # tells the figures apart, as any column not read does.
    used = (set(mapping.values()) | {h for hs in cands.values() for h in hs}) - {mapping.get("group")}
    hints = []
    idx = first.index.to_numpy()
    for h in raw.columns:
        if h in used or h.startswith("\x00"):
            continue
        if raw[h].iloc[idx].astype(str).str.strip().nunique() > 1:
            hints.append(h)
    coded = [h for h in hints if _mostly_ons_codes(_distinct_texts(raw, h))]
    if coded:  # the rows are two areas under one code perfkit read: the ONS codes tell them apart
        hint = (f" The column '{coded[0]}' holds ONS area codes and tells them apart: if it is the area's code, say so under "
                f"[comparators.columns] with \"{coded[0]}\" = \"area_code\".")
    elif hints:
        hint = (f" The column{'s' if len(hints) > 1 else ''} {', '.join(repr(h) for h in hints[:3])} tell{'s' if len(hints) == 1 else ''} "
                f"them apart: if it splits the measure into parts, say so under [comparators.columns] with \"{hints[0]}\" = \"breakdown\", "
                f"or if it names the measure, \"{hints[0]}\" = \"measure\".")
    else:
        hint = " Correct the file."
    keeping = (" Only if both rows are the same figure published twice, say which to keep with duplicates = \"first\" (or \"last\") "
               f"under [comparators] in perfkit.toml: that would drop every figure of the other {hints[0]!r}") if hints and not coded else (
        " If both rows are as published, say which to keep with duplicates = \"first\" (or \"last\") under [comparators] in perfkit.toml")
    raise ValidationError(name, [Problem(first["source"].iloc[0], "value", len(groups),
                                         f"{len(groups)} figure{'s are' if len(groups) > 1 else ' is'} given more than once with different "
                                         f"values (the same area, measure and period), such as {example}: perfkit cannot tell which is right."
                                         f"{hint}{keeping}")])


_SAID_POLARITY = re.compile(r"(?<!neither )(?<!nor )\b(higher|lower|high|low)(?:\s+(?:figures?|values?|numbers?|costs?|rates?|scores?|percentages?))?\s+"
                            r"(?:is|are|=)\s+(?:better|good|best)\b|"
                            r"\bpolarity\s*[:=-]?\s*(higher|lower|high|low)\b|good performance is\s*[:=-]?\s*(higher|lower|high|low)\b", re.I)


_NO_POLARITY_SAID = re.compile(r"(?i)\b(?:higher|lower|high|low)\s+(?:is|are)\s+not\b|\bneither\s+(?:higher|lower|high|low)\b|"
                               r"\bpolarity\s*[:=-]?\s*(?:not applicable|n/?a|none|no judgement|neither)\b")


def _title_polarity(grid: pd.DataFrame, head: int, out: pd.DataFrame, mapping, settings, name, problems: list) -> None:
    """A file of one measure whose title rows, or the notes under its table, say which way is better ("Polarity: Lower is
    better", "Higher is better."), with no polarity column or setting: that polarity, said."""
    if "polarity" in mapping or settings.get("polarity"):
        return
    if out["measure_id"].nunique() != 1:  # one title over several measures: which one it speaks of is not guessed, said
        for i in [*range(head or 0), *range((head or 0) + 1, len(grid))]:
            cells = [v for v in grid.iloc[i].tolist() if str(v).strip()]
            if (i < (head or 0) or len(cells) <= 2) and any(_SAID_POLARITY.search(str(v)) and not _NO_POLARITY_SAID.search(str(v))
                                                            for v in cells):
                first = next(str(m) for m in out["measure_id"].unique())
                problems.append(Problem(f"{name} row {i + 1}", "polarity", "", f"row {i + 1} says which way is better, but the file "
                                        f"holds {out['measure_id'].nunique()} measures and perfkit does not guess which it means: say "
                                        f"each under [comparators.polarity] in perfkit.toml, e.g. \"{first}\" = \"higher\"", "warning"))
                return
        return
    for i in [*range(head or 0), *range((head or 0) + 1, len(grid))]:
        cells = [v for v in grid.iloc[i].tolist() if str(v).strip()]
        if i > (head or 0) and len(cells) > 2:  # a row of the table, not a note under it
            continue
        for v in cells:
            if _NO_POLARITY_SAID.search(str(v)):  # "Lower is not necessarily better", "Neither higher nor lower is better"
                return
            m = _SAID_POLARITY.search(str(v))
            if m:
                word = next(g for g in m.groups() if g).lower()
                polarity = "higher" if word.startswith("h") else "lower"
                settings["polarity"] = {out["measure_id"].iloc[0]: polarity}
                where = "title rows" if i < (head or 0) else "notes under the table"
                problems.append(Problem(f"{name} row {i + 1}", "polarity", str(v).strip(), f"the {where} say {str(v).strip()!r}: "
                                        f"{polarity} is better, for the file's one measure", "info"))
                return


def _polarities(out: pd.DataFrame, col, mapping, settings, name, problems: list) -> None:
    """Polarity per row as written, then per measure; the settings win; else the publisher's own judgements."""
    n = len(out)
    pol_given = dict(settings.get("polarity") or {})
    infer = "published_ons_mad" in out or "published_comparison" in out or "published_rank" in out
    if not ("polarity" in mapping or pol_given or infer):
        return
    words = col("polarity") if "polarity" in mapping else pd.Series([""] * n)
    lookup = {w: _polarity(w) for w in words.unique()}
    unknown = [w for w, p in lookup.items() if p is None and w]
    for w in unknown:
        problems.append(Problem(name, "polarity", w, f"unknown polarity {w!r}: treated as not given; say which under "
                                "[comparators.polarity] in perfkit.toml", "warning"))
    pol = words.map(lookup).set_axis(out.index)
    per_measure = pd.Series(pol.to_numpy(), index=out["measure_id"].to_numpy()).dropna()
    choices = per_measure.groupby(level=0).agg(lambda s: sorted(set(s)))
    fill = {}
    for m, options in choices.items():
        if len(options) > 1:
            problems.append(Problem(name, "polarity", ", ".join(options), f"measure {m} is given more than one polarity "
                                    f"({', '.join(options)}): '{options[0]}' used for all its rows; say which under [comparators.polarity]", "warning"))
        fill[m] = options[0]
    for m, p in pol_given.items():
        fill[str(m)] = _polarity(p) or p
    blanks = pol.isna() & out["measure_id"].isin(list(fill))
    if blanks.any() and "polarity" in mapping:
        filled_measures = sorted(set(out.loc[blanks, "measure_id"]) - set(map(str, pol_given)))
        if filled_measures:
            problems.append(Problem(name, "polarity", None, f"rows with no polarity took their measure's own "
                                    f"({', '.join(filled_measures[:6])}{'...' if len(filled_measures) > 6 else ''})", "info"))
    pol = out["measure_id"].map(fill).where(lambda s: s.notna(), pol) if fill else pol
    if infer:
        pol = _infer_polarity(out, pol, name, problems)
    none_left = sorted(set(out.loc[pol.isna(), "measure_id"]))
    if none_left:
        problems.append(Problem(name, "polarity", None, f"no polarity for {', '.join(none_left[:6])}{'...' if len(none_left) > 6 else ''}: "
                                "their ranks and quartiles are left blank; give it under [comparators.polarity] in perfkit.toml "
                                "(or config={'polarity': {measure_id: 'higher'}})", "warning"))
    out["polarity"] = pol.fillna("none").to_numpy()
