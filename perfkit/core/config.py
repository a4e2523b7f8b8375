"""``perfkit.toml``: how an officer teaches perfkit their workbook, with no code.

The file sits beside the workbook (or is named with ``--config``). Every
command and every reader uses it. A starter is written by ``perfkit init
WORKBOOK`` from what perfkit detected, so an officer edits rather than writes it.

Several workbooks in one folder can each have their own settings: a workbook's own
``q2_return.perfkit.toml`` beside ``q2_return.xlsx`` is used instead of the folder's
``perfkit.toml``, and a ``[workbooks."q2_return.xlsx"]`` table in the folder's file adds
to (and overrides) its other settings for that workbook alone::

    year = "2024/25"                  # for quarter headers that name no year

    [status]
    scale = "RAG"                     # or "five-point"
    [status.words]                    # your words for statuses
    "Slipping" = "Amber"

    [polarity.words]                  # your words for which way is better
    over = "higher"
    under = "lower"

    [sheets."Delivery plan"]
    kind = "milestones"               # milestones, measures, actions, risks, or ignore
    header_row = 4
    [sheets."Delivery plan".columns]
    "What we will deliver" = "title"
    "Sept position" = "status@2024/25 Q2"

    [sheets."Q3 return"]
    period = "2024/25 Q3"             # the quarter of a sheet with one status column
    prefix = "Q3 "                    # put before each reference (tells sheets' references apart)

    [workbooks."risk_register.xlsx"]  # settings for one workbook in the folder
    year = "2024/25"

    [limits]                          # raise a safety limit for a genuine, unusually large workbook
    cells = 20_000_000                # (see LIMITS for every one)

Examples
--------
>>> cfg = load_config({"year": "2024/25", "sheets": {"KPIs": {"kind": "measures", "header_row": 3}}})
>>> cfg.sheet("KPIs").kind, cfg.sheet("KPIs").header_row, cfg.year
('measures', 3, '2024/25')
"""

from __future__ import annotations

import datetime as _dt
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from perfkit.core.errors import ConfigError, PeriodError, Problem
from perfkit.core.numbers import parse_number
from perfkit.core.periods import meeting_date, parse_span
from perfkit.core.status import DEFAULT_SCALE, FIVE_POINT_SCALE, clashes, comparable

FILENAME = "perfkit.toml"
SUFFIX = ".perfkit.toml"  # q2_return.perfkit.toml: one workbook's own settings
_TOP = {"year", "status", "polarity", "measures", "sheets", "columns", "briefing", "kind", "workbooks", "comparators", "limits", "risks"}
_SHEET = {"kind", "header_row", "columns", "year", "period", "prefix", "hidden_rows"}
_STATUS = {"scale", "words"}
_POLARITY = {"words", "default"}
_MEASURES = {"tolerance", "cumulative", "profiles", "rollup", "polarity", "fills"}  # cumulative, profiles, rollup, polarity: service plans (perfkit.analyse.annual)
_BRIEFING = {"council", "date", "period", "by"}
# a register's rating bands, "1-6 Low, 8-12 Medium, 15-25 High", and its appetite, the highest score it accepts
# after mitigation (read by perfkit.read.kinds.risks)
_RISKS = {"bands", "appetite"}

