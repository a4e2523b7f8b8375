"""One table of milestones and measures together, a ``Type`` column saying which each row is.

Quarterly reports often keep a directorate's milestones and KPIs in one table; the ``Type`` column
(``Milestone`` / ``KPI`` / ``Measure`` / ``PI``) splits it, each row read as its kind, and the split is said.
"""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.cli.starter import write_starter

# Rows as the generator knows them: (kind, type word, ref, description, status at Q2, target, Q2 actual).
ROWS = [
    ("Priority 1: Homes for all", [
        ("milestones", "Milestone", "1.1", "Adopt the local plan", "Green", None, None),
        ("measures", "KPI", "1.2", "Homes built", "Amber", 400, 352),
        ("measures", "KPI", "1.3", "Affordable homes delivered", "Green", 120, 131),
        ("milestones", "Milestone", "1.4", "Open the homelessness hub", "Red", None, None),
    ]),
    ("Priority 2: A greener borough", [
        ("milestones", "Milestone", "2.1", "Publish the tree strategy", "Complete", None, None),
        ("measures", "PI", "2.2", "Household waste recycled (%)", "Amber", 50, 46),
        ("milestones", "Milestone", "2.3", "Electric fleet pilot", "Amber", None, None),
        ("measures", "Measure", "2.4", "Fly-tipping incidents", "Green", 900, 850),
    ]),
]


def truth_of(rows, period="2024/25 Q2", periods=("2024/25 Q2",)) -> Truth:
    items = [(p.split(": ", 1)[1], *r) for p, rs in rows for r in rs]
    ms = [i for i in items if i[1] == "milestones"]
    kp = [i for i in items if i[1] == "measures"]
    statuses: dict[str, int] = {}
    for i in ms:
        statuses[i[5]] = statuses.get(i[5], 0) + 1
    return Truth({"milestones": len(ms), "measures": len(kp)}, period, {"milestones": statuses},
                 {"milestones": {"priority": [i[0] for i in ms], "milestone_id": [i[3] for i in ms]},
                  "measures": {"priority": [i[0] for i in kp], "target": [float(i[6]) for i in kp]}},
                 {"milestones": list(periods), "measures": list(periods)})


@layout("mixed with a Type column", "one 'Target / due date' column: a date for milestones, a figure for KPIs")
def build_shared_target_column(folder, rows=ROWS):
    out = [["Quarterly Performance Report - Quarter 2 2024/25 (July to September 2024)"], [],
           ["Ref", "Type", "Description", "Good is", "Target / due date", "Actual", "RAG", "Commentary"]]
    for priority, items in rows:
        out.append([priority])
        for kind, word, ref, text, status, target, actual in items:
            shared = day(2025, 3, 31) if kind == "milestones" else target
            out.append([ref, word, text, None if kind == "milestones" else "High", shared, actual, status, f"Update on {ref}"])
    path = write_workbook(folder / "quarterly_performance_report.xlsx", [SheetSpec("Report", out)])
    return path, truth_of(rows)


@layout("mixed with a Type column", "Type beside the reference, priority sections, one quarter")
def build_type_beside_ref(folder, rows=ROWS):
    out = [["Quarterly performance report: Quarter 2 2024/25"], ["Place directorate"], [],
           ["Ref", "Type", "Description", "Lead officer", "Due date", "Target", "Q2 Actual", "Q2 Status", "Commentary"]]
    for priority, items in rows:
        out.append([priority])
        for kind, word, ref, text, status, target, actual in items:
            due = day(2025, 3, 31) if kind == "milestones" else None
            out.append([ref, word, text, "Head of Service", due, target, actual, status, f"Update on {ref}"])
    out += [[], ["Source: directorate returns"]]
    path = write_workbook(folder / "place_q2_report.xlsx", [SheetSpec("Q2 report", out, merges=["A1:I1"])])
    return path, truth_of(rows)


# Each priority's first row a KPI: the priority, written once, must reach the milestones under it
KPI_FIRST = [(p, sorted(items, key=lambda i: i[0] != "measures")) for p, items in ROWS]


@layout("mixed with a Type column", "the objective written once, in its own column, on each group's first row (a KPI's)")
def build_objective_on_a_kpis_row(folder, rows=KPI_FIRST):
    out = [["Corporate Plan 2023-28: Quarterly Performance Return - Quarter 2 2024/25"],
           ["Well-being Objective", "Ref", "Type", "Description", "Due Date", "Target", "Q2 Actual", "Q2 RAG"]]
    for priority, items in rows:
        for i, (kind, word, ref, text, status, target, actual) in enumerate(items):
            due = day(2025, 3, 31) if kind == "milestones" else None
            out.append([priority.split(": ", 1)[1] if i == 0 else None, ref, word, text, due, target, actual, status])
    path = write_workbook(folder / "corporate_return_q2.xlsx", [SheetSpec("Q2 2024-25", out)])
    return path, truth_of(rows)


