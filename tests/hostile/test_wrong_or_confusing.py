"""Issue 20's cases of "wrong without a warning" and "confusing": each is read right, warned about naming its cell, or
refused in one line that says what to type. Every workbook is built here (hostile_builders.py or openpyxl).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import hostile_builders as hb
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

import perfkit
from perfkit import (
    ConfigError,
    PerfkitError,
    WorkbookError,
    read_measures,
    read_milestones,
    read_workbook,
)
from perfkit.cli import inventory_lines, main
from perfkit.core.errors import PeriodError, Report, SheetEntry

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _write(tmp_path, name, data) -> Path:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def _book(path: Path, sheets: dict[str, list[list]], formats: dict[str, str] | None = None) -> Path:
    """An .xlsx written by openpyxl: ``{sheet: rows}``, with number formats by range on the first sheet."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    first = wb[next(iter(sheets))]
    for rng, fmt in (formats or {}).items():
        for row in first[rng]:
            for cell in row:
                cell.number_format = fmt
    wb.save(path)
    return path


def _cli(capsys, *argv) -> tuple[int, str, str]:
    code = main([*map(str, argv)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "fault in perfkit" not in err, err
    return code, out, err


def _warnings(frame) -> list:
    return [p for p in frame.attrs["problems"] if p.severity == "warning"]


# --------------------------------------------------------------------------- two sheets with one name


def _same_name_twice(case: str = "Milestones") -> bytes:
    other = [hb.MILESTONES[0], [], hb.MILESTONES[2], ["M4", "Build a bridge", "D. Officer", "2024-03-31", "Red", "Late", "Red", "Later"]]
    parts = hb.workbook_parts({"Milestones": hb.sheet_xml(hb.MILESTONES), "Other": hb.sheet_xml(other)})
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'name="Other"', f'name="{case}"'.encode())
    return hb.zip_bytes(parts)


@pytest.mark.parametrize("second", ["Milestones", "MILESTONES"])
def test_two_sheets_with_one_name_are_refused_naming_both(tmp_path, capsys, second):
    path = _write(tmp_path, "q2.xlsx", _same_name_twice(second))
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    message = str(info.value)
    assert f"two sheets have the same name, 'Milestones' (the 1st tab) and {second!r} (the 2nd)" in message
    assert "rename one of the two tabs" in message
    code, out, err = _cli(capsys, "validate", path)
    assert code == 1 and err.startswith("perfkit: q2.xlsx: two sheets have the same name") and "M4" not in out


def test_sheets_with_different_names_are_each_read_once(tmp_path):
    other = [hb.MILESTONES[0], [], hb.MILESTONES[2], ["M4", "Build a bridge", "D. Officer", "2024-03-31", "Red", "Late", "Red", "Later"]]
    path = _write(tmp_path, "q2.xlsx", hb.zip_bytes(hb.workbook_parts({"Milestones": hb.sheet_xml(hb.MILESTONES), "Capital": hb.sheet_xml(other)})))
    ms = read_milestones(path)
    assert sorted(ms.milestone_id.unique()) == ["M1", "M2", "M3", "M4"]


# --------------------------------------------------------------------------- a bare year


def _no_year(tmp_path) -> Path:
    rows = [["Council plan milestones"], [], ["Ref", "Milestone", "Q1 Status", "Q2 Status"], ["M1", "Open the library", "Green", "Red"]]
    return _book(tmp_path / "plan.xlsx", {"Plan": rows})


@pytest.mark.parametrize("year", ["2023", 2023])
def test_a_bare_year_is_refused_with_both_financial_years_to_type(tmp_path, year):
    with pytest.raises(PeriodError) as info:
        read_milestones(_no_year(tmp_path), year=year)
    message = str(info.value)
    assert "names a calendar year, but a financial year runs from April to March" in message
    assert "2023/24 (April 2023 to March 2024)" in message and "2022/23 (April 2022 to March 2023)" in message


def test_a_bare_year_on_the_command_line_says_what_to_type(tmp_path, capsys):
    code, _out, err = _cli(capsys, "validate", _no_year(tmp_path), "--year", "2023")
    assert code == 1
    assert err.splitlines()[1] == "Write --year 2023/24 (April 2023 to March 2024) or --year 2022/23 (April 2022 to March 2023)."
    code, out, _err = _cli(capsys, "validate", _no_year(tmp_path), "--year", "2023/24")
    assert code == 0 and "2023/24 Q1 to 2023/24 Q2" in out


@pytest.mark.parametrize("toml, line", [
    ("year = 2024\n", 'perfkit.toml: year = "2024" names a calendar year'),
    ('[sheets."Plan"]\nyear = "2024"\n', 'perfkit.toml: [sheets."Plan"] year = "2024" names a calendar year'),
])
def test_a_bare_year_in_perfkit_toml_names_its_line(tmp_path, toml, line):
    path = _no_year(tmp_path)
    (tmp_path / "perfkit.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(PeriodError) as info:
        read_milestones(path)
    assert line in str(info.value) and '"2024/25" (April 2024 to March 2025)' in str(info.value)


def test_a_financial_year_is_read_as_it_says(tmp_path):
    ms = read_milestones(_no_year(tmp_path), year="2023/24")
    assert sorted(perfkit.period_label(p) for p in ms.period) == ["2023/24 Q1", "2023/24 Q2"]


# --------------------------------------------------------------------------- plain fractions beside percentages


def _percent_scorecard(tmp_path, unit: bool) -> Path:
    head = ["Ref", "Measure", *(["Unit"] if unit else []), "Good performance is", "Target", "Q1 Actual", "Q2 Actual"]
    u = ["%"] if unit else []
    rows = [["Key performance indicators 2023/24"], [], head,
            ["PI1", "Invoices paid on time", *u, "Higher", 0.95, 0.96, 0.97],
            ["PI2", "Calls answered", *u, "Higher", 0.9, 0.85, 0.92],
            ["PI3", "Complaints answered in time", *u, "Higher", 0.9, 1, 0.88],
            ["PI4", "Deaths in custody", *(["Number"] if unit else []), "Lower", 0, 1, 0]]
    first = "E" if unit else "D"
    last = "G" if unit else "F"
    return _book(tmp_path / "kpis.xlsx", {"KPIs": rows}, {f"{first}4:{last}5": "0.0%"})


def test_plain_fractions_beside_percentage_rows_are_a_warning_naming_the_cells(tmp_path):
    kp = read_measures(_percent_scorecard(tmp_path, unit=False))
    pi3 = kp[kp.measure_id == "PI3"]
    assert list(pi3.target) == [0.9, 0.9] and list(pi3.actual) == [1.0, 0.88], "read as typed, not guessed"
    warned = [p for p in _warnings(kp) if "plain numbers between 0 and 1" in p.message]
    assert len(warned) == 1 and warned[0].source == "KPIs!D6:F6"
    assert "format D6:F6 as percentages in Excel (or type them as 90%)" in warned[0].message
    assert set(kp[kp.measure_id == "PI1"].actual) == {96.0, 97.0}


def test_plain_fractions_of_a_percentage_measure_are_read_as_percentages_and_said(tmp_path):
    kp = read_measures(_percent_scorecard(tmp_path, unit=True))
    pi3 = kp[kp.measure_id == "PI3"]
    assert list(pi3.target) == [90.0, 90.0] and list(pi3.actual) == [100.0, 88.0] and set(pi3.unit) == {"%"}
    warned = [p for p in _warnings(kp) if "plain numbers between 0 and 1" in p.message]
    assert len(warned) == 1 and warned[0].source == "KPIs!E6:G6" and "read as percentages (0.9 as 90%)" in warned[0].message
    assert list(kp[kp.measure_id == "PI4"].actual) == [1.0, 0.0], "a count of 0 or 1 is a count"


def test_fractions_on_a_sheet_with_no_percentage_formats_are_read_as_before(tmp_path):
    rows = [["KPIs 2023/24"], [], ["Ref", "Measure", "Unit", "Good is", "Target", "Q1 Actual"], ["PI1", "Invoices paid", "%", "Higher", 0.9, 0.88]]
    kp = read_measures(_book(tmp_path / "kpis.xlsx", {"KPIs": rows}))
    assert list(kp.actual) == [88.0] and not _warnings(kp)


def test_fractions_of_a_measure_named_in_percent_are_read_as_percentages_as_a_unit_column_would_say(tmp_path):
    # 'FOI requests answered in 20 working days (%)' over 0.93 against 0.9, no cell formatted: briefed '0.93 against 0.9'
    rows = [["Resources KPIs - Quarter 3 2024/25"], [], ["Ref", "KPI", "Polarity", "Target", "Q3 actual"],
            ["RES07", "FOI requests answered in 20 working days (%)", "High", 0.9, 0.93],
            ["RES08", "Invoices paid (number)", "High", 1500, 1500]]
    kp = read_measures(_book(tmp_path / "kpis.xlsx", {"KPIs Q3": rows}))
    res07 = kp.set_index("measure_id").loc["RES07"]
    assert (res07.target, res07.actual, res07.unit) == (90.0, 93.0, "%")
    assert kp.set_index("measure_id").loc["RES08", "actual"] == 1500


def test_small_percentages_typed_with_their_sign_are_never_multiplied_by_a_hundred(tmp_path):
    # a Tenant Satisfaction Measures return: '0.8%' of homes below the Decent Homes Standard against '1%' was read as 80
    # against 100 ('percentages stored as fractions'), and the brief called it furthest ahead of target at 80%
    rows = [["Tenant Satisfaction Measures - Quarter 3 2024/25"], [],
            ["TSM ref", "Measure", "Q3 2024/25 result", "2024/25 target", "Status"],
            ["TP01", "Overall satisfaction", "71.2%", "75%", "Slightly below target"],
            ["RP01", "Homes that do not meet the Decent Homes Standard", "0.8%", "1%", "On target"]]
    kp = read_measures(_book(tmp_path / "tsm.xlsx", {"TSM Q3": rows}))
    rp01 = kp[kp.measure_id == "RP01"].iloc[-1]
    assert (rp01.actual, rp01.target) == (0.8, 1.0)
    assert not any("stored as fractions" in p.message for p in kp.attrs["problems"])


def test_monthly_fractions_beside_a_standard_typed_as_a_percentage_are_read_as_percentages_and_said(tmp_path):
    # an IPR: the standard typed '78%', each quarter's figure a plain fraction, no cell formatted as a percentage
    rows = [["Integrated performance report 2025/26"], [],
            ["Ref", "Standard", "Measure", "Good is", "Q1 2025/26", "Q2 2025/26"],
            ["K1", "78%", "A&E 4-hour performance", "Higher", 0.75, 0.769],
            ["K2", "5%", "Diagnostics 6-week waits", "Lower", 0.066, 0.058],
            ["K3", "5%", "Staff turnover rate", "Lower", 0.9, 0.75]]
    kp = read_measures(_book(tmp_path / "ipr.xlsx", {"IPR": rows}))
    latest = kp.groupby("measure_id").tail(1).set_index("measure_id")
    assert latest.actual["K1"] == pytest.approx(76.9) and latest.target["K1"] == 78
    assert latest.actual["K2"] == pytest.approx(5.8) and latest.target["K2"] == 5
    said = [p for p in kp.attrs["problems"] if "read as fractions of 100%" in p.message]
    assert [p.source for p in said] == ["IPR!E4", "IPR!E5"] and all(p.severity == "info" for p in said)
    # 0.9 beside 5%: 90% or 0.9%, either is near enough to be meant; read as typed, warned
    assert latest.actual["K3"] == 0.75
    assert any("K3" in p.source or "Staff turnover" in p.message for p in _warnings(kp) if "cannot tell whether" in p.message)


# --------------------------------------------------------------------------- formulas with no saved value


def test_a_target_formula_with_no_saved_value_is_a_warning_not_a_silent_data_only(tmp_path):
    rows = [["KPIs 2023/24"], [], ["Ref", "Measure", "Good is", "Target", "Q1 Actual", "Q2 Actual"],
            ["PI1", "Invoices paid", "Higher", 95, 96, 97], ["PI2", "Calls answered", "Higher", "=D4-5", 85, 92],
            ["PI3", "Missed bins", "Lower", 50, 40, "=E6+2"]]
    kp = read_measures(_book(tmp_path / "kpis.xlsx", {"KPIs": rows}))  # openpyxl saves formulas without their values
    warned = {p.source: p.message for p in _warnings(kp)}
    assert "target is a formula (=D4-5) with no value saved in the file" in warned["KPIs!D5"]
    assert "no target (its status is Data only)" in warned["KPIs!D5"] and "let it calculate, save it" in warned["KPIs!D5"]
    assert "actual is a formula (=E6+2)" in warned["KPIs!F6"]
    assert sum(p.source == "KPIs!F6" for p in kp.attrs["problems"]) == 1, "said once, not also as a plain blank"
    assert kp[kp.measure_id == "PI2"].target.isna().all()


def test_formulas_with_saved_values_say_nothing(tmp_path):
    rows = [["KPIs 2023/24"], [], ["Ref", "Measure", "Good is", "Target", "Q1 Actual"], ["PI1", "Invoices paid", "Higher", "=90+5", 96]]
    path = _book(tmp_path / "kpis.xlsx", {"KPIs": rows})
    data = zipfile.ZipFile(path)
    parts = {n: data.read(n) for n in data.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"<f>90+5</f><v></v>", b"<f>90+5</f><v>95</v>")
    assert b"<v>95</v>" in parts["xl/worksheets/sheet1.xml"]
    path.write_bytes(hb.zip_bytes(parts))
    kp = read_measures(path)
    assert list(kp.target) == [95.0] and not _warnings(kp)


# --------------------------------------------------------------------------- perfkit.toml values


@pytest.mark.parametrize("toml, said", [
    ("[measures]\ntolerance = -5\n", "[measures] tolerance = -5: a tolerance is how far from target still counts as on target, so it cannot be negative"),
    ('[measures]\ntolerance = "-5%"\n', "[measures] tolerance = '-5%': a tolerance"),
    ('[measures]\ntolerance = "about five"\n', "[measures] tolerance = 'about five' is not a number or a percentage"),
    ('[briefing]\ncouncil = ["a", "b"]\n', "[briefing] council = ['a', 'b']: write the council's name as one piece of text in quotes"),
    ("[briefing]\ncouncil = 3\n", "[briefing] council = 3: write the council's name"),
    ("[briefing]\ndate = [2024]\n", "[briefing] date = [2024]: write the meeting's date, e.g. date = 2024-11-05"),
    ('[briefing]\ndate = "31/31/2024"\n', "[briefing] date = '31/31/2024' is not a date: write the meeting's date day first in quotes"),
])
def test_settings_that_would_be_published_wrong_are_refused_saying_what_to_type(tmp_path, capsys, toml, said):
    (tmp_path / "perfkit.toml").write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        perfkit.load_config(tmp_path / "perfkit.toml")
    assert said in str(info.value)
    book = _write(tmp_path, "q2.xlsx", hb.xlsx_bytes())
    code, _out, err = _cli(capsys, "validate", book)
    assert code == 1 and said in err


@pytest.mark.parametrize("toml", ['[measures]\ntolerance = "5%"\n', "[measures]\ntolerance = 2\n", '[measures]\ntolerance = "0"\n',
                                  '[briefing]\ncouncil = "Ynys Môn"\ndate = 2024-11-05\nperiod = "2024/25 Q2"\n',
                                  '[briefing]\ndate = "5/11/2024"\n'])
def test_good_settings_are_accepted(tmp_path, toml):
    (tmp_path / "perfkit.toml").write_text(toml, encoding="utf-8")
    perfkit.load_config(tmp_path / "perfkit.toml")


# --------------------------------------------------------------------------- files that are not what they seem


def test_an_xlsb_is_called_the_binary_format_with_how_to_save_it(tmp_path):
    parts = {"[Content_Types].xml": b"<Types/>", "_rels/.rels": b"<Relationships/>", "xl/workbook.bin": b"\x83\x01\x00",
             "xl/worksheets/sheet1.bin": b"\x81\x01\x00"}
    path = _write(tmp_path, "q2.xlsb", hb.zip_bytes(parts))
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    assert str(info.value) == ("q2.xlsb: this is an Excel Binary Workbook (.xlsb), which perfkit does not read\n"
                               "In Excel use File > Save As > 'Excel Workbook (*.xlsx)' and run again on the .xlsx.")


def test_a_word_document_under_a_spreadsheets_name_says_so(tmp_path):
    path = _write(tmp_path, "q2.xlsx", hb.zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}))
    with pytest.raises(WorkbookError, match="this is a Word document, not a spreadsheet"):
        read_workbook(path)