#: The ``[limits]`` of ``perfkit.toml``: how much one workbook may make perfkit read (``perfkit.read.safety.Limits``,
#: whose field for each is ``max_`` and its name). A whole number where the limit counts things.
LIMITS = {
    "part_mb": "largest inflated part of a zipped workbook, in MB",
    "total_mb": "largest inflated workbook, all parts together, in MB",
    "ratio": "largest inflation of a part over 1 MB (inflated size / compressed size)",
    "csv_mb": "largest CSV or .xls file, in MB",
    "cell_chars": "longest text in one cell, in characters",
    "cells": "most cells in one sheet, and in all sheets together (rows times columns, from A1)",
    "sheets": "most sheets in one workbook",
    "text_mb": "most text the cells may hold together, in MB (a shared text counts once for each cell using it)",
    "style_records": "most formats, fills, fonts and borders in the styles part",
    "rows": "most rows in all sheets together (from row 1 to each sheet's last row holding something)",
    "merges": "most merged ranges in all sheets together",
}
_WHOLE_LIMITS = {"cell_chars", "cells", "sheets", "style_records", "rows", "merges"}
_LIMIT_EXAMPLES = {"cells": "20_000_000", "cell_chars": "200_000", "sheets": "2_000", "style_records": "400_000", "ratio": "200",
                   "rows": "50_000", "merges": "100_000"}


@dataclass(frozen=True)
class SheetConfig:
    """What ``perfkit.toml`` says of one sheet."""

    name: str
    kind: str | None = None
    header_row: int | None = None
    columns: dict = field(default_factory=dict)
    year: str | None = None
    period: str | None = None
    prefix: str | None = None
    hidden_rows: str = "read"  # "leave out": rows Excel hides are not items (a discontinued measure kept out of sight)


@dataclass(frozen=True)
class Config:
    """A workbook's settings; every field is optional."""

    path: Path | None = None
    year: str | None = None
    columns: dict = field(default_factory=dict)
    sheets: dict = field(default_factory=dict)
    scale: str | None = None
    status_words: dict = field(default_factory=dict)
    polarity_words: dict = field(default_factory=dict)
    polarity_default: str | None = None
    #: ``[measures.polarity]``: one measure's polarity by its reference or name, {"ECS-EXC-01": "lower"}
    measure_polarity: dict = field(default_factory=dict)
    tolerance: str | None = None
    #: ``[measures] fills``: "ignore" where the colours of figure cells are not the services' status (read as it by default)
    figure_fills: str = "status"
    briefing: dict = field(default_factory=dict)
    workbook: str | None = None  # the [workbooks."NAME"] table used, if any
    unused: Path | None = None  # the folder's perfkit.toml, set aside for the workbook's own file
    comparators: dict = field(default_factory=dict)  # [comparators]: checked by perfkit.read.kinds.comparators
    limits: dict = field(default_factory=dict)  # [limits]: {name in LIMITS: positive number}, applied by perfkit.read.safety
    risk_bands: str | None = None  # [risks] bands: "1-6 Low, 8-12 Medium, 15-25 High", over any key in the workbook
    risk_appetite: float | None = None  # [risks] appetite: the highest score accepted after mitigation, over the workbook's
    #: The items settings name by reference or name, by kind and setting: {"measures": {"[measures] cumulative": ("CT1",)}},
    #: so that one naming an item no sheet holds is said (perfkit.read.engine.report_unknown_references), never ignored.
    references: dict = field(default_factory=dict)

    def sheet(self, name: str) -> SheetConfig:
        return self.sheets.get(name) or SheetConfig(name)

    @property
    def where(self) -> str:
        """The file (and table) the settings came from, as messages name it."""
        name = self.path.name if self.path else FILENAME
        return f'{name} [workbooks."{self.workbook}"]' if self.workbook else name

    def describe(self) -> str:
        """One line for the terminal: which settings file a workbook is read with, or ``""`` with none.

        Examples
        --------
        >>> print(Config(path=Path("q2_return.perfkit.toml"), unused=Path("perfkit.toml")).describe())
        Settings: q2_return.perfkit.toml (the workbook's own; perfkit.toml in its folder is not used)
        """
        if self.path is None:
            return ""
        if self.unused is not None:
            return f"Settings: {self.path.name} (the workbook's own; {self.unused.name} in its folder is not used)"
        if self.workbook:
            return f"Settings: {self.path.name}, with its [workbooks.\"{self.workbook}\"] table"
        return f"Settings: {self.path.name}"

    def status_scale(self, scale=None):
        """The status scale: ``scale`` if given, else the configured one, with the configured words added."""

        if scale is None:
            scale = {None: DEFAULT_SCALE, "rag": DEFAULT_SCALE, "three-point": DEFAULT_SCALE, "five-point": FIVE_POINT_SCALE}.get(
                (self.scale or "").lower() or None
            )
            if scale is None:
                raise ConfigError(f"{self.where}: [status] scale = {self.scale!r} is not a scale perfkit knows", hint='Use "RAG" or "five-point".')
        if self.status_words:
            # an action plan's names ("At risk"), as its refusals offer them, are the RAG statuses they stand for
            words = {w: _ACTION_NAMES.get(n, n) if n not in scale.names else n for w, n in self.status_words.items()
                     if n in scale.names or n not in _ACTION_ONLY}  # "Open": an action plan's own, read there only
            marks = [w for w in words if not comparable(w)]
            if marks:
                raise ConfigError(f"{self.where}: [status.words] {', '.join(map(toml_string, marks))} has no letter or digit, and is no "
                                  "mark perfkit names, so perfkit cannot tell it from another", hint="Give status words with a letter "
                                  "or a number in them, or a mark such as ✓, ✗, ●, ○ or ▲.")
            clash = next(iter(clashes(words)), None)
            if clash:
                raise ConfigError(f"{self.where}: [status.words] gives " + " and ".join(f"{toml_string(w)} = {toml_string(n)}" for w, n in clash.items())
                                  + ", and perfkit reads those words as one", hint="Keep one of the lines.")
            scale = scale.with_synonyms(words)
        return scale


