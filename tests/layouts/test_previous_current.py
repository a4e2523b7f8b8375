"""A tracker that keeps last quarter's status beside this quarter's (``Previous RAG | Current RAG``), its quarter named
only in the title, and its names under a header in the council's own words (``What we said we would do``)."""

from __future__ import annotations

import random

import pytest
from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.analyse import attention

WORDS = {"Green": "On track", "Amber": "Slight delay", "Red": "Significant delay", "Complete": "Completed"}


def _items(seed: int):
    rng = random.Random(seed)
    out = []
    for n in range(1, 9):
        before = rng.choice(["Green", "Amber", "Green", "Red"])
        now = rng.choice(["Green", "Amber", "Red", "Complete"])
        due = day(2024, 9, 30) if n % 3 == 0 else day(2024, 8, 31) if n % 4 == 0 else day(2025, 3, 31)
        out.append((f"A{(n - 1) // 4 + 1}.{(n - 1) % 4 + 1}", f"Deliver commitment number {n} of the plan", before, now, due))
    return out


def build_previous_current(folder, seed: int = 7, headers=("Previous RAG", "Current RAG")):
    items = _items(seed)
    rows = [["Westmoor Borough Council"], ["Council Plan 2024-28: delivery monitoring 2024-25"],
            ["Position at end of Quarter 2 (July - September 2024)"], [],
            ["Ref No", "What we said we would do", "Accountable officer", "Target completion", *headers, "Update"]]
    for i, (ref, title, before, now, due) in enumerate(items):
        if i % 4 == 0:
            rows.append([f"Ambition {i // 4 + 1}: {'A greener borough' if i == 0 else 'Healthy lives'}"])
        rows.append([ref, title, "Head of Service", due, WORDS[before], WORDS[now], "Progress described."])
    path = write_workbook(folder / "council_plan_monitoring.xlsx", [SheetSpec("Council Plan Q2", rows)])
    q2, q1 = {}, {}
    for _, _, before, now, _ in items:
        q2[now] = q2.get(now, 0) + 1
        q1[before] = q1.get(before, 0) + 1
    overdue = sorted(ref for ref, _, _, now, due in items if now != "Complete" and due < day(2024, 9, 30))
    return path, Truth({"milestones": len(items)}, "2024/25 Q2", {"milestones": q2},
                       {"milestones": {"title": [t for _, t, *_ in items]}},
                       {"milestones": ["2024/25 Q1", "2024/25 Q2"]}), q1, overdue


@layout("previous and current", "Previous RAG beside Current RAG, quarter in the title")
def build_for_catalogue(folder):
    path, truth, _, _ = build_previous_current(folder)
    return path, truth


@layout("previous and current", "Last quarter beside This quarter")
def build_last_this(folder):
    path, truth, _, _ = build_previous_current(folder, seed=3, headers=("Last quarter", "This quarter"))
    return path, truth


def test_previous_column_is_the_quarter_before_the_one_the_title_names(tmp_path):
    path, truth, q1, overdue = build_previous_current(tmp_path)
    ms = perfkit.read_milestones(path)
    got = ms[ms["period"] == perfkit.parse_period("2024/25 Q1")]["status"].value_counts()
    assert {k: int(v) for k, v in got.items() if v} == q1
    said = [p.message for p in ms.attrs["problems"]]
    assert any("'Previous RAG' read as status for 2024/25 Q1, the quarter before 2024/25 Q2" in m for m in said)
    # the line offered for another quarter names another quarter, not the mapping perfkit already made
    assert any("if it holds another quarter's, say which, e.g. put \"Previous RAG\" = \"status@2023/24 Q4\"" in m for m in said), said
    assert any("'What we said we would do' read as title by what it holds" in m for m in said)
    assert not [p for p in ms.attrs["problems"] if p.severity != "info"]
    now = ms[ms["period"] == perfkit.parse_period("2024/25 Q2")]
    assert overdue and sorted(now[attention.overdue(now, "2024/25 Q2")]["milestone_id"]) == overdue


@pytest.mark.parametrize("headers", [("Last quarter", "This quarter"), ("RAG (previous quarter)", "RAG"),
                                     ("Last quarter's status", "Status")])