@layout("mixed with a Type column", "Measure / PI / Milestones words after the description, two quarters")
def build_type_after_description(folder):
    out = [["Council Plan performance 2024/25"], [],
           ["Ref", "Description", "Type", "Lead officer", "Due date", "Annual target", "Q1 Actual", "Q2 Actual", "Q1 RAG", "Q2 RAG"]]
    words = {"KPI": "Measure", "PI": "PI", "Measure": "Measure", "Milestone": "Milestones"}
    for priority, items in ROWS:
        out.append([priority])
        for kind, word, ref, text, status, target, actual in items:
            q1 = "Green" if status != "Red" else "Amber"
            out.append([ref, text, words[word], "Head of Service", day(2025, 3, 31) if kind == "milestones" else None, target,
                        actual - 5 if actual else None, actual, q1, status])
    path = write_workbook(folder / "council_plan_performance.xlsx", [SheetSpec("Performance", out)])
    return path, truth_of(ROWS, periods=("2024/25 Q1", "2024/25 Q2"))


@layout("mixed with a Type column", "Item type of key milestones and performance indicators, a RAG key under the table")
def build_item_type_with_key(folder):
    out = [["Corporate scorecard"], ["Quarter 2 2024/25"],
           ["Priority", "Item type", "Ref", "Description", "Target", "Actual", "RAG", "Commentary"]]
    words = {"Milestone": "Key milestone", "KPI": "Performance indicator", "PI": "Performance indicator", "Measure": "Performance indicator"}
    for priority, items in ROWS:
        for kind, word, ref, text, status, target, actual in items:
            out.append([priority.split(": ", 1)[1], words[word], ref, text, target, actual, status[0] if status != "Complete" else "B", None])
    out += [[], ["RAG key"], ["B", "Complete"], ["G", "On track / target met"], ["A", "At risk / close to target"], ["R", "Off track / target missed"]]
    path = write_workbook(folder / "corporate_scorecard.xlsx", [SheetSpec("Scorecard", out)])
    truth = truth_of(ROWS)
    truth.columns["milestones"].pop("milestone_id")
    return path, truth


@layout("mixed with a Type column", "'Indicator type' of 'Corporate KPI' and 'Key deliverable', one 'Target / deadline' column")
def build_indicator_type_words(folder, rows=ROWS):
    out = [["Corporate Plan performance - Quarter 2 2024/25"], ["KPIs and key deliverables by Corporate Plan priority"], [],
           ["Ref", "Description", "Indicator type", "Lead officer", "Good is", "Target 2024/25 / deadline", "Q2 2024/25", "Q2 RAG"]]
    words = {"milestones": "Key deliverable", "measures": "Corporate KPI"}
    letters = {"Green": "G", "Amber": "A", "Red": "R", "Complete": "C"}
    for priority, items in rows:
        out.append([priority])
        for kind, word, ref, text, status, target, actual in items:
            shared = day(2025, 3, 31) if kind == "milestones" else f"{target}"
            out.append([ref, text, words[kind], "Head of Service", None if kind == "milestones" else "High", shared,
                        None if actual is None else f"{actual}", letters[status]])
    key = [["Corporate Plan performance report"], [], ["Key to ratings"], ["G", "On or better than target; on track"],
           ["A", "Within 5% of target; minor slippage"], ["R", "More than 5% off target; significantly delayed"], ["C", "Complete"]]
    path = write_workbook(folder / "corporate_plan_q2.xlsx", [SheetSpec("Front sheet", key), SheetSpec("Performance", out)])
    return path, truth_of(rows)


# ---------------------------------------------------------------------------------------------- focused tests


@layout("mixed with a Type column", "no Type column: KPIs with a target and figures, milestones with a due date and RAG only")
def build_mixed_without_type(folder):
    rows = [["Council Plan 2024/25 - Priority 1: A thriving economy - Quarter 2"], [],
            ["Ref", "Milestone / measure", "Lead", "Due date", "Target", "Q1", "Q1 RAG", "Q2", "Q2 RAG", "Commentary"],
            ["1.1", "Adopt the economic strategy", "Head of Economy", day(2024, 9, 30), None, None, "G", None, "C", "Adopted."],
            ["1.2", "Open the enterprise hub", "Head of Economy", day(2024, 7, 31), None, None, "G", None, "R", "Delayed."],
            ["1.3", "Business start-ups supported", "Business Lead", None, 40, 42, "G", 36, "R", ""],
            ["1.4", "Town centre units occupied (%)", "Town Centre Manager", None, 90, 88, "A", 91, "G", ""],
            ["1.5", "Deliver the skills fair", "Skills Lead", day(2025, 3, 31), None, None, "G", None, "A", ""]]
    path = write_workbook(folder / "priority1_q2.xlsx", [SheetSpec("Priority 1", rows)])
    return path, Truth({"milestones": 3, "measures": 2}, "2024/25 Q2", {"milestones": {"Complete": 1, "Red": 1, "Amber": 1}},
                       {"milestones": {"milestone_id": ["1.1", "1.2", "1.5"]}, "measures": {"measure_id": ["1.3", "1.4"],
                                                                                         "actual": [42.0, 88.0]}},
                       {"milestones": ["2024/25 Q1", "2024/25 Q2"], "measures": ["2024/25 Q1", "2024/25 Q2"]})


def test_a_table_with_no_type_column_is_split_by_its_figures_and_dates_and_said(tmp_path):
    path, _ = build_mixed_without_type(tmp_path)
    ms = perfkit.read_milestones(path)
    said = [p.message for p in ms.attrs["problems"] if p.source == "Priority 1"]
    assert any("mixes milestones and measures with no Type column: 3 rows with a due date and no figures (rows 4, 5, 8)" in m for m in said)
    at = ms[ms["period"] == perfkit.parse_span("2024/25 Q2").end]
    assert perfkit.quarter_figures(ms, None, "2024/25 Q2").attention["overdue"].sum() == 1 and len(at) == 3