# An action plan's statuses as the RAG scale names them (perfkit.read.kinds.actions reads them back onto its own scale).
_ACTION_NAMES = {"Behind schedule": "Red", "At risk": "Amber", "On track": "Green"}
_ACTION_ONLY = {"Open"}  # an action plan's status with no RAG status to stand for (perfkit.read.kinds.actions)


def toml_string(value) -> str:
    r"""A TOML basic string for text from a workbook, as a message suggests it be typed into ``perfkit.toml``.

    Quotes and backslashes are escaped, and so is every control character (TOML allows none raw in a string,
    and a header holding one must still give a line the officer can paste).

    Examples
    --------
    >>> print(toml_string('Sept "position"'))
    "Sept \"position\""
    >>> print(toml_string("Q2\x01 status\x7f"))
    "Q2\u0001 status\u007f"
    """
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + re.sub(r"[\x00-\x08\x0a-\x1f\x7f]", lambda m: f"\\u{ord(m[0]):04x}", text) + '"'


def own_config_path(workbook) -> Path:
    """Where a workbook's own settings file goes: ``q2_return.perfkit.toml`` beside ``q2_return.xlsx``."""
    path = Path(workbook).resolve()
    return path.parent / f"{path.stem}{SUFFIX}"


def find_config(workbook) -> Path | None:
    """The settings beside a workbook: its own ``NAME.perfkit.toml`` if there is one, else the folder's ``perfkit.toml``.

    Raises
    ------
    ConfigError
        When the one found is not a regular file (a named pipe would block the read for ever, a device never end):
        refused rather than passed over, so that settings are never ignored without a word.
    """
    if workbook is None:
        return None
    for candidate in (own_config_path(workbook), Path(workbook).resolve().parent / FILENAME):
        if candidate.is_file():
            return candidate
        if candidate.exists() or candidate.is_symlink():
            raise not_a_settings_file(candidate, "beside the workbook")
    return None


