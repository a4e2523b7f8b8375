"""A scorecard whose only judgement column is headed 'Assessment' and holds direction-of-travel words (Improving,
Stable, Deteriorating, coloured and keyed under the table), as a Police and Crime Plan scorecard prints it: the column was
read as nothing. It is the service's own direction of travel, shown beside perfkit's where the two differ."""

from __future__ import annotations

import json

import pytest

from layout_builders import SheetSpec, write_workbook

import perfkit
from perfkit.present.tables import service_wrote
from perfkit.cli import main

WORDS = {"G": "Improving", "A": "Stable", "R": "Deteriorating"}
FILL = {"G": "Green", "A": "Amber", "R": "Red"}


def _scorecard(tmp_path, header="Assessment"):
    items = [("Total recorded crime", 61250, 59870, "Reduce", "G"), ("Residential burglary", 2410, 2398, "Reduce", "A"),
             ("Serious violence", 5120, 5390, "Reduce", "R"), ("Victim satisfaction (%)", 71.0, 73.5, "Increase", "G")]
    rows = [["Police and Crime Plan scorecard, Quarter 2 2024/25"], [],
            ["Measure", "12 months to June 2024", "12 months to September 2024", "Aim", header]]
    fills = {}
    for name, q1, q2, aim, s in items:
        rows.append([name, q1, q2, aim, WORDS[s]])
        fills[f"E{len(rows)}"] = FILL[s]
    rows += [[], ["Key"]]
    for s, meaning in (("G", "Better than the previous 12 months"), ("A", "Within 2% of the previous 12 months"),
                       ("R", "Worse than the previous 12 months")):
        rows.append([WORDS[s], meaning])
        fills[f"A{len(rows)}"] = FILL[s]
    return write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Scorecard", rows, fills=fills)]), items


def test_an_assessment_column_of_direction_words_is_the_services_direction_of_travel(tmp_path):
    path, items = _scorecard(tmp_path)
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, report
    m = perfkit.read_measures(path)
    q2 = m[m["period"].astype(str) == "2025Q2"]
    assert q2["reported_trend"].tolist() == [WORDS[s] for *_, s in items]
    assert set(m["measure_id"]) == {"K001", "K002", "K003", "K004"}  # the key's rows are not measures
    said = [p.message for p in report]
    assert any("column 'Assessment' read as reported trend by what it holds" in s for s in said), said


def test_a_column_of_higher_and_lower_under_an_unknown_header_is_not_taken_for_direction_words(tmp_path):
    rows = [["Ref", "Measure", "Target", "Q1 2024/25", "Good if"], ["A1", "Calls answered (%)", 90, 91, "Higher"],
            ["A2", "Days to pay invoices", 10, 12, "Lower"]]
    path = write_workbook(tmp_path / "kpi.xlsx", [SheetSpec("KPIs", rows)])
    m = perfkit.read_measures(path)
    assert "reported_trend" not in m or m["reported_trend"].fillna("").eq("").all()


def test_the_services_word_is_shown_where_it_differs_from_perfkits_direction():
    assert "Service wrote \u201cStable\u201d" in service_wrote("Stable", "Improving")
    assert service_wrote("Deteriorating", "Worsening") == "" and service_wrote("", "Improving") == ""


def test_a_trend_header_with_more_words_is_read_by_what_it_holds_not_a_warning(tmp_path):
    rows = [["Ref", "Measure", "Polarity", "Target", "Q1 2024/25", "Q2 2024/25", "Trend since last quarter"],
            ["C1", "Calls answered (%)", "Higher", 90, 88, 91, "Improving"], ["C2", "Days to pay invoices", "Lower", 10, 9, 12, "Worsening"]]
    path = write_workbook(tmp_path / "k.xlsx", [SheetSpec("Scorecard", rows)])
    assert not perfkit.validate(path).warnings
    m = perfkit.read_measures(path)
    assert m.loc[m["period"].astype(str) == "2025Q2", "reported_trend"].tolist() == ["Improving", "Worsening"]


