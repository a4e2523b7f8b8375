"""perfkit init: a perfkit.toml that validate accepts once its blanks are filled, and a workbook's own file beside others.

Each test builds its workbook, runs ``perfkit init`` as an officer would, fills in the blanks the
file leaves (``""``) with what the test's generator knows each column holds, and runs ``perfkit
validate``: the officer's edits are the blanks, never a line perfkit wrote wrongly.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
import sys
import tomllib
from pathlib import Path

import pandas as pd
import pytest

import perfkit
from perfkit.cli import main
from perfkit.cli.starter import starter_text

from conftest import officer_workbook, write_rows

sys.path.insert(0, str(Path(__file__).resolve().parent / "layouts"))
from layout_builders import LAYOUTS, SheetSpec, day, write_workbook  # noqa: E402

for _path in sorted((Path(__file__).resolve().parent / "layouts").glob("test_*.py")):
    if _path.stem != "test_catalogue":
        importlib.import_module(_path.stem)  # every family's layouts, registered in LAYOUTS

BLANK = re.compile(r'^(?P<key>"(?:[^"\\]|\\.)*"|[a-z_]+) = ""(?P<rest>.*)$')
GUESS = re.compile(r'^(?P<key>"(?:[^"\\]|\\.)*"|[a-z_]+) = "[^"]*"(?P<rest>   # perfkit.s guess: check it)$')


def fill_blanks(text: str, answers: dict) -> str:
    """The file with each blank filled from ``answers``: ``{(table, key): value}``, table as written (``sheets."Q2"``,
    ``sheets."Q2".columns``, ``status.words``); a blank with no answer is left as it is. A line marked as perfkit's
    guess may be answered too (the officer checks those); no other line is touched."""
    out, table, filled = [], "", set()
    for line in text.splitlines():
        if line.startswith("["):
            table = line.strip("[]")
        m = BLANK.match(line) or GUESS.match(line)
        if m:
            key = tomllib.loads(f"{m['key']} = 1").popitem()[0]
            if (table, key) in answers:
                line = f"{m['key']} = {tomllib_string(answers[table, key])}{m['rest']}"
                filled.add((table, key))
        out.append(line)
    missing = set(answers) - filled
    assert not missing, f"no blank for {sorted(missing)} in:\n{text}"
    return "\n".join(out) + "\n"


def tomllib_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def blanks(text: str) -> list[tuple[str, str]]:
    """Every (table, key) the file leaves blank."""
    found, table = [], ""
    for line in text.splitlines():
        if line.startswith("["):
            table = line.strip("[]")
        m = BLANK.match(line)
        if m:
            found.append((table, tomllib.loads(f"{m['key']} = 1").popitem()[0]))
    return found


def init_fill_validate(path: Path, answers: dict, capsys) -> tuple[str, str]:
    """Run init, fill its blanks, run validate --strict; the file and validate's output."""
    assert main(["init", str(path)]) == 0
    written = path.parent / "perfkit.toml"
    text = written.read_text(encoding="utf-8")
    tomllib.loads(text)  # the starter is valid TOML as written, blanks and all
    written.write_text(fill_blanks(text, answers), encoding="utf-8")
    capsys.readouterr()
    code = main(["validate", str(path), "--strict"])
    out = capsys.readouterr().out
    assert code == 0, out + "\n" + written.read_text()
    return written.read_text(encoding="utf-8"), out


# ---------------------------------------------------------------------------------------------- workbooks


UNUSUAL = [
    ["Delivery plan"],
    [],
    ["No.", "What we will deliver", "Responsible", "Sept position", "Sept update"],
    ["1", "Open the hub", "Ann", "Slipping", "Builders late"],
    ["2", "Plant trees", "Bob", "Fine", ""],
    ["3", "Mend the roads", "Cy", "Fine", ""],
]