def test_the_split_is_said_for_each_kind_in_the_inventory(tmp_path):
    path, truth = build_type_beside_ref(tmp_path)
    frames = perfkit.read_workbook(path)
    entries = [e for e in frames["milestones"].attrs["inventory"] if e.sheet == "Q2 report"]
    assert [(e.kind, e.items) for e in entries] == [("milestones", 4), ("measures", 4)]
    assert entries[0].note == "column 'Type' (B) splits the table: 4 rows typed 'Milestone' read as milestones, the other 4 as measures"
    assert entries[1].note == "column 'Type' (B) splits the table: 4 rows typed 'KPI' or 'Measure' or 'PI' read as measures, the other 4 as milestones"
    said = [p.message for p in frames["measures"].attrs["problems"]]
    assert not any("'Due date'" in m for m in said)  # the milestones' columns are not 'not used' in the measures' read


def test_each_reader_alone_reads_only_its_own_rows(tmp_path):
    path, truth = build_type_beside_ref(tmp_path)
    assert perfkit.read_measures(path)["measure_id"].tolist() == ["1.2", "1.3", "2.2", "2.4"]
    assert perfkit.read_milestones(path)["milestone_id"].tolist() == truth.columns["milestones"]["milestone_id"]


def test_a_type_perfkit_does_not_know_leaves_the_row_unread_with_a_warning_naming_the_cell(tmp_path):
    rows = [(ROWS[0][0], ROWS[0][1] + [("milestones", "Project board", "1.5", "Review governance", "Green", None, None)])]
    path, _ = build_type_beside_ref(tmp_path, rows)
    frames = perfkit.read_workbook(path)
    assert "1.5" not in frames["milestones"]["milestone_id"].tolist() and "1.5" not in frames["measures"]["measure_id"].tolist()
    warned = [p for p in frames["milestones"].attrs["problems"] if "Project board" in p.message]
    assert [(p.source, p.severity) for p in warned] == [("Q2 report!B10", "warning")]
    assert "is neither a milestone nor a measure: row not read; type Milestone or KPI" in warned[0].message


def test_a_row_with_no_type_is_read_by_its_figures_and_said(tmp_path):
    rows = [(ROWS[0][0], ROWS[0][1] + [("measures", None, "1.5", "Empty homes brought back into use", "Green", 60, 64),
                                        ("milestones", None, "1.6", "Adopt the housing strategy", "Amber", None, None)])]
    path, _ = build_type_beside_ref(tmp_path, rows)
    frames = perfkit.read_workbook(path)
    assert "1.5" in frames["measures"]["measure_id"].tolist() and "1.6" in frames["milestones"]["milestone_id"].tolist()
    said = {p.source: p.message for p in [*frames["milestones"].attrs["problems"], *frames["measures"].attrs["problems"]] if "no type given" in p.message}
    assert said == {"Q2 report!B10": "no type given: read as a measure because it has a target or actual (rows 10); type KPI in the cell to say so",
                    "Q2 report!B11": "no type given: read as a milestone because it has no target or actual (rows 11); type Milestone in the cell to say so"}


