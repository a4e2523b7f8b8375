"""Statuses as officers type them: a status and its explanation in one cell, a fill that says otherwise,
words perfkit does not know, and due dates that are placeholders (``Ongoing``, ``TBC``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit
from perfkit.analyse import attention
from perfkit.core.errors import ValidationError
from perfkit.core.periods import parse_period
from perfkit.core.status import DEFAULT_SCALE, FIVE_POINT_SCALE

ROOT = Path(__file__).resolve().parents[2]

# (ref, milestone, due, status as typed, the status it means, the explanation it gives, commentary)
WORDY = [
    ("ER1", "Submit the Levelling Up bid", day(2024, 7, 31), "Completed June 2024", "Complete", "June 2024", "Submitted early"),
    ("ER2", "Refresh the Economic Strategy", day(2025, 3, 31), "Green - on track", "Green", "on track", ""),
    ("ER3", "Open the enterprise hub", day(2024, 9, 1), "Amber – minor delay", "Amber", "minor delay", "Fit-out snagging"),
    ("ER4", "Deliver the shop front grants", day(2025, 3, 31), "Red: budget pressures", "Red", "budget pressures", "Grant pot cut"),
    ("ER5", "Launch the inward investment website", day(2025, 1, 31), "Not started (due Q4)", "Not started", "due Q4", ""),
    ("ER6", "Complete the market hall feasibility study", day(2024, 12, 31), "G", "Green", "", "Consultants appointed"),
    ("ER7", "Agree the town deal projects", day(2025, 3, 31), "Amber (slippage)", "Amber", "slippage", ""),
]
CONTRADICTED = "E10"  # ER6: G typed in a red-filled cell


@layout("status wording", "statuses typed with an explanation, a letter its fill contradicts")
def build_wordy(folder):
    rows = [["Economy and Regeneration - Delivery Plan Update Q2 2024/25"], [],
            ["Action ref", "Key milestones", "Resp. officer", "Deadline", "Q2 RAG", "Q2 update"], ["Priority 1: Growth"]]
    for ref, title, due, typed, _, _, comment in WORDY:
        rows.append([ref, title, "Economy Manager", due, typed, comment or None])
    rows += [[], ["Source: directorate returns"]]
    path = write_workbook(folder / "economy_delivery_plan.xlsx", [SheetSpec("Economy Q2", rows, fills={CONTRADICTED: "Red"}, merges=["A1:F1"])])
    statuses: dict[str, int] = {}
    for w in WORDY:
        statuses[w[4]] = statuses.get(w[4], 0) + 1
    return path, Truth({"milestones": len(WORDY)}, "2024/25 Q2", {"milestones": statuses},
                       {"milestones": {"milestone_id": [w[0] for w in WORDY]}})


# (no, action, timescale as typed, its due date or None, status as typed, the status it means)
SERVICE_PLAN = [
    (1, "Consult on the housing allocations policy", "Dec 2024", day(2024, 12, 31), "Green", "Green"),
    (2, "Move the repairs service to the new system", "March 2025", day(2025, 3, 31), "Amber/Green", "Amber"),
    (3, "Deliver the disabled facilities grants", "Ongoing", None, "Green", "Green"),
    (4, "Review the tenancy strategy", "June 2024", day(2024, 6, 30), "Red", "Red"),
    (5, "Survey tenants' satisfaction", "Q1 2024/25", day(2024, 6, 30), "Complete", "Complete"),
    (6, "Build the new extra care scheme", "September 2024", day(2024, 9, 30), "On hold", "On hold"),
    (7, "Prepare for the Renters' Reform Bill", "TBC", None, "N/A", "Not applicable"),
    (8, "Procure the floating support contract", "Annual", None, "Green/Amber", "Amber"),
    (9, "Adopt the homelessness strategy", "2025/26", day(2026, 3, 31), "Not due", "Not due"),
]


@layout("status wording", "service plan: timescales as text, two-colour and unrated statuses")
def build_service_plan(folder):
    rows = [["Housing Services - Service Plan 2024-25"], ["Quarter 2 monitoring (July to September 2024)"], [],
            ["No.", "Key actions / milestones", "Officer responsible", "Timescale", "RAG", "Progress / comments"]]
    for no, action, when, _, typed, _ in SERVICE_PLAN:
        rows.append([no, action, "Housing Manager", when, typed, "Update"])
    rows += [[], ["RAG: Green on track, Amber some slippage, Red off track"]]
    path = write_workbook(folder / "housing_service_plan.xlsx", [SheetSpec("Service Plan 2024-25", rows)])
    statuses: dict[str, int] = {}
    for *_, means in SERVICE_PLAN:
        statuses[means] = statuses.get(means, 0) + 1
    due = [pd.Timestamp(d) if d is not None else pd.NaT for *_, d, _, _ in SERVICE_PLAN]
    return path, Truth({"milestones": len(SERVICE_PLAN)}, "2024/25 Q2", {"milestones": statuses}, {"milestones": {"due_date": due}})


def _problems(frame, severity=None):
    return [p for p in frame.attrs["problems"] if severity is None or p.severity == severity]


def test_a_status_and_its_explanation_is_that_status_with_the_rest_as_commentary(tmp_path):
    path, truth = build_wordy(tmp_path)
    frame = perfkit.read_milestones(path)
    by_id = frame.set_index("milestone_id")
    for ref, _, _, typed, means, rest, comment in WORDY:
        assert by_id.loc[ref, "status"] == means, ref
        assert rest in by_id.loc[ref, "commentary"] and comment in by_id.loc[ref, "commentary"], ref
    notes = [p for p in _problems(frame, "info") if "start" in p.message and "explain" in p.message]
    assert len(notes) == 1 and notes[0].source.startswith("Economy Q2!E")  # one note for the column, naming its cells


def test_a_word_its_fill_contradicts_is_a_warning_naming_the_cell(tmp_path):
    path, _ = build_wordy(tmp_path)
    frame = perfkit.read_milestones(path)
    warnings = _problems(frame, "warning")
    assert [p.source for p in warnings] == [f"Economy Q2!{CONTRADICTED}"]
    assert "Red" in warnings[0].message and "'G'" in warnings[0].message


def test_no_contradiction_is_sought_where_the_workbook_has_no_status_fills(tmp_path):
    rows = [["Ref", "Milestone", "Due date", "Q2 2024/25 Status"], ["M1", "One", day(2025, 3, 31), "G"], ["M2", "Two", day(2025, 3, 31), "Red"]]
    path = write_workbook(tmp_path / "plain.xlsx", [SheetSpec("Milestones", rows)])
    frame = perfkit.read_milestones(path)
    assert not _problems(frame, "warning")
    # openpyxl is not loaded for a workbook whose styles hold no status fill (checked in a fresh interpreter)
    code = ("import sys, perfkit; perfkit.read_milestones(sys.argv[1]); "
            "print('openpyxl' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "False"


def test_placeholders_for_a_due_date_are_notes_not_warnings(tmp_path):
    path, truth = build_service_plan(tmp_path)
    frame = perfkit.read_milestones(path)
    assert not _problems(frame, "warning")
    notes = {p.source: p.message for p in _problems(frame, "info") if "no due date recorded" in p.message}
    assert len(notes) == sum(1 for *_, d, _, _ in SERVICE_PLAN if d is None)
    folded = [p.message for p in _problems(frame, "info") if "read as Amber" in p.message]
    assert len(folded) == 2  # Amber/Green and Green/Amber, each said once


def test_five_point_scale_keeps_amber_green(tmp_path):
    path, _ = build_service_plan(tmp_path)
    frame = perfkit.read_milestones(path, scale=FIVE_POINT_SCALE)
    assert frame.set_index("milestone_id").loc["2", "status"] == "Amber/Green"
    assert frame.set_index("milestone_id").loc["6", "status"] == "On hold"


def _unknown_words(folder):
    rows = [["Corporate Plan tracker 2024/25 Q2"], [], ["Ref", "Milestone", "Due date", "Q2 2024/25 Status"],
            ["CP01", "One", day(2025, 3, 31), "Grave worries"], ["CP02", "Two", day(2025, 3, 31), "Going fine"],
            ["CP03", "Three", day(2025, 3, 31), "Green"]]
    return write_workbook(folder / "tracker.xlsx", [SheetSpec("Tracker", rows, fills={"D4": "Red", "D6": "Green"})])


def test_an_unknown_word_suggests_its_fill_or_a_blank_never_a_spelling_guess(tmp_path):
    path = _unknown_words(tmp_path)
    with pytest.raises(ValidationError) as info:
        perfkit.read_milestones(path)
    errors = {p.source: p.message for p in info.value.problems if p.severity == "error"}
    notes = {p.source: p.message for p in info.value.problems if p.severity == "info"}
    assert "Tracker!D4" not in errors and "read as Red: its cell is filled red" in notes["Tracker!D4"]  # its fill says what it means
    assert '"Going fine" = ""' in errors["Tracker!D5"] and "did you mean" not in errors["Tracker!D5"]


def test_perfkit_init_writes_the_fills_status_or_a_blank(tmp_path):
    path = _unknown_words(tmp_path)
    subprocess.run([sys.executable, "-m", "perfkit.cli", "init", str(path)], cwd=tmp_path, capture_output=True, text=True,
                   env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    text = (tmp_path / "perfkit.toml").read_text(encoding="utf-8")
    assert '"Grave worries" = "Red"' in text
    assert '"Going fine" = ""' in text


def test_a_guess_from_spelling_is_never_offered_for_an_explained_status(tmp_path):
    rows = [["Ref", "Milestone", "Due date", "Q2 2024/25 Status"], ["M1", "One", day(2025, 3, 31), "Green - on track"],
            ["M2", "Two", day(2025, 3, 31), "Red: budget pressures"]]
    path = write_workbook(tmp_path / "m.xlsx", [SheetSpec("Milestones", rows)])
    frame = perfkit.read_milestones(path)
    assert list(frame["status"].astype(str)) == ["Green", "Red"]


@pytest.mark.parametrize("typed, means", [
    ("Green - on track", ("Green", "on track")), ("Red: budget pressures", ("Red", "budget pressures")),
    ("Amber (slippage)", ("Amber", "slippage")), ("Amber – minor delay", ("Amber", "minor delay")),
    ("Completed June 2024", ("Complete", "June 2024")), ("On hold - awaiting funding", ("On hold", "awaiting funding")),
    ("Green amber", None), ("Red - Amber", None), ("Red-Amber", None), ("Green", None), ("Going well, mostly", None),
    ("Greenway project", None),
])
def test_the_status_a_cell_starts_with(typed, means):
    assert DEFAULT_SCALE.leading(typed) == means


def test_a_long_sheet_reads_its_words_without_checking_every_fill(tmp_path):
    from perfkit.read.engine import FILL_CHECK_ROWS

    n = FILL_CHECK_ROWS + 1
    rows = [["Delivery plan 2024/25 Q2"], ["Ref", "Milestone", "Due date", "Q2 2024/25 Status"]]
    rows += [[f"M{i}", f"Milestone {i}", day(2025, 3, 31), "G"] for i in range(1, n + 1)]
    path = write_workbook(tmp_path / "long.xlsx", [SheetSpec("Plan", rows, fills={"D3": "Red"})])  # a G in a red cell
    ms = perfkit.read_milestones(path)
    said = [p.message for p in ms.attrs["problems"]]
    assert len(ms) == n and not any("typed in a cell filled" in m for m in said)
    assert any(f"are not checked against their fill colours (checked up to {FILL_CHECK_ROWS:,} rows)" in m for m in said)


def test_achieved_in_a_kpis_status_is_green_not_complete(tmp_path):
    """A housing association's 'Achieved' means the target was met: read as Complete, a green fill then 'disagreed'."""
    rows = [["KPIs 2024/25"], ["Ref", "Measure", "Higher is better?", "Target", "Q1", "Q1 status", "Q2", "Q2 status"],
            ["H1", "Rent collected (%)", "Yes", 98, 98.5, "Achieved", 97.0, "Not achieved"],
            ["H2", "Repairs on time (%)", "Yes", 90, 91, "Achieved", 92, "Achieved"]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows, fills={"F3": "Green", "F4": "Green", "H4": "Green"})])
    kp = perfkit.read_measures(path)
    assert set(kp["reported_status"].dropna().astype(str)) <= {"Green", "Red", "Amber"}
    assert (kp.loc[kp.measure_id == "H2", "reported_status"].astype(str) == "Green").all()
    assert not [p for p in kp.attrs["problems"] if p.severity != "info"]