def test_a_dated_baseline_is_the_figure_for_its_own_quarter(tmp_path):
    """'Baseline (12 months to March 2024)' beside 2024/25's quarters: the line first offered said 2024/25 Q4 (March 2025);
    then it was offered as actual@2023/24 Q4, and a SEND plan's 'Baseline (June 2024)' warned of; now read as that."""
    rows = [["Measure", "Baseline (12 months to March 2024)", "12 months to June 2024", "12 months to September 2024", "Aim"],
            ["Total recorded crime", 61000, 61250, 59870, "Reduce"], ["Burglary", 2500, 2410, 2398, "Reduce"]]
    path = write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Scorecard", rows)])
    said = [p.message for p in perfkit.validate(path) if "Baseline" in p.message]
    assert "column 'Baseline (12 months to March 2024)' read as actual by its words" in said, said
    kp = perfkit.read_measures(path)
    first = kp[kp.period == kp.period.min()].set_index("name")["actual"].to_dict()
    assert str(kp.period.min()) == "2024Q4" and first == {"Total recorded crime": 61000, "Burglary": 2500}


def test_direction_words_on_red_amber_and_green_give_the_services_status_too(tmp_path):
    """The scorecard's only judgement is the coloured Assessment: its colours are the services' status (with no target,
    the status that stands), its words the direction of travel; mapped as a trend in perfkit.toml, the colours are not read."""
    path, items = _scorecard(tmp_path)
    a = perfkit.assess_measures(perfkit.read_measures(path))
    q2 = a[a["period"].astype(str) == "2025Q2"]
    assert q2["status"].astype(str).tolist() == [FILL[s] for *_, s in items]
    (tmp_path / "perfkit.toml").write_text('[sheets."Scorecard".columns]\n"Assessment" = "reported_trend"\n')
    a = perfkit.assess_measures(perfkit.read_measures(path))
    assert set(a["status"].astype(str)) == {"Data only"}


def test_direction_words_without_colours_give_no_status(tmp_path):
    rows = [["Measure", "Q1 2024/25", "Q2 2024/25", "Assessment"], ["Total recorded crime", 61250, 59870, "Improving"],
            ["Burglary", 2410, 2398, "Stable"], ["Serious violence", 5120, 5390, "Deteriorating"]]
    path = write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Scorecard", rows)])
    m = perfkit.read_measures(path)
    assert m["reported_status"].isna().all()


def test_rolling_twelve_month_columns_are_said_to_be_rolling_years(tmp_path):
    rows = [["Measure", "12 months to June 2024", "12 months to September 2024"], ["Total recorded crime", 61250, 59870],
            ["Burglary", 2410, 2398]]
    path = write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Scorecard", rows)])
    said = [p.message for p in perfkit.validate(path) if "rolling year" in p.message]
    assert len(said) == 1 and "12 months to June 2024" in said[0], said


def test_a_trend_measured_against_a_quarter_is_the_latest_quarters_trend(tmp_path):
    """'Trend vs Q1' was read as Q1's trend (init wrote reported_trend@2024/25 Q1), and 'Direction since last quarter' as the
    polarity."""
    from perfkit.read.columns import read_header

    assert read_header("Direction since last quarter", "measures").field == "reported_trend"
    rows = [["Board KPIs 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q1", "Q2", "Trend vs Q1"],
            ["C1", "Calls answered (%)", "Higher", 90, 88, 91, "Improving"], ["C2", "Days to pay invoices", "Lower", 10, 9, 12, "Declining"]]
    path = write_workbook(tmp_path / "k.xlsx", [SheetSpec("Board KPIs", rows)])
    m = perfkit.read_measures(path)
    assert m.loc[m["period"].astype(str) == "2025Q2", "reported_trend"].tolist() == ["Improving", "Declining"]


def test_a_direction_column_of_improving_and_worsening_is_the_direction_of_travel_not_the_polarity(tmp_path):
    """`Direction` over `Improving` / `Worsening` (a Police and Crime scorecard): read as the force's direction of travel.
    It was taken for the polarity and refused, and typing the line the refusal offered ("Improving" = "higher") made
    crime falling read as moving the wrong way. A peer comparison column (`Compared to most similar group`) is no
    grouping: it is the sheet's judgement against its peers."""
    rows = [["Police and Crime Plan - Performance Scorecard"], ["Police and Crime Panel, November 2024"], [],
            ["Plan priority", "Measure", "12 months to Jun 2024", "12 months to Sep 2024", "MSG average",
             "Compared to most similar group", "Direction"],
            ["Reduce crime", "All crime per 1,000 population", 78.2, 76.9, 80.1, "Better than", "Improving"],
            ["Reduce crime", "Residential burglary per 1,000 households", 4.1, 4.4, 3.6, "Worse than", "Worsening"],
            ["Support victims", "Victim satisfaction (%)", 71, 73, 74, "Similar to", "Improving"],
            ["Support victims", "Domestic abuse arrest rate (%)", 33, 36, 31, "Similar to", "Improving"]]
    path = write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Scorecard", rows)])
    report = perfkit.validate(path)
    assert not report.errors, [p.message for p in report.errors]
    ms = perfkit.read_measures(path)
    assert set(ms["polarity"].astype(str)) == {"none"}
    q2 = ms[ms["period"].astype(str) == "2025Q2"]
    assert q2["reported_trend"].tolist() == ["Improving", "Worsening", "Improving", "Improving"]
    # the sheet's own judgement against its peers, counted as it says, never a grouping of the measures
    assert q2["Compared to most similar group"].tolist() == ["better", "worse", "same", "same"]
    assert ms.attrs["comparator_words"] == {"most similar group": "Compared to most similar group"}
    said = [p.message for p in report]
    assert any("column 'Direction' read as reported trend" in m for m in said), said


