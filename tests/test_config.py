"""perfkit.toml: settings beside the workbook, used by every command and reader; perfkit init writes a starter."""

import re
import tomllib

import pandas as pd
import pytest

import perfkit
from perfkit.cli import main
from perfkit.core.config import load_config
from perfkit.core.errors import ConfigError, LayoutError

from conftest import officer_workbook, write_rows

Q2 = pd.Period(year=2025, quarter=2, freq="Q-MAR")

# A workbook whose headers the defaults cannot read.
UNUSUAL = [
    ["Delivery plan"],
    [],
    ["No.", "Undertaking", "Responsible", "Sept position", "Sept update"],
    ["1", "Open the hub", "Ann", "Slipping", "Builders late"],
    ["2", "Plant trees", "Bob", "Fine", ""],
]


def test_settings_are_read_and_every_mistake_is_named_at_once():
    cfg = load_config({"year": "2024/25", "status": {"words": {"Slipping": "Amber"}}, "sheets": {"Q2": {"kind": "milestones", "header_row": 3}}})
    assert (cfg.year, cfg.sheet("Q2").header_row, cfg.status_scale().normalise("slipping")) == ("2024/25", 3, "Amber")
    with pytest.raises(ConfigError) as info:
        load_config({"yeer": 1, "sheets": {"Q2": {"header_row": 0, "colums": {}}}, "polarity": {"words": {"up": "upwards"}}})
    text = str(info.value)
    assert "4 settings to correct" in text
    assert "unknown setting 'yeer'" in text and "'colums'" in text and "header_row = 0" in text and "'up' = 'upwards'" in text


def test_status_words_perfkit_cannot_tell_apart_are_refused_naming_the_lines():
    """``On track`` and ``On-track`` compare as one word, and every arrow as the same blank: a [status.words] that gives
    them two statuses, or an arrow at all, is refused naming the lines, never read one way or the other."""
    with pytest.raises(ConfigError) as info:
        load_config({"status": {"words": {"On track": "Green", "On-track": "Amber"}}}).status_scale()
    assert '[status.words] gives "On track" = "Green" and "On-track" = "Amber", and perfkit reads those words as one' in str(info.value)
    with pytest.raises(ConfigError, match=r'\[status.words\] "•" has no letter or digit, and is no mark perfkit names'):
        load_config({"status": {"words": {"•": "Green"}}}).status_scale()
    assert load_config({"status": {"words": {"●": "Green", "○": "Not started"}}}).status_scale().normalise("○") == "Not started"
    assert load_config({"status": {"words": {"✓": "Complete"}}}).status_scale().normalise("✓") == "Complete"


def test_invalid_toml_is_one_clear_line(tmp_path):
    path = tmp_path / "perfkit.toml"
    path.write_text('[sheets."Q2"\nkind = "milestones"\n')
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)


def test_the_file_beside_the_workbook_teaches_perfkit_the_layout(tmp_path):
    book = write_rows(tmp_path / "return_2024-25.xlsx", UNUSUAL, sheet="Q2 return")
    with pytest.raises(LayoutError):
        perfkit.read_milestones(book)
    (tmp_path / "perfkit.toml").write_text(
        '[status.words]\n"Slipping" = "Amber"\n"Fine" = "Green"\n'
        '[sheets."Q2 return"]\nkind = "milestones"\nheader_row = 3\n'
        '[sheets."Q2 return".columns]\n"No." = "milestone_id"\n"Undertaking" = "title"\n"Responsible" = "lead"\n'
        '"Sept position" = "status@2024/25 Q2"\n"Sept update" = "commentary@2024/25 Q2"\n'
    )
    ms = perfkit.read_milestones(book)
    assert list(ms.status) == ["Amber", "Green"] and list(ms.period) == [Q2, Q2]
    assert list(ms.lead) == ["Ann", "Bob"] and ms.commentary.iloc[0] == "Builders late"
    with pytest.raises(LayoutError):
        perfkit.read_milestones(book, config=False)


def test_a_sheet_marked_ignore_is_reported_as_such(tmp_path):
    path = officer_workbook(tmp_path / "anyshire_2024-25.xlsx", tracker=True)
    (tmp_path / "perfkit.toml").write_text('[sheets."Housing actions"]\nkind = "ignore"\n')
    report = perfkit.validate(path)
    assert report.warnings == []
    assert {e.sheet: e.note for e in report.inventory}["Housing actions"] == "ignored, as perfkit.toml says"