def test_a_measures_own_reported_statuses_give_its_polarity_where_none_is_written(tmp_path):
    """A Pentana export with no polarity column: each measure's OK / Warning / Alert beside its figures says which way is
    better. Rated higher is better by default, the lower-is-better measures were red where the officer said green."""
    rows = [["Education and Children's Services: performance report 2024/25"],
            ["Code", "Title", "Target", "Q1 2024/25 Value", "Q1 2024/25 Status", "Q2 2024/25 Value", "Q2 2024/25 Status"],
            ["ATT1", "Pupils achieving expected level (%)", 75, 72, "Warning", 77, "OK"],
            ["EXC1", "Exclusions per 1,000 pupils", 20, 26, "Alert", 18, "OK"],
            ["LAC1", "Children with 3+ placements (%)", 10, 9, "OK", 12, "Alert"]]
    path = write_workbook(tmp_path / "report.xlsx", [SheetSpec("Pentana Report", rows)])
    kp = perfkit.read_measures(path)
    assert dict(kp.drop_duplicates("measure_id").set_index("measure_id")["polarity"].astype(str)) == \
        {"ATT1": "higher", "EXC1": "lower", "LAC1": "lower"}
    assert not [p for p in kp.attrs["problems"] if p.severity != "info"]
    said = [p.message for p in kp.attrs["problems"] if p.column == "polarity"]
    assert any('read as lower is better, as its own reported statuses say' in m and '"EXC1" = "higher"' in m for m in said)
    at = perfkit.assess_measures(kp)
    q2 = at[at["period"] == perfkit.parse_span("2024/25 Q2").end].set_index("measure_id")["status"].astype(str)
    assert dict(q2) == {"ATT1": "Green", "EXC1": "Green", "LAC1": "Red"}


def test_statuses_that_disagree_about_the_way_leave_the_default_and_the_warning(tmp_path):
    rows = [["KPIs 2024/25"], ["Code", "Title", "Target", "Q1", "Q1 status", "Q2", "Q2 status"],
            ["K1", "Calls answered", 75, 80, "Green", 70, "Green"]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("KPIs", rows)])
    kp = perfkit.read_measures(path)
    assert str(kp["polarity"].iloc[0]) == "higher"
    assert any("no polarity, rated as higher is better" in p.message for p in kp.attrs["problems"] if p.severity == "warning")


@layout("status wording", "town council action plan: No. | Project | Who | When by | Progress | Notes, Done / In hand / Stalled")
def build_town_council_plan(folder):
    words = {"Done": "Complete", "In hand": "Green", "Stalled": "Red", "Not yet started": "Not started"}
    items = [("Amenities Committee", ["Done", "Stalled", "In hand", "Not yet started"]), ("Community Committee", ["In hand", "In hand"]),
             ("Planning Committee", ["Done", "Done", "In hand"])]
    rows = [["Anytown Town Council"], ["Town Plan action plan - position at end of September 2024 (Q2)"], [],
            ["No.", "Project", "Who", "When by", "Progress", "Notes"]]
    n, q2 = 0, {}
    for committee, said in items:
        rows.append([committee])
        for w in said:
            n += 1
            rows.append([n, f"Project {n}", f"Clerk {n % 3}", day(2025, 3, 31), w, f"Notes on item {n}"])
            q2[words[w]] = q2.get(words[w], 0) + 1
    rows += [[], ["Key:"], ["Done", "Completed"], ["In hand", "Progressing as planned"], ["Stalled", "Delayed or problems - see notes"],
             ["Not yet started", "Not due to start yet"]]
    path = write_workbook(folder / "action_plan_2024-25.xlsx", [SheetSpec("Action Plan 2024-25", rows)])
    return path, Truth({"milestones": n}, "2024/25 Q2", {"milestones": q2},
                       {"milestones": {"lead": [f"Clerk {i % 3}" for i in range(1, n + 1)]}}, {"milestones": ["2024/25 Q2"]})