@pytest.mark.parametrize("size, said", [(4096, "holds nothing but zero bytes"), (100_000, "begins with 4,096 zero bytes"), (7, "holds nothing but zero bytes")])
@pytest.mark.parametrize("name", ["q2.xlsx", "q2.csv", "q2.xls"])
def test_a_zeroed_file_is_called_damaged_not_utf16(tmp_path, capsys, size, said, name):
    path = _write(tmp_path, name, b"\x00" * size)
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    assert f"{name}: the file is damaged: it {said}" in str(info.value) and "UTF-16" not in str(info.value)
    code, _out, err = _cli(capsys, "validate", path)
    assert code == 1 and "UTF-16" not in err


def test_real_utf16_text_is_still_called_utf16(tmp_path):
    path = _write(tmp_path, "q2.csv", "Ref,Status\nM1,Green\n".encode("utf-16-le"))
    with pytest.raises(WorkbookError, match="UTF-16"):
        read_workbook(path)


def _without_styles(keep_style_refs: bool) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Milestones"
    for row in hb.MILESTONES:
        ws.append(row)
    ws["D4"].number_format = "0.0%"  # a style reference (s="1") in the sheet
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(buf)
    parts = {}
    for name in src.namelist():
        if name.endswith("styles.xml"):
            continue
        data = src.read(name)
        if name == "[Content_Types].xml":
            data = re.sub(rb"<Override[^>]*styles[^>]*/>", b"", data)
        if name == "xl/_rels/workbook.xml.rels":
            data = re.sub(rb"<Relationship[^>]*styles[^>]*/>", b"", data)
        if name.startswith("xl/worksheets/") and not keep_style_refs:
            data = re.sub(rb' s="\d+"', b"", data)
        parts[name] = data
    return hb.zip_bytes(parts)


