"""The delivery plan perfkit was built around: title rows, priorities as section rows, a status per quarter."""

from __future__ import annotations

from layout_builders import SheetSpec, Truth, day, layout, write_workbook

import perfkit


@layout("delivery plan", "section rows and quarter columns")
def build_sections(folder):
    rows = [["Council Plan 2024/25: delivery plan monitoring"], [],
            ["Ref", "Milestone", "Lead officer", "Due date", "Q1 Status", "Q2 Status", "Q2 Commentary"]]
    statuses = {}
    n = 0
    for priority, items in (("Priority 1: Homes for all", ["Green", "Amber", "Red"]), ("Priority 2: A greener borough", ["Green", "Complete"])):
        rows.append([priority])
        for status in items:
            n += 1
            rows.append([f"M{n:02d}", f"Milestone {n}", "Head of Service", day(2025, 3, 31), "Green", status, "Update"])
            statuses[status] = statuses.get(status, 0) + 1
    path = write_workbook(folder / "delivery_plan_2024-25.xlsx", [SheetSpec("Milestones", rows)])
    return path, Truth({"milestones": n}, "2024/25 Q2", {"milestones": statuses},
                       {"milestones": {"priority": ["Homes for all"] * 3 + ["A greener borough"] * 2}},
                       {"milestones": ["2024/25 Q1", "2024/25 Q2"]})


def test_the_truth_is_the_generators_not_perfkits(tmp_path):
    path, truth = build_sections(tmp_path)
    frame = perfkit.read_milestones(path)
    assert truth.counts["milestones"] == 5 and frame["milestone_id"].nunique() == 5


@layout("delivery plan", "milestones added and dropped during the year: blank before their first status, and after their last")
def build_added_during_the_year(folder):
    rows = [["Council Plan 2024/25: delivery plan monitoring"], [],
            ["Ref", "Milestone", "Lead officer", "Due date", "Q1 RAG", "Q2 RAG", "Q3 RAG", "Comments"]]
    # (ref, Q1, Q2, Q3): M04 and M05 join in Q2 and Q3; M06 has no status in Q3, which must be warned about.
    items = [("M01", "Green", "Green", "Amber"), ("M02", "Amber", "Red", "Red"), ("M03", "Green", "Complete", "Complete"),
             ("M04", None, "Green", "Green"), ("M05", None, None, "Amber"), ("M06", "Green", "Amber", None)]
    rows.append(["Priority 1: Homes for all"])
    for ref, *quarters in items:
        rows.append([ref, f"Milestone {ref}", "Head of Service", day(2025, 3, 31), *quarters, "Update"])
    path = write_workbook(folder / "delivery_plan_2024-25.xlsx", [SheetSpec("Milestones", rows)])
    q3: dict[str, int] = {}
    for _, _, _, s in items:
        q3[s or "No data"] = q3.get(s or "No data", 0) + 1
    return path, Truth({"milestones": len(items)}, "2024/25 Q3", {"milestones": q3}, {},
                       {"milestones": ["2024/25 Q1", "2024/25 Q2", "2024/25 Q3"]})


def test_a_milestone_added_during_the_year_has_no_quarters_before_it(tmp_path):
    path, _ = build_added_during_the_year(tmp_path)
    frame = perfkit.read_milestones(path)
    held = frame.groupby("milestone_id")["period"].apply(lambda p: [perfkit.period_label(x) for x in p]).to_dict()
    assert held["M04"] == ["2024/25 Q2", "2024/25 Q3"] and held["M05"] == ["2024/25 Q3"]
    assert len(held["M06"]) == 3  # blank after a status: still reported, as No data
    problems = [str(p) for p in frame.attrs["problems"]]
    assert any("G10: no status given" in p for p in problems)  # M06's Q3
    assert not any(f"{cell}: no status given" in p for p in problems for cell in ("E8", "E9", "F9"))
    assert any("2 milestones with no status before their first: read as added during the year (M04 from 2024/25 Q2; "
               "M05 from 2024/25 Q3)" in p for p in problems)
    q1 = frame[frame["period"] == perfkit.parse_period("2024/25 Q1")]
    assert len(q1) == 4 and "No data" not in set(q1["status"].astype(str))