def test_a_polarity_written_in_two_parts_that_agree_is_read(tmp_path):
    """A Pentana export's polarity 'n/a - data only' (both parts mean no polarity) was refused as an unknown word;
    'Lower – fewer is better' is lower. Parts that disagree are still refused."""
    rows = [["Service plan indicators 2024/25"], ["Ref", "Indicator", "Polarity", "Target", "Q2 2024/25"],
            ["E5", "Tonnes of fly-tipping cleared", "n/a - data only", None, 135],
            ["E2", "Missed bins per 100,000", "Lower – fewer is better", 45, 51],
            ["E3", "Streets clean (%)", "Higher (bigger is better)", 95, 97]]
    path = write_workbook(tmp_path / "pis.xlsx", [SheetSpec("PIs", rows)])
    kp = perfkit.read_measures(path)
    assert dict(kp.set_index("measure_id")["polarity"].astype(str)) == {"E5": "none", "E2": "lower", "E3": "higher"}
    rows[2][2] = "Higher - lower is better"
    path = write_workbook(tmp_path / "mixed.xlsx", [SheetSpec("PIs", rows)])
    with pytest.raises(ValidationError, match="not known"):
        perfkit.read_measures(path)


def five_point_tracker(tmp_path, config: str | None = None):
    """A combined authority's commitments tracker on the five-point scale, with the generator's own Q2 counts."""
    q2 = ["Green", "Amber/Green", "Amber", "Amber/Red", "Red", "Amber/Green", "Complete", "Amber/Red"]
    rows = [["Mayoral commitments tracker 2024/25"], ["Ref", "Commitment", "Lead", "Due date", "Q1 2024/25", "Q2 2024/25"]]
    rows += [[f"C{i}", f"Commitment {i}", "Portfolio lead", day(2025, 3, 31), "Green", s] for i, s in enumerate(q2, 1)]
    path = write_workbook(tmp_path / "tracker.xlsx", [SheetSpec("Commitments", rows)])
    if config:
        (tmp_path / "perfkit.toml").write_text(config)
    return path, {s: q2.count(s) for s in q2}


def test_a_five_point_tracker_is_read_on_the_five_point_scale_with_no_settings(tmp_path):
    """Folded onto RAG, Amber/Green counted as Amber and Amber/Red as Red: not the figures the officers report."""
    path, truth = five_point_tracker(tmp_path)
    ms = perfkit.read_milestones(path)
    q2 = ms[ms.period == parse_period("2024/25 Q2")]
    assert q2["status"].astype(str).value_counts().to_dict() == truth
    assert any("are the five-point scale's: the milestones are read on it" in p.message and '[status] scale = "RAG"' in p.message
               for p in ms.attrs["problems"])
    s = perfkit.rag_summary(ms, "2024/25 Q2")
    assert int(s.loc[(s.iloc[:, 0] == "All") & (s.status == "Amber/Red"), "count"].iloc[0]) == 2


def test_a_five_point_tracker_is_folded_onto_rag_where_perfkit_toml_says_rag(tmp_path):
    path, _ = five_point_tracker(tmp_path, '[status]\nscale = "RAG"\n')
    ms = perfkit.read_milestones(path)
    q2 = ms[ms.period == parse_period("2024/25 Q2")]
    assert q2["status"].astype(str).value_counts().to_dict() == {"Amber": 3, "Red": 3, "Green": 1, "Complete": 1}


def test_an_audit_logs_rec_ref_and_a_services_within_ten_percent(tmp_path):
    """'Rec Ref' was not the reference (ids A001...), and 'Within 10% of target' was an unknown status."""
    rows = [["Internal audit recommendations: position at 30 September 2025"],
            ["Rec Ref", "Agreed action", "Lead", "Target date", "Status"],
            ["PAY1", "Reconcile payroll monthly", "Head of HR", day(2025, 6, 30), "Complete"],
            ["CYB1", "Patch servers", "Head of ICT", day(2025, 3, 31), "In progress"]]
    path = write_workbook(tmp_path / "audit.xlsx", [SheetSpec("Audit Recs", rows)])
    assert sorted(perfkit.read_actions(path)["action_id"].unique()) == ["CYB1", "PAY1"]
    assert DEFAULT_SCALE.normalise("Within 10% of target") == "Amber"


def test_a_quarters_performance_words_beside_its_figure_are_its_status_not_a_second_figure(tmp_path):
    """'Q1 (Apr-Jun) | Q1 performance | Q2 (Jul-Sep) | Q2 performance', the performance columns holding 'Better than
    target' words: both columns of a quarter were read as its figure, and the sheet was refused with a line that would
    have read the ratings as the next quarter's figures."""
    rows = [["Fire and rescue authority: performance report, Quarter 2 2024/25"], [],
            ["Ref", "Indicator", "Lower or higher is better", "Quarterly target", "Q1 (Apr-Jun)", "Q1 performance", "Q2 (Jul-Sep)",
             "Q2 performance", "Comments"]]
    data = [("FR1", "Primary fires", "Lower", 100, 95, "Better than target", 120, "Worse than target"),
            ("FR2", "Dwelling fires", "Lower", 40, 44, "Worse than target", 39, "Better than target"),
            ("FR3", "Home fire safety visits", "Higher", 900, 950, "Better than target", 880, "Better than target"),
            ("FR4", "Attendance within 10 minutes (%)", "Higher", 90, 85, "Worse than target", 91, "Better than target")]
    for row in data:
        rows.append([*row, ""])
    path = write_workbook(tmp_path / "fra.xlsx", [SheetSpec("Performance", rows)])
    measures = perfkit.read_measures(path)
    q1, q2 = (measures[measures["period"] == parse_period(p)].set_index("measure_id") for p in ("2024/25 Q1", "2024/25 Q2"))
    assert q1["actual"].tolist() == [95, 44, 950, 85] and q2["actual"].tolist() == [120, 39, 880, 91]
    assert q1["reported_status"].astype(str).tolist() == ["Green", "Red", "Green", "Red"]
    assert q2["reported_status"].astype(str).tolist() == ["Red", "Green", "Green", "Green"]
    said = {p.source: p.message for p in measures.attrs["problems"]}
    assert said["Performance!F3"] == "column 'Q1 performance' holds reported status words rather than figures: read as such"


def test_a_quarters_rag_with_no_figures_column_is_that_quarters_status_not_dropped(tmp_path):
    """'Q1 Actual | Q1 RAG | Q2 RAG': the services rated Q2 before its figures were in. The Q2 column was dropped with no
    word, and the sheet's latest quarter became Q1 (its title said Quarter 2)."""
    rows = [["Quarterly Performance Report 2024/25 - Quarter 2"], [],
            ["PI Ref", "Performance Indicator", "Good is", "Target 2024/25", "Q1 Actual", "Q1 RAG", "Q2 RAG", "Comments"],
            ["ENV01", "Recycling rate (%)", "High", 50, 48.2, "A", "G", ""], ["ENV02", "Missed bins", "Low", 60, 52, "G", "R", ""],
            ["RB01", "Days to process claims", "Low", 20, 18, "G", "G", ""], ["PL01", "Major applications on time (%)", "High", 60, 70, "G", None, ""]]
    path = write_workbook(tmp_path / "pi.xlsx", [SheetSpec("Q2 Performance", rows)])
    measures = perfkit.read_measures(path)
    q2 = measures[measures["period"] == parse_period("2024/25 Q2")].set_index("measure_id")
    assert q2["actual"].isna().all()
    assessed = perfkit.assess_measures(measures)
    at = assessed[assessed["period"] == parse_period("2024/25 Q2")].set_index("measure_id")["status"].astype(str)
    assert at.to_dict() == {"ENV01": "Green", "ENV02": "Red", "RB01": "Green", "PL01": "No data"}
    assert not assessed["status_differs"].any()  # no figure to disagree with
    said = {p.source: p.message for p in measures.attrs["problems"]}
    assert said["Q2 Performance!G3"].startswith("column 'Q2 RAG' gives the services' status for 2024/25 Q2, which has no figures column")


