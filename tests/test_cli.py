import subprocess
import sys

import pandas as pd
import pytest

from perfkit.cli import main

from conftest import milestone_rows, write_rows


def test_validate_names_each_faulty_cell_and_exits_1(make_book, capsys):
    rows = milestone_rows(["G", "Purple", "A", "G"], ["G", "A", "G", "#DIV/0!"])
    rows[9][3] = "soon"
    code = main(["validate", str(make_book(rows)), "--kind", "milestones"])
    out = capsys.readouterr().out
    assert code == 1
    assert "3 errors" in out
    assert "Milestones!E7: unknown status 'Purple'" in out
    assert "Milestones!G11: formula error #DIV/0! in status" in out
    assert "Milestones!D10: due date 'soon' is not a date" in out


def test_one_unknown_word_in_many_cells_is_one_problem_to_fix(make_book, capsys):
    """A word in three cells headed '3 problems to fix' over a single line ending '(and 2 more like it)', though all three
    were the same word: one problem, in three cells, said once."""
    rows = milestone_rows(["G", "Purple", "Purple", "Purple"], ["G", "A", "G", "G"])
    code = main(["summary", str(make_book(rows)), "--kind", "milestones"])
    err = capsys.readouterr().err
    assert code == 1 and "1 problem (in 3 cells) to fix" in err and "more like it" not in err, err


def test_validate_clean_workbook_exits_0(sample_path, capsys):
    assert main(["validate", str(sample_path)]) == 0
    assert "no errors" in capsys.readouterr().out


def test_unreadable_file_is_one_line_no_traceback(tmp_path, capsys):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "x.xlsx: the file is empty" in err and "Traceback" not in err


def test_load_writes_parquet_and_csv_without_touching_raw(sample_path, tmp_path, capsys):
    before = sample_path.read_bytes()
    assert main(["load", str(sample_path), "--out", str(tmp_path)]) == 0
    ms = pd.read_parquet(tmp_path / "sample_council_2023-24_milestones.parquet")
    assert ms.period.dtype == pd.PeriodDtype("Q-MAR") and len(ms) == 152
    csv = pd.read_csv(tmp_path / "sample_council_2023-24_measures.csv")
    assert csv.period.iloc[0] == "2022/23 Q1"
    assert sample_path.read_bytes() == before
    assert [p.name for p in tmp_path.glob(".*")] == [".history-versions"]  # no temporary files left behind: only the store's versions
    assert not list((tmp_path / ".history-versions").glob(".new-*"))


def test_map_option(make_book, capsys):
    rows = [["Ref", "What we will deliver", "Sept position"], ["A1", "Do it", "G"]]
    path = make_book(rows)
    assert main(["validate", str(path), "--kind", "milestones"]) == 1
    assert main(["validate", str(path), "--kind", "milestones", "--map", "What we will deliver=title", "--map", "Sept position=status@2023/24 Q2"]) == 0