def test_a_type_column_naming_measures_without_their_columns_is_a_warning(tmp_path):
    out = [["Quarter 2 2024/25 report"], ["Ref", "Type", "Description", "Lead", "Q2 Status"],
           ["1", "Milestone", "Adopt the plan", "A Khan", "Green"], ["2", "KPI", "Homes built", "B Jones", "Amber"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Report", out)])
    frames = perfkit.read_workbook(path)
    assert list(frames) == ["milestones"]
    warned = [p for p in frames["milestones"].attrs["problems"] if "names measures too" in p.message]
    assert [p.source for p in warned] == ["Report!B2"] and 'perfkit.toml' in warned[0].message


def test_bare_quarter_columns_beside_quarter_status_columns_are_the_kpis_figures_not_a_second_status(tmp_path):
    out = [["Place Directorate - Quarterly Performance Return 2024/25"], [],
           ["Ref", "Type", "Description", "Target", "Q1", "Q1 Status", "Q2", "Q2 Status", "Due date"],
           ["PL1", "Milestone", "Adopt Local Plan", None, None, "Amber", None, "Amber", day(2025, 3, 31)],
           ["PL2", "KPI", "Streets meeting cleanliness standard (%)", 95, 96, "Green", 93, "Amber", None],
           ["PL3", "Milestone", "Award leisure contract", None, None, "Green", None, "Red", day(2024, 8, 31)],
           ["PL4", "KPI", "Household waste recycled (%)", 50, 47, "Amber", 44, "Red", None]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Q2 Return", out)])
    report = perfkit.validate(path)
    assert not report.errors  # once: 'Q1' and 'Q1 Status' both the status for Q1, refused
    frames = perfkit.read_workbook(path)
    ms, kp = frames["milestones"], frames["measures"]
    assert ms.groupby("period")["status"].apply(list).astype(str).tolist() == ["['Amber', 'Green']", "['Amber', 'Red']"]
    assert kp[kp.period == kp.period.max()]["actual"].tolist() == [93, 44]
    said = [p for p in ms.attrs["problems"] if p.source in ("Q2 Return!E3", "Q2 Return!G3")]
    assert [p.severity for p in said] == ["info", "info"] and "empty on these rows, and 'Q1 Status' holds the status" in said[0].message


def test_a_bare_quarter_column_holding_something_beside_its_status_column_is_left_with_a_warning(tmp_path):
    out = [["Delivery plan 2024/25"], ["Ref", "Milestone", "Q2", "Q2 Status"],
           ["1", "Adopt the plan", "Draft out", "Green"], ["2", "Open the hub", "Builder appointed", "Amber"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Plan", out)])
    ms = perfkit.read_milestones(path)
    assert ms["status"].astype(str).tolist() == ["Green", "Amber"]
    (said,) = [p for p in ms.attrs["problems"] if p.source == "Plan!C2"]
    assert said.severity == "warning" and '"Q2" = "commentary@2024/25 Q2"' in said.message


@pytest.mark.parametrize("header", ["Type", "Item type", "Record type", "Milestone or KPI", "KPI / Milestone", "Indicator type",
                                    "Measure type"])
def test_type_headers(tmp_path, header):
    out = [["Quarter 2 2024/25 report"], ["Ref", header, "Description", "Target", "Q2 Actual", "Q2 Status"],
           ["1", "Milestone", "Adopt the plan", None, None, "Green"], ["2", "KPI", "Homes built", 100, 90, "Amber"],
           ["3", "Milestones", "Open the hub", None, None, "Red"], ["4", "PIs", "Waste recycled", 50, 52, "Green"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Report", out)])
    frames = perfkit.read_workbook(path)
    assert frames["milestones"]["milestone_id"].tolist() == ["1", "3"] and frames["measures"]["measure_id"].tolist() == ["2", "4"]


@pytest.mark.parametrize("words", [("Step", "PI"), ("Step", "PAM"), ("Key action", "PI"), ("CRMP action", "KPI")])
def test_a_welsh_self_assessments_steps_and_pis_split_the_table(tmp_path, words):
    """'Type' holding 'Step' and 'PI': read as a grouping, so every step became a measure with no data and the brief had
    no milestones and no overdue list."""
    step, pi = words
    out = [["Well-being objectives self-assessment, Q2 2024/25"], ["Ref", "Type", "Description", "Due date", "Target", "Q2 Actual", "Q2 Status", "Commentary"],
           ["1.1", step, "Open the two new childcare settings", dt.date(2024, 9, 1), None, None, "Completed", "Both opened"],
           ["1.2", pi, "Pupils attending school (%)", None, 94, 92.7, "Within 5% of target", ""],
           ["1.3", step, "Agree the youth strategy", dt.date(2024, 7, 31), None, None, "Major slippage", ""],
           ["1.4", pi, "Attendance at primary school (%)", None, 95, None, "", "Q2 figure not collected (termly data)"]]
    path = write_workbook(tmp_path / "t.xlsx", [SheetSpec("Q2 Self-Assessment", out)])
    frames = perfkit.read_workbook(path)
    assert frames["milestones"]["milestone_id"].tolist() == ["1.1", "1.3"] and frames["measures"]["measure_id"].tolist() == ["1.2", "1.4"]
    said = [p for p in frames["measures"].attrs["problems"] if p.source == "Q2 Self-Assessment!F6"]
    assert [p.severity for p in said] == ["info"] and "termly data" in said[0].message  # the row says why there is no figure


def test_a_key_under_a_typed_table_is_neither_kind_and_no_type_is_asked_of_it(tmp_path):
    path, truth = build_item_type_with_key(tmp_path)
    frames = perfkit.read_workbook(path)
    problems = [*frames["milestones"].attrs["problems"], *frames["measures"].attrs["problems"]]
    assert not any("neither a milestone nor a measure" in p.message or "no type given" in p.message for p in problems)
    assert sum(p.message.startswith("status key:") for p in problems) == 2  # said once in each kind's read
    assert frames["measures"]["reported_status"].astype(str).tolist() == ["Amber", "Green", "Amber", "Green"]


def test_perfkit_init_writes_a_split_sheet_once_and_validate_accepts_it(tmp_path):
    path, truth = build_type_beside_ref(tmp_path)
    written = write_starter(path)
    config = tomllib.loads(written.read_text(encoding="utf-8"))  # one [sheets."Q2 report"] table, not one per kind
    assert config["sheets"]["Q2 report"] == {"header_row": 4}
    report = perfkit.validate(path)
    assert not report.errors
    assert [(e.kind, e.items) for e in report.inventory] == [("milestones", 4), ("measures", 4)]


def test_a_section_holding_one_milestone_among_kpis_is_a_plain_heading_in_a_split_table(tmp_path):
    """'Tenancy and income' over two KPIs and one milestone: read for the milestones alone it headed one row between
    sections of several, and was warned as perhaps a milestone with only a title, which blocked the brief."""
    out = [["Housing Services Scorecard - Quarter 2 2024/25"], [],
           ["Ref", "Type", "Description", "Target", "Deadline", "Q2 actual", "Q2 status"],
           ["Repairs"],
           ["RP01", "KPI", "Repairs on time (%)", 90, None, 84.3, "Red"],
           ["RP03", "Milestone", "Mobilise the repairs contract", None, dt.date(2024, 10, 1), None, "Green"],
           ["RP04", "Milestone", "Online repairs booking", None, dt.date(2024, 11, 30), None, "Amber"],
           ["Tenancy and income"],
           ["TI01", "KPI", "Rent collected (%)", 98.5, None, 98.9, "Green"],
           ["TI02", "KPI", "Days to re-let", 30, None, 38, "Red"],
           ["TI03", "Milestone", "Publish the tenant survey results", None, dt.date(2024, 6, 30), None, "Complete"],
           ["Tenant voice"],
           ["TV01", "KPI", "Complaints answered in time (%)", 95, None, 93, "Amber"],
           ["TV02", "Milestone", "Recruit a tenant panel", None, dt.date(2024, 7, 31), None, "Red"],
           ["TV03", "Milestone", "Self-assess against the Code", None, dt.date(2024, 12, 31), None, "Green"]]
    frames = perfkit.read_workbook(write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Q2 Report", out)]))
    assert frames["milestones"]["priority"].tolist()[2] == "Tenancy and income"
    assert not [p.message for k in frames for p in frames[k].attrs["problems"] if p.severity == "warning"]


def test_a_bare_quarter_column_of_the_kpis_figures_is_no_status_for_the_actions_beside_their_status_column(tmp_path):
    """'Target | Q2 2024/25 | Status' with Action and Performance indicator rows: the actions' status was read from the
    empty 'Q2 2024/25' (the KPIs' figures), so every action had no status and completed ones were listed overdue."""
    out = [["Strategic Plan delivery, Quarter 2 2024/25"], [],
           ["Ref", "Type", "Description", "Due date", "Good is", "Target", "Q2 2024/25", "Status"],
           ["A01", "Action", "Community link workers", dt.date(2024, 6, 30), None, None, None, "Completed"],
           ["A02", "Action", "Falls pathway", dt.date(2024, 9, 30), None, None, None, "Some slippage"],
           ["PI01", "Performance indicator", "Adults at home (%)", None, "High", 96, 96.3, "OK"],
           ["PI02", "Performance indicator", "Delayed discharges", None, "Low", 20, 24, "Alert"]]
    frames = perfkit.read_workbook(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Delivery Plan Q2", out)]))
    assert frames["milestones"]["status"].astype(str).tolist() == ["Complete", "Amber"]
    assert frames["measures"]["actual"].tolist() == [96.3, 24.0]


def test_perfkit_toml_takes_a_line_for_one_kind_as_map_does(tmp_path):
    """'measures:Target / due date' = 'ignore' in perfkit.toml, the form --map takes: it was refused as a header no sheet
    has, so the one column two kinds share could be set aside for one kind only on the command line."""
    path, _ = build_shared_target_column(tmp_path)
    (tmp_path / "perfkit.toml").write_text('[sheets."Report".columns]\n"measures:Target / due date" = "ignore"\n'
                                           '"milestones:Good is" = "ignore"\n')
    report = perfkit.validate(path)
    assert not [p.message for p in report if p.severity != "info"]
    frames = perfkit.read_workbook(path)
    assert frames["measures"]["target"].isna().all()  # set aside for the measures only
    assert frames["milestones"]["due_date"].notna().all()
    assert frames["measures"]["polarity"].astype(str).eq("higher").all()


def test_the_kpis_quarter_figures_beside_status_columns_are_not_the_milestones_quarters_twice(tmp_path):
    """'Target | Q1 | Q2 | Status Q1 | Status Q2' over milestones and KPIs: read for the milestones, 'Q1', 'Q2' (their
    statuses by default, and empty on every milestone's row) and 'Status Q1', 'Status Q2' were the same quarters twice,
    warned as last year's and this, which held the brief."""
    rows = [["Council Plan - Quarter 2 2024/25 performance"], [],
            ["Ref", "Type", "Milestone / Indicator", "Deadline", "Target", "Q1", "Q2", "Status Q1", "Status Q2"],
            ["M01", "Milestone", "Complete the public realm works", day(2024, 8, 31), None, None, None, "On track", "Complete"],
            ["K01", "KPI", "Town centre footfall (thousands)", None, 420, 431, 405, "On target", "Slightly below target"],
            ["M02", "Milestone", "Adopt the masterplan", day(2025, 3, 31), None, None, None, "On track", "Minor slippage"],
            ["K02", "KPI", "Planning applications in time (%)", None, 0.9, 1, 0.923, "On target", "On target"],
            ["K03", "KPI", "Residual waste per household", None, "420 kg", "101 kg", "108 kg", "On target", "On target"]]
    path = write_workbook(tmp_path / "qpr_q2_2024-25.xlsx", [SheetSpec("Performance", rows)])
    report = perfkit.validate(path)
    assert not report.warnings, [p.message for p in report.warnings]
    frames = perfkit.read_workbook(path)
    ms = frames["milestones"]
    q2 = ms[ms["period"].map(perfkit.period_label) == "2024/25 Q2"]
    assert q2["status"].astype(str).tolist() == ["Complete", "Amber"]
    assert sorted(set(ms["period"].map(perfkit.period_label))) == ["2024/25 Q1", "2024/25 Q2"]
    kp = frames["measures"]
    # (the fractions of a measure named in percent are its percentages: 0.923 is 92.3%)
    assert kp[kp["period"].map(perfkit.period_label) == "2024/25 Q2"]["actual"].round(6).tolist() == [405, 92.3, 108]
    # perfkit init asks nothing of the KPIs' figures as if they were milestones' status words ("101 kg" = "")
    written = tomllib.loads(write_starter(path).read_text())
    assert not written["status"].get("words")


def test_a_type_column_headed_in_two_languages_splits_the_table_and_target_or_date_serves_both_kinds(tmp_path):
    """'Math / Type' over Milestone / PI on a Welsh council's monitoring report was kept as a grouping, so the whole table
    was read as measures (milestones with no figure 'No data', none overdue); its 'Target or Date' column was then the
    milestones' period and no measure's target."""
    rows = [["Adroddiad Monitro Ch2 2024/25 / Q2 2024/25 Monitoring Report"], [],
            ["Cyf / Ref", "Math / Type", "Disgrifiad / Description", "Targed neu Ddyddiad / Target or Date", "Gwirioneddol Ch2 / Q2 Actual",
             "Statws Ch2 / Q2 Status"],
            ["1.1", "Milestone", "Open the new Welsh-medium school", day(2024, 9, 2), None, "Complete"],
            ["1.2", "Milestone", "Convert statements to development plans", day(2024, 8, 31), None, "Off track"],
            ["1.3", "PI", "Primary school attendance (%)", "94.0%", "93.1%", "Within 5%"],
            ["2.5", "PI", "Households prevented from becoming homeless", 120, 131, "On target"]]
    frames = perfkit.read_workbook(write_workbook(tmp_path / "monitro.xlsx", [SheetSpec("Monitro - Monitoring", rows)]))
    ms, kp = frames["milestones"], frames["measures"]
    assert ms["milestone_id"].tolist() == ["1.1", "1.2"] and ms["due_date"].notna().all()
    assert kp.set_index("measure_id")["target"].to_dict() == {"1.3": 94.0, "2.5": 120}
    from perfkit.analyse import attention
    assert ms.loc[attention.overdue(ms, "2024/25 Q2"), "milestone_id"].tolist() == ["1.2"]


def test_the_kpis_quarter_figures_beside_one_status_column_are_never_the_milestones_statuses(tmp_path):
    """'Math / Type | ... | Ch1 / Q1 | Ch2 / Q2 | Statws / Status' (a Welsh council's report): split by its Type column,
    the milestones read the bare quarters (the KPIs' figures, empty on every milestone's row) as their statuses: every
    milestone 'no status given' (14 warnings), none rated."""
    rows = [["Adroddiad Monitro Perfformiad Chwarter 2 2024/25 / Quarter 2 2024/25 Performance Monitoring Report"], [],
            ["Cyf / Ref", "Math / Type", "Disgrifiad / Description", "Swyddog arweiniol / Lead officer", "Dyddiad targed / Target date",
             "Targed / Target", "Ch1 / Q1", "Ch2 / Q2", "Statws / Status", "Sylwadau / Comments"],
            ["Amcan Llesiant 1 / Well-being Objective 1: A strong local economy"],
            ["M1.1", "Milestone", "Adopt the local development plan", "Head of Planning", day(2025, 3, 31), None, None, None,
             "Ar y trywydd / On track", "Hearings concluded."],
            ["M1.2", "Milestone", "Open the enterprise hub", "Head of Regeneration", day(2024, 9, 30), None, None, None,
             "Oedi sylweddol / Significant delay", "Contractor delay."],
            ["PI1.1", "PI", "Major planning applications in time (%)", "Head of Planning", None, 0.75, 0.81, 0.725, "Ambr / Amber", None],
            ["PI1.2", "PI", "Business start-ups supported", "Head of Regeneration", None, 40, 22, 45, "Gwyrdd / Green", None]]
    path = write_workbook(tmp_path / "adroddiad.xlsx", [SheetSpec("Ch2 Q2", rows)])
    report = perfkit.validate(path)
    assert not report.warnings, [p.message for p in report.warnings]
    frames = perfkit.read_workbook(path)
    assert frames["milestones"]["status"].astype(str).tolist() == ["Green", "Red"]
    kp = frames["measures"]
    assert kp[kp["period"].map(perfkit.period_label) == "2024/25 Q2"]["actual"].tolist() == [72.5, 45]  # 0.725 of a (%) measure


def test_the_kpis_quarter_figures_headed_in_two_languages_beside_the_statuses_are_not_the_quarters_twice(tmp_path):
    """'Ch1 / Q1 | Ch2 / Q2 | Statws Ch1 / Q1 Status | Statws Ch2 / Q2 Status' over milestones and KPIs: the same quarters
    twice for the milestones, warned as last year's and this."""
    rows = [["Adroddiad Perfformiad Chwarter 2 2024-25 / Quarter 2 2024-25 Performance Report"], [],
            ["Cyf / Ref", "Math / Type", "Disgrifiad / Description", "Swyddog Arweiniol / Lead Officer", "Dyddiad Targed / Target Date",
             "Targed / Target", "Ch1 / Q1", "Ch2 / Q2", "Statws Ch1 / Q1 Status", "Statws Ch2 / Q2 Status"],
            ["1.1", "Carreg filltir / Milestone", "Open the extra care scheme", "Head of Adults", day(2024, 9, 30), None, None, None,
             "Ar y trywydd / On track", "Peth llithriad / Some slippage"],
            ["1.2", "DPA / KPI", "Reablement: no care package after six months (%)", "Head of Adults", None, 70, 72.5, 68,
             "Ar darged / On target", "O fewn 5% / Within 5%"],
            ["1.3", "Carreg filltir / Milestone", "Adopt the carers strategy", "Head of Adults", day(2025, 3, 31), None, None, None,
             "Ar y trywydd / On track", "Ar y trywydd / On track"]]
    path = write_workbook(tmp_path / "adroddiad_ch2.xlsx", [SheetSpec("Ch2 2024-25", rows)])
    report = perfkit.validate(path)
    assert not report.warnings, [p.message for p in report.warnings]
    ms = perfkit.read_workbook(path)["milestones"]
    assert sorted(set(ms["period"].map(perfkit.period_label))) == ["2024/25 Q1", "2024/25 Q2"]


def test_a_position_column_is_the_kpis_figure_and_the_milestones_words_and_the_commentary_is_kept(tmp_path):
    """An OPCC report's 'Q3 position' held progress in words on milestone rows and the figure on KPI rows: both kinds read it
    as commentary, the KPIs had no actual, and the 'Commentary' column said to be read appeared nowhere."""
    rows = [["Police and Crime Plan – Quarter 3 2024/25 delivery and performance report"], [],
            ["Priority", "Ref", "Type", "Description", "Lead", "Deadline / target", "Q3 position", "Q2 RAG", "Q3 RAG", "Commentary"],
            ["1. Keeping people safe", "1.1", "Milestone", "Launch the rural crime strategy", "Head of Partnerships", day(2024, 6, 30),
             "Launched 18 June 2024", "Complete", "Complete", "Delivered."],
            [None, "1.2", "Milestone", "Commission a perpetrator programme", "Commissioning Manager", day(2024, 11, 30),
             "Tender evaluation under way", "Green", "Amber", "Only two bids received."],
            [None, "1.4", "KPI", "999 calls answered within 10 seconds (%)", "Head of Contact", "≥ 90%", 0.863, "Amber", "Amber",
             "December demand 14% above forecast."],
            [None, "1.5", "KPI", "Average attendance time to urban emergencies", "ACC Local Policing", "≤ 15 mins", "13.2 mins",
             "Green", "Green", "Within target."]]
    path = write_workbook(tmp_path / "opcc.xlsx", [SheetSpec("Q3 report", rows, number_formats={"G6:G6": "0.0%"})])
    kp = perfkit.read_measures(path)
    q3 = kp[kp.period == kp.period.max()].set_index("measure_id")
    assert q3["actual"].round(1).to_dict() == {"1.4": 86.3, "1.5": 13.2} and q3["target"].to_dict() == {"1.4": 90, "1.5": 15}
    assert q3.loc["1.4", "commentary"] == "December demand 14% above forecast."
    ms = perfkit.read_milestones(path)
    m3 = ms[ms.period == ms.period.max()].set_index("milestone_id")
    assert m3.loc["1.2", "commentary"] == "Tender evaluation under way. Only two bids received."


def test_a_welsh_type_header_over_its_english_in_one_cell_splits_the_table(tmp_path):
    """`Math` over `Type` in one cell (read as 'Math Type'), one column for a milestone's deadline or a KPI's target: kept
    as a grouping, so the milestones' dates were 'not a number' and the workbook was refused."""
    rows = [["Amcan Llesiant 2 / Well-being Objective 2"], ["Adroddiad Chwarter 2 2024/25 / Quarter 2 2024/25 report"], [],
            ["Cyf\nRef", "Math\nType", "Disgrifiad\nDescription", "Arweinydd\nLead", "Targed neu ddyddiad cau\nTarget or deadline",
             "Canlyniad Ch2\nQ2 Actual", "Statws Ch1\nQ1 Status", "Statws Ch2\nQ2 Status"],
            ["2.1", "Carreg filltir / Milestone", "Open the new school building", "Head of Education", "Medi 2024 / Sept 2024", None,
             "Gwyrdd / Green", "Cwblhawyd / Complete"],
            ["2.2", "DPA / KPI", "% attendance of primary pupils", "Head of Education", "94%", "93.2%", "Ambr / Amber", "Ambr / Amber"],
            ["2.3", "Carreg filltir / Milestone", "Implement year 3 of the Welsh in Education plan", "Head of Education",
             day(2025, 3, 31), None, "Gwyrdd / Green", "Gwyrdd / Green"],
            ["2.4", "DPA / KPI", "Adults attending Welsh-language classes", "Welsh Language Officer", 350, 412, "Gwyrdd / Green", "Gwyrdd / Green"]]
    frames = perfkit.read_workbook(write_workbook(tmp_path / "al2.xlsx", [SheetSpec("AL2 - WBO2", rows)]))
    assert sorted(frames["milestones"]["milestone_id"].unique()) == ["2.1", "2.3"]
    assert sorted(frames["measures"]["measure_id"].unique()) == ["2.2", "2.4"]


def _plan_report(category_words):
    """A fire authority's plan report: 'Category' over each row's kind, deadlines original and revised, statuses from a
    drop-down on a hidden 'Lists' sheet in order (Achieved, On course, Slight slippage, Significant slippage, N/A)."""
    rows = [["Community Risk Management Plan: Quarter 2 2024/25"],
            ["Ref", "Category", "Commitment / indicator", "Original deadline", "Revised deadline", "Target", "Q2 actual", "Owner",
             "Q2 status"]]
    items = [("CR1", 0, "Open the new training centre", day(2024, 6, 30), day(2024, 10, 31), None, None, "Slight slippage"),
             ("CR2", 0, "Publish the prevention strategy", day(2024, 6, 30), None, None, None, "Achieved"),
             ("CR3", 0, "Replace the fleet's tyres", day(2024, 7, 31), None, None, None, "Significant slippage"),
             ("CR4", 0, "Review on-call contracts", day(2025, 3, 31), None, None, None, "On course"),
             ("K1", 1, "Home fire safety visits", None, None, 2400, 2610, "On course"),
             ("K2", 1, "Safe and well checks", None, None, 450, 380, "Significant slippage"),
             ("K3", 1, "Average first appliance attendance (mins)", None, None, 8.0, 8.4, "Slight slippage")]
    rows += [[ref, category_words[k], title, orig, rev, target, actual, "Area manager", status]
             for ref, k, title, orig, rev, target, actual, status in items]
    return [SheetSpec("Q2 Report", rows, dropdowns={"I3:I9": "Lists!$A$1:$A$5"}),
            SheetSpec("Lists", [["Achieved"], ["On course"], ["Slight slippage"], ["Significant slippage"], ["N/A"]], hidden=True)]


@pytest.mark.parametrize("words", [("Milestone", "KPI"), ("Commitment", "Performance indicator")])
def test_a_category_column_naming_milestones_and_kpis_splits_the_table(tmp_path, words):
    """All its rows were read as measures ('Category' is no Type header): no due dates, no overdue list, and 'Slight
    slippage' unplaced, since on a measure's scale 'Achieved' and 'On course' read alike and the list's order was dropped."""
    path = write_workbook(tmp_path / "crmp.xlsx", _plan_report(words))
    frames = perfkit.read_workbook(path)
    assert set(frames) == {"milestones", "measures"}
    ms, kp = frames["milestones"].set_index("milestone_id"), frames["measures"].set_index("measure_id")
    assert list(ms.index) == ["CR1", "CR2", "CR3", "CR4"] and list(kp.index) == ["K1", "K2", "K3"]
    assert ms["status"].astype(str).to_dict() == {"CR1": "Amber", "CR2": "Complete", "CR3": "Red", "CR4": "Green"}
    assert kp["reported_status"].astype(str).to_dict() == {"K1": "Green", "K2": "Red", "K3": "Amber"}
    assert not [p for f in frames.values() for p in f.attrs["problems"] if p.severity != "info"]


def test_a_category_column_of_other_things_leaves_the_table_whole(tmp_path):
    rows = [["KPIs Quarter 2 2024/25"], ["Ref", "Category", "Measure", "Target", "Q2 actual"],
            ["K1", "Housing", "Homes built", 100, 120], ["K2", "Environment", "Recycling rate (%)", 50, 48],
            ["K3", "Housing", "Empty homes brought back", 20, 25]]
    frames = perfkit.read_workbook(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)]))
    assert set(frames) == {"measures"} and frames["measures"]["measure_id"].nunique() == 3


def test_a_key_row_under_a_typed_table_is_neither_kind_and_its_achieved_is_done(tmp_path):
    """'Key: | Achieved = Green | On course = Amber | Off course = Red' under a table split by its Type column: the key's
    row was asked to be typed ('no type given ... type Milestone in the cell'), a warning that held the brief, and the
    milestone marked Achieved was read Green, so overdue: a RAG key's green for a word that says done keeps it done."""
    rows = [["Corporate Plan Quarterly Monitoring - Q2 2025/26"], [],
            ["Ref", "Type", "Description", "Lead", "Due / Target", "Q2 Actual", "Q2 Status"],
            ["CP01", "Milestone", "Open the recycling centre", "Waste", day(2025, 9, 1), None, "Off course"],
            ["CP02", "Milestone", "Adopt the economic strategy", "Economy", day(2025, 7, 31), None, "Achieved"],
            ["CP03", "Milestone", "Commence the leisure centre build", "Leisure", day(2026, 1, 31), None, "On course"],
            ["CP07", "KPI", "Major planning applications in time (%)", "Planning", "60%", "71%", "Achieved"],
            ["CP08", "KPI", "Council tax collected (%)", "Revenues", "56%", "55.2%", "Off course"], [],
            ["Key:", "Achieved = Green", "On course = Amber", "Off course = Red"]]
    frames = perfkit.read_workbook(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Q2 Report", rows)]))
    ms = frames["milestones"].set_index("milestone_id")
    assert ms["status"].astype(str).to_dict() == {"CP01": "Red", "CP02": "Complete", "CP03": "Amber"}
    assert frames["measures"].set_index("measure_id")["reported_status"].astype(str).to_dict() == {"CP07": "Green", "CP08": "Red"}
    assert not [p for f in frames.values() for p in f.attrs["problems"] if p.severity == "warning"]