def test_what_perfkit_toml_says_a_column_holds_it_holds_whatever_it_holds(tmp_path):
    """An officer mapped 'Q2 Actual' = 'commentary@2024/25 Q2' and perfkit answered 'holds figures rather than commentary:
    read as such', overruling the line (and refusing the sheet again). A mapped column is never read by its content."""
    rows = [["Quarterly performance report 2024/25"], ["PI Ref", "Indicator", "Good is", "Target", "Q1 Actual", "Q2 Actual"],
            ["PL01", "Major applications on time (%)", "High", 60, 70, 65], ["PL02", "Minor applications on time (%)", "High", 70, 75, 80]]
    path = write_workbook(tmp_path / "pi.xlsx", [SheetSpec("Q2", rows)])
    measures = perfkit.read_measures(path, columns={"Q2 Actual": "commentary@2024/25 Q2"})
    q2 = measures[measures["period"] == parse_period("2024/25 Q2")]
    assert q2.empty or q2["actual"].isna().all()
    assert not any("rather than commentary" in p.message for p in measures.attrs["problems"])


def test_a_blank_figure_the_services_status_explains_is_a_note_not_a_warning(tmp_path):
    """A performance system's export leaves the value blank where its status says 'Data Only' or 'Unknown': every such
    export raised a warning that blocked `perfkit brief`. Only a blank the service does not explain is a warning."""
    rows = [["Corporate Performance Scorecard"], ["Period: Q2 2024/25"],
            ["Code", "Title", "Q1 2024/25 Value", "Q1 2024/25 Target", "Q1 2024/25 Status", "Q2 2024/25 Value",
             "Q2 2024/25 Target", "Q2 2024/25 Status"],
            ["CS-01", "Placements (%)", 18, 20, "OK", 21.5, 20, "Warning"],
            ["PE-01", "Roads needing treatment (%)", None, None, "Data Only", 34.7, None, "Data Only"],
            ["CE-07", "Complaints on time (%)", 81, 80, "OK", None, 80, "Unknown"],
            ["CE-08", "Sickness days per FTE", 2.6, 2.5, "Warning", None, 5, "Alert"]]
    path = write_workbook(tmp_path / "export.xlsx", [SheetSpec("Report", rows)])
    measures = perfkit.read_measures(path)
    said = {p.source: p for p in measures.attrs["problems"] if "no actual for" in p.message}
    assert said["Report!C5"].severity == "info" and "the service's status says Data only" in said["Report!C5"].message
    assert said["Report!F6"].severity == "info" and "says No data" in said["Report!F6"].message
    assert said["Report!F7"].severity == "warning"  # rated Alert with no figure: the officer checks it


def test_one_column_per_member_council_is_refused_naming_the_columns_and_the_line(tmp_path):
    """A waste partnership's scorecard, one column of figures per member council and one for the partnership, was refused
    as 'no actual columns: targets only', naming neither the columns nor what to type."""
    rows = [["Anyshire Waste Partnership - Joint Performance Scorecard"], ["Quarter 2 (July - September) 2024/25"], [],
            ["Indicator", "Better if", "Target", "Northtown BC", "Southvale DC", "Partnership"],
            ["% household waste recycled", "Higher", 50, 52.3, 47.1, 49.5], ["Residual waste per household (kg)", "Lower", 110, 105, 118, 111],
            ["Missed collections per 100,000", "Lower", 60, 45, 72, 58]]
    path = write_workbook(tmp_path / "partnership.xlsx", [SheetSpec("Scorecard", rows)])
    warning = next(p for p in perfkit.validate(path).warnings if p.column == "actual")
    assert "columns 'Northtown BC', 'Southvale DC', 'Partnership' hold figures" in warning.message
    assert warning.message.endswith('put "Partnership" = "actual@2024/25 Q2" under [sheets."Scorecard".columns] in perfkit.toml, '
                                    'and the others = "ignore"')
    measures = perfkit.read_measures(path, columns={"Partnership": "actual@2024/25 Q2", "Northtown BC": "ignore", "Southvale DC": "ignore"})
    assert measures["actual"].tolist() == [49.5, 111, 58]


def test_a_header_naming_a_quarter_over_status_words_is_that_quarters_status(tmp_path):
    """A housing association's board pack: 'Q1 25/26 | Q1 assessment | Q2 25/26 | Q2 assessment', the assessments in
    the services' words. They were left unread, with advice to read them as figures, and the statuses were computed
    instead (Red 3, Amber 3, Green 1 where the board was told Green 3, Amber 2, Red 2)."""
    rows = [["Moorland Homes Group - Board Performance Pack"], ["Q2 2025/26 (to 30 September 2025)"], [],
            ["Measure ref", "KPI", "Target 2025/26", "Q1 25/26", "Q1 assessment", "Q2 25/26", "Q2 assessment", "Narrative"],
            ["TP01", "Overall satisfaction (%)", "75%", 72, "Near target", 76, "On target", ""],
            ["RP01", "Homes not meeting Decent Homes (%)", "1%", 1.4, "Below target", 0.8, "Exceeding", ""],
            ["RP02", "Repairs on time (%)", "90%", 91, "On target", 88, "Near target", ""]]
    path = write_workbook(tmp_path / "board.xlsx", [SheetSpec("Board KPIs", rows)])
    measures = perfkit.read_measures(path)
    q = {p: measures[measures["period"] == parse_period(p)].set_index("measure_id")["reported_status"].astype(str).to_dict()
         for p in ("2025/26 Q1", "2025/26 Q2")}
    assert q == {"2025/26 Q1": {"TP01": "Amber", "RP01": "Red", "RP02": "Green"}, "2025/26 Q2": {"TP01": "Green", "RP01": "Green", "RP02": "Amber"}}
    assert not any("looks like a period's column" in p.message for p in measures.attrs["problems"])


def test_a_performance_systems_milestone_export_with_status_icon_columns_is_read_as_milestones(tmp_path):
    """'Code | Milestone | ... | Progress % | Status icon Q1 | Status icon Q2': the icon columns were not read, so the
    sheet became an action plan whose statuses came from its percentages (Complete 2, No data 6)."""
    from layout_builders import day

    rows = [["Council Plan 2024-28: Delivery milestones"], ["Reporting period: Quarter 2 (July - September 2025)"], [],
            ["Code", "Milestone", "Managed by", "Due Date", "Progress %", "Status icon Q1", "Status icon Q2", "Latest Note"],
            ["CP-01", "Adopt new Local Plan", "Head of Planning", day(2026, 3, 31), 40, "On Track", "On Track", "Note"],
            ["CP-02", "Open leisure centre", "Director of Place", day(2025, 9, 1), 90, "On Track", "Off Track", "Note"],
            ["CP-03", "Install EV charge points", "Climate Lead", day(2025, 6, 30), 100, "Completed", "Completed", "Note"],
            ["CP-04", "Refresh housing strategy", "Head of Housing", day(2026, 1, 31), 10, "Not Started", "Some Concerns", "Note"]]
    path = write_workbook(tmp_path / "export.xlsx", [SheetSpec("Council Plan Milestones", rows)])
    frames = perfkit.read_workbook(path)
    assert set(frames) == {"milestones"}
    ms = frames["milestones"]
    q2 = ms[ms["period"] == parse_period("2025/26 Q2")].set_index("milestone_id")["status"].astype(str).to_dict()
    assert q2 == {"CP-01": "Green", "CP-02": "Red", "CP-03": "Complete", "CP-04": "Amber"}