def test_a_tracker_perfkit_cannot_read_reads_once_the_blanks_are_filled(tmp_path, capsys):
    book = write_rows(tmp_path / "return_2024-25.xlsx", UNUSUAL, sheet="Q2 return")
    assert main(["validate", str(book)]) == 1
    text, out = init_fill_validate(book, {
        ('sheets."Q2 return"', "kind"): "milestones",
        ('sheets."Q2 return".columns', "What we will deliver"): "title",
        ('sheets."Q2 return".columns', "Sept update"): "commentary@2024/25 Q2",
        ("status.words", "Fine"): "Green",
    }, capsys)
    # its short words (Slipping, Fine) make 'Sept position' the quarter's status, offered as a guess to check
    assert '"Sept position" = "status@2024/25 Q2"   # perfkit\'s guess: it holds short words (Slipping, Fine)' in text
    assert "Q2 return: 3 milestones (2024/25 Q2)" in out
    ms = perfkit.read_milestones(book)
    assert list(ms.status) == ["Amber", "Green", "Green"] and list(ms.title) == ["Open the hub", "Plant trees", "Mend the roads"]
    assert ms.commentary.iloc[0] == "Builders late"


def test_the_officers_tracker_reads_once_the_blanks_are_filled(tmp_path, capsys):
    path = officer_workbook(tmp_path / "anyshire_2024-25.xlsx", tracker=True)
    text = starter_text(path, config=False)
    # The tracker perfkit could not read: a blank kind (its guess in the comment), its columns and its quarter.
    assert re.search(r'\[sheets\."Housing actions"\]\nkind = "" +# perhaps "actions"', text)
    text, out = init_fill_validate(path, {
        ('sheets."Housing actions"', "kind"): "actions",
        ('sheets."Housing actions"', "period"): "2024/25 Q3",
        ('sheets."Housing actions".columns', "What will happen"): "action",
        ('sheets."Housing actions".columns', "Who"): "lead",
        ('sheets."Housing actions".columns', "Timing"): "due_date",
        ('sheets."Housing actions".columns', "How it is going"): "status",
    }, capsys)
    assert "Housing actions: 4 actions (2024/25 Q3)" in out
    acts = perfkit.read_workbook(path)["actions"]
    assert list(acts.action_id) == ["HA1", "HA2", "HA3", "HA4"] and list(acts.lead) == ["J Bell", "K Ray", "L Fox", "M Day"]
    assert acts.status.notna().all() and acts.status.astype(str).iloc[0] == "On track"


def test_date_headers_are_written_as_excel_shows_them_and_validate_accepts_them(tmp_path, capsys):
    rows = [["Milestones 2024/25"], [], ["Ref", "Milestone", "Lead", "Due date", day(2024, 6, 30), day(2024, 9, 30), "No. of measures"],
            ["M1", "Open hub", "Ann", day(2024, 12, 31), "Green", "Amber", 3], ["M2", "Plant trees", "Bob", day(2025, 3, 31), "Amber", "Red", 4]]
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Tracker", rows)])
    text = starter_text(path, config=False)
    assert '"30/06/2024" = "status@2024/25 Q1"' in text and '"30/09/2024" = "status@2024/25 Q2"' in text
    assert "2024-06-30" not in text
    assert '"No. of measures" = ""   # not read: what does it hold? a field listed at the top, or "ignore"' in text
    text, out = init_fill_validate(path, {('sheets."Tracker".columns', "No. of measures"): "ignore"}, capsys)
    ms = perfkit.read_milestones(path)
    assert list(ms[ms.period == perfkit.parse_period("2024/25 Q2")].status) == ["Amber", "Red"]


def test_an_empty_next_half_years_column_headed_as_the_statuses_beside_it_is_their_next_status(tmp_path):
    """A delivery tracker's `H1 2024/25 progress | H1 commentary | H2 2024/25 progress | H2 commentary`, H2 not yet filled
    in: init wrote both H2 columns as "commentary@2024/25 H2", which validate refused once the sheet was set to milestones."""
    rows = [["Corporate Plan 2024-28 - Delivery Tracker"], [],
            ["Ref", "Key deliverables", "Responsible officer", "Target completion", "H1 2024/25 progress", "H1 commentary",
             "H2 2024/25 progress", "H2 commentary"],
            ["CP01", "Adopt the new Local Plan", "Head of Planning", day(2025, 3, 31), "On track", "Examination in public", None, None],
            ["CP02", "Open the community hub", "Head of Communities", day(2024, 6, 30), "Completed", "Opened in May", None, None],
            ["CP03", "Launch grants scheme", "Economic Development Manager", day(2024, 7, 31), "Minor delays", "Launched late", None, None]]
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Delivery tracker", rows)])
    text = starter_text(path, config=False)
    assert '"H2 2024/25 progress" = "status@2024/25 H2"' in text and '"H2 commentary" = "commentary@2024/25 H2"' in text
    (tmp_path / "perfkit.toml").write_text(text.replace('kind = "actions"', 'kind = "milestones"').replace('= "action"', '= "title"')
                                           .replace('= "action_id"', '= "milestone_id"'))
    report = perfkit.validate(path)
    assert not report.errors, [p.message for p in report.errors]