def test_the_previous_quarter_however_it_is_worded(tmp_path, headers):
    path, truth, q1, _ = build_previous_current(tmp_path, seed=11, headers=headers)
    ms = perfkit.read_milestones(path)
    assert sorted(str(p) for p in ms["period"].unique()) == ["2025Q1", "2025Q2"]
    got = ms[ms["period"] == perfkit.parse_period("2024/25 Q1")]["status"].value_counts()
    assert {k: int(v) for k, v in got.items() if v} == q1


def test_a_previous_column_beside_named_quarters_is_not_guessed(tmp_path):
    rows = [["Delivery plan 2024/25"], ["Ref", "Milestone", "Previous status", "Q1 Status", "Q2 Status"],
            ["M1", "Open the depot", "Green", "Green", "Amber"], ["M2", "Adopt the plan", "Amber", "Amber", "Red"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)])
    ms = perfkit.read_milestones(path)
    warned = [p for p in ms.attrs["problems"] if p.severity == "warning" and "'Previous status'" in p.message]
    assert warned and "status@2024/25 Q1" in warned[0].message
    assert sorted(str(p) for p in ms["period"].unique()) == ["2025Q1", "2025Q2"]


def test_two_columns_mapped_to_one_field_are_refused_naming_both(tmp_path):
    path, *_ = build_previous_current(tmp_path)
    (tmp_path / "perfkit.toml").write_text('[sheets."Council Plan Q2".columns]\n"Previous RAG" = "status"\n"Current RAG" = "status"\n',
                                           encoding="utf-8")
    with pytest.raises(perfkit.ConfigError) as caught:  # never the first of them silently taken as this quarter's
        perfkit.read_milestones(path)
    assert "'Previous RAG' and 'Current RAG' are both mapped to 'status'" in str(caught.value)
    assert '"Current RAG" = "status@2024/25 Q2"' in str(caught.value)


def test_mid_year_and_year_end_columns_are_the_half_years_and_changes_run_between_them(tmp_path):
    rows = [["Council Plan 2024/25 delivery: year-end report"], [],
            ["Ref", "Action", "Lead", "Due", "Mid-year status", "Year-end status"],
            ["C1", "Open the hub", "A Khan", day(2025, 3, 31), "Green", "Complete"],
            ["C2", "Adopt the plan", "B Jones", day(2025, 1, 31), "Green", "Red"],
            ["C3", "Fix the roads", "C Li", day(2025, 6, 30), "Amber", "Amber"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows)])
    ms = perfkit.read_milestones(path)
    assert sorted(str(p) for p in ms["period"].unique()) == ["2025Q2", "2025Q4"]
    fig = perfkit.quarter_figures(ms, None, None)
    assert str(fig.previous) == "2025Q2"  # year-end against mid-year, not against a Q3 the plan never reports
    changes = fig.milestone_changes.set_index("milestone_id")["from_status"].astype(str).to_dict()
    assert changes == {"C1": "Green", "C2": "Green", "C3": "Amber"}