def test_service_comments_is_the_commentary_not_a_doubt_between_it_and_the_directorate(tmp_path):
    """'Service comments' on every tab of a district's KPI return was a warning ('could be the commentary or
    directorate'), so the comments were dropped and the brief refused until the officer typed a line per tab."""
    rows = [["Housing performance 2025/26"], ["PI Ref", "Performance indicator", "Good performance is", "Q2 target", "Q2 actual",
                                               "Q2 RAG", "Service comments"],
            ["HOU01", "Days to re-let voids", "Lower", 28, 27, "Green", "Void team restructured"],
            ["HOU02", "Homelessness prevented", "Higher", 60, 63, "Green", "See narrative"]]
    path = write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("Housing", rows)])
    measures = perfkit.read_measures(path)
    assert measures["commentary"].tolist() == ["Void team restructured", "See narrative"]
    assert not [p for p in measures.attrs["problems"] if p.severity == "warning"]


def test_a_contract_returns_pass_and_fail_against_its_required_level_are_read(tmp_path):
    """A leisure trust's contract monitoring return: 'Required level' and 'Q1 Pass/Fail | Q2 Pass/Fail'. Every measure
    came out Data only, with advice to read the Pass/Fail columns as figures."""
    rows = [["Leisure contract monitoring return 2024/25"], [],
            ["Ref", "Performance standard", "Required level", "Q1 actual", "Q1 Pass/Fail", "Q2 actual", "Q2 Pass/Fail"],
            ["PS1", "Customer satisfaction (%)", 85, 88, "Pass", 86, "Pass"], ["PS2", "Pool water tests passed (%)", 100, 100, "Pass", 98, "Fail"],
            ["PS3", "Visits per 1,000 residents", 900, 870, "Fail", 920, "Pass"]]
    path = write_workbook(tmp_path / "contract.xlsx", [SheetSpec("Contract Monitoring", rows)])
    measures = perfkit.read_measures(path)
    q = {p: measures[measures["period"] == parse_period(p)].set_index("measure_id")["reported_status"].astype(str).to_dict()
         for p in ("2024/25 Q1", "2024/25 Q2")}
    assert q == {"2024/25 Q1": {"PS1": "Green", "PS2": "Green", "PS3": "Red"}, "2024/25 Q2": {"PS1": "Green", "PS2": "Red", "PS3": "Green"}}
    assert measures["target"].drop_duplicates().tolist() == [85, 100, 900]


def test_a_long_layouts_measures_with_no_polarity_are_each_named_once(tmp_path):
    """A planning service's statutory return, a row per measure and quarter: the polarity warning said '4 measures' and
    listed two names twice each."""
    rows = [["Planning performance returns 2024/25"], ["Quarter", "Measure", "Target", "Actual"],
            ["Q1 2024/25", "Major applications approved (%)", 60, 72], ["Q1 2024/25", "Minor applications approved (%)", 70, 81],
            ["Q2 2024/25", "Major applications approved (%)", 60, 65], ["Q2 2024/25", "Minor applications approved (%)", 70, 77]]
    path = write_workbook(tmp_path / "returns.xlsx", [SheetSpec("Returns", rows)])
    warning = next(p for p in perfkit.validate(path).warnings if p.column == "polarity")
    assert warning.message.startswith("2 measures with a target but no polarity, rated as higher is better: "
                                      "Major applications approved (%), Minor applications approved (%).")


def test_two_of_the_trackers_words_read_as_one_status_with_none_as_the_next_is_a_warning(tmp_path):
    """A procurement pipeline's 'On programme / At risk / Delayed': At risk and Delayed both read as Amber and nothing as
    Red, so three steps became two and 'slipped from green to amber' was briefed for a Delayed item, with no word."""
    rows = [["Procurement pipeline 2024/25 - key milestones"], ["Project ID", "Milestone", "Gate due", "Jun-24 status", "Sep-24 status"],
            ["PRC-001", "Highways contract", day(2024, 11, 30), "On programme", "On programme"],
            ["PRC-002", "Care framework", day(2024, 9, 15), "On programme", "Delayed"],
            ["PRC-003", "School transport", day(2024, 7, 31), "At risk", "Delayed"],
            ["PRC-004", "Leisure operator", day(2025, 2, 28), "Delayed", "At risk"]]
    path = write_workbook(tmp_path / "pipeline.xlsx", [SheetSpec("Pipeline", rows)])
    warning = next(p for p in perfkit.validate(path).warnings if p.column == "status")
    assert warning.message == ("2 of the tracker's words ('At risk', 'Delayed') are each read as Amber, and none as Red: if one "
                               'of them means Red, say so in perfkit.toml under [status.words]: "At risk" = "Red" or "Delayed" = "Red"')
    (tmp_path / "perfkit.toml").write_text('[status.words]\n"Delayed" = "Red"\n', encoding="utf-8")
    assert not [p for p in perfkit.validate(path).warnings if p.column == "status"]


def test_two_bilingual_words_read_as_amber_with_none_as_red_are_warned_though_welsh_has_a_one_letter_word(tmp_path):
    """A Welsh plan's 'Ar y trywydd / On track', 'Peth pryder / Some concern' and 'Oedi / Delayed': the 'y' of 'Ar y
    trywydd' was taken for a Yellow letter, so the tracker was thought to write colours and Delayed went to Amber unsaid."""
    rows = [["Cynllun Corfforaethol / Corporate Plan 2024-25, Chwarter 2 / Quarter 2"], ["Cyf / Ref", "Cam / Step", "Statws / Status"],
            ["1.1", "Town centre plan", "Ar y trywydd / On track"], ["1.2", "Skills hub", "Oedi / Delayed"],
            ["1.3", "Bus pilot", "Peth pryder / Some concern"], ["1.4", "Energy scheme", "Cwblhawyd / Complete"]]
    path = write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Ch2 2024-25", rows)])
    (warning,) = [p for p in perfkit.validate(path).warnings if p.column == "status"]
    assert "('Oedi / Delayed', 'Peth pryder / Some concern') are each read as Amber, and none as Red" in warning.message


def test_a_measure_of_success_is_the_target_and_short_standards_in_words_are_the_names(tmp_path):
    """A fire authority's response standards: 'Measure of success' is the target, and 'Standard' over 'RTCs within 10
    minutes' the names. The target was not read; once it was, standards shorter than 30 characters left the sheet unread."""
    rows = [["Response Standards Monitoring 2024-25"], ["Station", "Standard", "Measure of success", "Apr-Jun 24", "Jul-Sep 24",
                                                        "Performance against standard"],
            ["Aldbury", "Dwelling fires within 8 minutes", "90%", "92.1%", "89.0%", "Not met"],
            ["Aldbury", "RTCs within 10 minutes", "85%", "88.0%", "90.5%", "Met"],
            ["Brackley", "Dwelling fires within 12 minutes", "80%", "76.0%", "81.3%", "Met"],
            ["Colton", "RTCs within 12 minutes", "85%", "84.0%", "86.0%", "Met"],
            ["Colton", "Dwelling fires within 10 minutes", "85%", "90.0%", "91.2%", "Met"],
            ["Service-wide", "On-call appliance availability", "85%", "79.5%", "81.0%", "Not met"]]
    path = write_workbook(tmp_path / "standards.xlsx", [SheetSpec("Response Standards", rows)])
    kp = perfkit.assess_measures(perfkit.read_workbook(path)["measures"])
    assert kp.groupby("period")["target"].apply(list).tolist() == [[90, 85, 80, 85, 85, 85]] * 2
    q1 = kp[kp.period == kp.period.min()]
    assert q1["status"].astype(str).tolist() == ["Green", "Green", "Amber", "Amber", "Green", "Red"]  # within 5%: Amber
    assert kp["name"].iloc[0] == "Dwelling fires within 8 minutes"


