"""The committee appendix workbook: milestones and measures with status cells filled and worded.

Written with openpyxl: a frozen header row, filters on every column, widths set,
and any cell text that starts with ``=``, ``+``, ``-`` or ``@`` stored as text
with Excel's quote prefix, so that it cannot run as a formula when opened.

Examples
--------
>>> from perfkit.appendix import safe_text
>>> safe_text("=HYPERLINK(\\"http://x\\")")
('=HYPERLINK("http://x")', True)
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .paths import atomic_path
from .periods import period_label
from .safety import formula_risk

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value) -> tuple[object, bool]:
    """(value, needs quote prefix): text that Excel would read as a formula is flagged (:func:`perfkit.safety.formula_risk`)."""
    return value, formula_risk(value)


def _write(ws, frame: pd.DataFrame, status_cols, scale) -> None:
    headers = list(frame.columns)
    ws.append([h.replace("_", " ").capitalize() for h in headers])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for record in frame.itertuples(index=False):
        row = []
        for v in record:
            if isinstance(v, pd.Period):
                v = period_label(v)
            elif v is None or (not isinstance(v, str) and pd.isna(v)):
                v = None
            elif isinstance(v, pd.Timestamp):
                v = v.to_pydatetime().date()
            row.append(v)
        ws.append(row)
    for r in ws.iter_rows(min_row=2):
        for cell in r:
            value, quote = safe_text(cell.value)
            if quote:
                cell.value = value
                cell.data_type = "s"
                cell.quotePrefix = True
            if headers[cell.column - 1] in status_cols and isinstance(cell.value, str) and cell.value in scale.names:
                s = scale[cell.value]
                cell.fill = PatternFill("solid", fgColor=s.colour.lstrip("#").upper())
                cell.font = Font(bold=True, color=s.text_colour.lstrip("#").upper())
            if headers[cell.column - 1] in ("commentary", "title", "name"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for i, h in enumerate(headers, start=1):
        width = {"title": 50, "name": 45, "commentary": 60, "lead": 28, "priority": 28}.get(h, 14)
        ws.column_dimensions[get_column_letter(i)].width = width


def write_appendix(fig, path) -> Path:
    """Write the quarter's milestones and measures to an appendix workbook (atomically)."""
    wb = Workbook()
    wb.remove(wb.active)
    if fig.milestones is not None:
        ms = fig.milestones[fig.milestones["period"] == fig.period]
        cols = [c for c in ("milestone_id", "title", "priority", "lead", "due_date", "period", "status", "commentary") if c in ms]
        _write(wb.create_sheet("Milestones"), ms[cols], {"status"}, fig.scale)
    if fig.measures is not None:
        kp = fig.measures[fig.measures["period"] == fig.period]
        cols = [c for c in ("measure_id", "name", "priority", "unit", "polarity", "target", "actual", "status", "reported_status", "commentary") if c in kp]
        _write(wb.create_sheet("Measures"), kp[cols], {"status", "reported_status"}, fig.scale)
    path = Path(path)
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