def not_a_settings_file(path: Path, where: str = "") -> ConfigError:
    """The refusal of a settings file that is missing, a folder, or not a regular file (a pipe, a device, a broken link).

    Examples
    --------
    >>> print(not_a_settings_file(Path("/no/such/perfkit.toml")))
    /no/such/perfkit.toml: no such settings file
    Run `perfkit init WORKBOOK` to write one.
    """
    at = f" ({where})" if where else ""
    if path.is_dir():
        return ConfigError(f"{path}{at}: is a folder, not a settings file",
                           hint=f"Give the path of a perfkit.toml, or move the folder out of the way of {path.name}.")
    if path.exists():
        return ConfigError(f"{path}{at}: refused to read it: it is not a regular file (a pipe or a device), so perfkit "
                           "would wait on it for ever", hint="Replace it with a perfkit.toml saved as text, or remove it; "
                           "`perfkit init WORKBOOK` writes a starter.")
    if path.is_symlink():
        return ConfigError(f"{path}{at}: a link to a file that does not exist",
                           hint="Point it at the settings file, or remove it; `perfkit init WORKBOOK` writes a starter.")
    return ConfigError(f"{path}: no such settings file", hint="Run `perfkit init WORKBOOK` to write one.")


def load_config(config=None, workbook=None) -> Config:
    """Read settings from a path, a dict or a Config; with None, the ``perfkit.toml`` beside ``workbook``.

    ``config=False`` ignores any file beside the workbook. Every problem in the file is
    reported at once in one :class:`~perfkit.core.errors.ConfigError`.
    """
    if isinstance(config, Config):
        return config
    if config is False:
        return Config()
    path = None
    unused = None
    if config is None:
        path = find_config(workbook)
        if path is None:
            return Config()
        folder = path.parent / FILENAME
        if path.name != FILENAME and folder.is_file():
            unused = folder
        config = path
    if isinstance(config, (str, Path)):
        path = Path(config)
        if not path.is_file():
            raise not_a_settings_file(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path.name}: not valid TOML ({exc})", hint="Check quotes and brackets on the line named.") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{path.name}: not a text file") from None
    elif isinstance(config, dict):
        data = config
    else:
        raise ConfigError(f"config={config!r}: give a path to perfkit.toml, a dict or None")
    data, chosen = _for_workbook(data, path, workbook)
    cfg = _parse(data, path)
    if chosen is not None or unused is not None:
        cfg = replace(cfg, workbook=chosen, unused=unused)
    return cfg


def _for_workbook(data: dict, path: Path | None, workbook) -> tuple[dict, str | None]:
    """The settings for one workbook: the top level, with its ``[workbooks."NAME"]`` table laid over it."""
    tables = data.get("workbooks")
    if not isinstance(tables, dict):
        return data, None
    where = path.name if path else "config"
    for name, body in tables.items():
        if not isinstance(body, dict):
            raise ConfigError(f'{where}: [workbooks] {name!r} should be a table: [workbooks."{name}"] with the settings under it')
        wrong = [k for k in body if k not in _TOP or k == "workbooks"]
        if wrong:
            raise ConfigError(
                f'{where}: [workbooks."{name}"]: unknown setting{"s" * (len(wrong) > 1)} {", ".join(map(repr, wrong))} '
                f'(expected {", ".join(sorted(_TOP - {"workbooks"}))})',
                hint="See README: mapping a workbook perfkit does not recognise.",
            )
    base = {k: v for k, v in data.items() if k != "workbooks"}
    if workbook is None:
        return base, None
    wb = Path(workbook)
    chosen = next((n for n in (wb.name, wb.stem) if n in tables), None)
    if chosen is None:
        folded = {str(n).casefold(): n for n in tables}
        chosen = folded.get(wb.name.casefold()) or folded.get(wb.stem.casefold())
    if chosen is None:
        return base, None
    return _merge(base, tables[chosen]), chosen