def test_carried_forward_is_open_not_implemented_is_said_and_no_standard_is_no_target(tmp_path):
    """A town council's 'Carried forward' was refused (then read as Deferred, never overdue: it is taken to the next
    meeting, still to do); an audit follow-up's 'Not implemented' became Not started with no word; a statutory
    indicator's 'No standard' target was refused with no line to type."""
    plan = [["Amenities committee action plan - position at 30/09/2024"], ["Ref", "Action", "Due date", "Status"],
            ["AM/24/001", "Replace play equipment", day(2024, 7, 31), "Done"],
            ["AM/24/003", "Allotment water supply", day(2024, 7, 31), "Carried forward"],
            ["AM/24/004", "Bench audit", day(2025, 3, 31), "Not implemented"], ["AM/24/005", "Bus shelter", day(2025, 3, 31), "Not progressing"]]
    acts = perfkit.read_actions(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Amenities", plan)]))
    assert acts["status"].astype(str).tolist() == ["Complete", "Open", "Not started", "Behind schedule"]
    assert any("'Not implemented'" in p.message for p in acts.attrs["problems"])
    kpis = [["Statutory indicators 2024/25, Quarter 2"], ["Ref", "Indicator", "Standard", "Q2 Performance"],
            ["P1", "Major planning applications (weeks)", 30, 28.6], ["W3", "Municipal waste arisings (tonnes)", "No standard", 22150],
            ["P3", "Enforcement cases concluded in 39 weeks (%)", 70, 74]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("Indicators", kpis)]))
    assert kp.set_index("measure_id")["target"].isna().to_dict() == {"P1": False, "W3": True, "P3": False}


def test_slightly_and_significantly_adrift_are_amber_and_red(tmp_path):
    """A Scottish council's 'Target achieved / Slightly adrift / Significantly adrift': the two adrift words were
    unknown, became No data, and the share on target read 100%."""
    rows = [["Education & Children - Performance Indicators"], [],
            ["Code", "Indicator", "Target 25/26", "Q1 25/26 Status", "Q2 25/26 Status"],
            ["EC1", "Attendance (%)", 92, "Target achieved", "Slightly adrift"], ["EC2", "Exclusions", 40, "Slightly adrift", "Significantly adrift"],
            ["EC3", "Positive destinations (%)", 95, "Target achieved", "Target achieved"]]
    kp = perfkit.read_measures(write_workbook(tmp_path / "ec.xlsx", [SheetSpec("Education & Children", rows)]))
    got = {str(p): g["reported_status"].astype(str).tolist() for p, g in kp.groupby("period")}
    assert got == {"2026Q1": ["Green", "Amber", "Green"], "2026Q2": ["Amber", "Red", "Green"]}


def test_a_return_of_met_and_not_met_with_no_figures_at_all_is_read_quarter_by_quarter(tmp_path):
    """A shared service's SLA return: `Met` / `Not met` for each month and each quarter, the standard as text, and no
    figures anywhere. It read as 'no actual columns: targets only' with no measures and no periods (and `perfkit init`
    wrote mappings that validate refused the same way)."""
    sla = [("SLA01", "Calls resolved at first contact", "70%", "Met", "Met"),
           ("SLA02", "P1 incidents resolved in 4 hours", "95%", "Not met", "Not met"),
           ("SLA03", "System availability", "99.5%", "Met", "Met"),
           ("SLA04", "New claims processed within 20 days", "20 days", "Not met", "Met"),
           ("SLA05", "Bills issued accurately", "99%", "Met", "Not met")]
    rows = [["Shared Services Partnership"], ["Service Level Agreement Performance 2024/25 - Board, October 2024"], [],
            ["SLA No.", "Service Level", "Standard", "Apr", "May", "Jun", "Q1", "Jul", "Aug", "Sep", "Q2"]]
    rows += [[ref, name, std, "Met", q1, "Met", q1, q2, "Met", "Met", q2] for ref, name, std, q1, q2 in sla]
    path = write_workbook(tmp_path / "sla.xlsx", [SheetSpec("SLA Performance", rows)])
    word = {"Met": "Green", "Not met": "Red"}
    assessed = perfkit.assess_measures(perfkit.read_measures(path))
    for q, at in (("2024/25 Q1", 3), ("2024/25 Q2", 4)):
        got = assessed[assessed["period"] == parse_period(q)].set_index("measure_id")["status"].astype(str).to_dict()
        assert got == {s[0]: word[s[at]] for s in sla}, q


def test_a_procurement_pipelines_gate_due_dates_are_its_due_dates(tmp_path):
    """`Gate due` over dates, in a pipeline with no other due date: the milestones' due dates, said in a note (it was
    warned of as a header saying more than perfkit understands, and nothing was overdue)."""
    rows = [["Strategic Procurement Pipeline 2024/25 - Key Milestones Tracker"], ["Reported to Commercial Board, October 2024"],
            ["Project ID", "Procurement", "Category", "Current stage", "Gate due", "Jun-24 status", "Sep-24 status"],
            ["PRC-001", "Highways term maintenance contract", "Place", "Gate 3", day(2024, 11, 30), "Green", "Green"],
            ["PRC-002", "Residential care and support framework", "People", "Gate 2", day(2024, 9, 15), "Green", "Red"],
            ["PRC-003", "ICT managed service for the whole council", "Corporate", "Gate 4", day(2024, 8, 31), "Amber", "Complete"],
            ["PRC-004", "Home to school transport dynamic purchasing system", "People", "Gate 3", day(2024, 7, 31), "Amber", "Red"]]
    path = write_workbook(tmp_path / "pipeline.xlsx", [SheetSpec("Pipeline", rows)])
    report = perfkit.validate(path)
    assert not report.warnings, [p.message for p in report.warnings]
    assert any("column 'Gate due' read as due date" in p.message for p in report)
    ms = perfkit.read_milestones(path)
    now = ms[ms["period"] == parse_period("2024/25 Q2")]
    assert sorted(now[attention.overdue(now, "2024/25 Q2")]["milestone_id"]) == ["PRC-002", "PRC-004"]


def test_a_welsh_self_assessments_judgements_per_quarter_are_its_statuses(tmp_path):
    """`Judgement Quarter 1 | Judgement Quarter 2` over Excellent / Good / Adequate / Unsatisfactory: the header's own
    word 'Quarter' was taken for a relative period ('last quarter') and the words were unknown, so no header was found.
    An inspectorate's judgements are read on the RAG scale, each said aloud."""
    steps = [("1.1", "Good", "Good"), ("1.2", "Adequate", "Good"), ("1.3", "Excellent", "Excellent"),
             ("2.1", "Unsatisfactory", "Adequate"), ("2.2", "Good", "Adequate"), ("2.3", "Adequate", "Unsatisfactory")]
    rows = [["Cyngor Sir Anyshire County Council - Corporate Plan Wellbeing Objectives"], ["Quarterly Self-Assessment 2024-25"], [],
            ["Ref", "Step / Commitment", "Lead Head of Service", "Due", "Judgement Quarter 1", "Judgement Quarter 2"]]
    rows += [[ref, f"Step {ref}", "Head of Service", day(2025, 3, 31), q1, q2] for ref, q1, q2 in steps]
    path = write_workbook(tmp_path / "wellbeing.xlsx", [SheetSpec("Wellbeing Objectives", rows)])
    ms = perfkit.read_milestones(path)
    word = {"Excellent": "Green", "Good": "Green", "Adequate": "Amber", "Unsatisfactory": "Red"}
    for q, at in (("2024/25 Q1", 1), ("2024/25 Q2", 2)):
        got = ms[ms["period"] == parse_period(q)].set_index("milestone_id")["status"].astype(str).to_dict()
        assert got == {s[0]: word[s[at]] for s in steps}, q
    said = [p.message for p in ms.attrs["problems"]]
    assert any("status 'Unsatisfactory' read as Red" in m for m in said), said


