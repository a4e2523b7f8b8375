"""A district's climate emergency scorecard (figures typed in tonnes and litres, `On course` / `Off course - recoverable`
/ `Off course` explained in a key line under the table, cumulative counts against the year's target, no polarity) and a
fire authority's plan actions whose quarters' progress is `On course`, `Off course` or `Achieved`: the key's own pairs,
the progress words of a plan, and which way is better, as the statuses may and may not say it."""

from __future__ import annotations

import json

from layout_builders import SheetSpec, day, write_workbook

import perfkit
from perfkit.cli import main
from perfkit.core.periods import parse_period


def _climate(tmp_path, toml: str | None = None):
    rows = [["Carsbridge District Council - Climate Emergency Action Plan: Indicator Scorecard"],
            ["2024/25 - position at end of September"], [],
            ["Indicator", "Unit", "2024/25 target", "Apr-Jun 2024", "Status", "Jul-Sep 2024", "Status", "Lead"],
            ["Council operational emissions (quarter)", "tCO2e", "250 tonnes", "240 tonnes", "On course", "262 tonnes",
             "Off course - recoverable", "Sustainability"],
            ["Buildings electricity from renewables", "%", "60%", "58%", "Off course - recoverable", "61%", "On course", "Property"],
            ["EV charge points installed (cumulative)", "number", 60, "22", "Off course", "30", "Off course", "Climate Officer"],
            ["Trees planted (cumulative)", "number", "5,000", "1,200", "On course", "1,250", "Off course - recoverable", "Parks"],
            [], ["Key: On course = Green; Off course - recoverable = Amber; Off course = Red"]]
    path = write_workbook(tmp_path / "climate.xlsx", [SheetSpec("Climate Scorecard", rows)])
    if toml:
        (tmp_path / "perfkit.toml").write_text(toml)
    return path


def test_a_key_lines_pairs_are_split_at_their_equals_signs_not_at_a_dash(tmp_path):
    """`Off course - recoverable = Amber` was split at the dash: 'recoverable = Amber' learnt, the word itself unknown,
    and one Amber read as something else."""
    path = _climate(tmp_path)
    ms = perfkit.read_measures(path)
    q2 = ms[ms["period"] == parse_period("2024/25 Q2")]["reported_status"].astype(str).tolist()
    assert q2 == ["Amber", "Green", "Red", "Amber"]
    said = [p.message for p in perfkit.validate(path)]
    assert any(m.startswith("status key: On course = Green, Off course - recoverable = Amber, Off course = Red") for m in said), said
    assert not any("tCO2e" in m for m in said), "a tonne of CO2e is a tonne"


def test_green_below_the_years_target_alone_does_not_make_a_measure_lower_is_better(tmp_path):
    """Trees planted (cumulative): 1,200 then 1,250 of 5,000, On course in Q1. Green below its target said 'lower is
    better' in a note, and the brief called 1,250 worsening. Without a quarter red or amber above its target, perfkit
    does not infer it from its statuses; its name says it (a count of trees planted), in a note. Emissions, Off course
    above 250 tonnes, are lower is better."""
    path = _climate(tmp_path)
    ms = perfkit.read_measures(path)
    polarity = ms.drop_duplicates("measure_id").set_index("name")["polarity"].astype(str)
    assert polarity["Council operational emissions (quarter)"] == "lower"
    assert polarity["Trees planted (cumulative)"] == "higher"
    said = [p.message for p in ms.attrs["problems"] if p.column == "polarity" and "Trees planted" in p.message]
    assert said == ["Trees planted (cumulative): no polarity given, read as higher is better, as a count of trees planted is; "
                    "if that is wrong, say so under [measures.polarity] in perfkit.toml"], said


def test_a_polarity_named_by_the_reference_perfkit_made_up_is_used(tmp_path):
    """A sheet with no references: typing the reference perfkit made up (`"K002" = "lower"`) left the warning standing. The
    warning itself offers the measure by its name, which the officer knows (a made-up K001 is in no cell of the sheet)."""
    rows = [["Climate indicators 2024/25"], ["Indicator", "Target", "Apr-Jun 2024", "Jul-Sep 2024"],
            ["Homes retrofitted", 400, 60, 95], ["Fleet diesel used (litres)", 40000, 38500, 39000]]
    path = write_workbook(tmp_path / "climate.xlsx", [SheetSpec("Indicators", rows)])
    warned = [p.message for p in perfkit.validate(path).warnings if "no polarity" in p.message]
    assert len(warned) == 1 and '"Homes retrofitted" = "lower"' in warned[0] and '"K00' not in warned[0], warned
    (tmp_path / "perfkit.toml").write_text('[measures.polarity]\n"K001" = "higher"\n"K002" = "lower"\n')
    warned = [p.message for p in perfkit.validate(path).warnings if "no polarity" in p.message]
    assert not warned, warned
    ms = perfkit.read_measures(path)
    assert ms.drop_duplicates("measure_id")["polarity"].astype(str).tolist() == ["higher", "lower"]