def test_a_process_control_charts_own_columns_are_offered_as_ignore(tmp_path):
    """An NHS trust's integrated performance report: `Mean | Lower process limit | Upper process limit` beside the month's
    figure were written as blanks asking what they hold."""
    rows = [["Integrated Performance Report - September 2025"], [],
            ["Metric", "Higher or lower is better", "Target", "Sep-25", "Mean", "Lower process limit", "Upper process limit"],
            ["ED 4-hour performance (%)", "Higher", 78, 74.1, 73.2, 69.0, 77.4],
            ["Sickness absence (%)", "Lower", 4.5, 5.1, 5.0, 4.2, 5.8]]
    path = write_workbook(tmp_path / "ipr.xlsx", [SheetSpec("IPR Sep-25", rows)])
    text = starter_text(path, config=False)
    for header in ("Mean", "Lower process limit", "Upper process limit"):
        assert f'"{header}" = "ignore"   # a process-control chart' in text, text


def test_date_headers_formatted_as_months_are_written_as_the_months_excel_shows(tmp_path, capsys):
    """Month columns headed by dates formatted mmm-yy (Excel shows Jun-24) were written "30/06/2024", which the officer
    sees nowhere in the workbook."""
    rows = [["Milestones 2024/25"], [], ["Ref", "Milestone", "Lead", "Due date", day(2024, 6, 1), day(2024, 9, 1), "No. of measures"],
            ["M1", "Open hub", "Ann", day(2024, 12, 31), "Green", "Amber", 3], ["M2", "Plant trees", "Bob", day(2025, 3, 31), "Amber", "Red", 4]]
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Tracker", rows, number_formats={"E3:F3": "mmm-yy"})])
    text = starter_text(path, config=False)
    assert '"Jun-24" = "status@2024/25 Q1"' in text and '"Sep-24" = "status@2024/25 Q2"' in text and "01/06/2024" not in text
    text, out = init_fill_validate(path, {('sheets."Tracker".columns', "No. of measures"): "ignore"}, capsys)
    assert "is not used" not in out
    ms = perfkit.read_milestones(path)
    assert list(ms[ms.period == perfkit.parse_period("2024/25 Q2")].status) == ["Amber", "Red"]


def test_a_date_header_may_be_named_either_way_in_perfkit_toml(tmp_path):
    # The date heads the commentary: read as a status (perfkit's own reading) it would be an unknown status word.
    rows = [["Ref", "Milestone", "Position", dt.datetime(2024, 9, 30)], ["M1", "Open hub", "Slipping", "Builders late"]]
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Tracker", rows)])
    for key in ("30/09/2024", "2024-09-30"):  # as Excel shows it (and perfkit init writes it), and as older files have it
        cfg = {"status": {"words": {"Slipping": "Amber"}},
               "sheets": {"Tracker": {"columns": {key: "commentary@2024/25 Q2", "Position": "status@2024/25 Q2"}}}}
        ms = perfkit.read_milestones(path, config=cfg)
        assert list(ms.status) == ["Amber"] and list(ms.commentary) == ["Builders late"], key


