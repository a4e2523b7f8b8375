"""A Welsh body's return in two languages: each header a line of Welsh over a line of English (``Targed`` over
``Target``, ``Ch2 2024/25`` over ``Q2 2024/25``), and its words written ``Cymraeg / English`` (``Isel / Low``, ``Ar darged
/ On target``). Refused before: no header perfkit could read, then every status and polarity an unknown word."""

from __future__ import annotations

import json

from layout_builders import SheetSpec, write_workbook

import perfkit
from perfkit.cli import main
from perfkit.read.engine import in_two_languages
from perfkit.core.status import DEFAULT_SCALE

STATUS = {"Green": "Ar darged / On target", "Amber": "O fewn goddefiant / Within tolerance", "Red": "Oddi ar darged / Off target"}
POLARITY = {"lower": "Isel / Low", "higher": "Uchel / High"}
# ref, name, polarity, target, Q1, Q2, the officer's Q2 status
MEASURES = [("HA01", "Ôl-ddyledion rhent / Rent arrears (%)", "lower", 3, 3.2, 2.9, "Green"),
            ("HA02", "Diwrnodau i ail-osod / Days to re-let", "lower", "28 days", "31 days", "27 days", "Green"),
            ("HA03", "Atgyweiriadau brys / Emergency repairs in 24 hours (%)", "higher", 98, 98.5, 96.2, "Amber"),
            ("HA06", "Rhent a gollwyd / Rent lost from empty homes (£)", "lower", "£60k", "£58.2k", "£71.5k", "Red")]


def test_a_return_in_two_languages_reads_with_no_settings(tmp_path, capsys):
    rows = [["Adroddiad Perfformiad Chwarter 2 2024/25"], ["Quarter 2 2024/25 Performance Report"], [],
            ["Cyf.\nRef", "Dangosydd Perfformiad\nPerformance Indicator", "Gorau\nBest", "Targed\nTarget", "Ch1 2024/25\nQ1 2024/25",
             "Ch2 2024/25\nQ2 2024/25", "Statws Ch2\nQ2 Status", "Sylwadau\nComments"]]
    rows += [[ref, name, POLARITY[pol], t, q1, q2, STATUS[s], None] for ref, name, pol, t, q1, q2, s in MEASURES]
    path = write_workbook(tmp_path / "dpa.xlsx", [SheetSpec("DPA - KPIs", rows)])
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [str(p) for p in report]
    kp = perfkit.read_measures(path)
    first = kp.drop_duplicates("measure_id").set_index("measure_id")
    assert first["polarity"].to_dict() == {m[0]: m[2] for m in MEASURES}
    assert first.loc["HA06", "target"] == 60_000
    q2 = kp[kp.period.astype(str) == str(kp.period.max())].set_index("measure_id")
    assert q2["reported_status"].astype(str).to_dict() == {m[0]: m[6] for m in MEASURES}
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["measures"]
    # the generator's rule: met where the figure is on the good side of the target, amber within 5%
    assert {s: v["count"] for s, v in doc["by_status"].items() if v["count"]} == {"Green": 2, "Amber": 1, "Red": 1}


def test_two_languages_that_name_different_statuses_are_not_read():
    assert in_two_languages(DEFAULT_SCALE, "Green / Red") is None
    assert in_two_languages(DEFAULT_SCALE, "Cwblhawyd / Complete") == "Complete"