def test_a_workbook_whose_cells_name_styles_it_lacks_is_refused_plainly(tmp_path, capsys):
    path = _write(tmp_path, "q2.xlsx", _without_styles(keep_style_refs=True))
    code, _out, err = _cli(capsys, "validate", path)
    assert code == 1 and err.startswith("perfkit: q2.xlsx: the workbook has no styles part (xl/styles.xml)")
    assert "Open it in Excel or LibreOffice (which repair it)" in err and "IndexError" not in err


def test_a_workbook_without_styles_whose_cells_name_none_is_read(tmp_path):
    ms = read_milestones(_write(tmp_path, "q2.xlsx", _without_styles(keep_style_refs=False)))
    assert sorted(ms.milestone_id.unique()) == ["M1", "M2", "M3"]
    assert ms[(ms.milestone_id == "M2")].status.astype(str).tolist() == ["Amber", "Red"]


def test_a_cell_naming_a_style_the_styles_part_lacks_is_refused_plainly(tmp_path, capsys):
    wb = Workbook()
    ws = wb.active
    ws.title = "Milestones"
    for row in hb.MILESTONES:
        ws.append(row)
    from openpyxl.styles import PatternFill

    ws["G4"] = None  # a blank status: its fill is read, through openpyxl
    ws["G4"].fill = PatternFill("solid", fgColor="FF123456")
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(buf)
    parts = {n: src.read(n) for n in src.namelist()}
    parts["xl/worksheets/sheet1.xml"] = re.sub(rb'<c r="G4" s="\d+"', b'<c r="G4" s="57"', parts["xl/worksheets/sheet1.xml"])
    assert b's="57"' in parts["xl/worksheets/sheet1.xml"]
    path = _write(tmp_path, "q2.xlsx", hb.zip_bytes(parts))
    code, _out, err = _cli(capsys, "validate", path)
    assert code == 1 and "the cell formats of sheet 'Milestones' cannot be read: a cell names a style the file does not hold" in err