def test_init_writes_a_starter_that_reads_the_workbook_as_detected(tmp_path, capsys):
    path = officer_workbook(tmp_path / "anyshire_2024-25.xlsx", tracker=True)
    assert main(["init", str(path)]) == 0
    written = tmp_path / "perfkit.toml"
    cfg = tomllib.loads(written.read_text())
    assert cfg["sheets"]["Place"]["kind"] == "milestones" and cfg["sheets"]["Place"]["header_row"] == 3
    assert cfg["sheets"]["Place"]["columns"]["Apr-Jun"] == "status@2024/25 Q1"
    assert cfg["sheets"]["KPIs"]["columns"]["Better: High/Low"] == "polarity"
    assert cfg["sheets"]["Cover"]["kind"] == "ignore"
    assert cfg["sheets"]["Housing actions"]["kind"] == "" and cfg["sheets"]["Housing actions"]["header_row"] == 1
    # The starter changes nothing perfkit reads.
    before = perfkit.read_workbook(path, config=False)
    after = perfkit.read_workbook(path)
    for kind in ("milestones", "measures"):
        pd.testing.assert_frame_equal(before[kind], after[kind])
    assert main(["init", str(path)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_init_then_brief_works_on_a_workbook_the_defaults_cannot_read(tmp_path, capsys):
    book = write_rows(tmp_path / "return_2024-25.xlsx", UNUSUAL, sheet="Q2 return")
    assert main(["validate", str(book)]) == 1
    assert main(["init", str(book)]) == 0
    toml = (tmp_path / "perfkit.toml").read_text()
    # The officer fills in each blank and checks perfkit's guesses, editing nothing else.
    answers = {"kind": "milestones", "No.": "milestone_id", "Undertaking": "title", "Responsible": "lead",
               "Sept position": "status@2024/25 Q2", "Sept update": "commentary@2024/25 Q2", "Slipping": "Amber", "Fine": "Green"}
    for key, value in answers.items():
        toml = re.sub(rf'^("?{re.escape(key)}"?) = "(?:)"(.*)$|^("?{re.escape(key)}"?) = "[^"]*"(   # perfkit.s guess: check it)$',
                      lambda m: f'{m[1] or m[3]} = "{value}"{m[2] or m[4]}', toml, flags=re.M)
    assert '= ""' not in toml.replace('period = ""', "")
    (tmp_path / "perfkit.toml").write_text(toml)
    capsys.readouterr()
    assert main(["validate", str(book), "--strict"]) == 0, capsys.readouterr()
    out = tmp_path / "reports"
    out.mkdir()
    assert main(["brief", str(book), "--period", "Q2", "--council", "Anyshire", "--out", str(out)]) == 0
    html = next(p for p in out.glob("*.html") if not p.name.endswith("-checks.html")).read_text(encoding="utf-8")
    assert "2024/25 Q2" in html and "Open the hub" in html


# ---------------------------------------------------------------------------------------------- several workbooks in a folder

ONE_COLUMN = [["Ref", "Milestone", "Lead", "RAG status"], ["M1", "Open the hub", "Ann", "Slipping"], ["M2", "Plant trees", "Bob", "Fine"]]


def test_a_workbooks_own_file_comes_before_the_folders(tmp_path):
    a = write_rows(tmp_path / "a.xlsx", ONE_COLUMN, sheet="Plan")
    b = write_rows(tmp_path / "b.xlsx", ONE_COLUMN, sheet="Plan")
    (tmp_path / "perfkit.toml").write_text('[status.words]\n"Slipping" = "Amber"\n"Fine" = "Green"\n[sheets."Plan"]\nperiod = "2024/25 Q1"\n')
    (tmp_path / "b.perfkit.toml").write_text('[status.words]\n"Slipping" = "Red"\n"Fine" = "Green"\n[sheets."Plan"]\nperiod = "2024/25 Q2"\n')
    ma, mb = perfkit.read_milestones(a), perfkit.read_milestones(b)
    assert list(ma.status) == ["Amber", "Green"] and set(ma.period) == {perfkit.parse_period("2024/25 Q1")}
    assert list(mb.status) == ["Red", "Green"] and set(mb.period) == {Q2}
    assert load_config(workbook=b).describe() == "Settings: b.perfkit.toml (the workbook's own; perfkit.toml in its folder is not used)"
    assert load_config(workbook=a).describe() == "Settings: perfkit.toml"


def test_a_workbooks_table_in_the_folders_file_adds_to_the_rest(tmp_path):
    a = write_rows(tmp_path / "a.xlsx", ONE_COLUMN, sheet="Plan")
    b = write_rows(tmp_path / "b.xlsx", ONE_COLUMN, sheet="Plan")
    (tmp_path / "perfkit.toml").write_text(
        '[status.words]\n"Slipping" = "Amber"\n"Fine" = "Green"\n[sheets."Plan"]\nperiod = "2024/25 Q1"\n'
        '[workbooks."b.xlsx".status.words]\n"Slipping" = "Red"\n[workbooks."b.xlsx".sheets."Plan"]\nperiod = "2024/25 Q2"\n'
    )
    ma, mb = perfkit.read_milestones(a), perfkit.read_milestones(b)
    assert list(ma.status) == ["Amber", "Green"] and set(ma.period) == {perfkit.parse_period("2024/25 Q1")}
    assert list(mb.status) == ["Red", "Green"] and set(mb.period) == {Q2}  # "Fine" from the folder's words, "Slipping" its own
    assert load_config(workbook=b).where == 'perfkit.toml [workbooks."b.xlsx"]'


def test_a_workbooks_table_with_a_wrong_setting_is_named(tmp_path):
    (tmp_path / "perfkit.toml").write_text('[workbooks."b.xlsx"]\nyeer = "2024/25"\n')
    with pytest.raises(ConfigError, match=r'\[workbooks."b.xlsx"\]: unknown setting \'yeer\''):
        load_config(workbook=tmp_path / "a.xlsx")


# ---------------------------------------------------------------------------------------------- a sheet's own settings


def test_a_sheets_period_in_perfkit_toml_is_used_as_the_hint_says(tmp_path):
    book = write_rows(tmp_path / "plan.xlsx", ONE_COLUMN, sheet="Plan")
    with pytest.raises(LayoutError) as info:
        perfkit.read_milestones(book, config={"status": {"words": {"Slipping": "Amber", "Fine": "Green"}}})
    assert "names no quarter" in str(info.value)
    (tmp_path / "perfkit.toml").write_text('[status.words]\n"Slipping" = "Amber"\n"Fine" = "Green"\n[sheets."Plan"]\nperiod = "2024/25 Q2"\n')
    assert set(perfkit.read_milestones(book).period) == {Q2}


def test_a_sheets_period_that_differs_from_its_title_is_a_warning(tmp_path):
    book = write_rows(tmp_path / "plan.xlsx", [["Quarter 3 2024/25 return"], [], *ONE_COLUMN], sheet="Plan")
    cfg = {"status": {"words": {"Slipping": "Amber", "Fine": "Green"}}, "sheets": {"Plan": {"period": "2024/25 Q2"}}}
    ms = perfkit.read_milestones(book, config=cfg)
    assert set(ms.period) == {Q2}
    warned = [p for p in ms.attrs["problems"] if p.severity == "warning"]
    assert len(warned) == 1 and warned[0].source == "Plan"
    assert "says sheet 'Plan' reports 2024/25 Q2, but its title, name or the file name says 2024/25 Q3" in warned[0].message
    assert 'remove the line period = "2024/25 Q2" under [sheets."Plan"]' in warned[0].message
    # --period chooses the quarter to report, never the quarter of a sheet that names its own: read as Q3, said, with
    # the line to type if the title is the one that is wrong.
    ms = perfkit.read_milestones(book, config={"status": cfg["status"]}, period="2024/25 Q2")
    assert set(ms.period) == {Q2 + 1}
    assert any('names its own, 2024/25 Q3' in p.message and '[sheets."Plan"] period = "2024/25 Q2"' in p.message
               for p in ms.attrs["problems"])
    assert not [p for p in perfkit.read_milestones(book, config={"status": cfg["status"]}).attrs["problems"] if p.severity == "warning"]


def test_wrong_types_for_a_sheets_settings_are_named():
    with pytest.raises(ConfigError) as info:
        load_config({"sheets": {"Plan": {"period": 2.5, "prefix": ["P"]}}})
    assert "[sheets.\"Plan\"] period = 2.5: write it in quotes" in str(info.value) and "prefix = ['P']" in str(info.value)


# ---------------------------------------------------------------------------------------------- refusals say what to type


def _sheet(name, title, rows):
    return [[title], [], ["Ref", "Milestone", "Lead", "RAG status"], *rows]


def test_the_same_reference_on_two_services_sheets_is_keyed_by_service_and_a_prefix_line_overrides_it(tmp_path):
    items = [["M1", "Open hub", "Ann", "Green"], ["M2", "Plant trees", "Bob", "Amber"]]
    book = write_rows(tmp_path / "plan.xlsx", _sheet("Place", "Place milestones Q2 2024/25", items), sheet="Place",
                      extra_sheets={"People": _sheet("People", "People milestones Q2 2024/25", items)})
    ms = perfkit.read_milestones(book)  # one sheet per service: the sheet is the directorate, items keyed by it, said
    assert sorted(ms.milestone_id) == ["People M1", "People M2", "Place M1", "Place M2"]
    assert any("'M1' at Place!A4 and People!A4" in p.message for p in ms.attrs["problems"])
    # A prefix in perfkit.toml gives the officer's own references instead.
    (tmp_path / "perfkit.toml").write_text('[sheets."People"]\nprefix = "PEO-"\n')
    ms = perfkit.read_milestones(book)
    assert sorted(ms.milestone_id) == ["M1", "M2", "PEO-M1", "PEO-M2"]


def test_quarter_tabs_given_one_quarter_keep_each_tabs_quarter(tmp_path):
    items = [["M1", "Open hub", "Ann", "Green"], ["M2", "Plant trees", "Bob", "Amber"]]
    book = write_rows(tmp_path / "returns.xlsx", _sheet("Q1 2024-25", "Council Plan 2024/25", items), sheet="Q1 2024-25",
                      extra_sheets={"Q2 2024-25": _sheet("Q2 2024-25", "Council Plan 2024/25", items)})
    ms = perfkit.read_milestones(book, period="2024/25 Q2")  # each tab keeps the quarter its name gives; --period picks the one to report
    assert ms.groupby("period").size().to_dict() == {perfkit.parse_period("2024/25 Q1"): 2, Q2: 2}
    (tmp_path / "perfkit.toml").write_text('[sheets."Q1 2024-25"]\nperiod = "2024/25 Q1"\n[sheets."Q2 2024-25"]\nperiod = "2024/25 Q2"\n')
    ms = perfkit.read_milestones(book, period="2024/25 Q2")
    assert ms.groupby("period").size().to_dict() == {perfkit.parse_period("2024/25 Q1"): 2, Q2: 2}


def test_a_workbook_perfkit_cannot_read_lists_each_sheet_and_the_lines_that_would_read_it(tmp_path):
    book = write_rows(tmp_path / "return_2024-25.xlsx", UNUSUAL, sheet="Q2 return", extra_sheets={"Cover": [["Anyshire"], ["Q2 report"]]})
    with pytest.raises(LayoutError) as info:
        perfkit.read_workbook(book)
    text = str(info.value)
    assert "'Q2 return': looks like a tracker" in text and "'Cover': a cover" in text
    assert '[sheets."Q2 return"]\n  kind = ""' in text and "header_row = 3" in text
    assert '"Undertaking" = ""   # what does it hold? a field of milestones, or "ignore"' in text
    assert "`perfkit init return_2024-25.xlsx`" in text
    # The lines, with their blanks filled, read the sheet.
    lines = [line[2:] for line in text.splitlines() if line.startswith("  ") and not line.startswith("  '")]
    toml = "\n".join(lines).replace('kind = ""', 'kind = "milestones"').replace('"Undertaking" = ""', '"Undertaking" = "title"')
    toml = re.sub(r'"Sept position" = "[^"]*"', '"Sept position" = "status@2024/25 Q2"', toml)
    toml = re.sub(r'"Sept update" = "[^"]*"', '"Sept update" = "commentary@2024/25 Q2"', toml)
    (tmp_path / "perfkit.toml").write_text('[status.words]\n"Slipping" = "Amber"\n"Fine" = "Green"\n' + toml)
    ms = perfkit.read_milestones(book)
    assert list(ms.status) == ["Amber", "Green"] and list(ms.title) == ["Open the hub", "Plant trees"]


def test_school_terms_are_said_not_to_be_periods_with_the_quarter_each_ends_in(tmp_path):
    rows = [["School improvement plan 2024-25"], [], ["Priority", "Action", "Lead", "By when", "Autumn term", "Spring term", "Summer term"],
            ["Reading", "Phonics scheme", "Head", "Jul 2025", "Secure", "Secure", None],
            ["Attendance", "Family contact", "DSL", "Apr 2025", "Developing", "Developing", None],
            ["Wellbeing", "Pupil voice", "SENCo", "Dec 2024", "Not started", "Secure", None]]
    book = write_rows(tmp_path / "sip.xlsx", rows, sheet="SIP 2024-25")
    with pytest.raises(LayoutError) as info:
        perfkit.read_workbook(book)
    text = str(info.value)
    assert '"Autumn term" = ""   # a school term, which perfkit does not read as a period: "status@2024/25 Q3"' in text
    assert '"Spring term" = ""   # a school term' in text and '"status@2024/25 Q4"' in text and '"status@2025/26 Q2"' in text


def test_a_transposed_table_with_a_target_row_is_read_turned_round_and_said(tmp_path):
    rows = [["Performance indicators 2024/25"], [], ["Quarter", "Households in temporary accommodation", "Days to relet"],
            ["Target", 120, 20], ["Q1 2024/25", 130, 22], ["Q2 2024/25", 118, 19]]
    book = write_rows(tmp_path / "kpis.xlsx", rows, sheet="KPIs")
    kp = perfkit.read_workbook(book)["measures"]
    assert list(kp["name"].unique()) == ["Households in temporary accommodation", "Days to relet"]
    assert any("a transposed table" in p.message for p in kp.attrs["problems"])


def test_a_sheet_perfkit_toml_names_but_cannot_read_says_which_fields_are_missing(tmp_path):
    book = write_rows(tmp_path / "return_2024-25.xlsx", UNUSUAL, sheet="Q2 return")
    report = perfkit.validate(book, config={"sheets": {"Q2 return": {"kind": "milestones", "header_row": 3}}})
    (error,) = report.errors
    assert error.source == "Q2 return"
    assert "says it holds milestones, but no column of row 3 is read as its title or status" in error.message
    assert "'Undertaking'" in error.message and '[sheets."Q2 return".columns], e.g. "Undertaking" = "title"' in error.message


def test_a_quarter_template_with_commentary_but_no_figures_is_read_not_refused(tmp_path):
    rows = [["KPIs 2024/25"], [], ["Ref", "Indicator", "Target", "Q1 Actual", "Q2 Actual", "Commentary"],
            ["K1", "Recycling", 50, None, None, None], ["K2", "Days to relet", 20, None, None, None]]
    book = write_rows(tmp_path / "kpis.xlsx", rows, sheet="KPIs")
    report = perfkit.validate(book)  # once "None is not a period", naming no sheet or cell
    assert not report.errors
    assert any(p.source == "KPIs!F3" and "not read as commentary: no quarter's column of this sheet holds figures yet" in p.message
               for p in report)


def test_refusals_give_the_sheets_own_perfkit_toml_line(tmp_path):
    no_year = write_rows(tmp_path / "plan.xlsx", [["Ref", "Milestone", "Q1 Status", "Q2 Status"], ["M1", "Hub", "Green", "Amber"]], sheet="Plan")
    with pytest.raises(LayoutError) as info:
        perfkit.read_milestones(no_year)
    assert "(Plan!C1:D1)" in str(info.value) and '[sheets."Plan"] year = "2024/25"' in str(info.value)
    no_quarter = write_rows(tmp_path / "plan2.xlsx", ONE_COLUMN, sheet="Plan")
    with pytest.raises(LayoutError) as info:
        perfkit.read_milestones(no_quarter)
    assert '[sheets."Plan"] period = "2024/25 Q2"' in str(info.value)
    # A kind asked for by name that no sheet holds: the lines that would read the closest sheet as that kind.
    with pytest.raises(LayoutError) as info:
        perfkit.read_workbook(no_year, kind="measures")
    text = str(info.value)
    assert "'Plan': holds milestones, not asked for" in text
    assert 'To read sheet \'Plan\' as measures' in text and '[sheets."Plan"]\n  kind = "measures"' in text


def test_a_period_perfkit_cannot_read_in_perfkit_toml_is_named():
    with pytest.raises(ConfigError, match=r'\[sheets."Plan"\] period = \'Q5 2024\': write the quarter it reports like "2024/25 Q2"'):
        load_config({"sheets": {"Plan": {"period": "Q5 2024"}}})
    assert load_config({"sheets": {"Plan": {"period": "Q2"}}}).sheet("Plan").period == "Q2"  # the year from the sheet


# --- [limits]: the safety limits a genuine, unusually large workbook may raise -------------------


def test_limits_are_read_and_every_wrong_one_named_with_what_to_type():
    cfg = load_config({"limits": {"cells": 20_000_000, "text_mb": 500, "ratio": 150.5}})
    assert cfg.limits == {"cells": 20_000_000, "text_mb": 500, "ratio": 150.5}
    with pytest.raises(ConfigError) as info:
        load_config({"limits": {"cells": -5, "text_mb": "lots", "sheets": 1.5, "style_records": True, "lines": 9, "part_mb": float("inf")}})
    message = str(info.value)
    assert "6 settings to correct" in message
    assert "[limits] cells = -5: give a positive whole number, e.g. cells = 20_000_000" in message
    assert "[limits] text_mb = 'lots': give a positive number, e.g. text_mb = 500" in message
    assert "[limits] sheets = 1.5: give a positive whole number" in message
    assert "[limits] style_records = True: give a positive whole number" in message
    assert "[limits]: unknown setting 'lines' (expected part_mb, total_mb, ratio" in message
    assert "[limits] part_mb = inf" in message


def test_limits_in_a_workbooks_own_table_apply_to_it_alone(tmp_path):
    (tmp_path / "perfkit.toml").write_text('[limits]\ncells = 1_000\n[workbooks."big.xlsx".limits]\ncells = 50_000\n', encoding="utf-8")
    assert load_config(None, workbook=tmp_path / "big.xlsx").limits == {"cells": 50_000}
    assert load_config(None, workbook=tmp_path / "q2.xlsx").limits == {"cells": 1_000}


# ---------------------------------------------------------------------------------------------- settings that name nothing


def _kpis(tmp_path, settings: str):
    rows = [["Ref", "Measure", "Polarity", "Annual target", "Q1 2024/25", "Q2 2024/25"],
            ["CT1", "Council tax collected", "Higher", 97.5, 29.1, 56.8], ["K9", "Calls answered", "Higher", 90, 88, 91]]
    (tmp_path / "perfkit.toml").write_text(settings, encoding="utf-8")
    return write_rows(tmp_path / "kpis.xlsx", rows, sheet="KPIs")


def test_a_measure_setting_naming_a_reference_no_sheet_holds_is_a_warning(tmp_path, capsys):
    """`cumulative = ["K99"]` (a slip for K9) used to be ignored without a word."""
    book = _kpis(tmp_path, '[measures]\ncumulative = ["K99", "CT1"]\n[measures.profiles]\n"Council tax collectd" = "straight line"\n'
                           '[measures.rollup]\ndefault = "sum"\nK9 = "last"\n')
    problems = perfkit.read_measures(book).attrs["problems"]
    said = [str(p) for p in problems if p.severity == "warning" and "the line is not used" in p.message]
    assert said == [
        "perfkit.toml: [measures] cumulative names 'K99', which is no measure's reference or name in the workbook: the line is "
        "not used; did you mean 'K9'? write it as the workbook has it, or remove it from perfkit.toml",
        "perfkit.toml: [measures.profiles] names 'Council tax collectd', which is no measure's reference or name in the "
        "workbook: the line is not used; did you mean 'Council tax collected'? write it as the workbook has it, or remove it "
        "from perfkit.toml",
    ]
    assert main(["validate", str(book)]) == 0
    out = capsys.readouterr().out
    assert "[measures] cumulative names 'K99'" in out


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="named pipes (POSIX)")
@pytest.mark.parametrize("name", ["perfkit.toml", "kpis.perfkit.toml"])
def test_a_settings_file_that_is_a_pipe_is_refused_not_passed_over(tmp_path, capsys, name):
    """A FIFO named perfkit.toml beside the workbook was skipped without a word (its settings silently unused)."""
    import os

    book = _kpis(tmp_path, "")
    (tmp_path / "perfkit.toml").unlink()
    os.mkfifo(tmp_path / name)
    assert main(["validate", str(book)]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / name} (beside the workbook): refused to read it: it is not a regular file (a pipe or a device)" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 2


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="named pipes (POSIX)")
def test_config_given_a_pipe_or_a_folder_says_what_it_is(tmp_path, capsys):
    """--config given a FIFO said 'no such settings file', though there is one."""
    import os

    book = _kpis(tmp_path, "")
    os.mkfifo(tmp_path / "settings.fifo")
    assert main(["validate", str(book), "--config", str(tmp_path / "settings.fifo")]) == 1
    assert "settings.fifo: refused to read it: it is not a regular file (a pipe or a device)" in capsys.readouterr().err
    (tmp_path / "folder.toml").mkdir()
    assert main(["validate", str(book), "--config", str(tmp_path / "folder.toml")]) == 1
    assert "folder.toml: is a folder, not a settings file" in capsys.readouterr().err