def test_headers_written_welsh_slash_english_on_one_line_are_read(tmp_path, capsys):
    """'Statws Ch2 / Q2 Status' on one line: the header was not found at all, and init left the status columns blank."""
    rows = [["Amcanion Llesiant: Chwarter 2 2024-25 / Well-being objectives: Quarter 2 2024-25"], [],
            ["Cyf / Ref", "Cam / Step", "Swyddog Arweiniol / Lead Officer", "Dyddiad Cwblhau / Completion Date",
             "Statws Ch1 / Q1 Status", "Statws Ch2 / Q2 Status"],
            ["WO1.1", "Open the new extra care scheme", "Head of Adult Services", "31/03/2025", "On track", "Slight concerns"],
            ["WO1.2", "Review day services", "Head of Adult Services", "30/06/2024", "Slight concerns", "Off track"],
            ["WO2.1", "Adopt the replacement local plan", "Head of Planning", "31/12/2025", "Not yet started", "On track"]]
    path = write_workbook(tmp_path / "steps.xlsx", [SheetSpec("Amcanion Llesiant", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["milestones"]
    assert {s: v["count"] for s, v in doc["by_status"].items() if v["count"]} == {"Green": 1, "Amber": 1, "Red": 1}
    report = perfkit.validate(path)
    assert not report.warnings and not report.errors, [str(p) for p in report]


def test_welsh_objective_headings_are_clear_headings(tmp_path):
    """'Amcan Llesiant 2: Dysgu / Well-being Objective 2: Learning' over one milestone, between objectives of two: warned
    of as a heading perfkit had to guess."""
    from layout_builders import SheetSpec, day, write_workbook

    rows = [["Adroddiad Perfformiad Ch2 / Performance Report Q2 2024-25"], ["Cyf / Ref", "Carreg filltir / Milestone", "Dyddiad / Due date", "Statws / Status"],
            ["Amcan Llesiant 1: Byw'n dda / Well-being Objective 1: Living well"], ["1.1", "Open the hub", day(2025, 3, 31), "Green"],
            ["1.2", "Launch the app", day(2025, 3, 31), "Amber"],
            ["Amcan Llesiant 2: Dysgu / Well-being Objective 2: Learning"], ["2.1", "Open the school", day(2025, 3, 31), "Green"],
            ["Amcan Llesiant 3: Amgylchedd / Well-being Objective 3: Environment"], ["3.1", "Plant trees", day(2025, 3, 31), "Red"],
            ["3.2", "Cut carbon", day(2025, 3, 31), "Green"]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "adroddiad.xlsx", [SheetSpec("Ch2 2024-25", rows)]))
    assert not [p.message for p in ms.attrs["problems"] if p.severity == "warning"]


def test_a_target_written_in_two_languages_is_read_by_the_part_perfkit_reads(tmp_path):
    """'Dim targed / No target' in a Welsh council's target column refused the workbook, with no line to type."""
    rows = [["Mesurau Perfformiad / Performance Measures - Ch2 / Q2 2024-25"], [],
            ["Cyf / Ref", "Mesur / Measure", "Targed / Target", "Ch2 / Q2"],
            ["PM01", "Disgyblion / Pupils attending (%)", "93 / 93", 93.4], ["PM08", "Ymwelwyr / Visitors", "Dim targed / No target", 5120]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "mesurau.xlsx", [SheetSpec("Mesurau", rows)]))
    assert kp["target"].tolist()[0] == 93 and kp["target"].isna().tolist() == [False, True]
    assert any("read as no target" in p.message for p in kp.attrs["problems"])
    assert not [p for p in kp.attrs["problems"] if p.severity == "error"]


def test_a_missing_figure_in_two_languages_says_why_in_either(tmp_path):
    """'Ddim ar gael / Not available' in a Welsh council's actual: the note read "... for 2024/25 Q2 is : recorded as
    missing", its reason left out."""
    rows = [["Mesurau perfformiad / Performance measures 2024/25"], ["Cyf / Ref", "Mesur / Measure", "Targed / Target", "Ch2 / Q2"],
            ["PAM/012", "Homelessness prevented (%)", 60, "Ddim ar gael / Not available"], ["PAM/013", "Empty homes returned", 40, 44]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "mesurau_q2.xlsx", [SheetSpec("Mesurau", rows)]))
    said = [p.message for p in kp.attrs["problems"] if p.source == "Mesurau!D3"]
    assert said and "is not available: recorded as missing" in said[0], said


def test_an_aim_and_a_reporting_note_written_in_two_languages_are_read_as_the_english_alone_would_be(tmp_path):
    """'Lleihau / Reduce' as a target and 'Adroddir yn Ch4 / Reported at Q4' as an actual stopped the read ('is not a
    number'), though 'Reduce' and 'Reported at Q4' alone are read."""
    rows = [["Mesurau Perfformiad / Performance Measures 2024/25"],
            ["Cyf / Ref", "Mesur / Measure", "Pegynedd / Polarity", "Targed / Target", "Ch1 / Q1", "Ch2 / Q2"],
            ["PAM/043", "Gwastraff / Residual waste (kg)", None, "Lleihau / Reduce", 41.2, 40.5],
            ["PAM/013", "Tai gwag / Empty homes returned (%)", "Uwch / Higher", 5.0, "Adroddir yn Ch4 / Reported at Q4",
             "Adroddir yn Ch4 / Reported at Q4"],
            ["PAM/012", "Atal digartrefedd / Homelessness prevented (%)", "Uwch / Higher", 60, 58.1, 62.7]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "mesurau.xlsx", [SheetSpec("Mesurau - Measures", rows)]))
    q2 = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q2"].set_index("measure_id")
    assert q2["target"].isna()["PAM/043"] and q2["polarity"]["PAM/043"] == "lower"
    assert q2["actual"].isna()["PAM/013"] and q2["actual"]["PAM/012"] == 62.7
    assert not [p.message for p in kp.attrs["problems"] if p.severity != "info"]


