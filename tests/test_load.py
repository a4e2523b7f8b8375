import zipfile

import pandas as pd
import pytest

import perfkit
from perfkit import LayoutError, ValidationError, WorkbookError, read_measures, read_milestones
from perfkit.core.status import FIVE_POINT_SCALE

from conftest import REALDATA, milestone_rows

Q1 = pd.Period(year=2024, quarter=1, freq="Q-MAR")
Q2 = pd.Period(year=2024, quarter=2, freq="Q-MAR")


def errors_of(exc_info):
    return [str(p) for p in exc_info.value.problems if p.severity == "error"]


# ---------------------------------------------------------------------------------------------- milestones


def test_title_rows_section_rows_and_status_words(make_book):
    rows = milestone_rows(["G", "green ", "On track", "A"], ["Complete", "AMBER", "r", "Green"])
    ms = read_milestones(make_book(rows))
    assert list(ms.columns) == ["milestone_id", "title", "priority", "lead", "due_date", "period", "status", "commentary", "source"]
    assert len(ms) == 8
    q1 = ms[ms.period == Q1].set_index("milestone_id")
    assert list(q1.status.astype(str)) == ["Green", "Green", "Green", "Amber"]
    assert list(q1.priority) == ["Thriving economy", "Thriving economy", "Safe communities", "Safe communities"]
    q2 = ms[ms.period == Q2].set_index("milestone_id")
    assert list(q2.status.astype(str)) == ["Complete", "Amber", "Red", "Green"]
    assert q2.loc["M3", "source"] == "Milestones!G10"
    assert q2.loc["M3", "commentary"] == "q2 note 3"
    assert ms.period.dtype == pd.PeriodDtype("Q-MAR")
    assert ms.status.cat.ordered and list(ms.status.cat.categories[:4]) == ["Red", "Amber", "Green", "Complete"]
    assert ms.due_date.iloc[0] == pd.Timestamp("2024-03-31")


def test_every_problem_is_named_by_its_cell_in_one_error(make_book):
    rows = milestone_rows(["G", "Purple", "A", "G"], ["G", "A", "Sideways", "G"])
    rows[5][0] = "M1"
    rows[6][0] = "M1"  # duplicate id
    rows[9][3] = "next spring"  # not a date
    with pytest.raises(ValidationError) as info:
        read_milestones(make_book(rows))
    errs = errors_of(info)
    assert "Milestones!E7: unknown status 'Purple'" in " ".join(errs)
    assert any(e.startswith("Milestones!G10: unknown status 'Sideways'") for e in errs)
    assert any(e.startswith("Milestones!A7: duplicate reference 'M1' (also at Milestones!A6)") for e in errs)
    assert any(e.startswith("Milestones!D10: due date 'next spring' is not a date") for e in errs)
    text = str(info.value)
    assert "book.xlsx" in text and "Purple" in text and "Sideways" in text


def test_formula_errors_are_named(make_book):
    rows = milestone_rows(["G", "A", "G", "G"], ["G", "G", "G", "G"])
    rows[5][4] = "#DIV/0!"  # openpyxl writes this as an error cell
    rows[9][3] = "#REF!"
    with pytest.raises(ValidationError) as info:
        read_milestones(make_book(rows))
    errs = errors_of(info)
    assert "Milestones!E6: formula error #DIV/0! in status" in errs
    assert "Milestones!D10: formula error #REF! in due date" in errs