def _merge(base: dict, over: dict) -> dict:
    """``over`` laid over ``base``, table by table (a sheet's columns are added to, not replaced)."""
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def value_problems(measures: dict, briefing: dict) -> list[str]:
    """What is wrong with the values of ``[measures]`` and ``[briefing]`` that every run would otherwise publish.

    A tolerance is how far from target still counts as on target: a number or a percentage, never
    negative (``tolerance = -5`` would turn every measure on target red). A council's name, a meeting
    date and a period are each one piece of text (``council = ["a", "b"]`` would be printed as a list).

    Examples
    --------
    >>> for line in value_problems({"tolerance": -5}, {"council": ["a", "b"]}):
    ...     print(line.split(":")[0])
    [measures] tolerance = -5
    [briefing] council = ['a', 'b']
    >>> value_problems({"tolerance": "5%"}, {"council": "Ynys Môn"})
    []
    >>> value_problems({}, {"date": "31/31/2024"})[0].split(":")[0]
    "[briefing] date = '31/31/2024' is not a date"
    """
    out = []
    how = 'write it like tolerance = "5%" (of the target) or tolerance = 2 (in the measure\'s unit)'
    tol = measures.get("tolerance")
    if tol is not None and tol != "":
        parsed = parse_number(tol) if isinstance(tol, (int, float, str)) else None
        if parsed is None or parsed.value is None or parsed.value != parsed.value or abs(parsed.value) == float("inf"):
            out.append(f"[measures] tolerance = {tol!r} is not a number or a percentage; {how}")
        elif parsed.value < 0:
            out.append(f"[measures] tolerance = {tol!r}: a tolerance is how far from target still counts as on target, so it cannot "
                       f"be negative; {how}")
    examples = {"council": '"Northbrook District Council"', "date": "2024-11-05", "period": '"2024/25 Q2"', "by": '"directorate"'}
    for key, example in examples.items():
        value = briefing.get(key)
        if value is None:
            continue
        ok = isinstance(value, str) and value.strip() != "" or key == "date" and isinstance(value, (_dt.date, _dt.datetime))
        if not ok:
            what = {"council": "the council's name as one piece of text in quotes", "date": "the meeting's date",
                    "period": "the quarter in quotes", "by": "the column (or sheet) to group the figures by, in quotes"}[key]
            out.append(f"[briefing] {key} = {value!r}: write {what}, e.g. {key} = {example}")
        elif key == "date":
            try:
                meeting_date(value)
            except PeriodError:
                out.append(f"[briefing] date = {value!r} is not a date: write the meeting's date day first in quotes, "
                           f'e.g. date = "5/11/2024", or as a TOML date, e.g. date = {example}')
    return out