def test_the_file_lists_the_fields_of_every_kind_and_offers_ignore(tmp_path):
    path = officer_workbook(tmp_path / "anyshire_2024-25.xlsx", tracker=True)
    text = starter_text(path, config=False)
    listed = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    for kind in perfkit.read.spec.kind_names():
        assert f"#   {kind}: " in listed
        for fld in perfkit.read.spec.get_kind(kind).fields - {"ignore"}:
            assert re.search(rf"\b{fld}\b", listed), (kind, fld)
    assert '[sheets."Cover"]\nkind = "ignore"' in text and '[sheets."Lookups"]\nkind = "ignore"' in text
    for table, key in blanks(text):
        line = next(line for line in text.splitlines() if line.startswith(tomllib_string(key)) or line.startswith(f"{key} ="))
        assert "#" in line, f"a blank with no word on what to put there: {line}"


def test_the_quarter_found_for_a_sheet_is_written_but_not_pinned(tmp_path, capsys):
    rows = [["Council Plan 2024/25 Quarter 2 return"], [], ["Ref", "Milestone", "Lead", "RAG status", "Commentary"],
            ["M1", "Open hub", "Ann", "Green", "ok"], ["M2", "Plant trees", "Bob", "Amber", "late"]]
    path = write_workbook(tmp_path / "return.xlsx", [SheetSpec("Return", rows)])
    text = starter_text(path, config=False)
    assert '# period = "2024/25 Q2"' in text
    # Next quarter's copy, read with the same file, is read as its own quarter.
    assert main(["init", str(path)]) == 0
    rows[0] = ["Council Plan 2024/25 Quarter 3 return"]
    write_workbook(path, [SheetSpec("Return", rows)])
    assert set(perfkit.read_milestones(path).period) == {perfkit.parse_period("2024/25 Q3")}


def test_a_sheet_naming_no_quarter_gets_a_blank_for_it_and_reads_once_filled(tmp_path, capsys):
    rows = [["Ref", "Milestone", "Lead", "RAG status"], ["M1", "Open hub", "Ann", "Green"], ["M2", "Plant trees", "Bob", "Red"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)])
    with pytest.raises(perfkit.LayoutError, match="names no quarter"):
        perfkit.read_milestones(path)
    text, out = init_fill_validate(path, {('sheets."Plan"', "period"): "2024/25 Q2"}, capsys)
    assert "Plan: 2 milestones (2024/25 Q2)" in out


def test_quarter_headers_with_no_year_get_a_blank_year(tmp_path, capsys):
    rows = [["Ref", "Milestone", "Q1 Status", "Q2 Status"], ["M1", "Open hub", "Green", "Amber"], ["M2", "Plant trees", "Green", "Green"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)])
    text = starter_text(path, config=False)
    assert re.search(r'^year = "" +# the financial year of the quarter headers on \'Plan\'', text, re.M)
    text, out = init_fill_validate(path, {("", "year"): "2023/24"}, capsys)
    assert "Plan: 2 milestones (2023/24 Q1 to 2023/24 Q2)" in out