def test_formula_errors_anywhere_an_item_is_read_are_named(tmp_path):
    """Error cells on later sheets, in columns no builder checks: named, never read as blank or carried down."""
    import openpyxl

    from perfkit.read.kinds.risks import read_risks

    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    wb.active["A1"] = "Quarterly report 2024/25"
    ms = wb.create_sheet("Milestones 2024-25")
    ms.append(["Ref", "Priority", "Milestone", "Lead", "Due date", "Q1 status", "Q2 status", "Q2 commentary"])
    ms.append(["M1", "Economy", "Open the market", "Ann", "2024-12-31", "G", "G", "On track"])
    ms.append(["M2", "#N/A", "Fix the roads", "Bob", "2024-12-31", "G", "A", "Late"])
    ms.append(["M3", None, "Plant trees", "#VALUE!", "2024-12-31", "G", "G", "#DIV/0!"])
    risks = wb.create_sheet("Risk register")
    risks.append(["Ref", "Risk", "Owner", "Inherent impact", "Inherent likelihood", "Residual impact", "Residual likelihood", "Target score"])
    risks.append(["R1", "Budget", "CFO", "#DIV/0!", 5, 4, 4, 8])
    risks.append(["R2", "Cyber", "CIO", 5, 4, "#N/A", 3, 6])
    risks.append(["R3", "Flood", "Env", 3, 3, 2, 2, "#VALUE!"])
    path = tmp_path / "errors_2024-25.xlsx"
    wb.save(path)

    with pytest.raises(ValidationError) as info:
        read_risks(path, period="2024/25 Q2")
    assert set(errors_of(info)) == {
        "Risk register!D2: formula error #DIV/0! in inherent impact: correct the formula, or clear the cell",
        "Risk register!F3: formula error #N/A in residual impact: correct the formula, or clear the cell",
        "Risk register!H4: formula error #VALUE! in target score: correct the formula, or clear the cell",
    }
    frame = read_milestones(path)
    warned = [str(p) for p in frame.attrs["problems"] if p.severity == "warning"]
    assert "Milestones 2024-25!B3: formula error #N/A in priority: left blank, not carried down from the row above (nor to blank cells under it)" in warned
    assert "Milestones 2024-25!D4: formula error #VALUE! in lead: read as blank" in warned
    assert "Milestones 2024-25!H4: formula error #DIV/0! in commentary: read as blank" in warned
    priority = frame.drop_duplicates("milestone_id").set_index("milestone_id")["priority"]
    assert priority.to_dict() == {"M1": "Economy", "M2": "", "M3": ""}  # not Economy carried down past the error


def test_a_sheet_of_only_error_cells_is_not_called_empty(tmp_path):
    import openpyxl

    from perfkit.read.reader import read_workbook

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Milestones"
    ws.append(["Ref", "Milestone", "Lead", "Due date", "Q1 2024/25 status"])
    ws.append(["M1", "Open the market", "Ann", "2025-03-31", "Green"])
    broken = wb.create_sheet("Calc")
    for ref, err in (("A1", "#DIV/0!"), ("A2", "#REF!")):
        broken[ref] = err
    wb.save(tmp_path / "plan.xlsx")
    entries = {e.sheet: e for e in read_workbook(tmp_path / "plan.xlsx")["milestones"].attrs["inventory"]}
    assert entries["Calc"].note == "no values, only 2 formula-error cells (#DIV/0!, #REF!): not a table"