@pytest.mark.parametrize("said", ["Q2 data not yet available (published November)", "Q2 figure not published until summer 2025"])
def test_a_blank_figure_the_rows_own_note_explains_is_a_note_not_a_warning(said, tmp_path):
    """A scorecard's `Data notes` says 'Q2 data not yet available (published November)' beside a blank Q2 actual: that
    was a warning, which blocked the brief of an ordinary scorecard. The reason is said in a note instead; a blank with
    no reason stays a warning."""
    rows = [["County Council Plan scorecard 2024/25 - Quarter 2"],
            ["Ref", "Measure", "Good is", "Target", "Q1 actual", "Q2 actual", "Data notes"],
            ["E1", "Recycling rate (%)", "High", 50, 48, 51, None],
            ["E2", "Adults in smoking cessation (%)", "High", 40, 38, None, said],
            ["E3", "Missed bins per 100,000", "Low", 60, 55, None, None]]
    path = write_workbook(tmp_path / "scorecard.xlsx", [SheetSpec("Scorecard Q2", rows)])
    report = perfkit.validate(path)
    warned = [p.source for p in report.warnings if "no actual" in p.message]
    assert warned == ["Scorecard Q2!F5"], [p.message for p in report.warnings]
    assert any(p.severity == "info" and f"the row says {said!r}" in p.message for p in report)


def test_expected_completion_is_the_due_date_and_not_rated_is_no_data(tmp_path):
    """A Police and Crime Plan's `Expected completion` was not read as the due date (nothing overdue, with a warning),
    and a public health return's `Not rated` was an unknown status ('did you mean Not started?')."""
    rows = [["Police and Crime Plan - Position at end of September 2025"],
            ["Ref", "Deliverable", "Lead", "Expected completion", "Q2 status"],
            ["D1", "Estates review", "Chief Finance Officer", day(2025, 6, 30), "Amber"],
            ["D2", "Retail crime plan", "Superintendent", day(2025, 9, 12), "Not rated"],
            ["D3", "Recruit PCSOs", "Chief Superintendent", day(2026, 3, 31), "Green"],
            ["D4", "Victims audit", "Head of Victims", day(2025, 5, 31), "Complete"]]
    path = write_workbook(tmp_path / "pcc.xlsx", [SheetSpec("Plan", rows)])
    ms = perfkit.read_milestones(path)
    now = ms[ms["period"] == parse_period("2025/26 Q2")]
    assert sorted(now[attention.overdue(now, "2025/26 Q2")]["milestone_id"]) == ["D1", "D2"]
    assert now.set_index("milestone_id")["status"].astype(str)["D2"] == "No data"


# (ref, key deadline, its date, Met / Missed as typed, the status it means)
DEADLINES = [
    ("D1", "Adopt the Local Plan", day(2024, 5, 15), "Met", "Complete"),
    ("D2", "Open the leisure centre", day(2024, 6, 30), "Missed", "Red"),
    ("D3", "Publish the climate strategy", day(2025, 2, 28), "Not yet due", "Not due"),
    ("D4", "Award the waste contract", day(2024, 7, 31), "Met", "Complete"),
    ("D5", "Launch the new website", day(2025, 3, 31), "Not yet due", "Not due"),
    ("D6", "Agree the medium-term financial plan", day(2024, 9, 13), "Missed", "Red"),
    ("D7", "Complete the depot move", day(2024, 8, 30), "Met", "Complete"),
]


@layout("status wording", "key deadlines: 'Key deadline | Deadline', each Met or Missed")
def build_key_deadlines(folder):
    rows = [["Corporate Plan key deadlines 2024/25"], ["Quarter 2 update"], [],
            ["Ref", "Key deadline", "Lead", "Deadline", "Met / Missed", "Comment"]]
    rows += [[ref, title, "Head of Service", due, typed, "Update"] for ref, title, due, typed, _ in DEADLINES]
    path = write_workbook(folder / "key_deadlines.xlsx", [SheetSpec("Q2", rows)])
    statuses: dict[str, int] = {}
    for *_, meant in DEADLINES:
        statuses[meant] = statuses.get(meant, 0) + 1
    return path, Truth({"milestones": len(DEADLINES)}, "2024/25 Q2", {"milestones": statuses},
                       {"milestones": {"milestone_id": [d[0] for d in DEADLINES], "title": [d[1] for d in DEADLINES]}})


def test_a_deadline_met_is_done_and_never_overdue(tmp_path):
    """'Met' under a milestone's deadline says it was met: Complete, said, and so never overdue (read as Green, the
    three deadlines met in the spring were listed overdue with only a note)."""
    path, _ = build_key_deadlines(tmp_path)
    ms = perfkit.read_milestones(path)
    assert sorted(ms[attention.overdue(ms, "2024/25 Q2")]["milestone_id"]) == ["D2", "D6"]
    assert any("'Met' read as Complete" in p.message for p in ms.attrs["problems"])
    assert any("'Key deadline' read as title" in p.message for p in ms.attrs["problems"])


def test_met_stays_green_for_a_measure_and_where_perfkit_toml_says(tmp_path):
    path, _ = build_key_deadlines(tmp_path)
    (tmp_path / "perfkit.toml").write_text('[status.words]\n"Met" = "Green"\n')
    ms = perfkit.read_milestones(path)
    assert ms[ms["milestone_id"] == "D1"]["status"].astype(str).tolist() == ["Green"]


def test_an_assessment_against_baseline_in_filled_words_is_the_services_status(tmp_path):
    """A police and crime plan framework judges each measure against its baseline ('Better than baseline' filled light
    green, 'Similar to baseline' light amber, 'Worse than baseline' light red, 'Not assessed'). The column was kept only as
    a grouping: all 14 measures were Data only and the brief said none had a target to be measured against."""
    rows = [["Police and Crime Plan: Performance Framework - Quarter 2 2024/25"], [],
            ["Ref", "Measure", "Baseline", "12 months to September 2024", "Aim", "Assessment against baseline"],
            ["PC1.1", "Total recorded crime", 58420, 56880, "Reduce", "Similar to baseline"],
            ["PC1.2", "Neighbourhood crime", 9215, 8310, "Reduce", "Better than baseline"],
            ["PC1.3", "Residential burglary", 2104, 2275, "Reduce", "Worse than baseline"],
            ["PC1.4", "Homicides", 4, "<5", "Reduce", "Not assessed"]]
    fills = {"F4": "FFEB9C", "F5": "C6EFCE", "F6": "FFC7CE"}
    ms = perfkit.read_measures(write_workbook(tmp_path / "pcp.xlsx", [SheetSpec("Scorecard", rows, fills=fills)]))
    assert not [p for p in ms.attrs["problems"] if p.severity == "warning"]
    q2 = ms[ms["period"] == perfkit.parse_span("2024/25 Q2").end]
    assert q2["reported_status"].astype(str).tolist() == ["Amber", "Green", "Red", "No data"]


def test_slightly_above_target_takes_the_colour_it_is_filled_with(tmp_path):
    """'Slightly above target' on a lower-is-better repairs measure, filled amber, was read as Green (above target is good
    for most measures) under a warning that stopped the brief: its fill says which it is."""
    rows = [["Tenant satisfaction measures 2024/25 Q2"],
            ["Ref", "Measure", "Polarity", "Target", "Q2 Actual", "Q2 Performance"],
            ["RP01", "Homes that do not meet the Decent Homes Standard (%)", "Lower", 2.0, 2.06, "Slightly above target"],
            ["TP01", "Satisfied with the service (%)", "Higher", 70, 73, "Slightly above target"]]
    path = write_workbook(tmp_path / "tsm_q2.xlsx", [SheetSpec("TSM", rows, fills={"F3": "Amber", "F4": "Green"})])
    kp = perfkit.read_measures(path)
    assert kp.set_index("measure_id")["reported_status"].astype(str).to_dict() == {"RP01": "Amber", "TP01": "Green"}
    assert not [p for p in kp.attrs["problems"] if p.severity == "warning"]
    assert any(p.source == "TSM!F3" and "read as Amber, as its fill says" in p.message for p in kp.attrs["problems"])