def test_a_transposed_table_is_written_as_the_measures_it_is_read_as(tmp_path):
    rows = [["Performance indicators 2024/25"], [], ["Quarter", "Households in temporary accommodation", "Days to relet", "Calls answered"],
            ["Target", 120, 20, 0.9], ["Q1 2024/25", 130, 22, 0.88], ["Q2 2024/25", 118, 19, 0.91]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    text = starter_text(path, config=False)
    assert '[sheets."KPIs"]\nkind = "measures"' in text  # read turned round (perfkit.read.workbook_layouts)
    # the turned-round table's labels are shown, never set: 'Measure' is a header no cell of the sheet holds
    assert '# "Target" = "target"' in text and not re.search(r'^"(Measure|Target)" =', text, re.M)
    assert "[sheets.\"KPIs\".columns]" not in tomllib.loads(text) and "columns" not in tomllib.loads(text)["sheets"]["KPIs"]


def test_a_header_written_twice_has_one_line_and_a_comment(tmp_path):
    rows = [["Ref", "Description of the risk", "Owner", "Impact", "Likelihood", "Mitigating action", "Impact", "Likelihood"],
            ["R1", "Funding falls", "CFO", 4, 4, "Lobby", 3, 3], ["R2", "Data breach", "SIRO", 5, 2, "Training", 4, 2]]
    path = write_workbook(tmp_path / "risks_2024-25_q2.xlsx", [SheetSpec("Risks", rows)])
    text = starter_text(path, config=False)
    tomllib.loads(text)  # "Impact" twice as keys would not be valid TOML
    assert len(re.findall(r'^"Impact" =', text, re.M)) == 1
    assert '# "Impact" again: read as residual_impact, the next in order after the line above' in text


def test_a_status_header_after_each_quarters_figures_is_said_in_a_comment_not_mapped_to_the_first_quarter(tmp_path):
    """'Pass / Fail' after each quarter's figures: init wrote "Pass / Fail" = "reported_status@2024/25 Q1", which validate
    then refused as both columns holding Q1's status."""
    rows = [["Waste contract KPIs 2024/25"], [],
            ["KPI", "Measure", "Standard", "Quarter 1 Performance", "Pass / Fail", "Quarter 2 Performance", "Pass / Fail"],
            ["W01", "Missed collections per 100,000", 50, 45, "Pass", 55.3, "Fail"],
            ["W03", "Containers delivered in 5 days (%)", 98, 99, "Pass", 98.5, "Pass"]]
    path = write_workbook(tmp_path / "waste_kpis.xlsx", [SheetSpec("Contract KPIs", rows)])
    before = perfkit.read_measures(path, config=False)
    text = starter_text(path, config=False)
    tomllib.loads(text)
    assert not re.search(r'^"Pass / Fail" =', text, re.M)
    assert ('# "Pass / Fail" (2 columns): read as reported_status@2024/25 Q1, reported_status@2024/25 Q2 by where each '
            "stands") in text
    (tmp_path / "perfkit.toml").write_text(text.replace('= ""   #', '= "ignore"   #'), encoding="utf-8")
    after = perfkit.read_measures(path)
    pd.testing.assert_series_equal(before["reported_status"], after["reported_status"])


@pytest.mark.parametrize("layout", LAYOUTS, ids=[f"{x.family}/{x.name}" for x in LAYOUTS])
def test_init_on_every_catalogued_layout_is_valid_and_changes_nothing_perfkit_reads(layout, tmp_path):
    path, _ = layout.build(tmp_path)
    if layout.config is not None:
        pytest.skip("read with its family's perfkit.toml")
    before = perfkit.read_workbook(path, config=False)
    text = starter_text(path, config=False)
    (path.parent / "perfkit.toml").write_text(text, encoding="utf-8")
    after = perfkit.read_workbook(path)
    assert set(before) == set(after)
    for kind in before:
        pd.testing.assert_frame_equal(before[kind], after[kind])


# ---------------------------------------------------------------------------------------------- several workbooks


def test_init_for_a_second_workbook_writes_its_own_file(tmp_path, capsys):
    first = write_rows(tmp_path / "q2_return_2024-25.xlsx", UNUSUAL, sheet="Q2 return")
    second = officer_workbook(tmp_path / "anyshire_2024-25.xlsx", tracker=True)
    assert main(["init", str(first)]) == 0
    folder_file = (tmp_path / "perfkit.toml").read_text()
    capsys.readouterr()
    assert main(["init", str(second)]) == 0
    out = capsys.readouterr().out
    own = tmp_path / "anyshire_2024-25.perfkit.toml"
    assert own.is_file() and "anyshire_2024-25.xlsx's own settings" in out
    assert (tmp_path / "perfkit.toml").read_text() == folder_file  # the first workbook's file is untouched
    assert "is read with this file alone" in own.read_text()
    # Each workbook reads with its own settings; validate says which file it used.
    assert main(["validate", str(second)]) == 0
    assert "Settings: anyshire_2024-25.perfkit.toml (the workbook's own; perfkit.toml in its folder is not used)" in capsys.readouterr().out
    assert main(["init", str(second)]) == 1
    assert "anyshire_2024-25.perfkit.toml already exists" in capsys.readouterr().err
    assert main(["init", str(first)]) == 1  # perfkit.toml is the first workbook's own: not replaced unasked


def test_init_asks_about_no_word_the_plan_s_own_kind_knows(tmp_path):
    """An action plan's 'In progress' is read as On track: init must not ask what it means (it asked, as a RAG word)."""
    rows = [["Improvement plan: position at September 2024"], [], ["Ref", "Action", "Lead", "Due date", "Status"],
            ["Recommendation 1: Governance"], ["1.1", "Review the constitution", "CEO", "31/03/2025", "In progress"],
            ["1.2", "Publish a forward plan", "CEO", "31/03/2025", "Implemented"], ["1.3", "Member training", "CEO", "31/03/2025", "Wobbly"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)])
    text = starter_text(path, config=False)
    assert '"In progress" = ""' not in text and '"Implemented" = ""' not in text and '"Wobbly" = ""' in text