# --------------------------------------------------------------------------- openpyxl's own warnings


def _excel_2010_dropdowns(tmp_path) -> Path:
    from openpyxl.styles import PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "Milestones"
    for row in [["Council Plan 2023/24"], [], ["Ref", "Milestone", "Q1 Status"], ["M1", "Open the library", "Green"],
                ["M2", "Adopt the plan", "Amber"], ["M3", "Build homes", None]]:
        ws.append(row)
    ws["C6"].fill = PatternFill("solid", fgColor="FFC00000")  # a blank status with a red fill: openpyxl reads it
    lists = wb.create_sheet("Lists")
    for word in ("Red", "Amber", "Green"):
        lists.append([word])
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(buf)
    ext = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
           '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
           '<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1>'
           "<xm:sqref>C4:C6</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>")
    parts = {n: src.read(n) for n in src.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"</worksheet>", ext.encode() + b"</worksheet>")
    return _write(tmp_path, "q2.xlsx", hb.zip_bytes(parts))


def test_openpyxls_data_validation_warning_is_never_shown(tmp_path, capfd):
    path = _excel_2010_dropdowns(tmp_path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ms = read_milestones(path)
    assert not [w for w in caught if "openpyxl" in str(w.filename) or "extension is not supported" in str(w.message)]
    assert ms.status.astype(str).tolist() == ["Green", "Amber", "Red"], "the blank status took its fill, read through openpyxl"
    assert any("fill" in p.message for p in ms.attrs["problems"])
    assert main(["validate", str(path), "-v"]) == 0
    out, err = capfd.readouterr()
    assert "extension is not supported" not in out + err and "UserWarning" not in out + err


def test_openpyxls_warnings_are_shown_again_outside_perfkits_reading(tmp_path):
    path = _excel_2010_dropdowns(tmp_path)
    read_milestones(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_workbook(path)
    assert any("extension is not supported" in str(w.message) for w in caught), "perfkit silenced openpyxl only within its own reads"


# --------------------------------------------------------------------------- control characters in text


def _controls_book(tmp_path) -> Path:
    rows = [r[:] for r in hb.MILESTONES]
    rows[3][5] = "On track_x000B_second line"  # a vertical tab as Excel stores one pasted from Word
    rows[4][7] = "Contractor_x0001_ left_x000C_for good"
    rows[5][1] = "Adopt the local plan_x001B_[2J"
    return _write(tmp_path, "q2.xlsx", hb.zip_bytes(hb.workbook_parts({"Milestones": hb.sheet_xml(rows)})))


def test_control_characters_are_read_out_of_the_text_naming_their_cells(tmp_path):
    ms = read_milestones(_controls_book(tmp_path))
    text = "".join(ms.commentary) + "".join(ms.title)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    assert "On track\nsecond line" in set(ms.commentary) and "Contractor left\nfor good" in set(ms.commentary)
    assert "Adopt the local plan[2J" in set(ms.title)
    said = [p for p in ms.attrs["problems"] if "control characters" in p.message]
    assert len(said) == 1 and said[0].severity == "info" and said[0].source == "Milestones!F4"
    assert "(so does text in H5, B6)" in said[0].message


def test_a_vertical_tab_never_stops_the_appendix_workbook(tmp_path):
    from perfkit.publish.appendix import write_appendix

    ms = read_milestones(_controls_book(tmp_path))
    fig = perfkit.quarter_figures(ms, None, "2023/24 Q2")
    path = write_appendix(fig, tmp_path / "appendix.xlsx")
    cells = [c.value for row in load_workbook(path)["Milestones"].iter_rows() for c in row if isinstance(c.value, str)]
    assert "Contractor left\nfor good" in cells


def test_the_appendix_holds_frames_built_by_hand_with_control_characters(tmp_path):
    from perfkit.core.status import DEFAULT_SCALE
    from perfkit.publish.appendix import write_sheet

    wb = Workbook(write_only=True)
    write_sheet(wb.create_sheet("Notes"), pd.DataFrame({"commentary": ["a\x0bb", "c\x01d\u202e", "=1+1"]}), DEFAULT_SCALE)
    wb.save(tmp_path / "notes.xlsx")
    got = [c.value for row in load_workbook(tmp_path / "notes.xlsx")["Notes"].iter_rows(min_row=2) for c in row]
    assert got == ["a\nb", "cd", "=1+1"]


def test_load_writes_text_without_control_characters(tmp_path, capsys):
    code, _out, _err = _cli(capsys, "load", _controls_book(tmp_path), "--out", tmp_path / "out")
    assert code == 0
    data = (tmp_path / "out" / "q2_milestones.csv").read_bytes()
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", data)


# --------------------------------------------------------------------------- settings naming what is not there


def test_settings_naming_a_sheet_or_header_that_is_not_there_are_warned_on_the_command_line(tmp_path, capsys):
    book = _write(tmp_path, "q2.xlsx", hb.xlsx_bytes())
    (tmp_path / "perfkit.toml").write_text('[sheets."Milestone"]\nkind = "milestones"\n[columns]\n"Lead oficer" = "lead"\n', encoding="utf-8")
    code, out, _err = _cli(capsys, "validate", book)
    assert code == 0 and "2 warnings" in out.splitlines()[0]
    assert "[sheets.\"Milestone\"] names a sheet the workbook does not have" in out and "did you mean 'Milestones'?" in out
    assert "no header of sheet 'Milestones' is 'Lead oficer'" in out and '"Lead officer" = "lead"' in out


# --------------------------------------------------------------------------- --period as a month


@pytest.mark.parametrize("asked", ["Sep-23", "Sept 23", "September 2023", "2023-09", "30/09/2023"])
def test_a_month_period_is_the_quarter_it_falls_in_said_aloud(tmp_path, capsys, asked):
    book = _write(tmp_path, "q2.xlsx", hb.xlsx_bytes())
    code, out, err = _cli(capsys, "summary", book, "--period", asked)
    assert code == 0 and out.startswith("Performance summary for 2023/24 Q2")
    assert f"perfkit: --period {asked!r} read as 2023/24 Q2, the quarter it falls in" in err


@pytest.mark.parametrize("asked", ["2023/24 Q2", "Q2", "Jul-Sep 2023"])
def test_a_quarter_period_is_taken_as_given_without_a_note(tmp_path, capsys, asked):
    book = _write(tmp_path, "q2.xlsx", hb.xlsx_bytes())
    code, out, err = _cli(capsys, "summary", book, "--period", asked)
    assert code == 0 and out.startswith("Performance summary for 2023/24 Q2") and "read as" not in err


# --------------------------------------------------------------------------- the inventory's last period


def test_the_inventorys_span_ends_the_same_whichever_order_its_periods_come_in():
    lines = set()
    for order in (["2023/24 Q1", "2023/24 Q4", "2023/24 H2"], ["2023/24 H2", "2023/24 Q4", "2023/24 Q1"], ["2023/24 Q4", "2023/24 H2", "2023/24 Q1"]):
        report = Report()
        report.inventory = [SheetEntry("Milestones", "milestones", 3, [order[0], order[1]], "read"),
                            SheetEntry("Plan", "actions", 2, [order[2]], "read")]
        lines.add(inventory_lines(report)[-1])
    assert len(lines) == 1 and "2023/24 Q1 to 2023/24 Q4" in lines.pop()


def test_the_sample_inventory_ends_at_q4_in_fresh_processes():
    code = ("from perfkit.cli import main; import sys; sys.exit(main(['validate', "
            f"{str(ROOT / 'data' / 'raw' / 'sample_council_2023-24.xlsx')!r}]))")
    ends = set()
    for seed in ("1", "2", "3"):
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        ends.add(next(line for line in run.stdout.splitlines() if line.startswith("In all:")).split(";")[1])
    assert ends == {" 2022/23 Q1 to 2023/24 Q4"}


# --------------------------------------------------------------------------- a locale that is not UTF-8, bytes that are not text


def test_a_council_name_in_bytes_that_are_not_utf8_is_refused_naming_the_option(tmp_path, capsys):
    book = _write(tmp_path, "q2.xlsx", hb.xlsx_bytes())
    latin1 = b"Caf\xe9".decode(sys.getfilesystemencoding(), "surrogateescape")  # as Python hands over such an argument
    code, _out, err = _cli(capsys, "brief", book, "--council", latin1, "--out", tmp_path / "out")
    assert code == 1 and err.startswith("perfkit: --council 'Caf\\xe9': the text holds bytes that are not UTF-8")
    assert not (tmp_path / "out").exists()


def test_a_council_name_in_utf8_bytes_is_read_as_utf8(tmp_path, capsys, monkeypatch):
    import perfkit.publish.notebook

    seen = {}

    def fake(workbook, period, **kw):
        seen.update(kw)
        raise PerfkitError("stop here")

    monkeypatch.setattr(perfkit.publish.notebook, "publish_briefing", fake)
    book = _write(tmp_path, "q2.xlsx", hb.xlsx_bytes())
    undecoded = "Ynys Môn".encode().decode("ascii", "surrogateescape")  # as Python keeps it under LC_ALL=C
    main(["brief", str(book), "--council", undecoded, "--period", "2023/24 Q2"])
    assert seen["council"] == "Ynys Môn"


_ASCII_LOCALE = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0",
                 "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
                 "HOME": os.environ.get("HOME", "/tmp")}


def _in_ascii_locale(argv: list[bytes], cwd: Path) -> subprocess.CompletedProcess:
    code = "import sys; from perfkit.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable.encode(), b"-c", code.encode(), *argv], capture_output=True, cwd=cwd, timeout=120, check=False,
                          env=_ASCII_LOCALE)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locales")