def test_items_on_rows_excel_hides_are_read_and_said(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Milestones"
    ws.append(["Ref", "Milestone", "Lead", "Due date", "Q1 2024/25 status", "Q2 2024/25 status"])
    for i in range(1, 6):
        ws.append([f"M{i}", f"Milestone {i}", "Ann", "2025-03-31", "Green", "Green"])
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[5].hidden = True
    ws.column_dimensions["C"].hidden = True  # a hidden column is read as any other, and is no item
    wb.save(tmp_path / "plan.xlsx")
    frame = read_milestones(tmp_path / "plan.xlsx")
    assert frame["milestone_id"].nunique() == 5  # read, not dropped: whether they count is the officer's call
    warned = [str(p) for p in frame.attrs["problems"] if p.severity == "warning"]
    assert warned == ["Milestones!B3:B5: 2 rows hidden in Excel were read as milestones (rows 3, 5): check they should count"
                      "; if hidden rows are not milestones, put hidden_rows = \"leave out\" under [sheets.\"Milestones\"] in perfkit.toml"]
    ws.row_dimensions[3].hidden = ws.row_dimensions[5].hidden = False
    wb.save(tmp_path / "plan.xlsx")
    assert not [p for p in read_milestones(tmp_path / "plan.xlsx").attrs["problems"] if p.severity == "warning"]


def test_colour_only_statuses_come_from_fills(make_book):
    rows = milestone_rows(["G", None, None, "A"], ["G", None, None, None])
    path = make_book(rows, fills={"E7": "FFFFC000", "E10": "FF00B050", "G7": "FFFF0000", "G10": "FFC6EFCE", "G11": "FF0070C0"})
    ms = read_milestones(path)
    by = ms.set_index(["milestone_id", "period"]).status.astype(str)
    assert by[("M2", Q1)] == "Amber"
    assert by[("M3", Q1)] == "Green"
    assert by[("M2", Q2)] == "Red"
    assert by[("M3", Q2)] == "Green"
    assert by[("M4", Q2)] == "Complete"
    notes = [str(p) for p in ms.attrs["problems"]]
    assert any(n.startswith("Milestones!E7: status Amber taken from the cell's fill colour") for n in notes)


def test_blank_status_without_colour_is_no_data_with_a_warning(make_book):
    rows = milestone_rows(["G", "G", "A", "G"], ["G", None, "A", "G"])
    ms = read_milestones(make_book(rows))
    row = ms[(ms.milestone_id == "M2") & (ms.period == Q2)].iloc[0]
    assert row.status == "No data"
    assert any(p.source == "Milestones!G7" and p.severity == "warning" for p in ms.attrs["problems"])
    # blank before its first status: added during the year, so not in that quarter at all, and said so
    ms = read_milestones(make_book(milestone_rows(["G", None, "A", "G"], ["G", "G", "A", "G"])))
    assert ms[(ms.milestone_id == "M2") & (ms.period == Q1)].empty
    assert any(p.source == "Milestones!E7" and "added during the year" in p.message for p in ms.attrs["problems"])


def test_merged_priority_cells_are_carried_down(make_book):
    rows = [
        ["Delivery plan 2023/24"],
        ["Priority", "Ref", "Action", "Lead", "Q1 RAG"],
        ["Economy", "E1", "Open hub", "Ann", "G"],
        [None, "E2", "Fix roads", "Bob", "A"],
        [None, "E3", "Grants", "Cat", "G"],
        ["Environment", "N1", "Plant trees", "Dee", "R"],
        [None, "N2", "Bins", "Eve", "G"],
    ]
    ms = read_milestones(make_book(rows, merges=["A3:A5", "A6:A7"]))
    assert list(ms.priority) == ["Economy"] * 3 + ["Environment"] * 2
    assert list(ms.status.astype(str)) == ["Green", "Amber", "Green", "Red", "Green"]


def test_blank_rows_notes_and_footers_are_reported_not_data(make_book):
    rows = milestone_rows(["G", "A", "G", "G"], ["G", "G", "G", "G"])
    rows += [["Key: G = on track, A = some slippage"], ["Source: service returns"], ["Total", None, None, None, None]]
    ms = read_milestones(make_book(rows))
    assert ms.milestone_id.nunique() == 4
    infos = [str(p) for p in ms.attrs["problems"] if p.severity == "info"]
    assert any("Key: G = on track" in p or p.startswith("Milestones!A") and "note, key or source" in p for p in infos)
    assert sum("note, key or source row" in p for p in infos) == 2
    assert sum("total or average row" in p for p in infos) == 1


def _rows_of(source):
    """Row numbers a problem's source covers: 'S!A7' -> {7}, 'S!A1:A3' -> {1, 2, 3}."""
    if "!" not in source:
        return set()
    ends = [int("".join(ch for ch in part if ch.isdigit())) for part in source.split("!")[1].split(":")]
    return set(range(ends[0], ends[-1] + 1))


def test_every_row_is_in_the_frame_or_the_report(make_book):
    rows = milestone_rows(["G", "A", "G", "G"], ["G", "G", "A", "G"])
    rows.insert(8, ["stray text", None, None, None, None, None, None, None])  # looks like a heading, has no rows under it?
    rows += [["Prepared by the performance team"]]
    path = make_book(rows)
    ms = read_milestones(path)
    accounted = {int(s.split("!")[1][1:]) for s in ms.source} | {
        r for p in ms.attrs["problems"] for r in _rows_of(p.source)
    }
    section_rows = {r for r, row in enumerate(rows, start=1) if row and row[0] and str(row[0]).startswith("Priority")}
    non_blank = {r for r, row in enumerate(rows, start=1) if any(v not in (None, "") for v in row)}
    assert non_blank - accounted - section_rows - {4} == set()


def test_stray_whitespace_in_headers_and_values(make_book):
    rows = [
        ["  REF ", "  milestone  ", " lead  officer", "DUE DATE ", " q1   status "],
        [" X1 ", "  Build  a bridge ", "  Ann  ", "31/03/2024", "  green  "],
    ]
    ms = read_milestones(make_book(rows, name="plan 2023-24.xlsx"))
    row = ms.iloc[0]
    assert (row.milestone_id, row.title, row.lead, row.status) == ("X1", "Build a bridge", "Ann", "Green")
    assert row.due_date == pd.Timestamp("2024-03-31")


def test_year_from_sheet_or_file_name_or_argument(make_book):
    rows = [["Ref", "Action", "Q3 Status"], ["A1", "Do it", "G"]]
    assert read_milestones(make_book(rows, name="plan_2022-23.xlsx")).period.iloc[0] == pd.Period(year=2023, quarter=3, freq="Q-MAR")
    assert read_milestones(make_book(rows, name="a.xlsx", sheet="Update 2021-22")).period.iloc[0] == pd.Period(year=2022, quarter=3, freq="Q-MAR")
    assert read_milestones(make_book(rows, name="b.xlsx"), year="2023/24").period.iloc[0] == pd.Period(year=2024, quarter=3, freq="Q-MAR")
    with pytest.raises(LayoutError, match="without a year") as info:
        read_milestones(make_book(rows, name="c.xlsx"))
    assert "--year 2024/25" in str(info.value) and "perfkit.toml" in str(info.value)


def test_single_status_column_takes_its_quarter_from_the_title_or_period_argument(make_book):
    rows = [["Council Plan Q2 update 2023/24"], ["Ref", "Action", "Lead", "Status", "Comments"], ["A1", "Do it", "Ann", "A", "late"]]
    ms = read_milestones(make_book(rows))
    assert ms.period.iloc[0] == Q2 and ms.commentary.iloc[0] == "late"
    rows[0] = ["Council Plan"]
    with pytest.raises(LayoutError, match="cannot tell which quarter"):
        read_milestones(make_book(rows, name="x.xlsx"))
    assert read_milestones(make_book(rows, name="y.xlsx"), period="2023/24 Q3").period.iloc[0] == Q2 + 1


def test_long_layout_with_period_column(make_book):
    rows = [["Ref", "Action", "Quarter", "RAG"], ["A1", "Do it", "2023/24 Q1", "G"], ["A1", "Do it", "Q2 2023/24", "A"], ["A2", "Other", "Jul-Sep 2023", "R"]]
    ms = read_milestones(make_book(rows))
    assert list(ms.period) == [Q1, Q2, Q2]
    assert list(ms.status.astype(str)) == ["Green", "Amber", "Red"]


def test_explicit_column_mapping(make_book):
    rows = [["Ref", "Undertaking", "Sept position", "Who"], ["A1", "Do it", "G", "Ann"]]
    with pytest.raises(LayoutError, match="no milestones header row"):
        read_milestones(make_book(rows))
    ms = read_milestones(make_book(rows, name="m.xlsx"), columns={"Undertaking": "title", "Sept position": "status@2023/24 Q2", "Who": "lead"})
    assert (ms.title.iloc[0], ms.lead.iloc[0], ms.period.iloc[0], ms.status.iloc[0]) == ("Do it", "Ann", Q2, "Green")


def test_unknown_mapping_field_is_a_config_error(make_book):
    rows = [["Ref", "Action", "Q1 Status"], ["A1", "Do it", "G"]]
    with pytest.raises(perfkit.ConfigError, match="mapped to .banana., which is not a field"):
        read_milestones(make_book(rows, name="plan 2023-24.xlsx"), columns={"Ref": "banana"})


def test_picks_the_sheet_whose_header_fits(make_book):
    rows = [["Ref", "Action", "Q1 Status"], ["A1", "Do it", "G"]]
    path = make_book([["Contents"], ["This workbook holds the 2023/24 plan"]], sheet="Contents", extra_sheets={"Plan 2023-24": rows})
    ms = read_milestones(path)
    assert ms.source.iloc[0] == "Plan 2023-24!C2"
    with pytest.raises(LayoutError, match="no sheet called 'Nope'"):
        read_milestones(path, sheet="Nope")


def test_five_point_scale(make_book):
    rows = [["Ref", "Action", "Q1 Status"], ["A1", "x", "Amber/Green"], ["A2", "y", "A/R"], ["A3", "z", "g"]]
    ms = read_milestones(make_book(rows, name="p 2023-24.xlsx"), scale=FIVE_POINT_SCALE)
    assert list(ms.status.astype(str)) == ["Amber/Green", "Amber/Red", "Green"]
    assert list(ms.status.cat.categories[:5]) == ["Red", "Amber/Red", "Amber", "Amber/Green", "Green"]


def test_custom_synonyms(make_book):
    rows = [["Ref", "Action", "Q1 Status"], ["A1", "x", "Sorted"]]
    path = make_book(rows, name="p 2023-24.xlsx")
    with pytest.raises(ValidationError):
        read_milestones(path)
    ms = read_milestones(path, scale=perfkit.DEFAULT_SCALE.with_synonyms({"Sorted": "Complete"}))
    assert ms.status.iloc[0] == "Complete"


def test_csv_and_csv_saved_as_xlsx(tmp_path):
    text = "Ref,Action,Lead,Q1 Status\nA1,Do it,Ann,G\nA2,Other,Bob,amber\n"
    for name in ("plan 2023-24.csv", "plan 2023-24.xlsx"):
        (tmp_path / name).write_text(text)
        ms = read_milestones(tmp_path / name)
        assert list(ms.status.astype(str)) == ["Green", "Amber"]
        assert ms.source.iloc[1] == "plan 2023-24!D3"


@pytest.mark.parametrize(
    "content, words",
    [(None, "no such file"), (b"", "empty"), (b"PK\x03\x04garbage-not-a-zip", "corrupt"), (b"\x00\x01\x02\x03binary\x00", "not a spreadsheet")],
)
def test_unreadable_files_get_one_clear_line(tmp_path, content, words):
    path = tmp_path / "plan.xlsx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(WorkbookError, match=words) as info:
        read_milestones(path)
    assert "plan.xlsx" in str(info.value)


def test_zip_without_a_workbook_is_not_a_spreadsheet(tmp_path):
    path = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(WorkbookError, match="not a spreadsheet"):
        read_milestones(path)


def test_password_protected_file(tmp_path):
    # An encrypted Office file is an OLE container holding an "EncryptedPackage" stream.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512)
    with pytest.raises(WorkbookError, match="password-protected") as info:
        read_milestones(path)
    assert "secret.xlsx" in str(info.value) and "remove the password" in str(info.value)


@pytest.mark.realdata
@pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is not beside the project")
def test_real_encrypted_and_corrupt_files():
    with pytest.raises(WorkbookError, match="password-protected"):
        perfkit.validate(REALDATA / "messy" / "calamine_pass_protected.xlsx")
    with pytest.raises(LayoutError, match="found no sheet it can read"):
        perfkit.validate(REALDATA / "messy" / "calamine_errors.xlsx")


def test_validate_returns_every_problem_without_raising(make_book):
    rows = milestone_rows(["G", "Purple", "A", "G"], ["G", "A", "G", "G"])
    report = perfkit.validate(make_book(rows), kind="milestones")
    assert [p.source for p in report.errors] == ["Milestones!E7"]
    assert str(report.errors[0]).startswith("Milestones!E7: unknown status 'Purple': put this line in perfkit.toml under [status.words]")
    assert str(report.errors[0]).endswith('"Purple" = ""')  # a blank for the officer, never a guess
    assert set(report.to_frame().columns) == {"source", "column", "value", "message", "severity"}


def test_raw_file_is_not_modified(make_book):
    path = make_book(milestone_rows(["G", "A", "G", "G"], ["G", "G", "G", "G"]))
    before = path.read_bytes()
    read_milestones(path)
    read_measures_safe = perfkit.validate(path)
    assert path.read_bytes() == before and read_measures_safe is not None


# ---------------------------------------------------------------------------------------------- measures

MEASURE_HEADER = ["Ref", "Measure", "Priority", "Good performance is", "Frequency", "2023/24 Target", "Q1 Actual", "Q2 Actual", "Q2 RAG"]


def test_measures_wide_with_text_numbers_and_polarity(make_book):
    rows = [
        ["KPIs 2023/24"],
        MEASURE_HEADER,
        ["K1", "Invoices paid on time", "Economy", "Higher is better", "Quarterly", "95%", "94.5%", "96%", "G"],
        ["K2", "Days to process claims", "Communities", "Lower", "Quarterly", "20", "18", "n/a", "G"],
        ["K3", "Budget spent (£)", "Economy", "higher", "Quarterly", "£2.5m", "£1,200,000", "-", ""],
        ["K4", "Resident satisfaction", "Communities", "Higher", "Annual", 80, None, None, None],
    ]
    kp = read_measures(make_book(rows, sheet="KPIs"))
    assert list(kp.columns[:5]) == ["measure_id", "name", "priority", "unit", "polarity"]
    k1 = kp[kp.measure_id == "K1"].set_index("period")
    assert k1.loc[Q1, "actual"] == 94.5 and k1.loc[Q2, "actual"] == 96 and k1.loc[Q1, "target"] == 95
    assert k1.loc[Q1, "unit"] == "%" and k1.loc[Q2, "reported_status"] == "Green"
    k2 = kp[kp.measure_id == "K2"].set_index("period")
    assert k2.loc[Q1, "polarity"] == "lower" and pd.isna(k2.loc[Q2, "actual"])  # n/a kept as missing, not dropped
    k3 = kp[kp.measure_id == "K3"]
    assert k3.target.iloc[0] == 2_500_000 and k3.actual.iloc[0] == 1_200_000
    # an annual measure has nothing due in Q1 or Q2: Not due at the latest quarter, never dropped from the counts
    k4 = kp[kp.measure_id == "K4"]
    assert list(k4["period"]) == [Q2] and list(k4["reported_status"]) == ["Not due"]
    assert kp.polarity.dtype.name == "category"


def test_text_in_number_cells_is_an_error_with_its_cell(make_book):
    rows = [MEASURE_HEADER, ["K1", "Invoices", "Economy", "Higher", "Quarterly", "95%", "about ninety", "96%", "G"], ["K2", "Calls", "Economy", "sideways", "Quarterly", 5, 4, 5, ""]]
    with pytest.raises(ValidationError) as info:
        read_measures(make_book(rows, name="k 2023-24.xlsx"))
    errs = errors_of(info)
    assert any(e.startswith("Sheet!G2: actual 'about ninety' is not a number") or e.startswith("Milestones!G2: actual 'about ninety' is not a number") for e in errs)
    assert any(e.startswith("Sheet!D3: polarity word 'sideways' not known (1 cell)") or e.startswith("Milestones!D3: polarity word 'sideways' not known") for e in errs)


def test_measures_over_eight_quarters_with_targets_per_year(make_book):
    header = ["Ref", "Measure", "Polarity", "2022/23 Target", "2023/24 Target"] + [f"Q{q} {y}" for y in ("2022/23", "2023/24") for q in range(1, 5)]
    rows = [header, ["K1", "Recycling rate", "Higher", 48, 50, 45, 46, 47, 48, 49, 50, 51, 52]]
    kp = read_measures(make_book(rows))
    assert len(kp) == 8
    assert list(kp.target) == [48] * 4 + [50] * 4
    assert kp.period.iloc[0] == pd.Period(year=2023, quarter=1, freq="Q-MAR")


def test_long_layout_measures_with_year_and_quarter_columns(tmp_path):
    text = "code,indicator,polarity,financial_year,quarter,value\nC1,Crisis grants in 1 day,higher_is_better,2018-19,Q1,0.98\nC1,Crisis grants in 1 day,higher_is_better,2018-19,Q2,0.99\n"
    path = tmp_path / "lgbf.csv"
    path.write_text(text)
    kp = read_measures(path, columns={"polarity": "polarity"})
    assert list(kp.period) == [pd.Period(year=2019, quarter=1, freq="Q-MAR"), pd.Period(year=2019, quarter=2, freq="Q-MAR")]
    assert list(kp.actual) == [0.98, 0.99]


def test_range_target_and_fractions(make_book):
    rows = [["Ref", "Measure", "Unit", "Polarity", "Target", "Q1 2023/24"], ["K1", "Occupancy", "%", "Range", "90-95%", "92%"], ["K2", "Collection", "%", "Higher", 0.97, 0.955]]
    kp = read_measures(make_book(rows)).set_index("measure_id")
    assert (kp.loc["K1", "target_low"], kp.loc["K1", "target_high"], kp.loc["K1", "polarity"]) == (90, 95, "range")
    assert kp.loc["K2", "target"] == pytest.approx(97) and kp.loc["K2", "actual"] == pytest.approx(95.5)


def test_tolerance_column(make_book):
    rows = [["Ref", "Measure", "Polarity", "Target", "Tolerance", "Q1 2023/24"], ["K1", "A", "Higher", 100, "5%", 97], ["K2", "B", "Lower", 10, 2, 11]]
    kp = read_measures(make_book(rows)).set_index("measure_id")
    assert (kp.loc["K1", "tolerance"], kp.loc["K1", "tolerance_type"]) == (5, "percent")
    assert (kp.loc["K2", "tolerance"], kp.loc["K2", "tolerance_type"]) == (2, "absolute")


def test_no_polarity_column_is_a_warning_not_a_silent_guess(make_book):
    rows = [["Ref", "Measure", "Target", "Q1 2023/24"], ["K1", "A", 100, 97]]
    kp = read_measures(make_book(rows))
    assert kp.polarity.iloc[0] == "higher"
    assert any(p.severity == "warning" and "with a target but no polarity, rated as higher is better: A." in p.message for p in kp.attrs["problems"])


# ---------------------------------------------------------------------------------------------- sample


def test_sample_workbook_loads_as_documented(sample_path):
    frames = perfkit.read_workbook(sample_path)
    ms, kp = frames["milestones"], frames["measures"]
    assert ms.milestone_id.nunique() == 38 and set(ms.period) == {Q1, Q2, Q2 + 1, Q2 + 2}
    assert set(ms.priority) == {"A thriving local economy", "Healthy, safe communities", "A greener Northbrook"}
    assert kp.measure_id.nunique() == 25 and kp.period.nunique() == 8  # 20 quarterly and annual, 5 on the service plan
    assert set(kp.polarity) >= {"higher", "lower", "none"} and "annual" in set(kp.frequency)
    q2 = ms[ms.period == Q2].status.value_counts()
    assert (q2["Green"] + q2["Complete"], q2["Amber"]) == (30, 8)
    assert not [p for p in ms.attrs["problems"] + kp.attrs["problems"] if p.severity != "info"]


def test_sample_script_is_reproducible(tmp_path, sample_path):
    import make_sample

    a = make_sample.build(tmp_path / "a.xlsx")
    ms_a, ms_ref = read_milestones(a), read_milestones(sample_path)
    pd.testing.assert_frame_equal(ms_a.drop(columns="source"), ms_ref.drop(columns="source"))
    pd.testing.assert_frame_equal(read_measures(a), read_measures(sample_path))


# ---------------------------------------------------------------------------------------------- real published data (opt-in)

needs_realdata = pytest.mark.skipif(not REALDATA.is_dir(), reason="../shared/realdata is not beside the project")


@pytest.mark.realdata
@needs_realdata
@pytest.mark.parametrize("name", sorted(p.name for p in (REALDATA / "messy").glob("*")) if REALDATA.is_dir() else [])
def test_awkward_real_files_load_or_fail_naming_the_file(name):
    path = REALDATA / "messy" / name
    try:
        perfkit.validate(path)
    except perfkit.PerfkitError as exc:
        assert name in str(exc)


@pytest.mark.realdata
@needs_realdata
def test_lgbf_quarterly_with_a_mapping():
    kp = read_measures(REALDATA / "lgbf_crisis_grant_quarterly_tidy.csv", columns={"council": "directorate"})
    assert kp.measure_id.nunique() == 2 and kp.directorate.nunique() == 32
    assert set(kp.polarity) == {"higher"}
    first = kp[(kp.directorate == "Aberdeen City") & (kp.measure_id == "CORP 09")].iloc[0]
    assert (perfkit.period_label(first.period), first.actual) == ("2018/19 Q1", 0.98)


@pytest.mark.realdata
@needs_realdata
def test_multi_year_periods_are_left_out_with_a_warning_naming_their_cells():
    measures = read_measures(REALDATA / "lgbf_scotland_annual_tidy.csv")
    pooled = [p for p in measures.attrs["problems"] if p.severity == "warning" and "pool several years" in p.message]
    assert len(pooled) == 1 and pooled[0].source.startswith("lgbf_scotland_annual_tidy!F") and "left out" in pooled[0].message
    assert not measures["period"].isna().any()


def test_two_row_header_with_merged_quarter_labels(make_book):
    rows = [
        ["Delivery plan 2023/24"],
        ["", "", "", "Q1", "", "Q2 (Jul-Sep)", ""],
        ["Ref", "Action", "Lead", "Status", "Commentary", "Status", "Commentary"],
        ["A1", "Do it", "Ann", "G", "fine", "A", "late"],
        ["A2", "Other", "Bob", "R", "stuck", "G", "moving"],
    ]
    ms = read_milestones(make_book(rows, merges=["D2:E2", "F2:G2"]))
    q2 = ms[ms.period == Q2].set_index("milestone_id")
    assert list(q2.status.astype(str)) == ["Amber", "Green"] and q2.loc["A2", "commentary"] == "moving"
    assert q2.loc["A1", "source"] == "Milestones!F4"
    # the same layout saved as CSV (no merge information): a label runs to the next one
    csv = make_book(rows, name="plain 2023-24.xlsx")
    assert len(read_milestones(csv)) == 4


def test_column_letters_match_excel():
    from openpyxl.utils import get_column_letter

    from perfkit.core.errors import col_letter

    assert [col_letter(i) for i in (0, 25, 26, 701, 702, 16383)] == ["A", "Z", "AA", "ZZ", "AAA", "XFD"]
    assert all(col_letter(i) == get_column_letter(i + 1) for i in range(0, 16384, 7))


# ---------------------------------------------------------------------------------------------- every row accounted for

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

STATUS_WORDS = ["G", "green ", "On track", "A", "Amber", "R", "Complete", "Blue", "Not due", "n/a"]


@st.composite
def layouts(draw):
    """A hand-laid-out milestones sheet: title rows, section rows, blank rows, notes, milestones."""
    rows = [["Council Plan 2023/24"]] + [[f"title line {i}"] for i in range(draw(st.integers(0, 2)))]
    rows.append([])
    rows.append(["Ref", "Milestone", "Lead officer", "Q1 Status", "Q2 Status"])
    n = 0
    for s in range(draw(st.integers(1, 3))):
        rows.append([f"Priority {s + 1}: Theme {s}"])
        for _ in range(draw(st.integers(1, 5))):
            n += 1
            rows.append([f"M{n}", f"Milestone {n}", f"Officer {n % 2}", draw(st.sampled_from(STATUS_WORDS)), draw(st.sampled_from(STATUS_WORDS + [None]))])
            if draw(st.booleans()):
                rows.append([])
    if draw(st.booleans()):
        rows.append(["Key: G = on track"])
    return rows, n


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(layouts())
def test_every_row_is_accounted_for_in_any_layout(tmp_path, data):
    rows, n = data
    path = tmp_path / "layout.xlsx"
    from conftest import write_rows

    write_rows(path, rows)
    ms = read_milestones(path)
    assert ms.milestone_id.nunique() == n and len(ms) <= 2 * n
    assert ms.duplicated(["milestone_id", "period"]).sum() == 0
    header = next(i for i, r in enumerate(rows, start=1) if r[:1] == ["Ref"])
    data_rows = {int("".join(ch for ch in s.split("!")[1] if ch.isdigit())) for s in ms.source}
    reported = {r for p in ms.attrs["problems"] for r in _rows_of(p.source)}
    headings = {i for i, r in enumerate(rows, start=1) if r and str(r[0]).startswith("Priority")}
    non_blank = {i for i, r in enumerate(rows, start=1) if any(v not in (None, "") for v in r)}
    assert non_blank - {header} - headings - data_rows - reported == set()
    # and every heading's text is a priority in the data
    assert {rows[i - 1][0].split(": ", 1)[1] for i in headings} == set(ms.priority)


def test_ods_and_xlsm(tmp_path, make_book):
    from conftest import write_ods

    rows = [["Plan 2023/24"], ["Ref", "Action", "Lead", "Q1 Status"], ["A1", "Do it", "Ann", "G"], ["A2", "Other", "Bob", "amber"]]
    ods = read_milestones(write_ods(tmp_path / "plan.ods", rows))
    assert list(ods.status.astype(str)) == ["Green", "Amber"] and ods.source.iloc[1] == "Milestones!D4"
    xlsm = read_milestones(make_book(rows, name="plan.xlsm"))
    assert list(xlsm.status.astype(str)) == ["Green", "Amber"]


@pytest.mark.realdata
@needs_realdata
def test_real_legacy_xls_is_read_and_its_layout_named():
    path = REALDATA / "nhse_ae_by_provider_april2024_messy.xls"
    with pytest.raises(LayoutError, match="nhse_ae_by_provider_april2024_messy.xls: found no measures header row") as info:
        read_measures(path)
    assert "Provider Level Data" in str(info.value)  # every sheet was opened and searched


def test_a_kpi_column_of_codes_beside_a_description_column(tmp_path):
    """'KPI | Description': the KPI column holds references, the description the names."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "KPIs 2024-25"
    ws.append(["KPI", "Description", "Polarity", "Target", "Q2 2024/25"])
    ws.append(["K1", "Households prevented from becoming homeless", "Higher", 100, 80])
    ws.append(["K2", "Days to process a housing benefit claim", "Lower", 20, 18])
    ws.append(["PI 03", "Household waste recycled or composted", "Higher", 50, 51])
    wb.save(tmp_path / "kpis.xlsx")
    kp = read_measures(tmp_path / "kpis.xlsx")
    named = kp.drop_duplicates("measure_id").set_index("measure_id")["name"].to_dict()
    assert named == {"K1": "Households prevented from becoming homeless", "K2": "Days to process a housing benefit claim",
                     "PI 03": "Household waste recycled or composted"}
    assert any("column 'KPI' holds references and 'Description'" in p.message for p in kp.attrs["problems"])


def test_two_name_columns_of_wording_are_left_as_they_were(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Measure", "Description", "Polarity", "Target", "Q2 2024/25"])
    ws.append(["Homelessness prevented", "Households helped to stay in their homes", "Higher", 100, 80])
    ws.append(["Benefit processing", "Days to process a housing benefit claim", "Lower", 20, 18])
    wb.save(tmp_path / "kpis.xlsx")
    kp = read_measures(tmp_path / "kpis.xlsx")
    assert list(kp.drop_duplicates("name")["name"]) == ["Homelessness prevented", "Benefit processing"]


def test_pentanas_polarity_words_are_known_and_an_unknown_words_example_follows_its_meaning(make_book):
    rows = [["KPIs 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q1 Actual"],
            ["K1", "Visits", "Aim to Maximise", 10, 12], ["K2", "Complaints", "Aim to Minimise", 5, 4],
            ["K3", "Recycling", "Push it higher", 50, 55]]
    with pytest.raises(ValidationError) as info:  # an unknown polarity word is an error, its example line as the word means
        read_measures(make_book(rows, sheet="KPIs"))
    assert [p.source for p in info.value.problems if p.severity == "error"] == ["KPIs!C5"]
    assert "e.g. \"Push it higher\" = \"higher\"" in str(info.value)
    kp = read_measures(make_book(rows[:-1], sheet="KPIs"))
    assert kp.drop_duplicates("measure_id")["polarity"].tolist() == ["higher", "lower"]