def test_an_update_dated_like_the_status_column_is_its_commentary(tmp_path):
    """A BRAG tracker's '30/06/2024 | 30/09/2024' status columns beside 'Update at 30 September 2024': the update was read
    as a second status column for 2024/25 Q2, and the tracker refused as monthly data."""
    rows = [["Transformation tracker - position at 30 September 2024"],
            ["Ref", "Milestone", "Lead", "Due date", day(2024, 6, 30), day(2024, 9, 30), "Update at 30 September 2024"],
            ["DC1", "Launch the new website", "Head of Digital", day(2024, 12, 31), "G", "A", "Supplier delayed by two weeks."],
            ["DC2", "Close the old contact centre", "Head of Customer", day(2024, 8, 31), "A", "R", "Staff consultation extended."]]
    ms = perfkit.read_milestones(write_workbook(tmp_path / "tracker_sep2024.xlsx", [SheetSpec("Tracker", rows)]))
    now = ms[ms["period"].map(perfkit.period_label) == "2024/25 Q2"].set_index("milestone_id")
    assert now["status"].astype(str).to_dict() == {"DC1": "Amber", "DC2": "Red"}
    assert now.loc["DC2", "commentary"] == "Staff consultation extended."


def test_slightly_above_target_read_by_its_fill_has_no_note_saying_otherwise(tmp_path):
    """One cell, two notes: 'read as Green on the RAG scale' and 'read as Amber, as its fill says'."""
    rows = [["Tenant satisfaction measures 2024/25 Q2"],
            ["Ref", "Measure", "Polarity", "Target", "Q2 Actual", "Q2 Performance"],
            ["RP01", "Homes that do not meet the Decent Homes Standard (%)", "Lower", 2.0, 2.06, "Slightly above target"],
            ["TP01", "Satisfied with the service (%)", "Higher", 70, 70, "On target"]]
    path = write_workbook(tmp_path / "tsm_q2.xlsx", [SheetSpec("TSM", rows, fills={"F3": "Amber"})])
    kp = perfkit.read_measures(path)
    assert [p.message for p in kp.attrs["problems"] if p.source == "TSM!F3" and p.message.startswith("status")] == [
        "status 'Slightly above target' read as Amber, as its fill says: above or below target is better or worse by the measure's polarity"]


def test_above_or_below_target_takes_the_colour_its_fill_gives(tmp_path):
    """A district's 'Above target' for call waiting time (lower is better: 4.6 minutes against 3) in a red cell was read as
    Green with a warning to correct the word; a key's 'Below target' (amber, within the threshold) in an amber cell was
    read as Red."""
    rows = [["Revenues and benefits monitor, Quarter 2 2024/25"],
            ["Ref", "Measure", "Polarity", "Target", "Q2 Actual", "Q2 Status"],
            ["RB6", "Average call waiting time (minutes)", "Lower", 3, 4.6, "Above target"],
            ["RB7", "Council tax collected (%)", "Higher", 56, 57.1, "Above target"],
            ["RB8", "New claims processed (days)", "Lower", 18, 19.4, "Below target"]]
    path = write_workbook(tmp_path / "monitor.xlsx", [SheetSpec("Monitor", rows, fills={"F3": "Red", "F4": "Green", "F5": "Amber"})])
    kp = perfkit.read_measures(path)
    assert kp.set_index("measure_id")["reported_status"].astype(str).to_dict() == {"RB6": "Red", "RB7": "Green", "RB8": "Amber"}
    assert not [p.message for p in kp.attrs["problems"] if p.severity == "warning"]


def test_a_word_used_once_on_another_statuss_colour_in_a_coloured_column_is_read_as_its_colour(tmp_path):
    """`Behind schedule` once, filled red, where `On track` is always green and `At risk` always amber: read as Amber, as
    the word roughly says, with a warning that held the brief; the council's colour says Red. A status's own name keeps
    its word."""
    rows = [["Council Plan monitoring, Quarter 2 2024/25"], ["Ref", "Milestone", "Lead", "Due", "Q2 status"],
            ["M1", "Open the depot", "A Lead", day(2025, 3, 31), "On track"], ["M2", "Adopt the plan", "A Lead", day(2025, 3, 31), "On track"],
            ["M3", "Launch the app", "A Lead", day(2025, 3, 31), "At risk"], ["M4", "Sell the site", "A Lead", day(2025, 3, 31), "At risk"],
            ["M5", "Build the bridge", "A Lead", day(2025, 3, 31), "Behind schedule"], ["M6", "Plant trees", "A Lead", day(2025, 3, 31), "Amber"]]
    fills = {"E3": "Green", "E4": "Green", "E5": "Amber", "E6": "Amber", "E7": "Red", "E8": "Red"}
    ms = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Plan", rows, fills=fills)]))
    assert ms.set_index("milestone_id")["status"].astype(str).to_dict() == {
        "M1": "Green", "M2": "Green", "M3": "Amber", "M4": "Amber", "M5": "Red", "M6": "Amber"}
    warned = [p for p in ms.attrs["problems"] if p.severity == "warning"]
    assert [p.source for p in warned] == ["Plan!E8"]  # 'Amber' typed on red: as typed, warned


def test_a_performance_column_of_status_words_beside_the_quarters_figures_is_the_services_status(tmp_path):
    """'Target Q3 | Actual Q3 | Performance' over Achieved / Within tolerance / Not achieved: 'Performance' was read as a
    bare figure the quarter's column overrode and dropped with no word, so a service's 'Not achieved' was briefed Green
    and its 'N/A' became No data."""
    rows = [["Adults - KPI scorecard, Quarter 3 2024/25"], [],
            ["KPI ref", "KPI", "Polarity", "Target Q3", "Actual Q3", "Performance"],
            ["ASC01", "Average days from referral to assessment", "Lower", "21 days", "18 days", "Not achieved"],
            ["ASC02", "Permanent admissions per 100,000", "Lower", 412, 398, "Achieved"],
            ["ASC04", "People receiving direct payments", "Higher", 650, 641, "Within tolerance"],
            ["ASC05", "Fly-tips removed within 2 days (%)", "Higher", "95%", "N/A", "N/A"]]
    kp = perfkit.assess_measures(perfkit.read_measures(write_workbook(tmp_path / "kpis.xlsx", [SheetSpec("Adults", rows)])))
    status = kp.set_index("measure_id")["status"].astype(str).to_dict()
    assert status == {"ASC01": "Red", "ASC02": "Green", "ASC04": "Amber", "ASC05": "Not applicable"}
    assert any("it holds status words, beside the quarter's own figures column" in p.message and p.source == "Adults!F3"
               for p in kp.attrs["problems"])


def test_a_green_letter_marked_complete_in_brackets_is_read_complete(tmp_path):
    """A Council Plan tracker's 'G (complete)' beside G, A and R letters stopped the read (unknown status): it is Complete."""
    rows = [["Council Plan 2024-25: Q2 update"], ["Ref", "Action", "Lead officer", "Deadline", "Q2 RAG"],
            ["A1.1", "Open the new library", "Head of Culture", day(2024, 6, 30), "G (complete)"],
            ["A1.2", "Adopt the local plan", "Head of Planning", day(2024, 9, 13), "R"],
            ["A1.3", "Launch the tenants' panel", "Head of Housing", day(2025, 1, 31), "G"],
            ["A1.4", "Review the fleet", "Head of Transport", day(2025, 3, 31), "A"]]
    frame = perfkit.read_milestones(write_workbook(tmp_path / "plan.xlsx", [SheetSpec("Council Plan", rows)]))
    assert frame.set_index("milestone_id")["status"].astype(str).to_dict() == {
        "A1.1": "Complete", "A1.2": "Red", "A1.3": "Green", "A1.4": "Amber"}
    assert not [p for p in frame.attrs["problems"] if p.severity != "info"]