@layout("delivery plan", "well-being objectives: Objective and Step merged down over 'What we will do', letters from a key sheet")
def build_objective_step_action(folder):
    plan = [("WBO1: Giving every child the best start in life", "Step 1.1: Improve school attendance",
             [("1.1.1", "Roll out the attendance support team to all schools", "G", "C"), ("1.1.2", "Introduce an attendance dashboard", "G", "A")]),
            ("WBO1: Giving every child the best start in life", "Step 1.2: Expand childcare",
             [("1.2.1", "Deliver Flying Start expansion phase 2", "A", "A"), ("1.2.2", "Open a Welsh-medium cylch meithrin", "A", "R")]),
            ("WBO2: Supporting a green recovery", "Step 2.1: Cut the council's carbon emissions",
             [("2.1.1", "Install solar panels on ten council buildings", "G", "G"), ("2.1.2", "Switch the remaining street lights to LED", "G", "G")])]
    rows = [["Corporate Plan 2023-28: Well-being Objectives delivery plan 2024/25"], ["Half-year self-assessment (to 30 September 2024)"], [],
            ["Well-being Objective", "Step", "Ref", "What we will do", "Lead", "By when", "Q1 (Apr-Jun)", "Q2 (Jul-Sep)", "Progress to date"]]
    merges, titles, steps, wbos, q2 = [], [], [], [], {}
    letters = {"G": "Green", "A": "Amber", "R": "Red", "C": "Complete"}
    first_of = {}
    for wbo, step, actions in plan:
        top = len(rows) + 1
        first_of.setdefault(wbo, top)
        for i, (ref, action, s1, s2) in enumerate(actions):
            rows.append([wbo if first_of[wbo] == len(rows) + 1 else None, step if i == 0 else None, ref, action, "Head of Service",
                         day(2025, 3, 31), s1, s2, f"{action}: update at Q2."])
            titles.append(action)
            steps.append(step)
            wbos.append(wbo)
            q2[letters[s2]] = q2.get(letters[s2], 0) + 1
        merges.append(f"B{top}:B{len(rows)}")
    # the objectives are written once, above blank cells; each step is merged down over its actions
    key = [["Progress key"], [], ["G", "On track"], ["A", "Some delay"], ["R", "Significant delay"], ["C", "Completed"]]
    path = write_workbook(folder / "wbo_delivery_plan_2024-25.xlsx", [SheetSpec("Key", key), SheetSpec("WBO Delivery Plan", rows, merges=merges)])
    return path, Truth({"milestones": len(titles)}, "2024/25 Q2", {"milestones": q2},
                       {"milestones": {"title": titles, "objective": steps, "priority": wbos}},
                       {"milestones": ["2024/25 Q1", "2024/25 Q2"]})


@layout("delivery plan", "an unknown 'Standard' column written once at the top of each group, left of the reference")
def build_standard_once_per_group(folder):
    groups = [("Safety and Quality Standard", [("SQ1", "Close out the overdue gas services", "Amber", "Complete"),
                                              ("SQ2", "Complete a stock condition survey", "Green", "Green"),
                                              ("SQ3", "Introduce a damp and mould triage process", "Red", "Amber")]),
              ("Tenancy Standard", [("TS1", "Review the tenancy agreement", "Green", "Complete"),
                                    ("TS2", "Introduce tenancy sustainment visits", "Amber", "Red")])]
    rows = [["Consumer Standards - Self-assessment Improvement Plan"], ["Housing Services | Position at 31 December 2024"], [],
            ["Standard", "Ref", "Milestone", "Owner", "Target completion", "RAG Sept 24", "RAG Dec 24", "Evidence / update"]]
    q3, names = {}, []
    for standard, items in groups:
        for i, (ref, title, q2, q3_status) in enumerate(items):
            rows.append([standard if i == 0 else None, ref, title, "Housing Manager", day(2025, 3, 31), q2, q3_status, "Evidence held."])
            q3[q3_status] = q3.get(q3_status, 0) + 1
            names.append(standard)
    path = write_workbook(folder / "consumer_standards_plan_q3.xlsx", [SheetSpec("Plan", rows)])
    return path, Truth({"milestones": len(names)}, "2024/25 Q3", {"milestones": q3}, {"milestones": {"priority": names}},
                       {"milestones": ["2024/25 Q2", "2024/25 Q3"]})


