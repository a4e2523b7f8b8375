"""The committee appendix workbook: milestones and measures with status cells filled and worded.

Written with openpyxl: a frozen header row, filters on every column, widths set,
and any cell text that starts with ``=``, ``+``, ``-`` or ``@`` stored as text
with Excel's quote prefix, so that it cannot run as a formula when opened.

Sheets: *Milestones* (every milestone, by priority and any objective / strategy /
tactic, with this and last quarter's status), *Measures* (the columns of the
briefing's measures table, by priority), *Needs attention* (the whole attention
list, which the briefing shortens when it is long) and, when anything had to be
changed to fit Excel, *Notes*. Periods are written ``2023/24 Q2``. Text longer than
a cell holds (32,767 characters) is cut with a marker saying so, listed on the
Notes sheet and returned as a warning, never cut silently.

Examples
--------
>>> from perfkit.publish.appendix import safe_text
>>> safe_text("=HYPERLINK(\\"http://x\\")")
('=HYPERLINK("http://x")', True)
"""

from __future__ import annotations

from perfkit.core.schema import EXCEL_CELL_LIMIT

from copy import copy
from pathlib import Path

import numpy as np
import pandas as pd

from perfkit.core.errors import Problem
from perfkit.present.text import BIDI_CONTROLS, CONTROLS, strip_bidi
from perfkit.core.paths import atomic_path
from perfkit.core.periods import financial_year, period_label
from perfkit.read.safety import FORMULA_START, formula_risk, neutralise
from perfkit.analyse.actions import latest_up_to, scale_of, cadence_of
from perfkit.read.kinds.actions import period_text
from perfkit.core.periods import parse_span
from perfkit.core.status import DEFAULT_SCALE
from perfkit.present.annual_report import report_kind
from perfkit.analyse import annual
from perfkit.analyse.figures import measure_position, milestone_position
from perfkit.analyse.trends import item_key
from perfkit.analyse.risks import assessment, assessment_for

def safe_text(value) -> tuple[object, bool]:
    r"""(value, stored as text): text that Excel would read as a formula, at its start or at the start of any line in it
    (:func:`perfkit.read.safety.formula_risk`), is flagged, to be stored as text with Excel's quote prefix; a line
    inside the cell that would start one gets a leading ``'``, as in the CSVs (:func:`perfkit.read.safety.neutralise`).

    Examples
    --------
    >>> safe_text("Done\n=cmd|' /C calc'!A0"), safe_text("On track")
    (("Done\n'=cmd|' /C calc'!A0", True), ('On track', False))
    """
    if not formula_risk(value):
        return value, False
    safe = neutralise(value)
    return (safe[1:] if value.startswith(FORMULA_START) else safe), True  # the cell's start: the quote prefix, unseen


HEADERS = {"milestone_id": "Ref", "measure_id": "Ref", "title": "Milestone", "name": "Measure", "due_date": "Due date",
           "last_quarter": "Last quarter", "last_year": "Same quarter last year", "outturn": "Last year's outturn",
           "reported_status": "Status reported by the service", "quarters_in_status": "Quarters in status"}
STATUS_COLUMNS = {"status", "reported_status", "last_status"}


def _cell_value(v):
    if isinstance(v, pd.Period):
        return period_label(v)
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime().date()
    if isinstance(v, (bool, np.bool_)):
        return "Yes" if v else "No"
    if isinstance(v, np.generic):
        return v.item()
    return v


def _column_values(series: pd.Series) -> list:
    """A column as the values a cell takes, converted once per column: labels for periods, dates, Yes/No, None for missing."""
    if isinstance(series.dtype, pd.PeriodDtype):
        return [None if pd.isna(v) else period_label(v) for v in series]
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return [None if pd.isna(v) else v.date() for v in series]
    if pd.api.types.is_bool_dtype(series.dtype):
        return ["Yes" if v else "No" for v in series]
    values = series.astype(object)
    values = values.where(values.notna(), None).tolist()
    return [v.translate(EXCEL_TEXT) if isinstance(v, str) else _cell_value(v) if v is not None else None for v in values]