def test_one_measures_polarity_can_be_given_by_its_reference_or_name(tmp_path):
    """A workbook with no polarity column: the warning offers the [measures.polarity] line, which then reads that measure
    as it says (before, only a column in the workbook or one default for every measure would do)."""
    rows = [["KPIs 2024/25"], ["Ref", "Measure", "Target", "Q1", "Q2"], ["EX1", "Staff turnover (%)", 50, 45, 60],
            ["EX2", "Recycling rate (%)", 45, 46, 44]]
    path = write_rows(tmp_path / "kpis.xlsx", rows, sheet="KPIs")
    kp = perfkit.read_measures(path)
    said = [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    assert any('under [measures.polarity]: "EX1" = "higher" where more is better' in m and '"EX1" = "lower" where less is' in m for m in said)
    (tmp_path / "perfkit.toml").write_text('[measures.polarity]\n"EX1" = "lower"\n"Recycling rate (%)" = "higher"\n', encoding="utf-8")
    kp = perfkit.read_measures(path)
    assert dict(kp.drop_duplicates("measure_id").set_index("measure_id")["polarity"].astype(str)) == {"EX1": "lower", "EX2": "higher"}
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"]
    (tmp_path / "perfkit.toml").write_text('[measures.polarity]\n"EX1" = "down"\n', encoding="utf-8")
    with pytest.raises(perfkit.ConfigError, match="say higher, lower, range or none"):
        perfkit.read_measures(path)


def test_a_year_left_blank_as_init_wrote_it_is_no_year(tmp_path):
    """init writes year = "" for the officer to fill; left blank, validate refused it as 'not a financial year', though the
    file says a blank left empty is read as perfkit sees it."""
    from perfkit.core.config import load_config

    (tmp_path / "perfkit.toml").write_text('year = ""\n')
    assert load_config(tmp_path / "perfkit.toml").year is None


def test_hidden_rows_left_out_by_the_sheets_setting(tmp_path):
    """A county scorecard hides a discontinued measure's row: read, with a warning that had no setting to answer it."""
    import openpyxl

    from conftest import write_rows

    path = write_rows(tmp_path / "scorecard_2024-25.xlsx", [["Resources scorecard 2024/25"], ["Ref", "Measure", "Target", "Q2"],
                                                            ["R1", "Invoices paid in 30 days (%)", 95, 96],
                                                            ["R2", "Discontinued measure", 10, None],
                                                            ["R3", "Sickness days per FTE", 8, 7.5]], sheet="Resources")
    wb = openpyxl.load_workbook(path)
    wb["Resources"].row_dimensions[4].hidden = True
    wb.save(path)
    kp = perfkit.read_measures(path)
    assert "R2" in set(kp["measure_id"])
    assert any('hidden_rows = "leave out"' in p.message for p in kp.attrs["problems"] if p.severity == "warning")
    (tmp_path / "perfkit.toml").write_text('[sheets."Resources"]\nhidden_rows = "leave out"\n', encoding="utf-8")
    kp = perfkit.read_measures(path)
    assert set(kp["measure_id"]) == {"R1", "R3"}
    assert not [p for p in kp.attrs["problems"] if "hidden" in p.message and p.severity == "warning"]
    (tmp_path / "perfkit.toml").write_text('[sheets."Resources"]\nhidden_rows = "skip"\n', encoding="utf-8")
    with pytest.raises(perfkit.ConfigError, match='hidden_rows = .skip.: write "leave out"'):
        perfkit.read_measures(path)