def test_a_bilingual_key_on_a_cover_named_in_two_languages_is_never_a_table_of_measures(tmp_path):
    """'Clawr - Cover' with its key ('Ar darged / On target | Mesurau / Measures'): read as a table of measures whose
    targets were 'not a number', a refusal that stopped the whole workbook."""
    cover = [["Cyngor Sir Glanmor / Glanmor County Council"], ["Adroddiad Perfformiad Chwarter 2 2024-25 / Quarter 2 2024-25 Performance Report"],
             ["Allwedd / Key"], ["Ar y trywydd iawn / On track", "Camau / Steps"], ["Peth oedi / Some delay", "Camau / Steps"],
             ["Ar darged / On target", "Mesurau / Measures"], ["O fewn 5% / Within 5%", "Mesurau / Measures"],
             ["Oddi ar darged / Off target", "Mesurau / Measures"]]
    rows = [["Amcan Llesiant 1 / Well-being Objective 1, Quarter 2 2024-25"], ["Cyf / Ref", "Cam / Step", "Statws Ch2 / Q2 Status"],
            ["1.1", "Open the new school", "Ar y trywydd iawn / On track"], ["1.2", "Adopt the strategy", "Peth oedi / Some delay"]]
    path = write_workbook(tmp_path / "adroddiad.xlsx", [SheetSpec("Clawr - Cover", cover), SheetSpec("WBO1", rows)])
    report = perfkit.validate(path)
    assert not report.errors
    entry = next(e for e in report.inventory if e.sheet == "Clawr - Cover")
    assert entry.status == "not read" and entry.kind is None


def test_objective_tabs_of_steps_over_a_wider_table_of_measures_read_without_warnings(tmp_path):
    """A Welsh council's well-being objectives, one tab each (`AL3 Cyngor - WBO3 Council`): steps in seven columns over
    measures in nine. The measures' two extra columns were warned of as columns with no header (six warnings, none of
    which perfkit.toml could clear, held the brief), and the third tab's objective was named 'AL3 Cyngor - WBO'."""
    from layout_builders import SheetSpec, day, write_workbook

    def tab(n, name):
        rows = [[f"Amcan Llesiant {n} / Well-being Objective {n}: {name}"], ["Adroddiad hanner blwyddyn 2024/25 / Half-year report 2024/25"], [],
                ["Camau / Steps"],
                ["Cyf / Ref", "Cam / Step", "Swyddog arweiniol / Lead officer", "Dyddiad targed / Target date", "Statws Ch1 / Q1 status",
                 "Statws Ch2 / Q2 status", "Sylwadau / Commentary"],
                [f"{n}.1", "Launch the hub", "Head of Service", day(2024, 6, 30), "Ar y trywydd / On track", "Wedi'i gwblhau / Complete", "Opened."],
                [f"{n}.2", "Publish the strategy", "Manager", day(2024, 7, 31), "Ar y trywydd / On track", "Peth llithriant / Some slippage", None],
                [], ["Mesurau perfformiad / Performance measures"],
                ["Cyf / Ref", "Mesur / Measure", "Gwell os / Better if", "Canlyniad 2023/24 / 2023/24 outturn", "Targed 2024/25 / 2024/25 target",
                 "Ch1 / Q1", "Ch2 / Q2", "Statws / Status", "Sylwadau / Commentary"],
                [f"PM{n}.1", "Pupils taking up free school meals (%)", "Uwch / Higher", 82.5, 85, 84.1, 86, "Ar darged / On target", "Up."],
                [f"PM{n}.2", "Days to process new claims", "Is / Lower", 19.4, 20, 18, 22, "Oddi ar darged / Off target", "Vacancies."]]
        return rows

    names = ["AL1 Tlodi - WBO1 Poverty", "AL3 Cyngor - WBO3 Council"]
    path = write_workbook(tmp_path / "wellbeing_objectives_h1_2024-25.xlsx",
                          [SheetSpec(names[0], tab(1, "Tackling poverty")), SheetSpec(names[1], tab(3, "A modern council"))])
    ms, kp = perfkit.read_milestones(path), perfkit.read_measures(path)
    for frame in (ms, kp):
        assert not [p.message for p in frame.attrs["problems"] if p.severity == "warning"]
        assert sorted(frame["directorate"].unique()) == names
    assert len(kp["measure_id"].unique()) == 4 and len(ms["milestone_id"].unique()) == 4