#: What text loses on its way into a cell: the bidirectional controls, and the C0 and C1 control characters
#: (:data:`perfkit.present.text.CONTROLS`: an escape sequence, a NUL, the CSI ``\x9b``), a vertical tab, form feed or NEL
#: (pasted from Word) kept as a line break; tab, newline and carriage return stay.
EXCEL_TEXT = {**BIDI_CONTROLS, **CONTROLS, 0xFFFE: None, 0xFFFF: None}


def _fit(value, where: str, column: str, problems: list) -> object:
    if isinstance(value, str):
        value = strip_bidi(value)
        if len(value) > EXCEL_CELL_LIMIT:
            marker = f" [cut: {len(value):,} characters in all, more than an Excel cell holds; see the workbook the figures came from]"
            problems.append(Problem(where, column, len(value), f"{column} of {len(value):,} characters cut to Excel's {EXCEL_CELL_LIMIT:,}", "warning"))
            value = value[: EXCEL_CELL_LIMIT - len(marker)] + marker
    return value


def write_sheet(ws, frame: pd.DataFrame, scale, headers: dict | None = None, problems: list | None = None, status_columns=None) -> None:
    """Rows into a write-only sheet (fast and lean for tens of thousands of rows): styled header, status fills, text kept as text.

    ``status_columns`` names the columns whose words are filled with their status colour
    (default: those of :data:`STATUS_COLUMNS`).
    """
    from openpyxl.cell import WriteOnlyCell  # deferred: a briefing imports this module, and writes an appendix only when asked
    from openpyxl.styles import Alignment, Font, PatternFill  # deferred: a briefing imports this module, and writes an appendix only when asked
    from openpyxl.utils import get_column_letter  # deferred: a briefing imports this module, and writes an appendix only when asked

    problems = [] if problems is None else problems
    names = list(frame.columns)
    titles = {**HEADERS, **(headers or {})}
    for i, h in enumerate(names, start=1):
        width = {"title": 50, "name": 45, "commentary": 60, "lead": 28, "priority": 28, "objective": 24, "strategy": 24, "tactic": 24}.get(h, 14)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(len(names), 1))}{len(frame) + 1}"
    bold = Font(bold=True)
    head = []
    for h in names:
        c = WriteOnlyCell(ws, value=titles.get(h, h.replace("_", " ").capitalize()))
        c.font = bold
        head.append(c)
    ws.append(head)
    protos: dict = {}

    def style(status, wrapped: bool, quote: bool):
        """The style of a cell kind, made once: setting styles cell by cell costs more than writing the cells."""
        k = (status, wrapped, quote)
        if k not in protos:
            c = WriteOnlyCell(ws)
            if status is not None:
                st = scale[status]
                c.fill = PatternFill("solid", fgColor=st.colour.lstrip("#").upper())
                c.font = Font(bold=True, color=st.text_colour.lstrip("#").upper())
            if wrapped:
                c.alignment = Alignment(wrap_text=True, vertical="top")
            if quote:
                c.quotePrefix = True
            protos[k] = c._style
        return protos[k]

    known = set(scale.names)
    status_at = {j for j, h in enumerate(names) if h in (STATUS_COLUMNS if status_columns is None else status_columns)}
    wrap_at = {j for j, h in enumerate(names) if h == "commentary"}
    columns = [_column_values(frame[name]) for name in names]
    for i, record in enumerate(zip(*columns), start=2):
        row = []
        for j, v in enumerate(record):
            value, quote = safe_text(v)
            if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
                value = _fit(value, f"{ws.title}!{get_column_letter(j + 1)}{i}", names[j], problems)
            status = v if (j in status_at and isinstance(v, str) and v in known) else None
            wrapped = j in wrap_at and isinstance(v, str) and len(v) > 40
            if not (quote or status or wrapped):
                row.append(value)
                continue
            c = WriteOnlyCell(ws, value=value)
            if quote:
                c.data_type = "s"
            c._style = copy(style(status, wrapped, quote))
            row.append(c)
        ws.append(row)


def _filled(values: pd.Series) -> bool:
    """Whether a column says anything: a column blank or empty text in every row is left out of the appendix."""
    present = values.notna()
    if values.dtype == object or str(values.dtype) in ("str", "string"):
        present &= values.astype(str).str.strip().ne("")
    return bool(present.any())


