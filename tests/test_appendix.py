import openpyxl

import perfkit
from perfkit.appendix import write_appendix


def test_appendix_workbook(sample_path, tmp_path):
    frames = perfkit.read_workbook(sample_path)
    ms = frames["milestones"].copy()
    q1 = ms.index[ms["period"] == perfkit.parse_period("2023/24 Q1")][:3]
    for i, text in zip(q1, ["=HYPERLINK(\"http://example.invalid\",\"click\")", "-5 days behind", "@SUM(A1)"]):
        ms.loc[i, "commentary"] = text
    fig = perfkit.quarter_figures(ms, frames["measures"], "2023/24 Q1")
    path = write_appendix(fig, tmp_path / "appendix.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Milestones", "Measures"]
    ws = wb["Milestones"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    headers = [c.value for c in ws[1]]
    col = headers.index("Commentary") + 1
    for r in (2, 3, 4):
        cell = ws.cell(row=r, column=col)
        assert cell.data_type == "s" and cell.quotePrefix, cell.value
    assert ws.cell(row=2, column=col).value.startswith("=HYPERLINK")
    status = ws.cell(row=2, column=headers.index("Status") + 1)
    assert status.value in perfkit.DEFAULT_SCALE.names and status.fill.fgColor.rgb.endswith(perfkit.DEFAULT_SCALE[status.value].colour.lstrip("#").upper())
    # the values read back as text, never as formulas
    values = perfkit.read_milestones(path, sheet="Milestones", columns={"Milestone id": "milestone_id", "Period": "period"})
    assert values.commentary.iloc[0].startswith("=HYPERLINK")