def test_init_asks_about_no_status_written_in_two_languages_that_reading_knows(tmp_path):
    """'Oedi / Delayed' is read by its English half: init asked what it meant, as if perfkit did not know it."""
    rows = [["Cynllun Corfforaethol / Corporate Plan 2024-25, Chwarter 2 / Quarter 2"], ["Cyf / Ref", "Cam / Step", "Statws / Status"],
            ["1.1", "Town centre plan", "Ar y trywydd / On track"], ["1.2", "Skills hub", "Oedi / Delayed"],
            ["1.3", "Bus pilot", "Rhywbeth / Wobbly"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Cynllun", rows)])
    text = starter_text(path, config=False)
    assert '"Oedi / Delayed" = ""' not in text and '"Ar y trywydd / On track" = ""' not in text and '"Rhywbeth / Wobbly" = ""' in text


def test_init_offers_the_tolerance_and_the_bands_a_workbook_may_need(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "KPIs"
    for row in (["KPIs 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q1 2024/25"], ["K1", "Calls answered (%)", "Higher", 90, 88]):
        ws.append(row)
    risks = wb.create_sheet("Risks")
    for row in (["Risk register, Quarter 1 2024/25"], ["Ref", "Risk", "Likelihood", "Impact"], ["R1", "Budget gap", 4, 5], ["R2", "Cyber", 3, 4]):
        risks.append(row)
    wb.save(tmp_path / "book.xlsx")
    text = starter_text(tmp_path / "book.xlsx", config=False)
    assert '[measures]\n# tolerance = "10%"' in text and '[risks]\n# bands = "1-6 Low' in text
    # the section a warning of a measure with no polarity sends the officer to, there to be filled in
    assert '[measures.polarity]\n# "K001" = "lower"' in text


def test_a_word_unknown_in_a_table_split_by_its_type_column_is_asked_for(tmp_path):
    """A `Type` column splits the table into milestones and KPIs: validate refused a status word no key names, but the
    file init wrote had no line for it (the split sheet's status columns were never looked at)."""
    rows = [["Cabinet Quarterly Performance Report - Quarter 2 2024/25"], [],
            ["Ref", "Type", "Description", "Deadline / Target", "Q1 status", "Q2 status", "Q2 value"],
            ["P1", "Milestone", "Adopt the Local Plan", day(2024, 12, 31), "On track", "Bit worrying", None],
            ["P2", "KPI", "Net additional homes", 450, "Off track", "Off track", 160],
            ["P3", "Milestone", "Start Phase 2 homes", day(2024, 9, 30), "On track", "Completed", None],
            ["P4", "KPI", "Council tax collected (%)", 97, "On track", "Bit worrying", 95]]
    path = write_workbook(tmp_path / "cabinet.xlsx", [SheetSpec("Q2 Performance", rows)])
    text = starter_text(path)
    assert re.search(r'^"Bit worrying" = ""', text, re.M), text


def test_an_action_plans_unknown_word_is_offered_the_action_plans_statuses(tmp_path):
    """validate offers an action plan's own statuses (Behind schedule, At risk, On track...) for a word it does not know;
    init offered Red, Amber, Green for the same word."""
    rows = [["HMICFRS areas for improvement - action plan"], ["Position at 30 September 2024"],
            ["AFI", "Action", "Lead", "Target date", "% complete", "Status"],
            ["AFI1", "Review the call handling process", "Superintendent", day(2025, 3, 31), 0.5, "Logged"],
            ["AFI2", "Train supervisors", "Head of Learning", day(2024, 12, 31), 1, "Closed"],
            ["AFI3", "Publish the workforce plan", "Director of People", day(2025, 3, 31), 0.2, "Logged"],
            ["AFI4", "Audit the crime recording", "Head of Crime Standards", day(2025, 6, 30), 0.1, "Logged"]]
    path = write_workbook(tmp_path / "afi.xlsx", [SheetSpec("AFI Tracker", rows)])
    text = starter_text(path)
    assert re.search(r'^"Logged" = ""   # perfkit does not know it: Behind schedule, At risk, On track, Complete', text, re.M), text


def test_init_on_an_action_plan_rated_each_month_writes_a_file_validate_accepts(tmp_path):
    """'Jul-24 | Aug-24 | Sep-24' status columns: init wrote "status@Jul-24" for each, which validate then refused as
    several months of one period."""
    wb = __import__("openpyxl").Workbook()
    ws = wb.active
    ws.title = "Improvement Plan"
    ws.append(["Children's services improvement plan - position September 2024"])
    ws.append(["Ref", "Action", "Lead", "Timescale", "Jul-24", "Aug-24", "Sep-24"])
    for month in (7, 8, 9):
        ws.cell(row=2, column=4 + month - 6, value=dt.datetime(2024, month, 1)).number_format = "mmm-yy"
    ws.append(["1.1", "Refresh the audit framework", "Head of QA", dt.datetime(2024, 12, 31), "G", "G", "B"])
    ws.append(["1.2", "Train team managers", "Head of Service", dt.datetime(2024, 8, 31), "A", "R", "R"])
    wb.save(tmp_path / "plan.xlsx")
    assert main(["init", str(tmp_path / "plan.xlsx")]) == 0
    written = (tmp_path / "perfkit.toml").read_text()
    assert '= "status@2024/25 Q2"' in written and written.count('"ignore"   # a month of the quarter') == 2, written
    assert main(["validate", str(tmp_path / "plan.xlsx")]) == 0


def test_init_asks_no_status_word_of_a_dash(tmp_path):
    """A '-' in a status column (nothing given) was written as '"-" = ""' under [status.words], which validate then
    refused once filled in: no word a status could take."""
    rows = [["Children's services scorecard"], ["No.", "Indicator", "Polarity", "Target", "Wealdshire", "England", "RAG"],
            ["CSC1", "Re-referrals (%)", "Lower", 22, 21.4, 22.4, "G"], ["CSC2", "Assessments in time (%)", "Higher", 85, 87.5, 82.9, "G"],
            ["CSC3", "Children in need (rate)", "n/a", None, 38.2, 41.6, "-"], ["CSC4", "Care leavers in work (%)", "Higher", 60, 52, 55, "R"]]
    path = write_workbook(tmp_path / "card.xlsx", [SheetSpec("Card", rows)])
    text = starter_text(path, config=False)
    assert '"-" = ""' not in text


def test_init_asks_about_no_polarity_word_reading_knows(tmp_path):
    """A Welsh fire authority's `Isel / Low` and a police plan's `Maintain` are read (the second said with its line); the
    file init wrote asked for each of them all the same (`"Isel / Low" = ""   # higher, lower, range or none?`)."""
    rows = [["Performance measures, Quarter 2 2024/25"], ["Ref", "Measure", "Gwell os / Better if", "Target", "Q2 2024/25"],
            ["M1", "Accidental dwelling fires", "Isel / Low", 60, 58], ["M2", "Firefighters (FTE)", "Maintain", 300, 296],
            ["M3", "Home safety checks", "Sideways", 500, 520]]
    text = starter_text(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("Measures", rows)]))
    asked = text.split("[polarity.words]", 1)[1].split("[", 1)[0]
    assert '"Sideways" = ""' in asked and "Isel" not in asked and "Maintain" not in asked


def test_init_sets_aside_a_measure_type_column_as_reading_does(tmp_path):
    """A landlord's `Measure type` (Perception, Management information) is set aside by reading; init wrote it as the
    unit, and the file then read every figure as '29.4 Perception'."""
    rows = [["Tenant Satisfaction Measures 2024/25 Q2"], ["TSM ref", "Measure", "Measure type", "Polarity", "Target", "Q2"],
            ["TP01", "Satisfied with the overall service (%)", "Perception", "Higher", 72, 70.3],
            ["RP01", "Homes that do not meet the Decent Homes Standard (%)", "Management information", "Lower", 2, 1.8]]
    text = starter_text(write_workbook(tmp_path / "tsm.xlsx", [SheetSpec("TSM", rows)]))
    assert re.search(r'"Measure type" = "ignore" +# kinds of measure, not units', text)


def test_init_writes_a_reporting_periods_status_for_the_quarter_reading_gives_it(tmp_path):
    """A Better Care Fund return: init wrote the 'Assessment ... for the reporting period' column as `reported_status`
    with no quarter, and the file, once filled in, moved the Q2 return back to Q1 with nothing said."""
    rows = [["Better Care Fund 2024-25 Q2 Reporting Template"], [],
            ["Metric", "Plan Q1", "For information - actual performance for Q1",
             "Assessment of progress against the metric plan for the reporting period"],
            ["Avoidable admissions", 180, 171.2, "On track to meet target"], ["Falls", 487.5, 512.4, "Not on track to meet target"]]
    text = starter_text(write_workbook(tmp_path / "bcf_q2.xlsx", [SheetSpec("4. Metrics", rows)]))
    assert '"Assessment of progress against the metric plan for the reporting period" = "reported_status@2024/25 Q2"' in text


def test_init_asks_only_what_reading_cannot_place(tmp_path):
    """A scrutiny tracker's 'Implemented?' Yes / Partly / No and its 'Cabinet response' (Accepted, Rejected): init asked
    what 'Yes' and 'No' meant (reading places them: Complete, Not started) and what the grouping column held, so an
    officer filling in what it asked made four edits where one ('Partly') was needed."""
    rows = [["Scrutiny recommendations tracker - Quarter 2 2024/25"],
            ["Rec. No.", "Recommendation", "Cabinet response", "Responsible officer", "Agreed implementation date", "Implemented?"],
            ["1", "Publish the forward plan", "Accepted", "Head of Democratic Services", dt.datetime(2024, 6, 30), "Yes"],
            ["2", "Review the grants scheme", "Partially accepted", "Head of Communities", dt.datetime(2024, 9, 30), "Partly"],
            ["3", "Webcast every committee", "Rejected", "Head of Democratic Services", dt.datetime(2025, 3, 31), "No"],
            ["4", "Annual report to Council", "Accepted", "Chief Executive", dt.datetime(2024, 7, 31), "Yes"]]
    path = write_workbook(tmp_path / "scrutiny_tracker.xlsx", [SheetSpec("Tracker", rows)])
    text = starter_text(path, config=False)
    words = text.split("[status.words]")[1].split("[polarity]")[0]
    assert '"Partly" = ""' in words and '"Yes" = ""' not in words and '"No" = ""' not in words, words
    assert '"Cabinet response" = ""' not in text and '# "Cabinet response": kept as a grouping' in text


def test_init_asks_nothing_of_yes_and_no_under_target_met_as_reading_reads_them(tmp_path):
    """A service plan's 'Target met?' Yes / No: reading takes them as Green and Red (the officer's answer), but the file
    init wrote asked `"Yes" = ""` and `"No" = ""` as words perfkit did not know; 'Achieved' likewise."""
    rows = [["Leisure and Culture Service Plan 2024/25 - year-end performance"], [],
            ["Code", "Measure", "Outturn 2023/24", "Target 2024/25", "Outturn 2024/25", "Target met?"],
            ["LC01", "Visits to leisure centres", 612400, 630000, 641950, "Yes"],
            ["LC02", "Library visits (physical)", 288100, 300000, 296500, "No"],
            ["LC03", "Library e-loans", 3500, 4000, 4400, "Achieved"],
            ["LC04", "Room hire bookings", 900, 1000, 950, "Sideways"]]
    text = starter_text(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Service Plan Measures", rows)]))
    asked = text.split("[status.words]", 1)[1].split("[polarity]", 1)[0]
    assert '"Sideways" = ""' in asked and '"Yes"' not in asked and '"No"' not in asked and "Achieved" not in asked