def _basis_text(basis, compared_with) -> str | None:
    """What a measure's direction was worked out against, as the appendix says it: ``2024/25 Q1``, ``its profile``."""
    if basis is None or compared_with is None or (not isinstance(basis, str) and pd.isna(basis)):
        return None
    if basis == "profile":
        return f"its profile ({period_label(compared_with)} against its target then)"
    return period_label(compared_with)


def write_appendix(fig, path, problems: list | None = None) -> Path:
    """Write the quarter's milestones, measures and attention list to an appendix workbook (atomically).

    Parameters
    ----------
    fig : perfkit.analyse.figures.Figures
    path : str or Path
    problems : list, optional
        Receives a warning :class:`~perfkit.core.errors.Problem` for each cell whose text had
        to be cut to fit Excel (also listed on the workbook's Notes sheet).

    Examples
    --------
    >>> write_appendix(fig, "reports/appendix.xlsx")  # doctest: +SKIP
    """

    found: list = []
    label, prev = period_label(fig.period), period_label(fig.previous)
    from openpyxl import Workbook  # deferred: a briefing imports this module, and writes an appendix only when asked

    wb = Workbook(write_only=True)
    if fig.milestones is not None:
        ms = milestone_position(fig)
        key = item_key(ms)
        cols = [c for c in (key, "title", "priority", "objective", "strategy", "tactic", "directorate", "lead", "due_date",
                            "overdue", "status", "last_status", "commentary") if c in ms and (c in (key, "title", "status") or _filled(ms[c]))]
        made = fig.extra.get("generated", frozenset())  # references perfkit made up for rows with none: not the committee's
        ms = ms.assign(**{key: [None if str(r) in made else r for r in ms[key]]}) if made else ms
        write_sheet(wb.create_sheet("Milestones"), ms[cols], fig.scale,
               {"status": f"Status {label}", "last_status": f"Status {prev}", "overdue": "Overdue"}, found)
    if fig.measures is not None:
        kp = measure_position(fig)
        made = fig.extra.get("generated", frozenset())
        if made:
            kp = kp.assign(measure_id=[None if str(r) in made else r for r in kp["measure_id"]])
        if "basis" in kp:  # what each direction was worked out against, where it is not the quarter before
            kp = kp.assign(direction_basis=[_basis_text(b, w) for b, w in zip(kp["basis"], kp["compared_with"])])
        cols = [c for c in ("measure_id", "name", "priority", "directorate", "unit", "polarity", "frequency", "target", "target_low", "target_high",
                            "actual", "last_quarter", "last_year", "outturn", "status", "direction", "direction_basis", "reported_status",
                            "commentary") if c in kp]
        cols = [c for c in cols if c in ("measure_id", "name", "status", "actual") or _filled(kp[c])]
        write_sheet(wb.create_sheet("Measures"), kp[cols], fig.scale,
               {"actual": label, "last_quarter": prev, "last_year": period_label(fig.period - 4),
                "outturn": f"{financial_year(fig.period - 4)} outturn", "direction": "Direction of travel",
                "direction_basis": "Compared with", "target_low": "Target from", "target_high": "Target to"}, found)
    if fig.attention is not None and len(fig.attention):
        a = fig.attention.drop(columns=[c for c in ("source",) if c in fig.attention])
        write_sheet(wb.create_sheet("Needs attention"), a, fig.scale, {"since": "In this status since"}, found)
    if found:
        notes = pd.DataFrame({"cell": [p.source for p in found], "note": [p.message for p in found]})
        write_sheet(wb.create_sheet("Notes"), notes, fig.scale)
    if problems is not None:
        problems.extend(found)
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def write_actions_appendix(actions: pd.DataFrame, period, path) -> Path:
    """The committee appendix workbook: every action at a period, statuses filled and worded, text safe from formulas."""


    p = latest_up_to(actions, period)
    scale = scale_of(actions)
    now = actions[actions["period"] == p]
    cols = [c for c in ("action_id", "action", "group", "lead", "due_date", "period", "status", "progress", "commentary")
            if c in now and (c in ("action_id", "action", "period", "status") or _filled(now[c]))]
    frame = now[cols].copy()
    made = set(map(str, actions.attrs.get("generated_ids", ())))  # references perfkit made up: not the committee's
    frame["action_id"] = [None if str(r) in made else r for r in frame["action_id"]]
    frame["period"] = [period_text(x, cadence_of(actions)) for x in frame["period"]]
    frame["status"] = frame["status"].astype(object)
    from openpyxl import Workbook  # deferred: a briefing imports this module, and writes an appendix only when asked

    wb = Workbook()
    wb.remove(wb.active)
    write_sheet(wb.create_sheet("Actions"), frame, scale, status_columns={"status"})
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def write_risks_appendix(risks: pd.DataFrame, period, path) -> Path:
    """The committee appendix workbook of a risk register briefing: every risk at the assessment reported, before and
    after mitigation, with its target, in the register's own bands; text safe from formulas, as in the other appendices.

    Examples
    --------
    >>> write_risks_appendix(read_risks("register.xlsx"), "2024/25 Q2", "reports/risks.xlsx")  # doctest: +SKIP
    """
    p = assessment_for(risks, period)
    now, _, _ = assessment(risks, p)
    cols = [c for c in ("risk_id", "title", "owner", "inherent_impact", "inherent_likelihood", "inherent_score", "inherent_rating",
                        "mitigation", "residual_impact", "residual_likelihood", "residual_score", "residual_rating", "target_score",
                        "target_rating") if c in now and (c in ("risk_id", "title") or now[c].notna().any())]
    frame = now[cols].copy()
    if "risk_id" in frame:
        made = set(map(str, risks.attrs.get("generated_ids", ())))
        frame["risk_id"] = [None if str(r) in made else r for r in frame["risk_id"]]
    for c in frame.columns:
        if isinstance(frame[c].dtype, pd.CategoricalDtype):
            frame[c] = frame[c].astype(object)
    from openpyxl import Workbook  # deferred: a briefing imports this module, and writes an appendix only when asked

    wb = Workbook()
    wb.remove(wb.active)
    label = period_label(p) if p is not None else "the register"
    headers = {"risk_id": "Ref", "title": "Risk", "owner": "Owner", "inherent_impact": "Impact before", "inherent_likelihood": "Likelihood before",
               "inherent_score": "Score before", "inherent_rating": "Rating before", "mitigation": "Mitigation",
               "residual_impact": "Impact after", "residual_likelihood": "Likelihood after", "residual_score": "Score after",
               "residual_rating": "Rating after", "target_score": "Target score", "target_rating": "Target rating"}
    write_sheet(wb.create_sheet(f"Risks {label}"[:31].replace("/", "-")), frame, DEFAULT_SCALE, headers, status_columns=set())
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def write_annual_appendix(frames: dict, period, path) -> Path:
    """The committee appendix workbook of the year's (or half-year's) figures: outturns, checks and forecasts.

    Statuses are filled and worded, and text that Excel would run as a formula is stored as text,
    as in the quarterly appendix (:mod:`perfkit.publish.appendix`).
    """


    kind = report_kind(period)
    from openpyxl import Workbook  # deferred: a briefing imports this module, and writes an appendix only when asked

    wb = Workbook()
    wb.remove(wb.active)
    kp = frames.get("measures")
    if kp is not None and len(kp) and kind in ("year", "half"):
        st = annual.annual_status(kp, period, kind=kind)
        cols = ["measure_id", "name", "unit", "polarity", "label", "actual", "target", "status", "previous", "direction", "next_target", "basis", "source"]
        write_sheet(wb.create_sheet("Outturns" if kind == "year" else "Indicators"), st[cols].rename(columns={"label": "period", "actual": "outturn"}),
               DEFAULT_SCALE, status_columns={"status"})
        write_sheet(wb.create_sheet("Checks"), annual.officer_disagreements(st), DEFAULT_SCALE, status_columns=set())
        end = parse_span(period).end
        if kind == "half" and end.quarter == 2:
            f = annual.forecast_year_end(kp, end)
            write_sheet(wb.create_sheet("Forecast"), f[["measure_id", "name", "unit", "actual", "annual_target", "forecast", "method", "forecast_status", "label"]],
                   DEFAULT_SCALE, status_columns={"forecast_status"})
    if not wb.sheetnames:
        wb.create_sheet("Outturns").append(["The workbook has no measures for this period."])
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