def test_improving_maintaining_declining_under_direction_is_the_direction_of_travel(tmp_path):
    """A Scottish LOIP report's `Direction` of Improving / Maintaining / Declining was refused as unknown polarity words
    (and init wrote "Direction" = "polarity"): 'Maintaining' was no direction word, so the column was not seen as one."""
    rows = [["Community Planning Partnership - LOIP outcomes annual report 2024/25"],
            ["Indicator", "2022/23", "2023/24", "2024/25", "Direction"],
            ["Children with no tooth decay (%)", 69.0, 70.2, 71.5, "Improving"],
            ["Child protection concerns per 1,000", 15.3, 15.1, 15.0, "Maintaining"],
            ["Dwelling fires", 66, 64, 61, "Improving"],
            ["Adults physically active (%)", 62, 63, 63, "Maintaining"],
            ["Early deaths per 100,000", 470, 475, 481, "Declining"]]
    path = write_workbook(tmp_path / "loip.xlsx", [SheetSpec("LOIP Outcomes", rows)])
    report = perfkit.validate(path)
    assert not report.errors, [p.message for p in report.errors]
    assert any("column 'Direction' read as reported trend" in p.message for p in report)


def test_a_coloured_direction_of_travel_with_no_targets_is_no_status_against_a_target(tmp_path):
    """A police and crime scorecard with no targets and its 'Direction of travel' coloured green, amber and red: the
    colours were read as the services' status, and the committee page said '5 of 10 measures meeting target', with a note."""
    rows = [["Measure", "Q1 2024/25", "Q2 2024/25", "Direction of travel"], ["Total recorded crime", 61250, 59870, "Improving"],
            ["Burglary", 2410, 2398, "Stable"], ["Serious violence", 5120, 5390, "Deteriorating"]]
    fills = {"D2": "Green", "D3": "Amber", "D4": "Red"}
    a = perfkit.assess_measures(perfkit.read_measures(write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Scorecard", rows, fills=fills)])))
    assert set(a["status"].astype(str)) == {"Data only"}


def test_an_assessment_coloured_as_its_words_with_no_key_is_the_direction_only(tmp_path):
    """A Police and Crime Plan scorecard's `Assessment` against last year, Improving on green and Deteriorating on red,
    with no key: the colours are the words', and the committee page said '5 of 9 measures rated Green'."""
    rows = [["Police and Crime Plan scorecard, April to September 2024"], [],
            ["Ref", "Measure", "Aim", "YTD 2024/25", "YTD 2023/24", "Assessment"],
            ["PC01", "All police recorded crime", "Reduce", 50529, 52340, "Improving"],
            ["PC02", "Residential burglary", "Reduce", 1735, 1912, "Improving"],
            ["PC03", "Violence with injury", "Reduce", 14230, 13880, "Deteriorating"],
            ["PC04", "Homicides", "Reduce", 4, 4, "Stable"]]
    fills = {"F4": "Green", "F5": "Green", "F6": "Red", "F7": "Amber"}
    a = perfkit.assess_measures(perfkit.read_measures(write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Scorecard", rows, fills=fills)])))
    assert set(a["status"].astype(str)) == {"Data only"}
    assert any("no key says the colours are a status" in p.message for p in a.attrs["problems"])


def test_a_title_saying_the_direction_is_against_last_year_is_followed(tmp_path):
    """'Direction of travel compares this quarter with the same quarter last year': compared with Q1 instead, the brief
    printed 'Worsening ... Service wrote Improved' beside three measures the service had judged rightly."""
    rows = [["Fire and Rescue Service scorecard, Quarter 2 2024/25"],
            ["Direction of travel compares this quarter with the same quarter last year."],
            ["Ref", "Measure", "Polarity", "Target", "Q2 2023/24", "Q1 2024/25", "Q2 2024/25", "Direction of travel"],
            ["P1", "Primary fires", "Lower", 200, 240, 180, 210, "Improved"],
            ["P2", "Home fire safety visits", "Higher", 900, 850, 980, 920, "Improved"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("Scorecard", rows)]))
    fig = perfkit.quarter_figures(None, kp, "2024/25 Q2")
    d = fig.direction.set_index("measure_id")
    assert d["direction"].to_dict() == {"P1": "Improving", "P2": "Improving"}
    assert {str(p) for p in d["compared_with"]} == {"2024Q2"}  # 2023/24 Q2


def test_a_figure_unchanged_with_no_polarity_is_said_and_its_services_word_counted(tmp_path):
    """A LOIP's `Trend since baseline`, two 'Maintaining': the brief said '3 rose and 4 fell' and '1 is stable', leaving
    out the measure whose figure stayed at 94 (and its own 'Maintaining'), so 7 of 8 measures were accounted for."""
    from perfkit.present import narrative

    rows = [["Local Outcomes Improvement Plan - outcome measures"],
            ["Measure", "2022/23", "2023/24", "2024/25", "Trend since baseline"],
            ["Positive school leaver destinations (%)", 93.0, 93.5, 93.2, "Maintaining"],
            ["Crimes of dishonesty per 10,000 population", 190, 182, 176, "Improving"],
            ["Adults rating neighbourhood as very/fairly good (%)", 93, 94, 94, "Maintaining"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "loip.xlsx", [SheetSpec("LOIP outcomes", rows)]))
    text = narrative.measures_paragraph(perfkit.quarter_figures(None, kp, "2024/25"))
    assert "0 rose and 2 fell, and 1 did not change" in text, text
    assert "1 is improving and 2 are stable" in text, text


def test_figures_that_did_not_change_are_said_beside_those_that_moved(tmp_path):
    """'the figures of 1 moved in the right direction and of none in the wrong one' with a third measure level: the level
    one was counted nowhere in the sentence."""
    from perfkit.present import narrative

    rows = [["KPIs 2024/25"], ["Ref", "Measure", "Polarity", "Target", "Q1 2024/25", "Q2 2024/25"],
            ["K1", "Calls answered (%)", "Higher", 90, 88, 91], ["K2", "Invoices paid in 30 days (%)", "Higher", 95, 96, 96]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)]))
    text = narrative.measures_paragraph(perfkit.quarter_figures(None, kp, "2024/25 Q2"))
    assert "the figures of 1 moved in the right direction and of none in the wrong one; 1 did not change." in text, text