def test_last_years_outturn_is_not_the_quarter_before_q1_in_the_json_changes(tmp_path, capsys):
    """A scorecard with a 2023/24 outturn column and Q1, Q2 actuals: at Q1 'changes' said from 2023/24 Q4 with every measure
    'new', though the text rightly compares nothing."""
    import json

    from perfkit.cli import main

    rows = [["Corporate scorecard 2024/25"], ["Ref", "Measure", "Good is", "2023/24 outturn", "Target", "Q1", "Q2"],
            ["K1", "Homes let", "High", 28, 30, 31, 29], ["K2", "Days to relet", "Low", 22, 20, 18, 25]]
    path = write_workbook(tmp_path / "scorecard_2024-25.xlsx", [SheetSpec("Scorecard", rows)])
    assert main(["summary", str(path), "--period", "2024/25 Q1", "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)["changes"]["measures"]
    assert changes["from"] is None and changes["new"] == 0
    assert main(["summary", str(path), "--period", "2024/25 Q2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"]["measures"]["from"] == "2024/25 Q1"


def test_a_same_period_last_year_column_is_offered_as_last_years_quarter(tmp_path):
    """'Q2 same period last year' beside 'Q2 2024/25': the warning offered 'actual@2024/25 Q2', which clashes with the
    quarter's own column and was refused when typed. It names the quarter a year before."""
    rows = [["Corporate scorecard, Quarter 2 2024/25"], ["Ref", "Indicator", "Good is", "Target", "Q2 2024/25", "Q2 same period last year"],
            ["K1", "Recycling (%)", "High", 50, 52, 49], ["K2", "Missed bins", "Low", 60, 55, 70]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("Scorecard", rows)])
    warning = next(p for p in perfkit.validate(path).warnings if p.value == "Q2 same period last year")
    assert '"Q2 same period last year" = "actual@2023/24 Q2"' in warning.message


def test_quarter_columns_newest_first_are_one_years(tmp_path):
    """'Target | Actual | Q2 Status | Q1 Status': Q2 was read as the previous year's (as in a rolling order), and with it
    the services' own statuses were lost and worked out from the figures instead, with no warning. Q1's statuses, with
    no figures of their own beside the sheet's one Actual, were dropped unsaid (so were a 'Last Quarter Status')."""
    rows = [["KPI dashboard 2024/25, Quarter 2"], ["Ref", "KPI", "Polarity", "Target", "Actual", "Q2 Status", "Q1 Status"],
            ["K1", "Recycling (%)", "High", 50, 48, "Amber", "Green"], ["K2", "Days to relet", "Low", 20, 26, "Red", "Amber"],
            ["K3", "Calls answered (%)", "High", 90, 93, "Green", "Green"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("Dashboard", rows)]))
    got = kp.groupby("period")["reported_status"].apply(lambda s: s.astype(str).tolist())
    assert {str(p): v for p, v in got.items()} == {"2025Q1": ["Green", "Amber", "Green"], "2025Q2": ["Amber", "Red", "Green"]}


def test_the_same_quarters_twice_side_by_side_are_a_warning(tmp_path):
    """Two councils' Q1 | Q2 side by side under their names: the first pair was read as last year's, said only as a
    note, and the briefing mixed one council's figures with the other's statuses."""
    rows = [["Shared revenues and benefits service, Quarter 2 2024/25"], [None, None, None, "Anyshire", None, "Borsetshire"],
            ["Ref", "Measure", "Target", "Q1", "Q2", "Q1", "Q2"],
            ["RB3", "Days to process new claims", 20, 18, 19, 22, 23], ["RB4", "Days to process changes", 8, 7, 9, 8, 10]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "rb.xlsx", [SheetSpec("Rev & Bens", rows, merges=["D2:E2", "F2:G2"])]))
    (said,) = [p for p in kp.attrs["problems"] if "come twice" in p.message]
    assert said.severity == "warning" and "put each on a sheet of its own" in said.message


