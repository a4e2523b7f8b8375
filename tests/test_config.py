"""perfkit.toml: settings beside the workbook, used by every command and reader; perfkit init writes a starter."""

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
    ["No.", "What we will deliver", "Responsible", "Sept position", "Sept update"],
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
        '[sheets."Q2 return".columns]\n"No." = "milestone_id"\n"What we will deliver" = "title"\n"Responsible" = "lead"\n'
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
    toml = (toml.replace('kind = ""', 'kind = "milestones"')
            .replace('"No." = ""', '"No." = "milestone_id"')
            .replace('"What we will deliver" = "title"', '"What we will deliver" = "title"')
            .replace('"What we will deliver" = ""', '"What we will deliver" = "title"')
            .replace('"Responsible" = "lead"', '"Responsible" = "lead"')
            .replace('"Responsible" = ""', '"Responsible" = "lead"')
            .replace('"Sept position" = "commentary@Sept"', '"Sept position" = "status@2024/25 Q2"')
            .replace('"Sept position" = ""', '"Sept position" = "status@2024/25 Q2"')
            .replace('"Sept update" = "commentary@Sept"', '"Sept update" = "commentary@2024/25 Q2"')
            .replace('"Sept update" = ""', '"Sept update" = "commentary@2024/25 Q2"')
            .replace("[status.words]", '[status.words]\n"Slipping" = "Amber"\n"Fine" = "Green"'))
    (tmp_path / "perfkit.toml").write_text(toml)
    capsys.readouterr()
    assert main(["validate", str(book), "--strict"]) == 0, capsys.readouterr()
    out = tmp_path / "reports"
    out.mkdir()
    assert main(["brief", str(book), "--period", "Q2", "--council", "Anyshire", "--out", str(out)]) == 0
    html = next(p for p in out.glob("*.html") if not p.name.endswith("-checks.html")).read_text(encoding="utf-8")
    assert "2024/25 Q2" in html and "Open the hub" in html