@pytest.mark.parametrize("header", ["Assessment", "Assessment against baseline"])
def test_a_police_plans_significance_judgements_against_its_baseline_are_its_direction(tmp_path, capsys, header):
    """A police and crime plan's 'Assessment' (Significantly better / No significant change / Significantly worse) against
    its baseline, with no targets: the column was kept as a grouping and the brief said nothing of which were better;
    headed 'Assessment against baseline' (a status's header), each word was no status and every measure Data only."""
    rows = [["Police and Crime Plan 2021-25: Performance Scorecard"], ["Quarter 3 2024/25 compared with the Plan baseline"], [],
            ["Plan priority", "Police and Crime Plan measure", "Baseline", "Current", "Desired direction", header],
            ["Cutting crime", "Victim-based crime", 98450, 91020, "Reduce", "Significantly better"],
            ["Cutting crime", "Neighbourhood crime", 14230, 11050, "Reduce", "Better"],
            ["Tackling violence", "Homicides", 11, 9, "Reduce", "No significant change"],
            ["Tackling violence", "Knife crime", 310, 305, "Reduce", "Similar"],
            ["Supporting victims", "Repeat victims of domestic abuse (%)", 28.1, 31.4, "Reduce", "Significantly worse"]]
    path = write_workbook(tmp_path / "pcp.xlsx", [SheetSpec("Scorecard", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["measures"]
    assert doc["total"] == 5  # 'Police and Crime Plan measure' names them ('Plan' alone is a target's word)
    assert doc["direction_from_service"] == {"Improving": 2, "No change": 2, "Worsening": 1}, doc