@pytest.mark.parametrize("command", [[], ["validate"], ["load"], ["summary"]])
def test_help_on_every_command(command):
    result = subprocess.run([sys.executable, "-m", "perfkit.cli", *command, "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "usage: perfkit" in result.stdout


def test_summary_json_is_the_documented_document(sample_path, capsys):
    import json

    assert main(["summary", str(sample_path), "--period", "2023/24 Q2", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == "2023/24 Q2"
    m = doc["milestones"]
    assert m["total"] == 38 and m["by_status"]["Green"] == {"count": 25, "percent": 66}
    assert m["by_status"]["Amber"] == {"count": 8, "percent": 21}
    assert m["progressing_well"] == {"count": 30, "percent": 79}
    assert set(m["groups"]) == {"A thriving local economy", "Healthy, safe communities", "A greener Northbrook"}
    assert sum(g["total"] for g in m["groups"].values()) == 38
    assert set(doc["measures"]["by_status"]) == set(m["by_status"]) and "meeting_target" in doc["measures"]
    assert doc["changes"]["milestones"]["from"] == "2023/24 Q1"
    assert doc["changes"]["milestones"]["improved"] == 4 and doc["changes"]["milestones"]["declined"] == 2
    # The rule behind "overdue" with its date, and whose statuses the measures' are, said in the document itself
    assert m["overdue_rule"] == "due before 30/09/2023, and neither complete nor on hold, deferred, cancelled or superseded"
    rated_from = doc["measures"]["rated_from"]
    assert rated_from == {"reported": 0, "figures": doc["measures"]["rated"]}  # this quarter of the sample has no RAG column


def test_summary_json_says_when_measures_statuses_are_perfkits_from_the_figures(tmp_path, capsys):
    import json

    from conftest import write_rows

    rows = [["KPIs 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q1 Actual", "Q2 Actual", "Q2 RAG"],
            ["K1", "Recycling (%)", "High", 50, 47, 52, "Green"], ["K2", "Days to relet", "Low", 20, 18, 25, "Red"]]
    book = write_rows(tmp_path / "kpis.xlsx", rows, sheet="KPIs")
    for period, want in (("Q2", {"reported": 2, "figures": 0}), ("Q1", {"reported": 0, "figures": 2})):
        assert main(["summary", str(book), "--period", period, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["measures"]["rated_from"] == want


def test_summary_text_and_unknown_period(sample_path, capsys):
    assert main(["summary", str(sample_path), "--period", "2023/24 Q2"]) == 0
    out = capsys.readouterr().out
    assert "Of the 38 milestones reported for 2023/24 Q2, 30 (79%) are progressing well" in out
    assert main(["summary", str(sample_path), "--period", "2030/31 Q1"]) == 1
    assert "2030/31 Q1 is not in the workbook" in capsys.readouterr().err


def test_validate_ends_with_the_inventory_and_strict_fails_on_warnings(tmp_path, capsys):
    from conftest import officer_workbook

    path = officer_workbook(tmp_path / "anyshire_2024-25.xlsx", tracker=True)
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "no errors, 1 warning" in out and "warning  Housing actions: looks like a tracker" in out
    assert "  Place: 4 milestones (2024/25 Q1 to 2024/25 Q3); section headings: A thriving place (2)" in out and " ! Housing actions: not read" in out
    assert "In all: 9 milestones, 3 measures; 2024/25 Q1 to 2024/25 Q3; 0 errors, 1 warning" in out
    assert main(["validate", str(path), "--strict"]) == 1


@pytest.mark.parametrize("period", [[], ["--period", "Q3"]], ids=["read while the kernel starts", "read first"])
def test_brief_refuses_to_publish_while_there_are_warnings_and_lists_them(tmp_path, capfd, period, monkeypatch):
    import papermill
    from conftest import officer_workbook

    def ran(*args, **kwargs):
        raise AssertionError("the notebook ran, though the warnings refuse it before")

    monkeypatch.setattr(papermill, "execute_notebook", ran)  # the reading is done as the kernel boots: refused before it runs
    path = officer_workbook(tmp_path / "anyshire_2024-25.xlsx", tracker=True)
    assert main(["brief", str(path), "--out", str(tmp_path), *period]) == 1
    err = capfd.readouterr().err  # the terminal's own stderr: the kernel's start-up silences it for a while
    assert "perfkit brief published nothing: reading anyshire_2024-25.xlsx raised 1 warning:" in err
    assert "  warning  Housing actions: looks like a tracker" in err
    assert "`perfkit validate anyshire_2024-25.xlsx` lists them" in err and "run again with --accept-warnings" in err
    assert err.count("Housing actions: looks like a tracker") == 1
    assert not list(tmp_path.glob("*.html"))


@pytest.mark.parametrize("command", ["validate", "load", "summary", "brief", "init"])
def test_every_command_takes_the_same_reader_options(command):
    result = subprocess.run([sys.executable, "-m", "perfkit.cli", command, "--help"], capture_output=True, text=True)
    for option in ("--sheet", "--year", "--map", "--config", "--kind", "--period"):
        assert option in result.stdout, (command, option)


def test_map_can_name_its_kind(make_book):
    from perfkit.cli.common import parse_maps

    maps = parse_maps(["measures:Value=actual", "Better: High/Low=polarity", "milestones:RAG=status"])
    assert maps["measures"] == {"Better: High/Low": "polarity", "Value": "actual"}
    assert maps["milestones"] == {"Better: High/Low": "polarity", "RAG": "status"}


def test_a_bare_quarter_takes_its_year_from_the_data(sample_path, capsys):
    assert main(["summary", str(sample_path), "--period", "Q2", "--json"]) == 0
    import json

    assert json.loads(capsys.readouterr().out)["period"] == "2023/24 Q2"


# --- issue 10: no traceback, ever ---------------------------------------------------------------

import json  # noqa: E402

import perfkit.cli as cli  # noqa: E402


def _boom_parser(monkeypatch, exc):
    parser = cli.build_parser()

    def boom(args):
        raise exc

    parser._subparsers._group_actions[0].choices["validate"].set_defaults(func=boom)
    monkeypatch.setattr(cli, "build_parser", lambda: parser)


def test_guard_turns_any_exception_into_one_line_with_what_to_do(monkeypatch, capsys):
    _boom_parser(monkeypatch, KeyError("priority"))
    assert main(["validate", "book.xlsx"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith("perfkit: validate book.xlsx failed unexpectedly (KeyError: 'priority')")
    assert "--debug" in err


@pytest.mark.parametrize("where", [["--debug", "validate", "book.xlsx"], ["validate", "book.xlsx", "--debug"]])
def test_debug_shows_the_traceback(monkeypatch, capsys, where):
    _boom_parser(monkeypatch, ValueError("deep inside"))
    assert main(where) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "ValueError: deep inside" in err


def test_guard_catches_what_is_not_an_exception(monkeypatch, capsys):
    class Panic(BaseException):  # pyo3's PanicException derives from BaseException
        pass

    _boom_parser(monkeypatch, Panic("rust panicked"))
    assert main(["validate", "book.xlsx"]) == 1
    assert "Panic: rust panicked" in capsys.readouterr().err


@pytest.mark.parametrize(
    "exc, words",
    [(PermissionError(13, "Permission denied", "/reports/x.html"), "cannot write or read /reports/x.html: permission denied"),
     (FileExistsError(17, "File exists", "reports"), "reports: it already exists and is not a folder"),
     (MemoryError(), "ran out of memory")],
)
def test_os_and_memory_errors_say_what_to_do(monkeypatch, capsys, exc, words):
    _boom_parser(monkeypatch, exc)
    assert main(["validate", "book.xlsx"]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_load_out_naming_an_existing_file(sample_path, tmp_path, capsys):
    target = tmp_path / "existing.txt"
    target.write_text("keep me")
    assert main(["load", str(sample_path), "--out", str(target)]) == 1
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and "Traceback" not in err
    assert target.read_text() == "keep me"


@pytest.mark.parametrize("name", ["book.csv", "book.txt", "book", "book.ods"])
def test_valid_xlsx_under_another_name_through_the_cli(sample_path, tmp_path, capsys, name):
    path = tmp_path / name
    path.write_bytes(sample_path.read_bytes())
    assert main(["validate", str(path)]) == 0
    assert "no errors" in capsys.readouterr().out


def test_summary_by_status_is_refused_naming_the_columns(sample_path, capsys):
    assert main(["summary", str(sample_path), "--by", "status"]) == 1
    err = capsys.readouterr().err
    assert "cannot group the summary by 'status'" in err and "priority" in err and "lead" in err and "Traceback" not in err


def test_summary_by_unknown_column_is_an_error_not_silently_ungrouped(sample_path, capsys):
    assert main(["summary", str(sample_path), "--by", "nosuchcol"]) == 1
    err = capsys.readouterr().err
    assert "cannot group by 'nosuchcol': the workbook has no such column" in err and "Group by one of: priority" in err


def test_perfkit_toml_sets_the_grouping_and_the_command_line_wins(sample_path, tmp_path, capsys):
    import shutil

    book = shutil.copy(sample_path, tmp_path / "council.xlsx")
    (tmp_path / "perfkit.toml").write_text('[briefing]\nby = "lead"\n', encoding="utf-8")
    assert main(["summary", str(book), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert "Head of Regeneration" in doc["milestones"]["groups"]  # by lead officer
    assert main(["summary", str(book), "--json", "--by", "priority"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert "Head of Regeneration" not in doc["milestones"]["groups"] and len(doc["milestones"]["groups"]) > 1
    (tmp_path / "perfkit.toml").write_text('[briefing]\nby = 3\n', encoding="utf-8")
    assert main(["summary", str(book)]) == 1
    assert "[briefing] by = 3: write the column (or sheet) to group the figures by" in capsys.readouterr().err


def test_summary_by_a_column_only_milestones_have_says_so(sample_path, capsys):
    assert main(["summary", str(sample_path), "--by", "lead", "--json"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert doc["milestones"]["groups"] and not doc["measures"]["groups"]
    assert "the measures have no 'lead' column" in captured.err


def test_summary_json_group_keys_are_labels(sample_path, capsys):
    assert main(["summary", str(sample_path), "--period", "2023/24 (Jul-Sep)", "--by", "period", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == "2023/24 Q2"
    assert list(doc["milestones"]["groups"]) == ["2023/24 Q2"]
    assert "2024Q2" not in json.dumps(doc)


def test_summary_period_as_a_date(sample_path, capsys):
    assert main(["summary", str(sample_path), "--period", "30/09/2023", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["period"] == "2023/24 Q2"


def test_entity_payload_through_the_cli_is_one_line(tmp_path, capsys):
    import zipfile

    path = tmp_path / "q2.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><workbook/>')
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "part 'xl/workbook.xml': it declares XML entities" in err and "Traceback" not in err


def test_csv_without_a_year_says_the_year_is_missing(tmp_path, capsys):
    path = tmp_path / "noyear.csv"
    path.write_text("Ref,Milestone,Q2 Status\nM1,Library,Green\n")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "year" in err.splitlines()[0] and "no sheet holds" not in err


def test_unknown_sheet_lists_the_sheets_without_kind(sample_path, capsys):
    assert main(["validate", str(sample_path), "--sheet", "Nope"]) == 1
    err = capsys.readouterr().err
    assert "no sheet called 'Nope'" in err and "'Milestones', 'Measures'" in err


def test_summary_by_a_near_miss_suggests_the_column(sample_path, capsys):
    assert main(["summary", str(sample_path), "--by", "Priorty"]) == 1
    assert "(did you mean 'priority'?)" in capsys.readouterr().err
    # the workbook's own header, as it is typed there, is the column it was read as
    assert main(["summary", str(sample_path), "--by", "Priority"]) == 0
    assert "grouping by 'Priority', read as priority" in capsys.readouterr().err


def test_summary_without_by_on_a_workbook_with_no_priority_still_works(tmp_path, capsys):
    path = tmp_path / "plan.csv"
    path.write_text("Council Plan 2023/24\nRef,Milestone,Q2 Status\nM1,Library,Green\nM2,Roads,Amber\n")
    assert main(["summary", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["milestones"]["total"] == 2


def test_summary_text_by_period_shows_labels(sample_path, capsys):
    assert main(["summary", str(sample_path), "--period", "2023/24 Q2", "--by", "period"]) == 0
    out = capsys.readouterr().out
    assert "2023/24 Q2" in out and "2024Q2" not in out


def test_workbook_text_cannot_steer_the_terminal(tmp_path, capsys):
    name = tmp_path / "q2\x1b[2J\x1b]0;pwned\x07return.xlsx"
    assert main(["validate", str(name)]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\\x1b[2J" in err


def test_a_terminal_that_cannot_show_a_character_gets_its_escape(tmp_path, monkeypatch):
    import io

    out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stderr", out)
    assert main(["validate", str(tmp_path / "Caerffili \u00e9 \udcff.xlsx")]) == 1  # an accent, and a byte that is not UTF-8
    out.flush()
    assert b"\\xe9" in out.buffer.getvalue()


def test_validate_says_which_settings_file_it_read(tmp_path, capsys):
    from conftest import officer_workbook

    path = officer_workbook(tmp_path / "anyshire_2024-25.xlsx")
    assert main(["validate", str(path)]) == 0
    assert "Settings:" not in capsys.readouterr().out
    (tmp_path / "perfkit.toml").write_text('year = "2024/25"\n')
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("Settings: perfkit.toml")


def test_by_refuses_figures_empty_columns_and_plans_with_groups_of_their_own(sample_path, tmp_path, capsys):
    from conftest import write_rows

    assert main(["summary", str(sample_path), "--by", "annual_target"]) == 1
    assert "cannot group the summary by 'annual_target'" in capsys.readouterr().err
    kpis = write_rows(tmp_path / "kpis.xlsx", [["Ref", "Measure", "Priority", "Target", "2024/25 Q1 Actual"],
                                               ["K1", "Homes built", None, 100, 90], ["K2", "Jobs created", None, 50, 60]], sheet="KPIs")
    assert main(["summary", str(kpis), "--by", "priority"]) == 1
    err = capsys.readouterr().err
    assert "the workbook fills in no 'priority'" in err and "did you mean" not in err
    plan = write_rows(tmp_path / "plan.xlsx", [["Improvement plan: position at September 2024"], [], ["Ref", "Action", "Lead", "Due date", "Status"],
                                               ["Recommendation 1: Governance"], ["1.1", "Review the constitution", "CEO", "31/12/2024", "Complete"],
                                               ["1.2", "Forward plan", "CEO", "31/03/2025", "On track"]], sheet="Plan")
    assert main(["summary", str(plan), "--by", "lead"]) == 0  # an action plan by one of its own columns
    assert "By lead:\n  CEO: 1 of 2 still required complete (50%)" in capsys.readouterr().out
    assert main(["summary", str(plan), "--by", "sheet"]) == 1
    assert "cannot group the action plan by 'sheet'" in capsys.readouterr().err


def test_an_option_typed_in_bytes_that_are_not_utf8_is_refused_with_the_setting_that_takes_it(capsys):
    """The hint offered `council = "..."` in perfkit.toml for any option, --sheet included."""
    from perfkit.cli import main

    assert main(["validate", "book.xlsx", "--sheet", "Nope\udcff"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == "perfkit: --sheet 'Nope\\xff': the text holds bytes that are not UTF-8, so perfkit cannot tell what was typed"
    assert err[1] == "Type it in a terminal set to UTF-8 (export LANG=en_GB.UTF-8), and run again."
    assert main(["brief", "book.xlsx", "--council", "M\udcf4n"]) == 1
    assert 'council = "..." under [briefing]' in capsys.readouterr().err


def test_the_command_starts_without_loading_pandas():
    """Every command's module imports are light until its own work begins: a Ctrl+C in the first half second then ends in
    'perfkit: stopped', not a traceback from inside pandas' import (and `perfkit --help` is quick)."""
    import subprocess
    import sys

    code = "import sys, perfkit.cli; print('pandas' in sys.modules, 'pyarrow' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_meeting_target_is_null_where_no_rated_measure_has_a_target(tmp_path, capsys):
    """A police and crime plan scorecard with no targets, its measures assessed Improving / Stable / Deteriorating: the
    JSON said 5 (45%) were meeting their target, while the text said they were rated green by the service."""
    rows = [["Police and Crime Plan scorecard"], ["Quarter 2 2024/25"], [],
            ["Ref", "Measure", "Aim", "Latest", "Assessment"],
            ["1.1", "Total recorded crime", "Reduce", 46905, "Green"], ["1.2", "Violence with injury", "Reduce", 6611, "Amber"],
            ["2.1", "Positive outcomes (%)", "Increase", 11.2, "Green"], ["3.1", "Repeat victims", "Reduce", 448, "Red"]]
    path = write_rows(tmp_path / "pcp_scorecard_q2.xlsx", rows, sheet="Scorecard")
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["measures"]["rated"] == 4 and doc["measures"]["by_status"]["Green"]["count"] == 2
    assert doc["measures"]["meeting_target"] is None


@pytest.mark.parametrize("name, header, row", [
    ("Change log", ["Ref", "Date", "Changed by", "Change"], ["C1", "01/10/2024", "PO", "Q2 added"]),
    ("Survey responses", ["Quarter", "Interviews completed", "Method", "Margin of error"], ["Q1", 412, "Phone", 4.8]),
    ("Deductions", ["KPI", "Quarter", "Failures", "Deduction (£)"], ["L1", "Q1", 2, 1500]),
])
def test_a_change_log_a_surveys_details_or_deductions_beside_the_data_are_notes_not_a_warning(name, header, row, tmp_path, capsys):
    """A BRAG tracker's 'Change log', a satisfaction return's 'Survey responses' and a contract's 'Deductions' each
    gave "looks like a tracker ... could not find its header", a warning that stopped the brief."""
    path = write_rows(tmp_path / "kpis_2024-25.xlsx", [["KPIs 2024/25"], ["Ref", "Measure", "Target", "Q1", "Q2"],
                                                       ["K1", "Calls answered (%)", 90, 91, 92]], sheet="KPIs",
                      extra_sheets={name: [header] + [[f"{v}{i}" if isinstance(v, str) and i else v for v in row] for i in range(4)]})
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"warning  {name}" not in out and f"{name}: not read:" in out



def test_summary_json_carries_the_warnings_its_figures_stand_under(tmp_path, capsys):
    """A script reading `summary --json` alone took figures read under a warning (a measure rated higher is better for want
    of a polarity) as final: the warnings went to stderr only."""
    import json

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "KPIs"
    for row in (["KPIs 2024/25"], ["Ref", "Measure", "Target", "Q1 2024/25"], ["K1", "Staff turnover (%)", 10, 12], ["K2", "Visits", 100, 90]):
        ws.append(row)
    wb.save(tmp_path / "kpis.xlsx")
    assert main(["summary", str(tmp_path / "kpis.xlsx"), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["warnings"] and doc["warnings"][0]["source"].startswith("KPIs") and "no polarity" in doc["warnings"][0]["message"]