def test_a_plans_quarters_of_on_course_and_off_course_are_its_statuses(tmp_path, capsys):
    """`Apr-Jun progress | Jul-Sep progress` holding On course / Off course / Achieved / Not started, beside % complete:
    the words were not an action plan's, so both columns were read as commentary and every action as No data."""
    rows = [["Mid Cymru Fire and Rescue Authority"], ["Community Risk Management Plan 2024-29 - Action Progress, Quarter 2 (July to September 2024)"], [],
            ["Action ref", "Action", "Head of department", "Target completion", "Apr-Jun progress", "Jul-Sep progress", "% complete"],
            ["Objective 1: Reduce dwelling fires"],
            ["1a", "Safe and Well visits to over-65s", "Head of Prevention", day(2024, 9, 30), "On course", "Achieved", 1],
            ["1b", "Sprinklers in high-rise housing", "Head of Prevention", day(2025, 3, 31), "On course", "On course", 0.4],
            ["1c", "Review hoarding protocol", "Head of Prevention", day(2024, 6, 30), "Off course", "Off course", 0.6],
            ["Objective 2: Crewing and cover"],
            ["2a", "Day-crewing at Llanfair", "Head of Response", day(2025, 3, 31), "Not started", "On course", 0.2],
            ["2b", "Recruit on-call firefighters", "Head of Response", day(2024, 12, 31), "On course", "Off course", 0.5]]
    path = write_workbook(tmp_path / "crmp.xlsx", [SheetSpec("CRMP Actions", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["actions"]
    assert {s: n for s, n in doc["by_status"].items() if n} == {"Complete": 1, "On track": 2, "Behind schedule": 2}
    assert doc["overdue"] == ["1c"] and doc["changes"]["slipped"] == ["2b"] and doc["changes"]["completed"] == ["1a"]


def test_compliance_and_delivery_words_are_statuses(tmp_path):
    """A housing association's consumer standards (`Compliant / Partially compliant / Non-compliant`) and a business
    plan's `Delivered / Partly delivered / Not delivered` (refused, 'Not delivered' with 'did you mean delivered?')."""
    rows = [["Consumer standards tracker 2024/25"],
            ["Ref", "Milestone", "Q1 status", "Q2 status"],
            ["SQ1", "Homes are safe", "Compliant", "Partially compliant"],
            ["SQ2", "Repairs are timely", "Partially compliant", "Non-compliant"],
            ["SQ3", "Tenants are listened to", "Non-compliant", "Compliant"]]
    path = write_workbook(tmp_path / "standards.xlsx", [SheetSpec("Standards", rows)])
    from perfkit.core.status import DEFAULT_SCALE
    assert [DEFAULT_SCALE.normalise(w) for w in ("Compliant", "Partially compliant", "Non-compliant")] == ["Green", "Amber", "Red"]
    assert [DEFAULT_SCALE.normalise(w) for w in ("Delivered", "Partly delivered", "Not delivered")] == ["Complete", "Amber", "Red"]
    ms = perfkit.read_milestones(path)
    q2 = ms[ms["period"] == parse_period("2024/25 Q2")]["status"].astype(str).tolist()
    assert q2 == ["Amber", "Red", "Green"]


def test_a_consumer_standards_compliance_tracker_reads_with_no_settings(tmp_path, capsys):
    """A housing association's tracker: `Standard | Req ID | Requirement | Accountable Director | Compliance Q1 |
    Compliance Q2 | Improvement action | Action due`. It was refused as a tracker with no header, and init's guesses
    took nine edits: the requirements are the items, each quarter's compliance their status, grouped by standard."""
    reqs = [("Safety and Quality", "SQ1", "Stock condition data for all homes", "Partially compliant", "Partially compliant"),
            ("Safety and Quality", "SQ2", "Gas safety checks in date", "Compliant", "Compliant"),
            ("Safety and Quality", "SQ3", "Damp and mould cases resolved", "Non-compliant", "Partially compliant"),
            ("Transparency", "TIA1", "Tenant satisfaction measures published", "Compliant", "Compliant"),
            ("Tenancy", "T1", "Tenancy sustainment support", "Compliant", "Partially compliant")]
    rows = [["Riverside Homes Group - Consumer Standards Compliance Tracker"], ["Board report Q2 2024/25"], [],
            ["Standard", "Req ID", "Requirement", "Accountable Director", "Compliance Q1", "Compliance Q2", "Improvement action"]]
    rows += [[s, ref, req, "Director of Assets", q1, q2, None] for s, ref, req, q1, q2 in reqs]
    path = write_workbook(tmp_path / "standards.xlsx", [SheetSpec("Consumer Standards", rows)])
    assert main(["summary", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)["milestones"]
    assert {s: v["count"] for s, v in doc["by_status"].items() if v["count"]} == {"Amber": 3, "Green": 2}
    assert {g: v["total"] for g, v in doc["groups"].items()} == {"Safety and Quality": 3, "Transparency": 1, "Tenancy": 1}


def test_a_measure_named_cumulative_with_quarterly_targets_is_compared_against_its_profile(tmp_path):
    """`% Council Tax collected (cumulative)`, 29.8% then 56.2% against Q1 and Q2 targets of 29% and 57%: compared with
    the quarter before on its raw figures, it was 'Improving' while it fell behind its profile. A measure whose name
    says it is cumulative, with its target profiled quarter by quarter in the workbook, is cumulative, said in a note;
    with the year's target alone it is cumulative too, and a warning says its profile is a straight line and gives the
    line for the real one (left as it was, the brief compared 56% at Q2 with the year's 97%, with no word)."""
    rows = [["Corporate Scorecard 2024/25"],
            ["Ref", "Measure", "Good is", "Q1 target", "Q1 actual", "Q2 target", "Q2 actual"],
            ["CW01", "% Council Tax collected (cumulative)", "High", 29, 29.8, 57, 56.2],
            ["CW02", "Working days lost to sickness per FTE (cumulative)", "Low", 2, 2.3, 4, 4.1],
            ["EN01", "% waste recycled", "High", 50, 52.1, 50, 48.9]]
    path = write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Scorecard", rows)])
    ms = perfkit.read_measures(path)
    assert ms.drop_duplicates("measure_id").set_index("measure_id")["cumulative"].to_dict() == {"CW01": True, "CW02": True, "EN01": False}
    said = [p.message for p in ms.attrs["problems"]]
    assert any(m.startswith("% Council Tax collected (cumulative): its name says its figures are cumulative") for m in said), said
    annual = [["Corporate Scorecard 2024/25"], ["Ref", "Measure", "Good is", "Annual target", "Q1 actual", "Q2 actual"],
              ["CW01", "% Council Tax collected (cumulative)", "High", 97, 29.8, 56.2]]
    path = write_workbook(tmp_path / "annual.xlsx", [SheetSpec("Scorecard", annual)])
    ms = perfkit.read_measures(path)
    assert ms["cumulative"].all() and ms["target"].tolist() == [24.25, 48.5]
    warned = [p.message for p in ms.attrs["problems"] if p.severity == "warning"]
    assert any('is cumulative but has no target profile' in m and '"% Council Tax collected (cumulative)" = [24.25, 48.5, 72.75, 97]' in m for m in warned), warned
    # a plain 'Target' beside one quarter's figure is that quarter's own ('reported against the Q2 target'): as given
    plain = [["Corporate Plan Q2 2024/25"], ["Ref", "Measure", "Good is", "Target", "Q2 actual"],
             ["CP03", "Number of affordable homes delivered (cumulative)", "High", 40, 38]]
    ms = perfkit.read_measures(write_workbook(tmp_path / "plain.xlsx", [SheetSpec("Q2 Report", plain)]))
    assert not ms["cumulative"].any() and ms["target"].tolist() == [40]
    assert not [p for p in ms.attrs["problems"] if p.severity == "warning"]


def test_a_fire_authoritys_five_year_average_is_a_comparison_never_a_period_to_map(tmp_path):
    """'5-year average (Q2)' beside 'Q2 target | Q2 2024/25': a warning that blocked the brief offered the line
    '"5-year average (Q2)" = "actual@2024/25 Q2"', which would have read the average as the quarter's figures."""
    rows = [["Northshire Fire and Rescue Authority"], ["Performance Report, Quarter 2 2024/25"], [],
            ["Ref", "Performance indicator", "Better is", "5-year average (Q2)", "Q2 target", "Q2 2024/25"],
            ["FR01", "Primary fires per 1,000 population", "Lower", 0.52, 0.5, 0.47],
            ["FR02", "Accidental dwelling fires per 10,000 dwellings", "Lower", 2.9, 2.8, 3.4]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "fire.xlsx", [SheetSpec("Service Plan Q2", rows)]))
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"], [p.message for p in kp.attrs["problems"]]
    assert kp.set_index("measure_id")["actual"].to_dict() == {"FR01": 0.47, "FR02": 3.4}
    assert any("'5-year average (Q2)' holds a comparator's figures" in p.message for p in kp.attrs["problems"])


def test_a_childrens_scorecards_stat_neighbours_column_is_a_comparator(tmp_path):
    """'Stat neighbours 2022-23' beside 'England 2022-23': the full wording was a comparator, the usual short one 'not used'."""
    rows = [["Children's social care scorecard - Quarter 2 2024/25"],
            ["Ref", "Measure", "Good is", "Target", "Q2 2024/25", "Stat neighbours 2022-23", "England 2022-23"],
            ["C1", "Re-referrals within 12 months (%)", "Low", 20, 18, 21, 22],
            ["C2", "Assessments within 45 days (%)", "High", 85, 80, 84, 82]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "csc.xlsx", [SheetSpec("CSC", rows)]))
    assert kp.attrs["comparators"] == ["Stat neighbours 2022-23", "England 2022-23"]