@layout("delivery plan", "the priority merged down column A, 'Objective 1.1:' rows in the reference column beside it")
def build_objective_rows_beside_merged_priority(folder):
    plan = [("Priority 1: Prosperous Westhaven", [("Objective 1.1: Grow the local economy", [("P1.01", "Green"), ("P1.02", "Complete")]),
                                                  ("Objective 1.2: Good jobs for local people", [("P1.03", "Red")])]),
            ("Priority 2: Caring Westhaven", [("Objective 2.1: Independent lives", [("P2.01", "Amber"), ("P2.02", "Green")])])]
    rows = [["Council Plan milestones - 2024/25"], [], ["Priority", "Ref", "Milestone", "Lead officer", "Due date", "Q2 2024/25 Status"]]
    merges, priorities, objectives, q2 = [], [], [], {}
    for priority, objectives_of in plan:
        top = len(rows) + 1
        for k, (objective, items) in enumerate(objectives_of):
            rows.append([priority if k == 0 else None, objective])
            for ref, status in items:
                rows.append([None, ref, f"Milestone {ref}", "Head of Service", day(2025, 3, 31), status])
                priorities.append(priority.split(": ", 1)[1])
                objectives.append(objective.split(": ", 1)[1])
                q2[status] = q2.get(status, 0) + 1
        merges.append(f"A{top}:A{len(rows)}")
    path = write_workbook(folder / "council_plan_milestones_2024-25.xlsx", [SheetSpec("Milestones", rows, merges=merges)])
    return path, Truth({"milestones": len(priorities)}, "2024/25 Q2", {"milestones": q2},
                       {"milestones": {"priority": priorities, "objective": objectives}})


# The golden thread in rows: objective > strategy > tactic, and the milestones under each tactic (ref, title, directorate).
THREAD = [("Objective 1: A thriving economy", [
              ("Strategy 1.1: Help businesses grow", [
                  ("Tactic 1.1.1: Deliver the Growth Hub", [("1.1.1a", "Launch the portal", "Place", "Complete"),
                                                             ("1.1.1b", "Support 150 SMEs", "Place", "On track")]),
                  ("Tactic 1.1.2: Bring forward employment land", [("1.1.2a", "Adopt the SPD", "Place", "Significant slippage")])]),
              ("Strategy 1.2: Improve skills", [
                  ("Tactic 1.2.1: Expand adult learning", [("1.2.1a", "Open the Skills Centre", "People", "Minor slippage")])])]),
          ("Objective 2: Healthy communities", [
              ("Strategy 2.1: Support independent living", [
                  ("Tactic 2.1.1: Modernise home care", [("2.1.1a", "Re-commission home care", "People", "On track"),
                                                         ("2.1.1b", "Roll out telecare", "Resources", "Minor slippage")])])])]


@layout("delivery plan", "Objective > Strategy > Tactic section rows over the milestones, a Directorate column beside them")
def build_objective_strategy_tactic(folder):
    """Only the innermost heading was kept (as each milestone's priority), the objectives and strategies said to have no
    rows under them, and the brief laid out by directorate: the plan's own levels were lost."""
    rows = [["Anyshire County Council - Council Plan 2022-2026"], ["Performance monitoring: Quarter 2 2024/25"], [],
            ["Ref", "Milestone", "Lead officer", "Directorate", "Target date", "Q2 status"]]
    words = {"Complete": "Complete", "On track": "Green", "Minor slippage": "Amber", "Significant slippage": "Red"}
    cols: dict[str, list] = {"milestone_id": [], "objective": [], "strategy": [], "tactic": []}
    statuses: dict[str, int] = {}
    for objective, strategies in THREAD:
        rows.append([objective])
        for strategy, tactics in strategies:
            rows.append([strategy])
            for tactic, items in tactics:
                rows.append([tactic])
                for ref, title, directorate, status in items:
                    rows.append([ref, title, "Head of Service", directorate, day(2025, 3, 31), status])
                    for field, said in (("milestone_id", ref), ("objective", objective), ("strategy", strategy), ("tactic", tactic)):
                        cols[field].append(said.split(": ", 1)[-1])
                    statuses[words[status]] = statuses.get(words[status], 0) + 1
    path = write_workbook(folder / "council_plan_q2.xlsx", [SheetSpec("Council Plan Q2", rows)])
    return path, Truth({"milestones": len(cols["milestone_id"])}, "2024/25 Q2", {"milestones": statuses}, {"milestones": cols})


def test_the_golden_thread_in_rows_groups_the_plan_by_its_objectives(tmp_path):
    from perfkit.analyse.figures import grouping

    path, _ = build_objective_strategy_tactic(tmp_path)
    ms = perfkit.read_milestones(path)
    assert grouping(ms, "priority") == "objective"
    assert not [p for p in ms.attrs["problems"] if "no rows under it" in p.message]