def _parse(data: dict, path: Path | None) -> Config:
    where = path.name if path else "config"
    problems: list[str] = []

    def unknown(section: str, got: dict, allowed: set) -> None:
        for k in got:
            if k not in allowed:
                problems.append(f"{section}: unknown setting {k!r} (expected {', '.join(sorted(allowed))})")

    def table(value, section) -> dict:
        if value is None:
            return {}
        if not isinstance(value, dict):
            problems.append(f"{section}: should be a table of settings")
            return {}
        return value

    unknown("top level", data, _TOP)
    status = table(data.get("status"), "[status]")
    unknown("[status]", status, _STATUS)
    polarity = table(data.get("polarity"), "[polarity]")
    unknown("[polarity]", polarity, _POLARITY)
    measures = table(data.get("measures"), "[measures]")
    unknown("[measures]", measures, _MEASURES)
    briefing = table(data.get("briefing"), "[briefing]")
    unknown("[briefing]", briefing, _BRIEFING)
    risks = table(data.get("risks"), "[risks]")
    unknown("[risks]", risks, _RISKS)
    if risks.get("bands") is not None and not isinstance(risks["bands"], str):
        problems.append('[risks] bands: write the bands in quotes, e.g. bands = "1-6 Low, 8-12 Medium, 15-25 High"')
    fills = measures.get("fills", "status")
    if fills not in ("status", "ignore"):
        problems.append(f'[measures] fills = {fills!r}: say "status" (the colours of figure cells are the services\' status) or "ignore"')
    appetite = risks.get("appetite")
    if appetite is not None and (isinstance(appetite, bool) or not isinstance(appetite, (int, float)) or appetite <= 0):
        problems.append("[risks] appetite: give the highest score the council accepts after mitigation as a number, e.g. appetite = 6")
        appetite = None
    problems += value_problems(measures, briefing)
    sheets = {}
    for name, body in table(data.get("sheets"), "[sheets]").items():
        body = table(body, f'[sheets."{name}"]')
        unknown(f'[sheets."{name}"]', body, _SHEET)
        hr = body.get("header_row")
        if hr is not None and (not isinstance(hr, int) or hr < 1):
            problems.append(f'[sheets."{name}"] header_row = {hr!r}: give the row number as Excel shows it (1, 2, 3...)')
            hr = None
        columns = table(body.get("columns"), f'[sheets."{name}".columns]')
        for header, target in columns.items():
            if not isinstance(target, str):
                problems.append(f'[sheets."{name}".columns] {header!r} = {target!r}: write the field in quotes, e.g. "title"')
        for key in ("period", "prefix", "year"):
            if body.get(key) is not None and not isinstance(body.get(key), (str, int)):
                problems.append(f'[sheets."{name}"] {key} = {body.get(key)!r}: write it in quotes, e.g. {_EXAMPLES[key]}')
        hidden = body.get("hidden_rows", "read")
        if hidden not in ("read", "leave out"):
            problems.append(f'[sheets."{name}"] hidden_rows = {hidden!r}: write "leave out" (rows Excel hides are not items) or "read"')
            hidden = "read"
        if isinstance(body.get("period"), str) and body["period"].strip() and not _a_period(body["period"]):
            problems.append(f'[sheets."{name}"] period = {body["period"]!r}: write the quarter it reports like "2024/25 Q2"')
        sheets[name] = SheetConfig(
            name, kind=body.get("kind") or None, header_row=hr, columns={k: v for k, v in columns.items() if isinstance(v, str)},
            year=_str(body.get("year")) or None, period=_str(body.get("period")) or None, prefix=_str(body.get("prefix")) or None,
            hidden_rows=hidden,
        )
    words = {str(k): str(v) for k, v in table(status.get("words"), "[status.words]").items() if v not in ("", None)}
    pwords = {}
    for k, v in table(polarity.get("words"), "[polarity.words]").items():
        if v in ("", None):
            continue
        if str(v).lower() not in ("higher", "lower", "range", "none"):
            problems.append(f"[polarity.words] {k!r} = {v!r}: say higher, lower, range or none")
        else:
            pwords[str(k)] = str(v).lower()
    mpol = {}
    for k, v in table(measures.get("polarity"), "[measures.polarity]").items():
        if str(v).lower() not in ("higher", "lower", "range", "none"):
            problems.append(f"[measures.polarity] {k!r} = {v!r}: say higher, lower, range or none")
        else:
            mpol[str(k)] = str(v).lower()
    pdefault = polarity.get("default")
    if pdefault is not None and str(pdefault).lower() not in ("higher", "lower", "none"):
        problems.append(f"[polarity] default = {pdefault!r}: say higher, lower or none")
    limits = _limits(table(data.get("limits"), "[limits]"), problems)
    if problems:
        raise ConfigError(
            f"{where}: {len(problems)} setting{'s' * (len(problems) != 1)} to correct:\n" + "\n".join(f"  {p}" for p in problems),
            [Problem(where, "", "", p) for p in problems],
            hint="See README: mapping a workbook perfkit does not recognise.",
        )
    return Config(
        path=path, year=_str(data.get("year")) or None, columns=dict(table(data.get("columns"), "[columns]")), sheets=sheets,
        scale=_str(status.get("scale")), status_words=words, polarity_words=pwords,
        polarity_default=str(pdefault).lower() if pdefault else None, measure_polarity=mpol, tolerance=_str(measures.get("tolerance")),
        figure_fills=fills if fills in ("status", "ignore") else "status", briefing=dict(briefing), comparators=dict(table(data.get("comparators"), "[comparators]")), limits=limits,
        risk_bands=_str(risks.get("bands")) or None, risk_appetite=float(appetite) if appetite is not None else None,
        references=_measure_references(measures),
    )


