import re

import openpyxl

import perfkit
from perfkit.publish.appendix import write_appendix


def test_appendix_workbook(sample_path, tmp_path):
    frames = perfkit.read_workbook(sample_path)
    ms = frames["milestones"].copy()
    q1 = ms.index[ms["period"] == perfkit.parse_period("2023/24 Q1")][:3]
    for i, text in zip(q1, ["=HYPERLINK(\"http://example.invalid\",\"click\")", "-5 days behind", "@SUM(A1)"]):
        ms.loc[i, "commentary"] = text
    fig = perfkit.quarter_figures(ms, frames["measures"], "2023/24 Q1")
    path = write_appendix(fig, tmp_path / "appendix.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Milestones", "Measures", "Needs attention"]
    ws = wb["Milestones"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    headers = [c.value for c in ws[1]]
    col = headers.index("Commentary") + 1
    for r in (2, 3, 4):
        cell = ws.cell(row=r, column=col)
        assert cell.data_type == "s" and cell.quotePrefix, cell.value
    assert ws.cell(row=2, column=col).value.startswith("=HYPERLINK")
    status = ws.cell(row=2, column=headers.index("Status 2023/24 Q1") + 1)
    assert status.value in perfkit.DEFAULT_SCALE.names and status.fill.fgColor.rgb.endswith(perfkit.DEFAULT_SCALE[status.value].colour.lstrip("#").upper())
    # the values read back as text, never as formulas
    import pandas as pd

    values = pd.read_excel(path, sheet_name="Milestones", engine="calamine")
    assert values["Commentary"].iloc[0].startswith("=HYPERLINK")


def test_sheets_are_grouped_with_earlier_figures_and_period_labels(sample_path, tmp_path):
    frames = perfkit.read_workbook(sample_path)
    fig = perfkit.quarter_figures(frames["milestones"], frames["measures"], "2023/24 Q2")
    wb = openpyxl.load_workbook(write_appendix(fig, tmp_path / "a.xlsx"))
    ms = wb["Milestones"]
    headers = [c.value for c in ms[1]]
    assert {"Ref", "Milestone", "Lead", "Due date", "Status 2023/24 Q2", "Status 2023/24 Q1", "Commentary"} <= set(headers)
    priorities = [r[headers.index("Priority")] for r in ms.iter_rows(min_row=2, values_only=True)]
    assert priorities == sorted(priorities, key=priorities.index), "each priority's milestones together"
    kp = [c.value for c in wb["Measures"][1]]
    assert {"2023/24 Q2", "2023/24 Q1", "2022/23 Q2", "2022/23 outturn", "Direction of travel", "Compared with"} <= set(kp)
    since = [c.value for c in wb["Needs attention"][1]].index("In this status since")
    values = [r[since] for r in wb["Needs attention"].iter_rows(min_row=2, values_only=True)]
    assert values and all(re.fullmatch(r"\d{4}/\d{2} Q[1-4]", v) for v in values)
    for ws in wb:
        for row in ws.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and re.fullmatch(r"\d{4}Q[1-4]", v) for v in row)


def test_text_longer_than_excel_holds_is_reported_not_cut_silently(sample_path, tmp_path):
    frames = perfkit.read_workbook(sample_path)
    ms = frames["milestones"].copy()
    i = ms.index[ms["period"] == perfkit.parse_period("2023/24 Q2")][0]
    ms.loc[i, "commentary"] = "word " * 8000  # 40,000 characters
    fig = perfkit.quarter_figures(ms, None, "2023/24 Q2")
    problems = []
    wb = openpyxl.load_workbook(write_appendix(fig, tmp_path / "a.xlsx", problems))
    # the milestone is cut wherever the appendix shows it (the milestones sheet, and the attention list if it is there)
    assert problems and all(p.severity == "warning" and "40,000 characters" in p.message for p in problems)
    mine = [p for p in problems if p.source.startswith("Milestones!")]
    assert len(mine) == 1
    cell = wb["Milestones"][mine[0].source.split("!")[1]]
    assert len(cell.value) == 32_767 and cell.value.endswith("more than an Excel cell holds; see the workbook the figures came from]")
    notes = [r for r in wb["Notes"].iter_rows(min_row=2, values_only=True)]
    assert notes == [(p.source, p.message) for p in problems]


def test_bidi_controls_do_not_reach_the_workbook(sample_path, tmp_path):
    frames = perfkit.read_workbook(sample_path)
    ms = frames["milestones"].copy()
    i = ms.index[ms["period"] == perfkit.parse_period("2023/24 Q2")][0]
    ms.loc[i, "commentary"] = "safe \u202etxt.exe\u202c end"
    wb = openpyxl.load_workbook(write_appendix(perfkit.quarter_figures(ms, None, "2023/24 Q2"), tmp_path / "a.xlsx"))
    text = " ".join(str(v) for r in wb["Milestones"].iter_rows(values_only=True) for v in r)
    assert "safe txt.exe end" in text and "\u202e" not in text


def test_a_formula_at_the_start_of_a_line_inside_a_cell_is_neutralised_and_c1_controls_are_taken_out(sample_path, tmp_path):
    """The appendix kept `=cmd...` after a line break inside a cell, and C1 controls (the CSI \\x9b) as they were."""
    frames = perfkit.read_workbook(sample_path)
    ms = frames["milestones"].copy()
    q1 = ms.index[ms["period"] == perfkit.parse_period("2023/24 Q1")][:3]
    texts = ["On track\n=cmd|' /C calc'!A0", "ok\x9b31m red\x85@SUM(1)", "=1+1\r\n+2"]
    for i, text in zip(q1, texts):
        ms.loc[i, "commentary"] = text
    fig = perfkit.quarter_figures(ms, frames["measures"], "2023/24 Q1")
    ws = openpyxl.load_workbook(write_appendix(fig, tmp_path / "appendix.xlsx"))["Milestones"]
    col = [c.value for c in ws[1]].index("Commentary") + 1
    cells = [ws.cell(row=r, column=col) for r in (2, 3, 4)]
    assert [c.value for c in cells] == ["On track\n'=cmd|' /C calc'!A0", "ok31m red\n'@SUM(1)", "=1+1\r\n'+2"]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