def test_every_reading_command_works_under_a_locale_that_is_not_utf8(tmp_path):
    name = "môn_2023-24.xlsx"
    rows = [["Cynllun y Cyngor 2023/24 — cerrig milltir"], [], hb.MILESTONES[2],
            ["M1", "Agor y caffi", "Zoë", "2024-03-31", "Green", "Ar y trywydd – “da”", "Green", "Tîm yn hapus"],
            ["M2", "Ffordd Glyndŵr", "B. Swyddog", "2024-03-31", "Amber", "Oedi", "Red", "Contractwr wedi gadael"]]
    _book(tmp_path / name, {"Cynllun – Môn": rows})
    raw = name.encode()
    for argv in ([b"validate", raw], [b"summary", raw], [b"load", raw, b"--out", b"out"], [b"init", raw, b"--out", b"p.toml"],
                 [b"validate", raw, b"--sheet", "Cynllun – Môn".encode()]):
        run = _in_ascii_locale(argv, tmp_path)
        err = run.stderr.decode("ascii", "replace")
        assert run.returncode == 0, (argv, err)
        assert "UnicodeEncodeError" not in err and "Traceback" not in err, err
    assert (tmp_path / "out" / "môn_2023-24_milestones.csv").exists()
    assert "môn_2023-24.xlsx" in (tmp_path / "p.toml").read_text(encoding="utf-8")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX locales")
def test_brief_works_under_a_locale_that_is_not_utf8(tmp_path):
    name = "môn_2023-24.xlsx"
    (tmp_path / name).write_bytes(hb.xlsx_bytes())
    run = _in_ascii_locale([b"brief", name.encode(), b"--council", "Ynys Môn".encode(), b"--period", b"2023/24 Q2",
                            b"--out", b"out", b"--xlsx"], tmp_path)
    err = run.stderr.decode("ascii", "replace")
    assert run.returncode == 0 and "UnicodeEncodeError" not in err, err
    page = (tmp_path / "out" / "ynys-mon-briefing-2023-24-q2.html").read_text(encoding="utf-8")
    assert "Ynys Môn" in page
    assert (tmp_path / "out" / "ynys-mon-briefing-2023-24-q2.xlsx").exists()