def _measure_references(measures: dict) -> dict:
    """The measures ``[measures]`` names by reference or name: the cumulative list, and the keys of its profiles and roll-ups
    (their ``default`` aside).

    Examples
    --------
    >>> _measure_references({"cumulative": ["CT1", "K99"], "rollup": {"default": "sum", "HS4": "last"}})
    {'measures': {'[measures] cumulative': ('CT1', 'K99'), '[measures.rollup]': ('HS4',)}}
    """
    cumulative = measures.get("cumulative")
    named = {
        "[measures] cumulative": tuple(str(c) for c in ([cumulative] if isinstance(cumulative, str) else cumulative or [])
                                       if isinstance(cumulative, (str, list))),
        "[measures.profiles]": tuple(str(k) for k in (measures.get("profiles") or {}) if isinstance(measures.get("profiles"), dict)),
        "[measures.rollup]": tuple(str(k) for k in (measures.get("rollup") or {})
                                   if isinstance(measures.get("rollup"), dict) and str(k) != "default"),
        "[measures.polarity]": tuple(str(k) for k in (measures.get("polarity") or {}) if isinstance(measures.get("polarity"), dict)),
    }
    named = {k: v for k, v in named.items() if v}
    return {"measures": named} if named else {}


def _limits(given: dict, problems: list[str]) -> dict:
    """The ``[limits]`` table checked: known names, positive numbers (whole where the limit counts things)."""
    out = {}
    for key, value in given.items():
        if key not in LIMITS:
            problems.append(f"[limits]: unknown setting {key!r} (expected {', '.join(LIMITS)})")
            continue
        whole = key in _WHOLE_LIMITS
        ok = isinstance(value, int) if whole else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok or not 0 < value < float("inf"):
            example = _LIMIT_EXAMPLES.get(key, "500")
            problems.append(f"[limits] {key} = {value!r}: give a positive {'whole ' if whole else ''}number, e.g. {key} = {example}")
            continue
        out[key] = value
    return out


def _a_period(value: str) -> bool:
    """Whether a sheet's ``period`` reads as a period (``Q2`` alone takes the sheet's year)."""
    if re.fullmatch(r"(?i)\s*(?:q|qtr|quarter)\s*[1-4]\s*|\s*(?:h|half)\s*[12]\s*", value):
        return True
    try:
        parse_span(value)
    except PeriodError:
        return False
    return True


_EXAMPLES = {"period": 'period = "2024/25 Q2"', "prefix": 'prefix = "Q3 "', "year": 'year = "2024/25"'}


def _str(v) -> str | None:
    return None if v is None else str(v)


def own_key(keys, ident, name, sheet: str = "") -> str | None:
    """The key among a setting's ``keys`` that names this measure: its reference, its name, or its reference after its
    directorate's name (``"Resources 1"``, as perfkit reads a reference that two directorates' tabs both use) where the
    measure's sheet is that directorate's; None where none does.

    Examples
    --------
    >>> own_key({"Resources 1": [1, 2, 3, 4]}, "1", "Council tax collected", "Resources"), own_key({"Adults 1": 0}, "1", "x", "Resources")
    ('Resources 1', None)
    """
    for key in (ident, name):
        if key in keys:
            return key
    ident, low = str(ident), sheet.lower()
    if not ident or not low:
        return None
    return next((k for k in keys if isinstance(k, str) and k.endswith(" " + ident)
                 and (own := k[:-len(ident) - 1].strip().lower()) and own in low), None)