def test_previous_and_current_rag_beside_quarters_named_in_other_headers_are_read(tmp_path):
    """'Q2 actual | Q3 actual | Previous RAG | Current RAG' on a tab titled Quarter 3: 'Previous RAG' was left unread with a
    warning suggesting Q1's status, on every directorate tab, blocking the brief."""
    from layout_builders import SheetSpec, write_workbook

    rows = [["Adults & Health - Quarter 3 2024/25"], ["KPI ref", "KPI", "Polarity", "Target", "Q2 actual", "Q3 actual", "Previous RAG", "Current RAG"],
            ["AH01", "Admissions to care homes per 100,000", "Lower is better", 560, 548, 571, "On target", "Slightly below target"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Adults & Health", rows)]))
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    said = dict(zip(kp["period"].astype(str), kp["reported_status"].astype(str)))
    assert said == {"2025Q2": "Green", "2025Q3": "Amber"}


def test_the_same_quarter_last_year_is_never_rated_against_this_years_targets(tmp_path):
    """A leisure contract's 2024/25 Q3 return, 'Q3 2023/24' beside 'Q3 actual' and one 'Annual contract target': last
    year's quarter was rated against this year's target, so `summary --json` counted 3 improved and 3 declined from it."""
    rows = [["Leisure Trust - Contract KPI Return"], ["Quarter 3 2024/25 (October - December 2024)"], [],
            ["KPI No.", "Key Performance Indicator", "Annual contract target", "Q3 actual", "Q3 2023/24", "Target met?"],
            ["L2", "Swimming lesson enrolments", 2400, 2412, 2290, "Met"],
            ["L3", "Fitness memberships", 5800, 5431, 5390, "Not met"],
            ["L4", "Customer satisfaction (%)", 90, 92, 89, "Met"]]
    path = write_workbook(tmp_path / "contract_return_Q3.xlsx", [SheetSpec("KPI Return", rows)])
    kp = perfkit.read_measures(path)
    last = kp[kp["period"].map(perfkit.period_label) == "2023/24 Q3"]
    assert len(last) == 3 and last["target"].isna().all()
    now = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q3"]
    assert now.set_index("measure_id")["target"].to_dict() == {"L2": 2400, "L3": 5800, "L4": 90}
    said = [p for p in kp.attrs["problems"] if "a quarter of an earlier year" in p.message]
    assert len(said) == 1 and said[0].source == "KPI Return!E5:E7" and "2024/25's" in said[0].message
    statuses = perfkit.assess_measures(kp)
    assert (statuses.loc[statuses["period"].map(perfkit.period_label) == "2023/24 Q3", "status"].astype(str) == "Data only").all()


def test_april_to_september_beside_the_quarters_columns_is_the_year_to_date_said_not_warned(tmp_path):
    """A fire authority's scorecard: 'Q2 2023/24 | Q2 2024/25 | Q2 target | Status | Apr–Sep 2023/24 | Apr–Sep 2024/25'.
    The half-years to date were 'a period's column but not read', a warning suggesting they be read as Q2's actual."""
    rows = [["Fire and Rescue Authority"], ["Quarter 2 2024/25 (July – September 2024)"], [],
            ["Ref", "Performance indicator", "Better if", "Q2 2023/24", "Q2 2024/25", "Q2 target", "Apr–Sep 2023/24",
             "Apr–Sep 2024/25"],
            ["P1", "Accidental dwelling fires", "Lower", 61, 54, 60, 118, 109],
            ["R1", "Appliances on scene within 10 minutes (%)", "Higher", 88.1, 90.2, 90, 87.5, 89.9]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "scorecard_q2.xlsx", [SheetSpec("Scorecard", rows)]))
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"], [p.message for p in kp.attrs["problems"] if p.severity == "warning"]
    now = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q2"].set_index("measure_id")
    assert now["actual"].to_dict() == {"P1": 54, "R1": 90.2}
    assert sum("holds a year-to-date figure" in p.message for p in kp.attrs["problems"]) == 2


def test_twelve_months_to_september_beside_the_year_before_give_the_direction_of_travel(tmp_path):
    """A police and crime plan scorecard: '12 months to Sep 2023 | 12 months to Sep 2024', no targets, an Aim column. It
    gave no direction of travel at all (no 2024/25 Q1 to compare with), under a column headed 'Direction since 2024/25
    Q1'; a panel reads the year-on-year direction first."""
    rows = [["Police and Crime Plan scorecard"], ["Quarter 2 2024/25"], [],
            ["Ref", "Measure", "Aim", "12 months to Sep 2023", "12 months to Sep 2024"],
            ["1.1", "Total recorded crime", "Reduce", 48210, 46905], ["1.2", "Violence with injury", "Reduce", 6402, 6611],
            ["2.1", "Positive outcome rate (%)", "Increase", 9.8, 11.2], ["3.4", "Hate crimes recorded", "Monitor", 2210, 2254]]
    path = write_workbook(tmp_path / "pcp_scorecard_q2.xlsx", [SheetSpec("Scorecard", rows)])
    fig = perfkit.quarter_figures(None, perfkit.read_measures(path), "2024/25 Q2")
    from perfkit.present import narrative

    text = narrative.measures_paragraph(fig)
    assert "Compared with 2023/24 Q2, the figures of 2 moved in the right direction and of 1 in the wrong one" in text
    assert "1 rose and 0 fell" in text
    # summary --json gives the same direction of travel (it gave the status changes alone, all 'not comparable')
    assert fig.to_dict()["measures"]["direction"] == {"improving": 2, "worsening": 1, "no_change": 0, "increasing": 1,
                                                       "decreasing": 0, "not_compared": 0, "no_figure": 0}


# An IJB scorecard: 'Previous' and 'Latest' merged over 'Period | Value' each; (ref, target, previous period, previous,
# latest period, latest, status, polarity)
_IJB = [("MSG1", 95, "12 months to Jun 2024", 98.1, "12 months to Sep 2024", 97, "Within 5%"),
        ("MSG4", 1800, "Jun 2024", 2130, "Sep 2024", 1950, "Off target"),
        ("MSG6", 90, "2022/23", 89.2, "2023/24", 89.8, "Within 5%"),
        ("L2", 80, "Apr-Jun 2024", 84, "Jul-Sep 2024", 78, "Within 5%"),
        ("L5", 90, "Apr-Jun 2024", 93, "Jul-Sep 2024", 95, "On target"),
        ("L8", None, "2022", 442, "2023", 425, "Data only")]


def _ijb_scorecard(folder, items=_IJB):
    rows = [["Health and Social Care Partnership"], ["Integration Joint Board – Performance Scorecard, Quarter 2 2024/25"], [],
            [None, None, None, "Previous", None, "Latest", None, None, None],
            ["Ref", "Indicator", "Target", "Period", "Value", "Period", "Value", "Status", "Trend"]]
    for ref, target, p0, v0, p1, v1, status in items:
        rows.append([ref, f"Indicator {ref}", target if target is not None else "-", p0, v0, p1, v1, status, "Improving"])
    return write_workbook(folder / "hscp_scorecard_q2_2024-25.xlsx", [SheetSpec("Scorecard", rows, merges=["D4:E4", "F4:G4"])])


def _read_as_the_latest(path) -> dict[str, str]:
    """Read with no warning, every latest figure as 2024/25 Q2's: what was said, by cell."""
    report = perfkit.validate(path)
    assert not report.errors and not report.warnings, [p.message for p in report if p.severity != "info"]
    kp = perfkit.read_measures(path)
    assert [perfkit.period_label(p) for p in kp["period"].unique()] == ["2024/25 Q2"]
    assert kp.set_index("measure_id")["actual"].to_dict() == {r[0]: r[5] for r in _IJB}
    return {p.source: p.message for p in report}


def test_latest_figures_each_of_its_own_period_are_the_quarters_and_previous_ones_of_other_years_are_not_its_last(tmp_path):
    """'Previous | Latest' over 'Period | Value': refused on the first 'Period' ('12 months to Jun 2024' is no period) with
    no line to type. Read as the tester's truth says: the latest figures are 2024/25 Q2's, as the scorecard reports
    them, with the rows whose own period is another named; the previous ones (2022/23 beside a quarter's) are never 2024/25
    Q1's."""
    said = _read_as_the_latest(_ijb_scorecard(tmp_path))
    assert "'2023/24' (1 row: 8)" in said["Scorecard!F5"] and "'2023' (1 row: 11)" in said["Scorecard!F5"]
    assert "not read as the quarter before" in said["Scorecard!E5"]


def test_previous_figures_all_of_the_quarter_before_are_read_as_it(tmp_path):
    items = [(ref, t, "Apr-Jun 2024", v0, "Jul-Sep 2024", v1, st) for ref, t, _, v0, _, v1, st in _IJB if t is not None]
    kp = perfkit.read_measures(_ijb_scorecard(tmp_path, items))
    assert sorted({perfkit.period_label(p) for p in kp["period"]}) == ["2024/25 Q1", "2024/25 Q2"]
    q1 = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q1"]
    assert q1.set_index("measure_id")["actual"].to_dict() == {r[0]: r[3] for r in items}


def test_a_period_column_beside_each_figure_column_with_no_band_over_them_is_read_as_the_figures_periods(tmp_path):
    """'Previous period | Previous | Latest period | Latest' in one header row: 'Previous period' was read as the previous
    quarter's actual too, clashing with 'Previous', and the sheet was refused with a line ('"Previous" =
    "actual@2024/25 Q2"') that would have misread it."""
    rows = [["Integration Joint Board – Performance Scorecard (Quarter 2 2024/25)"],
            ["Ref", "Indicator", "Target", "Previous period", "Previous", "Latest period", "Latest", "RAG"]]
    rows += [[ref, f"Indicator {ref}", t if t is not None else "-", p0, v0, p1, v1, st] for ref, t, p0, v0, p1, v1, st in _IJB]
    said = _read_as_the_latest(write_workbook(tmp_path / "ijb_scorecard.xlsx", [SheetSpec("Scorecard", rows)]))
    assert said["Scorecard!F2"].startswith("column 'Latest period' gives some figures periods of their own, not 2024/25 Q2")


def test_the_briefing_dates_each_latest_figure_of_a_period_of_its_own(tmp_path):
    """The note said 'the briefing dates them so', but the brief showed '89.8' under '2024/25 Q2' with no word of 2023/24,
    and '12 months to Sep-24' (the quarter itself) was listed as a period before it."""
    from perfkit.present import tables

    items = [*_IJB[:5], ("MSG9", 95, "12 months to Jun-24", 90.1, "12 months to Sep-24", 91, "Within 5%")]
    kp = perfkit.read_measures(_ijb_scorecard(tmp_path, items))
    own = kp.set_index("measure_id")["figure_period"].to_dict()
    assert own == {"MSG1": "", "MSG4": "", "MSG6": "2023/24", "L2": "", "L5": "", "MSG9": ""}, own
    html = tables.measures_table(perfkit.quarter_figures(None, kp, "2024/25 Q2"), "Measures")
    assert '89.8 <span class="note">(2023/24)</span>' in html, html


def test_previous_and_current_figures_named_in_a_title_row_are_the_quarters_it_names(tmp_path):
    """'Previous | Current' figures, the title saying 'Previous = Quarter 1 2024/25; Current = Quarter 2 2024/25': the
    two columns were 'not used', and the sheet refused as having no actual."""
    rows = [["Key Performance Indicators – Quarter 2 2024/25"],
            ["Previous = Quarter 1 2024/25 (April–June); Current = Quarter 2 2024/25 (July–September)."], [],
            ["Ref", "Indicator", "Good performance is", "Annual Target 2024/25", "Previous", "Current", "Comments"],
            ["KPI01", "Household waste recycled", "Higher", "50%", "48.2%", "51.0%", "Garden waste up"],
            ["KPI02", "Days to process new benefit claims", "Lower", "20 days", "22 days", "19 days", "Backlog cleared"],
            ["KPI03", "Days to process changes of circumstances", "Lower", "8 days", "7.5 days", "9.5 days", "Staff moved"]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    m = perfkit.assess_measures(perfkit.read_measures(path))
    got = {(p, ref): (a, s) for p, ref, a, s in zip(m["period"], m["measure_id"], m["actual"], m["status"].astype(str))}
    q1, q2 = (perfkit.parse_span(q).end for q in ("2024/25 Q1", "2024/25 Q2"))
    assert got == {(q1, "KPI01"): (48.2, "Amber"), (q1, "KPI02"): (22, "Red"), (q1, "KPI03"): (7.5, "Green"),
                   (q2, "KPI01"): (51.0, "Green"), (q2, "KPI02"): (19, "Green"), (q2, "KPI03"): (9.5, "Red")}


def test_a_title_naming_the_previous_quarter_first_still_gives_the_current_one(tmp_path):
    """`Previous = Quarter 1 2024/25 (April to June 2024); Current = Quarter 2 2024/25`: the first quarter named was taken
    as the sheet's, so every figure was published a quarter early, with notes only."""
    rows = [["Hartshire County Council – Corporate Scorecard"], ["Adults"],
            ["Previous = Quarter 1 2024/25 (April to June 2024); Current = Quarter 2 2024/25 (July to September 2024)"],
            ["Ref", "Measure", "Polarity", "Target", "Previous", "Current", "RAG"],
            ["A1", "Reviews completed on time (%)", "Higher", "85%", "82%", "86%", "Green"],
            ["A2", "Delayed transfers of care (days)", "Lower", 300, 320, 340, "Red"]]
    m = perfkit.read_measures(write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Adults", rows)]))
    assert sorted(perfkit.period_label(p) for p in m["period"].unique()) == ["2024/25 Q1", "2024/25 Q2"]
    q2 = m[m["period"] == perfkit.parse_span("2024/25 Q2").end].set_index("measure_id")
    assert q2["actual"].to_dict() == {"A1": 86, "A2": 340}


def test_baseline_and_current_rolling_years_are_the_quarters_they_end(tmp_path):
    """A police and crime plan's `Baseline: 12 months to Sep 2023 | Current: 12 months to Sep 2024`: the baseline was read
    and the current figures were not, so the scorecard was briefed as 2023/24 Q2."""
    rows = [["Police and Crime Plan 2021-25: Performance Scorecard – Quarter 2 2024/25"],
            ["Ref", "Measure", "Baseline: 12 months to Sep 2023", "Current: 12 months to Sep 2024", "Change"],
            ["1a", "All police recorded crime", 61204, 58930, -2274], ["1b", "Residential burglary", 2410, 2120, -290]]
    m = perfkit.read_measures(write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Scorecard", rows)]))
    got = {(perfkit.period_label(p), ref): a for p, ref, a in zip(m["period"], m["measure_id"], m["actual"])}
    assert got == {("2023/24 Q2", "1a"): 61204, ("2023/24 Q2", "1b"): 2410, ("2024/25 Q2", "1a"): 58930, ("2024/25 Q2", "1b"): 2120}


def test_a_yes_or_no_under_target_met_is_read_and_said(tmp_path):
    """An operator's 'Target met?' Y / N: 'N' became Red with no word, though the figure was within the amber tolerance."""
    rows = [["Leisure Trust - Contract KPI Return, Quarter 1 2025/26"],
            ["KPI No.", "Key Performance Indicator", "Quarterly target", "Q1 2025/26", "Target met?"],
            ["L1", "Visits", 312500, 304500, "N"], ["L2", "Swimming lesson enrolments", 2400, 2412, "Y"], ["L3", "Fitness memberships", 5800, 5431, "N"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "return.xlsx", [SheetSpec("KPI Return", rows)]))
    assert kp["reported_status"].astype(str).tolist() == ["Red", "Green", "Red"]
    said = sorted(p.message for p in kp.attrs["problems"] if p.value in ("N", "Y"))
    assert said == ["status 'N' read as Red on the RAG scale (2 cells)", "status 'Y' read as Green on the RAG scale (1 cell)"]


def test_this_years_year_to_date_beside_the_same_period_last_year_is_this_quarters(tmp_path):
    """A revenues and benefits dashboard, `Target 2024/25 (YTD) | YTD 2024/25 | Same period 2023/24 | Status`, titled
    'Year to date: April to September 2024 (Quarter 2 2024/25)': last year's column was taken for the quarter's own, this
    year's set aside as 'the year to date beside the quarters' own columns', and the summary's period was 2023/24 Q2."""
    rows = [["Revenues and Benefits Dashboard"], ["Year to date: April to September 2024 (Quarter 2 2024/25)"], [],
            ["Measure", "Target 2024/25 (YTD)", "YTD 2024/25", "Same period 2023/24"],
            ["Council tax collected (%)", "56.5%", "56.1%", "56.4%"], ["Business rates collected (%)", "58.0%", "59.2%", "57.9%"],
            ["Council tax arrears collected", "£1.5m", "£1.2m", "£1.4m"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "dashboard.xlsx", [SheetSpec("Dashboard", rows)]))
    assert sorted({perfkit.period_label(p) for p in kp["period"]}) == ["2023/24 Q2", "2024/25 Q2"]
    now = kp[kp["period"].map(perfkit.period_label) == "2024/25 Q2"].set_index("name")
    assert now.loc["Business rates collected (%)", "actual"] == 59.2 and now.loc["Business rates collected (%)", "target"] == 58


def test_the_direction_counts_add_up_to_the_measures_with_those_that_have_no_figure(tmp_path):
    """A public health return with an annual measure before its quarter and a suppressed '<5': the summary's direction
    counted 6 of 8 measures, its not_compared 0, with no word of the other two."""
    rows = [["Public health outcomes 2024/25"], ["Ref", "Indicator", "Polarity", "Target", "Q1 2024/25", "Q2 2024/25"],
            ["PH1", "Smoking quitters", "Higher", 100, 90, 104], ["PH2", "Health checks delivered", "Higher", 500, 480, 470],
            ["PH3", "Under-18 conceptions", "Lower", 20, 15, "<5"], ["PH4", "Annual survey: physically active adults (%)", "Higher", 65, 60, None]]
    fig = perfkit.quarter_figures(None, perfkit.read_measures(write_workbook(tmp_path / "ph.xlsx", [SheetSpec("PH", rows)])), "2024/25 Q2")
    direction = fig.to_dict()["measures"]["direction"]
    assert direction["no_figure"] == 2 and sum(direction.values()) == 4
