import subprocess
import sys

import pandas as pd
import pytest

from perfkit.cli import main

from conftest import milestone_rows


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
    assert not list(tmp_path.glob(".*"))  # no temporary files left behind


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


def test_summary_text_and_unknown_period(sample_path, capsys):
    assert main(["summary", str(sample_path), "--period", "2023/24 Q2"]) == 0
    out = capsys.readouterr().out
    assert "Thirty-eight milestones are tracked in 2023/24 Q2" in out and "30 (79%) are progressing well" in out
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


def test_brief_refuses_to_publish_while_there_are_warnings(tmp_path, capsys):
    from conftest import officer_workbook

    path = officer_workbook(tmp_path / "anyshire_2024-25.xlsx", tracker=True)
    assert main(["brief", str(path), "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Housing actions: looks like a tracker" in err and "--accept-warnings" in err
    assert not list(tmp_path.glob("*.html"))


@pytest.mark.parametrize("command", ["validate", "load", "summary", "brief", "init"])
def test_every_command_takes_the_same_reader_options(command):
    result = subprocess.run([sys.executable, "-m", "perfkit.cli", command, "--help"], capture_output=True, text=True)
    for option in ("--sheet", "--year", "--map", "--config", "--kind", "--period"):
        assert option in result.stdout, (command, option)


def test_map_can_name_its_kind(make_book):
    from perfkit.cli import parse_maps

    maps = parse_maps(["measures:Value=actual", "Better: High/Low=polarity", "milestones:RAG=status"])
    assert maps["measures"] == {"Better: High/Low": "polarity", "Value": "actual"}
    assert maps["milestones"] == {"Better: High/Low": "polarity", "RAG": "status"}


def test_a_bare_quarter_takes_its_year_from_the_data(sample_path, capsys):
    assert main(["summary", str(sample_path), "--period", "Q2", "--json"]) == 0
    import json

    assert json.loads(capsys.readouterr().out)["period"] == "2023/24 Q2"
